"""Loading the register: every action as a frozen ActionRow, fast enough for 50,000.

This is the hottest read of the app (the register, the dashboard and the pack all
start here), so it talks to SQLite through a DB-API connection — the window's open
passes one before the ORM is even imported; a service passes its session, whose own
driver connection is used in the same transaction — with a handful of set-based
queries, and builds tuples directly: the ORM path took ~5 s for 50,000 actions.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from contextlib import closing
from datetime import date, datetime, time, timezone
from functools import partial
from typing import Any, NamedTuple

from boardapp.db.connect import DB_ERRORS, connect_read_only
from boardapp.domain.enums import ActionStatus, Brag, Direction
from boardapp.services.connection import Reader, dbapi
from boardapp.services.plan.filters import natural_ref_positions
from boardapp.services.plan.gc_pause import paused_gc
from boardapp.services.rows import ActionRow

_RANK = {b.value: b.rank for b in Brag}
#: One shared str object per BRAG and status word, instead of one per row read: scans of
#: 50,000 rows then touch a handful of objects that stay in the CPU cache.
_WORDS = {w.value: w.value for w in (*Brag, *ActionStatus)}
_COMPLETE = ActionStatus.COMPLETE.value


def _id_clause(column: str, ids: list[int] | None) -> str:
    if ids is None:
        return ""
    return f" AND {column} IN ({','.join(str(int(i)) for i in ids) or 'NULL'})"


def _sql_time(moment: datetime) -> str:
    """How UTCDateTime columns are stored: naive UTC, ISO with a space."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")


class Baseline(NamedTuple):
    """What "moved since the last meeting" compares with.

    ``snapshot_meeting_id``: the last meeting was marked held, and its BragSnapshot (every
    action's BRAG then) is the baseline; else ``cutoff`` (the end of its day) and the audit
    trail after it say what each action was at the meeting. Both None: no earlier meeting.
    """

    cutoff: datetime | None
    snapshot_meeting_id: int | None


#: The last meeting: the latest before today not cancelled, or one today once it is marked held
#: (from then on it is the baseline, not only from tomorrow). ``services.meetings.calendar`` agrees.
LAST_MEETING_WHERE = ("m.deleted_at IS NULL AND m.status <> 'CANCELLED' "
                      "AND (m.meeting_date < :today OR (m.meeting_date = :today AND m.status = 'HELD'))")
_LAST_MEETING = (
    "SELECT m.id, m.meeting_date, EXISTS(SELECT 1 FROM bragsnapshot s WHERE s.meeting_id = m.id) AS snap "
    f"FROM meeting m WHERE {LAST_MEETING_WHERE} "
    "ORDER BY m.meeting_date DESC, snap DESC, m.id DESC LIMIT 1"
)


def direction_baseline(*, session: Reader, today: date) -> Baseline:
    """The last board meeting (see ``LAST_MEETING_WHERE``) and how its BRAG is known (see ``Baseline``)."""
    found = dbapi(session).execute(_LAST_MEETING, {"today": today.isoformat()}).fetchone()
    if found is None:
        return Baseline(None, None)
    meeting_id, day, snapshot = found
    cutoff = datetime.combine(date.fromisoformat(day), time.max).replace(tzinfo=timezone.utc)
    return Baseline(cutoff, meeting_id if snapshot else None)


def last_meeting_cutoff(*, session: Reader, today: date) -> datetime | None:
    """End of the day of the last board meeting (see ``LAST_MEETING_WHERE``): the baseline for direction of travel."""
    (day,) = dbapi(session).execute(
        f"SELECT max(m.meeting_date) FROM meeting m WHERE {LAST_MEETING_WHERE}", {"today": today.isoformat()},
    ).fetchone()
    return None if day is None else datetime.combine(date.fromisoformat(day), time.max).replace(tzinfo=timezone.utc)


