"""The undoable edits of the Inspections page: each user action is one entry on the undo stack.

Inspection-level edits also emit ``ctx.workspace_changed``: the next visit (status bar, the
register's "Before visit" filter, the Dashboard) may have moved. Finding edits return the
ids of the actions whose links or ILACS areas changed, so the register refreshes them.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from boardapp.ui.common.undo import ServiceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.inspections.queries import InspectionFindingRow, InspectionListRow
    from boardapp.ui.common.context import AppContext


def _conflict(message: str) -> Exception:
    from boardapp.services.transaction import ConflictError

    return ConflictError(message)


def _commands() -> Any:
    from boardapp.services.inspections import commands

    return commands


class _InspectionCommand(ServiceCommand):
    touches = ("inspections",)

    def _announce(self, ids: list[int]) -> None:
        super()._announce(ids)
        self.ctx.workspace_changed.emit()


class CreateInspectionCommand(_InspectionCommand):
    """Create an inspection; undo soft-deletes it, redo restores it (the same id)."""

    def __init__(self, ctx: "AppContext", fields: Mapping[str, Any], grades: Mapping[str, str] | None = None) -> None:
        super().__init__(ctx, "Add inspection")
        self.fields, self.grades = dict(fields), dict(grades or {})
        self.inspection_id: int | None = None
        self.row: InspectionListRow | None = None

    def _do(self, session: "Session") -> list[int]:
        c = _commands()
        if self.inspection_id is None:
            self.row = c.create_inspection(session=session, who=self.ctx.who, grades=self.grades, **self.fields)
            self.inspection_id = self.row.id
            self.setText(f"Add {self.row.label}")
        else:
            self.row = c.set_inspection_deleted(self.inspection_id, False, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.inspection_id is not None
        _commands().set_inspection_deleted(self.inspection_id, True, session=session, who=self.ctx.who)
        return []


class EditInspectionCommand(_InspectionCommand):
    """Change fields (and grades) of an inspection; undo puts the old ones back."""

    def __init__(self, ctx: "AppContext", before: "InspectionListRow", changes: Mapping[str, Any],
                 grades: Mapping[str, str] | None = None) -> None:
        super().__init__(ctx, f"Edit {before.label}")
        self.inspection_id = before.id
        self.new = dict(changes)
        self.old = {name: getattr(before, name) for name in changes}
        self.new_grades = None if grades is None else dict(grades)
        self.old_grades = None if grades is None else {g.area: g.grade for g in before.grades}
        self.version: int | None = before.version
        self.row: InspectionListRow | None = None

    def _apply(self, session: "Session", values: dict[str, Any], grades: dict[str, str] | None,
               expected: dict[str, Any]) -> list[int]:
        version = self.version
        if version is None:  # an undo or redo: the fields must still hold what the last run left them at
            from boardapp.services.inspections.queries import inspection_row

            current = inspection_row(self.inspection_id, session=session)
            if {name: getattr(current, name) for name in expected} != expected:
                raise _conflict(f"{current.label} was changed since; its current values were kept")
            version = current.version  # every UPDATE bumps it (a delete and restore too): check against now
        self.row = _commands().update_inspection(self.inspection_id, values, session=session, who=self.ctx.who,
                                                 grades=grades, expected_version=version)
        self.version = None
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new, self.new_grades, self.old)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old, self.old_grades, self.new)


class DeleteInspectionCommand(_InspectionCommand):
    """Soft-delete (or restore) an inspection; undo does the opposite."""

    def __init__(self, ctx: "AppContext", row: "InspectionListRow", *, restore: bool = False) -> None:
        super().__init__(ctx, f"{'Restore' if restore else 'Delete'} {row.label}")
        self.inspection_id = row.id
        self.restoring = restore

    def _set(self, session: "Session", deleted: bool) -> list[int]:
        _commands().set_inspection_deleted(self.inspection_id, deleted, session=session, who=self.ctx.who)
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._set(session, not self.restoring)

    def _undo(self, session: "Session") -> list[int]:
        return self._set(session, self.restoring)


# --- findings --------------------------------------------------------------------------------

class _FindingCommand(ServiceCommand):
    touches = ("inspections",)


class AddFindingsCommand(_FindingCommand):
    """Add one finding or a pasted letter's worth (one entry); undo deletes them, redo restores them."""

    def __init__(self, ctx: "AppContext", inspection_id: int, items: Sequence[Mapping[str, Any]]) -> None:
        n = len(items)
        super().__init__(ctx, "Add finding" if n == 1 else f"Add {n} findings")
        self.inspection_id = inspection_id
        self.items = [dict(i) for i in items]
        self.ids: list[int] = []

    def _do(self, session: "Session") -> list[int]:
        c = _commands()
        if not self.ids:
            self.ids = [r.id for r in c.create_findings(self.inspection_id, self.items, session=session,
                                                        who=self.ctx.who)]
        else:
            c.set_findings_deleted(self.ids, False, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        _commands().set_findings_deleted(self.ids, True, session=session, who=self.ctx.who)
        return []


class EditFindingCommand(_FindingCommand):
    def __init__(self, ctx: "AppContext", before: "InspectionFindingRow", changes: Mapping[str, Any]) -> None:
        super().__init__(ctx, "Edit finding")
        self.finding_id = before.id
        self.new = dict(changes)
        self.old = {name: getattr(before, name) for name in changes}
        self.action_ids = [a.id for a in before.actions] if "ilacs_area" in changes else []
        self.version: int | None = before.version

    def _apply(self, session: "Session", values: dict[str, Any], expected: dict[str, Any]) -> list[int]:
        version = self.version
        if version is None:  # an undo or redo: the fields must still hold what the last run left them at
            from boardapp.services.inspections.queries import finding_row

            current = finding_row(self.finding_id, session=session)
            if {name: getattr(current, name) for name in expected} != expected:
                raise _conflict("the finding was changed since; its current text was kept")
            version = current.version  # every UPDATE bumps it (a delete and restore, a move too)
        _commands().update_finding(self.finding_id, values, session=session, who=self.ctx.who,
                                   expected_version=version)
        self.version = None
        return list(self.action_ids)

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new, self.old)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old, self.new)


