"""File › Import…: one dialog that previews the import and writes nothing until confirmed.

It shows what was found — the sheet, the kind (action tracker or risk register), the
heading row and which column is which field, each changeable — and what the import
would do: the rows to create, every change to an existing row old → new, the rows that
stay as they are, and the rejected rows and warnings by sheet row and field. Each
change of a choice works the plan out again off the UI thread (a big tracker never
freezes the window).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QProgressBar, QScrollArea, QSpinBox, QTableView, QTabWidget, QVBoxLayout,
    QWidget,
)

from boardapp.exchange.fields import ACTIONS, FIELDS, RISKS
from boardapp.exchange.sheet_data import column_letter
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.common.tasks import Task
from boardapp.ui.shell.import_models import PreviewModels

if TYPE_CHECKING:
    from boardapp.exchange.headers import TableLayout
    from boardapp.exchange.plan import ImportPlan
    from boardapp.exchange.sheet_data import WorkbookData
    from boardapp.ui.common.context import AppContext

KIND_LABELS = {ACTIONS: "Action tracker", RISKS: "Risk register"}
NOT_IMPORTED = "— not imported —"


def work_out_plan(ctx: "AppContext", workbook: "WorkbookData", layout: "TableLayout", control: Any = None) -> "ImportPlan":
    """The plan of ``layout`` against the open workspace (runs on a worker thread; writes nothing)."""
    from boardapp.exchange.importer import make_plan

    progress = (lambda pct, msg: control.progress(pct, msg)) if control is not None else None
    with ctx.session() as session:
        return make_plan(workbook, layout, session=session, today=ctx.today(), progress=progress)


class ImportPreviewDialog(QDialog):
    """The preview. ``plan`` is the plan shown; after ``exec()`` accepts, ``skip_invalid`` says how to write it."""

    def __init__(self, ctx: "AppContext", workbook: "WorkbookData", layout: "TableLayout",
                 plan: "ImportPlan | None", parent: QWidget | None = None, *, note: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workbook = workbook
        self.layout_ = layout
        self.plan = plan
        self._task: Task | None = None
        self._filling = False
        self.setWindowTitle(f"Import {workbook.path_name}")
        self.setAccessibleName("Import preview")
        self.models = PreviewModels(layout.kind, self)
        self._build(note)
        self._fill_choices()
        self._show_plan()
        resize_to_fit(self, 1240, 720)

    # -- building ---------------------------------------------------------------------------------
    def _build(self, note: str) -> None:
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName("Sheet")
        self.sheet_combo.addItems([s.name for s in self.workbook.sheets])
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of table")
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, kind)
        self.header_spin = QSpinBox()
        self.header_spin.setAccessibleName("Heading row")
        self.header_spin.setRange(1, 1_048_576)
        self.two_rows = QCheckBox("Headings over &two rows")
        self.two_rows.setAccessibleName("Headings over two rows")
        found = QFormLayout()
        sheet_label = QLabel("&Sheet:")
        sheet_label.setBuddy(self.sheet_combo)
        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind_combo)
        header_label = QLabel("&Heading row:")
        header_label.setBuddy(self.header_spin)
        found.addRow(sheet_label, self.sheet_combo)
        found.addRow(kind_label, self.kind_combo)
        found.addRow(header_label, self.header_spin)
        found.addRow("", self.two_rows)
        found_box = QGroupBox("What was found")
        found_box.setLayout(found)

        self.mapping_box = QGroupBox("Columns (choose another column for any field)")
        self.mapping_form = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.mapping_form)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("Column mapping")
        box_layout = QVBoxLayout(self.mapping_box)
        box_layout.addWidget(scroll)
        self.field_combos: dict[str, QComboBox] = {}

        left = QVBoxLayout()
        left.addWidget(found_box)
        left.addWidget(self.mapping_box, 1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(430)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setAccessibleName("What the import will do")
        self.summary.setWordWrap(True)
        self.note = QLabel(note)
        self.note.setObjectName("importNote")
        self.note.setAccessibleName("Note")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Checking the rows")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Rows of the import")
        self.views: list[QTableView] = []
        for name in ("To create", "To update", "Unchanged", "Rejected", "Warnings"):
            view = QTableView()
            view.setAccessibleName(name)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            view.setTabKeyNavigation(False)
            view.setSortingEnabled(True)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.views.append(view)
            self.tabs.addTab(view, name)
        self.skip_check = QCheckBox("Import the valid rows and skip the &rejected ones")
        self.skip_check.setAccessibleName("Skip rejected rows")
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setAccessibleName("Import")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.note)
        right.addWidget(self.progress)
        right.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_check, 1)
        bottom.addWidget(self.buttons)
        grid = QGridLayout(self)
        grid.addWidget(left_widget, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addLayout(bottom, 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self._attach_models()

        self.sheet_combo.currentIndexChanged.connect(lambda _i: self._choice_changed("sheet"))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._choice_changed("kind"))
        self.header_spin.valueChanged.connect(lambda _v: self._choice_changed("header"))
        self.two_rows.toggled.connect(lambda _c: self._choice_changed("header"))
        self.skip_check.toggled.connect(lambda _c: self._refresh_button())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._replan)

    def _attach_models(self) -> None:
        for view, model in zip(self.views, self.models.all()):
            view.setModel(model)

    def _fill_choices(self) -> None:
        """Show the current layout in the choice widgets (without reacting to it)."""
        self._filling = True
        try:
            layout = self.layout_
            self.sheet_combo.setCurrentText(layout.sheet)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(layout.kind))
            self.header_spin.setValue(layout.header_row)
            self.two_rows.setChecked(layout.header_rows == 2)
            while self.mapping_form.rowCount():
                self.mapping_form.removeRow(0)
            self.field_combos = {}
            options = [(f"{column_letter(c.col)}: {c.heading}" + (" (hidden)" if c.hidden else ""), c.col)
                       for c in layout.columns]
            mapping = layout.mapping
            for spec in FIELDS[layout.kind]:
                if spec.key in ("likelihood", "impact", "score") and spec.key not in mapping:
                    continue  # the single-score fields only when the sheet has them
                combo = QComboBox()
                combo.setAccessibleName(f"Column for {spec.label}")
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(20)
                combo.addItem(NOT_IMPORTED, None)
                for text, col in options:
                    combo.addItem(text, col)
                combo.setCurrentIndex(max(0, combo.findData(mapping.get(spec.key))) if spec.key in mapping else 0)
                combo.currentIndexChanged.connect(lambda _i, key=spec.key: self._mapping_changed(key))
                label = QLabel(spec.label + ":")
                label.setBuddy(combo)
                self.mapping_form.addRow(label, combo)
                self.field_combos[spec.key] = combo
        finally:
            self._filling = False

    # -- reacting ---------------------------------------------------------------------------------
    def _choice_changed(self, what: str) -> None:
        if self._filling:
            return
        from boardapp.exchange.importer import table_at

        sheet = self.sheet_combo.currentText()
        kind = self.kind_combo.currentData()
        if what in ("sheet", "kind"):
            from boardapp.exchange.headers import detect_layout

            found = detect_layout(self.workbook.sheet(sheet), kind)
            header, rows = (found.header_row, found.header_rows) if found else (self.header_spin.value(), 1)
        else:
            header, rows = self.header_spin.value(), 2 if self.two_rows.isChecked() else 1
        self.layout_ = table_at(self.workbook, sheet, kind, header, rows)
        self._fill_choices()
        self._schedule()

    def _mapping_changed(self, key: str) -> None:
        if self._filling:
            return
        col = self.field_combos[key].currentData()
        self.layout_ = self.layout_.with_mapping({key: col})
        self._fill_choices()  # a column given to this field is taken from the one that had it
        self._schedule()

    def _schedule(self) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self.summary.setText("Checking the rows…")
        self._debounce.start()

    def _replan(self) -> None:
        ctx, workbook, layout = self.ctx, self.workbook, self.layout_
        task = Task(lambda control: work_out_plan(ctx, workbook, layout, control))
        # Bound methods: Qt drops them if the dialog is closed before the plan is ready.
        task.progress.connect(self._on_progress)
        task.finished.connect(self._planned)
        task.failed.connect(self._plan_failed)
        self._task = task
        self.progress.setValue(0)
        self.progress.show()
        task.start()

    def _on_progress(self, percent: int, _message: str) -> None:
        self.progress.setValue(percent)

    def _planned(self, plan: "ImportPlan") -> None:
        if self.sender() is not self._task:
            return  # an older choice's plan
        self._task = None
        self.progress.hide()
        self.plan = plan
        self._show_plan()

    def _plan_failed(self, message: str) -> None:
        if self.sender() is not self._task:
            return
        self._task = None
        self.progress.hide()
        self.plan = None
        self.summary.setText(f"The rows could not be checked: {message}")
        self._refresh_button()

    def wait_planned(self, msecs: int = 30_000) -> None:
        """Block until a pending plan is shown (tests)."""
        from PySide6.QtCore import QCoreApplication

        if self._debounce.isActive():
            self._debounce.stop()
            self._replan()
        if self._task is not None:
            self._task.wait(msecs)
        while self._task is not None:
            QCoreApplication.processEvents()

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is not None and plan.kind != self.models.kind:
            self.models = PreviewModels(plan.kind, self)
            self._attach_models()
        self.models.show(plan)
        if plan is None:
            self.summary.setText("No table found: choose the sheet, the kind and the heading row.")
            self._refresh_button()
            return
        counts = [plan.count("create"), plan.count("update"), plan.count("unchanged"), len(plan.rejected),
                  len(plan.warnings)]
        for i, (name, count) in enumerate(zip(("To create", "To update", "Unchanged", "Rejected", "Warnings"),
                                              counts)):
            self.tabs.setTabText(i, f"{name} ({count:,})")
        what = "actions" if plan.kind == ACTIONS else "risks"
        parts = [f"<b>{counts[0]:,}</b> {what} to create", f"<b>{counts[1]:,}</b> to update",
                 f"<b>{counts[2]:,}</b> unchanged", f"<b>{counts[3]:,}</b> rejected"]
        lines = [f"Sheet <b>{plan.sheet}</b>, headings in row {plan.layout.header_row}"
                 + (f"–{plan.layout.header_row + 1}" if plan.layout.header_rows == 2 else "")
                 + ": " + " · ".join(parts) + "."]
        if plan.new_people:
            lines.append("New owners: " + ", ".join(plan.new_people[:8]) + (" …" if len(plan.new_people) > 8 else ""))
        if plan.new_themes:
            lines.append("New themes: " + ", ".join(plan.new_themes[:6]) + (" …" if len(plan.new_themes) > 6 else ""))
        if plan.skipped:
            lines.append(f"Skipped rows: {plan.skipped_text()}.")
        if plan.rejected:
            lines.append("Nothing is imported while rows are rejected, unless you choose to skip them.")
        self.summary.setText("<br>".join(lines))
        for view in self.views:
            view.resizeColumnsToContents()
            for col in range(view.model().columnCount()):
                view.setColumnWidth(col, min(view.columnWidth(col), 360))
        if plan.rejected:
            self.tabs.setCurrentIndex(3)
        elif counts[1]:
            self.tabs.setCurrentIndex(1)
        self._refresh_button()

    def _refresh_button(self) -> None:
        plan = self.plan
        self.skip_check.setEnabled(plan is not None and bool(plan.rejected))
        ok = plan is not None and plan.changes_anything and (not plan.rejected or self.skip_check.isChecked())
        self.import_button.setEnabled(ok)

    @property
    def skip_invalid(self) -> bool:
        return self.skip_check.isChecked()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
        super().done(result)


__all__ = ["ImportPreviewDialog", "work_out_plan"]
