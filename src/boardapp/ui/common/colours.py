"""BRAG colours shared by painted widgets (the QSS chips use the same values).

Colour never carries meaning alone: everywhere a colour is shown, its word is too.
Each pair is (background, text) with a contrast ratio of at least 4.5:1.
"""
from __future__ import annotations

BRAG_COLOURS: dict[str, tuple[str, str]] = {
    "RED": ("#b3261e", "#ffffff"),
    "AMBER": ("#f2b01e", "#1a1a1a"),
    "GREEN": ("#1e6b34", "#ffffff"),
    "BLUE": ("#1f4e9c", "#ffffff"),
}

BRAG_WORDS: dict[str, str] = {"RED": "Red", "AMBER": "Amber", "GREEN": "Green", "BLUE": "Blue"}
