"""The pack's embedded Unicode font (DejaVu Sans Condensed — close to Helvetica's widths, so layouts keep — shipped in ``resources/fonts``).

reportlab's standard Helvetica is Latin-1 only: Łukasz, ŵ, Greek, Cyrillic and Arabic
printed as ■. Every pack text goes through :class:`PackFont`, a TrueType font that

- prints a character the font has no glyph for as the visible replacement mark (U+FFFD),
  never the font's silent empty box, so a reader sees that something is missing;
- joins Arabic-script letters (arabic-reshaper: the contextual forms DejaVu Sans has) and
  puts right-to-left runs in visual order (python-bidi), one printed line at a time —
  reportlab wraps words in logical order and draws each line through ``splitString``, so
  reordering there is the Unicode bidi rule applied per line, as it should be.

Widths are measured on the same printed form, so wrapping and centring stay exact.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "BoardSans"
BOLD = "BoardSans-Bold"
REPLACEMENT = "\ufffd"

# Hebrew, Arabic, Syriac, Thaana, NKo … and the Arabic presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


class PackFont(TTFont):
    """A TrueType font that never prints a silent box and lays out right-to-left runs."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, shapable=False)
        self._glyphs = frozenset(self.face.charToGlyph)

    def printable(self, text: str) -> str:
        """The text as it is printed: missing glyphs replaced, RTL runs shaped and reordered."""
        if text.isascii():
            return text
        return _printable(self._glyphs, text)

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802 - reportlab API
        return super().stringWidth(self.printable(text), size, encoding)

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list:  # noqa: N802 - reportlab API
        return super().splitString(self.printable(text), doc, encoding)


def _printable(glyphs: frozenset[int], text: str) -> str:
    if _RTL.search(text):
        text = _visual_order(text)
    if all(ord(ch) in glyphs or ch in "\n\r\t" for ch in text):
        return text
    return "".join(ch if ord(ch) in glyphs or ch in "\n\r\t" else REPLACEMENT for ch in text)


@lru_cache(maxsize=4096)
def _visual_order(text: str) -> str:
    # Imported here: only text with Arabic or Hebrew letters needs them.
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


@lru_cache(maxsize=1)
def register() -> tuple[str, str]:
    """Register the pack's fonts once; returns (regular, bold) names for styles."""
    folder = resources.files("boardapp.resources") / "fonts"
    with resources.as_file(folder / "DejaVuSansCondensed.ttf") as regular, \
            resources.as_file(folder / "DejaVuSansCondensed-Bold.ttf") as bold:
        pdfmetrics.registerFont(PackFont(REGULAR, str(regular)))
        pdfmetrics.registerFont(PackFont(BOLD, str(bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD
