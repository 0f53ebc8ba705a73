"""What boardapp run by the tests writes for the user (window settings) stays in the run's own folders,
and BOARDAPP_HOME (a portable install, a second board) holds the window's settings as well as its data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_run import boardapp


def test_with_boardapp_home_the_window_saves_its_settings_there_not_in_the_users_config(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, config = tmp_path / "portable", tmp_path / "xdg-config"
    monkeypatch.setenv("BOARDAPP_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    result = boardapp("--db", workspace, "--smoke")
    assert result.returncode == 0, result.stderr
    settings = home / "boardapp" / "boardapp.ini"
    assert settings.is_file() and "[main_window]" in settings.read_text(encoding="utf-8")
    assert not (config / "boardapp").exists()


def test_a_window_run_by_the_tests_saves_its_settings_in_the_runs_folder(
    workspace: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without BOARDAPP_HOME the window saves its page and column layout (QSettings) under the user's
    config folder: run by the suite, that is the run's own, never the developer's."""
    monkeypatch.delenv("BOARDAPP_HOME")
    result = boardapp("--db", workspace, "--smoke")
    assert result.returncode == 0, result.stderr
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    settings = config / "boardapp" / "boardapp.conf"
    assert tmp_path_factory.getbasetemp() in settings.parents, f"the window's settings went to {settings}"
    assert settings.is_file() and "[main_window]" in settings.read_text(encoding="utf-8")
