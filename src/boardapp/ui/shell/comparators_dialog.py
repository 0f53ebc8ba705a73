"""File › Import comparators…: the DfE's EES data CSV (and neighbour groupings) onto the scorecard.

The user chooses the files, picks for each measure the indicator column that feeds it (the
columns offered come from the CSV's heading row), the council (the board's DfE LA code) and
whether to take the council's own published values too; the preview shows every period that
will be set, and the warnings (suppressed neighbours, a missing region row, a board value that
is kept). Files are read off the UI thread. Import writes it in one transaction as one entry on
the undo stack.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.ui.common import msgbox
from boardapp.ui.common.row_table_model import Column, RowTableModel
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.common.tasks import Task, TaskControl
from boardapp.ui.common.undo import ServiceCommand, run_command

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.exchange.dfe_stats import EesTable, NeighbourGroups
    from boardapp.services.performance.comparators_write import AppliedComparators, ComparatorImport
    from boardapp.ui.common.context import AppContext

CSV_FILTER = "CSV files (*.csv);;All files (*)"
NOT_MAPPED = "— not imported —"
_SETTINGS_KEY = "comparators/column/"


class ImportComparatorsCommand(ServiceCommand):
    """One comparators import as one undo entry: undo puts back what it replaced."""

    touches = ("performance",)

    def __init__(self, ctx: "AppContext", data: "ComparatorImport") -> None:
        measures = ", ".join(m.measure for m in data.measures)
        super().__init__(ctx, f"Import comparators for {measures} ({data.period_count} published periods)")
        self.data = data
        self.applied: "AppliedComparators | None" = None

    def _do(self, session: "Session") -> list[int]:
        from boardapp.services.performance.comparators_write import apply_comparator_import

        self.applied = apply_comparator_import(self.data, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        from boardapp.services.performance.comparators_write import undo_comparator_import

        if self.applied is not None:
            undo_comparator_import(self.applied, session=session, who=self.ctx.who)
        return []


@dataclass(frozen=True, slots=True)
class PreviewRow:
    measure: str
    column: str
    period: str
    own: float | None
    england: float | None
    region: float | None
    region_name: str
    neighbours: float | None
    neighbours_used: int


def _figure(value: Any) -> str:
    return "—" if value is None else f"{value:g}"


PREVIEW_COLUMNS: list[Column[PreviewRow]] = [
    Column("Measure", lambda r: r.measure),
    Column("Column", lambda r: r.column),
    Column("Period", lambda r: r.period),
    Column("Own", lambda r: r.own, fmt=_figure),
    Column("England", lambda r: r.england, fmt=_figure),
    Column("Region", lambda r: r.region, fmt=_figure, tooltip=lambda r: r.region_name),
    Column("Neighbours", lambda r: r.neighbours, fmt=_figure,
           tooltip=lambda r: f"mean of the {r.neighbours_used} neighbours that published a value"),
    Column("Neighbours used", lambda r: r.neighbours_used),
]


def _file_row(label: str, browse: str) -> tuple[QLineEdit, QPushButton, QHBoxLayout]:
    edit = QLineEdit()
    edit.setAccessibleName(label)
    edit.setPlaceholderText("Choose a .csv file")
    button = QPushButton(browse)
    button.setAccessibleName(f"Choose the {label.lower()}")
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return edit, button, row


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose mnemonic (Alt+letter) moves to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class ComparatorsDialog(QDialog):
    """Choose, map, preview, import."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None, *, la_code: str = "",
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        from boardapp.services.performance.comparators import mappable_measures

        self.ctx = ctx
        self.settings = settings or QSettings()
        self.table: "EesTable | None" = None
        self.groups: "NeighbourGroups | None" = None
        self.data: "ComparatorImport | None" = None
        self.command: ImportComparatorsCommand | None = None
        self.task: Task | None = None
        self.setWindowTitle("Import comparators")
        self.setAccessibleName("Import comparators")
        resize_to_fit(self, 940, 720)
        with ctx.session() as session:
            self.measures = mappable_measures(session)
        layout = QVBoxLayout(self)
        intro = QLabel("England, regional and statistical-neighbour figures from the DfE's Explore Education "
                       "Statistics downloads, one value per published period beside each measure's monthly values.")
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)

        files = QFormLayout()
        self.csv_edit, self.csv_button, row = _file_row("EES data CSV", "&Choose…")
        files.addRow(_buddy("&Data CSV (EES):", self.csv_edit), row)
        self.neighbours_edit, self.neighbours_button, row = _file_row("Statistical neighbours CSV", "C&hoose…")
        files.addRow(_buddy("&Neighbours CSV (optional):", self.neighbours_edit), row)
        self.la_edit = QLineEdit(la_code)
        self.la_edit.setAccessibleName("Council's DfE LA code")
        self.la_edit.setMaxLength(9)
        self.la_edit.setPlaceholderText("three digits, e.g. 892")
        self.council_label = QLabel("")
        self.council_label.setObjectName("muted")
        la_row = QHBoxLayout()
        la_row.addWidget(self.la_edit)
        la_row.addWidget(self.council_label, 1)
        files.addRow(_buddy("&Council (DfE LA code):", self.la_edit), la_row)
        layout.addLayout(files)

        box = QGroupBox("Which column feeds which measure")
        box_layout = QVBoxLayout(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        self.map_form = QFormLayout(holder)
        self.combos: dict[str, QComboBox] = {}
        for m in self.measures:
            combo = QComboBox()
            combo.addItem(NOT_MAPPED)
            combo.setAccessibleName(f"Column for {m.code} {m.title}")
            combo.setEnabled(False)
            combo.currentIndexChanged.connect(self._refresh)
            self.combos[m.code] = combo
            self.map_form.addRow(_buddy(f"{m.code} {m.title}:", combo), combo)
        scroll.setWidget(holder)
        scroll.setMinimumHeight(190)
        box_layout.addWidget(scroll)
        self.own_check = QCheckBox("Also set the council's &own published value (a value the board entered is kept)")
        self.own_check.setAccessibleName("Also set the council's own published value")
        self.own_check.toggled.connect(self._refresh)
        box_layout.addWidget(self.own_check)
        layout.addWidget(box, 3)

        self.status_label = QLabel("Choose the EES data CSV to start.")
        self.status_label.setAccessibleName("What will be imported")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.model: RowTableModel[PreviewRow] = RowTableModel(PREVIEW_COLUMNS, self)
        self.preview = QTableView()
        self.preview.setModel(self.model)
        self.preview.setAccessibleName("Preview of the comparators to set")
        self.preview.verticalHeader().hide()
        layout.addWidget(self.preview, 2)
        self.warnings_text = QPlainTextEdit()
        self.warnings_text.setReadOnly(True)
        self.warnings_text.setAccessibleName("Warnings")
        self.warnings_text.setMaximumHeight(110)
        self.warnings_text.setPlaceholderText("No warnings")
        layout.addWidget(self.warnings_text, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setAccessibleName("Import")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.csv_button.clicked.connect(lambda: self._choose(self.csv_edit, "Choose the EES data CSV"))
        self.neighbours_button.clicked.connect(
            lambda: self._choose(self.neighbours_edit, "Choose the statistical-neighbour CSV"))
        self.csv_edit.editingFinished.connect(self.load_files)
        self.neighbours_edit.editingFinished.connect(self.load_files)
        self.la_edit.editingFinished.connect(self._refresh)
        self._loaded_paths: tuple[str, str] | None = None

    # -- files ------------------------------------------------------------------------------
    def _choose(self, edit: QLineEdit, title: str) -> None:
        start = Path(edit.text()).parent if edit.text() else (self.ctx.db_path.parent if self.ctx.db_path else Path.home())
        path = msgbox.open_file(self, title, start, CSV_FILTER)
        if path is not None:
            edit.setText(str(path))
            self.load_files()

    def load_files(self) -> Task | None:
        """Read the chosen files on a worker thread; the preview is worked out when they are in."""
        csv_text, sn_text = self.csv_edit.text().strip(), self.neighbours_edit.text().strip()
        if not csv_text:
            self.table = None
            self._refresh()
            return None
        if self._loaded_paths == (csv_text, sn_text) or (self.task is not None and self.task.is_running()):
            return None
        self._loaded_paths = (csv_text, sn_text)
        self.status_label.setText(f"Reading {Path(csv_text).name}…")
        self.import_button.setEnabled(False)

        def work(control: TaskControl) -> Any:
            from boardapp.exchange.dfe_stats import read_ees_csv, read_neighbours_csv

            table = read_ees_csv(Path(csv_text))
            control.check()
            return table, read_neighbours_csv(Path(sn_text)) if sn_text else None

        self.task = Task(work, self)
        self.task.finished.connect(self._files_read)
        self.task.failed.connect(self._files_failed)
        return self.task.start()

    def _files_read(self, found: Any) -> None:
        self.table, self.groups = found
        self._offer_columns()
        self._refresh()

    def _files_failed(self, message: str) -> None:
        self.table = self.groups = None
        self._loaded_paths = None
        self._offer_columns()
        self._show_error(message)
        self.status_label.setText("The files could not be read; nothing will be imported.")

    def _offer_columns(self) -> None:
        columns = list(self.table.indicators) if self.table is not None else []
        for code, combo in self.combos.items():
            wanted = combo.currentText() if combo.currentIndex() > 0 else str(self.settings.value(_SETTINGS_KEY + code, ""))
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_MAPPED)
            combo.addItems(columns)
            combo.setCurrentIndex(max(0, combo.findText(wanted)) if wanted else 0)
            combo.setEnabled(bool(columns))
            combo.blockSignals(False)

    # -- preview ----------------------------------------------------------------------------
    def mapping(self) -> list[tuple[str, str]]:
        return [(code, combo.currentText()) for code, combo in self.combos.items() if combo.currentIndex() > 0]

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _refresh(self) -> None:
        """Work the import out again from the files, the mapping, the council and the own switch."""
        from boardapp.exchange.dfe_comparators import work_out_comparators
        from boardapp.services.performance.comparators_write import check_comparator_import

        self.data = None
        self._show_error("")
        self.model.set_rows([])
        self.warnings_text.setPlainText("")
        self.import_button.setEnabled(False)
        if self.table is None:
            self.status_label.setText("Choose the EES data CSV to start.")
            return
        la = self.la_edit.text().strip()
        council = self.table.resolve_la(la) if la else None
        self.council_label.setText(self.table.la_names().get(council or "", "") if council else "")
        mapping = self.mapping()
        if not mapping:
            self.status_label.setText(f"{self.table.name}: {len(self.table.indicators)} indicator columns. "
                                      "Pick the column for each measure to import.")
            return
        try:
            data = work_out_comparators(self.table, self.groups, la, mapping, own=self.own_check.isChecked())
            with self.ctx.session() as session:
                data = check_comparator_import(data, session=session)
        except ValueError as exc:
            self._show_error(str(exc))
            self.status_label.setText("Nothing will be imported until this is put right.")
            return
        self.data = data
        self.model.set_rows([
            PreviewRow(m.measure, m.column, p.period, p.own, p.england, p.region, p.region_name, p.neighbours,
                       p.neighbours_used)
            for m in data.measures for p in m.periods
        ])
        self.preview.resizeColumnsToContents()
        self.warnings_text.setPlainText("\n".join(data.warnings))
        council_text = f"{data.la} {data.la_name}".strip()
        self.status_label.setText(f"For {council_text}: {data.period_count} published periods of "
                                  f"{len(data.measures)} measures will be set ({len(data.warnings)} warnings).")
        self.import_button.setEnabled(data.period_count > 0)

    # -- import -----------------------------------------------------------------------------
    def import_now(self) -> None:
        """Write the previewed import (one transaction, one undo entry); a refusal stays in the dialog."""
        from boardapp.services.transaction import ConflictError, WriteRefusedError

        if self.data is None or not self.data.period_count:
            return
        command = ImportComparatorsCommand(self.ctx, self.data)
        try:
            run_command(self.ctx, command)
        except (ValueError, ConflictError, WriteRefusedError) as exc:
            self._show_error(f"Nothing was imported: {exc}")
            return
        for code, column in self.mapping():
            self.settings.setValue(_SETTINGS_KEY + code, column)
        self.command = command
        self.accept()


def import_comparators(window: Any) -> ComparatorsDialog | None:
    """File › Import comparators…: the dialog over the open workspace (the board's LA code filled in)."""
    ctx = getattr(window, "ctx", None)
    if ctx is None:
        return None
    from boardapp.services.people.board import board_row

    try:
        with ctx.session() as session:
            la_code = board_row(session=session).la_code
    except LookupError:
        la_code = ""
    dialog = ComparatorsDialog(ctx, window, la_code=la_code)
    window.comparators_dialog = dialog  # tests drive it
    if dialog.exec() and dialog.command is not None:
        data = dialog.command.data
        window.statusBar().showMessage(
            f"Imported comparators: {data.period_count} published periods for {len(data.measures)} measures "
            "(Edit › Undo takes them back)", 20_000)
    return dialog
