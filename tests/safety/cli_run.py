"""Running ``boardapp`` as a user at a shell does (issue 9, items 3, 7-9, 11, 12, 22)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path



def boardapp(*argv: str | Path, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """``boardapp ARGS`` in a fresh interpreter; stdout and stderr as text."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    environment.pop("BOARDAPP_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "boardapp", *map(str, argv)], capture_output=True, text=True,
                          timeout=timeout, check=False, env=environment)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (asserting it is one line, with no traceback)."""
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    return lines[0]
