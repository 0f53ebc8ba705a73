"""The undoable edits of the action register: each is one entry on the undo stack."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from boardapp.services.plan import commands as plan
from boardapp.services.rows import ActionRow
from boardapp.ui.common.undo import ServiceCommand, run_command

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext

__all__ = [
    "AddUpdateCommand", "BulkChangeCommand", "CreateActionCommand", "DeleteActionsCommand", "EditActionCommand",
    "RestoreActionsCommand", "row_values", "run_command",
]

#: Fields an edit may put back on undo (what the editor and bulk change can set).
_FIELD_LABELS = {"owner_id": "owner", "brag": "BRAG", "revised_due_date": "revised due", "status": "status",
                 "theme_id": "theme"}


def row_values(row: ActionRow, names: Sequence[str]) -> dict[str, Any]:
    """The current values of editable fields of a row (for undo)."""
    return {name: getattr(row, name) for name in names}



class CreateActionCommand(ServiceCommand):
    """Create an action; undo soft-deletes it, redo restores it (the same id and ref)."""

    def __init__(self, ctx: "AppContext", fields: dict[str, Any], *, finding_ids: set[int] | None = None,
                 kpi_ids: set[int] | None = None) -> None:
        super().__init__(ctx, f"Create {fields.get('ref') or 'action'}")
        self.fields = dict(fields)
        self.finding_ids = finding_ids
        self.kpi_ids = kpi_ids
        self.action_id: int | None = None
        self.row: ActionRow | None = None

    def _do(self, session: "Session") -> list[int]:
        if self.action_id is None:
            self.row = plan.create_action(session=session, who=self.ctx.who, finding_ids=self.finding_ids,
                                          kpi_ids=self.kpi_ids, **self.fields)
            self.action_id = self.row.id
            self.setText(f"Create {self.row.ref}")
        else:
            self.row = plan.restore_action(self.action_id, session=session, who=self.ctx.who)
        return [self.action_id]

    def _undo(self, session: "Session") -> list[int]:
        assert self.action_id is not None
        plan.delete_action(self.action_id, session=session, who=self.ctx.who)
        return [self.action_id]


class EditActionCommand(ServiceCommand):
    """Change fields (and links) of one action; undo puts the old values back.

    The first run checks the version the editor read (optimistic locking); undo and
    redo check the version their own previous run left, so they never overwrite
    someone else's later change silently.
    """

    def __init__(self, ctx: "AppContext", before: ActionRow, changes: dict[str, Any], *,
                 finding_ids: tuple[set[int], set[int]] | None = None,
                 kpi_ids: tuple[set[int], set[int]] | None = None) -> None:
        super().__init__(ctx, f"Edit {before.ref}")
        self.action_id = before.id
        self.new = dict(changes)
        self.old = row_values(before, list(changes))
        self.findings = finding_ids  # (old, new)
        self.kpis = kpi_ids
        self.version: int | None = before.version
        self.row: ActionRow | None = None

    def _apply(self, session: "Session", values: dict[str, Any], which: int) -> list[int]:
        self.row = plan.update_action(
            self.action_id, values, session=session, who=self.ctx.who, expected_version=self.version,
            finding_ids=self.findings[which] if self.findings else None,
            kpi_ids=self.kpis[which] if self.kpis else None,
        )
        self.version = self.row.version
        return [self.action_id]

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new, 1)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old, 0)


class AddUpdateCommand(ServiceCommand):
    """Add a progress update; undo removes it and puts back BRAG, progress and status."""

    def __init__(self, ctx: "AppContext", before: ActionRow, *, update_date: date, narrative: str, brag: str,
                 progress: int) -> None:
        super().__init__(ctx, f"Add update to {before.ref}")
        self.action_id = before.id
        self.before = row_values(before, ["brag", "progress", "status"])
        self.args = {"update_date": update_date, "narrative": narrative, "brag": brag, "progress": progress}
        self.update_id: int | None = None
        self.row: ActionRow | None = None

    def _do(self, session: "Session") -> list[int]:
        self.row, self.update_id = plan.record_action_update(
            self.action_id, session=session, who=self.ctx.who, **self.args
        )
        return [self.action_id]

    def _undo(self, session: "Session") -> list[int]:
        assert self.update_id is not None
        plan.delete_action_update(self.update_id, session=session, who=self.ctx.who, restore=dict(self.before))
        self.update_id = None
        return [self.action_id]


class BulkChangeCommand(ServiceCommand):
    """The same change to many actions in one transaction; undo restores each action's own old values."""

    def __init__(self, ctx: "AppContext", before: Sequence[ActionRow], changes: dict[str, Any]) -> None:
        names = ", ".join(_FIELD_LABELS.get(k, k) for k in changes)
        count = len(before)
        super().__init__(ctx, f"Bulk change {names} of {count} action{'s' if count != 1 else ''}")
        self.ids = [r.id for r in before]
        self.changes = dict(changes)
        self.old = {r.id: row_values(r, list(changes)) for r in before}

    def _do(self, session: "Session") -> list[int]:
        plan.bulk_update_actions(self.ids, self.changes, session=session, who=self.ctx.who)
        return list(self.ids)

    def _undo(self, session: "Session") -> list[int]:
        plan.update_actions(self.old, session=session, who=self.ctx.who)
        return list(self.ids)


class DeleteActionsCommand(ServiceCommand):
    """Soft-delete one or more actions (one transaction); undo restores them."""

    def __init__(self, ctx: "AppContext", rows: Sequence[ActionRow], *, restore: bool = False) -> None:
        self.ids = [r.id for r in rows]
        self.restoring = restore
        verb = "Restore" if restore else "Delete"
        what = rows[0].ref if len(rows) == 1 else f"{len(rows)} actions"
        super().__init__(ctx, f"{verb} {what}")

    def _set_deleted(self, session: "Session", deleted: bool) -> list[int]:
        plan.set_actions_deleted(self.ids, deleted, session=session, who=self.ctx.who)
        return list(self.ids)

    def _do(self, session: "Session") -> list[int]:
        return self._set_deleted(session, not self.restoring)

    def _undo(self, session: "Session") -> list[int]:
        return self._set_deleted(session, self.restoring)


def RestoreActionsCommand(ctx: "AppContext", rows: Sequence[ActionRow]) -> DeleteActionsCommand:  # noqa: N802
    """Restore deleted actions; undo deletes them again."""
    return DeleteActionsCommand(ctx, rows, restore=True)
