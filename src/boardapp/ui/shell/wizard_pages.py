"""The New workspace wizard's shared page base and its two table pages (members, themes).

``StepPage`` checks its entries on Next and names the field at fault; the table pages take
rows typed in place or pasted from Excel (Ctrl+V), Insert adds a row and Delete removes the
chosen ones. The wizard itself (``new_workspace_wizard``) puts them in order.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
    QWizardPage,
)

from boardapp.domain.enums import IlacsArea
from boardapp.domain.rules import ValidationError
from boardapp.services.people.setup import MemberDraft, ThemeDraft, parse_pasted_people
from boardapp.services.people.themes import ILACS_STARTER
from boardapp.ui.shell.draft_tables import ChoiceDelegate, DraftColumn, DraftTableModel


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


def line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def button(text: str, tip: str, slot: Any) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _=False: slot())
    return button


class StepPage(QWizardPage):
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


class _TablePage(StepPage):
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
        buttons.addWidget(button("&Paste from Excel", "Add the rows copied from a spreadsheet (Ctrl+V)", self.paste))
        buttons.addWidget(button("&Add a row", "Add an empty row (Insert)", self.add_row))
        buttons.addWidget(button("&Remove", "Remove the chosen rows (Delete)", self.remove_rows))
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
        buttons.addWidget(button("&Add a theme", "Add an empty row (Insert)", self.add_row))
        buttons.addWidget(button("&Remove", "Remove the chosen rows (Delete)", self.remove_rows))
        buttons.addWidget(button("ILACS &starter set", "Start again from one theme per ILACS area", self.use_starter))
        buttons.addWidget(button("&Clear (no themes)", "Remove every theme (add them later on the People page)", self.skip))
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


