"""Look of the pack: page geometry, colours, cached paragraph styles and fast text wrapping.

Styles are built once at import and shared; building a ParagraphStyle or TableStyle
per row is what makes long reportlab tables slow.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from boardapp.domain.enums import Brag
from boardapp.pack import fonts

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 36.0
MARGIN_TOP = 58.0
MARGIN_BOTTOM = 56.0

# An embedded Unicode TrueType font (pack/fonts.py): Helvetica is Latin-1 only.
FONT, FONT_BOLD = fonts.register()
BODY_SIZE = 9.5
TABLE_SIZE = 8.0
TABLE_LEADING = 9.6
CELL_PAD_X = 3.0
CELL_PAD_Y = 2.5

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8C8C8C")
GRID = colors.HexColor("#B4B4B4")
HEADER_FILL = colors.HexColor("#1F3A5F")
HEADER_INK = colors.white
ZEBRA = colors.HexColor("#F3F5F8")
MARKING_INK = colors.HexColor("#B00020")

#: Fill and text colour of each BRAG cell. The word is always printed in the cell, so
#: nothing depends on colour; the pairs keep at least 4.5:1 contrast.
BRAG_FILL: dict[str, colors.Color] = {
    Brag.RED.value: colors.HexColor("#C62828"),
    Brag.AMBER.value: colors.HexColor("#F4B400"),
    Brag.GREEN.value: colors.HexColor("#2E7D32"),
    Brag.BLUE.value: colors.HexColor("#1565C0"),
}
BRAG_INK: dict[str, colors.Color] = {
    Brag.RED.value: colors.white,
    Brag.AMBER.value: colors.black,
    Brag.GREEN.value: colors.white,
    Brag.BLUE.value: colors.white,
}


def brag_word(brag: str) -> str:
    return Brag(brag).label if brag in Brag.__members__ else brag.title()


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {"fontName": FONT, "fontSize": BODY_SIZE, "leading": BODY_SIZE * 1.3, "textColor": INK}
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


BODY = _style("Body", spaceAfter=4)
SMALL = _style("Small", fontSize=8, leading=10, textColor=MUTED)
H1 = _style("H1", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=8, textColor=HEADER_FILL)
H2 = _style("H2", fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=5, textColor=HEADER_FILL)
COVER_TITLE = _style("CoverTitle", fontName=FONT_BOLD, fontSize=26, leading=32, alignment=TA_LEFT, textColor=HEADER_FILL)
COVER_SUB = _style("CoverSub", fontName=FONT, fontSize=15, leading=20, textColor=INK, spaceAfter=2)
COVER_MARKING = _style("CoverMarking", fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER,
                       textColor=MARKING_INK)
CELL_BOLD = _style("CellBold", fontName=FONT_BOLD, fontSize=TABLE_SIZE, leading=TABLE_LEADING)
TOC_LEVEL0 = _style("Toc0", fontName=FONT_BOLD, fontSize=11, leading=15)
TOC_LEVEL1 = _style("Toc1", fontName=FONT, fontSize=9.5, leading=13, leftIndent=16)


@lru_cache(maxsize=4)
def _space_width(font: str, size: float) -> float:
    return stringWidth(" ", font, size)


_WORD_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def wrap_text(text: str, width: float, font: str = FONT, size: float = TABLE_SIZE, max_lines: int = 0) -> list[str]:
    """Greedy word wrap measured with the font's metrics; word widths are cached.

    reportlab applies no kerning, so a line's width is the sum of its words and
    spaces: far cheaper than a Paragraph and exact for plain text.
    """
    if not text:
        return [""]
    cache = _WORD_WIDTHS.setdefault((font, size), {})
    space = _space_width(font, size)
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        current: list[str] = []
        used = 0.0
        for word in para.split():
            w = cache.get(word)
            if w is None:
                w = cache[word] = stringWidth(word, font, size)
            if w > width:  # a word longer than the column: break it by characters
                if current:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                lines.extend(_break_word(word, width, font, size))
                continue
            needed = w if not current else used + space + w
            if current and needed > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                current.append(word)
                used = needed
        lines.append(" ".join(current))
        if max_lines and len(lines) > max_lines:
            break
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and stringWidth(last + " …", font, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + " …"
    return lines


def _break_word(word: str, width: float, font: str, size: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and stringWidth(current + ch, font, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def escape(text: str) -> str:
    """Plain text made safe for Paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

ITEM_KICKER = _style("ItemKicker", fontName=FONT_BOLD, fontSize=10, leading=13, textColor=MUTED, spaceAfter=2)
APPENDIX_KICKER = _style("AppendixKicker", fontName=FONT_BOLD, fontSize=10, leading=13, textColor=MUTED,
                         spaceAfter=2)
CELL = _style("Cell", fontSize=TABLE_SIZE, leading=TABLE_LEADING)
CELL_HEAD = _style("CellHead", fontName=FONT_BOLD, fontSize=TABLE_SIZE, leading=TABLE_LEADING, textColor=HEADER_INK)
CELL_HEAD_RIGHT = _style("CellHeadRight", fontName=FONT_BOLD, fontSize=TABLE_SIZE, leading=TABLE_LEADING, textColor=HEADER_INK,
                         alignment=TA_RIGHT)
CELL_MUTED = _style("CellMuted", fontSize=TABLE_SIZE, leading=TABLE_LEADING, textColor=MUTED)
