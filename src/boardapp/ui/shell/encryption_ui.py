"""The window's side of encryption at rest: the wizard's recovery-key page and the recovery-key prompt.

New workspace › "Encrypt this workspace" adds a last page that shows the new workspace's
recovery key once, with Copy; Finish ("Create workspace") stays disabled until "I have written
it down" is ticked, because the key is never shown again. Opening an encrypted workspace whose
key the keyring does not hold asks for the recovery key (``RecoveryKeyDialog``): a wrong or
mistyped key is said in the dialog, which stays open for another try; Cancel leaves it unopened.
After File › Encrypt workspace… the new recovery key is shown once the same way
(``RecoveryKeyShownDialog``: the shared ``RecoveryKeyView``; Close only after the tick).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
    QWizardPage,
)

from boardapp.db import keys

_ERROR_STYLE = "color: #b3261e; font-weight: bold;"


def encrypt_checkbox() -> QCheckBox:
    """The Board page's "Encrypt this workspace" tick (off by default)."""
    box = QCheckBox("&Encrypt this workspace")
    box.setAccessibleName("Encrypt this workspace")
    box.setToolTip("Encrypt the file (SQLCipher, AES-256). Its key is kept in this computer's keyring; a recovery "
                   "key, shown once, opens it anywhere else.")
    return box


def _mono(size_delta: int = 3) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    return font


class RecoveryKeyView(QWidget):
    """A recovery key shown once: the key in large type, Copy, a note on the keyring, and the
    "I have written it down" tick (``written``) that whoever shows it requires before going on."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        groups = recovery_key.split("-")
        self.key_label = QLabel("\n".join("-".join(groups[i:i + 7]) for i in range(0, len(groups), 7)))
        self.key_label.setFont(_mono())
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet("padding: 12px; border: 1px solid #888; background: #fafafa; color: #111;")
        layout.addWidget(self.key_label)
        row = QHBoxLayout()
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setAccessibleName("Copy the recovery key")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.copied_label = QLabel()
        row.addWidget(self.copy_button)
        row.addWidget(self.copied_label, 1)
        layout.addLayout(row)
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        layout.addWidget(self.keyring_note)
        self.written = QCheckBox("I have &written it down")
        self.written.setAccessibleName("I have written it down")
        layout.addWidget(self.written)
        self.show_keyring_note()

    def show_keyring_note(self) -> None:
        if keys.keyring_available():
            self.keyring_note.setText("This computer keeps the key in its keyring, so you will not be asked for it "
                                      "here.")
        else:
            self.keyring_note.setText("This computer has no keyring: you will be asked for the recovery key every "
                                      "time you open the workspace.")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.copied_label.setText("Copied. Paste it somewhere safe, then clear the clipboard.")


_WRITE_IT_DOWN = ("Write this key down and keep it apart from this computer. It is shown only now, and it is the "
                  "only way to open the workspace on another computer or if this computer's keyring is lost.")


class RecoveryKeyPage(QWizardPage):
    """Shows the new workspace's recovery key once; Finish needs "I have written it down"."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Your recovery key")
        self.setSubTitle(_WRITE_IT_DOWN)
        self.setAccessibleName("Your recovery key")
        self._key = keys.new_key()
        self.recovery_key = keys.recovery_key(self._key)
        layout = QVBoxLayout(self)
        self.view = RecoveryKeyView(self.recovery_key)
        self.key_label, self.copy_button, self.copied_label = self.view.key_label, self.view.copy_button, \
            self.view.copied_label
        self.keyring_note, self.written = self.view.keyring_note, self.view.written
        self.written.toggled.connect(lambda _on: self.completeChanged.emit())
        layout.addWidget(self.view)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802
        self.view.show_keyring_note()

    def copy(self) -> None:
        self.view.copy()

    def isComplete(self) -> bool:  # noqa: N802
        return self.written.isChecked()

    def key(self) -> bytes:
        return self._key


class RecoveryKeyShownDialog(QDialog):
    """After File › Encrypt workspace…: the recovery key, once. It closes only after "I have written
    it down" (Escape and the title bar's close are held until then)."""

    def __init__(self, path: Path, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your recovery key")
        self.setAccessibleName("Your recovery key")
        layout = QVBoxLayout(self)
        intro = QLabel(f"{path.name} is now encrypted.\n\n{_WRITE_IT_DOWN}")
        intro.setWordWrap(True)
        intro.setMinimumWidth(560)
        layout.addWidget(intro)
        self.view = RecoveryKeyView(recovery_key)
        self.written = self.view.written
        layout.addWidget(self.view)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setEnabled(False)
        self.close_button.setToolTip("Tick \"I have written it down\" first: the key is not shown again")
        self.buttons.rejected.connect(self.reject)
        self.written.toggled.connect(self.close_button.setEnabled)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        if self.written.isChecked():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.written.isChecked():
            super().closeEvent(event)
        else:
            event.ignore()


class RecoveryKeyDialog(QDialog):
    """Asks for the recovery key of the encrypted ``path``; accepted only once it opens the file."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle("Enter the recovery key")
        self.setAccessibleName("Enter the recovery key")
        layout = QVBoxLayout(self)
        intro = QLabel(f"{path} is encrypted, and this computer's keyring does not hold its key.\n"
                       "Enter the recovery key that was shown when it was encrypted (14 groups of 4).")
        intro.setWordWrap(True)
        intro.setMinimumWidth(560)
        layout.addWidget(intro)
        self.key_edit = QLineEdit()
        self.key_edit.setAccessibleName("Recovery key")
        self.key_edit.setFont(_mono(1))
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.key_edit.setMinimumWidth(560)
        layout.addWidget(self.key_edit)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_key)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.in_keyring = False

    def try_key(self) -> None:
        """Open the file with the typed key: accepted (and the key kept again), or the reason shown."""
        from boardapp.db.encryption import unlock
        from boardapp.db.errors import WorkspaceError

        try:
            self.in_keyring = unlock(self.path, self.key_edit.text())
        except keys.RecoveryKeyTypoError as exc:
            text = str(exc)
            self._refuse(text[:1].upper() + text[1:])  # the field is the only one in the dialog
            return
        except WorkspaceError as exc:
            self._refuse(str(exc))
            return
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.adjustSize()  # room for the message: the intro is not squeezed
        self.key_edit.selectAll()
        self.key_edit.setFocus(Qt.FocusReason.OtherFocusReason)