_UPDATES = "SELECT action_id, max(update_date) AS d, narrative AS n FROM actionupdate WHERE 1{ids} GROUP BY action_id"
_AREAS = (
    "SELECT action_id, group_concat(area) AS areas FROM (SELECT DISTINCT af.action_id, f.ilacs_area AS area "
    "FROM actionfinding af JOIN finding f ON f.id = af.finding_id WHERE f.ilacs_area IS NOT NULL "
    "AND f.deleted_at IS NULL AND f.inspection_id NOT IN (SELECT id FROM inspection WHERE deleted_at IS NOT NULL){ids} "
    "ORDER BY 1, 2) GROUP BY action_id"
)
# Only the audit trail after the cutoff is read: an action changed since then had, at the
# cutoff, the ``old`` value of its first BRAG change; one created since maps to None (new).
# Uses SQLite's documented bare-column behaviour of min() to pick the first row.
_BRAG_CHANGES = (
    "SELECT entity_id, field, old, min(at) AS first FROM auditentry "
    "WHERE entity = 'action' AND field IN ('brag', 'created') AND at > :cut{ids} GROUP BY entity_id"
)
# The same facts from the last meeting's BragSnapshot: an action whose BRAG differs from its
# snapshot had the snapshot's; one missing from it (created, or restored, since) is new.
_SNAPSHOT_CHANGES = (
    "SELECT a.id AS entity_id, CASE WHEN s.brag IS NULL THEN 'created' ELSE 'brag' END AS field, s.brag AS old "
    "FROM action a LEFT JOIN bragsnapshot s ON s.meeting_id = :cut AND s.action_id = a.id "
    "WHERE (s.brag IS NULL OR s.brag <> a.brag){ids}"
)


class _Changes(NamedTuple):
    """How to read the BRAG each action had at the baseline: a query, its ``:cut`` and its id column."""

    sql: str
    cut: str | int
    id_column: str


def _changes_query(baseline: Baseline) -> _Changes | None:
    if baseline.snapshot_meeting_id is not None:
        return _Changes(_SNAPSHOT_CHANGES, baseline.snapshot_meeting_id, "a.id")
    if baseline.cutoff is not None:
        return _Changes(_BRAG_CHANGES, _sql_time(baseline.cutoff), "entity_id")
    return None


class _SideFacts(NamedTuple):
    """What the register shows beside each action's own columns."""

    updates: dict[int, tuple[str, str]]  # latest progress update: (date text, narrative)
    areas: dict[int, str]  # ILACS areas of its linked findings, one sorted comma-joined key
    changed: dict[int, str | None]  # BRAG at the cutoff of those changed (or created) since


def _side_facts(db: sqlite3.Connection, ids: list[int] | None, changes: _Changes | None) -> _SideFacts:
    """The side facts, read on the caller's connection."""
    updates = {a: (d, n) for a, d, n in db.execute(_UPDATES.format(ids=_id_clause("action_id", ids)))}
    areas = dict(db.execute(_AREAS.format(ids=_id_clause("af.action_id", ids))).fetchall())
    changed: dict[int, str | None] = {}
    if changes is not None:
        sql = changes.sql.format(ids=_id_clause(changes.id_column, ids))
        changed = {e: (old if field == "brag" else None) for e, field, old, *_ in db.execute(sql, {"cut": changes.cut})}
    return _SideFacts(updates, areas, changed)


def _as_json(sql: str, *columns: str) -> str:
    return f"SELECT json_group_array(json_array({', '.join(columns)})) FROM ({sql})"


def _side_facts_alongside(db: sqlite3.Connection, changes: _Changes | None) -> Callable[[], _SideFacts]:
    """Start reading every action's side facts on a second connection; call the result to get them.

    Each query hands back one row of JSON, so it runs start to finish inside SQLite with
    Python's lock released and truly alongside the main read on a second core (row-by-row
    fetching from two threads is slower than one: each row waits for the other thread).
    The second connection reads the same committed state unless a write lands between the
    two reads starting; the only writer is this app, whose register reloads after any write
    made while it was loading. Falls back to reading in turn when there is no file or JSON.
    """
    path = next((file for _, name, file in db.execute("PRAGMA database_list") if name == "main"), "")
    if not path:
        return lambda: _side_facts(db, None, changes)
    found: dict[str, list[str]] = {}

    def read() -> None:
        try:
            with closing(connect_read_only(path)) as side:  # the app's pragmas (and, later, key)
                texts = [side.execute(_as_json(_UPDATES.format(ids=""), "action_id", "d", "n")).fetchone()[0],
                         side.execute(_as_json(_AREAS.format(ids=""), "action_id", "areas")).fetchone()[0]]
                texts.append(side.execute(_as_json(changes.sql.format(ids=""), "entity_id", "field", "old"),
                                          {"cut": changes.cut}).fetchone()[0] if changes is not None else "[]")
            found["texts"] = texts
        except DB_ERRORS:  # e.g. an SQLite built without JSON: result() reads them in turn instead
            return

    worker = threading.Thread(target=read, name="register side facts", daemon=True)
    worker.start()

    def result() -> _SideFacts:
        worker.join()
        if "texts" not in found:
            return _side_facts(db, None, changes)
        updates, areas, brag_changes = (json.loads(text) for text in found["texts"])
        return _SideFacts({a: (d, n) for a, d, n in updates}, {a: k for a, k in areas},
                          {e: (old if field == "brag" else None) for e, field, old in brag_changes})

    return result


