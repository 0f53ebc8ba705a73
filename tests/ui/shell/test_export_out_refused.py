"""The export dialog refuses a file name the pack must not be written over (issue 9, item 3)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from boardapp.ui.common import msgbox
from boardapp.ui.shell.main_window import MainWindow


def _warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(msgbox, "warning", lambda _parent, _title, text, *a, **k: said.append(text))
    return said


@pytest.mark.parametrize("kind", ["folder", "fifo", "workspace"])
def test_a_folder_a_fifo_or_the_workspace_is_refused_with_the_field_named(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str,
) -> None:
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    assert main_window.ctx is not None
    said = _warnings(monkeypatch)
    if kind == "folder":
        target = tmp_path / "papers.pdf"
        target.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        target = tmp_path / "pipe.pdf"
        os.mkfifo(target)
    else:
        target = tmp_path / "alias.pdf"
        target.symlink_to(main_window.ctx.db_path)
    dialog = ExportPackDialog(main_window.ctx, main_window)
    dialog.file_name.setText(str(target))
    dialog._accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert said and said[0].startswith("File:") and str(target) in said[0]
    assert "--out" not in said[0] and "boardapp " not in said[0]  # no command-line syntax in the window
    dialog.deleteLater()


def test_a_new_file_is_accepted(main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    said = _warnings(monkeypatch)
    dialog = ExportPackDialog(main_window.ctx, main_window)
    dialog.file_name.setText(str(tmp_path / "pack.pdf"))
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted and not said
    dialog.deleteLater()
