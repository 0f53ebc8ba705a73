"""Build the demo workspace: a council's public improvement record and an invented plan around it.

The inspection dates, judgements, monitoring-visit focus areas and the DfE grant are
modelled on the published record of one English council (see ``demo_data``); the council
is given a generic fictional name and every person, finding's wording, action, measure,
risk and meeting is invented. The build is deterministic for ``(seed, today)``: one
``random.Random(seed)`` and timestamps derived from ``today``, never the clock. All rows
go in with core ``insert()`` executemany in one transaction, so 50,000 actions take seconds.
"""
from __future__ import annotations

import gc
import random
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert

from boardapp.db.models import ALL_TABLES
from boardapp.db.replace_file import building_path, remove_build_leftovers, replace_workspace_file
from boardapp.db.workspace import open_workspace
from boardapp.demo import record as data
from boardapp.demo.comparators import add_comparator_history
from boardapp.demo.funding import build_grant, build_risks
from boardapp.demo.inspections import answer_every_finding, build_inspections, next_visit_start
from boardapp.demo.meetings import build_meetings, meeting_dates, raise_demo_actions
from boardapp.demo.performance import build_kpis
from boardapp.demo.plan import PlanBuilder, PlanContext
from boardapp.demo.snapshots import build_snapshots
from boardapp.services.workspace import DEMO_MARK

Row = dict[str, Any]

#: The public record ends with the fifth visit's letter; the demo's ``today`` must come after it.
EARLIEST_TODAY = date(2024, 9, 1)
#: The demo's "as at" date unless another is chosen: just after the record ends, so the plan,
#: the meetings and the figures agree with it (the workspace uses it as "today" everywhere).
DEMO_AS_AT = date(2024, 9, 11)
#: The largest plan the demo builds (memory grows with it; 10^8 actions ran out of it).
MAX_ACTIONS = 200_000
#: Page cache for the build's connection: the indexes of 50,000 actions' rows stay in memory.
BUILD_CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class DemoSummary:
    """What was built: row counts of the main tables."""

    path: Path
    today: date
    seed: int
    people: int
    themes: int
    inspections: int
    findings: int
    actions: int
    action_updates: int
    audit_entries: int
    kpis: int
    kpi_values: int
    risks: int
    grants: int
    grant_pence: int
    meetings: int


def build_demo(
    path: Path, *, actions: int = 120, seed: int = 1, force: bool = False, today: date | None = None
) -> DemoSummary:
    """Create the demo workspace at ``path``, dated as at ``today`` (default ``DEMO_AS_AT``); refuse an
    existing file unless ``force``. The workspace keeps that date as its as-at date."""
    if isinstance(actions, bool) or not isinstance(actions, int) or not 1 <= actions <= MAX_ACTIONS:
        raise ValueError(f"actions must be a whole number from 1 to {MAX_ACTIONS:,}, not {actions!r}")
    day = today or DEMO_AS_AT
    if day < EARLIEST_TODAY:
        raise ValueError(f"the demo must be dated on or after {EARLIEST_TODAY:%d/%m/%Y}: "
                         "its public record runs to August 2024")
    path = Path(path)
    remove_build_leftovers(path)  # of a killed run: <path>.building*, never the workspace's -wal or -journal
    if path.exists() and not force:
        raise FileExistsError(f"{path} already exists; use force to replace it")
    building = building_path(path)
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived dicts and tuples, no cycles: collection passes are pure cost
    try:
        tables = _build_rows(random.Random(seed), day, actions)
        _write(building, tables)
    finally:
        if collecting:
            gc.enable()
    # Only a complete build replaces the old file, in one rename: the path never lacks a workspace.
    replace_workspace_file(building, path)
    return DemoSummary(
        path=path, today=day, seed=seed, people=len(tables["person"]), themes=len(tables["theme"]),
        inspections=len(tables["inspection"]), findings=len(tables["finding"]), actions=len(tables["action"]),
        action_updates=len(tables["actionupdate"]), audit_entries=len(tables["auditentry"]),
        kpis=len(tables["kpi"]), kpi_values=len(tables["kpivalue"]), risks=len(tables["risk"]),
        grants=len(tables["grant"]), grant_pence=sum(r["allocated_pence"] for r in tables["grant"]),
        meetings=len(tables["meeting"]),
    )