class _AreaSets:
    """Interns the few distinct ILACS-area sets, so 50,000 rows share a handful of frozensets."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str | None, str | None], frozenset[str]] = {}

    def get(self, finding_areas: str | None, theme_area: str | None) -> frozenset[str]:
        key = (finding_areas, theme_area)
        found = self.cache.get(key)
        if found is None:
            found = frozenset((finding_areas.split(",") if finding_areas else []) + ([theme_area] if theme_area else []))
            self.cache[key] = found
        return found


# Themes and people are few: they are looked up in dicts rather than joined (joins cost ~40%).
_SELECT = """
SELECT a.id, a.ref, a.title, a.description, a.how, a.theme_id, a.owner_id,
       a.start_date, a.due_date, a.revised_due_date, a.status, a.brag, a.progress, a.success_measure,
       a.evidence_of_impact, coalesce(a.created_at > :cut, 0), a.deleted_at IS NOT NULL, a.version,
       a.raised_at_meeting_id, a.raised_at_item_id
FROM action a
WHERE 1
"""
# Where actions arising were raised: each live meeting's date, and each live agenda item's number
# as the agenda shows it ("5", "3.1": ``services.meetings.minutes.minuted_items`` numbers the same way).
# Meetings and items are few; the actions name theirs in the main read (two more columns).
_RAISED_MEETINGS = "SELECT id, meeting_date FROM meeting WHERE deleted_at IS NULL"
_ITEM_NUMBERS = """
WITH live AS (SELECT id, meeting_id, parent_id, item_order FROM agendaitem WHERE deleted_at IS NULL),
tops AS (SELECT id, row_number() OVER (PARTITION BY meeting_id ORDER BY item_order, id) AS n
         FROM live WHERE parent_id IS NULL)
SELECT id, CAST(n AS TEXT) FROM tops
UNION ALL
SELECT c.id, t.n || '.' || row_number() OVER (PARTITION BY c.parent_id ORDER BY c.item_order, c.id)
FROM live c JOIN tops t ON t.id = c.parent_id
"""


class _RaisedAt:
    """'20/08/2024 · 4' per (meeting, item), worked out once per distinct pair."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.days = {i: date.fromisoformat(d).strftime("%d/%m/%Y") for i, d in db.execute(_RAISED_MEETINGS)}
        self.numbers: dict[int, str] = dict(db.execute(_ITEM_NUMBERS).fetchall())
        self.texts: dict[tuple[int, int | None], str] = {}

    def text(self, meeting_id: int, item_id: int | None) -> str:
        key = (meeting_id, item_id)
        found = self.texts.get(key)
        if found is None:
            day = self.days.get(meeting_id, "")
            number = self.numbers.get(item_id) if item_id is not None else None
            found = self.texts[key] = f"{day} · {number}" if day and number else day
        return found


#: The register's natural order: by theme, then ref with 'T2.9' before 'T2.10'.
_ORDER = " ORDER BY (SELECT sort_order FROM theme WHERE id = a.theme_id), a.theme_id, length(a.ref), a.ref"


def list_action_rows(
    *, session: Reader, today: date | None = None, include_deleted: bool = False, ids: Iterable[int] | None = None,
    by_ref: bool = False,
) -> list[ActionRow]:
    """Every live action of the plan (or the given ids, deleted included if asked) as rows.

    In register order (theme, then ref), or with ``by_ref`` in natural ref order (the
    register's). Rows are built in the order they are returned: tens of thousands of
    tuples scanned in the order they sit in memory are scanned ~2.5× faster.
    """
    return start_action_rows(session=session, today=today, include_deleted=include_deleted, ids=ids, by_ref=by_ref)()


