"""Exporting the pack: choices, errors, cancel, atomic write, the CLI."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pack_pdf import PACK_TODAY, render

from boardapp.db.workspace import open_workspace
from boardapp.pack.build import PackCancelled, PackError, export_pack
from boardapp.pack.sections import SECTIONS
from boardapp.services.pack_data import PACK_SECTIONS, SECTION_KEYS, parse_sections


def test_every_listed_section_has_a_builder_in_pack_order() -> None:
    assert tuple(s.key for s in SECTIONS) == SECTION_KEYS
    assert [s.title for s in SECTIONS] == [s.title for s in PACK_SECTIONS]
    assert {s.orientation for s in SECTIONS} <= {"portrait", "landscape"}


def test_sections_switched_off_are_absent(demo_template: Path, tmp_path: Path) -> None:
    pack = render(demo_template, tmp_path / "short.pdf", sections=["cover", "action_log"], papers=False)
    assert [(level, t) for level, t, _p in pack.outline() if level < 2] == [(0, "4. Action log"), (1, "Action log")]
    text = "\n".join(pack.texts)
    for absent in ("Exception report", "Action log summary", "Monitoring-visit readiness"):
        assert absent not in text
    assert pack.pages < 12
    assert f"Page {pack.pages} of {pack.pages}" in pack.texts[-1]


def test_marking_is_chosen_per_export(demo_template: Path, tmp_path: Path) -> None:
    # papers=False: a merged paper's own text may carry its author's marking; the pack's is stamped round it
    pack = render(demo_template, tmp_path / "official.pdf", marking="official", sections="summary", papers=False)
    for text in pack.texts:
        assert text.count("OFFICIAL") >= 2 and "OFFICIAL-SENSITIVE" not in text


def test_unknown_meeting_id_fails_clearly(demo_path: Path, tmp_path: Path) -> None:
    engine = open_workspace(demo_path)
    try:
        with pytest.raises(PackError, match=r"no meeting with id 999"):
            export_pack(engine, tmp_path / "x.pdf", meeting=999, today=PACK_TODAY)
        with pytest.raises(PackError, match=r"'next' or a meeting id"):
            export_pack(engine, tmp_path / "x.pdf", meeting="soon", today=PACK_TODAY)
    finally:
        engine.dispose()
    assert not list(tmp_path.glob("*.pdf"))


def test_no_planned_meeting_fails_clearly(demo_path: Path, tmp_path: Path) -> None:
    engine = open_workspace(demo_path)
    try:
        with pytest.raises(PackError, match=r"no board meeting is planned on or after 01/01/2031"):
            export_pack(engine, tmp_path / "x.pdf", today=PACK_TODAY.replace(year=2031, month=1, day=1))
    finally:
        engine.dispose()


def test_unknown_section_lists_the_valid_ones() -> None:
    with pytest.raises(PackError) as info:
        parse_sections(["cover", "minutez"])
    message = str(info.value)
    assert "'minutez'" in message and all(key in message for key in SECTION_KEYS)
    assert parse_sections("action_log, cover") == ("cover", "action_log")
    with pytest.raises(PackError, match="at least one"):
        parse_sections([])


def test_a_chosen_meeting_by_id(demo_path: Path, tmp_path: Path) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.services.meetings.calendar import list_meeting_rows

    engine = open_workspace(demo_path)
    try:
        with session_scope(engine) as session:
            oldest = list_meeting_rows(session=session)[-1]
        pages = export_pack(engine, tmp_path / "old.pdf", meeting=str(oldest.id), sections=["cover"], today=PACK_TODAY)
    finally:
        engine.dispose()
    from pypdf import PdfReader

    assert pages == 1
    assert f"{oldest.meeting_date:%B %Y}" in PdfReader(tmp_path / "old.pdf").pages[0].extract_text()


def test_cancel_leaves_no_file(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "pack.pdf"
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 40  # part-way through the layout

    engine = open_workspace(demo_path)
    try:
        with pytest.raises(PackCancelled):
            export_pack(engine, out, today=PACK_TODAY, cancelled=cancelled)
    finally:
        engine.dispose()
    assert calls["n"] > 40
    assert list(folder.iterdir()) == [], "no PDF and no temporary file is left"


def test_failed_export_keeps_the_previous_file(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "pack.pdf"
    out.write_bytes(b"previous pack")
    engine = open_workspace(demo_path)
    try:
        with pytest.raises(PackCancelled):
            export_pack(engine, out, today=PACK_TODAY, cancelled=lambda: True)
    finally:
        engine.dispose()
    assert out.read_bytes() == b"previous pack"
    assert [p.name for p in folder.iterdir()] == ["pack.pdf"]


def test_progress_rises_to_done(demo_path: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, str]] = []
    engine = open_workspace(demo_path)
    try:
        pages = export_pack(engine, tmp_path / "p.pdf", today=PACK_TODAY, progress=lambda p, m: seen.append((p, m)))
    finally:
        engine.dispose()
    percents = [p for p, _m in seen]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] == 100
    assert seen[-1][1] == f"Done: {pages} pages"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "boardapp", *args], capture_output=True, text=True, timeout=120)


def test_cli_pack_end_to_end(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli-pack.pdf"
    done = _cli("pack", "--db", str(demo_path), "--out", str(out), "--marking", "OFFICIAL",
                "--sections", "cover,contents,exceptions", "--no-papers")
    assert done.returncode == 0, done.stderr
    assert out.exists() and "pages" in done.stdout
    from pypdf import PdfReader

    reader = PdfReader(out)
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [
        "5. DCS progress and exception report"]
    assert reader.outline[1][0].title == "Exception report"
    assert all(p.extract_text().count("OFFICIAL") >= 2 for p in reader.pages)


def test_cli_pack_unknown_meeting_is_one_clear_line(demo_path: Path, tmp_path: Path) -> None:
    done = _cli("pack", "--db", str(demo_path), "--meeting", "999", "--out", str(tmp_path / "x.pdf"))
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "no meeting with id 999" in lines[0]
    assert not (tmp_path / "x.pdf").exists()


def test_cli_pack_unknown_section(demo_path: Path, tmp_path: Path) -> None:
    done = _cli("pack", "--db", str(demo_path), "--sections", "cover,horoscope", "--out", str(tmp_path / "x.pdf"))
    assert done.returncode != 0
    assert "'horoscope'" in done.stderr and "action_log" in done.stderr
