"""The minuting tabs of the Meetings page in one place: ``MeetingsPage.meeting_tabs`` lists
``MinutingTabs(ctx).entries()``; outside the page, ``install(tab_widget)`` hosts them alone.

The Minutes tab's item is offered as the item of the next decision, challenge or action.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget

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

    def __init__(self, ctx: "AppContext") -> None:
        self.ctx = ctx
        self.tab_widget: QTabWidget | None = None
        self.minutes = MinutesTab(ctx)
        self.decisions = DecisionsTab(ctx)
        self.challenges = ChallengesTab(ctx)
        self.arising = ActionsArisingTab(ctx)
        self.matters = MattersArisingTab(ctx)
        self.minutes.item_changed.connect(self._item_followed)
        self.minutes.export_requested.connect(self.export)

    def entries(self) -> list[tuple[str, MeetingTab]]:
        """(tab title, tab) for ``MeetingsPage.meeting_tabs``."""
        return [("Min&utes", self.minutes), ("&Decisions", self.decisions), ("&Challenges", self.challenges),
                ("Actions a&rising", self.arising), ("Matters ar&ising", self.matters)]

    def install(self, tabs: QTabWidget) -> "MinutingTabs":
        """Put the tabs in a tab widget of their own, following the meetings' changes (outside the page)."""
        self.tab_widget = tabs
        for name, tab in self.entries():
            tabs.addTab(tab, name)
        self.ctx.changed.connect(lambda kind: kind in ("meetings", "people", "themes") and self.reload())
        return self

    @property
    def all(self) -> tuple[MeetingTab, ...]:
        return tuple(tab for _name, tab in self.entries())

    def set_meeting(self, meeting_id: int | None) -> None:
        self.minutes.save_notes()
        if meeting_id != self.minutes.meeting_id:
            self.minutes.saved_label.setText("")  # "Saved" was about the meeting left, not this one
        for tab in self.all:
            tab.set_meeting(meeting_id)

    def reload(self) -> None:
        for tab in self.all:
            if tab.meeting_id is not None:
                tab.reload()

    def _item_followed(self, item_id: object) -> None:
        for tab in (self.decisions, self.challenges, self.arising):
            tab.set_item(item_id)  # type: ignore[arg-type]

    def export(self, meeting_id: int) -> None:
        from boardapp.ui.pages.meetings.minutes_export import export_minutes

        self.minutes.save_notes()
        export_minutes(self.ctx, meeting_id, self.minutes)
