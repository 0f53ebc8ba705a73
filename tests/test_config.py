"""Where the workspace lives, the recent list and who is editing."""
from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from boardapp import config


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BOARDAPP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_boardapp_home_moves_the_default_workspace(home: Path) -> None:
    assert config.default_workspace_path() == home / "workspace.db"


def test_without_boardapp_home_the_user_data_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOARDAPP_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = Path(platformdirs.user_data_dir("boardapp", appauthor=False)) / "workspace.db"
    assert config.default_workspace_path() == expected
    if sys.platform.startswith("linux"):
        assert expected == tmp_path / "data" / "boardapp" / "workspace.db"


def test_recent_workspaces_are_most_recent_first_without_repeats(home: Path, tmp_path: Path) -> None:
    assert config.recent_workspaces() == []
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    config.remember_workspace(a)
    config.remember_workspace(b)
    config.remember_workspace(a)
    assert config.recent_workspaces() == [a, b]


def test_recent_workspaces_keep_the_last_eight(home: Path, tmp_path: Path) -> None:
    paths = [tmp_path / f"board{i}.db" for i in range(12)]
    for path in paths:
        config.remember_workspace(path)
    assert config.recent_workspaces() == list(reversed(paths))[:8]
    config.forget_workspace(paths[-1])
    assert config.recent_workspaces()[0] == paths[-2]


def test_a_damaged_recent_list_is_treated_as_empty(home: Path, tmp_path: Path) -> None:
    home.mkdir(parents=True)
    (home / "recent.json").write_text("{not json")
    assert config.recent_workspaces() == []
    config.remember_workspace(tmp_path / "a.db")
    assert config.recent_workspaces() == [tmp_path / "a.db"]


def test_before_anyone_says_who_they_are_the_account_is_named(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "jsmith")
    monkeypatch.setattr(config, "os_full_name", lambda: "")
    assert config.configured_user() is None
    assert config.current_user() == "jsmith"
    monkeypatch.setattr(config, "os_full_name", lambda: "Jane Smith")
    assert config.suggested_user_name() == config.current_user() == "Jane Smith"


def test_the_name_given_is_kept_in_the_apps_own_file(home: Path) -> None:
    assert config.set_user_name("  Lucy   Abernethy ") == "Lucy Abernethy"
    assert config.configured_user() == config.current_user() == "Lucy Abernethy"
    assert '"user_name": "Lucy Abernethy"' in (home / "config.json").read_text(encoding="utf-8")
    config.remember_workspace(home / "a.db")  # the recent list is a file of its own
    assert config.configured_user() == "Lucy Abernethy"
    assert config.current_user("Someone Else") == "Someone Else"  # --as NAME


def test_an_empty_or_overlong_name_is_refused(home: Path) -> None:
    for bad in ("   ", "x" * 81):
        with pytest.raises(ValueError, match="your name"):
            config.set_user_name(bad)
    assert config.configured_user() is None


def test_a_damaged_config_file_means_asking_again(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.json").write_text("[1, 2")
    assert config.configured_user() is None
    config.set_user_name("Lucy")
    assert config.configured_user() == "Lucy"
