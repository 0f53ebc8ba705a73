"""The minuting tabs of the Meetings page in one place, so the page adds them with two lines:

    self.minuting = MinutingTabs(ctx, self.tabs)   # in build()
    self.minuting.set_meeting(meeting_id)          # when a meeting is chosen

The Minutes tab's item is offered as the item of the next decision, challenge or action.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from boardapp.ui.pages.meetings.arising_tab import ActionsArisingTab
from boardapp.ui.pages.meetings.challenges_tab import ChallengesTab
from boardapp.ui.pages.meetings.decisions_tab import DecisionsTab
from boardapp.ui.pages.meetings.matters_tab import MattersArisingTab
from boardapp.ui.pages.meetings.minutes_common import MeetingTab
from boardapp.ui.pages.meetings.minutes_tab import MinutesTab

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext


class MinutingTabs:
    """Minutes, Decisions, Challenges, Actions arising and Matters arising over one meeting."""

    def __init__(self, ctx: "AppContext", tabs: QTabWidget, *, replace: tuple[str, ...] = ("Decisions", "Challenges"),
                 parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.tab_widget = tabs
        # read-only tabs of the same name (the page's first frame had them) give way to these
        for index in reversed(range(tabs.count())):
            if tabs.tabText(index).replace("&", "") in replace:
                tabs.removeTab(index)
        self.minutes = MinutesTab(ctx)
        self.decisions = DecisionsTab(ctx)
        self.challenges = ChallengesTab(ctx)
        self.arising = ActionsArisingTab(ctx)
        self.matters = MattersArisingTab(ctx)
        for name, tab in (("&Minutes", self.minutes), ("&Decisions", self.decisions),
                          ("&Challenges", self.challenges), ("Actions a&rising", self.arising),
                          ("Matters ar&ising", self.matters)):
            tabs.addTab(tab, name)
        self.minutes.table.selectionModel().currentRowChanged.connect(lambda *_: self._item_followed())
        self.minutes.export_requested.connect(self.export)

    @property
    def all(self) -> tuple[MeetingTab, ...]:
        return (self.minutes, self.decisions, self.challenges, self.arising, self.matters)

    def set_meeting(self, meeting_id: int | None) -> None:
        self.minutes.save_notes()
        for tab in self.all:
            tab.set_meeting(meeting_id)
        self._item_followed()

    def _item_followed(self) -> None:
        item = self.minutes.item_id
        for tab in (self.decisions, self.challenges, self.arising):
            tab.set_item(item)

    def export(self, meeting_id: int) -> None:
        from boardapp.ui.pages.meetings.minutes_export import export_minutes

        self.minutes.save_notes()
        export_minutes(self.ctx, meeting_id, self.minutes)
