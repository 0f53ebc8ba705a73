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

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpinBox,
    QTableView, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from boardapp.domain.enums import IlacsArea, MeetingFrequency
from boardapp.domain.rules import ValidationError
from boardapp.services.people.board import DEFAULT_NAME, MARKINGS
from boardapp.services.people.setup import MemberDraft, ThemeDraft, WorkspaceSetup, parse_pasted_people
from boardapp.services.people.themes import ILACS_STARTER
from boardapp.ui.common import msgbox
from boardapp.ui.common.date_fields import uk_date_edit
from boardapp.ui.common.form_dialog import suggest_only
from boardapp.ui.shell.draft_tables import ChoiceDelegate, DraftColumn, DraftTableModel
from boardapp.ui.shell.encryption_ui import RecoveryKeyPage, encrypt_checkbox

def _error_style(widget: QWidget) -> str:
    """An outline on the widget itself (a bare rule would outline its children too: a table's headers)."""
    return f"{widget.metaObject().className()} {{ border: 2px solid #b3261e; }}"
ROLES = ("Independent Chair", "Director of Children's Services", "Chief Executive",
         "Lead Member for Children's Services", "DfE Improvement Adviser", "Partner (Police)", "Partner (Health)",
         "Partner (Education)", "Independent Scrutineer", "Board secretariat")
AREAS = {a.value: a.label for a in IlacsArea}
#: How a refused field is named on the page (the services name fields as the schema does).
LABELS = {"name": "Board name", "council": "Council", "chair name": "Independent chair", "quorum": "Quorum",
          "default_marking": "Protective marking", "la_code": "DfE LA code", "meeting_frequency": "Meets every",
          "file": "Workspace file", "next_meeting": "Date of the next meeting", "meeting_time": "Start time",
          "meeting_place": "Place"}


def _line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _button(text: str, tip: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _=False: slot())
    return button


class _Page(QWizardPage):
    """A page that checks itself on Next and says what is wrong, naming the field."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.setAccessibleName(title)
        self.body = QVBoxLayout(self)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.body.addWidget(self.error_label)
        self._marked: QWidget | None = None

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if widget is not None:
            widget.setStyleSheet(_error_style(widget))
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self._marked = widget

    def clear_error(self) -> None:
        self.error_label.hide()
        if self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked = None

    def skip(self) -> None:
        """Leave this step for later (the page's entries are cleared)."""

    def check(self) -> None:
        """Raise ValidationError for a bad entry (subclasses)."""

    def validatePage(self) -> bool:  # noqa: N802
        self.clear_error()
        try:
            self.check()
        except ValidationError as exc:
            label = LABELS.get(exc.field, exc.field.replace("_", " ").capitalize())
            self.show_error(f"{label}: {exc.message}", self.field_widget(exc.field))
            return False
        return True

    def field_widget(self, field: str) -> QWidget | None:
        return None


class BoardPage(_Page):
    """The board: where the file goes, name, council, chair, quorum, marking, LA code, frequency."""

    def __init__(self, folder: Path) -> None:
        super().__init__("Your board", "The board's name is on every page of the pack; everything else can be "
                         "filled in now or later (Edit › Board settings).")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name_edit = _line("Board name", DEFAULT_NAME)
        self.council_edit = _line("Council", "", "e.g. Northshire County Council")
        self.chair_edit = _line("Independent chair", "", "the chair's name (added to the members)")
        self.quorum_spin = QSpinBox()
        self.quorum_spin.setAccessibleName("Quorum (members)")
        self.quorum_spin.setRange(0, 200)
        self.quorum_spin.setSpecialValueText("Not set")
        self.marking_combo = QComboBox()
        self.marking_combo.setAccessibleName("Default protective marking")
        self.marking_combo.setEditable(True)
        self.marking_combo.addItems(MARKINGS)
        suggest_only(self.marking_combo)
        self.la_edit = _line("DfE local-authority code", "", "three digits, e.g. 892 (optional)")
        self.la_edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), self.la_edit))
        self.frequency_combo = QComboBox()
        self.frequency_combo.setAccessibleName("Meeting frequency")
        for f in MeetingFrequency:
            self.frequency_combo.addItem(f.label, f.value)
        self.file_edit = _line("Workspace file", str(_free_name(folder, DEFAULT_NAME)))
        browse = _button("&Browse…", "Choose where the workspace file is kept", self._browse)
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


