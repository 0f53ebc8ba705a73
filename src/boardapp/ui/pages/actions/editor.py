"""Create or edit one action: details, progress updates and history, links to findings and KPIs.

Saving goes through an undoable command (``ui.undo``). A rule the service refuses
comes back as ``ValidationError(field, message)``: the dialog names the field,
marks and focuses it, and stays open; nothing is written. A version clash
(someone else saved first) is explained and the form reloads.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListView, QPlainTextEdit, QPushButton, QSpinBox, QTableView, QTabWidget, QTreeView,
    QVBoxLayout, QWidget,
)

from boardapp.domain.enums import ActionStatus, Brag, FindingKind, IlacsArea
from boardapp.domain.rules import ValidationError
from boardapp.services.plan import register_read as action_rows
from boardapp.services.plan import commands as plan
from boardapp.services.plan import queries as plan_queries
from boardapp.services.inspections import queries as inspection_queries
from boardapp.services.people import queries as people_queries
from boardapp.services.performance import queries as performance_queries
from boardapp.services.plan.commands import ConflictError, NotFoundError
from boardapp.services.rows import ActionRow
from boardapp.services.transaction import WriteRefusedError
from boardapp.ui.common import msgbox
from boardapp.ui.common.context import AppContext
from boardapp.ui.common.date_fields import OptionalDateEdit, UkDateField, check_dates, uk_date_edit
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.pages.actions.table_model import uk_date
from boardapp.ui.pages.actions.editor_errors import FIELD_LABELS, EditorErrorsMixin
from boardapp.ui.pages.actions.history_model import HistoryTableModel
from boardapp.ui.pages.actions.commands import AddUpdateCommand, CreateActionCommand, EditActionCommand, run_command

_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 10


def _combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for text, value in items:
        box.addItem(text, value)
    return box


def _select_data(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    box.setCurrentIndex(index if index >= 0 else 0)


def _text_box(name: str, height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class _KeepTextOnOpen(QObject):
    """QDialog gives its first field a Tab focus-in when it opens, and QLineEdit then selects all of
    it: one keystroke would replace an existing action's title. On that first focus-in the cursor
    goes to the end of the text instead."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.armed = False
        edit.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self.armed and event.type() == QEvent.Type.FocusIn:
            self.armed = False
            if isinstance(event, QFocusEvent) and event.reason() == Qt.FocusReason.TabFocusReason:
                obj.event(QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason))
                return True
        return False


#: Each field's label with its Alt key: unique, and clear of the sections (Alt+D, U, L) and buttons (S, C).
MNEMONIC_LABELS: dict[str, str] = {
    "ref": "Re&f", "title": "T&itle", "description": "What (descri&ption)", "how": "H&ow", "theme_id": "T&heme",
    "owner_id": "O&wner", "start_date": "Sta&rt date", "due_date": "Due d&ate", "revised_due_date": "Re&vised due date",
    "status": "S&tatus", "brag": "&BRAG", "progress": "Pro&gress %", "success_measure": "Success &measure",
    "evidence_of_impact": "&Evidence of impact",
}


