"""Who is editing: the name the audit trail records, asked once without blocking the window.

On a first start (no name in the app's own config file, ``boardapp.config``) a panel above
the pages asks "Your name", prefilled from the account's full name; the window works
meanwhile. The name is shown in the status bar; Edit › Preferences changes it. The headless
commands read the same file (or take ``--as NAME``). Never shown under ``--smoke``.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from boardapp.domain.rules import ValidationError
from boardapp.ui.common.form_dialog import FormDialog


class WhoPrompt(QFrame):
    """The non-modal "Your name" panel: Save keeps the name, Not now hides the panel for this run."""

    named = Signal(str)

    def __init__(self, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoPrompt")
        self.setAccessibleName("Who is editing")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#whoPrompt { background: #fff8e1; border: 1px solid #e0c060; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel("Who is editing? Your name is recorded against every change you make. &Your name:")
        self.label.setWordWrap(True)
        self.name_edit = QLineEdit(suggested)
        self.name_edit.setAccessibleName("Your name")
        self.name_edit.setMinimumWidth(220)
        self.label.setBuddy(self.name_edit)
        # No Alt key: the panel is shown over every page, whose fields need the letters (Alt+S is the
        # Presenter on the Meetings page, Search on Risks); Enter in the name field saves, as the button does.
        self.save_button = QPushButton("Save name")
        self.save_button.setAccessibleName("Save name")
        self.save_button.setToolTip("Keep this name (Enter in the name field)")
        self.later_button = QPushButton("Not now")
        self.later_button.setAccessibleName("Not now")
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setAccessibleName("Error message")
        self.error_label.hide()
        for w in (self.label, self.name_edit, self.save_button, self.later_button, self.error_label):
            layout.addWidget(w)
        layout.setStretch(0, 1)
        self.save_button.clicked.connect(self.save)
        self.name_edit.returnPressed.connect(self.save)
        self.later_button.clicked.connect(self.hide)

    def save(self) -> None:
        from boardapp.config import set_user_name

        try:
            name = set_user_name(self.name_edit.text())
        except (ValueError, OSError) as exc:
            text = str(exc)
            self.error_label.setText(text[:1].upper() + text[1:])
            self.error_label.show()
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.hide()
        self.named.emit(name)


class PreferencesDialog(FormDialog):
    """Edit › Preferences…: your name for the audit trail (kept for this computer's account)."""

    writes_workspace = False  # preferences live in the settings, not the workspace

    def __init__(self, current: str, on_saved: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__("Preferences", parent, intro="Your name is recorded in the audit trail against every change "
                         "you make, here and in the headless commands.")
        self.on_saved = on_saved
        self.name_edit = QLineEdit(current)
        self.add_row("user_name", "&Your name:", self.name_edit)
        self.fit_width(480)

    def submit(self) -> None:
        from boardapp.config import set_user_name

        try:
            name = set_user_name(self.name_edit.text())
        except ValueError as exc:
            raise ValidationError("user_name", str(exc).removeprefix("your name ")) from None
        except OSError as exc:
            raise ValidationError("user_name", f"could not be saved ({exc.strerror or exc})") from None
        self.on_saved(name)


def who_button(parent: QWidget | None = None) -> QPushButton:
    """The status bar's "Editing as …" (press it to change the name)."""
    button = QPushButton("")
    button.setObjectName("whoButton")
    button.setFlat(True)
    button.setAccessibleName("Who is editing")
    button.setToolTip("The name recorded in the audit trail; press to change it (Edit › Preferences)")
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button
