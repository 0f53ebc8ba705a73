"""The demo pack read back with pypdf: contents, outline, page furniture, metadata, content."""
from __future__ import annotations

import re

from pack_pdf import RenderedPack, ref_pattern

from boardapp.domain.enums import Brag


def test_outline_matches_contents_and_pages(demo_pack: RenderedPack) -> None:
    outline = demo_pack.outline()
    assert demo_pack.outline_against_contents() == demo_pack.contents_entries()
    levels = {level for level, _t, _p in outline}
    assert levels == {0, 1, 2}, "the outline nests agenda item → section (or paper) → part"
    top = [t for level, t, _p in outline if level == 0]
    assert "Contents" not in top, "the contents does not list itself"
    # the demo's agenda presents every section, so nothing is left for an appendix
    assert top == ["Agenda", *[f"{a.number}. {a.title}" for a in demo_pack.data.meeting_pack.agenda if a.depth == 0]]
    sections = [t for level, t, _p in outline if level == 1]
    assert [s for s in sections if not s.startswith(("DCS progress", "Deep dive"))] == [
        "Minutes of the last meeting", "Matters arising", "Action log", "Exception report", "Action log summary",
        "Monitoring-visit readiness", "Performance scorecard", "Risk register", "Funding", "Challenge log",
        "Decisions log"], "the sections follow the agenda"
    for _level, title, page in outline:  # each bookmark lands on the page that shows its heading
        shown = " ".join(demo_pack.texts[page - 1].split())  # an item with nothing in the pack: its agenda row
        assert title in shown or title.split(" ", 1)[1] in shown, (title, page)


def test_action_log_outline_lists_every_theme(demo_pack: RenderedPack) -> None:
    themes = [t for _lvl, t, _p in demo_pack.children("Action log")]
    expected = [f"{t.code} {t.title}" for t in demo_pack.data.summary.by_theme]  # type: ignore[attr-defined]
    assert themes == expected


def test_every_page_has_marking_top_and_bottom_and_page_x_of_y(demo_pack: RenderedPack) -> None:
    marking = demo_pack.data.marking  # type: ignore[attr-defined]
    assert marking == "OFFICIAL-SENSITIVE"
    total = demo_pack.pages
    assert len(demo_pack.reader.pages) == total
    for number, page in enumerate(demo_pack.reader.pages, start=1):
        text = demo_pack.texts[number - 1]
        assert text.count(marking) >= 2, number
        assert f"Page {number} of {total}" in text
        assert re.findall(r"Page (\d+) of (\d+)", text) == [(str(number), str(total))]
        height = float(page.mediabox.height)
        ys: list[float] = []

        def visit(txt: str, _cm: object, tm: list[float], _fd: object, _fs: object) -> None:
            if txt.strip() == marking:
                ys.append(tm[5])

        page.extract_text(visitor_text=visit)
        assert any(y > height - 40 for y in ys), f"page {number}: no marking at the top"
        assert any(y < 40 for y in ys), f"page {number}: no marking at the bottom"


def test_metadata_and_language(demo_pack: RenderedPack) -> None:
    meta = demo_pack.reader.metadata
    board = demo_pack.data.board_name  # type: ignore[attr-defined]
    assert meta is not None
    assert meta.title and board in meta.title and "meeting pack" in meta.title
    assert meta.author and board in meta.author
    assert meta.subject and "Papers for the" in meta.subject
    keywords = str(meta.get("/Keywords", ""))
    assert "meeting pack" in keywords and "OFFICIAL-SENSITIVE" in keywords
    root = demo_pack.reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/PageMode"] == "/UseOutlines"


def test_exception_report_shows_red_overdue_and_not_complete(demo_pack: RenderedPack) -> None:
    actions = demo_pack.data.actions  # type: ignore[attr-defined]
    red_overdue = [a for a in actions if a.brag == Brag.RED and a.overdue]
    complete = [a for a in actions if a.brag == Brag.BLUE]
    assert red_overdue and complete, "the demo has red overdue and complete actions"
    text = demo_pack.text_of(demo_pack.section_pages("Exception report"))
    for action in red_overdue:
        assert ref_pattern(action.ref).search(text), action.ref
    for action in complete:
        assert not ref_pattern(action.ref).search(text), action.ref
    assert re.search(r"\d+ days\s+overdue", text)


