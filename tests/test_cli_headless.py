"""Headless commands never import Qt: each runs in a fresh interpreter where PySide6 cannot be imported."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Runs one CLI command with PySide6 made unimportable, then checks nothing Qt got loaded.
BLOCKED_RUN = """
import sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
            raise ImportError(f"headless command imported {name}")
        return None

sys.meta_path.insert(0, BlockQt())
from boardapp.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
if loaded:
    print("Qt modules loaded:", loaded, file=sys.stderr)
    code = 99
sys.exit(code)
"""


def run_without_qt(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED_RUN, *map(str, argv)],
        capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture(scope="module")
def headless_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("headless") / "demo.db"
    result = run_without_qt("demo", "--db", path, "--actions", "60", "--seed", "5")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"demo workspace {path}:")
    return path


def test_demo_then_check_prints_ok_without_qt(headless_demo: Path) -> None:
    result = run_without_qt("check", "--db", headless_demo)
    assert result.returncode == 0 and result.stdout.startswith("ok (integrity_check, schema "), result.stderr


def test_backup_and_restore_run_without_qt(headless_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.db"
    result = run_without_qt("backup", "--db", headless_demo, "--out", out)
    assert result.returncode == 0, result.stderr
    result = run_without_qt("restore", "--db", headless_demo, "--from", out)
    assert result.returncode == 0, result.stderr


def test_pack_runs_without_qt(headless_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    result = run_without_qt("pack", "--db", headless_demo, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.read_bytes().startswith(b"%PDF")
    assert result.stdout.strip().endswith("pages)")


def test_errors_without_qt_are_one_line(tmp_path: Path) -> None:
    result = run_without_qt("check", "--db", tmp_path / "missing.db")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_demo_as_at_dates_the_whole_workspace(tmp_path: Path) -> None:
    """Issue 9, item 23: `demo --as-at DATE` chooses the demo's today; the record's end bounds it."""
    import sqlite3
    from contextlib import closing

    path = tmp_path / "later.db"
    result = run_without_qt("demo", "--db", path, "--actions", "30", "--as-at", "02/12/2024")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("30 actions, as at 02/12/2024")
    with closing(sqlite3.connect(path)) as con:
        assert con.execute("SELECT as_at_date FROM board").fetchone() == ("2024-12-02",)
    early = run_without_qt("demo", "--db", tmp_path / "early.db", "--as-at", "01/01/2024")
    assert early.returncode == 1
    assert early.stderr.strip() == ("boardapp: --as-at 01/01/2024: the demo must be dated on or after "
                                    "01/09/2024: its public record runs to August 2024")
    assert not (tmp_path / "early.db").exists()
