"""A small form dialog whose Save goes through a service: a refusal names the field and marks it.

Subclasses add rows with ``add_row(field, label, widget)`` (``field`` is the service's name for
it, e.g. "email") and implement ``submit()``, which raises ``ValidationError(field, message)``
(or ConflictError/NotFoundError) when the service refuses. The dialog then shows
"Email: … is not an email address", outlines and focuses that widget, and stays open; nothing
was written. On success it accepts.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from boardapp.domain.rules import ValidationError
from boardapp.ui.common.screen_fit import resize_to_fit



class FormDialog(QDialog):
    """Rows of labelled fields, an error line, Save and Cancel."""

    save_text = "Save"
    #: Its Save writes to the workspace (False for settings kept outside it): held in a read-only window.
    writes_workspace = True

    def __init__(self, title: str, parent: QWidget | None = None, *, intro: str = "", save_text: str | None = None) -> None:
        super().__init__(parent)
        if save_text:
            self.save_text = save_text
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        #: Service field names that mean one of ``fields`` ("chair name" → "chair_id").
        self.aliases: dict[str, str] = {}
        self._marked: QWidget | None = None
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(intro)
        self.intro_label.setWordWrap(True)
        self.intro_label.setObjectName("muted")
        self.intro_label.setVisible(bool(intro))
        layout.addWidget(self.intro_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.save_text)
        self.save_button.setAccessibleName(self.save_text)
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_row(self, field: str, label: str, widget: QWidget, *, help_text: str = "") -> QWidget:
        """Add a labelled field; ``&`` in the label gives it an Alt shortcut."""
        plain = label.replace("&", "").rstrip(":")
        if not widget.accessibleName():
            widget.setAccessibleName(plain)
        if help_text:
            widget.setToolTip(help_text)
            widget.setAccessibleDescription(help_text)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, widget)
        self.fields[field] = widget
        self.labels[field] = plain
        return widget

    def fit_width(self, width: int) -> None:
        """As wide as ``width`` (or its contents), as tall as its contents."""
        hint = self.sizeHint()
        resize_to_fit(self, max(width, hint.width()), hint.height())

    def add_note(self, text: str) -> QLabel:
        note = QLabel(text)
        note.setWordWrap(True)
        note.setObjectName("muted")
        self.form.addRow(note)
        return note

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Start in the first field (QDialog would focus the default button: a space typed then saves).
        In a read-only window Save is disabled and the intro says why."""
        if self.writes_workspace:
            from boardapp.ui.common.write_gate import hold_editor

            tip = hold_editor(self, self.save_button)
            if tip:
                self.intro_label.setText(f"{tip} — this can be read here, not saved.")
                self.intro_label.setVisible(True)
        super().showEvent(event)
        first = next((w for w in self.fields.values() if w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving ---------------------------------------------------------------------------------
    def submit(self) -> None:
        """Write through the service (raise ValidationError naming the field to refuse)."""
        raise NotImplementedError

    def save(self) -> None:
        from boardapp.services.people.errors import ConflictError, NotFoundError
        from boardapp.services.transaction import WriteRefusedError

        self.clear_error()
        try:
            self.submit()
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        except (ConflictError, NotFoundError) as exc:
            self.show_error("", str(exc))
            return
        except WriteRefusedError as exc:  # read-only, disk full, file replaced: the edit stays in the form
            self.show_error("", f"Not saved: {exc}")
            return
        self.accept()

    def show_error(self, field: str, message: str) -> None:
        """Say what is wrong, naming the field, and put the cursor there."""
        key = self.aliases.get(field, field)
        if key and key not in self.fields:
            key = next((w for w in (key.split()[0], key.split()[-1]) if w in self.fields), key)
        widget = self.fields.get(key)
        label = self.labels.get(key) or field.replace("_", " ")
        self.error_label.setText(f"{label}: {message}" if label else message)
        self.error_label.show()
        if widget is not None:
            widget.setStyleSheet(f"{widget.metaObject().className()} {{ border: 2px solid #b3261e; }}")
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self._marked = widget

    def clear_error(self) -> None:
        self.error_label.hide()
        if self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked = None


def suggest_only(combo: QComboBox) -> QComboBox:
    """An editable combo whose list only suggests: typing "OFFICIAL" must not become "OFFICIAL-SENSITIVE"
    (the default inline completion fills in the first longer match as you type)."""
    from PySide6.QtWidgets import QCompleter

    completer = combo.completer()
    if completer is not None:
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo
