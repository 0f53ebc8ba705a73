"""``boardapp pack`` reads the workspace without the ORM (its import cost ~0.6 s of a 1.3 s pack), and
``--final`` still records the issue."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from pypdf import PdfReader

from boardapp.cli import main

# The pack command with SQLAlchemy, SQLModel, pydantic and Alembic made unimportable.
ORM_BLOCKED_RUN = """
import sys

class BlockOrm:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("sqlalchemy", "sqlmodel", "pydantic", "alembic"):
            raise ImportError(f"the pack command imported {name}")
        return None

sys.meta_path.insert(0, BlockOrm())
from boardapp.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_pack_command_reads_the_workspace_without_the_orm(papered_template: Path, tmp_path: Path) -> None:
    work, out, secret = tmp_path / "work.db", tmp_path / "pack.pdf", tmp_path / "part-b.pdf"
    shutil.copy(papered_template, work)
    done = subprocess.run([sys.executable, "-c", ORM_BLOCKED_RUN, "pack", "--db", str(work), "--out", str(out),
                           "--confidential-out", str(secret)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    pages = len(PdfReader(out).pages)
    assert done.stdout.splitlines()[0] == f"{out} ({pages} pages)"
    assert secret.exists()
    same = tmp_path / "in-process.pdf"  # the same pack made in this process, with the ORM loaded
    assert main(["pack", "--db", str(work), "--out", str(same)]) == 0
    assert _outline(out) == _outline(same)
    assert pages == len(PdfReader(same).pages) > 20
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for heading in ("Performance scorecard", "Risk register", "Funding", "Monitoring-visit readiness"):
        assert heading in text


def _outline(path: Path) -> list[str]:
    def walk(entries: list) -> list[str]:  # type: ignore[type-arg]
        return [t for e in entries for t in (walk(e) if isinstance(e, list) else [e.title])]

    return walk(PdfReader(path).outline)


def test_a_final_pack_from_the_command_line_is_recorded_as_issued(papered_template: Path, tmp_path: Path,
                                                                  capsys) -> None:  # type: ignore[no-untyped-def]
    work, out = tmp_path / "work.db", tmp_path / "pack.pdf"
    shutil.copy(papered_template, work)
    assert main(["pack", "--db", str(work), "--out", str(out), "--final", "--as", "Lucy Abernethy"]) == 0
    assert out.exists()
    with closing(sqlite3.connect(work)) as db:
        issued = db.execute("SELECT count(*) FROM meeting WHERE pack_issued_at IS NOT NULL").fetchone()[0]
        who = db.execute("SELECT who FROM auditentry WHERE field = 'pack_issued_at'").fetchall()
    assert issued == 1 and who == [("Lucy Abernethy",)]
    assert capsys.readouterr().err == ""


def test_a_pack_without_final_records_nothing(papered_template: Path, tmp_path: Path) -> None:
    work, out = tmp_path / "work.db", tmp_path / "pack.pdf"
    shutil.copy(papered_template, work)
    before = work.read_bytes()
    assert main(["pack", "--db", str(work), "--out", str(out)]) == 0
    with closing(sqlite3.connect(work)) as db:
        assert db.execute("SELECT count(*) FROM meeting WHERE pack_issued_at IS NOT NULL").fetchone()[0] == 0
    assert work.read_bytes() == before  # a read: the file is not touched