def test_brag_is_written_not_only_coloured(demo_pack: RenderedPack) -> None:
    text = demo_pack.text_of(demo_pack.section_pages("Action log"))
    for word in ("Red", "Amber", "Green"):
        assert re.search(rf"\b{word}\b", text)
    summary = demo_pack.text_of(demo_pack.section_pages("Action log summary"))
    assert "Blue" in summary and "All actions" in summary


def test_long_tables_repeat_their_header_on_every_page(demo_pack: RenderedPack) -> None:
    for page in demo_pack.section_pages("Action log"):
        assert "Latest update" in demo_pack.texts[page - 1], page


def test_complete_actions_are_summarised_in_the_log(demo_pack: RenderedPack) -> None:
    text = demo_pack.text_of(demo_pack.section_pages("Action log"))
    assert "Complete (Blue):" in text


def test_before_visit_lists_open_actions_due_before_the_visit(demo_pack: RenderedPack) -> None:
    data = demo_pack.data
    due = data.summary.due_before_visit  # type: ignore[attr-defined]
    assert due and data.next_visit is not None  # type: ignore[attr-defined]
    assert all(a.status != "COMPLETE" and a.effective_due <= data.next_visit.start_date for a in due)  # type: ignore[attr-defined]
    text = demo_pack.text_of(demo_pack.section_pages("Monitoring-visit readiness"))
    for action in due:
        assert ref_pattern(action.ref).search(text), action.ref


def test_cover_names_meeting_chair_marking_and_version(demo_pack: RenderedPack) -> None:
    data = demo_pack.data
    cover = " ".join(demo_pack.texts[0].split())
    assert data.board_name in cover  # type: ignore[attr-defined]
    assert data.pack_version in cover  # type: ignore[attr-defined]
    assert data.chair_name and data.chair_name in cover  # type: ignore[attr-defined]
    assert f"{data.meeting.meeting_date:%B %Y}" in cover  # type: ignore[attr-defined]
    assert "Protective marking" in cover


def test_exception_report_lists_each_action_once_with_its_other_reasons(demo_pack: RenderedPack) -> None:
    text = demo_pack.text_of(demo_pack.section_pages("Exception report"))
    refs = [a.ref for a in demo_pack.data.actions if not a.deleted]  # type: ignore[attr-defined]
    counts = {ref: len(ref_pattern(ref).findall(text)) for ref in refs}
    assert max(counts.values()) == 1, {r: c for r, c in counts.items() if c > 1}
    assert re.search(r"Also:\s+overdue", text), "a Red action that is also overdue says so beside it"


def test_brag_key_on_the_summary_and_the_action_log(demo_pack: RenderedPack) -> None:
    for title in ("Action log summary", "Action log"):
        first = " ".join(demo_pack.texts[demo_pack.section_pages(title)[0] - 1].split())
        for entry in ("Blue: complete", "Green: on track", "Amber: in progress, at risk",
                      "Red: off track, needs action now"):
            assert entry in first, (title, entry)


def test_the_demos_papers_are_merged_with_their_own_text_and_orientation(demo_pack: RenderedPack) -> None:
    dividers = {t: p for level, t, p in demo_pack.outline() if level == 1}  # a paper's entry is under its item
    for title, landscape in (("DCS progress and exception report", False), ("Deep dive: workforce stability", True)):
        divider = dividers[title]
        assert "2 pages, after this page" in demo_pack.texts[divider - 1]
        first = " ".join(demo_pack.texts[divider].split())
        assert title in first and "Report of" in first and "1. Purpose" in first, title
        for page_no in (divider + 1, divider + 2):
            box = demo_pack.reader.pages[page_no - 1].mediabox
            assert (float(box.width) > float(box.height)) == landscape, (title, page_no)
    deep_dive = " ".join(demo_pack.text_of(range(dividers["Deep dive: workforce stability"] + 1,
                                                 dividers["Deep dive: workforce stability"] + 3)).split())
    assert "Assessment North" in deep_dive and "All teams" in deep_dive and "5. Asks of the board" in deep_dive
