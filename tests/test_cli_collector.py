"""The process entry runs a headless command with the collector tuned for one short run; the window keeps Python's."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from boardapp.cli.collector import ONE_SHOT_THRESHOLDS, is_headless

# Runs boardapp's process entry in a fresh interpreter, then reports what it left the collector with.
ENTRY_RUN = """
import gc, sys
before = gc.get_threshold()
from boardapp.__main__ import main
code = main(sys.argv[1:])
print(gc.get_threshold() == before, gc.get_threshold(), gc.get_freeze_count() > 0)
sys.exit(code)
"""


@pytest.mark.parametrize(("argv", "headless"), [
    (["pack", "--db", "w.db", "--out", "p.pdf"], True),
    (["check", "--db", "w.db"], True),
    ([], False),  # the window
    (["--db", "w.db"], False),  # the window on a workspace
    (["--smoke"], False),
])
def test_a_command_comes_first_and_only_a_command_is_headless(argv: list[str], headless: bool) -> None:
    assert is_headless(argv) is headless


def _entry(*argv: str | Path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-c", ENTRY_RUN, *map(str, argv)], capture_output=True, text=True,
                          timeout=300, check=False)
    return done.returncode, done.stdout.strip().splitlines()[-1]


def test_a_headless_command_collects_rarely_and_spares_the_shutdown(tmp_path: Path) -> None:
    code, state = _entry("demo", "--db", tmp_path / "demo.db")
    assert code == 0
    assert state == f"False {ONE_SHOT_THRESHOLDS} True"
    assert (tmp_path / "demo.db").stat().st_size > 0


def test_the_window_path_keeps_pythons_collector() -> None:
    code, state = _entry("--version")  # goes through the window's argument path, opens nothing
    assert code == 0
    assert state.startswith("True ") and state.endswith(" False")
