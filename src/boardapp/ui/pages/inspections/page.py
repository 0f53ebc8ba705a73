"""Inspections: the timeline, every inspection and visit, its findings, and the actions answering each.

Everything here can be changed and undone: inspections (add, edit, delete and restore),
findings (add, edit, delete, reorder, paste from a letter) and the links between a finding
and the actions answering it (the action editor links them from the other side).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QCheckBox, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from boardapp.services.plan.filters import ActionFilter
from boardapp.ui.common import msgbox
from boardapp.ui.common.delegates import BragDelegate
from boardapp.ui.common.table_page import TablePage, fit_columns, heading
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.inspections.commands import (
    DeleteFindingsCommand, DeleteInspectionCommand, LinkFindingActionsCommand, ReorderFindingsCommand,
)
from boardapp.ui.pages.inspections.models import FindingsModel, InspectionsModel, LinkedActionsModel
from boardapp.ui.pages.inspections.timeline import InspectionTimeline

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.inspections.queries import InspectionFindingRow, InspectionListRow


def _table(name: str, model: Any) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setStretchLastSection(True)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return view


def _button(text: str, accessible: str, slot: Callable[[], Any], tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setToolTip(tooltip or accessible)
    button.clicked.connect(lambda _=False: slot())
    return button


class InspectionsPage(TablePage):
    """Timeline (top), inspections, findings of the chosen one, and the actions answering the chosen finding."""

    title = "Inspections"
    blurb = ""
    action_requested = Signal(object, int)  # ActionFilter, action id: open it in the register

    def write_controls(self) -> list[Any]:
        """The buttons and right-click/keyboard commands that write (gated while read-only)."""
        keys = [a for view in (self.inspections, self.findings, self.linked) for a in view.actions()
                if not a.text().startswith("Show")]
        return [self.add_inspection_button, self.edit_inspection_button, self.delete_inspection_button,
                self.add_finding_button, self.paste_button, self.edit_finding_button, self.delete_finding_button,
                self.up_button, self.down_button, self.link_button, self.unlink_button, *keys]

    def build(self) -> None:
        self.dialog: Any = None  # the editor open now, if any
        self._inspection_id: int | None = None
        self._finding_id: int | None = None
        self.timeline = InspectionTimeline()
        scroll = QScrollArea()
        scroll.setWidget(self.timeline)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline_scroll = scroll
        self.timeline.chosen.connect(self.select_inspection)

        self.inspection_model = InspectionsModel(self)
        self.inspections = _table("Inspections and visits", self.inspection_model)
        fit_columns(self.inspections, (220, 140, 84, 84, 250, 150, 80, 96, 90, 66))
        self.show_deleted = QCheckBox("Show &deleted")
        self.show_deleted.setAccessibleName("Show deleted inspections and findings")
        self.show_deleted.toggled.connect(lambda _on: self.refresh())
        self.add_inspection_button = _button("&Add inspection…", "Add an inspection or visit", self.add_inspection,
                                             "Add an inspection or visit (Insert in the list)")
        self.edit_inspection_button = _button("Edit…", "Edit the chosen inspection", self.edit_inspection,
                                              "Edit the chosen inspection (Enter or F2)")
        self.delete_inspection_button = _button("Delete", "Delete the chosen inspection", self.delete_inspection,
                                                "Delete the chosen inspection (Delete); Undo or Restore brings it back")
        top = QHBoxLayout()
        for w in (self.add_inspection_button, self.edit_inspection_button, self.delete_inspection_button):
            top.addWidget(w)
        top.addWidget(self.show_deleted)
        top.addStretch(1)
        self.unanswered_label = QLabel("")
        self.unanswered_label.setAccessibleName("Findings with no action")
        top.addWidget(self.unanswered_label)
        self.body.addLayout(top)
        self.body.addWidget(scroll)

        self.finding_model = FindingsModel(self)
        self.findings = _table("Findings of the chosen inspection", self.finding_model)
        fit_columns(self.findings, (150, 110, 90))
        self.findings_title = heading("Findings", "sectionTitle")
        self.grades = QLabel("")
        self.grades.setObjectName("muted")
        self.grades.setWordWrap(True)
        self.add_finding_button = _button("Add fi&nding…", "Add a finding", self.add_finding, "Add a finding (Insert)")
        self.paste_button = _button("&Paste from letter…", "Paste findings from a letter", self.paste_findings,
                                    "Split pasted letter text into findings, shown for checking first (Ctrl+V)")
        self.edit_finding_button = _button("Edit…", "Edit the chosen finding", self.edit_finding,
                                           "Edit the chosen finding (Enter or F2)")
        self.delete_finding_button = _button("Delete", "Delete the chosen finding", self.delete_finding,
                                             "Delete the chosen finding (Delete)")
        self.up_button = _button("Move up", "Move the chosen finding up", lambda: self.move_finding(-1),
                                 "Move the chosen finding up (Alt+Up)")
        self.down_button = _button("Move down", "Move the chosen finding down", lambda: self.move_finding(1),
                                   "Move the chosen finding down (Alt+Down)")
        tools = QHBoxLayout()
        for w in (self.add_finding_button, self.paste_button, self.edit_finding_button, self.delete_finding_button,
                  self.up_button, self.down_button):
            tools.addWidget(w)
        tools.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.findings_title)
        left_layout.addWidget(self.grades)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.findings, 1)

        self.linked_model = LinkedActionsModel(self)
        self.linked = _table("Actions answering the chosen finding", self.linked_model)
        self.linked.setItemDelegateForColumn(LinkedActionsModel.BRAG_COLUMN, BragDelegate(self.linked))
        fit_columns(self.linked, (56, 170, 70, 84))
        self.link_button = _button("&Link actions…", "Link actions to the chosen finding", self.link_actions,
                                   "Choose the actions answering the chosen finding (Ctrl+L)")
        self.unlink_button = _button("&Unlink", "Unlink the chosen action from the finding", self.unlink_action,
                                     "Unlink the chosen action from the finding (Delete)")
        self.open_button = _button("Show in the register", "Show the chosen action in the register",
                                   self.open_action, "Show the chosen action in the register (Enter)")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.linked_title = heading("Actions answering the finding", "sectionTitle")
        right_layout.addWidget(self.linked_title)
        link_tools = QHBoxLayout()
        for w in (self.link_button, self.unlink_button, self.open_button):
            link_tools.addWidget(w)
        link_tools.addStretch(1)
        right_layout.addLayout(link_tools)
        right_layout.addWidget(self.linked, 1)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(left)
        bottom.addWidget(right)
        bottom.setSizes([720, 470])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.inspections)
        split.addWidget(bottom)
        split.setSizes([120, 330])
        from boardapp.ui.common.empty_state import EmptyState, EmptySwitch

        self.empty = EmptyState(
            "No inspections recorded yet",
            "Add the ILACS inspection that led to the improvement board, then each monitoring visit as it is "
            "announced, with the findings of its letter. Actions can then be linked to the findings they answer.",
            [("Add the first inspection…", self.add_inspection)], name="No inspections recorded yet")
        self.inspections_switch = EmptySwitch(split, self.empty)
        self.body.addWidget(self.inspections_switch, 1)

        self._keys()
        self.inspections.selectionModel().currentRowChanged.connect(self._inspection_chosen)
        self.findings.selectionModel().currentRowChanged.connect(self._finding_chosen)
        self.inspections.activated.connect(lambda _i: self.edit_inspection())
        self.findings.activated.connect(lambda _i: self.edit_finding())
        self.linked.activated.connect(lambda _i: self.open_action())
        self.ctx.changed.connect(self._on_changed)
        self.ctx.actions_changed.connect(lambda _ids: self.mark_stale())

    def _keys(self) -> None:
        """Keyboard and right-click: the same actions on each table."""
        def add(view: QTableView, text: str, keys: list[QKeySequence | str], slot: Callable[[], Any]) -> QAction:
            action = QAction(text, view)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False: slot())
            view.addAction(action)
            return action

        add(self.inspections, "Add inspection…", ["Ins"], self.add_inspection)
        add(self.inspections, "Edit…", ["F2"], self.edit_inspection)
        self.delete_inspection_action = add(self.inspections, "Delete", [QKeySequence.StandardKey.Delete],
                                            self.delete_inspection)
        add(self.inspections, "Restore", [], self.restore_inspection)
        add(self.findings, "Add finding…", ["Ins"], self.add_finding)
        add(self.findings, "Paste from letter…", [QKeySequence.StandardKey.Paste], self.paste_findings)
        add(self.findings, "Edit…", ["F2"], self.edit_finding)
        add(self.findings, "Delete", [QKeySequence.StandardKey.Delete], self.delete_finding)
        add(self.findings, "Restore", [], self.restore_finding)
        add(self.findings, "Move up", ["Alt+Up"], lambda: self.move_finding(-1))
        add(self.findings, "Move down", ["Alt+Down"], lambda: self.move_finding(1))
        add(self.findings, "Link actions…", ["Ctrl+L"], self.link_actions)
        add(self.linked, "Show in the register", [], self.open_action)
        add(self.linked, "Unlink", [QKeySequence.StandardKey.Delete], self.unlink_action)
        add(self.linked, "Link actions…", ["Ctrl+L"], self.link_actions)

    def _on_changed(self, kind: str) -> None:
        if kind in ("inspections", "performance"):
            self.mark_stale()

    # -- loading --------------------------------------------------------------------------------
    def load(self, session: "Session") -> None:
        from boardapp.services.inspections.queries import list_inspections

        rows = list_inspections(session=session, include_deleted=self.show_deleted.isChecked())
        live = [r for r in rows if not r.deleted]
        self.timeline.set_rows(rows, self.ctx.today())
        self.timeline_scroll.setFixedHeight(self.timeline.sizeHint().height()
                                            + self.timeline_scroll.horizontalScrollBar().sizeHint().height())
        self.inspection_model.set_rows(rows)
        self.inspections_switch.set_empty(not rows)
        unanswered = sum(r.unanswered for r in live)
        self.unanswered_label.setText(
            "⚠ 1 recommendation or area for development has no action" if unanswered == 1 else
            f"⚠ {unanswered} recommendations or areas for development have no action" if unanswered else
            "Every recommendation and area for development has an action")
        self.unanswered_label.setStyleSheet("color: #b3261e; font-weight: bold;" if unanswered else "")
        wanted, keep_finding = self._inspection_id, self._finding_id
        if wanted is None or not any(r.id == wanted for r in rows):
            # start on the newest inspection with findings (a planned visit has none yet)
            with_findings = [r for r in live if r.findings]
            wanted = with_findings[-1].id if with_findings else (rows[-1].id if rows else None)
        self._inspection_id = None  # so choosing it again reloads its findings
        self.select_inspection(wanted)
        if keep_finding is not None and self._inspection_id == wanted:
            self._select_finding(keep_finding)

    def select_inspection(self, inspection_id: int | None) -> None:
        """Choose an inspection (the list, the timeline and the findings follow)."""
        rows = self.inspection_model.rows()
        index = next((i for i, r in enumerate(rows) if r.id == inspection_id), None)
        if index is None:
            self._show_inspection(None)
            return
        if self.inspections.currentIndex().row() == index and self._inspection_id == inspection_id:
            return
        self.inspections.selectRow(index)
        self.inspections.scrollTo(self.inspection_model.index(index, 0))
        self._show_inspection(rows[index])

    def current_inspection(self) -> "InspectionListRow | None":
        index = self.inspections.currentIndex()
        return self.inspection_model.row_at(index.row()) if index.isValid() else None

    def current_finding(self) -> "InspectionFindingRow | None":
        index = self.findings.currentIndex()
        return self.finding_model.row_at(index.row()) if index.isValid() else None

    def _inspection_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_inspection(self.inspection_model.row_at(current.row()))

    def _show_inspection(self, row: "InspectionListRow | None") -> None:
        from boardapp.services.inspections.queries import inspection_findings

        changed = row is None or row.id != self._inspection_id
        self._inspection_id = row.id if row else None
        self.timeline.set_current(self._inspection_id)
        has = row is not None
        for w in (self.edit_inspection_button, self.delete_inspection_button, self.add_finding_button,
                  self.paste_button):
            w.setEnabled(has and not row.deleted)  # type: ignore[union-attr]
        if row is None:
            self.findings_title.setText("Findings")
            self.grades.setText("")
            self.finding_model.set_rows([])
            self._show_finding(None)
            return
        self.delete_inspection_button.setText("Restore" if row.deleted else "Delete")
        self.delete_inspection_button.setEnabled(True)
        with self.ctx.session() as session:
            findings = inspection_findings(row.id, session=session, include_deleted=self.show_deleted.isChecked())
        self.findings_title.setText(f"Findings of {row.label}")
        judgements = "; ".join(f"{g.area_label}: {g.grade_label}" for g in row.grades)
        flagged = sum(1 for f in findings if f.needs_action)
        parts = [f"Judgements — {judgements}." if judgements else "",
                 f"{flagged} with no action (flagged “No action”)." if flagged else "",
                 row.summary]
        self.grades.setText(" ".join(p for p in parts if p))
        keep = None if changed else self._finding_id
        self.finding_model.set_rows(findings)
        first = next((i for i, f in enumerate(findings) if f.kind != "STRENGTH"), 0)
        index = next((i for i, f in enumerate(findings) if f.id == keep), first if findings else None)
        self._finding_id = None
        if index is not None:
            self.findings.selectRow(index)
            self._show_finding(findings[index])
        else:
            self._show_finding(None)

    def _finding_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_finding(self.finding_model.row_at(current.row()))

    def _show_finding(self, finding: "InspectionFindingRow | None") -> None:
        self._finding_id = finding.id if finding else None
        live = finding is not None and not finding.deleted
        for w in (self.edit_finding_button, self.up_button, self.down_button, self.link_button):
            w.setEnabled(live)
        self.delete_finding_button.setEnabled(finding is not None)
        self.delete_finding_button.setText("Restore" if finding is not None and finding.deleted else "Delete")
        self.linked_model.set_rows(list(finding.actions) if finding else [])
        self.unlink_button.setEnabled(live and bool(finding.actions))  # type: ignore[union-attr]
        self.open_button.setEnabled(bool(finding and finding.actions))
        if finding is None:
            self.linked_title.setText("Actions answering the finding")
        else:
            n = len(finding.actions)
            self.linked_title.setText(f"Actions answering the finding ({n})" if n else
                                      "No action answers this finding yet" if finding.kind != "STRENGTH" else
                                      "No action linked (a strength needs none)")

    # -- inspections ----------------------------------------------------------------------------
    def add_inspection(self) -> None:
        from boardapp.ui.pages.inspections.dialogs import InspectionDialog

        self._open(InspectionDialog(self.ctx, None, self),
                   lambda d: self.select_inspection(d.command.inspection_id))

    def edit_inspection(self) -> None:
        from boardapp.ui.pages.inspections.dialogs import InspectionDialog

        row = self.current_inspection()
        if row is None or row.deleted:
            return
        self._open(InspectionDialog(self.ctx, row, self))

    def delete_inspection(self) -> None:
        row = self.current_inspection()
        if row is None:
            return
        if row.deleted:
            self.restore_inspection()
            return
        if row.findings and not msgbox.question(
                self, "Delete inspection",
                f"Delete {row.label} and its {row.findings} findings? Undo (Ctrl+Z), or Show deleted and "
                "Restore, brings them back.", default_yes=False):
            return
        self._run(DeleteInspectionCommand(self.ctx, row))

    def restore_inspection(self) -> None:
        row = self.current_inspection()
        if row is not None and row.deleted:
            self._run(DeleteInspectionCommand(self.ctx, row, restore=True))

    # -- findings -------------------------------------------------------------------------------
    def add_finding(self) -> None:
        from boardapp.ui.pages.inspections.dialogs import FindingDialog

        row = self.current_inspection()
        if row is None or row.deleted:
            return
        self._open(FindingDialog(self.ctx, row.id, None, self, default_area=row.ilacs_area),
                   lambda d: self._select_finding(d.command.ids[-1]))

    def paste_findings(self, text: str | None = None) -> None:
        from boardapp.ui.pages.inspections.paste_dialog import PasteFindingsDialog

        row = self.current_inspection()
        if row is None or row.deleted:
            return
        pasted = QApplication.clipboard().text() if text is None else text
        self._open(PasteFindingsDialog(self.ctx, row.id, row.label, pasted, self, default_area=row.ilacs_area),
                   lambda d: self._select_finding(d.command.ids[0]))

    def edit_finding(self) -> None:
        from boardapp.ui.pages.inspections.dialogs import FindingDialog

        row, finding = self.current_inspection(), self.current_finding()
        if row is None or finding is None or finding.deleted:
            return
        self._open(FindingDialog(self.ctx, row.id, finding, self))

    def delete_finding(self) -> None:
        finding = self.current_finding()
        if finding is None:
            return
        self._run(DeleteFindingsCommand(self.ctx, [finding], restore=finding.deleted))

    def restore_finding(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.deleted:
            self._run(DeleteFindingsCommand(self.ctx, [finding], restore=True))

    def move_finding(self, step: int) -> None:
        row, finding = self.current_inspection(), self.current_finding()
        if row is None or finding is None or finding.deleted:
            return
        order = [f.id for f in self.finding_model.rows() if not f.deleted]
        at = order.index(finding.id)
        to = at + step
        if not 0 <= to < len(order):
            return
        new = list(order)
        new[at], new[to] = new[to], new[at]
        self._run(ReorderFindingsCommand(self.ctx, row.id, order, new, "Move finding up" if step < 0 else "Move finding down"))
        self._select_finding(finding.id)

    def _select_finding(self, finding_id: int) -> None:
        rows = self.finding_model.rows()
        index = next((i for i, f in enumerate(rows) if f.id == finding_id), None)
        if index is not None:
            self.findings.selectRow(index)
            self._show_finding(rows[index])

    # -- links ----------------------------------------------------------------------------------
    def link_actions(self) -> None:
        from boardapp.services.inspections.queries import action_choices
        from boardapp.ui.pages.inspections.link_dialog import LinkActionsDialog

        finding = self.current_finding()
        if finding is None or finding.deleted:
            return
        with self.ctx.session() as session:
            choices = action_choices(session=session)
        dialog = LinkActionsDialog(choices, {a.id for a in finding.actions}, finding.text, self)
        self._open(dialog, lambda d: self.set_links(finding, d.chosen()), needs_command=False)

    def set_links(self, finding: "InspectionFindingRow", new: set[int]) -> None:
        old = {a.id for a in finding.actions}
        if new == old:
            return
        added, removed = len(new - old), len(old - new)
        text = (f"Link {added} action{'s' if added != 1 else ''} to finding" if not removed else
                f"Unlink {removed} action{'s' if removed != 1 else ''} from finding" if not added else
                "Change the actions of a finding")
        self._run(LinkFindingActionsCommand(self.ctx, finding.id, old, new, text))
        self._select_finding(finding.id)

    def unlink_action(self) -> None:
        finding = self.current_finding()
        index = self.linked.currentIndex()
        if finding is None or finding.deleted or not finding.actions:
            return
        action = self.linked_model.row_at(index.row() if index.isValid() else 0)
        self.set_links(finding, {a.id for a in finding.actions} - {action.id})

    def open_action(self) -> None:
        index = self.linked.currentIndex()
        if not index.isValid() and self.linked_model.rowCount():
            index = self.linked_model.index(0, 0)
        if index.isValid():
            self.action_requested.emit(ActionFilter(), self.linked_model.row_at(index.row()).id)

    def _open(self, dialog: Any, on_accept: Callable[[Any], Any] | None = None, *,
              needs_command: bool = True) -> None:
        """Show a dialog without blocking (``self.dialog`` while it is open); ``on_accept`` after it saved."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        back_to = self.focusWidget() if isinstance(self.focusWidget(), QTableView) else self.findings

        def closed(result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            if result and on_accept is not None and (not needs_command or dialog.command is not None):
                on_accept(dialog)
            self.window().activateWindow()  # keys (Ctrl+Z) go to the window again, not to nowhere
            back_to.setFocus()

        dialog.finished.connect(closed)
        dialog.open()

    def _run(self, command: Any) -> None:
        from boardapp.domain.rules import ValidationError

        try:
            run_command(self.ctx, command)
        except (ValidationError, LookupError, RuntimeError) as exc:
            msgbox.warning(self, "Not changed", f"{exc}")
