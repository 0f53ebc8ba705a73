"""The agenda builder: the items with their clock times and the meeting's end, and the chosen item's fields.

Keyboard first: Tab runs through the chosen item's fields (title, presenter, purpose, minutes,
theme, pack section, Part B), each saved as it is left; Ctrl+Enter adds the next item and puts
the cursor in its title; Ctrl+Up/Down move the chosen item, Ctrl+Right/Left make it a sub-item
of the one above or a main item again; Delete (in the list) removes it. A drag moves an item too.
Every change is one undo entry (Ctrl+Z).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMenu, QSpinBox, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from boardapp.domain.enums import AgendaPurpose
from boardapp.domain.rules import ValidationError
from boardapp.services.meetings.sections import AGENDA_PACK_SECTIONS
from boardapp.ui.common import msgbox
from boardapp.ui.pages.meetings import commands
from boardapp.ui.pages.meetings.agenda_model import (
    AgendaModel, drop_target, indent_target, outdent_target, step_target,
)
from boardapp.ui.pages.meetings.tab_base import MeetingTab, action_button, shortcut_action

if TYPE_CHECKING:
    from boardapp.services.meetings.queries import AgendaItemRow
    from boardapp.ui.common.context import AppContext

NEW_ITEM_TITLE = "New item"


class AgendaView(QTableView):
    """The agenda list: rows move by drag; its context menu lists the tab's actions with their keys."""

    def __init__(self, menu_actions: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu_actions = menu_actions

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = QMenu(self)
        for action in self.menu_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(event.globalPos())


class AgendaTab(MeetingTab):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[AgendaItemRow] = []
        self._loading = False
        self._people: list[Any] = []
        self._build()

    # -- building --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.add_action = shortcut_action(self, "&Add item", ["Ctrl+Return", "Ctrl+Enter"], self.add_next)
        # Alt+S is the presenter's (Alt+P is the Papers tab's), so the sub-item takes Alt+B. The fields' keys
        # leave the menu bar's and the tabs' alone: Tit&le, Purp&ose, Mi&nutes, Part B e&xempt; Theme has none.
        self.add_sub_action = shortcut_action(self, "Add su&b-item", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
                                              self.add_sub_item)
        self.up_action = shortcut_action(self, "Move &up", "Ctrl+Up", lambda: self.move_by(-1))
        self.down_action = shortcut_action(self, "Move &down", "Ctrl+Down", lambda: self.move_by(1))
        self.indent_action = shortcut_action(self, "Make sub-&item of the one above", "Ctrl+Right", self.indent)
        self.outdent_action = shortcut_action(self, "Make &main item", "Ctrl+Left", self.outdent)
        self.copy_action = shortcut_action(self, "&Copy agenda from the previous meeting…", [], self.copy_previous)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        for action in (self.add_action, self.add_sub_action, self.up_action, self.down_action, self.indent_action,
                       self.outdent_action):
            text = {self.indent_action: "Sub-item →", self.outdent_action: "← Main item",
                    self.up_action: "↑ Up", self.down_action: "↓ Down"}.get(action)
            bar.addWidget(action_button(action, text, alt_key=action is not self.add_action))  # Alt+A: the Agenda tab
        bar.addStretch(1)
        bar.addWidget(action_button(self.copy_action, "Copy from previous…"))
        layout.addLayout(bar)
        self.timing_label = QLabel("")
        self.timing_label.setAccessibleName("Agenda timing")
        layout.addWidget(self.timing_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = AgendaModel(self)
        self.model.move_requested.connect(self.drop_move)
        self.table = AgendaView([self.add_action, self.add_sub_action, None, self.up_action, self.down_action,
                                 self.indent_action, self.outdent_action, None, self.copy_action], self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Agenda items")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = header.fontMetrics()
        for column, width in enumerate((34, 52, 220, 120, 84, 40, 150, 104)):  # never narrower than the heading
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(heading) + 24))
        from PySide6.QtWidgets import QHeaderView

        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.delete_action = shortcut_action(self.table, "De&lete item", "Delete", self.delete_current,
                                             context=Qt.ShortcutContext.WidgetShortcut)
        self.table.menu_actions += [None, self.delete_action]
        split.addWidget(self.table)
        split.addWidget(self._build_editor())
        split.setStretchFactor(0, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([820, 310])
        layout.addWidget(split, 1)
        self._update_actions()

    def _build_editor(self) -> QWidget:
        panel = QWidget()
        panel.setAccessibleName("The chosen agenda item")
        panel.setMinimumWidth(300)
        panel.setMaximumWidth(420)
        outer = QVBoxLayout(panel)
        outer.setContentsMargins(8, 0, 0, 0)
        form = QFormLayout()
        outer.addLayout(form)
        self.title_edit = QLineEdit()
        self.title_edit.editingFinished.connect(lambda: self._commit("title", self.title_edit.text()))
        self.presenter_combo = QComboBox()
        self.presenter_combo.setEditable(True)
        self.presenter_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.presenter_combo.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._commit_presenter)
        self.purpose_combo = QComboBox()
        for purpose in AgendaPurpose:
            self.purpose_combo.addItem(purpose.label, purpose.value)
        self.purpose_combo.activated.connect(lambda _i: self._commit("purpose", self.purpose_combo.currentData()))
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(0, 600)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.editingFinished.connect(lambda: self._commit("duration_minutes", self.minutes_spin.value()))
        self.theme_combo = QComboBox()
        self.theme_combo.activated.connect(lambda _i: self._commit("theme_id", self.theme_combo.currentData()))
        self.section_combo = QComboBox()
        self.section_combo.addItem("—", "")
        for key, label in AGENDA_PACK_SECTIONS:
            self.section_combo.addItem(label, key)
        self.section_combo.activated.connect(lambda _i: self._commit("pack_section", self.section_combo.currentData()))
        self.confidential_box = QCheckBox("Part B (confidential, e&xempt)")
        self.confidential_box.setToolTip("Exempt information: the item is taken in the confidential part of the meeting")
        self.confidential_box.clicked.connect(lambda on: self._commit("confidential", bool(on)))
        for label, widget, name in (
            ("Tit&le:", self.title_edit, "Item title"), ("Pre&senter:", self.presenter_combo, "Presenter"),
            ("Purp&ose:", self.purpose_combo, "Purpose"), ("Mi&nutes:", self.minutes_spin, "Minutes allotted"),
            ("Theme:", self.theme_combo, "Linked theme"), ("Pac&k section:", self.section_combo, "Pack section"),
            ("", self.confidential_box, "Confidential, Part B"),
        ):
            widget.setAccessibleName(name)
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.editor_note = QLabel("Tab moves through the fields; each is saved as you leave it. "
                                  "Ctrl+Enter adds the next item.")
        self.editor_note.setObjectName("muted")
        self.editor_note.setWordWrap(True)
        outer.addWidget(self.editor_note)
        outer.addStretch(1)
        self.editor = panel
        return panel

    # -- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        from boardapp.services.meetings.queries import agenda
        from boardapp.services.people.queries import list_people, list_themes

        keep = self.current_id()
        if self.meeting is None:
            rows: list[Any] = []
        else:
            with self.ctx.session() as session:
                rows = agenda(self.meeting.id, session=session)
                self._people = [p for p in list_people(session=session, active_only=True)]
                themes = list_themes(session=session)
            self._fill_choices(themes)
        self.rows = rows
        self.model.set_rows(rows)
        self._show_timing()
        self.select_item(keep if keep is not None and self.model.row_of(keep) >= 0 else (rows[0].id if rows else None))
        self._update_actions()

    def _fill_choices(self, themes: list[Any]) -> None:
        self._loading = True
        try:
            self.presenter_combo.clear()
            self.presenter_combo.addItem("", None)
            for person in self._people:
                self.presenter_combo.addItem(person.name, person.id)
            self.theme_combo.clear()
            self.theme_combo.addItem("—", None)
            for theme in themes:
                self.theme_combo.addItem(f"{theme.code} {theme.title}", theme.id)
        finally:
            self._loading = False

    def _show_timing(self) -> None:
        meeting = self.meeting
        if meeting is None:
            self.timing_label.setText("")
            return
        total = sum(r.duration_minutes for r in self.rows)
        if meeting.start_time is None:
            self.timing_label.setText(f"{len(self.rows)} items, {total} minutes (give the meeting a start time to see "
                                      "the clock)")
            return
        end = self.rows[-1].ends if self.rows and self.rows[-1].ends else meeting.start_time
        self.timing_label.setText(f"Starts {meeting.start_time:%H:%M} · ends {end:%H:%M} · {len(self.rows)} items, "
                                  f"{total // 60} h {total % 60:02d} min")

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def current_row(self) -> "AgendaItemRow | None":
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_item(self, item_id: int | None) -> None:
        row = self.model.row_of(item_id) if item_id is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 2))
            self.table.selectRow(row)
        self._load_editor(self.current_row())

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._load_editor(self.current_row())
        self._update_actions()

    def _load_editor(self, row: "AgendaItemRow | None") -> None:
        self._loading = True
        try:
            self.editor.setEnabled(row is not None)
            self.title_edit.setText(row.title if row else "")
            self.title_edit.setCursorPosition(0)  # a long title reads from its start
            if row is not None and row.presenter_id is not None and self.presenter_combo.findData(row.presenter_id) >= 0:
                self.presenter_combo.setCurrentIndex(self.presenter_combo.findData(row.presenter_id))
            else:
                self.presenter_combo.setCurrentIndex(0)
                self.presenter_combo.setEditText(row.presenter_name if row else "")
            self.purpose_combo.setCurrentIndex(max(0, self.purpose_combo.findData(row.purpose if row else "")))
            self.minutes_spin.setValue(row.duration_minutes if row else 0)
            self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(row.theme_id if row else None)))
            self.section_combo.setCurrentIndex(max(0, self.section_combo.findData(row.pack_section if row else "")))
            self.confidential_box.setChecked(bool(row and row.confidential))
        finally:
            self._loading = False

    def _update_actions(self) -> None:
        row = self.current_row()
        has_meeting = self.meeting is not None
        self.add_action.setEnabled(has_meeting)
        self.copy_action.setEnabled(has_meeting)
        for action in (self.add_sub_action, self.up_action, self.down_action, self.indent_action, self.outdent_action,
                       self.delete_action):
            action.setEnabled(row is not None)
        if row is not None:
            self.up_action.setEnabled(step_target(self.rows, row.id, -1) is not None)
            self.down_action.setEnabled(step_target(self.rows, row.id, 1) is not None)
            self.indent_action.setEnabled(indent_target(self.rows, row.id) is not None)
            self.outdent_action.setEnabled(outdent_target(self.rows, row.id) is not None)

    # -- edits -----------------------------------------------------------------------------------
    def _commit(self, field: str, value: Any) -> bool:
        """Save one field of the chosen item if it changed (one undo entry)."""
        row = self.current_row()
        if self._loading or row is None:
            return False
        current = getattr(row, field)
        if field == "title":
            value = " ".join(str(value).split())
        if current == value:
            return False
        try:
            changed = commands.edit_item(self.ctx, row.id, {field: value},
                                         f"Edit {field.replace('_', ' ')} of item {row.number}")
        except ValidationError as exc:
            self.report("Agenda item not saved", exc)
            self._load_editor(row)
            return False
        except Exception as exc:  # noqa: BLE001 - a conflict or a refused write: say so, keep the window usable
            self.report("Agenda item not saved", exc)
            return False
        return changed

    def _commit_presenter(self) -> None:
        row = self.current_row()
        if self._loading or row is None:
            return
        text = " ".join(self.presenter_combo.currentText().split())
        person = next((p for p in self._people if p.name.casefold() == text.casefold()), None)
        changes = {"presenter_id": person.id if person else None, "presenter_name": "" if person else text}
        if (row.presenter_id, row.presenter_name if row.presenter_id is None else "") == (
                changes["presenter_id"], changes["presenter_name"]):
            return
        try:
            commands.edit_item(self.ctx, row.id, changes, f"Edit presenter of item {row.number}")
        except Exception as exc:  # noqa: BLE001
            self.report("Agenda item not saved", exc)

    def commit_editor(self) -> None:
        """Save what is typed in the field that has the cursor (before Ctrl+Enter moves on)."""
        focus = self.focusWidget()
        if focus is self.title_edit:
            self._commit("title", self.title_edit.text())
        elif focus is self.presenter_combo.lineEdit() or focus is self.presenter_combo:
            self._commit_presenter()
        elif focus is self.minutes_spin or (focus is not None and focus.parent() is self.minutes_spin):
            self._commit("duration_minutes", self.minutes_spin.value())

    def add_next(self, *, sub: bool = False) -> int | None:
        """Add an item after the chosen one (a sub-item after a sub-item), and type its title."""
        if self.meeting is None:
            return None
        self.commit_editor()
        row = self.current_row()
        parent_id: int | None = None
        index: int | None = None
        if row is not None:
            from boardapp.ui.pages.meetings.agenda_model import current_place

            if sub:
                parent_id = row.parent_id if row.parent_id is not None else row.id
                index = None if row.parent_id is None else current_place(self.rows, row.id)[1] + 1
            else:
                parent_id, place = current_place(self.rows, row.id)
                index = place + 1
        try:
            item_id = commands.add_item(self.ctx, self.meeting.id, {"title": NEW_ITEM_TITLE}, parent_id=parent_id,
                                        index=index)
        except Exception as exc:  # noqa: BLE001
            self.report("Item not added", exc)
            return None
        self.select_item(item_id)
        self.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.title_edit.selectAll()
        return item_id

    def add_sub_item(self) -> None:
        self.add_next(sub=True)

    def _place(self, target: tuple[int | None, int] | None, text: str, item_id: int | None = None) -> None:
        item_id = item_id if item_id is not None else self.current_id()
        if target is None or item_id is None:
            return
        try:
            commands.place_item(self.ctx, item_id, target[0], target[1], text)
        except Exception as exc:  # noqa: BLE001
            self.report("Item not moved", exc)
            return
        self.select_item(item_id)
        self._update_actions()

    def move_by(self, step: int) -> None:
        row = self.current_row()
        if row is not None:
            self._place(step_target(self.rows, row.id, step), f"Move item {row.number} {'up' if step < 0 else 'down'}")

    def indent(self) -> None:
        row = self.current_row()
        if row is not None:
            self._place(indent_target(self.rows, row.id), f"Make item {row.number} a sub-item")

    def outdent(self) -> None:
        row = self.current_row()
        if row is not None:
            self._place(outdent_target(self.rows, row.id), f"Make item {row.number} a main item")

    def drop_move(self, item_id: int, target_row: int) -> None:
        row = next((r for r in self.rows if r.id == item_id), None)
        if row is not None:
            self._place(drop_target(self.rows, item_id, target_row), f"Move item {row.number}", item_id)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        below = self.model.row_of(row.id)
        try:
            commands.delete_item(self.ctx, row.id, f"Delete item {row.number} “{row.title}”")
        except Exception as exc:  # noqa: BLE001
            self.report("Item not deleted", exc)
            return
        if self.rows:
            self.select_item(self.rows[min(below, len(self.rows) - 1)].id)

    def copy_previous(self) -> None:
        from boardapp.services.meetings.agenda import previous_meeting_with_agenda

        if self.meeting is None:
            return
        with self.ctx.session() as session:
            source = previous_meeting_with_agenda(self.meeting.id, session=session)
            found = (source.id, source.meeting_date) if source is not None else None
        if found is None:
            msgbox.information(self, "No earlier agenda", "No earlier meeting has an agenda to copy.")
            return
        if self.rows and not msgbox.question(
                self, "Copy agenda", f"Replace this agenda's {len(self.rows)} items with the agenda of the meeting "
                                     f"of {found[1]:%d/%m/%Y}? (Edit › Undo brings these items back.)"):
            return
        try:
            commands.copy_agenda(self.ctx, self.meeting.id, int(found[0] or 0), f"Copy agenda of {found[1]:%d/%m/%Y}")
        except Exception as exc:  # noqa: BLE001
            self.report("Agenda not copied", exc)
