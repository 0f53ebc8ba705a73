"""The export dialog: labels as written, a pack saved to Documents or the last folder, news told as news
(issue 9, item 17)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from boardapp.ui.common import msgbox
from boardapp.ui.shell.main_window import MainWindow


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of this test's own, with a Documents folder."""
    home = tmp_path / "user"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home / "Documents"


def test_every_label_shows_its_text_not_a_literal_ampersand(main_window: MainWindow) -> None:
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    dialog = ExportPackDialog(main_window.ctx, main_window)
    labels = {label.text(): label for label in dialog.findChildren(QLabel)}
    assert labels["&File:"].buddy() is dialog.file_name  # shown as "File:" with Alt+F
    assert all(label.buddy() is not None for text, label in labels.items() if "&" in text.replace("&&", ""))
    dialog.deleteLater()


def test_a_pack_goes_to_documents_then_to_the_folder_used_last(
    main_window: MainWindow, documents: Path, tmp_path: Path,
) -> None:
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    dialog = ExportPackDialog(main_window.ctx, main_window)
    assert Path(dialog.file_name.text()).parent == documents  # not the hidden app-data folder of the workspace
    assert main_window.ctx is not None and Path(dialog.file_name.text()).parent != main_window.ctx.db_path.parent
    chosen = tmp_path / "board papers"
    chosen.mkdir()
    dialog.file_name.setText(str(chosen / "October pack.pdf"))
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    again = ExportPackDialog(main_window.ctx, main_window)
    assert Path(again.file_name.text()).parent == chosen
    dialog.deleteLater()
    again.deleteLater()


def test_the_pack_ready_box_informs_it_does_not_ask(
    main_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    pytest.importorskip("boardapp.pack.build")
    from boardapp.ui.shell import export_pack_dialog, operations

    asked: list[dict[str, Any]] = []
    monkeypatch.setattr(msgbox, "choice", lambda *args, **kwargs: asked.append(kwargs))
    target = tmp_path / "pack.pdf"

    class Accepting(export_pack_dialog.ExportPackDialog):
        def exec(self) -> int:
            self.file_name.setText(str(target))
            return 1

    monkeypatch.setattr(export_pack_dialog, "ExportPackDialog", Accepting)
    operations.export_pack(main_window)
    qtbot.waitUntil(lambda: bool(asked), timeout=60_000)
    assert asked[0].get("icon") == "information" and target.is_file()
    box, buttons = msgbox.choice_box(None, "Meeting pack ready", "Written", ["Open the pack"], icon="information")
    assert box.icon() == QMessageBox.Icon.Information and list(buttons.values()) == ["Open the pack"]
    box.deleteLater()


def test_papers_confidential_part_supplement_and_final_are_chosen_in_the_dialog(
    main_window: MainWindow, documents: Path, tmp_path: Path,
) -> None:
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    dialog = ExportPackDialog(main_window.ctx, main_window)
    assert dialog.papers.isChecked() and not dialog.confidential.isChecked() and not dialog.final.isChecked()
    assert dialog.options().supplement is None and dialog.options().confidential_out is None
    dialog.file_name.setText(str(tmp_path / "October pack.pdf"))
    assert not dialog.confidential_file.isEnabled()
    dialog.confidential.setChecked(True)
    assert dialog.confidential_file.isEnabled()
    dialog.papers.setChecked(False)
    dialog.final.setChecked(True)
    chosen = dialog.options()
    assert chosen.papers is False and chosen.final is True
    assert chosen.confidential_out == tmp_path / "October pack - Part B (confidential).pdf"
    # a supplement with the confidential part ticked: its confidential papers (late papers on Part B items) go there
    dialog.supplement.setValue(1)
    assert dialog.options().supplement == 1 and dialog.options().confidential_out is not None
    dialog.confidential.setChecked(False)
    assert dialog.options().supplement == 1 and dialog.options().confidential_out is None
    dialog.deleteLater()