class ActionEditor(EditorErrorsMixin, QDialog):
    """The dialog for one action (``action_id=None`` creates a new one)."""

    saved = Signal(int)  # the action id, after a successful save
    meeting_requested = Signal(int, int)  # "Go to meeting": the meeting and agenda item it was raised at

    def __init__(self, ctx: AppContext, action_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row: ActionRow | None = None
        self._ref_auto = action_id is None
        self.setObjectName("actionEditor")
        self.setAccessibleName("Action editor")
        resize_to_fit(self, 760, 640)
        with ctx.session() as session:
            self._people = people_queries.list_people(session=session)
            self._themes = people_queries.list_themes(session=session)
            self._findings = inspection_queries.list_findings(session=session)
            self._kpis = performance_queries.list_kpis(session=session)
            if action_id is not None:
                self.row = action_rows.action_row(action_id, session=session, today=ctx.today())
        self._build()
        self._load()
        self.watch_fields_for_errors()
        self.title_edit.setFocus()  # the ref of a new action is allocated; its title comes first
        self._keep_title = _KeepTextOnOpen(self.title_edit)

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Action editor sections")
        # Tab goes from field to field; the sections are Alt+D / Alt+U / Alt+L (or Ctrl+Tab), so the
        # tab bar is no Tab stop — the first Tab no longer lands on it.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(self._build_details(), "&Details")
        self.tabs.addTab(self._build_history(), "&Updates && history")
        self.tabs.addTab(self._build_links(), "&Links")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save action")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _build_details(self) -> QWidget:
        page = self.details_page = QWidget()
        form = QFormLayout(page)
        self.ref_edit = QLineEdit()
        self.ref_edit.setAccessibleName("Ref")
        self.ref_edit.textEdited.connect(self._ref_edited)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.description_edit = _text_box("Description")
        self.how_edit = _text_box("How")
        self.theme_combo = _combo("Theme", [("No theme", None)] + [(f"{t.code} — {t.title}", t.id) for t in self._themes])
        self.theme_combo.currentIndexChanged.connect(self._theme_changed)
        owners = people_queries.owner_choices(self._people, self.row.owner_id if self.row else None)  # not leavers
        self.owner_combo = _combo("Owner", [("No owner", None)] + [(p.name, p.id) for p in owners])
        self.start_edit = OptionalDateEdit("Start date", field="start_date")
        self.due_edit = uk_date_edit(None, "Due date", field="due_date")
        self.revised_edit = OptionalDateEdit("Revised due date", field="revised_due_date")
        self.original_due_label = QLabel()
        self.original_due_label.setAccessibleName("Original due date")
        self.revised_edit.changed.connect(self._show_original_due)
        self.due_edit.dateChanged.connect(self._show_original_due)
        self.status_combo = _combo("Status", [(s.label, s.value) for s in ActionStatus])
        self.brag_combo = _combo("BRAG", [(b.label, b.value) for b in (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE)])
        self.progress_spin = QSpinBox()
        self.progress_spin.setRange(0, 100)
        self.progress_spin.setSuffix(" %")
        self.progress_spin.setAccessibleName("Progress percent")
        self.success_edit = _text_box("Success measure", 48)
        self.evidence_edit = _text_box("Evidence of impact", 48)
        revised = QWidget()
        revised_row = QHBoxLayout(revised)
        revised_row.setContentsMargins(0, 0, 0, 0)
        revised_row.addWidget(self.revised_edit, 1)
        revised_row.addWidget(self.original_due_label, 1)
        self.field_widgets: dict[str, QWidget] = {
            "ref": self.ref_edit, "title": self.title_edit, "description": self.description_edit,
            "how": self.how_edit, "theme_id": self.theme_combo, "owner_id": self.owner_combo,
            "start_date": self.start_edit, "due_date": self.due_edit, "revised_due_date": self.revised_edit,
            "status": self.status_combo, "brag": self.brag_combo, "progress": self.progress_spin,
            "success_measure": self.success_edit, "evidence_of_impact": self.evidence_edit,
        }
        for name, widget in self.field_widgets.items():
            shown = revised if name == "revised_due_date" else widget
            label = QLabel(f"{MNEMONIC_LABELS[name]}:")
            label.setBuddy(widget)
            form.addRow(label, shown)
        self.raised_at_row = self._raised_at_row()
        if self.raised_at_row is not None:
            form.addRow("Raised at:", self.raised_at_row)
        return page

    def _raised_at_row(self) -> QWidget | None:
        """Where an action arising was raised, with a way back to that meeting (None: not raised at one)."""
        if self.row is None:
            return None
        from boardapp.services.meetings.arising import raised_at
        from boardapp.ui.pages.actions.raised_at import RaisedAtRow

        with self.ctx.session() as session:
            arising = raised_at(self.row.id, session=session)
        if arising is None:
            return None
        shown = RaisedAtRow(arising)
        shown.meeting_requested.connect(self._go_to_meeting)
        return shown

    def _go_to_meeting(self, meeting_id: int, item_id: int) -> None:
        """Close (asking first if there is typed work) and ask for the meeting."""
        self.reject()
        if not self.isVisible():
            self.meeting_requested.emit(meeting_id, item_id)

    def _build_history(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history_model = HistoryTableModel(self)
        self.history_view = QTableView()
        self.history_view.setAccessibleName("History of updates and changes")
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.verticalHeader().hide()
        self.history_view.setWordWrap(True)
        header = self.history_view.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 120), (1, 70), (2, 110)):
            self.history_view.setColumnWidth(col, width)
        layout.addWidget(self.history_view, 1)
        self.update_box = QGroupBox("Add update…")
        self.update_box.setAccessibleName("Add a progress update")
        form = QFormLayout(self.update_box)
        self.update_date_edit = uk_date_edit(None, "Update date", field="update_date")
        self.update_date_edit.set_value(self.ctx.today())
        self.update_brag_combo = _combo("Update BRAG", [(b.label, b.value) for b in (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE)])
        self.update_progress_spin = QSpinBox()
        self.update_progress_spin.setRange(0, 100)
        self.update_progress_spin.setSuffix(" %")
        self.update_progress_spin.setAccessibleName("Update progress percent")
        self.update_narrative_edit = _text_box("Update narrative", 70)
        self.add_update_button = QPushButton("&Add update")
        self.add_update_button.setAccessibleName("Add update")
        self.add_update_button.setAutoDefault(False)
        self.add_update_button.clicked.connect(self.add_update)
        form.addRow("Date:", self.update_date_edit)
        form.addRow("Narrative:", self.update_narrative_edit)
        form.addRow("BRAG:", self.update_brag_combo)
        form.addRow("Progress:", self.update_progress_spin)
        form.addRow("", self.add_update_button)
        layout.addWidget(self.update_box)
        self.history_note = QLabel("Save the new action first, then add progress updates here.")
        layout.addWidget(self.history_note)
        return page

    def _build_links(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.findings_label = QLabel()
        layout.addWidget(self.findings_label)
        self.findings_model = QStandardItemModel(self)
        self.findings_view = QTreeView()
        self.findings_view.setAccessibleName("Inspection findings this action answers")
        self.findings_view.setHeaderHidden(True)
        self.findings_view.setModel(self.findings_model)
        groups: dict[int, QStandardItem] = {}
        for f in self._findings:
            parent = groups.get(f.inspection_id)
            if parent is None:
                parent = QStandardItem(f.inspection_label)
                parent.setEditable(False)
                groups[f.inspection_id] = parent
                self.findings_model.appendRow(parent)
            area = f" [{IlacsArea(f.ilacs_area).label}]" if f.ilacs_area else ""
            item = QStandardItem(f"{FindingKind(f.kind).label}{area}: {f.text}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(f.id, _ID_ROLE)
            item.setToolTip(f.text)
            parent.appendRow(item)
        self.findings_view.expandAll()
        layout.addWidget(self.findings_view, 2)
        self.kpis_label = QLabel()
        layout.addWidget(self.kpis_label)
        self.kpis_model = QStandardItemModel(self)
        for k in self._kpis:
            item = QStandardItem(f"{k.code} — {k.title}")
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(k.id, _ID_ROLE)
            self.kpis_model.appendRow(item)
        self.kpis_view = QListView()
        self.kpis_view.setAccessibleName("Performance measures showing this action's impact")
        self.kpis_view.setModel(self.kpis_model)
        layout.addWidget(self.kpis_view, 1)
        self.findings_model.itemChanged.connect(self._show_link_counts)
        self.kpis_model.itemChanged.connect(self._show_link_counts)
        return page

    # --- loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        """Fill the form from ``self.row`` (or defaults for a new action)."""
        row = self.row
        today = self.ctx.today()
        if row is None:
            self.setWindowTitle("New action")
            self._theme_changed()
            self.start_edit.set_value(today)
            self.due_edit.set_value(today + timedelta(days=90))
            self.revised_edit.set_value(None, today)
            _select_data(self.brag_combo, Brag.GREEN.value)
            finding_ids: set[int] = set()
            kpi_ids: set[int] = set()
        else:
            self.setWindowTitle(f"Edit {row.ref} — {row.title}")
            self.ref_edit.setText(row.ref)
            self.title_edit.setText(row.title)
            self.description_edit.setPlainText(row.description)
            self.how_edit.setPlainText(row.how)
            _select_data(self.theme_combo, row.theme_id)
            _select_data(self.owner_combo, row.owner_id)
            self.start_edit.set_value(row.start_date, row.due_date)
            self.due_edit.set_value(row.due_date)
            self.revised_edit.set_value(row.revised_due_date, row.due_date)
            _select_data(self.status_combo, row.status)
            _select_data(self.brag_combo, row.brag)
            self.progress_spin.setValue(row.progress)
            self.success_edit.setPlainText(row.success_measure)
            self.evidence_edit.setPlainText(row.evidence_of_impact)
            with self.ctx.session() as session:
                finding_ids = plan_queries.linked_finding_ids(row.id, session=session)
                kpi_ids = plan_queries.linked_kpi_ids(row.id, session=session)
            self._load_history()
            _select_data(self.update_brag_combo, row.brag)
            self.update_progress_spin.setValue(row.progress)
        self._original_links = (finding_ids, kpi_ids)
        self._check_links(finding_ids, kpi_ids)
        self.update_box.setEnabled(row is not None)
        self.history_note.setVisible(row is None)
        self._show_original_due()
        self._pristine = self._form_state()

    def _form_state(self) -> tuple[Any, ...]:
        """Everything the user can type here, to tell whether closing would lose work."""
        return (self.values(strict=False), self.checked_finding_ids(), self.checked_kpi_ids(),
                self.update_narrative_edit.toPlainText().strip())

    def is_modified(self) -> bool:
        return self._form_state() != self._pristine

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._keep_title.armed = self.row is not None
        from boardapp.ui.common.write_gate import hold_editor

        hold_editor(self, self.save_button, self.add_update_button)  # a read-only window: view, not save

    def reject(self) -> None:
        """Cancel, Esc or the close button: ask before throwing typed work away."""
        if self.is_modified() and not msgbox.question(
            self, "Discard changes?",
            "You have changes that are not saved. Close and discard them?", default_yes=False,
        ):
            return
        super().reject()

    def discard(self) -> None:
        """Close without asking (the action is gone, nothing here can be saved)."""
        super().reject()

    def _load_history(self) -> None:
        assert self.row is not None
        with self.ctx.session() as session:
            self.history_model.set_rows(plan_queries.action_history(self.row.id, session=session))
        self.history_view.resizeRowsToContents()

    def _check_links(self, finding_ids: set[int], kpi_ids: set[int]) -> None:
        for item in self._finding_items():
            item.setCheckState(Qt.CheckState.Checked if item.data(_ID_ROLE) in finding_ids else Qt.CheckState.Unchecked)
        for row in range(self.kpis_model.rowCount()):
            item = self.kpis_model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(_ID_ROLE) in kpi_ids else Qt.CheckState.Unchecked)
        self._show_link_counts()

    def _finding_items(self) -> list[QStandardItem]:
        items = []
        for g in range(self.findings_model.rowCount()):
            group = self.findings_model.item(g)
            items += [group.child(i) for i in range(group.rowCount())]
        return items

    def checked_finding_ids(self) -> set[int]:
        return {int(i.data(_ID_ROLE)) for i in self._finding_items() if i.checkState() == Qt.CheckState.Checked}

    def checked_kpi_ids(self) -> set[int]:
        items = (self.kpis_model.item(r) for r in range(self.kpis_model.rowCount()))
        return {int(i.data(_ID_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked}

    def _show_link_counts(self, *_: Any) -> None:
        self.findings_label.setText(f"Findings this action answers ({len(self.checked_finding_ids())} linked):")
        self.kpis_label.setText(f"Measures showing its impact ({len(self.checked_kpi_ids())} linked):")

    def _show_original_due(self, *_: Any) -> None:
        original = self.due_edit.peek()
        revised = self.revised_edit.peek()
        text = f"Original due date: {uk_date(original)}" if original else ""
        if original and revised and revised != original:
            days = (revised - original).days
            text += f" ({'+' if days > 0 else ''}{days} days)"
        self.original_due_label.setText(text)

    def _ref_edited(self, _text: str) -> None:
        self._ref_auto = False

    def _theme_changed(self, *_: Any) -> None:
        if self.row is None and self._ref_auto:
            with self.ctx.session() as session:
                self.ref_edit.setText(plan.next_ref(self.theme_combo.currentData(), session=session))

    # --- saving --------------------------------------------------------------------------------
    def values(self, *, strict: bool = True) -> dict[str, Any]:
        """Every editable field as the form has it now.

        ``strict``: a date field whose text is not a date raises DateFieldError (a ValidationError);
        otherwise its text stands in for it (to tell whether the form changed).
        """
        def day(field: UkDateField) -> Any:
            return field.value() if strict else (field.peek() if field.is_valid() else field.text())

        return {
            "ref": self.ref_edit.text().strip(), "title": self.title_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(), "how": self.how_edit.toPlainText().strip(),
            "theme_id": self.theme_combo.currentData(), "owner_id": self.owner_combo.currentData(),
            "start_date": day(self.start_edit), "due_date": day(self.due_edit),
            "revised_due_date": day(self.revised_edit), "status": self.status_combo.currentData(),
            "brag": self.brag_combo.currentData(), "progress": self.progress_spin.value(),
            "success_measure": self.success_edit.toPlainText().strip(),
            "evidence_of_impact": self.evidence_edit.toPlainText().strip(),
        }

    def save(self) -> bool:
        """Validate and save through an undoable command; stays open (naming the field) on error."""
        self._clear_error()
        try:
            check_dates(self.details_page)  # every wrong date says so; nothing is saved
            values = self.values()
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return False
        findings, kpis = self.checked_finding_ids(), self.checked_kpi_ids()
        command: CreateActionCommand | EditActionCommand
        if self.row is None:
            command = CreateActionCommand(self.ctx, values, finding_ids=findings, kpi_ids=kpis)
        else:
            changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
            old_f, old_k = self._original_links
            link_f = (old_f, findings) if findings != old_f else None
            link_k = (old_k, kpis) if kpis != old_k else None
            if not changes and link_f is None and link_k is None:
                self.accept()
                return True
            command = EditActionCommand(self.ctx, self.row, changes, finding_ids=link_f, kpi_ids=link_k)
        try:
            run_command(self.ctx, command)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return False
        except ConflictError:
            self._conflict()
            return False
        except WriteRefusedError as exc:  # read-only, disk full, file replaced: the edit stays in the form
            self.show_error("", f"Not saved: {exc}")
            return False
        except NotFoundError as exc:
            msgbox.error(self, "Action not found", f"{exc}. It may have been deleted elsewhere.")
            self.discard()
            return False
        result = command.row
        assert result is not None
        self.saved.emit(result.id)
        self.accept()
        return True

    def add_update(self) -> bool:
        """Record the progress update typed in the history tab (undoable on its own)."""
        if self.row is None:
            return False
        self._clear_error()
        try:
            command = AddUpdateCommand(
                self.ctx, self.row, update_date=self.update_date_edit.value(),
                narrative=self.update_narrative_edit.toPlainText(), brag=self.update_brag_combo.currentData(),
                progress=self.update_progress_spin.value(),
            )
            run_command(self.ctx, command)
        except ValidationError as exc:
            field = "narrative" if exc.field == "narrative" else exc.field
            self.show_error(field, exc.message, update_form=True)
            return False
        except WriteRefusedError as exc:
            self.show_error("narrative", f"Not saved: {exc}", update_form=True)
            return False
        except NotFoundError as exc:
            msgbox.error(self, "Action not found", str(exc))
            return False
        assert command.row is not None
        self.row = command.row
        # The update sets BRAG, progress (and perhaps status): show them, keep the other edits.
        _select_data(self.brag_combo, self.row.brag)
        _select_data(self.status_combo, self.row.status)
        self.progress_spin.setValue(self.row.progress)
        self.update_narrative_edit.clear()
        self._load_history()
        values, findings, kpis, _narrative = self._pristine  # the update saved these three fields
        saved = {"brag": self.row.brag, "status": self.row.status, "progress": self.row.progress}
        self._pristine = (values | saved, findings, kpis, "")
        return True

    def _conflict(self) -> None:
        ref = self.row.ref if self.row else "This action"
        msgbox.warning(
            self, "Changed elsewhere",
            f"{ref} was changed by someone else since you opened it, so your changes were not saved.\n\n"
            "The form now shows the latest version: make your changes again and save.",
        )
        assert self.row is not None
        with self.ctx.session() as session:
            self.row = action_rows.action_row(self.row.id, session=session, today=self.ctx.today())
        self._load()
