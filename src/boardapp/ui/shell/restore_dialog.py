"""File › Restore from backup…: the workspace's checked backups, a read-only preview, and Restore.

The list comes from the store's manifest (no backup is opened to list it); choosing one
previews it on a worker thread, read-only: its board, counts and latest changes. Restore
hands the chosen file to ``operations.restore_backup``, which backs up the current state
first.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit, QTableView, QVBoxLayout,
    QWidget,
)

from boardapp.ui.common.row_table_model import ROW_ROLE, Column, RowTableModel
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.common.tasks import Task

REASONS = {
    "automatic": "Automatic", "on-close": "On closing", "manual": "Back up now", "before-import": "Before an import",
    "before-restore": "Before a restore", "before-bulk-change": "Before a bulk change",
}


def reason_text(reason: str) -> str:
    if reason.startswith("before-upgrade"):
        return "Before an upgrade"
    return REASONS.get(reason, reason.replace("-", " ").capitalize())


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


def _local(value: datetime | None) -> datetime | None:
    return value.astimezone().replace(tzinfo=None) if value else None


def backup_columns() -> list[Column[Any]]:
    return [
        Column("Date", lambda r: _local(r.created), tooltip=lambda r: str(r.path)),
        Column("Why", lambda r: reason_text(r.reason)),
        Column("Size", lambda r: r.size, fmt=size_text),
        Column("Actions", lambda r: r.actions),
        Column("Last change", lambda r: _local(r.last_change)),
    ]


class RestoreDialog(QDialog):
    """Pick a backup of ``db_path``; ``chosen()`` is its file once accepted."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from boardapp.db.backup_store import list_backups, store_dir

        self.db_path = db_path
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        resize_to_fit(self, 760, 520)
        layout = QVBoxLayout(self)
        records = list_backups(db_path)
        intro = QLabel(
            f"Checked backups of {db_path.name}, newest first (kept in {store_dir(db_path)}). "
            "Restoring one replaces the workspace; its current state is backed up first."
            if records else
            f"There are no backups of {db_path.name} yet. boardapp makes one every 30 minutes while you work, "
            "when you close the workspace, and before imports, bulk changes and upgrades.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model: RowTableModel[Any] = RowTableModel(backup_columns(), self)
        self.model.set_rows(records)
        self.table = QTableView()
        self.table.setAccessibleName("Backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 2)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("What the chosen backup holds")
        self.preview.setPlaceholderText("Choose a backup to see what it holds.")
        layout.addWidget(self.preview, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("&Restore this backup", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setAccessibleName("Restore this backup")
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.preview_task: Task | None = None
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._choose(current.row()))
        if records:
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> Path | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return Path(self.model.index(index.row(), 0).data(ROW_ROLE).path)

    def _choose(self, row: int) -> None:
        self.restore_button.setEnabled(row >= 0)
        if row < 0:
            return
        record = self.model.row_at(row)
        self.preview.setPlainText("Reading the backup…")

        def work(_control: Any) -> Any:
            from boardapp.db.backup_store import preview_backup

            return preview_backup(record.path)

        task = Task(work, self)
        task.finished.connect(lambda preview: self._show_preview(record, preview))
        task.failed.connect(lambda why: self.preview.setPlainText(f"This backup cannot be read: {why}"))
        self.preview_task = task.start()

    def _show_preview(self, record: Any, preview: Any) -> None:
        if self.chosen() != record.path:
            return  # the user moved on
        self.preview.setPlainText(preview_text(record, preview))


def preview_text(record: Any, preview: Any) -> str:
    """What a backup holds, in a few lines a secretary reads before restoring it."""
    counts = preview.counts
    lines = [
        f"{preview.board_name or 'Workspace'} as at {_local(record.created):%d/%m/%Y %H:%M} "
        f"({reason_text(record.reason).lower()}, {size_text(record.size)}, checked)",
        ", ".join(f"{counts.get(k, 0):,} {label}" for k, label in
                  (("actions", "actions"), ("people", "people"), ("meetings", "meetings"), ("risks", "risks"),
                   ("changes", "recorded changes"))),
        "",
        "Latest changes:" if preview.latest else "No changes recorded.",
    ]
    for change in preview.latest:
        when = f"{_local(change.at):%d/%m/%Y %H:%M}" if change.at else ""
        what = f"{change.entity} {change.entity_ref}".strip()
        lines.append(f"  {when}  {change.who or 'someone'}: {what} {change.field.replace('_', ' ')}: "
                     f"{change.old or '—'} → {change.new or '—'}")
    return "\n".join(lines)
