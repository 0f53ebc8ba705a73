"""The demo workspace's invented improvement plan: actions with their history.

Rows are plain dicts keyed by column name, ready for one core ``insert()``
executemany per table: the ORM is far too slow for 50,000 actions. Every value
comes from the caller's ``random.Random`` and dates derived from ``today``, so a
(seed, today) pair always gives the same rows.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any

from boardapp.domain.enums import ActionStatus, Brag
from boardapp.demo.record import THEME_OWNERS, THEMES
from boardapp.demo.measures import TITLE_MEASURES
from boardapp.demo.phrases import PHRASES, QUALIFIERS, UPDATE_PHRASES

Row = dict[str, Any]

PLAN_START = date(2022, 9, 1)
CREATED_HOUR = 9
UPDATE_HOUR = 16
BLUE, GREEN, AMBER, RED = Brag.BLUE.value, Brag.GREEN.value, Brag.AMBER.value, Brag.RED.value
NOT_STARTED, IN_PROGRESS = ActionStatus.NOT_STARTED.value, ActionStatus.IN_PROGRESS.value
ON_HOLD, COMPLETE = ActionStatus.ON_HOLD.value, ActionStatus.COMPLETE.value
_SUFFIXES = tuple(q for q in QUALIFIERS if q)
_INTERIM_BRAGS = (GREEN, AMBER, RED)
_INTERIM_CUMULATIVE = (0.55, 0.88, 1.0)


@lru_cache(maxsize=None)
def stamp(day: date, hour: int) -> datetime:
    """A fixed, timezone-aware UTC timestamp on ``day`` (never the wall clock)."""
    return datetime.combine(day, time(hour), tzinfo=timezone.utc)


@dataclass(frozen=True)
class PlanContext:
    """What the plan links to: ids of the rows built before it."""

    today: date
    last_meeting: date
    theme_ids: dict[str, int]
    person_ids: dict[str, int]
    person_names: dict[str, str]
    kpi_ids: dict[str, int]
    #: ILACS area -> [(published date, finding id)] of the findings an action can answer.
    findings_by_area: dict[str, list[tuple[date, int]]]
    creator: str


@dataclass
class PlanRows:
    action: list[Row] = field(default_factory=list)
    actionfinding: list[Row] = field(default_factory=list)
    actionkpi: list[Row] = field(default_factory=list)
    actionupdate: list[Row] = field(default_factory=list)
    auditentry: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class _State:
    """Where an action stands today."""

    created: date
    start: date
    due: date
    revised: date | None
    status: str
    brag: str
    progress: int
    finished: date | None  # completion day of a complete action


def _day(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


class PlanBuilder:
    """Composes ``count`` actions across the themes, with updates, links and audit rows."""

    def __init__(self, rng: random.Random, ctx: PlanContext) -> None:
        self.rng = rng
        self.ctx = ctx
        self.rows = PlanRows()
        self._audit_id = 0
        self._update_id = 0
        self._decks: dict[str, list[str]] = {}
        for spec in THEMES:
            deck = list(PHRASES[spec.code].titles)
            rng.shuffle(deck)
            self._decks[spec.code] = deck

    def build(self, count: int) -> PlanRows:
        rng = self.rng
        codes = [t.code for t in THEMES]
        weights = [t.weight for t in THEMES]
        areas = {t.code: t.area for t in THEMES}
        kpis = {t.code: t.kpis for t in THEMES}
        numbers = dict.fromkeys(codes, 0)
        for action_id in range(1, count + 1):
            code = rng.choices(codes, weights)[0]
            numbers[code] += 1
            self._action(action_id, code, numbers[code], areas[code], kpis[code])
        return self.rows

    # -- one action ----------------------------------------------------------------

    def _action(self, action_id: int, code: str, number: int, area: str, kpi_codes: tuple[str, ...]) -> None:
        rng, ctx = self.rng, self.ctx
        phrases = PHRASES[code]
        deck = self._decks[code]
        rounds, index = divmod(number - 1, len(deck))
        title = deck[index] + (_SUFFIXES[(rounds - 1) % len(_SUFFIXES)] if rounds else "")
        owner_key = rng.choice(THEME_OWNERS[code])
        owner = ctx.person_names[owner_key]
        state = self._state()
        n, m = rng.randint(70, 95), rng.randint(12, 22)
        evidence = ""
        if state.status == COMPLETE or (state.progress >= 60 and rng.random() < 0.3):
            evidence = rng.choice(phrases.evidence).format(n=n, m=m)
        ref = f"{code}.{number}"
        updated_at, version = self._history(action_id, ref, title, state, owner)
        description, how = rng.choice(phrases.descriptions), rng.choice(phrases.hows)
        # The measure written for this title; the draw from the theme's list stays so that every
        # figure drawn after it (and so the whole demo for a seed) is as it was.
        rng.choice(phrases.measures)
        measure = TITLE_MEASURES[deck[index]].format(n=n, m=m)
        self.rows.action.append({
            "id": action_id, "ref": ref, "title": title,
            "description": description, "how": how,
            "theme_id": ctx.theme_ids[code], "owner_id": ctx.person_ids[owner_key],
            "start_date": state.start, "due_date": state.due, "revised_due_date": state.revised,
            "status": state.status, "brag": state.brag, "progress": state.progress,
            "success_measure": measure, "evidence_of_impact": evidence,
            "created_at": stamp(state.created, CREATED_HOUR), "updated_at": updated_at, "deleted_at": None,
            "version": version,
        })
        self._links(action_id, area, kpi_codes, state.created)

    def _state(self) -> _State:
        rng, today, meeting = self.rng, self.ctx.today, self.ctx.last_meeting
        kind = rng.random()
        if kind < 0.07:  # added since the last board meeting: NEW in the register
            created = _day(rng, meeting + timedelta(days=1), today)
            start = created + timedelta(days=rng.randint(0, 21))
        elif kind < 0.11:  # agreed some time ago, starts in the coming months
            created = _day(rng, max(PLAN_START, today - timedelta(days=240)), today - timedelta(days=1))
            start = today + timedelta(days=rng.randint(7, 90))
        else:
            start = _day(rng, PLAN_START, today - timedelta(days=10))
            created = start
        due = min(start + timedelta(days=rng.randint(45, 420)), today + timedelta(days=rng.randint(30, 180)))
        due = max(due, start + timedelta(days=14))
        if start > today:
            return _State(created, start, due, None, NOT_STARTED, GREEN, 0, None)
        if due < today:
            return self._past_due(created, start, due)
        return self._running(created, start, due)

    def _past_due(self, created: date, start: date, due: date) -> _State:
        rng, today = self.rng, self.ctx.today
        p = rng.random()
        if p < 0.78:
            done = _day(rng, max(start + timedelta(days=7), due - timedelta(days=40)),
                        min(due + timedelta(days=40), today - timedelta(days=1)))
            done = max(done, created)
            revised = done if done > due and rng.random() < 0.5 else None
            return _State(created, start, due, revised, COMPLETE, BLUE, 100, done)
        if p < 0.88:  # slipped to a new date, back on track or at risk
            revised = today + timedelta(days=rng.randint(14, 120))
            brag = AMBER if rng.random() < 0.6 else GREEN
            return _State(created, start, due, revised, IN_PROGRESS, brag, rng.randint(50, 90), None)
        if p < 0.92:
            brag = AMBER if rng.random() < 0.5 else RED
            return _State(created, start, due, None, ON_HOLD, brag, rng.randint(20, 70), None)
        return _State(created, start, due, None, IN_PROGRESS, RED, rng.randint(30, 85), None)

    def _running(self, created: date, start: date, due: date) -> _State:
        rng, today = self.rng, self.ctx.today
        elapsed = (today - start).days / max((due - start).days, 1)
        p = rng.random()
        if p < 0.1 and elapsed > 0.5:
            done = max(_day(rng, start + timedelta(days=7), today - timedelta(days=1)), created)
            return _State(created, start, due, None, COMPLETE, BLUE, 100, done)
        if (today - start).days < 14 and p < 0.5:
            return _State(created, start, due, None, NOT_STARTED, GREEN, 0, None)
        progress = min(95, max(5, round(elapsed * 100) + rng.randint(-15, 15)))
        q = rng.random()
        brag = GREEN if q < 0.65 else AMBER if q < 0.9 else RED
        revised = None
        if brag != GREEN and rng.random() < 0.3:
            revised = due + timedelta(days=rng.randint(30, 120))
        return _State(created, start, due, revised, IN_PROGRESS, brag, progress, None)

    # -- history: updates and the audit trail ---------------------------------------

    def _history(self, action_id: int, ref: str, title: str, s: _State, owner: str) -> tuple[datetime, int]:
        """Updates leading to the current state, and an audit entry for every change."""
        rng, ctx = self.rng, self.ctx
        created_at = stamp(s.created, CREATED_HOUR)
        self._audit(action_id, created_at, ctx.creator, "created", None, ref)
        end = s.finished or ctx.today
        span = (end - s.created).days + 1
        count = min(rng.randint(1, 4), span)
        offsets: set[int] = set()
        while len(offsets) < count:
            offsets.add(rng.randrange(span))
        days = sorted(s.created + timedelta(days=d) for d in offsets)
        recent = s.created <= ctx.last_meeting < end and rng.random() < 0.5
        if recent and days[-1] <= ctx.last_meeting:
            earliest = ctx.last_meeting + timedelta(days=1)
            if count > 1:
                earliest = max(earliest, days[-2] + timedelta(days=1))
            if earliest <= end:
                days[-1] = _day(rng, earliest, end)
        if s.finished is not None:
            days[-1] = s.finished
        days = sorted(set(days))
        brags = [rng.choices(_INTERIM_BRAGS, cum_weights=_INTERIM_CUMULATIVE)[0] for _ in days[:-1]] + [s.brag]
        if s.status == NOT_STARTED:
            brags = [GREEN] * len(days)
        elif recent and days[-1] > ctx.last_meeting and rng.random() < 0.75:
            before = brags[-2] if len(brags) > 1 else GREEN
            if before == s.brag:
                others = [b for b in _INTERIM_BRAGS if b != s.brag]
                replacement = rng.choice(others)
                if len(brags) > 1:
                    brags[-2] = replacement
                else:  # one update only: add an earlier one before the meeting
                    first = _day(rng, s.created, ctx.last_meeting)
                    if first < days[-1]:
                        days.insert(0, first)
                        brags.insert(0, replacement)
        progresses = sorted(rng.randint(0, s.progress) for _ in days[:-1]) + [s.progress]
        brag, status, progress, version = GREEN, NOT_STARTED, 0, 1
        revised_set = False
        last_at = created_at
        for i, (day, new_brag, new_progress) in enumerate(zip(days, brags, progresses)):
            at = stamp(day, UPDATE_HOUR)
            final = i == len(days) - 1
            new_status = s.status if final else (
                IN_PROGRESS if new_progress > 0 else NOT_STARTED)
            changed = False
            for name, old, new in (("status", status, new_status), ("brag", brag, new_brag),
                                   ("progress", progress, new_progress)):
                if old != new:
                    self._audit(action_id, at, owner, name, str(old), str(new))
                    changed = True
            if s.revised is not None and not revised_set and (final or new_brag != GREEN):
                self._audit(action_id, at, owner, "revised_due_date", None, s.revised.isoformat())
                revised_set = changed = True
            status, brag, progress = new_status, new_brag, new_progress
            version += changed
            phrase_key = "PLANNED" if new_status == NOT_STARTED else new_brag
            self._update_id += 1
            self.rows.actionupdate.append({
                "id": self._update_id, "action_id": action_id, "update_date": day, "author": owner,
                "narrative": rng.choice(UPDATE_PHRASES[phrase_key]).format(
                    title=title, month=f"{day:%B %Y}", date=f"{day.day} {day:%B %Y}", p=new_progress),
                "brag": new_brag, "progress": new_progress,
                "created_at": at,
            })
            last_at = at
        return last_at, version

    def _audit(self, action_id: int, at: datetime, who: str, name: str, old: str | None, new: str | None) -> None:
        self._audit_id += 1
        self.rows.auditentry.append({
            "id": self._audit_id, "at": at, "who": who, "entity": "action", "entity_id": action_id,
            "field": name, "old": old, "new": new,
        })

    def _links(self, action_id: int, area: str, kpi_codes: tuple[str, ...], created: date) -> None:
        rng, ctx = self.rng, self.ctx
        if rng.random() < 0.88:
            pool = ctx.findings_by_area.get(area, [])
            known = [fid for published, fid in pool if published <= created] or [fid for _, fid in pool]
            if known:
                for fid in rng.sample(known, min(len(known), 1 if rng.random() < 0.7 else 2)):
                    self.rows.actionfinding.append({"action_id": action_id, "finding_id": fid})
        r = rng.random()
        if r < 0.75:
            chosen = rng.sample(kpi_codes, min(len(kpi_codes), 2 if r < 0.15 else 1))
            for kpi_code in chosen:
                self.rows.actionkpi.append({"action_id": action_id, "kpi_id": ctx.kpi_ids[kpi_code]})
