"""Start-up benchmark: ``boardapp --smoke`` against a bare PySide6 window, measured in the same run.

Prints medians and ratios on the demo workspace and on a 50,000-action one:

- first paint: boardapp's ``first_paint_ms`` / the bare window's (goal <= 2x, issue 3);
- data ready: ``data_ready_ms`` as ``boardapp --smoke`` reports it (process start to the
  register painted with its rows) / the bare window's *whole process* (launch, paint,
  exit; wall clock around the subprocess) — goals <= 3x on the demo, <= 6x on 50,000
  actions (issue 8: the open path imports no SQLAlchemy, SQLModel or Alembic).

No absolute thresholds: these machines are shared and timings drift.

    python bench/bench_startup.py [--reps 5] [--actions 50000]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BARE_WINDOW = r"""
import time
START = time.perf_counter()
import json
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("bare window"))
window.resize(1280, 760)

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType():
            app.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False

def done():
    print(json.dumps({"first_paint_ms": round((time.perf_counter() - START) * 1000, 1)}), flush=True)
    app.exit(0)

watch = Watch()
app.installEventFilter(watch)
window.show()
app.exec()
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["BOARDAPP_HOME"] = str(home / "boardapp-home")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


def _json_line(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def bare_window(env: dict[str, str]) -> tuple[float, float]:
    """(first paint, whole process) of a bare PySide6 window, in ms."""
    started = time.perf_counter()
    paint = _json_line([sys.executable, "-c", BARE_WINDOW], env)["first_paint_ms"]
    return paint, (time.perf_counter() - started) * 1000


def smoke(db: Path, env: dict[str, str]) -> dict[str, float]:
    return _json_line([sys.executable, "-m", "boardapp", "--db", str(db), "--smoke"], env)


def measure(label: str, db: Path, reps: int, env: dict[str, str], ready_goal: float) -> None:
    bare, whole, paint, ready, actions = [], [], [], [], 0
    smoke(db, env)  # warm the file cache and the .pyc files once
    bare_window(env)
    for _ in range(reps):  # interleaved so drift hits both alike
        bare_paint, bare_whole = bare_window(env)
        bare.append(bare_paint)
        whole.append(bare_whole)
        result = smoke(db, env)
        paint.append(result["first_paint_ms"])
        ready.append(result["data_ready_ms"])
        actions = int(result["actions"])
    b, w = statistics.median(bare), statistics.median(whole)
    p, r = statistics.median(paint), statistics.median(ready)
    print(f"{label}: {actions:,} actions, {reps} runs (medians)")
    print(f"  bare PySide6 window first paint   {b:8.1f} ms")
    print(f"  bare PySide6 window whole process {w:8.1f} ms   (launch, paint, exit)")
    print(f"  boardapp first paint              {p:8.1f} ms   ratio {p / b:5.2f} of bare first paint (goal <= 2.0)")
    print(f"  boardapp data ready (register)    {r:8.1f} ms   ratio {r / w:5.2f} of bare whole process "
          f"(goal <= {ready_goal:.0f})")
    print(f"  register ready after first paint  {r - p:8.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--actions", type=int, default=50_000)
    args = parser.parse_args()
    from as_installed import compile_boardapp
    from boardapp.demo.build import build_demo

    compile_boardapp()
    with tempfile.TemporaryDirectory(prefix="boardapp-bench-") as folder:
        home = Path(folder)
        env = _env(home)
        demo, big = home / "demo.db", home / f"demo-{args.actions}.db"
        today = date.today()
        build_demo(demo, seed=1, today=today)
        build_demo(big, actions=args.actions, seed=1, today=today)
        measure("demo workspace", demo, args.reps, env, ready_goal=3)
        measure(f"{args.actions:,}-action workspace", big, args.reps, env, ready_goal=6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
