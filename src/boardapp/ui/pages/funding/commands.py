"""The Funding page's undoable edits: add, edit, delete and restore grants and their lines.

Adding undoes by a (soft) delete and redoes by restoring the same row; deleting undoes by
restoring. An edit's first run checks the version its dialog read; undo and redo check that
the fields they put back still hold what the command left there.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boardapp.services.funding import commands as funding
from boardapp.services.funding.queries import GrantLineRow, GrantRow, grant_row
from boardapp.ui.common.undo import ServiceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext


def _values(row: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _action_ids(line: GrantLineRow) -> set[int]:
    return {a.id for a in line.actions}


class _FundingCommand(ServiceCommand):
    touches = ("funding",)
    #: The grant whose lines the page should show after a run (the page selects it).
    grant_id: int | None = None


class CreateGrantCommand(_FundingCommand):
    """Add a grant; undo deletes it, redo restores it."""

    def __init__(self, ctx: "AppContext", fields: dict[str, Any]) -> None:
        super().__init__(ctx, f"Add grant {fields.get('name', '')}".strip())
        self.fields = dict(fields)
        self.row: GrantRow | None = None

    def _do(self, session: "Session") -> list[int]:
        if self.grant_id is None:
            self.row = funding.create_grant(session=session, who=self.ctx.who, **self.fields)
            self.grant_id = self.row.id
        else:
            self.row = funding.restore_grant(self.grant_id, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.grant_id is not None
        funding.delete_grant(self.grant_id, session=session, who=self.ctx.who)
        return []


class EditGrantCommand(_FundingCommand):
    def __init__(self, ctx: "AppContext", before: GrantRow, changes: dict[str, Any]) -> None:
        super().__init__(ctx, f"Edit grant {before.name}")
        self.grant_id = before.id
        self.new = dict(changes)
        self.old = _values(before, list(changes))
        self.version: int | None = before.version
        self.row: GrantRow | None = None

    def _apply(self, session: "Session", values: dict[str, Any], expected: dict[str, Any]) -> list[int]:
        assert self.grant_id is not None
        if self.version is None:
            current = grant_row(self.grant_id, session=session)
            if current is None or current.deleted:
                raise funding.NotFoundError("the grant no longer exists")
            if _values(current, list(expected)) != expected:
                raise funding.ConflictError(f"grant “{current.name}” was changed since; its current values were kept")
        self.row = funding.update_grant(self.grant_id, values, session=session, who=self.ctx.who,
                                        expected_version=self.version)
        self.version = None
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new, self.old)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old, self.new)


class DeleteGrantCommand(_FundingCommand):
    """Delete (or, with ``restore``, bring back) a grant; undo does the opposite."""

    def __init__(self, ctx: "AppContext", grant: GrantRow, *, restore: bool = False) -> None:
        super().__init__(ctx, f"{'Restore' if restore else 'Delete'} grant {grant.name}")
        self.grant_id = grant.id
        self.restoring = restore

    def _set(self, session: "Session", deleted: bool) -> list[int]:
        assert self.grant_id is not None
        step = funding.delete_grant if deleted else funding.restore_grant
        step(self.grant_id, session=session, who=self.ctx.who)
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._set(session, not self.restoring)

    def _undo(self, session: "Session") -> list[int]:
        return self._set(session, self.restoring)


class CreateLineCommand(_FundingCommand):
    """Add a line to a grant; undo deletes it, redo restores it."""

    def __init__(self, ctx: "AppContext", grant_id: int, fields: dict[str, Any], action_ids: set[int]) -> None:
        super().__init__(ctx, f"Add line {fields.get('purpose', '')}".strip())
        self.grant_id = grant_id
        self.fields = dict(fields)
        self.action_ids = set(action_ids)
        self.line_id: int | None = None
        self.row: GrantLineRow | None = None

    def _do(self, session: "Session") -> list[int]:
        assert self.grant_id is not None
        if self.line_id is None:
            self.row = funding.create_line(self.grant_id, session=session, who=self.ctx.who,
                                           action_ids=self.action_ids, **self.fields)
            self.line_id = self.row.id
        else:
            self.row = funding.restore_line(self.line_id, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.line_id is not None
        funding.delete_line(self.line_id, session=session, who=self.ctx.who)
        return []


class EditLineCommand(_FundingCommand):
    """Change a line's fields and/or its linked actions; undo puts them back."""

    def __init__(self, ctx: "AppContext", before: GrantLineRow, changes: dict[str, Any],
                 action_ids: set[int] | None = None) -> None:
        super().__init__(ctx, f"Edit line {before.purpose}")
        self.grant_id = before.grant_id
        self.line_id = before.id
        self.new = dict(changes)
        self.old = _values(before, list(changes))
        self.actions = None if action_ids is None else (_action_ids(before), set(action_ids))
        self.version: int | None = before.version
        self.row: GrantLineRow | None = None

    def _current(self, session: "Session") -> GrantLineRow:
        grant = grant_row(self.grant_id, session=session) if self.grant_id is not None else None
        found = next((r for r in grant.lines if r.id == self.line_id), None) if grant and not grant.deleted else None
        if found is None:
            raise funding.NotFoundError("the line no longer exists")
        return found

    def _apply(self, session: "Session", values: dict[str, Any], expected: dict[str, Any], which: int) -> list[int]:
        if self.version is None:
            current = self._current(session)
            links_moved = self.actions is not None and _action_ids(current) != self.actions[1 - which]
            if _values(current, list(expected)) != expected or links_moved:
                raise funding.ConflictError(f"line “{current.purpose}” was changed since; its current values were kept")
        self.row = funding.update_line(
            self.line_id, values, session=session, who=self.ctx.who, expected_version=self.version,
            action_ids=self.actions[which] if self.actions is not None else None,
        )
        self.version = None
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new, self.old, 1)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old, self.new, 0)


class DeleteLineCommand(_FundingCommand):
    """Delete (or, with ``restore``, bring back) a line; undo does the opposite."""

    def __init__(self, ctx: "AppContext", line: GrantLineRow, *, restore: bool = False) -> None:
        super().__init__(ctx, f"{'Restore' if restore else 'Delete'} line {line.purpose}")
        self.grant_id = line.grant_id
        self.line_id = line.id
        self.restoring = restore

    def _set(self, session: "Session", deleted: bool) -> list[int]:
        step = funding.delete_line if deleted else funding.restore_line
        step(self.line_id, session=session, who=self.ctx.who)
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._set(session, not self.restoring)

    def _undo(self, session: "Session") -> list[int]:
        return self._set(session, self.restoring)
