"""Reads of grants and their lines: allocated, spent and remaining, all in whole pence.

The warnings a secretariat must see are worked out here, once, for the page and the pack
alike: lines that add up to more than the grant, and spend above a line's allocation.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from boardapp.db.models import Action, Grant, GrantLine, GrantLineAction, Person
from boardapp.domain.money import format_pence, share_text

__all__ = [
    "FundingTotals", "GrantLineRow", "GrantRow", "LinkedAction", "format_pence", "funding_totals", "grant_row",
    "list_grants", "share_text",
]


@dataclass(frozen=True, slots=True)
class LinkedAction:
    """An action of the plan a grant line pays for."""

    id: int
    ref: str
    title: str


@dataclass(frozen=True, slots=True)
class GrantLineRow:
    id: int
    grant_id: int
    purpose: str
    allocated_pence: int
    spent_pence: int
    owner_id: int | None = None
    owner_name: str = ""
    sort_order: int = 0
    actions: tuple[LinkedAction, ...] = ()
    deleted: bool = False
    version: int = 1

    @property
    def remaining_pence(self) -> int:
        """Negative when the line is overspent."""
        return self.allocated_pence - self.spent_pence

    @property
    def overspent_pence(self) -> int:
        """How far spend to date is above the allocation (0 when it is not)."""
        return max(0, self.spent_pence - self.allocated_pence)

    @property
    def spent_share(self) -> str:
        return share_text(self.spent_pence, self.allocated_pence)

    @property
    def action_refs(self) -> str:
        return ", ".join(a.ref for a in self.actions)

    @property
    def warning(self) -> str:
        """The overspend in words, or ''."""
        if not self.overspent_pence:
            return ""
        return (f"{self.purpose}: spent {format_pence(self.spent_pence)}, {format_pence(self.overspent_pence)} "
                f"more than its allocation of {format_pence(self.allocated_pence)}")


@dataclass(frozen=True, slots=True)
class GrantRow:
    id: int
    name: str
    funder: str
    allocated_pence: int
    start_date: date | None
    end_date: date | None
    lines: tuple[GrantLineRow, ...]  # live lines only: every total is of these
    version: int
    notes: str = ""
    deleted: bool = False
    deleted_lines: tuple[GrantLineRow, ...] = ()  # only when read with include_deleted

    @property
    def lines_allocated_pence(self) -> int:
        return sum(line.allocated_pence for line in self.lines)

    @property
    def unallocated_pence(self) -> int:
        """The award not yet given to a line (negative when lines exceed the award)."""
        return self.allocated_pence - self.lines_allocated_pence

    @property
    def over_allocated_pence(self) -> int:
        """How far the lines add up to more than the grant (0 when they do not)."""
        return max(0, -self.unallocated_pence)

    @property
    def spent_pence(self) -> int:
        return sum(line.spent_pence for line in self.lines)

    @property
    def remaining_pence(self) -> int:
        return self.allocated_pence - self.spent_pence

    @property
    def spent_share(self) -> str:
        return share_text(self.spent_pence, self.allocated_pence)

    @property
    def period(self) -> str:
        """'01/04/2023 – 31/03/2025' (either end may be open)."""
        if self.start_date is None and self.end_date is None:
            return ""
        start = f"{self.start_date:%d/%m/%Y}" if self.start_date else "…"
        end = f"{self.end_date:%d/%m/%Y}" if self.end_date else "…"
        return f"{start} – {end}"

    @property
    def allocation_warning(self) -> str:
        """Lines adding up to more than the grant, in words, or ''."""
        if not self.over_allocated_pence:
            return ""
        return (f"The lines of {self.name} add up to {format_pence(self.lines_allocated_pence)}: "
                f"{format_pence(self.over_allocated_pence)} more than the grant of {format_pence(self.allocated_pence)}.")

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every problem with the grant's figures, the over-allocation first."""
        found = [self.allocation_warning] if self.allocation_warning else []
        found += [f"Overspent line — {line.warning}." for line in self.lines if line.overspent_pence]
        return tuple(found)


@dataclass(frozen=True, slots=True)
class FundingTotals:
    """Across the live grants."""

    grants: int
    allocated_pence: int
    spent_pence: int

    @property
    def remaining_pence(self) -> int:
        return self.allocated_pence - self.spent_pence

    @property
    def spent_share(self) -> str:
        return share_text(self.spent_pence, self.allocated_pence)


def funding_totals(grants: Iterable[GrantRow]) -> FundingTotals:
    live = [g for g in grants if not g.deleted]
    return FundingTotals(len(live), sum(g.allocated_pence for g in live), sum(g.spent_pence for g in live))


def _links(session: Session) -> dict[int, list[LinkedAction]]:
    stmt = (
        select(GrantLineAction.grant_line_id, Action.id, Action.ref, Action.title)
        .join(Action, Action.id == GrantLineAction.action_id)
        .where(col(Action.deleted_at).is_(None))
    )
    links: dict[int, list[LinkedAction]] = defaultdict(list)
    for line_id, action_id, ref, title in session.exec(stmt):
        links[line_id].append(LinkedAction(action_id, ref, title))
    for found in links.values():
        found.sort(key=lambda a: _natural(a.ref))
    return links


def _natural(ref: str) -> tuple[tuple[int, int | str], ...]:
    import re

    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in re.split(r"(\d+)", ref) if p)


def list_grants(*, session: Session, include_deleted: bool = False, grant_ids: list[int] | None = None) -> list[GrantRow]:
    """Grants with their lines (in line order), in start-date order.

    ``include_deleted``: deleted grants too, and each grant's deleted lines in ``deleted_lines``
    (what "Show deleted" lists so they can be restored).
    """
    links = _links(session)
    line_stmt = (select(GrantLine, Person.name).outerjoin(Person, Person.id == GrantLine.owner_id)
                 .order_by(GrantLine.grant_id, GrantLine.sort_order, GrantLine.id))
    live: dict[int, list[GrantLineRow]] = defaultdict(list)
    gone: dict[int, list[GrantLineRow]] = defaultdict(list)
    for line, owner in session.exec(line_stmt):
        assert line.id is not None
        deleted = line.deleted_at is not None
        if deleted and not include_deleted:
            continue
        row = GrantLineRow(
            id=line.id, grant_id=line.grant_id, purpose=line.purpose, allocated_pence=line.allocated_pence,
            spent_pence=line.spent_pence, owner_id=line.owner_id, owner_name=owner or "", sort_order=line.sort_order,
            actions=tuple(links.get(line.id, ())), deleted=deleted, version=line.version,
        )
        (gone if deleted else live)[line.grant_id].append(row)
    stmt = select(Grant).order_by(Grant.start_date, Grant.id)  # type: ignore[arg-type]
    if not include_deleted:
        stmt = stmt.where(col(Grant.deleted_at).is_(None))
    if grant_ids is not None:
        stmt = stmt.where(col(Grant.id).in_(grant_ids))
    rows = []
    for g in session.exec(stmt).all():
        assert g.id is not None
        rows.append(GrantRow(
            id=g.id, name=g.name, funder=g.funder, allocated_pence=g.allocated_pence, start_date=g.start_date,
            end_date=g.end_date, lines=tuple(live.get(g.id, ())), version=g.version, notes=g.notes,
            deleted=g.deleted_at is not None, deleted_lines=tuple(gone.get(g.id, ())),
        ))
    return rows


def grant_row(grant_id: int, *, session: Session) -> GrantRow | None:
    """One grant (deleted or not) with its live and deleted lines."""
    found = list_grants(session=session, include_deleted=True, grant_ids=[grant_id])
    return found[0] if found else None
