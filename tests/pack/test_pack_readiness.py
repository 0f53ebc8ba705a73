"""The pack's "Monitoring-visit readiness" section, read back with pypdf."""
from __future__ import annotations

from pathlib import Path

from pack_pdf import RenderedPack, ref_pattern, render

from boardapp.services.inspections.readiness import FIGURES
from boardapp.services.pack_data import parse_sections

TITLE = "Monitoring-visit readiness"


def test_the_section_has_its_outline_entry_under_the_agenda_item_presenting_it(demo_pack: RenderedPack) -> None:
    assert demo_pack.parent(TITLE) == "8. Readiness for the next monitoring visit"
    subs = [t for _level, t, _p in demo_pack.children(TITLE)]
    assert subs == ["Findings in focus", "Actions answering them", "Before the visit"]


def test_it_shows_the_summary_the_findings_with_their_actions_and_the_before_visit_list(demo_pack: RenderedPack) -> None:
    readiness = demo_pack.data.readiness  # type: ignore[attr-defined]
    assert readiness is not None and readiness.next_visit is not None
    text = demo_pack.text_of(demo_pack.section_pages(TITLE))
    flat = " ".join(text.split())
    assert readiness.next_visit.label in flat and readiness.next_visit.focus_area in flat
    for figure in FIGURES:
        assert figure.caption.split(" (")[0] in flat and figure.definition.split(" (")[0] in flat
    for finding in readiness.findings:
        assert finding.text[:40] in flat
    for action in readiness.actions:
        assert ref_pattern(action.row.ref).search(text), action.row.ref
    for group in readiness.before_visit:
        assert group.owner in flat
        for row in group.actions:
            assert ref_pattern(row.ref).search(text), row.ref


def test_before_visit_is_still_accepted_as_the_sections_other_name(demo_template: Path, tmp_path: Path) -> None:
    assert parse_sections("before_visit") == ("readiness",)
    assert parse_sections(["summary", "readiness", "before_visit"]) == ("summary", "readiness")
    pack = render(demo_template, tmp_path / "visit.pdf", sections="before_visit", papers=False)
    assert [(level, t) for level, t, _p in pack.outline() if level < 2] == [
        (0, "8. Readiness for the next monitoring visit"), (1, TITLE)]