def _write(path: Path, tables: dict[str, list[Row]]) -> None:
    """Create the schema and insert every table in one transaction; a failed build leaves no file."""
    engine = open_workspace(path, create=True)
    try:
        with engine.connect() as conn:
            # A new file nobody else has open: a rollback journal writes each page once, where
            # WAL writes it twice (log, then checkpoint). WAL is back on before the file is used.
            conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
            conn.exec_driver_sql(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
            conn.commit()
            with conn.begin():
                for table in ALL_TABLES:
                    rows = tables.get(table.name)
                    if rows:
                        bulk_insert(conn, table, rows)
            conn.exec_driver_sql(f"PRAGMA user_version={DEMO_MARK}")  # the status bar says "Demo workspace"
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.commit()
    except BaseException:
        engine.dispose()
        _remove_database(path)
        raise
    engine.dispose()
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:  # the file is moved alone: everything must be in it
        raise RuntimeError(f"{wal} was not checkpointed into {path.name}")
    wal.unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)


def bulk_insert(conn: Connection, table: Table, rows: list[Row]) -> None:
    """``insert(table)`` executemany with the columns' bind processors applied per distinct value.

    SQLAlchemy's per-row parameter processing costs twice SQLite's own insert time at
    this scale. The values stored are exactly what ``conn.execute(insert(table), rows)``
    stores: each column's own bind processor converts them (cached, because the demo's
    dates and timestamps repeat), and the statement is the compiled core ``insert()``.
    """
    defaults = {c.name: c.default.arg for c in table.c  # columns a row leaves to the model's default
                if c.default is not None and c.default.is_scalar}
    if defaults:
        rows = [{**defaults, **row} for row in rows]
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    names = list(compiled.positiontup or ())
    columns = [list(c) for c in zip(*map(itemgetter(*names), rows))] if len(names) > 1 else [
        [r[names[0]] for r in rows]]
    for index, name in enumerate(names):
        processor = table.c[name].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        if processor is not None:
            convert = lru_cache(maxsize=None)(processor)
            columns[index] = list(map(convert, columns[index]))
    conn.exec_driver_sql(compiled.string, list(zip(*columns)))


def _remove_database(path: Path) -> None:
    """Delete a workspace file and its WAL companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _build_rows(rng: random.Random, today: date, action_count: int) -> dict[str, list[Row]]:
    tables: dict[str, list[Row]] = {}
    person_ids = {p.key: i for i, p in enumerate(data.PEOPLE, start=1)}
    person_names = {p.key: p.name for p in data.PEOPLE}
    tables["person"] = [
        {"id": person_ids[p.key], "name": p.name, "role": p.role, "organisation": p.organisation,
         "email": _email(p.name), "is_member": p.board_member, "version": 1}
        for p in data.PEOPLE
    ]
    tables["board"] = [{
        "id": 1, "name": data.BOARD_NAME, "council": data.COUNCIL, "chair_id": person_ids["chair"],
        "default_marking": data.MARKING, "as_at_date": today, "la_code": data.LA_CODE, "version": 1,
    }]
    theme_ids = {t.code: i for i, t in enumerate(data.THEMES, start=1)}
    tables["theme"] = [
        {"id": theme_ids[t.code], "code": t.code, "title": t.title, "lead_id": person_ids[t.lead],
         "ilacs_area": t.area, "sort_order": i, "version": 1}
        for i, t in enumerate(data.THEMES, start=1)
    ]
    next_visit = next_visit_start(today)
    findings_by_area = build_inspections(tables, next_visit, today)
    kpi_ids = build_kpis(tables, rng, today, theme_ids)
    add_comparator_history(tables, kpi_ids)
    held, _next_meeting = meeting_dates(today)
    ctx = PlanContext(
        today=today, last_meeting=held[-1], theme_ids=theme_ids, person_ids=person_ids,
        person_names=person_names, kpi_ids=kpi_ids, findings_by_area=findings_by_area,
        creator=person_names["secretariat"],
    )
    plan = PlanBuilder(rng, ctx).build(action_count)
    tables.update(vars(plan))
    answer_every_finding(tables)
    build_risks(tables, today, person_ids, theme_ids)
    build_grant(tables, today, person_ids)
    visit_starts = [v.start for v in data.MONITORING_VISITS] + [next_visit]
    tables.update(vars(build_meetings(rng, today, person_ids, visit_starts)))
    raise_demo_actions(tables)
    tables["bragsnapshot"] = build_snapshots(tables)  # what marking each held meeting held stored
    return tables


def _email(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p not in ("Dr", "Cllr", "Det", "Supt")]
    return f"{parts[0].lower()}.{parts[-1].lower()}@{data.EMAIL_DOMAIN}"


