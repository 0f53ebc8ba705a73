"""Fixtures of the file-safety tests: a small demo workspace, copied per test."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli_run import boardapp


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace built once per module (copy it before changing it)."""
    path = tmp_path_factory.mktemp("safety") / "ws.db"
    result = boardapp("demo", "--db", path, "--actions", "20")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def workspace(small_demo: Path, tmp_path: Path) -> Path:
    """A private copy of the small demo (through the backup API)."""
    import sqlite3
    from contextlib import closing

    target = tmp_path / "ws.db"
    with closing(sqlite3.connect(small_demo)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
    return target
