"""File › Export meeting pack…: which meeting, which sections, which marking, which file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from boardapp.ui.common import msgbox
from boardapp.ui.common.screen_fit import resize_to_fit

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext

MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL", "NOT PROTECTIVELY MARKED")
#: QSettings key of the folder the last pack was exported to.
LAST_FOLDER_KEY = "export/last_folder"


def default_export_folder() -> Path:
    """Where a pack goes unless the user says otherwise: the folder used last time, else Documents.

    Never the workspace's folder (by default the hidden application-data folder).
    """
    last = QSettings().value(LAST_FOLDER_KEY, "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_export_folder(folder: Path) -> None:
    settings = QSettings()
    settings.setValue(LAST_FOLDER_KEY, str(folder))
    settings.sync()


@dataclass(frozen=True)
class ExportOptions:
    meeting: str | int  # "next" or a meeting id
    sections: list[str] | None  # None: every section
    marking: str
    out_path: Path
    papers: bool = True  # merge the agenda items' papers
    confidential_out: Path | None = None  # also write the confidential part (Part B) here
    supplement: int | None = None  # write Supplement N instead of the pack
    final: bool = False  # record the pack (or supplement) as issued


def confidential_name(path: Path) -> Path:
    """Where the confidential part goes by default: beside the pack, named after it."""
    return path.with_name(f"{path.stem} - Part B (confidential).pdf")


class ExportPackDialog(QDialog):
    """Choose the meeting (next planned by default), the sections, the marking and the file."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from boardapp.services.pack_data import PACK_SECTIONS as SECTIONS  # same keys as pack.sections, no reportlab
        from boardapp.services.meetings.calendar import list_meeting_rows
        from boardapp.services.workspace import workspace_summary

        self.setWindowTitle("Export meeting pack")
        self._workspace = ctx.db_path
        self.setAccessibleName("Export meeting pack")
        with ctx.session() as session:
            meetings = list_meeting_rows(session=session)
            summary = workspace_summary(session=session, today=ctx.today())

        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting")
        upcoming = summary.next_meeting
        label = f"Next planned meeting ({upcoming.meeting_date:%d/%m/%Y})" if upcoming else "Next planned meeting"
        self.meeting.addItem(label, "next")
        for m in meetings:
            self.meeting.addItem(f"{m.meeting_date:%d/%m/%Y} — {m.title} ({m.status.lower()})", m.id)

        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.setAccessibleName("Protective marking")
        self.marking.addItems(list(dict.fromkeys((summary.default_marking, *MARKINGS))))
        self.marking.setCurrentText(summary.default_marking)

        default_name = f"{summary.board_name} pack {upcoming.meeting_date:%Y-%m-%d}.pdf" if upcoming else f"{summary.board_name} pack.pdf"
        self.file_name = QLineEdit(str(default_export_folder() / default_name))
        self.file_name.setAccessibleName("File name")
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Choose the file name")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_name, 1)
        file_row.addWidget(browse)

        sections_box = QGroupBox("Sections")
        grid = QGridLayout(sections_box)
        self.section_boxes: dict[str, QCheckBox] = {}
        for i, section in enumerate(SECTIONS):
            box = QCheckBox(section.title)
            box.setChecked(True)
            box.setAccessibleName(f"Include section: {section.title}")
            self.section_boxes[section.key] = box
            grid.addWidget(box, i // 2, i % 2)

        self.papers = QCheckBox("Merge the agenda items' &papers in place")
        self.papers.setChecked(True)
        self.papers.setAccessibleName("Include the papers")
        self.confidential = QCheckBox("Also make the &confidential part (Part B items, OFFICIAL-SENSITIVE)")
        self.confidential.setAccessibleName("Also make the confidential part")
        self.confidential_file = QLineEdit(str(confidential_name(Path(self.file_name.text()))))
        self.confidential_file.setAccessibleName("Confidential part file name")
        self.confidential_file.setEnabled(False)
        self.confidential.toggled.connect(self.confidential_file.setEnabled)
        self.file_name.textChanged.connect(
            lambda text: self.confidential_file.setText(str(confidential_name(Path(text.strip() or "pack.pdf")))))
        self.supplement = QSpinBox()
        self.supplement.setRange(0, 50)
        self.supplement.setSpecialValueText("None: make the pack itself")
        self.supplement.setPrefix("Supplement ")
        self.supplement.setAccessibleName("Supplement number (late papers)")
        self.final = QCheckBox("&Final: record it as issued (papers added afterwards are late)")
        self.final.setAccessibleName("Final export: record the pack as issued")
        choices = QGroupBox("Papers and parts")
        choices_layout = QFormLayout(choices)
        choices_layout.addRow(self.papers)
        choices_layout.addRow(self.confidential)
        part_label = QLabel("Pa&rt B file:")
        part_label.setBuddy(self.confidential_file)
        choices_layout.addRow(part_label, self.confidential_file)
        supplement_label = QLabel("&Supplement:")
        supplement_label.setBuddy(self.supplement)
        choices_layout.addRow(supplement_label, self.supplement)
        choices_layout.addRow(self.final)

        form = QFormLayout()
        form.addRow("&Meeting:", self.meeting)
        form.addRow("&Marking:", self.marking)
        file_label = QLabel("&File:")  # a label made by addRow(text, layout) has no buddy: it showed "&File:"
        file_label.setBuddy(self.file_name)
        form.addRow(file_label, file_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Export")
        ok.setAccessibleName("Export")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(sections_box)
        layout.addWidget(choices)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 620, self.sizeHint().height())

    def _browse(self) -> None:
        path = msgbox.save_file(self, "Save the meeting pack as", Path(self.file_name.text()), msgbox.PDF_FILTER)
        if path is not None:
            self.file_name.setText(str(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")))

    def _accept(self) -> None:
        if not any(b.isChecked() for b in self.section_boxes.values()):
            msgbox.warning(self, "Export meeting pack", "Choose at least one section.")
            return
        if not self.file_name.text().strip():
            msgbox.warning(self, "Export meeting pack", "File: choose where to save the pack.")
            return
        if not self.marking.currentText().strip():
            msgbox.warning(self, "Export meeting pack", "Marking: the pack needs a protective marking.")
            return
        if self.confidential.isChecked() and not self.confidential_file.text().strip():
            msgbox.warning(self, "Export meeting pack", "Part B file: choose where to save the confidential part.")
            return
        from boardapp.db.output_path import output_problem  # never the workspace, its -wal, a folder or a device

        problem = output_problem(self.options().out_path, workspaces=[self._workspace] if self._workspace else [])
        if problem is not None:
            msgbox.warning(self, "Export meeting pack", f"File: the pack cannot be written to {self.options().out_path}: {problem}.")
            return
        secret = self.options().confidential_out
        if secret is not None:
            problem = output_problem(secret, workspaces=[self._workspace] if self._workspace else [])
            if problem is not None or secret == self.options().out_path:
                msgbox.warning(self, "Export meeting pack", f"Part B file: the confidential part cannot be written to "
                               f"{secret}: {problem or 'it is the pack itself'}.")
                return
        self.accept()

    def accept(self) -> None:
        """Export: the folder chosen is where the next export dialog starts."""
        folder = Path(self.file_name.text().strip()).expanduser().parent
        if folder.is_dir():
            remember_export_folder(folder)
        super().accept()

    def options(self) -> ExportOptions:
        chosen = [key for key, box in self.section_boxes.items() if box.isChecked()]
        path = Path(self.file_name.text().strip()).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        secret = None
        if self.confidential.isChecked():
            secret = Path(self.confidential_file.text().strip()).expanduser()
            secret = secret if secret.suffix.lower() == ".pdf" else secret.with_suffix(".pdf")
        return ExportOptions(
            meeting=self.meeting.currentData(),
            sections=None if len(chosen) == len(self.section_boxes) else chosen,
            marking=self.marking.currentText().strip().upper(),
            out_path=path,
            papers=self.papers.isChecked(),
            confidential_out=secret,
            supplement=self.supplement.value() or None,
            final=self.final.isChecked(),
        )
