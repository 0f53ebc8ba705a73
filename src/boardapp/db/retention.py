"""Which backups to keep: Anki's thinning rule plus a disk budget, as a pure function over dates.

Walking the backups newest first:

- every backup from today and yesterday is kept;
- then the newest backup of each of the next ``daily`` days that have one;
- then the newest of each of the next ``weekly`` weeks, older than the last day kept;
- then the newest of each of the next ``monthly`` calendar months, older than the last week kept;
- everything else goes.

A "week" here is a quarter of a calendar month (the 1st–7th, 8th–14th, 15th–21st and the
22nd to the month's end), not an ISO week: weeks then nest in months as days nest in weeks,
so the newest backup of a month is the newest of its last week and of its last day, and is
never thinned away as a daily or weekly one before it is needed as the monthly one. (With ISO
weeks, a week straddling two months would lose the older month's last backup.)

The disk budget then drops the oldest kept backups until the total fits, but never one
of the newest ``always_keep``. Run after every backup, the rule keeps the same set it
would keep if run once over the whole history: the newest backup of a day (week, month)
is kept as a daily one until it becomes the weekly one, and so on.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

DAILY = 12
WEEKLY = 10
MONTHLY = 9
ALWAYS_KEEP = 3
#: The budget's floor: the larger of this and ``BUDGET_FACTOR`` times the workspace.
MIN_BUDGET_BYTES = 2 * 1024**3
BUDGET_FACTOR = 10


@dataclass(frozen=True)
class Candidate:
    """One backup as the rule sees it: a key to name it by, when it was made (local time), its size."""

    key: Hashable
    created: datetime
    size: int = 0


@dataclass(frozen=True)
class Policy:
    daily: int = DAILY
    weekly: int = WEEKLY
    monthly: int = MONTHLY
    always_keep: int = ALWAYS_KEEP


def default_budget(workspace_size: int) -> int:
    """The disk budget for a workspace of ``workspace_size`` bytes: the larger of 2 GB and 10× it."""
    return max(MIN_BUDGET_BYTES, BUDGET_FACTOR * max(workspace_size, 0))


def week_of(day: date) -> int:
    """The week ``day`` falls in, as a number that grows with time (four or so to a month, nested in it)."""
    return (day.year * 12 + day.month - 1) * 4 + min((day.day - 1) // 7, 3)


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


def thin(candidates: Iterable[Candidate], today: date, policy: Policy = Policy()) -> set[Hashable]:
    """The keys kept by the dated rule (no budget)."""
    ordered = sorted(candidates, key=lambda c: c.created, reverse=True)
    yesterday = today.toordinal() - 1
    kept: set[Hashable] = set()
    daily, weekly, monthly = policy.daily, policy.weekly, policy.monthly
    last_day = last_week = last_month = None
    for candidate in ordered:
        day = candidate.created.date()
        ordinal, week, month = day.toordinal(), week_of(day), _month(day)
        if ordinal >= yesterday:
            kept.add(candidate.key)
            continue
        if daily and (last_day is None or ordinal < last_day):
            daily -= 1
        elif not daily and weekly and (last_week is None or week < last_week):
            weekly -= 1
        elif not daily and not weekly and monthly and (last_month is None or month < last_month):
            monthly -= 1
        else:
            continue
        kept.add(candidate.key)
        last_day, last_week, last_month = ordinal, week, month
    return kept


def within_budget(candidates: Iterable[Candidate], keep: set[Hashable], budget: int,
                  always_keep: int = ALWAYS_KEEP) -> set[Hashable]:
    """``keep`` with its oldest members dropped until their sizes fit ``budget`` (the newest
    ``always_keep`` stay whatever their size)."""
    kept = sorted((c for c in candidates if c.key in keep), key=lambda c: c.created, reverse=True)
    total = sum(c.size for c in kept)
    while len(kept) > always_keep and total > budget:
        total -= kept.pop().size
    return {c.key for c in kept}


def backups_to_keep(candidates: Iterable[Candidate], today: date, *, budget: int | None = None,
                    policy: Policy = Policy()) -> set[Hashable]:
    """The keys to keep: the dated rule, then the disk budget (None: no budget)."""
    items = list(candidates)
    keep = thin(items, today, policy)
    newest = sorted(items, key=lambda c: c.created, reverse=True)[: policy.always_keep]
    keep |= {c.key for c in newest}
    if budget is not None:
        keep = within_budget(items, keep, budget, policy.always_keep)
    return keep
