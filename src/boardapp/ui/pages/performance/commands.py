"""The scorecard's undoable edits: a measure added, edited, retired or moved; figures typed or pasted; links.

Each is one entry on the undo stack (a pasted block of many cells too). The first run of an
edit checks the version the dialog read; undo and redo check instead that what they are about
to replace still holds what the command left there, so a change made elsewhere meanwhile is
never overwritten silently (the undo is refused with a message and dropped).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from boardapp.services.performance import links, measures, values
from boardapp.services.performance.measures import MeasureRow
from boardapp.services.performance.values import FigureChange
from boardapp.ui.common.undo import ServiceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext

TOUCHES = ("performance",)


class CreateMeasureCommand(ServiceCommand):
    """Add a measure; undo removes it, redo puts it back under the same id and place."""

    touches = TOUCHES

    def __init__(self, ctx: "AppContext", fields: dict[str, Any]) -> None:
        super().__init__(ctx, f"Add measure {fields.get('code', '')}".strip())
        self.fields = dict(fields)
        self.kpi_id: int | None = None
        self.sort_order: int | None = None
        self.row: MeasureRow | None = None

    def _do(self, session: "Session") -> list[int]:
        self.row = measures.create_measure(session=session, who=self.ctx.who, kpi_id=self.kpi_id,
                                           sort_order=self.sort_order, **self.fields)
        self.kpi_id, self.sort_order = self.row.id, self.row.sort_order
        return []

    def _undo(self, session: "Session") -> list[int]:
        assert self.kpi_id is not None
        current = measures.measure_row(self.kpi_id, session=session)
        if current is not None:  # redo brings it back as it is now (later edits were undone first)
            self.fields = current.values(list(self.fields))
        measures.delete_measure(self.kpi_id, session=session, who=self.ctx.who)
        return []


class EditMeasureCommand(ServiceCommand):
    """Change fields of one measure (or retire / restore it); undo puts the old values back."""

    touches = TOUCHES

    def __init__(self, ctx: "AppContext", before: MeasureRow, changes: dict[str, Any], text: str | None = None) -> None:
        super().__init__(ctx, text or f"Edit measure {before.code}")
        self.kpi_id, self.code = before.id, before.code
        self.new = dict(changes)
        self.old = before.values(list(changes))
        self.first_version: int | None = before.version
        self.row: MeasureRow | None = None

    def _apply(self, session: "Session", values_: dict[str, Any], expected: dict[str, Any]) -> list[int]:
        version = self.first_version
        if version is None:
            current = measures.measure_row(self.kpi_id, session=session)
            if current is None:
                raise measures.NotFoundError(f"measure {self.code} no longer exists")
            if current.values(list(expected)) != expected:
                raise measures.ConflictError(f"measure {self.code} was changed since; its current values were kept")
        self.row = measures.update_measure(self.kpi_id, values_, session=session, who=self.ctx.who,
                                           expected_version=version)
        self.first_version = None
        return []

    def _do(self, session: "Session") -> list[int]:
        return self._apply(session, self.new, self.old)

    def _undo(self, session: "Session") -> list[int]:
        return self._apply(session, self.old, self.new)


class RetireMeasureCommand(ServiceCommand):
    """Retire a measure (it leaves the scorecard, keeping its figures) or restore it; undo does the other."""

    touches = TOUCHES

    def __init__(self, ctx: "AppContext", before: MeasureRow, retire: bool) -> None:
        super().__init__(ctx, f"{'Retire' if retire else 'Restore'} measure {before.code}")
        self.kpi_id, self.retire, self.version = before.id, retire, before.version

    def _do(self, session: "Session") -> list[int]:
        measures.set_retired(self.kpi_id, self.retire, session=session, who=self.ctx.who,
                             expected_version=self.version)
        self.version = None  # type: ignore[assignment]
        return []

    def _undo(self, session: "Session") -> list[int]:
        measures.set_retired(self.kpi_id, not self.retire, session=session, who=self.ctx.who)
        return []


class ReorderMeasuresCommand(ServiceCommand):
    """Put the measures in a new order (a move up or down); undo puts the old order back."""

    touches = TOUCHES

    def __init__(self, ctx: "AppContext", order: Sequence[int], text: str) -> None:
        super().__init__(ctx, text)
        self.order = list(order)
        self.before: list[int] = []

    def _do(self, session: "Session") -> list[int]:
        self.before = measures.reorder_measures(self.order, session=session, who=self.ctx.who)
        return []

    def _undo(self, session: "Session") -> list[int]:
        measures.reorder_measures(self.before, session=session, who=self.ctx.who)
        return []


class SetFiguresCommand(ServiceCommand):
    """Write figures into the values grid (one typed cell or a whole pasted block); undo puts back what was there."""

    touches = TOUCHES

    def __init__(self, ctx: "AppContext", changes: Iterable[FigureChange], text: str) -> None:
        super().__init__(ctx, text)
        self.changes = list(changes)
        self.before: list[FigureChange] = []
        self._first = True

    def _do(self, session: "Session") -> list[int]:
        expected = None if self._first else self.before
        self.before = values.set_figures(self.changes, session=session, who=self.ctx.who, expected=expected)
        self._first = False
        return []

    def _undo(self, session: "Session") -> list[int]:
        values.set_figures(self.before, session=session, who=self.ctx.who, expected=self.changes)
        return []


class SetLinksCommand(ServiceCommand):
    """Replace a measure's linked actions and findings; undo puts the old links back."""

    touches = ("performance", "inspections")

    def __init__(self, ctx: "AppContext", kpi_id: int, code: str, action_ids: set[int], finding_ids: set[int]) -> None:
        super().__init__(ctx, f"Link measure {code}")
        self.kpi_id = kpi_id
        self.new = links.KpiLinks(frozenset(action_ids), frozenset(finding_ids))
        self.before: links.KpiLinks | None = None

    def _set(self, session: "Session", wanted: links.KpiLinks, expected: links.KpiLinks | None) -> list[int]:
        if expected is not None and links.kpi_links(self.kpi_id, session=session) != expected:
            raise measures.ConflictError("the measure's links were changed since; they were kept as they are")
        before = links.set_kpi_links(self.kpi_id, session=session, who=self.ctx.who, action_ids=wanted.action_ids,
                                     finding_ids=wanted.finding_ids)
        if self.before is None:
            self.before = before
        return sorted(before.action_ids ^ wanted.action_ids)  # the register refreshes these actions

    def _do(self, session: "Session") -> list[int]:
        return self._set(session, self.new, self.before)

    def _undo(self, session: "Session") -> list[int]:
        assert self.before is not None
        return self._set(session, self.before, self.new)
