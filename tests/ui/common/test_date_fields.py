"""The one date field: what a UK user types is the date saved, one Tab leaves it, a calendar is there."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QFormLayout, QLineEdit, QWidget

from boardapp.domain.rules import ValidationError
from boardapp.ui.common.date_fields import (
    DateFieldError, OptionalDateEdit, UkDateField, check_dates, from_qdate, to_qdate, uk_date_edit,
)

FIFTH_OF_JANUARY = date(2027, 1, 5)


class Form(QWidget):
    """A small form as a user meets it: a due date, an optional date, then a text box."""

    def __init__(self) -> None:
        super().__init__()
        layout = QFormLayout(self)
        self.due = uk_date_edit(self, "Due date")
        self.due.set_value(date(2026, 11, 23))
        self.start = OptionalDateEdit("Start date", self)
        self.after = QLineEdit(self)
        self.after.setAccessibleName("Next field")
        layout.addRow("Due date:", self.due)
        layout.addRow("Start date:", self.start)
        layout.addRow("Next:", self.after)


@pytest.fixture
def form(qtbot: Any) -> Form:
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def type_into(qtbot: Any, field: UkDateField, text: str) -> None:
    """Click into the field, select what is there and type over it, as a user does."""
    field.setFocus()
    field.line_edit.selectAll()
    qtbot.keyClicks(field.line_edit, text)


@pytest.mark.parametrize(
    "typed", ["05/01/2027", "5/1/2027", "5/1/27", "05.01.2027", "05012027", "5 Jan 2027", "5 January 2027"],
)
def test_what_a_uk_user_types_is_the_fifth_of_january_shown_day_first(qtbot: Any, form: Form, typed: str) -> None:
    seen: list[QDate] = []
    form.due.dateChanged.connect(seen.append)
    type_into(qtbot, form.due, typed)
    qtbot.keyClick(form.due.line_edit, Qt.Key.Key_Tab)
    assert form.due.value() == FIFTH_OF_JANUARY and from_qdate(form.due.date()) == FIFTH_OF_JANUARY
    assert form.due.text() == "05/01/2027"
    assert seen and from_qdate(seen[-1]) == FIFTH_OF_JANUARY
    assert form.due.message() == ""


def test_one_tab_leaves_the_field(qtbot: Any, form: Form) -> None:
    type_into(qtbot, form.due, "05/01/2027")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.start.line_edit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.after


@pytest.mark.parametrize(
    ("typed", "says"), [("31/02/2027", "February 2027 has no day 31"), ("01/31/2027", "no month 31"),
                        ("5 Jab 2027", "not a month"), ("5/1/0027", "outside")],
)
def test_an_impossible_or_us_order_date_is_refused_naming_the_field(
    qtbot: Any, form: Form, typed: str, says: str,
) -> None:
    type_into(qtbot, form.due, typed)
    qtbot.keyClick(form.due.line_edit, Qt.Key.Key_Tab)
    assert form.due.message().startswith("Due date:") and says in form.due.message()
    assert form.due.message_label.isVisible()
    with pytest.raises(DateFieldError) as caught:
        form.due.value()
    assert isinstance(caught.value, ValidationError) and says in caught.value.message
    with pytest.raises(ValidationError):
        form.due.date()  # an old caller saving ``from_qdate(field.date())`` stops too, never saves a guess
    type_into(qtbot, form.due, "28/02/2027")
    assert form.due.message() == "" and form.due.value() == date(2027, 2, 28)  # gone as soon as it is right


def test_check_dates_stops_a_save_at_the_first_wrong_field(qtbot: Any, form: Form) -> None:
    type_into(qtbot, form.start, "30/02/2027")
    form.after.setFocus()
    with pytest.raises(DateFieldError) as caught:
        check_dates(form)
    assert caught.value.widget is form.start and QApplication.focusWidget() is form.start.line_edit
    assert form.start.message().startswith("Start date:")


def test_an_optional_date_may_be_empty_a_required_one_may_not(qtbot: Any, form: Form) -> None:
    assert form.start.value() is None and form.start.is_valid()
    type_into(qtbot, form.start, "5 Jan 27")
    assert form.start.value() == FIFTH_OF_JANUARY
    changes: list[int] = []
    form.start.changed.connect(lambda: changes.append(1))
    type_into(qtbot, form.start, "")
    qtbot.keyClick(form.start.line_edit, Qt.Key.Key_Backspace)
    assert form.start.value() is None and changes
    form.start.set_value(None, default=date(2027, 3, 1))
    assert form.start.text() == ""
    form.due.line_edit.clear()
    with pytest.raises(DateFieldError, match="a date is needed"):
        form.due.value()


#: Limits of the headless platform plugin when a pop-up opens, not of the field.
POPUP_NOISE = (r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)",
               r"This plugin does not support grabbing the (keyboard|mouse)")


@pytest.mark.qt_log_ignore(*POPUP_NOISE)
def test_alt_down_opens_a_calendar_and_enter_picks_its_date(qtbot: Any, form: Form) -> None:
    type_into(qtbot, form.due, "05/01/2027")
    qtbot.keyClick(form.due.line_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = form.due.calendar()
    assert isinstance(calendar, QCalendarWidget) and calendar.isVisible()
    assert from_qdate(calendar.selectedDate()) == FIFTH_OF_JANUARY
    calendar.setSelectedDate(to_qdate(date(2027, 1, 12)))
    view = calendar.focusWidget() or calendar
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert form.due.value() == date(2027, 1, 12) and form.due.text() == "12/01/2027"
    assert QApplication.focusWidget() is form.due.line_edit
    assert form.due.calendar_button.accessibleName() == "Choose due date from a calendar"


def test_the_old_names_keep_working(qtbot: Any) -> None:
    field = uk_date_edit(None, "Review date")
    qtbot.addWidget(field)
    field.setDate(QDate(2027, 1, 5))
    assert field.text() == "05/01/2027" and field.date() == QDate(2027, 1, 5)
    assert field.line_edit.accessibleName() == "Review date"
    optional = OptionalDateEdit("Revised due date")
    qtbot.addWidget(optional)
    optional.set_value(FIFTH_OF_JANUARY)
    assert optional.value() == FIFTH_OF_JANUARY
    optional.set_value(None)
    assert optional.value() is None and optional.date() == QDate()


def test_up_and_down_step_a_day(qtbot: Any, form: Form) -> None:
    type_into(qtbot, form.due, "31/12/2026")
    qtbot.keyClick(form.due.line_edit, Qt.Key.Key_Up)
    assert form.due.value() == date(2027, 1, 1)
    qtbot.keyClick(form.due.line_edit, Qt.Key.Key_Down)
    assert form.due.value() == date(2026, 12, 31)


def test_the_field_sits_at_the_left_of_its_row(qtbot: Any, form: Form) -> None:
    form.resize(700, form.height())
    qtbot.waitUntil(lambda: form.due.width() > 400, timeout=2000)
    assert form.due.line_edit.x() == 0
    assert form.due.calendar_button.x() <= form.due.line_edit.geometry().right() + 6
