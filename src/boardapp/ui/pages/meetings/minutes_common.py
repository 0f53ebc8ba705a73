"""What the minuting tabs share: the meeting they show, quick-entry forms, person and item pickers.

A quick-entry form is a row of fields with an Add button; Ctrl+Enter anywhere in it adds,
clears the text and puts the cursor back in the first field, so the secretariat can type
decision after decision while the board talks. A refusal names the field, next to the form.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from boardapp.domain.rules import ValidationError
from boardapp.ui.common import msgbox
from boardapp.ui.common.undo import ServiceCommand, run_command
from boardapp.ui.pages.meetings.tab_base import MeetingTab as PageTab

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.meetings.minutes import MinutedItem
    from boardapp.services.meetings.queries import MeetingListRow
    from boardapp.services.rows import PersonRow, ThemeRow
    from boardapp.ui.common.context import AppContext

ADD_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def person_combo(name: str, people: Sequence["PersonRow"], *, none_text: str = "—") -> QComboBox:
    """People to choose from (active ones), keyed by id; the first entry is "none"."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    fill_combo(combo, [(p.name, p.id) for p in people if p.active], none_text)
    return combo


def item_combo(name: str, items: Sequence["MinutedItem"], *, none_text: str = "(whole meeting)") -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    fill_combo(combo, [(i.label, i.id) for i in items], none_text)
    return combo


def theme_combo(name: str, themes: Sequence["ThemeRow"]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    fill_combo(combo, [(f"{t.code} {t.title}", t.id) for t in themes], "(no theme)")
    return combo


def fill_combo(combo: QComboBox, entries: Sequence[tuple[str, Any]], none_text: str | None) -> None:
    """Refill a combo, keeping the chosen id when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for text, data in entries:
        combo.addItem(text, data)
    found = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)


def choose(combo: QComboBox, data: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(data), 0))


class EntryForm(QWidget):
    """Labelled fields in a grid, an Add button, an error line; Ctrl+Enter submits."""

    submitted = Signal()

    def __init__(self, name: str, add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.fields: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        outer.addLayout(self.grid)
        self.error_label = QLabel()
        self.error_label.setAccessibleName(f"{name} error")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.add_button = QPushButton(add_text)
        self.add_button.setAccessibleName(add_text.replace("&", ""))
        self.add_button.setToolTip(f"{add_text.replace('&', '')} (Ctrl+Enter)")
        self.add_button.clicked.connect(self.submitted)
        for keys in ADD_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submitted)
        self._row = 0

    def add_field(self, field: str, label: str, widget: QWidget, *, column: int = 0, span: int = 1,
                  new_row: bool = True) -> QWidget:
        """Put a labelled field in the grid (``field``: the service's name, for refusals)."""
        if new_row and column == 0 and self.fields:
            self._row += 1
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.grid.addWidget(caption, self._row, column * 2)
        self.grid.addWidget(widget, self._row, column * 2 + 1, 1, span)
        self.fields[field] = widget
        return widget

    def finish(self) -> None:
        """Place the Add button after the last field."""
        self.grid.addWidget(self.add_button, self._row, self.grid.columnCount())

    def show_error(self, exc: ValidationError) -> None:
        field = exc.field.split(" ")[-1]
        label = field.removesuffix("_id").replace("_", " ")
        self.error_label.setText(f"{label[:1].upper()}{label[1:]}: {exc.message}")
        self.error_label.show()
        widget = self.fields.get(field) or self.fields.get(field.removesuffix("_id"))
        if widget is not None:
            widget.setFocus()

    def clear_error(self) -> None:
        self.error_label.hide()
        self.error_label.clear()

    @property
    def error(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""


class MeetingTab(PageTab):
    """A minuting tab: the page shows it the chosen meeting (``show_meeting``); it reads by id.

    ``wanted_item``: the item being minuted, offered as the item of the next entry.
    """

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id: int | None = None
        self.wanted_item: int | None = None

    def show_meeting(self, meeting: "MeetingListRow | None") -> None:
        self.meeting = meeting
        self.set_meeting(meeting.id if meeting is not None else None)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.reload()

    def reload(self) -> None:
        if self.meeting_id is None:
            self.load(None)
            return
        with self.ctx.session() as session:
            self.load(session)

    def load(self, session: "Session | None") -> None:
        raise NotImplementedError

    def set_item(self, item_id: int | None) -> None:
        """Offer this agenda item in the tab's item picker (kept across reloads)."""
        self.wanted_item = item_id
        combo = getattr(self, "item", None)
        if isinstance(combo, QComboBox) and (found := combo.findData(item_id)) >= 0:
            combo.setCurrentIndex(found)

    def run(self, command: ServiceCommand, form: EntryForm | None = None,
            done: Callable[[], None] | None = None) -> bool:
        """Run an edit and put it on the undo stack; a refusal is shown (the form's field, or a box)."""
        from boardapp.services.transaction import ConflictError, WriteRefusedError

        try:
            run_command(self.ctx, command)
        except ValidationError as exc:
            if form is not None:
                form.show_error(exc)
            else:
                msgbox.warning(self, "Not saved", str(exc))
            return False
        except (ConflictError, WriteRefusedError, LookupError) as exc:
            msgbox.warning(self, "Not saved", str(exc))
            return False
        if form is not None:
            form.clear_error()
        if done is not None:
            done()
        return True
