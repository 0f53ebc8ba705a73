"""Attendance: the board's members with Y / N / A / D (deputy, named), guests, quorum, and the matrix.

Keyboard first: in the list, the keys Y, N, A and D mark the chosen person (D asks for the
deputy's name) and the cursor moves to the next; Backspace clears a mark. Each mark is one undo
entry. "Attendance matrix…" shows the last twelve meetings (cancelled ones are not counted).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from boardapp.services.meetings.attendance import CODE_LABELS
from boardapp.ui.common import msgbox
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.common.table_page import fit_columns_to_header_and_content, make_table
from boardapp.ui.pages.meetings import commands
from boardapp.ui.pages.meetings.tab_base import MeetingTab, action_button, shortcut_action

if TYPE_CHECKING:
    from boardapp.services.meetings.attendance import AttendanceMatrix, SheetRow
    from boardapp.ui.common.context import AppContext


def mark_text(row: "SheetRow") -> str:
    if not row.code:
        return "—"
    return f"{row.code} — {CODE_LABELS[row.code]}"


class AttendanceTab(MeetingTab):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[SheetRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        columns: list[Column[Any]] = [
            Column("Name", lambda r: r.name),
            Column("Role", lambda r: r.role),
            Column("Organisation", lambda r: r.organisation),
            Column("Board member", lambda r: "Member" if r.is_member else "Guest"),
            Column("Attendance", mark_text),
            Column("Deputy", lambda r: r.deputy_name),
        ]
        self.table, self.model = make_table("Attendance at the meeting", columns)
        self.table.setSortingEnabled(False)
        metrics = self.table.horizontalHeader().fontMetrics()
        for column, (width, spec) in enumerate(zip((200, 220, 220, 110, 150, 200), columns)):  # headings not cut
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(spec.header) + 24))
        self.mark_actions = {}
        for code in ("Y", "N", "A", "D"):
            self.mark_actions[code] = shortcut_action(
                self.table, f"{code} — {CODE_LABELS[code]}{'…' if code == 'D' else ''}", code,
                lambda c=code: self.mark_current(c), context=Qt.ShortcutContext.WidgetShortcut)
        self.clear_action = shortcut_action(self.table, "&Clear the mark", "Backspace", lambda: self.mark_current(None),
                                            context=Qt.ShortcutContext.WidgetShortcut)
        self.guest_action = shortcut_action(self, "Add &guest…", "Ctrl+Shift+G", self.add_guest)
        self.remove_guest_action = shortcut_action(self, "&Remove guest", [], self.remove_guest)
        # Alt+M is the Meeting menu's, Alt+R the Actions arising tab's (Remove guest has no Alt key below).
        self.matrix_action = shortcut_action(self, "Attendance matri&x…", "Ctrl+Shift+M", self.show_matrix)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)  # the marks, with their keys
        self.table.addActions([self.guest_action, self.remove_guest_action, self.matrix_action])
        bar = QHBoxLayout()
        short = {"Y": "Y attended", "N": "N did not", "A": "A apologies", "D": "D deputy…"}  # the keys Y N A D work in the list
        for code, action in self.mark_actions.items():
            bar.addWidget(action_button(action, short[code]))
        bar.addWidget(action_button(self.clear_action, "Clear"))
        bar.addSpacing(12)
        bar.addWidget(action_button(self.guest_action))
        bar.addWidget(action_button(self.remove_guest_action, alt_key=False))
        bar.addStretch(1)
        bar.addWidget(action_button(self.matrix_action))
        layout.addLayout(bar)
        self.quorum_label = QLabel("")
        self.quorum_label.setAccessibleName("Quorum")
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.table, 1)
        hint = QLabel("In the list: Y attended, N did not attend, A apologies, D deputy (you name them); "
                      "Backspace clears. The cursor moves on to the next person.")
        hint.setObjectName("muted")
        layout.addWidget(hint)

    def reload(self) -> None:
        from boardapp.services.meetings.attendance import attendance_sheet

        keep = self.current()
        row_index = self.table.currentIndex().row()
        if self.meeting is None:
            self.rows = []
            self.quorum_label.setText("")
        else:
            with self.ctx.session() as session:
                sheet = attendance_sheet(self.meeting.id, session=session)
            self.rows = list(sheet.rows)
            members = sum(1 for r in sheet.rows if r.is_member)
            text = f"{sheet.present} of {members} members present or represented"
            if sheet.quorum is not None:
                text += f" · quorum {sheet.quorum}: {'met' if sheet.quorum_met else 'NOT met'}"
            self.quorum_label.setText(text)
            self.quorum_label.setStyleSheet("" if sheet.quorum_met is not False else "color: #b3261e; font-weight: bold;")
        self.model.set_rows(self.rows)
        ids = [r.person_id for r in self.rows]
        if keep is not None and keep.person_id in ids:
            self.table.selectRow(ids.index(keep.person_id))
        elif self.rows:
            self.table.selectRow(min(max(row_index, 0), len(self.rows) - 1))
        for action in (*self.mark_actions.values(), self.clear_action, self.guest_action):
            action.setEnabled(self.meeting is not None)

    def current(self) -> "SheetRow | None":
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and index.row() < len(self.rows) else None

    def select_person(self, person_id: int) -> None:
        ids = [r.person_id for r in self.rows]
        if person_id in ids:
            self.table.selectRow(ids.index(person_id))

    def mark_current(self, code: str | None, deputy_name: str | None = None) -> None:
        row = self.current()
        if row is None or self.meeting is None:
            return
        if code == "D" and deputy_name is None:
            deputy_name = msgbox.get_text(self, "Deputy", f"Who attended in place of {row.name}?", row.deputy_name)
            # typing goes on in the list (Y, A, D… for the next person), even where the dialog's
            # window closing left the keyboard elsewhere
            self.window().activateWindow()
            self.table.setFocus()
            if deputy_name is None:
                return
        where = self.table.currentIndex().row()
        try:
            commands.set_attendance(self.ctx, self.meeting.id, row.person_id, code, deputy_name or "",
                                    f"Mark {row.name} {code or 'not marked'}")
        except Exception as exc:  # noqa: BLE001 - a field refused (the deputy's name) or a conflict: say so
            self.report("Attendance not saved", exc)
            return
        if self.rows:
            self.table.selectRow(min(where + 1, len(self.rows) - 1))

    def add_guest(self, name: str | None = None) -> None:
        if self.meeting is None:
            return
        name = name if name is not None else msgbox.get_text(self, "Add guest", "Name of the guest (not a board member):")
        if not name:
            return
        try:
            person_id = commands.add_guest(self.ctx, self.meeting.id, name)
        except Exception as exc:  # noqa: BLE001
            self.report("Guest not added", exc)
            return
        self.select_person(person_id)

    def remove_guest(self) -> None:
        row = self.current()
        if row is None or self.meeting is None:
            return
        if row.is_member:
            msgbox.information(self, "Remove guest", f"{row.name} is a board member: mark them N or A instead.")
            return
        try:
            commands.remove_guest(self.ctx, self.meeting.id, row.person_id, row.name)
        except Exception as exc:  # noqa: BLE001
            self.report("Guest not removed", exc)

    def show_matrix(self) -> "MatrixDialog":
        from boardapp.services.meetings.attendance import attendance_matrix

        with self.ctx.session() as session:
            matrix = attendance_matrix(session=session, today=self.ctx.today())
        dialog = MatrixDialog(matrix, self)
        dialog.open()
        return dialog


class MatrixDialog(QDialog):
    """Each member's marks across the last twelve meetings (cancelled ones left out) and their rate."""

    def __init__(self, matrix: "AttendanceMatrix", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attendance matrix")
        self.setAccessibleName("Attendance matrix")
        self.matrix = matrix
        layout = QVBoxLayout(self)
        intro = QLabel(f"The last {len(matrix.meetings)} meetings up to today; cancelled meetings are not counted. "
                       "Rate: present or represented (Y or D) of the meetings marked.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        columns: list[Column[Any]] = [Column("Member", lambda r: r.name)]
        for i, (_meeting_id, day) in enumerate(matrix.meetings):
            columns.append(Column(f"{day:%d/%m/%y}", lambda r, i=i: r.codes[i] or "·",
                                  align=Qt.AlignmentFlag.AlignCenter))
        columns.append(Column("Rate", lambda r: r.rate, fmt=lambda v: "—" if v is None else f"{v:.0%}",
                              sort_key=lambda r: -1 if r.rate is None else r.rate))
        self.table, self.model = make_table("Attendance across meetings", columns)
        self.model.set_rows(list(matrix.rows))
        fit_columns_to_header_and_content(self.table)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        resize_to_fit(self, min(1200, 220 + 80 * len(matrix.meetings)), 460)
