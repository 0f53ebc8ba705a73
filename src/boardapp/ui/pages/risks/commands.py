"""The register's undoable edits: add, edit, close and reopen a risk (each one undo entry).

The first run of an edit checks the version the dialog read (someone else may have saved
since). Undo and redo check instead that the fields they are about to put back still hold
what the command left there, so a later change made elsewhere is never overwritten silently;
that check also survives undoing and redoing the creation of the risk itself.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from boardapp.domain.enums import RiskStatus
from boardapp.services.risks import commands as risks
from boardapp.services.risks.queries import RiskRow, risk_row
from boardapp.ui.common.undo import ServiceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext


def risk_values(row: RiskRow, names: list[str]) -> dict[str, Any]:
    """The current values of ``names`` (fields of ``RISK_FIELDS``) on a read row."""
    return {name: getattr(row, name) for name in names}


class CreateRiskCommand(ServiceCommand):
    """Add a risk; undo removes it, redo puts it back under the same id and ref."""

    touches = ("risks",)

    def __init__(self, ctx: "AppContext", fields: dict[str, Any]) -> None:
        super().__init__(ctx, f"Add risk {fields.get('ref') or ''}".strip())
        self.fields = dict(fields)
        self.risk_id: int | None = None
        self.row: RiskRow | None = None

    def _do(self, session: "Session") -> list[int]:
        self.row = risks.create_risk(session=session, who=self.ctx.who, risk_id=self.risk_id, **self.fields)
        if self.risk_id is None:
            self.risk_id = self.row.id
            self.fields["ref"] = self.row.ref  # redo gives back the same reference
            self.setText(f"Add risk {self.row.ref}")
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.risk_id is not None
        current = risk_row(self.risk_id, session=session)
        if current is not None:
            # Put back what it was created with, then any later edits undone will have found their values.
            self.fields = {**self.fields, **risk_values(current, list(self.fields))}
        risks.delete_risk(self.risk_id, session=session, who=self.ctx.who)
        return []


class EditRiskCommand(ServiceCommand):
    """Change fields of one risk; undo puts the old values back."""

    touches = ("risks",)

    def __init__(self, ctx: "AppContext", before: RiskRow, changes: dict[str, Any], text: str | None = None) -> None:
        super().__init__(ctx, text or f"Edit risk {before.ref}")
        self.risk_id = before.id
        self.ref = before.ref
        self.new = dict(changes)
        self.old = risk_values(before, list(changes))
        self.first_version: int | None = before.version
        self.row: RiskRow | None = None

    def _apply(self, session: "Session", values: dict[str, Any], expected: dict[str, Any]) -> list[int]:
        version = self.first_version
        if version is None:
            current = risk_row(self.risk_id, session=session)
            if current is None:
                raise risks.NotFoundError(f"risk {self.ref} no longer exists")
            if risk_values(current, list(expected)) != expected:
                raise risks.ConflictError(f"risk {self.ref} was changed since; its current values were kept")
        self.row = risks.update_risk(self.risk_id, values, session=session, who=self.ctx.who,
                                     expected_version=version)
        self.first_version = None
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new, self.old)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old, self.new)


def CloseRiskCommand(ctx: "AppContext", before: RiskRow) -> EditRiskCommand:  # noqa: N802
    """Close a risk (it stays in the register); undo reopens it as it was."""
    return EditRiskCommand(ctx, before, {"status": RiskStatus.CLOSED.value}, f"Close risk {before.ref}")


def ReopenRiskCommand(ctx: "AppContext", before: RiskRow) -> EditRiskCommand:  # noqa: N802
    """Reopen a closed risk as Open; undo closes it again."""
    return EditRiskCommand(ctx, before, {"status": RiskStatus.OPEN.value}, f"Reopen risk {before.ref}")
