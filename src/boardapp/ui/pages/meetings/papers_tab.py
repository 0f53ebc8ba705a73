"""Papers: the PDFs attached to the meeting's agenda items, when its pack was issued, and which are late.

Attach asks for a PDF and the item it belongs to; a file that is not a readable PDF, is
encrypted or is over 50 MB is refused with a message naming it. Open writes the paper to a
temporary file and hands it to the system's PDF viewer. "Pack issued" is set by hand here (the
pack's final export sets it too); a paper attached after it is marked late (a supplement).
"""
from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from boardapp.ui.common import msgbox
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import make_table
from boardapp.ui.pages.meetings import commands
from boardapp.ui.pages.meetings.tab_base import MeetingTab, action_button, shortcut_action

if TYPE_CHECKING:
    from boardapp.services.meetings.papers import PaperRow
    from boardapp.ui.common.context import AppContext

PDF_FILTER = "PDF papers (*.pdf);;All files (*)"


def _local(when: datetime | None) -> str:
    return when.astimezone().strftime("%d/%m/%Y %H:%M") if when is not None else ""


class PapersTab(MeetingTab):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._items: dict[int, str] = {}
        self._agenda_item: int | None = None  # the Agenda tab's item last followed (follow_agenda_item)
        self._temp: Path | None = None  # made on first open; the viewer reads the file after we return
        self.opener: Any = QDesktopServices.openUrl  # tests replace it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        # Alt+A, I and R are the Agenda, Matters arising and Actions arising tabs': Attach has Ctrl+Shift+A,
        # Remove (rarely wanted) is reached by Tab.
        self.attach_action = shortcut_action(self, "Attach paper…", "Ctrl+Shift+A", self.attach)
        self.open_action = shortcut_action(self, "&Open paper", [], self.open_current)
        self.remove_action = shortcut_action(self, "Remove paper", [], self.remove_current)
        self.issue_action = shortcut_action(self, "Mark pack i&ssued now", [], self.mark_issued)
        self.unissue_action = shortcut_action(self, "Pack &not issued yet", [], self.clear_issued)
        item_label = QLabel("For a&genda item:")
        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName("Agenda item the paper is for")
        self.item_combo.setMinimumContentsLength(28)
        item_label.setBuddy(self.item_combo)
        bar.addWidget(item_label)
        bar.addWidget(self.item_combo)
        for action in (self.attach_action, self.open_action, self.remove_action):
            bar.addWidget(action_button(action))
        bar.addStretch(1)
        layout.addLayout(bar)
        issued = QHBoxLayout()
        self.issued_label = QLabel("")
        self.issued_label.setAccessibleName("Pack issued")
        issued.addWidget(self.issued_label, 1)
        issued.addWidget(action_button(self.issue_action))
        issued.addWidget(action_button(self.unissue_action))
        layout.addLayout(issued)
        columns: list[Column[Any]] = [
            Column("Item", lambda r: self._items.get(r.agenda_item_id, "")),
            Column("Title", lambda r: r.title, tooltip=lambda r: f"{r.title} ({r.file_name})"),
            Column("Author", lambda r: r.author),
            Column("Pages", lambda r: r.page_count),
            Column("Size", lambda r: r.size_bytes, fmt=lambda v: _size(v)),
            Column("Added", lambda r: r.added_at, fmt=_local),
            Column("Late", lambda r: "Late (supplement)" if r.late else ""),
        ]
        self.table, self.model = make_table("Papers of the meeting", columns)
        for column, width in enumerate((220, 300, 200, 60, 80, 130, 120)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda _i: self.open_current())
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        from boardapp.services.meetings.papers import list_papers
        from boardapp.services.meetings.queries import agenda

        keep = self.current_paper()
        rows: list[PaperRow] = []
        items: list[Any] = []
        if self.meeting is not None:
            with self.ctx.session() as session:
                rows = list_papers(self.meeting.id, session=session)
                items = agenda(self.meeting.id, session=session)
        self._items = {i.id: f"{i.number} {i.title}" for i in items}
        chosen = self.item_combo.currentData()
        self.item_combo.clear()
        self.item_combo.addItem("(no particular item)", None)
        for item in items:
            self.item_combo.addItem(f"{item.number} {item.title}", item.id)
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(chosen)))
        self.model.set_rows(rows)
        if keep is not None:
            for i, row in enumerate(rows):
                if row.id == keep.id:
                    self.table.selectRow(i)
        issued = self.meeting.pack_issued_at if self.meeting else None
        late = sum(1 for r in rows if r.late)
        self.issued_label.setText(
            "Pack not issued yet: papers attached now go into it." if issued is None
            else f"Pack issued {_local(issued)}: papers attached since are late and go into a supplement "
                 f"({'none yet' if not late else '1 late paper' if late == 1 else f'{late} late papers'}).")
        for action in (self.attach_action, self.issue_action):
            action.setEnabled(self.meeting is not None)
        self.unissue_action.setEnabled(issued is not None)
        self.open_action.setEnabled(bool(rows))
        self.remove_action.setEnabled(bool(rows))

    def choose_item(self, item_id: int | None) -> None:
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(item_id)))

    def follow_agenda_item(self, item_id: int | None) -> None:
        """Start "For agenda item" at the item chosen on the Agenda tab, when that choice is new:
        an item picked here stays picked through reloads and visits to other tabs."""
        if item_id != self._agenda_item:
            self._agenda_item = item_id
            self.choose_item(item_id)

    def current_paper(self) -> "PaperRow | None":
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def attach(self, path: Path | None = None) -> int | None:
        from boardapp.domain.rules import ValidationError

        if self.meeting is None:
            return None
        path = path or msgbox.open_file(self, "Attach a PDF paper", None, PDF_FILTER)
        if path is None:
            return None
        try:
            return commands.attach_paper(self.ctx, self.meeting.id, path, self.item_combo.currentData())
        except ValidationError as exc:
            msgbox.warning(self, "Paper not attached", exc.message)
        except Exception as exc:  # noqa: BLE001 - a refused write: say so
            msgbox.warning(self, "Paper not attached", f"{path.name}: {exc}")
        return None

    def open_current(self) -> Path | None:
        """Write the paper to a temporary file and open it with the system's PDF viewer."""
        from boardapp.services.meetings.papers import paper_content

        paper = self.current_paper()
        if paper is None:
            return None
        with self.ctx.session() as session:
            name, content = paper_content(paper.id, session=session)
        try:
            if self._temp is None:
                self._temp = Path(tempfile.mkdtemp(prefix="boardapp-papers-"))
            target = self._temp / f"{paper.id}-{Path(name).name}"
            target.write_bytes(content)
        except OSError as exc:
            msgbox.warning(self, "Paper not opened", f"{name} could not be written to a temporary file: {exc}")
            return None
        if not self.opener(QUrl.fromLocalFile(str(target))):
            msgbox.warning(self, "Paper not opened", f"No program to open PDF files was found for {name}.")
        return target

    def remove_current(self) -> None:
        paper = self.current_paper()
        if paper is not None:
            try:
                commands.remove_paper(self.ctx, paper.id, paper.title)
            except Exception as exc:  # noqa: BLE001
                self.report("Paper not removed", exc)

    def mark_issued(self) -> None:
        if self.meeting is not None:
            commands.edit_meeting(self.ctx, self.meeting.id, {"pack_issued_at": datetime.now(timezone.utc)},
                                  f"Mark the pack of {self.meeting.meeting_date:%d/%m/%Y} issued")

    def clear_issued(self) -> None:
        if self.meeting is not None:
            commands.edit_meeting(self.ctx, self.meeting.id, {"pack_issued_at": None},
                                  f"Mark the pack of {self.meeting.meeting_date:%d/%m/%Y} not issued")


def _size(value: Any) -> str:
    from boardapp.services.meetings.papers import size_text

    return size_text(int(value))
