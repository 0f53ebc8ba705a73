"""Table rows are drawn in the regular face: a bold header never leaks into the rows under it.

The pack's tables write their text with cached PDF operators; reportlab switches TrueType
subsets only when a line needs another subset than the current one, so a cached line replayed
in another state once carried on in the header's bold (too wide for its column: text ran
into the next column and off the table).
"""
from __future__ import annotations

from typing import Any


def _bold_fragments(reader: Any) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for number, page in enumerate(reader.pages, start=1):
        def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: Any, number: int = number) -> None:
            name = str((font or {}).get("/BaseFont", ""))
            if "Bold" in name and text.strip():
                found.append((number, text.strip()))
        page.extract_text(visitor_text=visit)
    return found


def test_no_action_title_is_drawn_in_bold(demo_pack: Any) -> None:
    titles = {a.title for a in demo_pack.data.actions}
    assert len(titles) > 50
    bold = _bold_fragments(demo_pack.reader)
    assert bold, "headers and headings are bold: the check must see them"
    leaked = [(page, text) for page, text in bold if len(text) >= 12 and any(t.startswith(text) for t in titles)]
    assert leaked == []
