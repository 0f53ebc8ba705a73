"""What boardapp run by the tests writes for the user (window settings) stays in the run's own folders."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_run import boardapp


def test_a_window_run_by_the_tests_saves_its_settings_in_the_runs_folder(
    workspace: Path, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The window saves its page and column layout (QSettings) under the user's config folder, which
    BOARDAPP_HOME does not move: run by the suite, that is the run's own, never the developer's."""
    result = boardapp("--db", workspace, "--smoke")
    assert result.returncode == 0, result.stderr
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    settings = config / "boardapp" / "boardapp.conf"
    assert tmp_path_factory.getbasetemp() in settings.parents, f"the window's settings went to {settings}"
    assert settings.is_file() and "[main_window]" in settings.read_text(encoding="utf-8")
