"""The pack's Performance scorecard, read back with pypdf: its outline entries, the table and the trends."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader

RenderedPack = Any  # tests/pack/conftest.py's RenderedPack (the demo_pack fixture)


def _text(pack: RenderedPack) -> str:
    return " ".join(pack.text_of(pack.section_pages("Performance scorecard")).split())


def test_the_section_has_its_outline_entries_under_its_agenda_item(demo_pack: RenderedPack) -> None:
    outline = demo_pack.outline()
    assert demo_pack.parent("Performance scorecard") == "9. Performance scorecard"
    start = next(i for i, (level, t, _p) in enumerate(outline) if level == 1 and t == "Performance scorecard")
    assert outline[start + 1][:2] == (2, "Trends of the measures off target")
    for _level, title, page in outline[start:start + 2]:
        assert title in " ".join(demo_pack.texts[page - 1].split())


def test_the_table_has_every_measure_with_value_target_floor_rag_word_direction_and_comparators(
        demo_pack: RenderedPack) -> None:
    text = _text(demo_pack)
    rows = demo_pack.data.scorecard.rows  # type: ignore[attr-defined]
    assert len(rows) == 12 and {r.rag.label for r in rows} == {"Green", "Amber", "Red"}
    for words in ("Latest", "Target", "Floor", "RAG", "vs previous", "vs last year", "England", "Region",
                  "Neighbours", "published figures for 2023-24"):
        assert words in text, words
    greens = sum(r.rag.label == "Green" for r in rows)
    assert f"12 measures as at 11 September 2024, latest figures for August 2024: {greens} Green" in text
    k07 = next(r for r in rows if r.code == "K07")
    assert re.search(r"K07 Average social worker caseload.*?Aug 2024 19\.6 children 18 children 19 children "
                     rf"{k07.rag.label} (Better|Worse|Same) (Better|Worse|Same) 16\.6 children 16\.1 children "
                     r"16\.3 children", text), text[text.index("K07"):][:200]
    k08 = next(r for r in rows if r.code == "K08")
    assert f"23% 15% 17% {k08.rag.label}" in text


def test_trend_charts_only_for_the_measures_off_target(demo_pack: RenderedPack) -> None:
    text = _text(demo_pack)
    rows = demo_pack.data.scorecard.rows  # type: ignore[attr-defined]
    off = [r for r in rows if r.rag is not None and r.rag.label != "Green"]
    trends = text[text.index("Trends of the measures off target"):]
    assert f"Trends of the measures off target ({len(off)})" in trends
    for r in rows:
        assert (f"{r.code} {r.title}" in trends) == (r in off), r.code
    for words in ("Value", "Target", "Floor", "England", "Region", "Stat. neighbours", "Aug 24"):
        assert words in trends, words


def test_a_workspace_without_measures_says_so(workspace_path: Path, tmp_path: Path) -> None:
    from datetime import date

    from sqlmodel import Session

    from boardapp.db.models import Meeting
    from boardapp.db.workspace import open_workspace

    engine = open_workspace(workspace_path)
    with Session(engine) as s:
        s.add(Meeting(title="Improvement board", meeting_date=date(2024, 9, 24)))
        s.commit()
    from boardapp.db.engine import session_scope
    from boardapp.pack.build import render_pack
    from boardapp.services.pack_data import build_pack_data

    with session_scope(engine) as session:
        data = build_pack_data(session=session, today=date(2024, 9, 11), sections="scorecard")
    engine.dispose()
    render_pack(data, tmp_path / "empty.pdf")
    text = " ".join(PdfReader(tmp_path / "empty.pdf").pages[0].extract_text().split())
    assert "Performance scorecard" in text and "No performance measures are recorded." in text
