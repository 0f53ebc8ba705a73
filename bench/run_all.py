"""Run every benchmark in this folder, one after another, and print their ratios.

Each ``bench_*.py`` measures its own baseline in the same run (a bare PySide6
window, raw reportlab, LibreOffice where installed) and prints ratios, because
these machines are shared and absolute timings drift.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    failures = 0
    for script in sorted(here.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]])
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
