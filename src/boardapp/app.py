"""The window's bootstrap: refuse a Qt binding that would crash, then hand over to the shell.

Kept tiny (``boardapp.ui.shell.start`` does the work): the command line imports this
module for every run of the window, before Qt is loaded.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

_MODULE_START = time.perf_counter()


def process_start() -> float:
    """``perf_counter`` at the very top of the entry module (``boardapp.__main__.START``)."""
    for name in ("boardapp.__main__", "__main__"):
        start = getattr(sys.modules.get(name), "START", None)
        if isinstance(start, float):
            return start
    return _MODULE_START


def unsafe_qt_binding(pyside_version: tuple[int, ...] | None = None, python: tuple[int, ...] | None = None) -> str | None:
    """Why this PySide6/Python pair must not run, or None.

    PySide6 6.12.x on CPython < 3.12 drops a reference to ``None`` on every call that
    returns None; the interpreter aborts (``none_dealloc``) after ~5,300 calls. The
    pins in pyproject.toml prevent the pair; this is the belt and braces.
    """
    if pyside_version is None:
        import PySide6

        pyside_version = tuple(PySide6.__version_info__[:2])
    python = python or tuple(sys.version_info[:2])
    if tuple(pyside_version[:2]) == (6, 12) and tuple(python[:2]) < (3, 12):
        found = ".".join(map(str, pyside_version[:2]))
        return (
            f"boardapp cannot run on PySide6 {found} with Python {'.'.join(map(str, python[:2]))}: that pair "
            "crashes after a few thousand Qt calls. Install PySide6 6.11 (pip install 'PySide6-Essentials<6.12') "
            "or use Python 3.12 or newer."
        )
    return None


def run_gui(db_path: Path | None, smoke: bool = False) -> int:
    """Open the main window on ``db_path`` (default: the user's workspace, built as the demo on first use).

    With ``smoke`` the window opens, waits until it has painted with the register
    loaded, prints one JSON line of timings and exits 0 (1 if the workspace failed).
    """
    start = process_start()
    problem = unsafe_qt_binding()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2

    from boardapp.ui.shell.start import start_window

    return start_window(db_path, smoke=smoke, start=start)

