"""Exports are ordinary files of the user's folder: the umask's permissions, not owner-only.

Each is made in a temporary file and renamed into place; ``tempfile.mkstemp`` would have left
every pack, minutes, spreadsheet and calendar readable by its owner alone (0600), so a colleague
could not open the pack saved on the board's shared drive.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from boardapp.cli import main

EXPORTS = [
    ("pack.pdf", ["pack", "--meeting", "next", "--no-papers"]),
    ("minutes.docx", ["minutes", "--meeting", "last"]),
    ("minutes.pdf", ["minutes", "--meeting", "last"]),
    ("actions.xlsx", ["export", "--what", "actions", "--format", "xlsx"]),
    ("risks.csv", ["export", "--what", "risks", "--format", "csv"]),
    ("calendar.ics", ["export", "--what", "calendar", "--format", "ics"]),
]


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
@pytest.mark.parametrize(("name", "command"), EXPORTS, ids=[name for name, _ in EXPORTS])
def test_an_export_can_be_read_by_the_colleagues_the_umask_allows(
        demo_path: Path, tmp_path: Path, umask_022: None, name: str, command: list[str]) -> None:
    out = tmp_path / "shared" / name
    out.parent.mkdir()
    assert main([*command[:1], "--db", str(demo_path), *command[1:], "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert sorted(p.name for p in out.parent.iterdir()) == [name]  # no temporary file left beside it


def test_a_new_file_beside_never_takes_an_existing_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp import files

    taken = tmp_path / ".x-aaaa.part"
    taken.write_text("someone else's")
    names = iter(["aaaa", "aaaa", "bbbb"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda _n: next(names))
    made = files.new_file_beside(tmp_path / "x.pdf", prefix=".x-", suffix=".part")
    assert made == tmp_path / ".x-bbbb.part" and made.read_bytes() == b""
    assert taken.read_text() == "someone else's"
