"""Loading the register: every action as a frozen ActionRow, fast enough for 50,000.

This is the hottest read of the app (the register, the dashboard and the pack all
start here), so it talks to SQLite through the session's own driver connection
(same transaction) with a handful of set-based queries and builds tuples directly:
the ORM path took ~5 s for 50,000 actions.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, time, timezone

from sqlmodel import Session

from boardapp.domain.enums import ActionStatus, Brag, Direction
from boardapp.services.rows import ActionRow

_RANK = {b.value: b.rank for b in Brag}
_COMPLETE = ActionStatus.COMPLETE.value


def _db(session: Session) -> sqlite3.Connection:
    """The session's DB-API connection: same transaction, no SQLAlchemy row overhead."""
    return session.connection().connection.driver_connection  # type: ignore[return-value]


def _id_clause(column: str, ids: list[int] | None) -> str:
    if ids is None:
        return ""
    return f" AND {column} IN ({','.join(str(int(i)) for i in ids) or 'NULL'})"


def _sql_time(moment: datetime) -> str:
    """How UTCDateTime columns are stored: naive UTC, ISO with a space."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")


def last_meeting_cutoff(*, session: Session, today: date) -> datetime | None:
    """End of the day of the last board meeting before today: the baseline for direction of travel."""
    (day,) = _db(session).execute(
        "SELECT max(meeting_date) FROM meeting WHERE meeting_date < ? AND status <> 'CANCELLED'",
        (today.isoformat(),),
    ).fetchone()
    return None if day is None else datetime.combine(date.fromisoformat(day), time.max).replace(tzinfo=timezone.utc)


def brag_before_changes(cutoff: datetime, *, session: Session, ids: list[int] | None = None) -> dict[int, str | None]:
    """BRAG at ``cutoff`` of the actions whose BRAG changed (or that were created) since.

    Only the audit trail after the cutoff is read: an action changed since then had,
    at the cutoff, the ``old`` value of its first BRAG change; one created since maps
    to None (new). Actions absent from the result have not changed BRAG since.
    Uses SQLite's documented bare-column behaviour of min() to pick the first row.
    """
    sql = (
        "SELECT entity_id, field, old, min(at) FROM auditentry "
        "WHERE entity = 'action' AND field IN ('brag', 'created') AND at > ?"
        + _id_clause("entity_id", ids) + " GROUP BY entity_id"
    )
    return {e: (old if field == "brag" else None) for e, field, old, _ in _db(session).execute(sql, (_sql_time(cutoff),))}


def _latest_updates(db: sqlite3.Connection, ids: list[int] | None) -> dict[int, tuple[str, str]]:
    """Each action's latest progress update: (date text, narrative)."""
    sql = (
        "SELECT action_id, max(update_date), narrative FROM actionupdate WHERE 1"
        + _id_clause("action_id", ids) + " GROUP BY action_id"
    )
    return {a: (d, n) for a, d, n in db.execute(sql)}


def _finding_areas(db: sqlite3.Connection, ids: list[int] | None) -> dict[int, str]:
    """Each action's ILACS areas from its linked findings, as one sorted comma-joined key."""
    sql = (
        "SELECT action_id, group_concat(area) FROM (SELECT DISTINCT af.action_id, f.ilacs_area AS area "
        "FROM actionfinding af JOIN finding f ON f.id = af.finding_id WHERE f.ilacs_area IS NOT NULL"
        + _id_clause("af.action_id", ids) + " ORDER BY 1, 2) GROUP BY action_id"
    )
    return dict(db.execute(sql).fetchall())


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
       a.evidence_of_impact, a.created_at, a.deleted_at, a.version
FROM action a
WHERE 1
"""
#: The register's natural order: by theme, then ref with 'T2.9' before 'T2.10'.
_ORDER = " ORDER BY (SELECT sort_order FROM theme WHERE id = a.theme_id), a.theme_id, length(a.ref), a.ref"


def list_action_rows(
    *, session: Session, today: date | None = None, include_deleted: bool = False, ids: Iterable[int] | None = None
) -> list[ActionRow]:
    """Every live action of the plan (or the given ids, deleted included if asked) as rows, in register order."""
    day = today or date.today()
    id_list = None if ids is None else list(ids)
    db = _db(session)
    sql = _SELECT + ("" if include_deleted else " AND a.deleted_at IS NULL") + _id_clause("a.id", id_list) + _ORDER
    raw = db.execute(sql).fetchall()
    themes = {i: (code, title, area) for i, code, title, area in db.execute("SELECT id, code, title, ilacs_area FROM theme")}
    people = dict(db.execute("SELECT id, name FROM person").fetchall())
    updates = _latest_updates(db, id_list)
    areas = _finding_areas(db, id_list)
    cutoff = last_meeting_cutoff(session=session, today=day)
    changed = brag_before_changes(cutoff, session=session, ids=id_list) if cutoff else {}
    cut_text = _sql_time(cutoff) if cutoff else None

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
    for (aid, ref, title, desc, how, theme_id, owner_id, start, due, revised,
         status, brag, progress, measure, evidence, created, deleted, version) in raw:
        due_d, revised_d = get_date(due), get_date(revised)
        effective = revised_d or due_d
        latest_day, latest_text = updates.get(aid, no_latest)
        code, theme_title, theme_area = get_theme(theme_id, no_theme)
        area_key = (areas.get(aid), theme_area)
        area_set = area_cache.get(area_key)
        if area_set is None:
            area_set = area_sets.get(*area_key)
        if cut_text is None:
            previous, direction = brag, same
        else:
            if aid in changed:
                previous = changed[aid]
            else:  # unchanged since the cutoff, unless it was created after it without an audit trail
                previous = None if created is not None and created > cut_text else brag
            if previous is None:
                direction = new
            else:
                before, now = rank[previous], rank[brag]
                direction = better if now > before else worse if now < before else same
        append(make(row_type, (
            aid, ref, title, desc, how, theme_id, code, theme_title, owner_id, people.get(owner_id, ""),
            get_date(start), due_d, revised_d, status, brag, progress, measure, evidence,
            get_date(latest_day), latest_text, previous, direction,
            days_left[effective],  # type: ignore[index]
            status != _COMPLETE and effective < day,  # type: ignore[operator]
            area_set, deleted is not None, version,
        )))
    return rows


def action_row(action_id: int, *, session: Session, today: date | None = None) -> ActionRow:
    """One action as a row (deleted ones included, so undo can show them)."""
    rows = list_action_rows(session=session, today=today, include_deleted=True, ids=[action_id])
    if not rows:
        raise LookupError(f"action {action_id} does not exist")
    return rows[0]
