"""Reads of grants and their lines: allocated, spent and remaining, all in pence."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from boardapp.db.models import Grant, GrantLine


@dataclass(frozen=True, slots=True)
class GrantLineRow:
    id: int
    grant_id: int
    purpose: str
    allocated_pence: int
    spent_pence: int

    @property
    def remaining_pence(self) -> int:
        """Negative when the line is overspent."""
        return self.allocated_pence - self.spent_pence


@dataclass(frozen=True, slots=True)
class GrantRow:
    id: int
    name: str
    funder: str
    allocated_pence: int
    start_date: date | None
    end_date: date | None
    lines: tuple[GrantLineRow, ...]
    version: int

    @property
    def lines_allocated_pence(self) -> int:
        return sum(line.allocated_pence for line in self.lines)

    @property
    def unallocated_pence(self) -> int:
        """The award not yet given to a line (negative when lines exceed the award)."""
        return self.allocated_pence - self.lines_allocated_pence

    @property
    def spent_pence(self) -> int:
        return sum(line.spent_pence for line in self.lines)

    @property
    def remaining_pence(self) -> int:
        return self.allocated_pence - self.spent_pence


def format_pence(pence: int) -> str:
    """'£342,752' for whole pounds, '£1,234.50' otherwise; negatives as '-£…'."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}" + (f".{rest:02d}" if rest else "")


def list_grants(*, session: Session) -> list[GrantRow]:
    """Every grant with its lines, in start-date order."""
    lines: dict[int, list[GrantLineRow]] = defaultdict(list)
    for line in session.exec(select(GrantLine).order_by(GrantLine.grant_id, GrantLine.id)):
        assert line.id is not None
        lines[line.grant_id].append(
            GrantLineRow(line.id, line.grant_id, line.purpose, line.allocated_pence, line.spent_pence)
        )
    grants = session.exec(select(Grant).order_by(Grant.start_date, Grant.id)).all()
    return [
        GrantRow(g.id, g.name, g.funder, g.allocated_pence, g.start_date, g.end_date,  # type: ignore[arg-type]
                 tuple(lines.get(g.id, ())), g.version)  # type: ignore[arg-type]
        for g in grants
    ]
