"""Cell fills as colours, and colours as BRAG: many trackers carry the rating only as a fill.

A fill's colour comes as RGB, as an index into Excel's legacy palette, or as a theme
colour with a tint; all three become 'RRGGBB' here. A colour is then read by its hue
(the shades people pick for "red" vary: FF0000, C00000, FFC7CE are all red), and a
grey, white or black fill means no rating.
"""
from __future__ import annotations

import colorsys
from typing import Any

from boardapp.domain.enums import Brag

#: The default Office theme's colours (lt1, dk1, lt2, dk2, accent1-6, hlink, folHlink), used
#: when a workbook carries no theme of its own.
OFFICE_THEME = ("FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5",
                "70AD47", "0563C1", "954F72")


def theme_colours(theme_xml: bytes | str | None) -> tuple[str, ...]:
    """The colour scheme of a workbook's theme part, in the order fills index it."""
    if not theme_xml:
        return OFFICE_THEME
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(theme_xml)
    except Exception:  # noqa: BLE001 - a damaged theme only loses theme-coloured fills
        return OFFICE_THEME
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f"{ns}themeElements/{ns}clrScheme")
    if scheme is None:
        return OFFICE_THEME
    found: dict[str, str] = {}
    for child in scheme:
        name = child.tag.removeprefix(ns)
        for colour in child:
            value = colour.get("lastClr") or colour.get("val") or ""
            if len(value) == 6:
                found[name] = value.upper()
    # Fills index the scheme as lt1, dk1, lt2, dk2 (the file lists dk1 first).
    order = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
             "hlink", "folHlink")
    return tuple(found.get(name, default) for name, default in zip(order, OFFICE_THEME))


def _apply_tint(rgb: str, tint: float) -> str:
    """Excel's tint: towards white (positive) or black (negative) in HLS lightness."""
    if not tint:
        return rgb
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lightness)), s)
    return "".join(f"{round(v * 255):02X}" for v in (r, g, b))


def fill_rgb(fill: Any, theme: tuple[str, ...] = OFFICE_THEME) -> str | None:
    """An openpyxl fill as 'RRGGBB' when it is a solid colour, else None."""
    if fill is None or getattr(fill, "fill_type", None) not in ("solid",):
        return None
    colour = getattr(fill, "fgColor", None)
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    if kind == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) in (6, 8):
        rgb = colour.rgb[-6:].upper()
    elif kind == "indexed" and isinstance(colour.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        if not 0 <= colour.indexed < len(COLOR_INDEX):
            return None
        rgb = COLOR_INDEX[colour.indexed][-6:].upper()
    elif kind == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(theme):
        rgb = theme[colour.theme]
    else:
        return None
    return _apply_tint(rgb, float(getattr(colour, "tint", 0) or 0))


def brag_of_colour(rgb: str | None) -> Brag | None:
    """The BRAG a fill colour stands for, or None for no colour / a neutral one."""
    if not rgb or len(rgb) != 6:
        return None
    try:
        r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if saturation < 0.15 or value < 0.25:
        return None  # white, grey or black
    degrees = hue * 360
    if degrees < 15 or degrees >= 330:
        return Brag.RED
    if degrees < 65:
        return Brag.AMBER  # orange, amber and yellow
    if degrees < 170:
        return Brag.GREEN
    if degrees < 265:
        return Brag.BLUE
    return None  # purple and pink are not BRAG colours


#: The fills the exporter writes (and that read back as the same rating).
BRAG_FILLS = {Brag.BLUE: "0070C0", Brag.GREEN: "00B050", Brag.AMBER: "FFC000", Brag.RED: "FF0000"}
