"""The one date field of the app: type a UK date (day first) or pick it from a calendar.

:class:`UkDateField` is a line of text, not a ``QDateEdit``: a ``QDateEdit`` with sections
takes three Tabs to leave and reads ``05/01/2027`` typed from the day section as
"05/03/00001/2027" (the ``/`` jumps a section and the digits overflow into the next one),
saving another date without a word. Here the text is read by
:func:`boardapp.domain.dates.parse_uk_date` (``05/01/2027``, ``5/1/27``, ``05.01.2027``,
``05012027``, ``5 Jan 2027``… all mean 5 January 2027, never in US order), written back as
``05/01/2027`` when the user leaves the field, and an impossible date (``31/02/2027``) is
refused with a message naming the field, shown next to it. ``value()``/``date()`` raise
:class:`DateFieldError` (a ``ValidationError``) for such text, so a form's save that catches
``ValidationError`` stops there instead of saving a guess. One Tab leaves the field; the
calendar opens with Alt+Down, F4 or the arrow button; Up/Down step a day.

The older names keep working: ``uk_date_edit(parent, accessible_name)`` (``date()``,
``setDate()``, ``dateChanged``), ``OptionalDateEdit(label)`` (empty allowed: ``value()``,
``set_value()``, ``changed``), ``to_qdate`` and ``from_qdate``.
"""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget,
)

from boardapp.domain.dates import DateParseError, parse_uk_date, uk
from boardapp.domain.rules import ValidationError

#: Dates outside these are typing slips (a year 0027, 20277), not plans of an improvement board.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
ERROR_COLOUR = "#b3261e"
_ERROR_STYLE = f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; }}"


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DateFieldError(ValidationError):
    """Text in a date field that is not a date; ``widget`` is the field, to focus it."""

    def __init__(self, widget: "UkDateField", field: str, message: str) -> None:
        super().__init__(field, message)
        self.widget = widget


