"""The undoable edits of minuting a meeting: notes, decisions, challenges, actions arising, held.

Each user action is ONE entry on the undo stack; each run is one service transaction.
They announce ``changed("meetings")``; an action arising also names its action, so the
register reloads it.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from boardapp.services.meetings import challenges as challenge_service
from boardapp.services.meetings import decisions as decision_service
from boardapp.services.meetings import held as held_service
from boardapp.services.meetings import minutes as minutes_service
from boardapp.ui.common.undo import ServiceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext


class MeetingCommand(ServiceCommand):
    """A command over one meeting's records (the Meetings page refreshes)."""

    touches = ("meetings",)


class SetNotesCommand(MeetingCommand):
    """Write an item's minutes; undo writes the old text back (checking the version it left)."""

    def __init__(self, ctx: "AppContext", item_id: int, item_label: str, old: str, new: str,
                 version: int | None) -> None:
        super().__init__(ctx, f"Minutes of item {item_label}")
        self.item_id, self.old, self.new, self.version = item_id, old, new, version

    def _write(self, session: "Session", text: str) -> list[int]:
        result = minutes_service.set_item_notes(self.item_id, text, session=session, who=self.ctx.who,
                                                expected_version=self.version)
        self.version = result.version
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._write(session, self.new)

    def _undo(self, session: "Session") -> list[int]:
        return self._write(session, self.old)


