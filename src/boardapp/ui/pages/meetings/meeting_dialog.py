"""New or edit a meeting: title, date (UK, day first), start time, place or online, standing items.

"New meeting" opens on the date the board's frequency gives (one period after the last meeting),
with that meeting's start time and place. Save goes through an undoable command; a field the
service refuses is named and focused, and nothing is written.
"""
from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

import re

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from boardapp.domain.rules import ValidationError

from boardapp.ui.common.date_fields import check_dates, uk_date_edit
from boardapp.ui.common.form_dialog import FormDialog
from boardapp.ui.pages.meetings import commands

if TYPE_CHECKING:
    from boardapp.services.meetings.queries import MeetingListRow
    from boardapp.ui.common.context import AppContext

ONLINE = "Online"


def parse_time(text: str) -> time | None:
    """"14:00", "14.00", "1400", "9:30", "930" → a time; empty → None; anything else is refused by name."""
    clean = text.strip()
    if not clean:
        return None
    found = re.fullmatch(r"(\d{1,2})[:.h]?(\d{2})", clean)
    if found is None or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise ValidationError("start_time", f"“{clean}” is not a time: type it as HH:MM on the 24-hour clock (14:00)")
    return time(int(found.group(1)), int(found.group(2)))


class MeetingDialog(FormDialog):
    """The fields of a meeting; ``meeting`` None makes a new one."""

    def __init__(self, ctx: "AppContext", meeting: "MeetingListRow | None" = None, *, offered: tuple[date, time | None, str]
                 | None = None, parent: QWidget | None = None) -> None:
        super().__init__("New meeting" if meeting is None else "Edit meeting", parent,
                         save_text="Create meeting" if meeting is None else "Save")
        self.ctx = ctx
        self.meeting = meeting
        self.created_id: int | None = None
        self.title_edit = QLineEdit(meeting.title if meeting else "Improvement Board")
        self.add_row("title", "&Title:", self.title_edit)
        self.date_edit = uk_date_edit(self, "Date", field="meeting_date")
        self.add_row("meeting_date", "&Date:", self.date_edit,
                     help_text="Day first: 08/12/2026, 8/12/26 or 8 Dec 2026")
        self.time_edit = QLineEdit()
        self.time_edit.setPlaceholderText("HH:MM")
        self.time_edit.setMaximumWidth(self.time_edit.fontMetrics().horizontalAdvance("00:000") + 24)
        self.add_row("start_time", "&Starts at:", self.time_edit,
                     help_text="24-hour clock: 10:00, 14:30 (1430 works too); the agenda's clock runs from here")
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("Room and building, or Online")
        self.add_row("place", "&Place:", self.place_edit)
        self.online_box = QCheckBox("&Online meeting (no room)")
        self.online_box.setAccessibleName("Online meeting")
        self.online_box.toggled.connect(self._online_toggled)
        self.add_row("online", "", self.online_box)
        self.standing_box: QCheckBox | None = None
        if meeting is None:
            self.standing_box = QCheckBox("Start the &agenda with the standing items")  # Alt+S: Starts at
            self.standing_box.setAccessibleName("Standing items")
            self.standing_box.setToolTip("Welcome and apologies; declarations of interest; minutes of the last meeting "
                                         "and matters arising; action log; challenge log; any other business; date of "
                                         "the next meeting")
            self.standing_box.setChecked(True)
            self.add_row("standing_items", "", self.standing_box)
            day, start, place = offered or (ctx.today(), time(10, 0), "")
            self.date_edit.set_value(day)
            self.add_note("The date offered is one period (the board's meeting frequency) after the last meeting.")
        else:
            day, start, place = meeting.meeting_date, meeting.start_time, meeting.place
            self.date_edit.set_value(day)
        self.time_edit.setText(f"{start:%H:%M}" if start is not None else "")
        self.place_edit.setText(place)
        self.online_box.setChecked(place.strip().casefold() == ONLINE.casefold())
        self.fit_width(460)

    def _online_toggled(self, online: bool) -> None:
        if online:
            self.place_edit.setText(ONLINE)
        elif self.place_edit.text().strip().casefold() == ONLINE.casefold():
            self.place_edit.clear()
        self.place_edit.setEnabled(not online)

    def values(self) -> dict[str, Any]:
        check_dates(self)
        return {"title": self.title_edit.text(), "meeting_date": self.date_edit.value(),
                "start_time": parse_time(self.time_edit.text()),
                "place": ONLINE if self.online_box.isChecked() else self.place_edit.text()}

    def submit(self) -> None:
        try:
            self._submit()
        except LookupError as exc:  # the meeting was deleted elsewhere meanwhile
            raise ValidationError("", str(exc)) from exc

    def _submit(self) -> None:
        values = self.values()
        if self.meeting is None:
            self.created_id = commands.create_meeting(
                self.ctx, values, standing_items=self.standing_box is not None and self.standing_box.isChecked())
            return
        current = {"title": self.meeting.title, "meeting_date": self.meeting.meeting_date,
                   "start_time": self.meeting.start_time, "place": self.meeting.place}
        changes = {k: v for k, v in values.items() if current.get(k) != v}
        if changes:
            commands.edit_meeting(self.ctx, self.meeting.id, changes, f"Edit meeting {self.meeting.meeting_date:%d/%m/%Y}",
                                  expected_version=self.meeting.version)
