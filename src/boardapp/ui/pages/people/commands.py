"""The undoable edits of the People page: each user action is ONE entry on the undo stack,
however many rows it changes (a leaver's actions reassigned, two entries merged)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from boardapp.services.people import people as people_service
from boardapp.services.people import themes as theme_service
from boardapp.services.rows import PersonRow, ThemeRow
from boardapp.ui.common.workspace_command import WorkspaceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext


# -- people -----------------------------------------------------------------------------------------
class CreatePersonCommand(WorkspaceCommand):
    """Add someone; undo removes the entry again (it has no references yet)."""

    touches = ("people",)

    def __init__(self, ctx: "AppContext", values: dict[str, Any]) -> None:
        super().__init__(ctx, f"Add {values.get('name', 'person')}")
        self.values = dict(values)
        self.fields: dict[str, Any] | None = None
        self.person_id: int | None = None

    def _do(self, session: "Session") -> list[int]:
        if self.fields is None:
            row = people_service.create_person(session=session, who=self.ctx.who, **self.values)
            self.person_id = row.id
            self.setText(f"Add {row.name}")
        else:
            people_service.restore_person(self.fields, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.person_id is not None
        self.fields = people_service.delete_person(self.person_id, session=session, who=self.ctx.who)
        return []


class EditPersonCommand(WorkspaceCommand):
    """Change someone's details; undo puts the old ones back (each run checks the version it left)."""

    touches = ("people",)

    def __init__(self, ctx: "AppContext", before: PersonRow, changes: dict[str, Any]) -> None:
        super().__init__(ctx, f"Edit {before.name}")
        self.person_id = before.id
        self.new = dict(changes)
        self.old = {name: getattr(before, name) for name in changes}
        self.version: int | None = before.version

    def _apply(self, session: "Session", values: dict[str, Any]) -> list[int]:
        row = people_service.update_person(self.person_id, values, session=session, who=self.ctx.who,
                                           expected_version=self.version)
        self.version = row.version
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old)


