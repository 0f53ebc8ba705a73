"""The register's filters and sorting, in plain Python over frozen rows.

Qt's QSortFilterProxyModel calls Python ``data()`` once per comparison (~25 s to
sort 100k rows here); filtering and sorting the row list directly takes
milliseconds, and the same criteria serve the dashboard's click-throughs,
saved views and the pack.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ActionFilter:
    """What the register shows. Empty fields mean 'no restriction'."""

    text: str = ""
    theme_ids: frozenset[int] = field(default_factory=frozenset)
    owner_ids: frozenset[int] = field(default_factory=frozenset)
    brags: frozenset[str] = field(default_factory=frozenset)
    statuses: frozenset[str] = field(default_factory=frozenset)
    overdue_only: bool = False
    due_within_days: int | None = None
    before_next_visit: bool = False
    next_visit_focus: bool = False
    directions: frozenset[str] = field(default_factory=frozenset)
    deleted: bool = False  # show the deleted actions (to restore them) instead of the live ones
    exclude_complete: bool = False


@dataclass(frozen=True)
class FilterContext:
    """Facts a filter needs that are not in the rows themselves."""

    today: date
    next_visit_start: date | None = None
    next_visit_area: str | None = None
