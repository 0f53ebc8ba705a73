"""Where things live on this computer, and who is using it. No Qt here.

The default workspace is ``workspace.db`` in the platform's user data folder
(platformdirs). ``BOARDAPP_HOME`` replaces both the data and the config folder
(tests, portable installs, a second board on the same laptop).
"""
from __future__ import annotations

import getpass
import json
import os
import sys
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


SETTINGS_FILE = "config.json"
USER_NAME_KEY = "user_name"
USER_NAME_LIMIT = 80


def _settings_file() -> Path:
    return config_dir() / SETTINGS_FILE


def _read_settings() -> dict[str, object]:
    """The app's own settings (a small JSON file the window and the headless commands share).

    A damaged or unreadable file is treated as empty: the only cost is being asked again.
    """
    try:
        raw = json.loads(_settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _write_settings(values: dict[str, object]) -> None:
    target = _settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(values, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, target)


def configured_user() -> str | None:
    """The name the user gave for the audit trail (Edit › Preferences), or None if never asked."""
    value = _read_settings().get(USER_NAME_KEY)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def clean_user_name(name: str) -> str:
    """The name as kept; ValueError (saying why) if it cannot be used."""
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ValueError("your name cannot be empty: it is recorded against every change you make")
    if len(clean) > USER_NAME_LIMIT:
        raise ValueError(f"your name is too long ({len(clean)} characters; at most {USER_NAME_LIMIT})")
    return clean


def set_user_name(name: str) -> str:
    """Keep ``name`` as who is editing on this computer (for the window and the headless commands)."""
    clean = clean_user_name(name)
    values = _read_settings()
    values[USER_NAME_KEY] = clean
    _write_settings(values)
    return clean


def login_name() -> str:
    """The operating-system login name ("unknown" when the environment has none)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        # No login name in the environment (e.g. some service accounts on Windows).
        return "unknown"


def os_full_name() -> str:
    """The login's full name where the system has one (GECOS on Unix, the display name on Windows), else ''."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes

            size = ctypes.c_ulong(0)
            secur32 = ctypes.windll.secur32  # type: ignore[attr-defined]
            secur32.GetUserNameExW(3, None, ctypes.byref(size))  # 3 = NameDisplay
            buffer = ctypes.create_unicode_buffer(size.value or 1)
            if secur32.GetUserNameExW(3, buffer, ctypes.byref(size)):
                return " ".join(buffer.value.split())
        except (OSError, AttributeError, ValueError):
            return ""
        return ""
    try:
        import pwd

        gecos = pwd.getpwnam(login_name()).pw_gecos
    except (ImportError, KeyError, OSError):
        return ""
    full = " ".join(gecos.split(",")[0].split())
    return "" if full.lower() == login_name().lower() else full


def suggested_user_name() -> str:
    """What the "Your name" prompt offers: the account's full name, else its login name."""
    return os_full_name() or login_name()


def current_user(override: str | None = None) -> str:
    """Who is editing, for audit entries: ``override`` (``--as NAME``), else the configured name,
    else the account's full name or login name (until the user has said who they are)."""
    if override is not None and override.strip():
        return clean_user_name(override)
    return configured_user() or suggested_user_name()
