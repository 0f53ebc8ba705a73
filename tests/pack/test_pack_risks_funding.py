"""The pack's Risk register and Funding sections, read back with pypdf: outline entries and what they say."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pack_pdf import RenderedPack

from boardapp.domain.risks import PACK_THRESHOLD


def _section_text(pack: RenderedPack, title: str) -> str:
    return " ".join(pack.text_of(pack.section_pages(title)).split())


def test_both_sections_have_their_outline_entries(demo_pack: RenderedPack) -> None:
    outline = demo_pack.outline()
    assert demo_pack.parent("Risk register") == "10. Risk register"
    assert demo_pack.parent("Funding") == "11. Finance: DfE grant and budget"
    start = [i for i, (level, t, _p) in enumerate(outline) if level == 1 and t == "Risk register"][0]
    assert outline[start + 1][:2] == (2, f"Risks scored {PACK_THRESHOLD} or more")
    funding = [i for i, (level, t, _p) in enumerate(outline) if level == 1 and t == "Funding"][0]
    assert outline[funding + 1][:2] == (2, "DfE children's social care improvement grant")
    for _level, title, page in outline[start:funding + 2]:
        assert title in " ".join(demo_pack.texts[page - 1].split()), (title, page)


def test_risk_register_shows_the_heat_map_and_the_risks_scored_12_or_more(demo_pack: RenderedPack) -> None:
    text = _section_text(demo_pack, "Risk register")
    risks = demo_pack.data.risks  # type: ignore[attr-defined]
    live = [r for r in risks if r.status != "CLOSED"]
    high = [r for r in live if r.score >= PACK_THRESHOLD]
    assert len(risks) == 12 and len(high) == 7
    for words in ("Residual risk (with controls)", "Inherent risk (before controls)", "Likelihood", "Impact",
                  "Almost certain", "Severe", "Red: 15–25", "Amber: 8–14", "Green: 1–7",
                  f"{len(live)} live risks", f"{len(high)} scored {PACK_THRESHOLD} or more"):
        assert words in text, words
    table = text[text.index(f"Risks scored {PACK_THRESHOLD} or more ({len(high)})"):]
    table_part = table[:table.index("Other live risks")]
    for r in high:
        assert re.search(rf"\b{r.ref}\b", table_part), r.ref
        assert f"{r.likelihood} × {r.impact} = {r.score}" in table_part
        assert r.title in table_part and r.owner_name in table_part
    for r in live:
        if r.score < PACK_THRESHOLD:
            assert not re.search(rf"\b{r.ref}\b", table_part), r.ref
            assert f"{r.ref} {r.title} ({r.score})" in table
    closed = [r for r in risks if r.status == "CLOSED"]
    assert closed and all(r.title not in text for r in closed)
    assert "OVERDUE by 16 days" in text and "reviews are overdue: R06, R02" in text


def test_funding_shows_each_grant_with_its_lines_spent_remaining_and_totals(demo_pack: RenderedPack) -> None:
    text = _section_text(demo_pack, "Funding")
    (grant,) = demo_pack.data.grants  # type: ignore[attr-defined]
    assert "£342,752" in text and "Department for Education" in text and "01/04/2023 – 31/03/2025" in text
    for purpose, allocated in (("Improvement specialist", "£86,000"), ("Case-management IT system", "£130,000"),
                               ("Quality-assurance learning programme", "£92,000"), ("Training", "£35,000")):
        assert purpose in text and allocated in text
    from boardapp.domain.money import format_pence

    for line in grant.lines:
        assert format_pence(line.spent_pence) in text and format_pence(line.remaining_pence) in text
        assert line.action_refs.split(", ")[0] in text
    for words in ("All lines £343,000", "Grant total £342,752", "Over-allocated £248",
                  "Warning: The lines of DfE children's social care improvement grant add up to £343,000: £248 more "
                  "than the grant of £342,752.", format_pence(grant.remaining_pence), grant.spent_share):
        assert words in text, words


def test_sections_render_alone_and_with_nothing_to_show(workspace_path: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from sqlmodel import Session

    from boardapp.db.engine import session_scope
    from boardapp.db.models import Board, Meeting
    from boardapp.db.workspace import open_workspace
    from boardapp.pack.build import render_pack
    from boardapp.services.pack_data import build_pack_data

    engine = open_workspace(workspace_path)
    with Session(engine) as s:
        s.add(Board(name="Empty Board"))
        s.add(Meeting(meeting_date=date(2026, 12, 1)))
        s.commit()
    with session_scope(engine) as session:
        data = build_pack_data(session=session, today=date(2026, 11, 23), sections="risks,funding")
    engine.dispose()
    render_pack(data, tmp_path / "empty.pdf")
    reader = PdfReader(tmp_path / "empty.pdf")
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["Risk register", "Funding"]
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "No risks are recorded in the register." in text
    assert "No grants or other funding are recorded." in text