class _TablePage(_Page):
    """A page with a grid: Insert adds a row, Delete removes the chosen ones, arrows move, typing edits."""

    def _table(self, model: DraftTableModel, name: str) -> QTableView:
        view = QTableView()
        view.setAccessibleName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        triggers = QAbstractItemView.EditTrigger
        view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
                             | triggers.SelectedClicked)  # typing starts editing; arrows only move
        view.setTabKeyNavigation(False)  # Tab leaves the grid (to the buttons and Next); arrows move inside it
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
        view.installEventFilter(self)
        self.view, self.model = view, model
        return view

    def paste(self, text: str | None = None) -> int:
        return 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.view.state() != QAbstractItemView.State.EditingState:
                if event.matches(QKeySequence.StandardKey.Paste):
                    self.paste()
                    return True
                if event.key() == Qt.Key.Key_Insert and not event.modifiers():
                    self.add_row()
                    return True
                if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                    self.remove_rows()
                    return True
        return super().eventFilter(watched, event)

    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit(index)

    def remove_rows(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()} or
                      ({self.view.currentIndex().row()} if self.view.currentIndex().isValid() else set()), reverse=True)
        for row in rows:
            self.model.removeRows(row, 1)

    def point_at(self, row: int, key: str) -> None:
        column = next(i for i, c in enumerate(self.model.columns) if c.key == key)
        index = self.model.index(row - 1, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def validatePage(self) -> bool:  # noqa: N802
        self.clear_error()
        try:
            self.check()
        except ValidationError as exc:
            # "members row 2 email" → "Row 2, email: …", and the cell is chosen
            parts = exc.field.split()
            if len(parts) >= 3 and parts[1] == "row" and parts[2].isdigit():
                key = parts[3] if len(parts) > 3 else self.model.columns[0].key
                label = next((c.header for c in self.model.columns if c.key == key), key)
                self.point_at(int(parts[2]), key)
                self.show_error(f"Row {parts[2]}, {label.lower()}: {exc.message}", self.view)
            else:
                self.show_error(f"{exc.field}: {exc.message}", self.view)
            return False
        return True

    def skip(self) -> None:
        self.model.set_rows([])


class MembersPage(_TablePage):
    """The board's members: type them in, or paste a block copied from Excel."""

    COLUMNS = (DraftColumn("name", "Name"), DraftColumn("role", "Role"), DraftColumn("organisation", "Organisation"),
               DraftColumn("email", "Email"))

    def __init__(self) -> None:
        super().__init__("Members", "Type the board's members, or copy the rows from a spreadsheet (name, role, "
                         "organisation, email) and press Paste. Action owners who are not members can be added "
                         "later on the People page.")
        view = self._table(DraftTableModel(self.COLUMNS), "Members")
        view.setItemDelegateForColumn(1, ChoiceDelegate(lambda: [(r, r) for r in ("",) + ROLES], editable=True,
                                                        name="Role", parent=view))
        for column, width in enumerate((220, 240, 220)):
            view.setColumnWidth(column, width)
        self.chair_note = QLabel("")
        self.chair_note.setObjectName("muted")
        self.chair_note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(_button("&Paste from Excel", "Add the rows copied from a spreadsheet (Ctrl+V)", self.paste))
        buttons.addWidget(_button("&Add a row", "Add an empty row (Insert)", self.add_row))
        buttons.addWidget(_button("&Remove", "Remove the chosen rows (Delete)", self.remove_rows))
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addWidget(view, 1)
        self.body.addWidget(self.chair_note)

    def initializePage(self) -> None:  # noqa: N802
        chair = self.wizard().board_page.chair_edit.text().strip() if self.wizard() else ""  # type: ignore[attr-defined]
        self.chair_note.setText(f"The chair, {chair}, is added as a member (Independent Chair)." if chair else "")

    def paste(self, text: str | None = None) -> int:
        """Add the rows of a tab-separated block (the clipboard's, unless ``text``); returns how many."""
        block = QGuiApplication.clipboard().text() if text is None else text
        drafts = parse_pasted_people(block)
        if not drafts:
            self.show_error("The clipboard has no rows to paste: copy the members' rows in the spreadsheet first "
                            "(name, role, organisation, email).", self.view)
            return 0
        self.clear_error()
        first = self.model.append_rows([{"name": d.name, "role": d.role, "organisation": d.organisation,
                                         "email": d.email} for d in drafts])
        self.view.setCurrentIndex(self.model.index(first, 0))
        return len(drafts)

    def members(self) -> list[MemberDraft]:
        return [MemberDraft(r["name"], r["role"], r["organisation"], r["email"]) for _n, r in self.model.filled_rows()]

    def check(self) -> None:
        from boardapp.services.people.people import validate_person

        for number, row in self.model.filled_rows():
            validate_person({k: row[k] for k in ("name", "role", "organisation", "email")},
                            where=f"members row {number}")


class ThemesPage(_TablePage):
    """The plan's themes: the ILACS starter set to edit, your own, or none for now."""

    COLUMNS = (DraftColumn("code", "Code"), DraftColumn("title", "Title"), DraftColumn("lead", "Lead"),
               DraftColumn("ilacs_area", "ILACS area", labels=AREAS))

    def __init__(self) -> None:
        super().__init__("Themes", "Themes (workstreams) group the plan's actions; each action's ref starts with its "
                         "theme's code. Here is one per ILACS judgement area to edit — or clear them, or add your own.")
        view = self._table(DraftTableModel(self.COLUMNS), "Themes")
        view.setItemDelegateForColumn(2, ChoiceDelegate(self._leads, name="Lead", parent=view))
        view.setItemDelegateForColumn(3, ChoiceDelegate(lambda: [("None", None)] + [(v, k) for k, v in AREAS.items()],
                                                        name="ILACS area", parent=view))
        for column, width in enumerate((70, 380, 200)):
            view.setColumnWidth(column, width)
        buttons = QHBoxLayout()
        buttons.addWidget(_button("&Add a theme", "Add an empty row (Insert)", self.add_row))
        buttons.addWidget(_button("&Remove", "Remove the chosen rows (Delete)", self.remove_rows))
        buttons.addWidget(_button("ILACS &starter set", "Start again from one theme per ILACS area", self.use_starter))
        buttons.addWidget(_button("&Clear (no themes)", "Remove every theme (add them later on the People page)", self.skip))
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addWidget(view, 1)
        self.use_starter()

    def use_starter(self) -> None:
        self.clear_error()
        self.model.set_rows([{"code": c, "title": t, "lead": "", "ilacs_area": a} for c, t, a in ILACS_STARTER])

    def _leads(self) -> list[tuple[str, Any]]:
        wizard: Any = self.wizard()
        names: list[str] = []
        if wizard is not None:
            chair = wizard.board_page.chair_edit.text().strip()
            names = ([chair] if chair else []) + [m.name for m in wizard.members_page.members()]
        return [("No lead yet", "")] + [(n, n) for n in dict.fromkeys(names)]

    def themes(self) -> list[ThemeDraft]:
        return [ThemeDraft(r["code"], r["title"], r["lead"] or "", r["ilacs_area"]) for _n, r in self.model.filled_rows()]

    def check(self) -> None:
        from boardapp.services.people.themes import validate_theme

        codes: dict[str, int] = {}
        for number, row in self.model.filled_rows():
            clean = validate_theme({"code": row["code"], "title": row["title"], "ilacs_area": row["ilacs_area"]},
                                   where=f"themes row {number}")
            if clean["code"] in codes:
                raise ValidationError(f"themes row {number} code",
                                      f"{clean['code']} is already the code of row {codes[clean['code']]}")
            codes[clean["code"]] = number


class MeetingPage(_Page):
    """The next board meeting: created as planned, so the first pack can be made for it."""

    def __init__(self) -> None:
        super().__init__("Next board meeting", "The pack is made for a meeting. Type the date of the next one "
                         "(day first) — or leave it blank and add it later (Edit › Board settings).")
        form = QFormLayout()
        self.date_edit = uk_date_edit(None, "Date of the next board meeting", optional=True, field="next_meeting")
        self.date_edit.line_edit.setPlaceholderText("DD/MM/YYYY, e.g. 14/10/2027")
        self.date_edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # not spread across the form
        self.time_edit = _line("Start time", "", "HH:MM, e.g. 10:00 (optional)")
        self.place_edit = _line("Place", "", "e.g. Council Chamber, County Hall (optional)")
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


class SummaryPage(_Page):
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
        self.resize(900, 600)

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
        if isinstance(page, _Page) and page is not self.summary_page:
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