class DeletePersonCommand(WorkspaceCommand):
    """Remove an entry made by mistake (the service refuses anyone something refers to)."""

    touches = ("people",)

    def __init__(self, ctx: "AppContext", row: PersonRow) -> None:
        super().__init__(ctx, f"Delete {row.name}")
        self.person_id = row.id
        self.fields: dict[str, Any] | None = None

    def _do(self, session: "Session") -> list[int]:
        self.fields = people_service.delete_person(self.person_id, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.fields is not None
        people_service.restore_person(self.fields, session=session, who=self.ctx.who)
        return []


class LeaveCommand(WorkspaceCommand):
    """Mark someone as left and/or give their open actions to a successor: one transaction, one undo."""

    touches = ("people",)

    def __init__(self, ctx: "AppContext", row: PersonRow, *, left_on: date | None, successor: PersonRow | None) -> None:
        if left_on is not None and successor is not None:
            text = f"{row.name} left; open actions to {successor.name}"
        elif left_on is not None:
            text = f"{row.name} left"
        else:
            text = f"Reassign {row.name}'s open actions to {successor.name if successor else '—'}"
        super().__init__(ctx, text)
        self.person_id = row.id
        self.left_on = left_on
        self.successor_id = successor.id if successor else None
        self.record: people_service.LeaveRecord | None = None

    def _do(self, session: "Session") -> list[int]:
        self.record = people_service.leave_board(self.person_id, session=session, who=self.ctx.who,
                                                 left_on=self.left_on, successor_id=self.successor_id)
        return list(self.record.moved_action_ids)

    def _undo(self, session: "Session") -> list[int]:
        assert self.record is not None
        people_service.undo_leave(self.record, session=session, who=self.ctx.who)
        return list(self.record.moved_action_ids)


class MergePeopleCommand(WorkspaceCommand):
    """Fold a duplicate entry into the one kept; undo brings the duplicate back with its references."""

    touches = ("people",)

    def __init__(self, ctx: "AppContext", keep: PersonRow, duplicate: PersonRow) -> None:
        super().__init__(ctx, f"Merge the two entries for {keep.name}")
        self.keep_id, self.duplicate_id = keep.id, duplicate.id
        self.record: people_service.MergeRecord | None = None

    def _do(self, session: "Session") -> list[int]:
        self.record = people_service.merge_people(self.keep_id, self.duplicate_id, session=session, who=self.ctx.who)
        return [row_id for table, _col, row_id in self.record.moved if table == "action"]

    def _undo(self, session: "Session") -> list[int]:
        assert self.record is not None
        people_service.unmerge_people(self.record, session=session, who=self.ctx.who)
        return [row_id for table, _col, row_id in self.record.moved if table == "action"]


# -- themes -----------------------------------------------------------------------------------------
class CreateThemesCommand(WorkspaceCommand):
    """Add one theme (or a starter set); undo removes them."""

    touches = ("themes",)

    def __init__(self, ctx: "AppContext", themes: list[dict[str, Any]], text: str | None = None) -> None:
        super().__init__(ctx, text or f"Add theme {themes[0].get('code', '')}".strip())
        self.values = [dict(t) for t in themes]
        self.deletions: list[theme_service.ThemeDeletion] = []
        self.ids: list[int] = []

    def _do(self, session: "Session") -> list[int]:
        if not self.deletions:
            self.ids = []
            for values in self.values:
                self.ids.append(theme_service.create_theme(session=session, who=self.ctx.who, **values).id)
        else:
            for deletion in reversed(self.deletions):
                theme_service.restore_theme(deletion, session=session, who=self.ctx.who)
            self.deletions = []
        return []

    def _undo(self, session: "Session") -> list[int]:
        self.deletions = [theme_service.delete_theme(i, session=session, who=self.ctx.who) for i in reversed(self.ids)]
        return []


class EditThemeCommand(WorkspaceCommand):
    touches = ("themes",)

    def __init__(self, ctx: "AppContext", before: ThemeRow, changes: dict[str, Any]) -> None:
        super().__init__(ctx, f"Edit theme {before.code}")
        self.theme_id = before.id
        self.new = dict(changes)
        self.old = {name: getattr(before, name) for name in changes}
        self.version: int | None = before.version

    def _apply(self, session: "Session", values: dict[str, Any]) -> list[int]:
        row = theme_service.update_theme(self.theme_id, values, session=session, who=self.ctx.who,
                                         expected_version=self.version)
        self.version = row.version
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old)


class ReorderThemesCommand(WorkspaceCommand):
    """Put the themes in a new order (Move up / Move down); undo restores the old order."""

    touches = ("themes",)

    def __init__(self, ctx: "AppContext", before: list[int], after: list[int], text: str) -> None:
        super().__init__(ctx, text)
        self.before, self.after = list(before), list(after)

    def _do(self, session: "Session") -> list[int]:
        theme_service.set_theme_order(self.after, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        theme_service.set_theme_order(self.before, session=session, who=self.ctx.who)
        return []


class DeleteThemeCommand(WorkspaceCommand):
    """Delete a theme, moving its actions to another first when it has any; undo brings both back."""

    touches = ("themes",)

    def __init__(self, ctx: "AppContext", row: ThemeRow, move_to: ThemeRow | None = None) -> None:
        text = f"Delete theme {row.code}" + (f" (its actions to {move_to.code})" if move_to else "")
        super().__init__(ctx, text)
        self.theme_id = row.id
        self.move_to = move_to.id if move_to else None
        self.deletion: theme_service.ThemeDeletion | None = None

    def _do(self, session: "Session") -> list[int]:
        self.deletion = theme_service.delete_theme(self.theme_id, session=session, who=self.ctx.who,
                                                   move_actions_to=self.move_to)
        return list(self.deletion.moved_action_ids)

    def _undo(self, session: "Session") -> list[int]:
        assert self.deletion is not None
        theme_service.restore_theme(self.deletion, session=session, who=self.ctx.who)
        return list(self.deletion.moved_action_ids)
