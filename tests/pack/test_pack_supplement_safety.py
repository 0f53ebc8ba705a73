"""A confidential late paper's own supplement, and exports that leave nothing behind (read with pypdf)."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from pack_pdf import PACK_TODAY, make_pdf
from pypdf import PdfReader

from boardapp.db.workspace import open_workspace
from boardapp.pack.build import PackError, clean_stale_parts, export_all

SECRET_LATE = "CONFLATESECRET"


def _export(path: Path, out: Path, **options: object) -> object:
    engine = open_workspace(path)
    try:
        return export_all(engine, out, today=PACK_TODAY, **options)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _texts(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


@pytest.fixture
def secret_late(papered_template: Path, tmp_path: Path) -> Path:
    """The papered workspace plus a late paper on its confidential (Part B) item."""
    work = tmp_path / "secret-late.db"
    shutil.copy(papered_template, work)
    content = make_pdf(SECRET_LATE, 2)
    with closing(sqlite3.connect(work)) as db:
        item, meeting = db.execute("SELECT id, meeting_id FROM agendaitem WHERE confidential = 1").fetchone()
        db.execute("INSERT INTO paper (meeting_id, agenda_item_id, title, author, file_name, page_count, size_bytes,"
                   " sha256, content, added_at, late, sort_order, version) VALUES (?, ?, ?, 'Test Author', 'late.pdf',"
                   " 2, ?, '', ?, CURRENT_TIMESTAMP, 1, 9, 1)", (meeting, item, f"{SECRET_LATE} paper", len(content),
                                                                 content))
        db.commit()
    return work


def test_a_confidential_late_paper_goes_into_the_supplements_confidential_part_only(
    secret_late: Path, tmp_path: Path,
) -> None:
    public, secret = tmp_path / "supp.pdf", tmp_path / "supp-b.pdf"
    with pytest.raises(PackError, match=r"Supplement 1 carries 1 confidential \(Part B\) paper.*--confidential-out"):
        _export(secret_late, public, supplement=1)
    assert not public.exists() and list(tmp_path.glob(".supp*")) == []

    result = _export(secret_late, public, supplement=1, confidential_out=secret, final_by="Tester")
    public_texts, secret_texts = _texts(public), _texts(secret)
    assert not any(SECRET_LATE in t for t in public_texts), "no text of it in the public supplement"
    assert any("LATERISKUPDATE body text page 1" in t for t in public_texts)
    assert "Supplement 1 to the pack of 24 September 2024: confidential part (Part B)" in " ".join(secret_texts[0].split())
    assert any(f"{SECRET_LATE} body text page 2" in t for t in secret_texts)
    assert not any("LATERISKUPDATE" in t for t in secret_texts)
    for n, text in enumerate(secret_texts, start=1):  # its own marking and numbering
        assert text.count("OFFICIAL-SENSITIVE") >= 2 and f"Page {n} of {len(secret_texts)}" in text
    assert result.confidential_pages == len(secret_texts)  # type: ignore[attr-defined]
    # recorded as sent in Supplement 1, both papers; the rebuilt main pack still has no text of the secret one
    with closing(sqlite3.connect(secret_late)) as db:
        numbers = dict(db.execute("SELECT title, supplement_number FROM paper WHERE late = 1").fetchall())
    assert numbers == {"LATERISKUPDATE paper": 1, f"{SECRET_LATE} paper": 1}
    _export(secret_late, tmp_path / "pack.pdf", confidential_out=tmp_path / "part-b.pdf")
    assert not any(SECRET_LATE in t for t in _texts(tmp_path / "pack.pdf"))
    assert "Supplement 1 (circulated separately)" in " ".join(" ".join(_texts(tmp_path / "part-b.pdf")).split())


def test_a_supplement_of_confidential_papers_only_writes_its_confidential_part(
    secret_late: Path, tmp_path: Path,
) -> None:
    with closing(sqlite3.connect(secret_late)) as db:
        db.execute("UPDATE paper SET late = 0 WHERE title = 'LATERISKUPDATE paper'")
        db.commit()
    result = _export(secret_late, tmp_path / "supp.pdf", supplement=1, confidential_out=tmp_path / "supp-b.pdf")
    assert result.path is None and not (tmp_path / "supp.pdf").exists()  # type: ignore[attr-defined]
    assert any(f"{SECRET_LATE} top of page 1" in t for t in _texts(tmp_path / "supp-b.pdf"))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_killed_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    dead = tmp_path / f".pack.{_dead_pid()}.x1y2.part"
    live = tmp_path / f".pack.{os.getppid()}.a1b2.part"  # a process that is still running
    old_style = tmp_path / ".pack.q9w8.part"  # an older version's name, with no process id
    other = tmp_path / ".other.1.abcd.part"  # another target's
    for leftover in (dead, live, old_style, other):
        leftover.write_bytes(b"%PDF-")
    os.utime(old_style, (1, 1))
    assert sorted(clean_stale_parts(target)) == sorted([dead, old_style])
    assert live.exists() and other.exists()


def test_a_killed_pack_run_leaves_a_part_file_that_the_next_run_removes(demo_template: Path, tmp_path: Path) -> None:
    work = tmp_path / "work.db"
    shutil.copy(demo_template, work)
    out = tmp_path / "pack.pdf"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    run = subprocess.Popen([sys.executable, "-m", "boardapp", "pack", "--db", str(work), "--out", str(out)],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not list(tmp_path.glob(".pack.*.part")) and run.poll() is None:
            os.sched_yield()
        os.kill(run.pid, signal.SIGKILL)
    finally:
        run.wait()
    if run.returncode != -signal.SIGKILL:
        pytest.skip("the pack run finished before it could be killed")
    assert list(tmp_path.glob(".pack.*.part")), "killed mid-run: its temporary file is left"
    assert not out.exists()
    _export(work, out)
    assert out.exists() and list(tmp_path.glob(".pack.*")) == []


def test_the_target_is_checked_again_at_the_final_rename(demo_template: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"

    def progress(percent: int, _text: str) -> None:
        if percent == 10 and not out.exists():
            out.mkdir()  # the name became a folder while the pack was being made

    with pytest.raises(PackError, match=rf"cannot write {out}: it is now a folder"):
        _export(demo_template, out, progress=progress)
    assert list(tmp_path.glob(".pack.*")) == []

    def refuse(target: Path) -> None:
        raise PackError(f"cannot write {target}: it is the workspace itself")

    with pytest.raises(PackError, match="it is the workspace itself"):
        _export(demo_template, tmp_path / "again.pdf", check=refuse)
    assert not (tmp_path / "again.pdf").exists() and list(tmp_path.glob(".again.*")) == []


def test_no_confidential_part_is_made_for_an_agenda_with_nothing_confidential(demo_template: Path, tmp_path: Path) -> None:
    result = _export(demo_template, tmp_path / "pack.pdf", confidential_out=tmp_path / "part-b.pdf")
    assert result.confidential_path is None and result.confidential_pages == 0  # type: ignore[attr-defined]
    assert (tmp_path / "pack.pdf").exists() and not (tmp_path / "part-b.pdf").exists()
    assert list(tmp_path.glob(".*part*")) == []
