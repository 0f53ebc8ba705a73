"""Loading the register: every action as a frozen ActionRow, fast enough for 50,000.

This is the hottest read of the app (the register, the dashboard and the pack all
start here), so it talks to SQLite through the driver cursor with a handful of
set-based queries and builds tuples directly: the ORM path took ~5 s for 50,000
actions, this takes a fraction of a second.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime, time, timezone
from pathlib import Path
from sqlmodel import Session

from boardapp.domain.enums import ActionStatus, Brag, Direction
from boardapp.services.rows import ActionRow

UNCHANGED = "="  # brag_at(): the action existed at the cutoff and its BRAG has not changed since
_RANK = {b.value: b.rank for b in Brag}
_COMPLETE = ActionStatus.COMPLETE.value
_EMPTY: frozenset[str] = frozenset()


def _cursor(session: Session) -> sqlite3.Connection:
    """The session's own DB-API connection (same transaction, no SQLAlchemy row overhead)."""
    return session.connection().connection.driver_connection  # type: ignore[return-value]


def _id_clause(column: str, ids: Iterable[int] | None) -> str:
    if ids is None:
        return ""
    return f" AND {column} IN ({','.join(str(int(i)) for i in ids) or 'NULL'})"


def _utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def last_meeting_cutoff(*, session: Session, today: date) -> datetime | None:
    """End of the day of the last board meeting before today: the baseline for direction of travel."""
    (day,) = _cursor(session).execute(
        "SELECT max(meeting_date) FROM meeting WHERE meeting_date < ? AND status <> 'CANCELLED'",
        (today.isoformat(),),
    ).fetchone()
    return None if day is None else datetime.combine(date.fromisoformat(day), time.max).replace(tzinfo=timezone.utc)


