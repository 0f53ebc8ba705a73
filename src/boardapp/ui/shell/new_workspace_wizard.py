"""File › New workspace…: a wizard that sets up one's own board in minutes.

Board → members (typed, or pasted from Excel) → themes (an ILACS starter set, editable, or
none) → the next board meeting → a summary. Every step can be skipped ("Skip this step") and
done later on the People page, Edit › Board settings or the Meetings page. Each page checks
its own entries when Next is pressed and names the field or row at fault; nothing is written
until Finish, and then everything in one transaction (``services.people.setup``).
"""
from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QWidget, QWizard,
)

from boardapp.domain.enums import MeetingFrequency
from boardapp.domain.rules import ValidationError
from boardapp.services.people.board import DEFAULT_NAME, MARKINGS
from boardapp.services.people.setup import WorkspaceSetup
from boardapp.ui.common import msgbox
from boardapp.ui.common.date_fields import uk_date_edit
from boardapp.ui.common.form_dialog import suggest_only
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.shell.encryption_ui import RecoveryKeyPage, encrypt_checkbox
from boardapp.ui.shell.wizard_pages import MembersPage, StepPage, ThemesPage, button, line


class BoardPage(StepPage):
    """The board: where the file goes, name, council, chair, quorum, marking, LA code, frequency."""

    def __init__(self, folder: Path) -> None:
        super().__init__("Your board", "The board's name is on every page of the pack; everything else can be "
                         "filled in now or later (Edit › Board settings).")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name_edit = line("Board name", DEFAULT_NAME)
        self.council_edit = line("Council", "", "e.g. Northshire County Council")
        self.chair_edit = line("Independent chair", "", "the chair's name (added to the members)")
        self.quorum_spin = QSpinBox()
        self.quorum_spin.setAccessibleName("Quorum (members)")
        self.quorum_spin.setRange(0, 200)
        self.quorum_spin.setSpecialValueText("Not set")
        self.marking_combo = QComboBox()
        self.marking_combo.setAccessibleName("Default protective marking")
        self.marking_combo.setEditable(True)
        self.marking_combo.addItems(MARKINGS)
        suggest_only(self.marking_combo)
        self.la_edit = line("DfE local-authority code", "", "three digits, e.g. 892 (optional)")
        self.la_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), self.la_edit))
        self.frequency_combo = QComboBox()
        self.frequency_combo.setAccessibleName("Meeting frequency")
        for f in MeetingFrequency:
            self.frequency_combo.addItem(f.label, f.value)
        self.file_edit = line("Workspace file", str(_free_name(folder, DEFAULT_NAME)))
        browse = button("&Browse…", "Choose where the workspace file is kept", self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.fields: dict[str, QWidget] = {
            "name": self.name_edit, "council": self.council_edit, "chair": self.chair_edit, "quorum": self.quorum_spin,
            "default_marking": self.marking_combo, "la_code": self.la_edit, "meeting_frequency": self.frequency_combo,
            "file": self.file_edit,
        }
        for label, widget in (("B&oard name:", self.name_edit), ("&Council:", self.council_edit),
                              ("Independent c&hair:", self.chair_edit), ("&Quorum (members):", self.quorum_spin),
                              ("Protective &marking:", self.marking_combo), ("DfE &LA code:", self.la_edit),
                              ("Meets &every:", self.frequency_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        caption = QLabel("Workspace &file:")
        caption.setBuddy(self.file_edit)
        form.addRow(caption, file_row)
        self.encrypt_box = encrypt_checkbox()  # ticked: the recovery key is shown on a last page
        form.addRow("", self.encrypt_box)
        self.body.addLayout(form)
        self._file_typed = False
        self.file_edit.textEdited.connect(lambda _t: setattr(self, "_file_typed", True))
        self.name_edit.textEdited.connect(self._suggest_file)

    def _suggest_file(self, name: str) -> None:
        if not self._file_typed:
            self.file_edit.setText(str(_free_name(Path(self.file_edit.text()).expanduser().parent, name or DEFAULT_NAME)))

    def _browse(self) -> None:
        chosen = msgbox.save_file(self, "New workspace", self.target_path())
        if chosen is not None:
            self.file_edit.setText(str(chosen if chosen.suffix else chosen.with_suffix(".db")))
            self._file_typed = True

    def target_path(self) -> Path:
        path = Path(self.file_edit.text().strip()).expanduser()
        return path if path.suffix else path.with_suffix(".db")

    def values(self) -> dict[str, Any]:
        return {"name": self.name_edit.text(), "council": self.council_edit.text(), "chair_name": self.chair_edit.text(),
                "quorum": self.quorum_spin.value() or None, "default_marking": self.marking_combo.currentText(),
                "la_code": self.la_edit.text(), "meeting_frequency": self.frequency_combo.currentData()}

    def check(self) -> None:
        from boardapp.services.people.board import validate_board
        from boardapp.services.people.people import validate_person

        if not self.file_edit.text().strip():
            raise ValidationError("file", "choose where the workspace file is kept")
        path = self.target_path()
        if path.exists():
            raise ValidationError("file", f"{path} already exists: choose another name (or open it with File › Open)")
        values = self.values()
        chair = values.pop("chair_name")
        validate_board(values)
        if chair.strip():
            validate_person({"name": chair}, where="chair")

    def field_widget(self, field: str) -> QWidget | None:
        return self.fields.get(field.split()[0] if field.startswith("chair") else field)

    def skip(self) -> None:
        pass  # the defaults stand: a board called "Improvement Board", monthly, OFFICIAL-SENSITIVE


class MeetingPage(StepPage):
    """The next board meeting: created as planned, so the first pack can be made for it."""

    def __init__(self) -> None:
        super().__init__("Next board meeting", "The pack is made for a meeting. Type the date of the next one "
                         "(day first) — or leave it blank and add it later (Edit › Board settings).")
        form = QFormLayout()
        self.date_edit = uk_date_edit(None, "Date of the next board meeting", optional=True, field="next_meeting")
        self.date_edit.line_edit.setPlaceholderText("DD/MM/YYYY, e.g. 14/10/2027")
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # not spread across the form
        self.time_edit = line("Start time", "", "HH:MM, e.g. 10:00 (optional)")
        self.place_edit = line("Place", "", "e.g. Council Chamber, County Hall (optional)")
        self.fields = {"next_meeting": self.date_edit, "meeting_time": self.time_edit, "meeting_place": self.place_edit}
        for label, widget in (("&Date:", self.date_edit), ("Start &time:", self.time_edit),
                              ("&Place:", self.place_edit)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        self.body.addLayout(form)
        self.body.addStretch(1)

    def meeting_date(self) -> date | None:
        return self.date_edit.value()  # a DateFieldError (a ValidationError) names the field

    def meeting_time(self) -> time | None:
        text = self.time_edit.text().strip().replace(".", ":")
        if not text:
            return None
        try:
            hours, _, minutes = text.partition(":")
            return time(int(hours), int(minutes or 0))
        except ValueError:
            raise ValidationError("meeting_time", f"{text!r} is not a time of day (HH:MM, e.g. 10:00)") from None

    def check(self) -> None:
        from boardapp.ui.common.context import current_day

        day = self.meeting_date()
        self.meeting_time()
        if day is not None and day < current_day():
            raise ValidationError("next_meeting", f"{day:%d/%m/%Y} is in the past: type the next meeting's date")

    def field_widget(self, field: str) -> QWidget | None:
        return self.fields.get(field)

    def skip(self) -> None:
        self.date_edit.set_value(None)
        self.time_edit.clear()
        self.place_edit.clear()


class SummaryPage(StepPage):
    """What Finish will create."""

    def __init__(self) -> None:
        super().__init__("Ready", "Finish creates the workspace and opens it on its Dashboard.")
        self.summary = QLabel()
        self.summary.setAccessibleName("What will be created")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.summary)
        self.body.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:  # noqa: N802
        wizard: Any = self.wizard()
        setup: WorkspaceSetup = wizard.setup()
        lines = [f"<b>{_esc(setup.name)}</b>" + (f", {_esc(setup.council)}" if setup.council else ""),
                 f"File: {_esc(str(wizard.target_path()))}",
                 f"Chair: {_esc(setup.chair_name) or 'not yet named'} · marking {setup.default_marking} · "
                 f"meets {MeetingFrequency(setup.meeting_frequency).label.lower()}",
                 f"Members: {len(setup.members) + (1 if setup.chair_name.strip() else 0)}",
                 f"Themes: {', '.join(_esc(t.code) for t in setup.themes) or 'none yet'}",
                 "Next meeting: " + (f"{setup.next_meeting:%A %d %B %Y}" if setup.next_meeting else "not yet planned")
                 + (f" at {setup.meeting_time:%H:%M}" if setup.next_meeting and setup.meeting_time else "")
                 + (f", {_esc(setup.meeting_place)}" if setup.next_meeting and setup.meeting_place.strip() else "")]
        if setup.quorum or setup.la_code:
            lines.insert(3, " · ".join(x for x in (f"Quorum {setup.quorum}" if setup.quorum else "",
                                                    f"DfE LA code {setup.la_code}" if setup.la_code else "") if x))
        if wizard.encrypting():
            lines.append("Encrypted: yes (its recovery key is shown next)")
        self.setFinalPage(not wizard.encrypting())
        self.summary.setText("<br>".join(lines))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _free_name(folder: Path, name: str) -> Path:
    """``folder/<name>.db`` in a file-name form, numbered if taken."""
    stem = "".join(c if c.isalnum() else "-" for c in name.strip().lower()).strip("-")
    stem = "-".join(part for part in stem.split("-") if part) or "improvement-board"
    candidate = folder / f"{stem}.db"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}.db"
        n += 1
    return candidate


class NewWorkspaceWizard(QWizard):
    """The wizard; ``setup()`` and ``target_path()`` are what Finish creates."""

    def __init__(self, parent: QWidget | None = None, *, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New workspace")
        self.setAccessibleName("New workspace")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "S&kip this step")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Create workspace")
        self.button(QWizard.WizardButton.CustomButton1).setAccessibleName("Skip this step")
        self.button(QWizard.WizardButton.FinishButton).setAccessibleName("Create workspace")
        self.button(QWizard.WizardButton.NextButton).setAccessibleName("Next")
        self.button(QWizard.WizardButton.BackButton).setAccessibleName("Back")
        self.button(QWizard.WizardButton.CancelButton).setAccessibleName("Cancel")
        self.customButtonClicked.connect(self._skip)
        self.currentIdChanged.connect(self._page_changed)
        self.board_page = BoardPage(folder or Path.home())
        self.members_page = MembersPage()
        self.themes_page = ThemesPage()
        self.meeting_page = MeetingPage()
        self.summary_page = SummaryPage()
        self.recovery_page = RecoveryKeyPage()
        for page in (self.board_page, self.members_page, self.themes_page, self.meeting_page, self.summary_page,
                     self.recovery_page):
            self.addPage(page)
        resize_to_fit(self, 900, 600)

    def _page_changed(self, _id: int) -> None:
        last = self.currentPage() in (self.summary_page, self.recovery_page)
        self.button(QWizard.WizardButton.CustomButton1).setVisible(not last)

    def nextId(self) -> int:  # noqa: N802
        if self.currentPage() is self.summary_page and not self.encrypting():
            return -1  # the recovery-key page only for an encrypted workspace
        return super().nextId()

    def encrypting(self) -> bool:
        return self.board_page.encrypt_box.isChecked()

    def encryption_key(self) -> bytes | None:
        """The new workspace's key (its recovery key was shown), or None for a plain workspace."""
        return self.recovery_page.key() if self.encrypting() else None

    def _skip(self, which: int) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage) and page is not self.summary_page:
            page.skip()
            page.clear_error()
            self.next()

    def target_path(self) -> Path:
        return self.board_page.target_path().expanduser().absolute()

    def setup(self) -> WorkspaceSetup:
        board = self.board_page.values()
        day = self.meeting_page.date_edit.peek()
        try:
            at = self.meeting_page.meeting_time()
        except ValidationError:
            at = None
        return WorkspaceSetup(
            name=board["name"], council=board["council"], chair_name=board["chair_name"], quorum=board["quorum"],
            default_marking=board["default_marking"], la_code=board["la_code"],
            meeting_frequency=board["meeting_frequency"], next_meeting=day, meeting_time=at,
            meeting_place=self.meeting_page.place_edit.text(),
            members=tuple(self.members_page.members()), themes=tuple(self.themes_page.themes()),
        )