class UkDateField(QWidget):
    """A UK date typed as text (or picked from a calendar); optionally empty.

    ``value()`` is the date (None when an optional field is empty) and raises
    :class:`DateFieldError` when the text is not a date; ``peek()`` never raises
    (None for text that is not a date) for previews and "is the form modified?".
    """

    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit name, so old callers keep working
    changed = Signal()  # the value changed (to a date, or to empty)

    def __init__(
        self, parent: QWidget | None = None, accessible_name: str = "Date", *, optional: bool = False,
        field: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = accessible_name
        self._field = field or accessible_name
        self._optional = optional
        self._value: date | None = None
        self._calendar_default: date | None = None
        self._minimum, self._maximum = EARLIEST, LATEST
        self._calendar: QCalendarWidget | None = None

        self.line_edit = QLineEdit(self)
        self.line_edit.setAccessibleName(accessible_name)
        self.line_edit.setPlaceholderText("DD/MM/YYYY")
        self.line_edit.setToolTip(
            f"{accessible_name}: type it day first (05/01/2027, 5/1/27 or 5 Jan 2027)"
            f"{'; leave it empty for none' if optional else ''}. Alt+Down opens a calendar."
        )
        # Wide enough for "30 September 2027" while it is typed; the same width in every form.
        self.line_edit.setFixedWidth(self.line_edit.fontMetrics().horizontalAdvance("30 September 20277") + 16)
        self.line_edit.installEventFilter(self)
        self.line_edit.textChanged.connect(self._text_changed)
        self.line_edit.editingFinished.connect(self._editing_finished)

        self.calendar_button = QToolButton(self)
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # one Tab leaves the field; Alt+Down opens it
        self.calendar_button.setAccessibleName(f"Choose {accessible_name.lower()} from a calendar")
        self.calendar_button.setToolTip("Calendar (Alt+Down)")
        self.calendar_button.clicked.connect(self.open_calendar)

        self.message_label = QLabel(self)
        self.message_label.setAccessibleName(f"{accessible_name} message")
        self.message_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.calendar_button)
        layout.addSpacing(6)
        layout.addWidget(self.message_label, 1)
        layout.addStretch(0)  # with the message hidden, the field stays at the left, not spread out
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.line_edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # --- the value -------------------------------------------------------------------------------
    def value(self) -> date | None:
        """The date typed; None when an optional field is empty; DateFieldError (shown here) otherwise."""
        result, problem = self._read()
        if problem:
            self.show_message(problem)
            raise DateFieldError(self, self._field, problem)
        return result

    def peek(self) -> date | None:
        """The date typed, or None (empty, or not a date): never raises, shows nothing."""
        return self._read()[0]

    def error(self) -> str:
        """What is wrong with the text now ('' when it is a date, or empty and allowed)."""
        return self._read()[1]

    def is_valid(self) -> bool:
        return not self.error()

    def set_value(self, value: date | None, default: date | None = None) -> None:
        """Show ``value`` (None empties an optional field); ``default`` is where the calendar opens."""
        if default is not None:
            self._calendar_default = default
        self.line_edit.setText(uk(value))  # textChanged reads it and signals a change
        self.clear_message()

    def text(self) -> str:
        return self.line_edit.text()

    def is_optional(self) -> bool:
        return self._optional

    def field_name(self) -> str:
        return self._name

    # --- the QDateEdit names (old callers) --------------------------------------------------------
    def date(self) -> QDate:
        """The date as a QDate (a null QDate for an empty optional field); raises like ``value()``."""
        value = self.value()
        return QDate() if value is None else to_qdate(value)

    def setDate(self, value: QDate) -> None:  # noqa: N802 - the QDateEdit name
        self.set_value(from_qdate(value) if value is not None and value.isValid() else None)

    def setMinimumDate(self, value: QDate) -> None:  # noqa: N802
        self._minimum = from_qdate(value)

    def setMaximumDate(self, value: QDate) -> None:  # noqa: N802
        self._maximum = from_qdate(value)

    def setDateRange(self, minimum: QDate, maximum: QDate) -> None:  # noqa: N802
        self.setMinimumDate(minimum)
        self.setMaximumDate(maximum)

    def minimumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self._minimum)

    def maximumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self._maximum)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802
        self.line_edit.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)

    # --- the message shown by the field ---------------------------------------------------------
    def show_message(self, message: str) -> None:
        """Mark the field and say what is wrong, next to it (also for errors a service found)."""
        text = message if message.startswith(f"{self._name}:") else f"{self._name}: {message}"
        self.message_label.setText(text)
        self.message_label.show()
        self.line_edit.setStyleSheet(_ERROR_STYLE)
        self.line_edit.setAccessibleDescription(f"Error: {message}")

    def clear_message(self) -> None:
        self.message_label.hide()
        self.message_label.clear()
        self.line_edit.setStyleSheet("")
        self.line_edit.setAccessibleDescription("")

    def message(self) -> str:
        """The message shown by the field now ('' when none)."""
        return self.message_label.text() if not self.message_label.isHidden() else ""

    # --- reading the text ----------------------------------------------------------------------
    def _read(self) -> tuple[date | None, str]:
        typed = self.line_edit.text().strip()
        if not typed:
            return None, ("" if self._optional else "a date is needed (day first, e.g. 05/01/2027)")
        try:
            value = parse_uk_date(typed)
        except DateParseError as exc:
            return None, str(exc)
        if not self._minimum <= value <= self._maximum:
            return None, f"{uk(value)} is outside {uk(self._minimum)} – {uk(self._maximum)}"
        return value, ""

    def _text_changed(self, _text: str) -> None:
        value, problem = self._read()
        if problem:
            return  # half typed: say nothing until the user leaves the field
        self.clear_message()  # valid now: an earlier message goes at once
        if value != self._value:
            self._value = value
            if value is not None:
                self.dateChanged.emit(to_qdate(value))
            self.changed.emit()

    def _editing_finished(self) -> None:
        value, problem = self._read()
        if problem:
            self.show_message(problem)
        elif value is not None and self.line_edit.text() != uk(value):
            self.line_edit.setText(uk(value))  # show what was understood: 05/01/2027

    # --- keyboard and calendar -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier) or key == Qt.Key.Key_F4:
                self.open_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & Qt.KeyboardModifier.AltModifier:
                self._step(1 if key == Qt.Key.Key_Up else -1)
                return True
        return super().eventFilter(watched, event)

    def _step(self, days: int) -> None:
        current = self.peek()
        if current is None or self.line_edit.isReadOnly():
            return
        moved = current + timedelta(days=days)
        if self._minimum <= moved <= self._maximum:
            self.set_value(moved)

    def calendar(self) -> QCalendarWidget:
        """The pop-up calendar (made on first use)."""
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setAccessibleName(f"{self._name} calendar")
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setGridVisible(True)
            calendar.activated.connect(self._picked)
            calendar.clicked.connect(self._picked)
            self._calendar = calendar
        return self._calendar

    def open_calendar(self) -> None:
        """Show the calendar under the field, on the date typed (or the default, or today)."""
        if self.line_edit.isReadOnly() or not self.isEnabled():
            return
        calendar = self.calendar()
        calendar.setDateRange(to_qdate(self._minimum), to_qdate(self._maximum))
        shown = self.peek() or self._calendar_default or date.today()
        calendar.setSelectedDate(to_qdate(min(max(shown, self._minimum), self._maximum)))
        calendar.adjustSize()
        where = self.line_edit.mapToGlobal(QPoint(0, self.line_edit.height()))
        screen = QGuiApplication.screenAt(where) or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            size = calendar.sizeHint()
            x = min(where.x(), room.right() - size.width())
            y = where.y() if where.y() + size.height() <= room.bottom() else where.y() - self.line_edit.height() - size.height()
            where = QPoint(max(room.left(), x), max(room.top(), y))
        calendar.move(where)
        calendar.show()
        calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.set_value(from_qdate(picked))
        self.line_edit.setFocus()


class OptionalDateEdit(UkDateField):
    """A date that may be left empty (clear the text for none)."""

    def __init__(self, label: str, parent: QWidget | None = None, *, field: str | None = None) -> None:
        super().__init__(parent, label, optional=True, field=field)


def uk_date_edit(
    parent: QWidget | None = None, accessible_name: str = "Date", *, optional: bool = False,
    field: str | None = None,
) -> UkDateField:
    """A date field for a form (``field`` is the name a DateFieldError carries; default the label)."""
    return UkDateField(parent, accessible_name, optional=optional, field=field)


def date_fields_in(container: QWidget) -> list[UkDateField]:
    return container.findChildren(UkDateField)


def check_dates(container: QWidget) -> None:
    """Raise DateFieldError for the first date field under ``container`` whose text is not a date.

    Call it first in a form's save: every wrong field shows its message, the first is focused.
    """
    first: DateFieldError | None = None
    for field in date_fields_in(container):
        if not field.isEnabled():
            continue
        try:
            field.value()
        except DateFieldError as exc:
            first = first or exc
    if first is not None:
        first.widget.setFocus()
        raise first
