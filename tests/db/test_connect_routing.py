"""Every connection to a workspace file goes through boardapp.db.connect (so a key can be given there)."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

import boardapp
from boardapp.db.connect import connect_file

_SRC = Path(boardapp.__file__).resolve().parent


def test_no_module_but_connect_opens_sqlite_itself() -> None:
    bypassing = []
    for module in sorted(_SRC.rglob("*.py")):
        if module == _SRC / "db" / "connect.py":
            continue
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bsqlite3\.connect\(", line):
                bypassing.append(f"{module.relative_to(_SRC)}:{number}")
    assert bypassing == []


def test_connect_file_opens_an_existing_file_read_only_and_refuses_unknown_modes(tmp_path: Path) -> None:
    path = tmp_path / "a b#c.db"  # a name that needs quoting in a URI
    with connect_file(path, mode="rwc") as created:
        created.execute("CREATE TABLE t (x)")
        created.execute("INSERT INTO t VALUES (1)")
    created.close()
    reader = connect_file(path)
    try:
        assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute("INSERT INTO t VALUES (2)")
    finally:
        reader.close()
    with pytest.raises(sqlite3.OperationalError):
        connect_file(tmp_path / "missing.db", mode="rw")
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(ValueError, match="mode"):
        connect_file(path, mode="memory")
