"""Reads of grants and their lines: allocated, spent and remaining, all in whole pence.

The warnings a secretariat must see are worked out here, once, for the page and the pack
alike: lines that add up to more than the grant, and spend above a line's allocation.
No ORM: the pack's command reads them without importing SQLAlchemy (a SQLModel session
works too, through its own driver connection).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from boardapp.domain.money import format_pence, share_text
from boardapp.services.connection import Reader, dbapi, to_date
from boardapp.services.plan.filters import natural_key, natural_ref_positions

__all__ = [
    "FundingTotals", "GrantLineRow", "GrantRow", "LinkedAction", "format_pence", "funding_totals", "grant_row",
    "linkable_actions", "list_grants", "share_text",
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


def _links(session: Reader) -> dict[int, list[LinkedAction]]:
    found = dbapi(session).execute(
        "SELECT gla.grant_line_id, a.id, a.ref, a.title FROM grantlineaction gla "
        "JOIN action a ON a.id = gla.action_id WHERE a.deleted_at IS NULL")
    links: dict[int, list[LinkedAction]] = defaultdict(list)
    for line_id, action_id, ref, title in found:
        links[line_id].append(LinkedAction(action_id, ref, title))
    for linked in links.values():
        linked.sort(key=lambda a: natural_key(a.ref))
    return links


def linkable_actions(*, session: Reader) -> list[tuple[int, str, str]]:
    """(id, ref, title) of every live action a line could pay for, in natural ref order.

    Plain tuples straight from sqlite3: the line dialog lists the whole plan (50,000 actions
    in a big workspace), and the ORM's rows or a dataclass per action cost seconds there.
    """
    rows = dbapi(session).execute("SELECT id, ref, title FROM action WHERE deleted_at IS NULL").fetchall()
    return [rows[i] for i in natural_ref_positions([ref for _id, ref, _title in rows])]


def list_grants(*, session: Reader, include_deleted: bool = False, grant_ids: list[int] | None = None) -> list[GrantRow]:
    """Grants with their lines (in line order), in start-date order.

    ``include_deleted``: deleted grants too, and each grant's deleted lines in ``deleted_lines``
    (what "Show deleted" lists so they can be restored).
    """
    db = dbapi(session)
    links = _links(db)
    live: dict[int, list[GrantLineRow]] = defaultdict(list)
    gone: dict[int, list[GrantLineRow]] = defaultdict(list)
    lines = db.execute(
        "SELECT l.id, l.grant_id, l.purpose, l.allocated_pence, l.spent_pence, l.owner_id, p.name, l.sort_order, "
        "l.deleted_at IS NOT NULL, l.version FROM grantline l LEFT JOIN person p ON p.id = l.owner_id "
        "ORDER BY l.grant_id, l.sort_order, l.id")
    for line_id, grant_id, purpose, allocated, spent, owner_id, owner, sort_order, deleted, version in lines:
        if deleted and not include_deleted:
            continue
        row = GrantLineRow(
            id=line_id, grant_id=grant_id, purpose=purpose, allocated_pence=allocated, spent_pence=spent,
            owner_id=owner_id, owner_name=owner or "", sort_order=sort_order, actions=tuple(links.get(line_id, ())),
            deleted=bool(deleted), version=version,
        )
        (gone if deleted else live)[grant_id].append(row)
    where = [] if include_deleted else ["deleted_at IS NULL"]
    if grant_ids is not None:
        where.append(f"id IN ({','.join(str(int(i)) for i in grant_ids) or 'NULL'})")
    grants = db.execute(
        "SELECT id, name, funder, allocated_pence, start_date, end_date, version, notes, deleted_at IS NOT NULL "
        'FROM "grant"' + (f" WHERE {' AND '.join(where)}" if where else "")
        # grants without a start date first (how SQLite sorts NULL), then by id
        + " ORDER BY start_date, id")
    return [
        GrantRow(id=grant_id, name=name, funder=funder, allocated_pence=allocated, start_date=to_date(start),
                 end_date=to_date(end), lines=tuple(live.get(grant_id, ())), version=version, notes=notes,
                 deleted=bool(deleted), deleted_lines=tuple(gone.get(grant_id, ())))
        for grant_id, name, funder, allocated, start, end, version, notes, deleted in grants
    ]


def grant_row(grant_id: int, *, session: Reader) -> GrantRow | None:
    """One grant (deleted or not) with its live and deleted lines."""
    found = list_grants(session=session, include_deleted=True, grant_ids=[grant_id])
    return found[0] if found else None
