"""Start-up: the --smoke run, the 6.12/3.11 guard and the None-refcount regression."""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
import subprocess
import sys
from pathlib import Path

from boardapp.app import unsafe_qt_binding


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_smoke_prints_one_json_line_with_the_register_count(demo_path: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(demo_path)) as con:
        live = con.execute("SELECT count(*) FROM action WHERE deleted_at IS NULL").fetchone()[0]
    env = _env() | {"BOARDAPP_HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run(
        [sys.executable, "-m", "boardapp", "--db", str(demo_path), "--smoke"],
        capture_output=True, text=True, timeout=180, env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, result.stdout
    data = json.loads(lines[0])
    assert set(data) == {"first_paint_ms", "data_ready_ms", "actions"}
    assert data["actions"] == live
    assert 0 < data["first_paint_ms"] <= data["data_ready_ms"]


def test_smoke_on_a_missing_file_fails_with_one_clear_line(tmp_path: Path) -> None:
    env = _env() | {"BOARDAPP_HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run(
        [sys.executable, "-m", "boardapp", "--db", str(tmp_path / "nowhere.db"), "--smoke"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.strip() == ""


def test_refuses_pyside_6_12_on_python_3_11_only() -> None:
    message = unsafe_qt_binding((6, 12, 0), (3, 11))
    assert message is not None and "6.12" in message and "3.12" in message
    assert unsafe_qt_binding((6, 12, 0), (3, 12)) is None
    assert unsafe_qt_binding((6, 11, 3), (3, 11)) is None
    assert unsafe_qt_binding((6, 13, 0), (3, 11)) is None
    assert unsafe_qt_binding() is None  # the installed pair is a safe one


NONE_CALLS = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
timer = QTimer()
for i in range(10_000):
    label.setText(str(i))   # returns None
    timer.stop()            # returns None
print("ok", sys.getrefcount(None) if sys.version_info < (3, 12) else "immortal")
"""


def test_twenty_thousand_pyside_calls_returning_none_do_not_crash() -> None:
    """PySide6 6.12.0 on CPython 3.11 aborted in none_dealloc after ~5,300 such calls."""
    result = subprocess.run([sys.executable, "-c", NONE_CALLS], capture_output=True, text=True, timeout=120, env=_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