def brag_at(
    cutoff: datetime, *, session: Session | None = None, ids: Iterable[int] | None = None,
    db: sqlite3.Connection | None = None,
) -> dict[int, str | None]:
    """Each action's BRAG as it stood at ``cutoff``, from the audit trail.

    Actions created after the cutoff map to None (they are new); actions that existed
    then and have not changed BRAG since map to UNCHANGED; actions with no audit trail
    at all are absent (the caller falls back to their creation time). Uses SQLite's
    documented bare-column behaviour of max()/min() to pick each action's row.
    """
    cut = cutoff.astimezone(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    where = "entity = 'action' AND field IN ('brag', 'created')" + _id_clause("entity_id", ids)
    if db is None:
        assert session is not None
        db = _cursor(session)
    latest_before = {
        e: (f, new)
        for e, f, new, _ in db.execute(
            f"SELECT entity_id, field, new, max(at) FROM auditentry WHERE {where} AND at <= ? GROUP BY entity_id", (cut,)
        )
    }
    first_after = {
        e: (f, old)
        for e, f, old, _ in db.execute(
            f"SELECT entity_id, field, old, min(at) FROM auditentry WHERE {where} AND at > ? GROUP BY entity_id", (cut,)
        )
    }
    result: dict[int, str | None] = {}
    for entity_id, (field, value) in latest_before.items():
        if field == "brag":
            result[entity_id] = value
        elif entity_id in first_after and first_after[entity_id][0] == "brag":
            result[entity_id] = first_after[entity_id][1]  # created before, changed after: the value it had then
        else:
            result[entity_id] = UNCHANGED
    for entity_id, (field, value) in first_after.items():
        if entity_id not in latest_before:
            result[entity_id] = None if field == "created" else value
    return result


def _latest_updates(db: sqlite3.Connection, ids: Iterable[int] | None) -> dict[int, tuple[str, str]]:
    """Each action's latest progress update (date text, narrative)."""
    sql = (
        "SELECT action_id, max(update_date), narrative FROM actionupdate WHERE 1"
        + _id_clause("action_id", ids) + " GROUP BY action_id"
    )
    return {a: (d, n) for a, d, n in db.execute(sql)}


def _finding_areas(db: sqlite3.Connection, ids: Iterable[int] | None) -> dict[int, set[str]]:
    sql = (
        "SELECT DISTINCT af.action_id, f.ilacs_area FROM actionfinding af JOIN finding f ON f.id = af.finding_id "
        "WHERE f.ilacs_area IS NOT NULL" + _id_clause("af.action_id", ids)
    )
    areas: dict[int, set[str]] = {}
    for action_id, area in db.execute(sql):
        areas.setdefault(action_id, set()).add(area)
    return areas


class _AreaSets:
    """Interns the few distinct ILACS-area sets, so 50,000 rows share a handful of frozensets."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, ...], frozenset[str]] = {(): _EMPTY}

    def get(self, finding_areas: set[str] | None, theme_area: str | None) -> frozenset[str]:
        key = tuple(sorted((finding_areas or set()) | ({theme_area} if theme_area else set())))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = frozenset(key)
        return found


# Themes and people are few: they are looked up in dicts rather than joined (joins cost ~40%).
_SELECT = """
SELECT a.id, a.ref, a.title, a.description, a.how, a.theme_id, a.owner_id,
       a.start_date, a.due_date, a.revised_due_date, a.status, a.brag, a.progress, a.success_measure,
       a.evidence_of_impact, a.created_at, a.updated_at, a.deleted_at, a.version
FROM action a
WHERE 1
"""
#: The register's natural order: by theme, then ref with 'T2.9' before 'T2.10'.
_ORDER = " ORDER BY (SELECT sort_order FROM theme WHERE id = a.theme_id), a.theme_id, length(a.ref), a.ref"


def _side_facts(
    db: sqlite3.Connection, ids: list[int] | None, cutoff: datetime | None
) -> tuple[dict[int, tuple[str, str]], dict[int, set[str]], dict[int, str | None]]:
    """Latest updates, finding areas and BRAG at the cutoff (three independent reads)."""
    updates = _latest_updates(db, ids)
    areas = _finding_areas(db, ids)
    before = brag_at(cutoff, db=db, ids=ids) if cutoff else {}
    return updates, areas, before


def _side_facts_in_parallel(
    session: Session, cutoff: datetime | None
) -> Future[tuple[dict[int, tuple[str, str]], dict[int, set[str]], dict[int, str | None]]] | None:
    """For a full load, read the side facts on a second read-only connection on another core.

    SQLite releases the GIL while it steps, so this overlaps with building the rows
    (~40% off a 50,000-action load on two cores). Only for a committed, file-backed
    workspace: a session with pending writes reads everything itself.
    """
    path = session.get_bind().url.database
    if not path or path == ":memory:" or session.in_nested_transaction() or session.new or session.dirty:
        return None

    def work() -> tuple[dict[int, tuple[str, str]], dict[int, set[str]], dict[int, str | None]]:
        db = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
        try:
            return _side_facts(db, None, cutoff)
        finally:
            db.close()

    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="action-rows")
    future = executor.submit(work)
    executor.shutdown(wait=False)
    return future


def list_action_rows(
    *, session: Session, today: date | None = None, include_deleted: bool = False, ids: Iterable[int] | None = None
) -> list[ActionRow]:
    """Every live action of the plan (or the given ids, deleted included if asked) as rows, in register order."""
    day = today or date.today()
    ids = None if ids is None else list(ids)
    db = _cursor(session)
    cutoff = last_meeting_cutoff(session=session, today=day)
    future = _side_facts_in_parallel(session, cutoff) if ids is None else None
    sql = _SELECT + ("" if include_deleted else " AND a.deleted_at IS NULL") + _id_clause("a.id", ids) + _ORDER
    raw = db.execute(sql).fetchall()
    themes = {i: (code, title, area) for i, code, title, area in db.execute("SELECT id, code, title, ilacs_area FROM theme")}
    people = dict(db.execute("SELECT id, name FROM person").fetchall())
    dates: dict[str | None, date | None] = {None: None}
    for text in {r[7] for r in raw} | {r[8] for r in raw} | {r[9] for r in raw}:
        if text is not None:
            dates[text] = date.fromisoformat(text)
    updates, areas, before = future.result() if future is not None else _side_facts(db, ids, cutoff)
    for day_text, _ in updates.values():
        if day_text not in dates:
            dates[day_text] = date.fromisoformat(day_text)

    rows = []
    append, make, get_theme, get_date = rows.append, tuple.__new__, themes.get, dates.__getitem__
    no_theme, no_latest, area_sets, row_type = ("", "", None), (None, ""), _AreaSets(), ActionRow
    for (aid, ref, title, desc, how, theme_id, owner_id, start, due, revised,
         status, brag, progress, measure, evidence, created, updated, deleted, version) in raw:
        due_d, revised_d = get_date(due), get_date(revised)
        effective = revised_d or due_d
        latest_day, latest_text = updates.get(aid, no_latest)
        code, theme_title, theme_area = get_theme(theme_id, no_theme)
        previous = _previous_brag(aid, brag, before, cutoff, created)
        append(make(row_type, (
            aid, ref, title, desc, how, theme_id, code, theme_title, owner_id, people.get(owner_id, ""),
            get_date(start), due_d, revised_d, status, brag, progress, measure, evidence,
            get_date(latest_day), latest_text, previous, _direction(previous, brag),
            (effective - day).days,
            status != _COMPLETE and effective < day,
            area_sets.get(areas.get(aid), theme_area), _utc(updated), deleted is not None, version,
        )))
    return rows


def _previous_brag(
    action_id: int, brag: str, before: dict[int, str | None], cutoff: datetime | None, created: str | None
) -> str | None:
    if cutoff is None:
        return brag
    if action_id in before:
        previous = before[action_id]
        return brag if previous == UNCHANGED else previous
    created_at = _utc(created)
    return None if created_at is not None and created_at > cutoff else brag


def _direction(previous: str | None, current: str) -> Direction:
    if previous is None:
        return Direction.NEW
    before, now = _RANK[previous], _RANK[current]
    return Direction.BETTER if now > before else Direction.WORSE if now < before else Direction.SAME


def action_row(action_id: int, *, session: Session, today: date | None = None) -> ActionRow:
    """One action as a row (deleted ones included, so undo can show them)."""
    rows = list_action_rows(session=session, today=today, include_deleted=True, ids=[action_id])
    if not rows:
        raise LookupError(f"action {action_id} does not exist")
    return rows[0]

