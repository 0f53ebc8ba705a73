"""Matters arising: what earlier meetings left open — actions raised there not yet complete,
and challenges still waiting for an answer."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from boardapp.domain.enums import ActionStatus, Brag
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, make_table
from boardapp.ui.pages.meetings.minutes_common import MeetingTab

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext


def _label(enum: Any, value: str) -> str:
    return enum(value).label if value in enum.__members__ else value


OPEN_ACTION_COLUMNS: list[Column[Any]] = [
    Column("Raised", lambda r: r.meeting_date),
    Column("Ref", lambda r: r.ref),
    Column("Action", lambda r: r.title, tooltip=lambda r: f"{r.title}\nRaised at the {r.raised_at}"),
    Column("Owner", lambda r: r.owner_name),
    Column("Due", lambda r: r.due_date),
    Column("Status", lambda r: _label(ActionStatus, r.status)),
    Column("BRAG", lambda r: _label(Brag, r.brag)),
]
OPEN_CHALLENGE_COLUMNS: list[Column[Any]] = [
    Column("Raised", lambda r: r.meeting_date),
    Column("Raised by", lambda r: r.raised_by_name),
    Column("To", lambda r: r.directed_to),
    Column("Challenge", lambda r: r.challenge, tooltip=lambda r: r.challenge),
]


class MattersArisingTab(MeetingTab):
    """Open actions from earlier meetings and open challenges, for "minutes and matters arising"."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAccessibleName("Matters arising")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.actions_label = QLabel("Actions raised at earlier meetings, not yet complete")
        self.actions_label.setObjectName("sectionTitle")
        self.actions, self.actions_model = make_table("Open actions from earlier meetings", OPEN_ACTION_COLUMNS)
        fit_columns(self.actions, (85, 60, 420, 170, 85, 100))
        self.challenges_label = QLabel("Challenges from earlier meetings still open")
        self.challenges_label.setObjectName("sectionTitle")
        self.challenges, self.challenges_model = make_table("Open challenges from earlier meetings",
                                                            OPEN_CHALLENGE_COLUMNS)
        fit_columns(self.challenges, (85, 170, 120))
        for widget, stretch in ((self.actions_label, 0), (self.actions, 3), (self.challenges_label, 0),
                                (self.challenges, 2)):
            layout.addWidget(widget, stretch)

    def load(self, session: "Session | None") -> None:
        from boardapp.services.meetings.arising import matters_arising

        if session is None or self.meeting_id is None:
            self.actions_model.set_rows([])
            self.challenges_model.set_rows([])
            return
        matters = matters_arising(self.meeting_id, session=session)
        self.actions_model.set_rows(list(matters.actions))
        self.challenges_model.set_rows(list(matters.challenges))
        self.actions_label.setText(f"Actions raised at earlier meetings, not yet complete ({len(matters.actions)})")
        self.challenges_label.setText(f"Challenges from earlier meetings still open ({len(matters.challenges)})")
