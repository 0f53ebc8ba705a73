"""`boardapp new`: an empty workspace of one's own board from the command line, and `--as NAME`."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from boardapp import config
from boardapp.cli import main


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BOARDAPP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("typed", ["2031-10-14", "14/10/2031"])
def test_new_makes_the_board_chair_and_planned_meeting(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       typed: str) -> None:
    target = tmp_path / "own.db"
    code, out, err = run(capsys, "new", "--db", target, "--board", "Northshire Improvement Board", "--council",
                         "Northshire County Council", "--chair", "Dr Ada Fairweather", "--next-meeting", typed,
                         "--marking", "official", "--as", "Lucy Abernethy")
    assert (code, err) == (0, "")
    assert out == f"new workspace {target}: Northshire Improvement Board; next meeting 14/10/2031 (planned)\n"
    assert rows(target, "SELECT b.name, b.council, b.default_marking, p.name, p.role, p.is_member FROM board b "
                        "JOIN person p ON p.id = b.chair_id") == [
        ("Northshire Improvement Board", "Northshire County Council", "OFFICIAL", "Dr Ada Fairweather",
         "Independent Chair", 1)]
    assert rows(target, "SELECT meeting_date, status FROM meeting") == [("2031-10-14", "PLANNED")]
    assert rows(target, "SELECT count(*) FROM action") == [(0,)]
    assert {who for (who,) in rows(target, "SELECT who FROM auditentry")} == {"Lucy Abernethy"}
    code, out, _ = run(capsys, "check", "--db", target)
    assert code == 0 and out.startswith("ok (integrity_check")


def test_without_as_the_configured_name_is_recorded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config.set_user_name("  Priya   Venkataraman ")
    target = tmp_path / "own.db"
    assert run(capsys, "new", "--db", target, "--board", "Board")[0] == 0
    assert rows(target, "SELECT DISTINCT who FROM auditentry") == [("Priya Venkataraman",)]


def test_an_existing_file_is_refused_and_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "taken.db"
    target.write_bytes(b"someone's notes")
    code, out, err = run(capsys, "new", "--db", target, "--board", "Board")
    assert code == 1 and out == ""
    assert err == f"boardapp: {target.absolute()} already exists; choose another file name (a workspace is never replaced)\n"
    assert target.read_bytes() == b"someone's notes"


@pytest.mark.parametrize(("typed", "why"), [("31/02/2031", "February 2031 has no day 31"),
                                            ("next tuesday", "is not a date"), ("10/14/2031", "no month 14")])
def test_a_bad_date_is_one_line_and_makes_no_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, typed: str,
                                                  why: str) -> None:
    target = tmp_path / "own.db"
    code, out, err = run(capsys, "new", "--db", target, "--board", "Board", "--next-meeting", typed)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "--next-meeting" in err and why in err
    assert not target.exists()


def test_a_past_meeting_or_empty_name_names_the_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "--db", tmp_path / "a.db", "--board", "B", "--next-meeting",
                       f"{date.today().year - 1}-01-01")
    assert code == 1 and err.startswith("boardapp: next_meeting:") and "in the past" in err
    code, _, err = run(capsys, "new", "--db", tmp_path / "b.db", "--board", "  ")
    assert code == 1 and err.startswith("boardapp: name:")
    assert list(tmp_path.glob("*.db")) == []


def test_new_then_pack_exports_an_empty_plan_without_qt(tmp_path: Path) -> None:
    """The headless path never loads Qt, and the pack of a plan with no actions says so."""
    pypdf = pytest.importorskip("pypdf")
    target, pdf = tmp_path / "own.db", tmp_path / "pack.pdf"
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.startswith(('PySide6', 'shiboken6')): raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from boardapp.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    for argv in (["new", "--db", target, "--board", "Riverside Improvement Board", "--next-meeting", "01/06/2035"],
                 ["pack", "--db", target, "--out", pdf]):
        done = subprocess.run([sys.executable, "-c", script, *map(str, argv)], capture_output=True, text=True,
                              timeout=300, check=False)
        assert done.returncode == 0, done.stderr
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "Riverside Improvement Board" in text
    assert "There are no actions in the plan yet" in text