class DeleteFindingsCommand(_FindingCommand):
    """Soft-delete (or restore) findings; undo does the opposite. Linked actions change ILACS areas."""

    def __init__(self, ctx: "AppContext", rows: Sequence["InspectionFindingRow"], *, restore: bool = False) -> None:
        n = len(rows)
        verb = "Restore" if restore else "Delete"
        super().__init__(ctx, f"{verb} finding" if n == 1 else f"{verb} {n} findings")
        self.ids = [r.id for r in rows]
        self.action_ids = sorted({a.id for r in rows for a in r.actions})
        self.restoring = restore

    def _set(self, session: "Session", deleted: bool) -> list[int]:
        _commands().set_findings_deleted(self.ids, deleted, session=session, who=self.ctx.who)
        return list(self.action_ids)

    def _do(self, session: "Session") -> list[int]:
        return self._set(session, not self.restoring)

    def _undo(self, session: "Session") -> list[int]:
        return self._set(session, self.restoring)


class ReorderFindingsCommand(_FindingCommand):
    def __init__(self, ctx: "AppContext", inspection_id: int, old: Sequence[int], new: Sequence[int],
                 text: str = "Move finding") -> None:
        super().__init__(ctx, text)
        self.inspection_id = inspection_id
        self.old, self.new = list(old), list(new)

    def _do(self, session: "Session") -> list[int]:
        _commands().reorder_findings(self.inspection_id, self.new, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        _commands().reorder_findings(self.inspection_id, self.old, session=session, who=self.ctx.who)
        return []


class LinkFindingActionsCommand(_FindingCommand):
    """Set the live actions answering a finding (link and unlink from the finding's side)."""

    def __init__(self, ctx: "AppContext", finding_id: int, old: set[int], new: set[int], text: str) -> None:
        super().__init__(ctx, text)
        self.finding_id = finding_id
        self.old, self.new = set(old), set(new)

    def _set(self, session: "Session", ids: set[int]) -> list[int]:
        _commands().set_finding_actions(self.finding_id, ids, session=session, who=self.ctx.who)
        return sorted(self.old ^ self.new)

    def _do(self, session: "Session") -> list[int]:
        return self._set(session, self.new)

    def _undo(self, session: "Session") -> list[int]:
        return self._set(session, self.old)
