"""Retention: two years of simulated backups thin to exactly Anki's policy, then to the disk budget."""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from boardapp.db.retention import (
    ALWAYS_KEEP, DAILY, MONTHLY, WEEKLY, Candidate, backups_to_keep, default_budget, week_of,
)

START = date(2024, 1, 1)


def _week(day: date) -> int:
    return week_of(day)


def _month(day: date) -> tuple[int, int]:
    return (day.year, day.month)


def _newest_per(group, backups: list[Candidate]) -> list[Candidate]:  # type: ignore[no-untyped-def]
    """The newest backup of each group, newest group first."""
    newest: dict[object, Candidate] = {}
    for b in sorted(backups, key=lambda b: b.created, reverse=True):
        newest.setdefault(group(b.created.date()), b)
    return list(newest.values())


def expected(backups: list[Candidate], today: date) -> set[object]:
    """The policy written out plainly: all of today and yesterday; the newest of each of the 12 days
    before; then the newest of each of the 10 weeks before those; then of the 9 months before those."""
    yesterday = today - timedelta(days=1)
    recent = {b.key for b in backups if b.created.date() >= yesterday}
    older = [b for b in backups if b.created.date() < yesterday]
    daily = _newest_per(lambda d: d, older)[:DAILY]
    boundary = min(b.created.date() for b in daily)
    weekly = _newest_per(_week, [b for b in older if _week(b.created.date()) < _week(boundary)])[:WEEKLY]
    boundary = min(b.created.date() for b in weekly)
    monthly = _newest_per(_month, [b for b in older if _month(b.created.date()) < _month(boundary)])[:MONTHLY]
    return recent | {b.key for b in daily + weekly + monthly}


def simulate(days: int, seed: int, *, budget: int | None = None) -> tuple[list[Candidate], set[object], date]:
    """Back up a few times on most days for ``days`` days, thinning after each backup as the app does."""
    rng = random.Random(seed)
    made: list[Candidate] = []
    kept: set[object] = set()
    day = START
    for n in range(days):
        day = START + timedelta(days=n)
        last_two = n >= days - 2
        if rng.random() < 0.2 and not last_two:  # the laptop stayed shut
            continue
        for _ in range(2 if last_two else rng.randint(1, 4)):
            minute = rng.randrange(8 * 60, 19 * 60)
            created = datetime.combine(day, time(minute // 60, minute % 60, rng.randrange(60)))
            candidate = Candidate(key=len(made), created=created, size=rng.randint(1, 5))
            made.append(candidate)
            kept.add(candidate.key)
            kept = backups_to_keep([c for c in made if c.key in kept], day, budget=budget)
    return made, kept, day


def test_two_years_thin_to_exactly_the_policy() -> None:
    made, kept, today = simulate(730, seed=7)
    assert kept == expected(made, today)
    older = [c for c in made if c.key in kept and c.created.date() < today - timedelta(days=1)]
    assert len(older) == DAILY + WEEKLY + MONTHLY
    # every backup of today and yesterday is still there
    assert {c.key for c in made if c.created.date() >= today - timedelta(days=1)} <= kept
    # the kept older ones are each the newest of its own day, and days, weeks, months never repeat
    by_day = {c.created.date() for c in older}
    assert len(by_day) == len(older)
    for c in older:
        assert c.created == max(o.created for o in made if o.created.date() == c.created.date())
    ordered = sorted(older, key=lambda c: c.created, reverse=True)
    weeks = {_week(c.created.date()) for c in ordered[DAILY:DAILY + WEEKLY]}
    assert all(_week(c.created.date()) < _week(ordered[DAILY - 1].created.date()) for c in ordered[DAILY:])
    months = {_month(c.created.date()) for c in ordered[DAILY + WEEKLY:]}
    assert len(weeks) == WEEKLY and len(months) == MONTHLY
    # the monthly ones reach back the better part of a year and more
    assert ordered[-1].created.date() < today - timedelta(days=300)


def test_thinning_daily_keeps_what_thinning_once_keeps() -> None:
    for seed in range(5):
        made, kept, today = simulate(400, seed=seed)
        assert kept == backups_to_keep(made, today)


def test_a_short_history_keeps_everything_it_can() -> None:
    made, kept, today = simulate(10, seed=3)
    newest_per_day = {c.created.date(): c for c in sorted(made, key=lambda c: c.created)}
    assert {c.key for c in newest_per_day.values()} <= kept


def test_the_budget_drops_the_oldest_first_and_never_the_newest_three() -> None:
    now = datetime(2026, 5, 1, 12)
    backups = [Candidate(key=n, created=now - timedelta(hours=n), size=100) for n in range(8)]  # all today
    assert backups_to_keep(backups, now.date()) == set(range(8))
    assert backups_to_keep(backups, now.date(), budget=450) == {0, 1, 2, 3}
    assert backups_to_keep(backups, now.date(), budget=10) == set(range(ALWAYS_KEEP))


def test_a_budget_over_two_years_stays_within_it() -> None:
    made, kept, _today = simulate(730, seed=11, budget=60)
    sizes = {c.key: c.size for c in made}
    assert sum(sizes[k] for k in kept) <= 60
    newest = sorted(made, key=lambda c: c.created, reverse=True)[:ALWAYS_KEEP]
    assert {c.key for c in newest} <= kept


def test_the_default_budget_is_the_larger_of_two_gigabytes_and_ten_times_the_workspace() -> None:
    assert default_budget(1024) == 2 * 1024**3
    assert default_budget(500 * 1024**2) == 5000 * 1024**2
