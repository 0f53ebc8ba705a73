"""Every dialog the application shows goes through this module.

Message boxes, questions and file choosers live here and nowhere else, so a test
monkeypatches one place (``boardapp.ui.common.msgbox.save_file`` …) and never meets a
modal dialog. Texts are plain sentences: what happened and what to do next.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

WORKSPACE_FILTER = "boardapp workspaces (*.db *.sqlite *.boardapp);;All files (*)"
PDF_FILTER = "PDF files (*.pdf)"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str | None) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(title)
    if details:
        box.setDetailedText(details)
    return box


def information(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text, None)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def warning(parent: QWidget | None, title: str, text: str, details: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text, details)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def error(parent: QWidget | None, title: str, text: str, details: str | None = None) -> None:
    """A problem the user must know about; ``details`` go behind 'Show Details…'."""
    box = _box(parent, QMessageBox.Icon.Critical, title, text, details)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def about(parent: QWidget | None, title: str, text: str) -> None:
    """The Help › About box (rich text)."""
    QMessageBox.about(parent, title, text)


def question(parent: QWidget | None, title: str, text: str, *, default_yes: bool = True) -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, text, None)
    yes = box.addButton(QMessageBox.StandardButton.Yes)
    no = box.addButton(QMessageBox.StandardButton.No)
    box.setDefaultButton(yes if default_yes else no)
    box.exec()
    return box.clickedButton() is yes


_ICONS = {"question": QMessageBox.Icon.Question, "information": QMessageBox.Icon.Information,
          "warning": QMessageBox.Icon.Warning}


def choice_box(parent: QWidget | None, title: str, text: str, options: Sequence[str], *, cancel: str = "Close",
               icon: str = "question") -> tuple[QMessageBox, dict[object, str]]:
    """The box ``choice`` shows, and its buttons → labels (built apart so a test can look at it)."""
    box = _box(parent, _ICONS.get(icon, QMessageBox.Icon.Question), title, text, None)
    buttons: dict[object, str] = {box.addButton(label, QMessageBox.ButtonRole.AcceptRole): label for label in options}
    box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    if buttons:
        box.setDefaultButton(next(iter(buttons)))  # type: ignore[arg-type]
    return box, buttons


def choice(parent: QWidget | None, title: str, text: str, options: Sequence[str], *, cancel: str = "Close",
           icon: str = "question") -> str | None:
    """Offer several named answers; returns the chosen one, or None for ``cancel``/Esc.

    ``icon``: "question" when asking, "information" when telling (e.g. "the pack is ready: open it?").
    """
    box, buttons = choice_box(parent, title, text, options, cancel=cancel, icon=icon)
    box.exec()
    return buttons.get(box.clickedButton())


def open_file(parent: QWidget | None, title: str, directory: Path | None = None, filter: str = WORKSPACE_FILTER) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(directory or ""), filter)
    return Path(name) if name else None


def save_file(parent: QWidget | None, title: str, suggested: Path, filter: str = WORKSPACE_FILTER) -> Path | None:
    """Ask where to write a new file (the platform's dialog confirms overwriting)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter)
    return Path(name) if name else None


def get_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None