class AddDecisionCommand(MeetingCommand):
    """Record a decision; undo removes it, redo brings the same one back (with its number)."""

    def __init__(self, ctx: "AppContext", meeting_id: int, values: dict[str, Any]) -> None:
        super().__init__(ctx, "Record a decision")
        self.meeting_id, self.values = meeting_id, dict(values)
        self.decision_id: int | None = None
        self.entry: decision_service.DecisionEntry | None = None

    def _do(self, session: "Session") -> list[int]:
        if self.decision_id is None:
            self.entry = decision_service.add_decision(self.meeting_id, session=session, who=self.ctx.who, **self.values)
            self.decision_id = self.entry.id
            self.setText(f"Record decision {self.entry.label}")
        else:
            self.entry = decision_service.restore_decision(self.decision_id, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.decision_id is not None
        decision_service.delete_decision(self.decision_id, session=session, who=self.ctx.who)
        return []


class _EditFieldsCommand(MeetingCommand):
    """Change some fields of one row; undo writes the old values back, each write checking the version
    the previous one left (so an edit made elsewhere in between is refused, not overwritten)."""

    def __init__(self, ctx: "AppContext", text: str, before: Any, changes: dict[str, Any]) -> None:
        super().__init__(ctx, text)
        self.row_id = before.id
        self.new = dict(changes)
        self.old = {name: getattr(before, name) for name in changes}
        self.version: int | None = before.version

    def _update(self, session: "Session", values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _apply(self, session: "Session", values: dict[str, Any]) -> list[int]:
        self.version = self._update(session, values).version
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old)


class EditDecisionCommand(_EditFieldsCommand):
    def __init__(self, ctx: "AppContext", before: decision_service.DecisionEntry, changes: dict[str, Any]) -> None:
        super().__init__(ctx, f"Edit decision {before.label}", before, changes)

    def _update(self, session: "Session", values: dict[str, Any]) -> Any:
        return decision_service.update_decision(self.row_id, values, session=session, who=self.ctx.who,
                                                expected_version=self.version)


class DeleteDecisionCommand(MeetingCommand):
    def __init__(self, ctx: "AppContext", entry: decision_service.DecisionEntry) -> None:
        super().__init__(ctx, f"Remove decision {entry.label}")
        self.decision_id = entry.id

    def _do(self, session: "Session") -> list[int]:
        decision_service.delete_decision(self.decision_id, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        decision_service.restore_decision(self.decision_id, session=session, who=self.ctx.who)
        return []


class AddChallengeCommand(MeetingCommand):
    def __init__(self, ctx: "AppContext", meeting_id: int, values: dict[str, Any]) -> None:
        super().__init__(ctx, "Log a challenge")
        self.meeting_id, self.values = meeting_id, dict(values)
        self.entry_id: int | None = None

    def _do(self, session: "Session") -> list[int]:
        if self.entry_id is None:
            entry = challenge_service.add_challenge(self.meeting_id, session=session, who=self.ctx.who, **self.values)
            self.entry_id = entry.id
        else:
            challenge_service.set_challenge_deleted(self.entry_id, False, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.entry_id is not None
        challenge_service.set_challenge_deleted(self.entry_id, True, session=session, who=self.ctx.who)
        return []


class EditChallengeCommand(_EditFieldsCommand):
    """Change a challenge (its response, status, date answered); undo puts the old values back."""

    def __init__(self, ctx: "AppContext", before: challenge_service.ChallengeEntry, changes: dict[str, Any]) -> None:
        super().__init__(ctx, "Update a challenge", before, changes)

    def _update(self, session: "Session", values: dict[str, Any]) -> Any:
        return challenge_service.update_challenge(self.row_id, values, session=session, who=self.ctx.who,
                                                  expected_version=self.version)


class DeleteChallengeCommand(MeetingCommand):
    def __init__(self, ctx: "AppContext", entry: challenge_service.ChallengeEntry) -> None:
        super().__init__(ctx, "Remove a challenge")
        self.entry_id = entry.id

    def _do(self, session: "Session") -> list[int]:
        challenge_service.set_challenge_deleted(self.entry_id, True, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        challenge_service.set_challenge_deleted(self.entry_id, False, session=session, who=self.ctx.who)
        return []


class RaiseActionCommand(MeetingCommand):
    """An action arising, straight into the plan; undo is the plan's delete, redo its restore."""

    def __init__(self, ctx: "AppContext", meeting_id: int, values: dict[str, Any]) -> None:
        super().__init__(ctx, f"Action arising: {values.get('title', '')}")
        self.meeting_id, self.values = meeting_id, dict(values)
        self.action_id: int | None = None
        self.ref = ""

    def _do(self, session: "Session") -> list[int]:
        from boardapp.services.plan import commands as plan
        from boardapp.services.plan.raised import raise_action

        if self.action_id is None:
            row = raise_action(self.meeting_id, session=session, who=self.ctx.who, **self.values)
            self.action_id, self.ref = row.id, row.ref
            self.setText(f"Action arising {row.ref}: {row.title}")
        else:
            plan.restore_action(self.action_id, session=session, who=self.ctx.who)
        return [self.action_id]

    def _undo(self, session: "Session") -> list[int]:
        from boardapp.services.plan import commands as plan

        assert self.action_id is not None
        plan.delete_action(self.action_id, session=session, who=self.ctx.who)
        return [self.action_id]


class MarkHeldCommand(MeetingCommand):
    """Mark the meeting held with its BRAG snapshot; every page showing "moved since" reloads."""

    def __init__(self, ctx: "AppContext", meeting_id: int, today: date) -> None:
        super().__init__(ctx, "Mark the meeting held")
        self.meeting_id, self.today = meeting_id, today
        self.change: held_service.HeldChange | None = None

    def _do(self, session: "Session") -> list[int]:
        self.change = held_service.mark_held(self.meeting_id, session=session, who=self.ctx.who, today=self.today)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.change is not None
        held_service.unmark_held(self.change, session=session, who=self.ctx.who)
        return []

    def _announce(self, ids: list[int]) -> None:
        super()._announce(ids)
        self.ctx.actions_changed.emit([])  # the baseline of every action's direction moved
        self.ctx.workspace_changed.emit()


class ApproveMinutesCommand(MeetingCommand):
    def __init__(self, ctx: "AppContext", meeting_id: int, approved_on: date | None) -> None:
        super().__init__(ctx, "Approve the minutes" if approved_on else "Clear the minutes' approval")
        self.meeting_id, self.approved_on = meeting_id, approved_on
        self.old: date | None = None

    def _do(self, session: "Session") -> list[int]:
        self.old = minutes_service.approve_minutes(self.meeting_id, self.approved_on, session=session,
                                                   who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        minutes_service.approve_minutes(self.meeting_id, self.old, session=session, who=self.ctx.who)
        return []