def start_action_rows(
    *, session: Reader, today: date | None = None, include_deleted: bool = False, ids: Iterable[int] | None = None,
    by_ref: bool = False,
) -> Callable[[], list[ActionRow]]:
    """``list_action_rows`` in two steps: this reads the actions, the returned call builds the rows.

    Between the two the caller can make its own reads on ``session``: they overlap the
    side facts still being read on a second connection (a whole-plan read only).
    """
    day = today or date.today()
    id_list = None if ids is None else list(ids)
    db = dbapi(session)
    sql = (_SELECT + ("" if include_deleted else " AND a.deleted_at IS NULL") + _id_clause("a.id", id_list)
           + ("" if by_ref else _ORDER))
    baseline = direction_baseline(session=session, today=day)
    changes = _changes_query(baseline)
    # "created since the meeting" is the audit baseline's; with a snapshot, absence from it says "new"
    cut_text = _sql_time(baseline.cutoff) if baseline.cutoff and baseline.snapshot_meeting_id is None else None
    if id_list is None:
        side_facts = _side_facts_alongside(db, changes)
    else:  # a few rows: one connection
        side_facts = partial(_side_facts, db, id_list, changes)
    with paused_gc():  # 50,000 tuples: see gc_pause
        raw = db.execute(sql, {"cut": cut_text}).fetchall()
        if by_ref:  # sorted before the rows are built, so they are built (and sit in memory) in this order
            raw = [raw[i] for i in natural_ref_positions([r[1] for r in raw])]
    themes = {i: (code, title, area) for i, code, title, area in db.execute("SELECT id, code, title, ilacs_area FROM theme")}
    people = dict(db.execute("SELECT id, name FROM person").fetchall())
    raised_at = _RaisedAt(db)

    def finish() -> list[ActionRow]:
        with paused_gc():
            return _build_rows(raw, day, themes, people, side_facts(), raised_at)

    return finish


def _build_rows(raw: list[Any], day: date, themes: dict[int, tuple[str, str, str | None]], people: dict[int, str],
                facts: _SideFacts, raised_at: _RaisedAt) -> list[ActionRow]:
    updates, areas, changed = facts.updates, facts.areas, facts.changed
    # Each distinct date text is parsed once; days-left are worked out once per effective date.
    dates: dict[str | None, date | None] = {None: None}
    for texts in ({r[7] for r in raw}, {r[8] for r in raw}, {r[9] for r in raw}, {d for d, _ in updates.values()}):
        for text in texts - dates.keys():
            dates[text] = date.fromisoformat(text)  # type: ignore[arg-type]
    days_left = {d: (d - day).days for d in dates.values() if d is not None}

    rows: list[ActionRow] = []
    append, make, get_theme, get_date, row_type = rows.append, tuple.__new__, themes.get, dates.__getitem__, ActionRow
    no_theme, no_latest, area_sets, rank = ("", "", None), (None, ""), _AreaSets(), _RANK
    area_cache = area_sets.cache
    better, worse, same, new = Direction.BETTER, Direction.WORSE, Direction.SAME, Direction.NEW
    word = _WORDS.get
    raised_days, raised_text = raised_at.days, raised_at.text
    for (aid, ref, title, desc, how, theme_id, owner_id, start, due, revised,
         status, brag, progress, measure, evidence, created_since, deleted, version, raised_meeting, raised_item) in raw:
        status, brag = word(status, status), word(brag, brag)
        due_d, revised_d = get_date(due), get_date(revised)
        effective = revised_d or due_d
        latest_day, latest_text = updates.get(aid, no_latest)
        code, theme_title, theme_area = get_theme(theme_id, no_theme)
        area_key = (areas.get(aid), theme_area)
        area_set = area_cache.get(area_key)
        if area_set is None:
            area_set = area_sets.get(*area_key)
        if aid in changed:
            previous = changed[aid]
            if previous is None:
                direction = new
            else:
                previous = word(previous, previous)
                before, now = rank[previous], rank[brag]
                direction = better if now > before else worse if now < before else same
        elif created_since:  # created after the cutoff without an audit trail
            previous, direction = None, new
        else:  # unchanged since the cutoff (or no cutoff: no earlier meeting)
            previous, direction = brag, same
        append(make(row_type, (
            aid, ref, title, desc, how, theme_id, code, theme_title, owner_id, people.get(owner_id, ""),
            get_date(start), due_d, revised_d, status, brag, progress, measure, evidence,
            get_date(latest_day), latest_text, previous, direction,
            days_left[effective],  # type: ignore[index]
            status != _COMPLETE and effective < day,  # type: ignore[operator]
            area_set, deleted == 1, version,
            *((None, "") if raised_meeting is None or raised_meeting not in raised_days
              else (raised_meeting, raised_text(raised_meeting, raised_item))),
        )))
    return rows


def action_row(action_id: int, *, session: Reader, today: date | None = None) -> ActionRow:
    """One action as a row (deleted ones included, so undo can show them)."""
    rows = list_action_rows(session=session, today=today, include_deleted=True, ids=[action_id])
    if not rows:
        raise LookupError(f"action {action_id} does not exist")
    return rows[0]
