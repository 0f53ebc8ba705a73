"""Where things live on this computer, and who is using it. No Qt here.

The default workspace is ``workspace.db`` in the platform's user data folder
(platformdirs). ``BOARDAPP_HOME`` replaces both the data and the config folder
(tests, portable installs, a second board on the same laptop).
"""
from __future__ import annotations

import getpass
import json
import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "boardapp"
HOME_ENV = "BOARDAPP_HOME"
RECENT_FILE = "recent.json"
MAX_RECENT = 8


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The folder holding the default workspace (not created here)."""
    return _home_override() or Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The folder holding the app's own settings, such as the recent-workspaces list."""
    return _home_override() or Path(user_config_dir(APP_NAME, appauthor=False))


def default_workspace_path() -> Path:
    """The workspace opened when no ``--db`` is given."""
    return data_dir() / "workspace.db"


def _recent_file() -> Path:
    return config_dir() / RECENT_FILE


def recent_workspaces() -> list[Path]:
    """Recently opened workspaces, most recent first (at most 8; missing files included).

    A damaged or unreadable list is treated as empty: it is a convenience, not data.
    """
    try:
        raw = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(raw, list):
        return []
    return [Path(item) for item in raw if isinstance(item, str) and item][:MAX_RECENT]


def _save_recent(paths: list[Path]) -> None:
    target = _recent_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps([str(p) for p in paths[:MAX_RECENT]], indent=1), encoding="utf-8")
    os.replace(partial, target)


def remember_workspace(path: Path | str) -> list[Path]:
    """Put ``path`` at the top of the recent list; returns the new list."""
    path = Path(path).expanduser().absolute()
    paths = [path] + [p for p in recent_workspaces() if p != path]
    _save_recent(paths)
    return paths[:MAX_RECENT]


def forget_workspace(path: Path | str) -> list[Path]:
    """Drop ``path`` from the recent list (e.g. the file was moved); returns the new list."""
    path = Path(path).expanduser().absolute()
    paths = [p for p in recent_workspaces() if p != path]
    _save_recent(paths)
    return paths


def current_user() -> str:
    """Who is editing, for audit entries: the operating-system login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        # No login name in the environment (e.g. some service accounts on Windows).
        return "unknown"
