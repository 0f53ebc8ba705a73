"""Fixtures shared by every test folder."""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: The day the demo workspace and time-dependent tests are pinned to: the demo's own as-at date
#: (``boardapp.demo.build.DEMO_AS_AT``), so the suite sees the demo as a user does.
DEMO_TODAY = date(2024, 9, 11)


@pytest.fixture(scope="session", autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user's data and config folders (XDG), and BOARDAPP_HOME, are private to the run from its start.

    ``BOARDAPP_HOME`` does not move the window's own settings (QSettings, under XDG_CONFIG_HOME), which
    a window run in a subprocess (``--smoke``) saves; and a module- or session-scoped fixture, or a
    process it starts, runs before the per-test data folder below is set."""
    root = tmp_path_factory.mktemp("user")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(root / "config"))
        patch.setenv("XDG_DATA_HOME", str(root / "data"))
        patch.setenv("BOARDAPP_HOME", str(root / "home"))
        yield root


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder (``BOARDAPP_HOME``): automatic backups land there, never
    in the real one. A test (or tests/ui's conftest) may point it elsewhere."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BOARDAPP_HOME", str(home))
    return home


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    """A fresh, empty but fully migrated workspace file."""
    from boardapp.db.workspace import open_workspace

    path = tmp_path / "workspace.db"
    engine = open_workspace(path, create=True)
    engine.dispose()
    return path


@pytest.fixture
def engine(workspace_path: Path) -> Iterator[object]:
    from boardapp.db.workspace import open_workspace

    eng = open_workspace(workspace_path)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per test run (copy it with ``demo_path`` before writing)."""
    from boardapp.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, seed=1, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo workspace, safe to change (copied with the backup API)."""
    import sqlite3
    from contextlib import closing

    target = tmp_path / "demo.db"
    # closing(): sqlite3's own context manager only commits, and Python 3.13 warns about unclosed connections.
    with closing(sqlite3.connect(demo_template)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


#: A second boardapp process holding a workspace as an open window does (``db.access.take_workspace``).
_HOLDER = """
import sys, time
from boardapp.db.access import take_workspace
access = take_workspace(sys.argv[1], purpose=sys.argv[2])
print("held" if access.writable else "read-only", flush=True)
time.sleep(float(sys.argv[3]))
access.release()
print("released", flush=True)
time.sleep(600)
"""


class WorkspaceHolder:
    """Starts other processes that hold a workspace; ``kill()``s them all at the end of the test."""

    def __init__(self) -> None:
        import subprocess

        self.children: list[subprocess.Popen[str]] = []

    def start(self, path: Path, *, purpose: str = "window", hold_seconds: float = 600) -> "subprocess.Popen[str]":
        """A process holding ``path`` (returns once it holds it), letting go after ``hold_seconds``."""
        import subprocess
        import sys

        child = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path), purpose, str(hold_seconds)],
                                 stdout=subprocess.PIPE, text=True)
        self.children.append(child)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "held"
        return child

    def stop(self) -> None:
        for child in self.children:
            child.kill()
            child.wait()
            if child.stdout is not None:
                child.stdout.close()
        self.children = []


@pytest.fixture
def workspace_holder() -> Iterator[WorkspaceHolder]:
    """``workspace_holder.start(path)``: another boardapp holding the workspace, killed afterwards."""
    holder = WorkspaceHolder()
    yield holder
    holder.stop()
