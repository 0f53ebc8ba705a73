"""The risk register's 5×5 heat map, drawn with reportlab.graphics (vector, no image files).

Likelihood runs up the side (5 at the top), impact along the bottom; each cell is filled
in its rating's colour (Red 15–25, Amber 8–14, Green 1–7) and shows how many risks sit in
it. The legend names each colour with its band, so nothing depends on colour alone.
"""
from __future__ import annotations

from collections import Counter

from reportlab.graphics.shapes import Drawing, Rect, String

from boardapp.domain.kpi import risk_rating
from boardapp.pack import styles as st

LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
BANDS = (("RED", "Red: 15–25"), ("AMBER", "Amber: 8–14"), ("GREEN", "Green: 1–7"))


def heat_map_drawing(counts: Counter[tuple[int, int]], *, title: str, cell: float = 40.0) -> Drawing:
    """A 5×5 grid of ``counts`` keyed by (likelihood, impact), with axes, words and a legend."""
    left, bottom = 92.0, 58.0
    grid = cell * 5
    width, height = left + grid + 12, bottom + grid + 26
    d = Drawing(width, height)
    d.add(String(0, height - 11, title, fontName=st.FONT_BOLD, fontSize=9.5, fillColor=st.INK))
    for likelihood in range(1, 6):
        y = bottom + (likelihood - 1) * cell
        for impact in range(1, 6):
            x = left + (impact - 1) * cell
            rating = risk_rating(likelihood * impact).value
            d.add(Rect(x, y, cell, cell, fillColor=st.BRAG_FILL[rating], strokeColor=st.INK, strokeWidth=0.6))
            n = counts.get((likelihood, impact), 0)
            ink = st.BRAG_INK[rating]
            if n:
                d.add(String(x + cell / 2, y + cell / 2 - 2, str(n), fontName=st.FONT_BOLD, fontSize=14,
                             fillColor=ink, textAnchor="middle"))
            d.add(String(x + cell - 3, y + 3, str(likelihood * impact), fontName=st.FONT, fontSize=6,
                         fillColor=ink, textAnchor="end"))
        d.add(String(left - 4, y + cell / 2 - 3, f"{likelihood} {LIKELIHOOD_WORDS[likelihood]}",
                     fontName=st.FONT, fontSize=7, fillColor=st.INK, textAnchor="end"))
    for impact in range(1, 6):
        x = left + (impact - 1) * cell + cell / 2
        d.add(String(x, bottom - 10, str(impact), fontName=st.FONT, fontSize=7, fillColor=st.INK,
                     textAnchor="middle"))
        d.add(String(x, bottom - 19, IMPACT_WORDS[impact], fontName=st.FONT, fontSize=6, fillColor=st.MUTED,
                     textAnchor="middle"))
    d.add(String(left + grid / 2, bottom - 31, "Impact", fontName=st.FONT_BOLD, fontSize=8, fillColor=st.INK,
                 textAnchor="middle"))
    d.add(String(0, bottom + grid + 4, "Likelihood", fontName=st.FONT_BOLD, fontSize=8, fillColor=st.INK))
    x = 0.0
    for rating, label in BANDS:
        d.add(Rect(x, 2, 10, 10, fillColor=st.BRAG_FILL[rating], strokeColor=st.INK, strokeWidth=0.4))
        d.add(String(x + 14, 4, label, fontName=st.FONT, fontSize=7.5, fillColor=st.INK))
        x += 78
    return d
