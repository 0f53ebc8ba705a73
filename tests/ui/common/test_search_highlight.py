"""Where search words are marked in a cell's text."""
from __future__ import annotations

from boardapp.ui.common.search_highlight import match_spans


def test_every_occurrence_case_insensitive_overlaps_merged() -> None:
    assert match_spans("Threshold guidance: the threshold", ["threshold"]) == [(0, 9), (24, 9)]
    assert match_spans("referrals", ["refer", "ferrals"]) == [(0, 9)]
    assert match_spans("a+b (c)", ["+b (", ""]) == [(1, 4)]
    assert match_spans("nothing here", []) == []
