"""Reading readiness for the next visit: the rows ``inspections.readiness`` computes over.

ORM-free (the Dashboard's card is read on the open path) and beside the aggregates rather
than inside ``inspections/``: it needs the register's rows (``plan``), and ``plan`` already
reads the next visit from ``inspections`` (a sibling cycle otherwise).
"""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from datetime import date
from pathlib import Path

from boardapp.db.connect import connect

from boardapp.domain.kpi import kpi_rag, rag_reason
from boardapp.services.connection import Reader, dbapi, to_date
from boardapp.services.inspections.readiness import (
    FindingInput, MeasureStatus, Readiness, VisitRow, choose_next_visit, compute_readiness, findings_in_focus,
)
from boardapp.services.plan.register_read import list_action_rows
from boardapp.services.rows import ActionRow


def live_visits(*, session: Reader) -> list[VisitRow]:
    rows = dbapi(session).execute(
        "SELECT id, kind, number, start_date, end_date, focus_area, ilacs_area, status FROM inspection "
        "WHERE deleted_at IS NULL ORDER BY start_date, id").fetchall()
    return [VisitRow(i, k, n, to_date(s), to_date(e), f or "", a, st)  # type: ignore[arg-type]
            for i, k, n, s, e, f, a, st in rows]


def live_findings(*, session: Reader) -> list[FindingInput]:
    rows = dbapi(session).execute(
        "SELECT f.id, f.inspection_id, f.kind, f.text, f.ilacs_area, f.sort_order FROM finding f "
        "JOIN inspection i ON i.id = f.inspection_id WHERE f.deleted_at IS NULL AND i.deleted_at IS NULL").fetchall()
    return [FindingInput(*r) for r in rows]


def _in_list(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def measures_of(action_ids: Sequence[int], *, session: Reader) -> dict[int, list[MeasureStatus]]:
    """The measures (not retired) linked to each action, with their latest published value and RAG."""
    db = dbapi(session)
    links = db.execute(
        f"SELECT ak.action_id, k.id, k.code, k.title, k.unit, k.polarity, k.target, k.floor FROM actionkpi ak "
        f"JOIN kpi k ON k.id = ak.kpi_id WHERE k.retired_at IS NULL AND ak.action_id IN ({_in_list(action_ids)}) "
        "ORDER BY k.sort_order, k.code").fetchall()
    kpi_ids = sorted({r[1] for r in links})
    latest: dict[int, tuple[date, float]] = {}
    for kpi_id, period, value in db.execute(
            f"SELECT kpi_id, period, value FROM kpivalue WHERE value IS NOT NULL AND kpi_id IN ({_in_list(kpi_ids)}) "
            "ORDER BY kpi_id, period"):
        latest[kpi_id] = (to_date(period), value)  # type: ignore[assignment]
    found: dict[int, list[MeasureStatus]] = {}
    for action_id, kpi_id, code, title, unit, polarity, target, floor in links:
        period, value = latest.get(kpi_id, (None, None))
        found.setdefault(action_id, []).append(MeasureStatus(
            kpi_id, code, title, unit or "", period, value, target, kpi_rag(value, target, polarity, floor),
            rag_reason(value, target, polarity, floor)))
    return found


def read_readiness(*, session: Reader, today: date, rows: Sequence[ActionRow] | None = None) -> Readiness:
    """Readiness as at ``today``. ``rows``: the register's rows when the caller has them all already
    (the pack, the Dashboard); otherwise only the actions readiness needs are read."""
    db = dbapi(session)
    visits = live_visits(session=db)
    findings = live_findings(session=db)
    visit = choose_next_visit(visits, today)
    if visit is None:
        return compute_readiness(today=today, visits=visits, findings=findings, links=(), actions=())
    focus_ids = [f.id for f in findings_in_focus(visit, visits, findings)]
    links = [tuple(r) for r in db.execute(
        f"SELECT finding_id, action_id FROM actionfinding WHERE finding_id IN ({_in_list(focus_ids)})")]
    if rows is None:
        due = [i for (i,) in db.execute(
            "SELECT id FROM action WHERE deleted_at IS NULL AND status <> 'COMPLETE' AND brag <> 'BLUE' "
            "AND coalesce(revised_due_date, due_date) <= ?", (visit.start_date.isoformat(),))]
        wanted = sorted({a for _f, a in links} | set(due))
        rows = list_action_rows(session=db, today=today, ids=wanted) if wanted else []
    linked_ids = sorted({a for _f, a in links})
    return compute_readiness(
        today=today, visits=visits, findings=findings, links=links, actions=rows,  # type: ignore[arg-type]
        action_measures=measures_of(linked_ids, session=db),
    )


def read_readiness_file(path: Path | str, *, today: date, rows: Sequence[ActionRow] | None = None) -> Readiness:
    """``read_readiness`` on a connection of its own to the workspace at ``path`` (one read transaction):
    what a background read off the UI thread calls, without the ORM."""
    with closing(connect(path)) as connection:
        connection.execute("BEGIN")
        try:
            return read_readiness(session=connection, today=today, rows=rows)
        finally:
            connection.rollback()
