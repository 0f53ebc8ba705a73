"""The pack in agenda order with papers merged in place, its confidential part and supplements (read with pypdf)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pack_pdf import PACK_TODAY, PAPERS, RenderedPack, render, text_heights
from pypdf import PdfReader

from boardapp.db.workspace import open_workspace
from boardapp.pack.build import PackError, export_all

MAIN_PAPERS = [m for m, (title, _n, _s, late) in PAPERS.items() if not late and not title.startswith("Commissioning")]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_outline_matches_contents_entry_for_entry_including_papers(papered_pack: RenderedPack) -> None:
    outline = papered_pack.outline()
    assert papered_pack.outline_against_contents() == papered_pack.contents_entries()
    titles = [t for _l, t, _p in outline]
    for marker in MAIN_PAPERS:
        assert f"{marker} paper" in titles
    root = papered_pack.reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines" and root["/Lang"] == "en-GB"  # kept through the merge
    assert papered_pack.reader.metadata is not None and "meeting pack" in (papered_pack.reader.metadata.title or "")
    assert "Contents" not in titles
    for _level, title, page in outline:
        shown = _flat(papered_pack.texts[page - 1])  # an item with nothing in the pack: its agenda row
        assert _flat(title) in shown or _flat(title.split(" ", 1)[1]) in shown, (title, page)


def test_sections_follow_the_agenda_then_the_appendix(papered_pack: RenderedPack) -> None:
    agenda = papered_pack.data.meeting_pack.agenda  # type: ignore[attr-defined]
    top = [t for level, t, _p in papered_pack.outline() if level == 0]
    items = [f"{a.number}. {a.title}" + (" (confidential — circulated separately)" if a.confidential else "")
             for a in agenda if a.depth == 0]
    assert top[:len(items) + 1] == ["Agenda", *items]
    assert top[len(items) + 1:] == ["Matters arising", "Decisions log", "Performance scorecard"]  # no item has these
    outline = papered_pack.outline()
    under = {}
    current = ""
    for level, title, _p in outline:
        if level == 0:
            current = title
        elif level == 1:
            under.setdefault(current, []).append(title)
    assert under["3. Action log and challenge log"] == ["Action log", "3.1 Challenge log review"]
    assert under["4. DCS progress and exception report"] == ["Exception report", "DCSPROGRESS paper"]
    assert under["6. Deep dive: Workforce"] == ["WORKFORCEDEEPDIVE paper", "ODDSIZEDPAPER paper"]
    # items with content follow in page order; the others (nothing in the pack) open their agenda line
    contents = dict(papered_pack.contents_entries())
    pages = [p for level, t, p in outline if level == 0 and not isinstance(contents[t], str)]
    assert pages == sorted(pages)
    assert contents["1. Welcome, apologies and declarations of interest"] == "no paper"
    assert contents["12. Commissioning: residential placement contract (confidential — circulated separately)"] \
        == "Part B"


def test_every_page_including_papers_has_the_marking_twice_and_page_x_of_y(papered_pack: RenderedPack) -> None:
    total = papered_pack.pages
    assert total == len(papered_pack.reader.pages)
    for number, text in enumerate(papered_pack.texts, start=1):
        assert text.count("OFFICIAL-SENSITIVE") >= 2, number
        assert re.findall(r"Page (\d+) of (\d+)", text) == [(str(number), str(total))], number


def test_merged_papers_keep_their_text_orientation_and_clear_the_furniture(papered_pack: RenderedPack) -> None:
    outline = {t: p for _l, t, p in papered_pack.outline()}
    for marker, (_item, pages, size, _late) in PAPERS.items():
        if marker not in MAIN_PAPERS:
            continue
        divider = outline[f"{marker} paper"]
        assert f"{pages} page" in papered_pack.texts[divider - 1] and "Test Author" in papered_pack.texts[divider - 1]
        for n in range(1, pages + 1):
            page_no = divider + n
            text = papered_pack.texts[page_no - 1]
            for where in ("top of page", "body text page", "foot of page"):
                assert f"{marker} {where} {n}" in text, (marker, n, where)
            box = papered_pack.reader.pages[page_no - 1].mediabox
            assert (float(box.width) > float(box.height)) == (size[0] > size[1]), (marker, "orientation kept")
            _paper_text_clear_of_furniture(papered_pack, page_no, marker)


def _paper_text_clear_of_furniture(pack: RenderedPack, page_no: int, marker: str) -> None:
    page = pack.reader.pages[page_no - 1]
    height = float(page.mediabox.height)
    ys = text_heights(page, marker)
    assert ys, marker
    assert all(46 < y < height - 46 for y in ys), (marker, ys)


def test_agenda_shows_times_presenters_and_paper_pages(papered_pack: RenderedPack) -> None:
    agenda_page = papered_pack.section_pages("Agenda")[0]
    text = _flat(papered_pack.texts[agenda_page - 1])
    assert "10:00" in text and "Dr Helen Marchbank" in text and "Discussion" in text
    assert "(confidential — circulated separately)" in text
    divider = {t: p for _l, t, p in papered_pack.outline()}["DCSPROGRESS paper"]
    assert re.search(rf"Paper: DCSPROGRESS paper, Test Author \(3 pages\).*\b{divider}\b", text)


def test_main_pack_has_no_confidential_or_late_text(papered_pack: RenderedPack) -> None:
    everything = "\n".join(papered_pack.texts)
    assert "PARTBSECRET" not in everything
    assert "LATERISKUPDATE top of page" not in everything
    assert "Late papers to follow in the next supplement: LATERISKUPDATE paper" in _flat(everything)


def test_no_papers_and_sections_leave_out_what_they_say(papered_template: Path, tmp_path: Path) -> None:
    pack = render(papered_template, tmp_path / "bare.pdf", papers=False, sections="cover,contents,agenda,risks")
    everything = "\n".join(pack.texts)
    for marker in PAPERS:
        assert f"{marker} top of page" not in everything
    top = [t for level, t, _p in pack.outline() if level == 0]
    assert "9. Risk register" in top and "Risk register" in [t for _l, t, _p in pack.outline()]
    for absent in ("Exception report", "Action log summary", "Funding", "Matters arising"):
        assert absent not in [t for _l, t, _p in pack.outline()]


def _export(path: Path, out: Path, **options: object) -> object:
    engine = open_workspace(path)
    try:
        return export_all(engine, out, today=PACK_TODAY, **options)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _read(path: Path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(path)
    return reader, [p.extract_text() for p in reader.pages]


def test_confidential_part_is_separate_marked_and_numbered(papered_template: Path, tmp_path: Path) -> None:
    result = _export(papered_template, tmp_path / "pack.pdf", marking="OFFICIAL",
                     confidential_out=tmp_path / "part-b.pdf")
    reader, texts = _read(tmp_path / "part-b.pdf")
    assert result.confidential_pages == len(texts)  # type: ignore[attr-defined]
    assert "Confidential part (Part B" in _flat(texts[0])
    for n, text in enumerate(texts, start=1):
        assert text.count("OFFICIAL-SENSITIVE") >= 2
        assert f"Page {n} of {len(texts)}" in text
    assert any("PARTBSECRET body text page 2" in t for t in texts)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["Agenda: confidential items (Part B)", "12. Commissioning: residential placement contract"]
    _main_reader, main = _read(tmp_path / "pack.pdf")
    assert not any("PARTBSECRET" in t for t in main)
    assert all("OFFICIAL-SENSITIVE" not in t.replace("marked OFFICIAL-SENSITIVE", "") for t in main)


def test_supplement_has_its_own_cover_numbering_and_the_late_paper(papered_template: Path, tmp_path: Path) -> None:
    import shutil

    work = tmp_path / "work.db"
    shutil.copy(papered_template, work)
    result = _export(work, tmp_path / "supp.pdf", supplement=1, final_by="Tester")
    reader, texts = _read(tmp_path / "supp.pdf")
    assert result.pages == len(texts)  # type: ignore[attr-defined]
    assert "Supplement 1 to the pack of 24 September 2024" in _flat(texts[0])
    for n, text in enumerate(texts, start=1):
        assert f"Page {n} of {len(texts)}" in text and text.count("OFFICIAL-SENSITIVE") >= 2
    assert any("LATERISKUPDATE foot of page 2" in t for t in texts)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["9. Risk register"]
    # recorded as sent in Supplement 1: the main pack's contents now lists it
    _export(work, tmp_path / "rebuilt.pdf")
    pack_reader, pack_texts = _read(tmp_path / "rebuilt.pdf")
    contents = _flat(pack_texts[1])
    assert "Supplement 1 (circulated separately)" in contents
    with pytest.raises(PackError, match="nothing for Supplement 3"):
        _export(work, tmp_path / "none.pdf", supplement=3)
    assert not (tmp_path / "none.pdf").exists()


def test_an_unreadable_paper_stops_the_export_naming_it(papered_template: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3
    from contextlib import closing

    work = tmp_path / "broken.db"
    shutil.copy(papered_template, work)
    with closing(sqlite3.connect(work)) as db:
        db.execute("UPDATE paper SET content = ? WHERE title = 'DCSPROGRESS paper'", (b"%PDF-1.4 not really",))
        db.commit()
    out = tmp_path / "pack.pdf"
    with pytest.raises(PackError, match=r"the paper 'DCSPROGRESS paper' \(dcsprogress.pdf\) for item 4"):
        _export(work, out)
    assert not out.exists()
    assert list(tmp_path.glob(".pack*")) == []
    pages = _export(work, out, papers=False).pages  # type: ignore[attr-defined]
    assert pages > 10


def test_final_export_records_the_pack_as_issued(papered_template: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3
    from contextlib import closing

    work = tmp_path / "issue.db"
    shutil.copy(papered_template, work)
    result = _export(work, tmp_path / "pack.pdf", final_by="Tester")
    with closing(sqlite3.connect(work)) as db:
        issued = db.execute("SELECT pack_issued_at FROM meeting WHERE id = ?", (result.meeting_id,)).fetchone()[0]  # type: ignore[attr-defined]
        who = db.execute("SELECT who FROM auditentry WHERE field = 'pack_issued_at'").fetchone()[0]
    assert issued and who == "Tester"
