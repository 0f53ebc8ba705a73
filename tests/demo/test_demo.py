"""The demo workspace: deterministic, the public record present, constraints satisfied, scalable."""
from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from boardapp.domain.enums import Direction
from boardapp.demo.build import DEMO_AS_AT, DemoSummary, build_demo

DEMO_TODAY = date(2024, 9, 11)  # the day tests/conftest.py pins the demo template to (its as-at date)


def _table_hashes(path: Path) -> dict[str, str]:
    """One hash per table over every column of every row, in a stable order."""
    hashes: dict[str, str] = {}
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            width = len(conn.execute(f'PRAGMA table_info("{table}")').fetchall())
            order = ", ".join(str(i) for i in range(1, width + 1))
            digest = hashlib.sha256()
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
                digest.update(repr(row).encode())
            hashes[table] = digest.hexdigest()
    return hashes


def _query(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def test_the_suite_sees_the_demo_at_its_own_as_at_date(demo_template: Path) -> None:
    assert DEMO_TODAY == DEMO_AS_AT
    assert _query(demo_template, "SELECT as_at_date FROM board") == [(DEMO_AS_AT.isoformat(),)]


def test_same_seed_and_day_build_identical_rows(tmp_path: Path) -> None:
    first = build_demo(tmp_path / "a.db", actions=150, seed=7, today=DEMO_TODAY)
    second = build_demo(tmp_path / "b.db", actions=150, seed=7, today=DEMO_TODAY)
    assert first.actions == second.actions == 150
    a, b = _table_hashes(tmp_path / "a.db"), _table_hashes(tmp_path / "b.db")
    assert a == b
    assert len(a) >= 20


def test_another_seed_builds_another_plan(tmp_path: Path) -> None:
    build_demo(tmp_path / "a.db", actions=150, seed=7, today=DEMO_TODAY)
    build_demo(tmp_path / "b.db", actions=150, seed=8, today=DEMO_TODAY)
    a, b = _table_hashes(tmp_path / "a.db"), _table_hashes(tmp_path / "b.db")
    assert a["action"] != b["action"]
    assert a["inspection"] == b["inspection"]  # the public record does not depend on the seed


def test_public_record_is_present(demo_template: Path) -> None:
    ilacs = _query(demo_template, "SELECT id, start_date, overall_grade, status FROM inspection WHERE kind='ILACS'")
    assert len(ilacs) == 1
    ilacs_id, start, grade, status = ilacs[0]
    assert start.startswith("2022-07") and grade == "INADEQUATE" and status == "COMPLETED"
    grades = dict(_query(demo_template, "SELECT area, grade FROM inspectiongrade WHERE inspection_id=?", ilacs_id))
    assert grades["OVERALL"] == "INADEQUATE"
    assert {"LEADERS", "HELP_AND_PROTECTION", "CHILDREN_IN_CARE"} <= set(grades)
    recommendations = _query(
        demo_template, "SELECT count(*) FROM finding WHERE inspection_id=? AND kind='RECOMMENDATION'", ilacs_id)
    assert recommendations[0][0] >= 5

    visits = _query(
        demo_template,
        "SELECT number, substr(start_date, 1, 7), focus_area, published_date FROM inspection "
        "WHERE kind='MONITORING_VISIT' AND status='COMPLETED' ORDER BY start_date")
    assert [(n, month, focus) for n, month, focus, _ in visits] == [
        (1, "2023-02", "The Front Door (MASH, Duty and EDT)"),
        (2, "2023-07", "Children in Need and Children with a Child Protection Plan"),
        (3, "2023-11", "Care Leavers aged 18+"),
        (4, "2024-04", "Children in Care"),
        (5, "2024-07", "The Front Door (MASH, Duty and EDT)"),
    ]
    # Ofsted does not publish the first monitoring visit's letter; every later one is published.
    assert visits[0][3] is None and all(published for *_, published in visits[1:])
    for number, *_ in visits:
        kinds = {k for (k,) in _query(
            demo_template,
            "SELECT f.kind FROM finding f JOIN inspection i ON i.id=f.inspection_id "
            "WHERE i.kind='MONITORING_VISIT' AND i.number=?", number)}
        assert kinds == {"STRENGTH", "AREA_FOR_DEVELOPMENT"}

    planned = _query(demo_template, "SELECT number, start_date, ilacs_area FROM inspection "
                                    "WHERE status='EXPECTED' AND kind='MONITORING_VISIT'")
    assert len(planned) == 1
    number, start, area = planned[0]
    assert number == 6 and area == "CHILDREN_IN_CARE"
    assert 35 <= (date.fromisoformat(start) - DEMO_TODAY).days <= 49


def test_grant_and_its_lines_are_as_published(demo_template: Path) -> None:
    (grant_id, allocated, notes), = _query(demo_template, "SELECT id, allocated_pence, notes FROM \"grant\"")
    assert allocated == 342_752_00
    lines = _query(demo_template, "SELECT id, purpose, allocated_pence, spent_pence, owner_id FROM grantline "
                                  "WHERE grant_id=? ORDER BY sort_order", grant_id)
    assert [a for _i, _p, a, _s, _o in lines] == [86_000_00, 130_000_00, 92_000_00, 35_000_00]
    # The published split adds up to £248 more than the award: kept as published, and explained.
    assert sum(a for _i, _p, a, _s, _o in lines) == allocated + 248_00 and "£248" in notes
    assert all(0 <= spent <= a and owner for _i, _p, a, spent, owner in lines)
    linked = _query(demo_template, "SELECT grant_line_id, count(*) FROM grantlineaction GROUP BY grant_line_id")
    assert len(linked) == 4 and all(n >= 2 for _line, n in linked)


def test_spend_to_date_follows_the_as_at_date(demo_template: Path) -> None:
    from boardapp.demo.build import DEMO_AS_AT
    from boardapp.demo.funding import elapsed_share

    path = demo_template
    assert DEMO_TODAY == DEMO_AS_AT
    assert _query(path, "SELECT as_at_date FROM board") == [(DEMO_AS_AT.isoformat(),)]
    lines = dict(_query(path, "SELECT purpose, 1.0 * spent_pence / allocated_pence FROM grantline"))
    share = elapsed_share(DEMO_AS_AT)
    assert 0.70 < share < 0.75  # 11/09/2024 is 17 months into a two-year grant
    assert lines["Improvement specialist"] == pytest.approx(17 / 24, abs=1e-6)  # paid monthly
    assert share < lines["Case-management IT system"] < 0.9  # bought early
    assert 0.5 < lines["Quality-assurance learning programme"] < share  # spends late
    assert all(0.5 < s < 0.9 for s in lines.values())
    reviews = _query(path, "SELECT ref, review_date FROM risk WHERE status <> 'CLOSED' AND review_date < ?",
                     DEMO_AS_AT.isoformat())
    assert [r for r, _d in reviews] == ["R02", "R06"]


def test_file_passes_integrity_and_foreign_key_checks(demo_template: Path) -> None:
    assert _query(demo_template, "PRAGMA integrity_check") == [("ok",)]
    assert _query(demo_template, "PRAGMA foreign_key_check") == []


def test_plan_rows_are_consistent(demo_template: Path) -> None:
    rows = _query(demo_template, "SELECT ref, status, brag, progress, evidence_of_impact, start_date, due_date "
                                 "FROM action")
    assert len(rows) == 120
    for ref, status, brag, progress, evidence, start, due in rows:
        assert (brag == "BLUE") == (status == "COMPLETE"), ref
        if status == "COMPLETE":
            assert progress == 100 and evidence, ref
        if status == "NOT_STARTED":
            assert progress == 0, ref
        assert due >= start, ref
    brags = Counter(r[2] for r in rows)
    assert brags["RED"] and brags["AMBER"] and brags["GREEN"] and brags["BLUE"]
    per_action = _query(demo_template, "SELECT action_id, count(*) FROM actionupdate GROUP BY action_id")
    assert len(per_action) == 120 and all(1 <= n <= 5 for _, n in per_action)
    created = _query(demo_template, "SELECT count(*) FROM auditentry WHERE entity='action' AND field='created'")
    assert created == [(120,)]
    linked = _query(demo_template, "SELECT count(DISTINCT action_id) FROM actionfinding")[0][0]
    assert linked >= 90


def test_latest_update_matches_the_action(demo_template: Path) -> None:
    mismatched = _query(demo_template, """
        SELECT a.ref FROM action a JOIN actionupdate u ON u.action_id = a.id
        WHERE u.update_date = (SELECT max(update_date) FROM actionupdate WHERE action_id = a.id)
          AND (u.brag <> a.brag OR u.progress <> a.progress)""")
    assert mismatched == []


def test_direction_of_travel_has_better_worse_and_new(demo_template: Path) -> None:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.plan.register_read import list_action_rows

    engine = open_workspace(demo_template)
    try:
        with session_scope(engine) as session:
            rows = list_action_rows(session=session, today=DEMO_TODAY)
    finally:
        engine.dispose()
    directions = Counter(r.direction for r in rows)
    assert directions[Direction.BETTER] >= 3
    assert directions[Direction.WORSE] >= 3
    assert directions[Direction.NEW] >= 3
    assert directions[Direction.SAME] > directions[Direction.BETTER]
    assert any(r.overdue for r in rows)


def test_a_year_of_monthly_meetings_up_to_the_as_at_date(demo_template: Path) -> None:
    past = _query(demo_template, "SELECT meeting_date, status FROM meeting WHERE meeting_date < ? "
                                 "ORDER BY meeting_date", DEMO_TODAY.isoformat())
    days = [date.fromisoformat(d) for d, _s in past]
    assert len(past) == 12
    assert days[0] == date(2023, 9, 19) and days[-1] == date(2024, 8, 20)
    assert all(d.weekday() == 1 for d in days)  # Tuesdays
    assert [(d.year, d.month) for d in days] == [(2023, m) for m in range(9, 13)] + [(2024, m) for m in range(1, 9)]
    statuses = Counter(s for _d, s in past)
    assert statuses == {"HELD": 11, "CANCELLED": 1}
    assert [d for d, s in past if s == "CANCELLED"] == ["2024-04-23"]
    for table in ("attendance", "decision", "challengelogentry"):  # every held meeting has its record
        per_meeting = dict(_query(demo_template, f"SELECT m.id, count(t.meeting_id) FROM meeting m LEFT JOIN {table} t "
                                                 "ON t.meeting_id = m.id WHERE m.status = 'HELD' GROUP BY m.id"))
        assert len(per_meeting) == 11 and all(per_meeting.values()), table
    raised = _query(demo_template, "SELECT count(DISTINCT raised_at_meeting_id) FROM action")
    assert raised[0][0] >= 10  # actions arising at (nearly) every held meeting
    # Each held meeting's minutes were approved at the next held one; the last's wait for 24/09/2024.
    approved = _query(demo_template, "SELECT meeting_date, minutes_approved_on FROM meeting WHERE status = 'HELD' "
                                     "ORDER BY meeting_date")
    assert [a for _d, a in approved[:-1]] == [d for d, _a in approved[1:]] and approved[-1][1] is None

    (next_id, next_day, status), = _query(demo_template, "SELECT id, meeting_date, status FROM meeting "
                                                         "WHERE meeting_date >= ?", DEMO_TODAY.isoformat())
    assert (next_day, status) == ("2024-09-24", "PLANNED")
    sections = {s for (s,) in _query(demo_template, "SELECT pack_section FROM agendaitem WHERE meeting_id = ?", next_id)}
    assert {"minutes", "matters_arising", "action_log", "exceptions", "summary", "readiness", "scorecard", "risks",
            "funding", "challenge_log", "decisions"} <= sections
    papers = _query(demo_template, "SELECT title, page_count, late FROM paper WHERE meeting_id = ?", next_id)
    assert sorted(t for t, _p, _l in papers) == ["DCS progress and exception report", "Deep dive: workforce stability"]
    assert all(pages >= 2 and not late for _t, pages, late in papers)


def test_meetings_kpis_and_risks(demo_template: Path) -> None:
    (planned_day, start_time, place), = _query(
        demo_template, "SELECT meeting_date, start_time, place FROM meeting WHERE status='PLANNED'")
    assert 10 <= (date.fromisoformat(planned_day) - DEMO_TODAY).days <= 21
    assert start_time.startswith("10:00") and place
    no_minutes = _query(demo_template, """
        SELECT count(*) FROM agendaitem a JOIN meeting m ON m.id = a.meeting_id
        WHERE m.status = 'HELD' AND a.notes = ''""")
    assert no_minutes == [(0,)]
    assert _query(demo_template, "SELECT count(*) FROM attendance WHERE code='D' AND deputy_name=''") == [(0,)]
    values = _query(demo_template, "SELECT kpi_id, count(*), max(period) FROM kpivalue GROUP BY kpi_id")
    assert 10 <= len(values) <= 12
    assert all(n == 24 and last == "2024-08-01" for _, n, last in values)
    assert _query(demo_template, "SELECT count(*) FROM risk")[0][0] == 12
    statuses = dict(_query(demo_template, "SELECT status, count(*) FROM risk GROUP BY status"))
    assert statuses["OPEN"] >= 8 and statuses["MONITORING"] and statuses["CLOSED"]
    assert _query(demo_template, "SELECT count(*) FROM risk WHERE cause = '' OR effect = '' OR controls = '' "
                                 "OR theme_id IS NULL OR residual_likelihood * residual_impact > "
                                 "inherent_likelihood * inherent_impact") == [(0,)]


def test_refuses_an_existing_file_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    path.write_bytes(b"not a database")
    with pytest.raises(FileExistsError):
        build_demo(path, actions=5, today=DEMO_TODAY)
    assert path.read_bytes() == b"not a database"
    Path(f"{path}-wal").write_bytes(b"stale")
    summary = build_demo(path, actions=5, today=DEMO_TODAY, force=True)
    assert summary.actions == 5
    assert _query(path, "SELECT count(*) FROM action") == [(5,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


def test_a_failed_rebuild_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp.demo import build as demo

    path = tmp_path / "demo.db"
    build_demo(path, actions=5, today=DEMO_TODAY)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "bulk_insert", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build_demo(path, actions=9, today=DEMO_TODAY, force=True)
    assert _query(path, "SELECT count(*) FROM action") == [(5,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_rejects_a_bad_action_count(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError, match="actions"):
        build_demo(tmp_path / "demo.db", actions=bad, today=DEMO_TODAY)  # type: ignore[arg-type]
    assert not (tmp_path / "demo.db").exists()


def test_scales_to_two_thousand_actions(tmp_path: Path) -> None:
    summary = build_demo(tmp_path / "big.db", actions=2000, seed=3, today=DEMO_TODAY)
    assert isinstance(summary, DemoSummary)
    assert summary.actions == 2000
    assert _query(tmp_path / "big.db", "SELECT count(*), count(DISTINCT ref) FROM action") == [(2000, 2000)]
    assert summary.action_updates >= 2000
    assert _query(tmp_path / "big.db", "PRAGMA foreign_key_check") == []


def test_refuses_a_today_before_the_record_ends(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="on or after 01/09/2024"):
        build_demo(tmp_path / "demo.db", today=date(2024, 3, 1))
    assert not (tmp_path / "demo.db").exists()


def test_bulk_insert_stores_what_core_insert_stores(tmp_path: Path) -> None:
    """The fast path converts values with the columns' own bind processors: same bytes on disk."""
    import random

    from sqlalchemy import insert

    from boardapp.db.models import ALL_TABLES
    from boardapp.db.workspace import open_workspace
    from boardapp.demo.build import _build_rows, bulk_insert

    tables = _build_rows(random.Random(5), DEMO_TODAY, 40)
    for name, fast in (("fast.db", True), ("core.db", False)):
        engine = open_workspace(tmp_path / name, create=True)
        try:
            with engine.begin() as conn:
                for table in ALL_TABLES:
                    if rows := tables.get(table.name):
                        if fast:
                            bulk_insert(conn, table, rows)
                        else:
                            conn.execute(insert(table), rows)
        finally:
            engine.dispose()
    assert _table_hashes(tmp_path / "fast.db") == _table_hashes(tmp_path / "core.db")


def test_register_rows_agree_with_the_domain_rules(demo_template: Path) -> None:
    """The loader inlines the rules for speed; they must still say the same thing."""
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.domain.rules import days_left, direction_of_travel, is_overdue
    from boardapp.services.plan.register_read import list_action_rows

    engine = open_workspace(demo_template)
    try:
        with session_scope(engine) as session:
            rows = list_action_rows(session=session, today=DEMO_TODAY)
    finally:
        engine.dispose()
    for r in rows:
        assert r.overdue == is_overdue(r.due_date, r.revised_due_date, r.status, DEMO_TODAY), r.ref
        assert r.days_left == days_left(r.due_date, r.revised_due_date, DEMO_TODAY), r.ref
        assert r.direction == direction_of_travel(r.previous_brag, r.brag), r.ref


def test_the_plan_reads_true_at_its_as_at_date(demo_template: Path) -> None:
    """Issue 9, item 23: overdue actions are Red or Amber with a reason, none years overdue, every
    success measure is the one written for its action, and no two updates say the same thing."""
    from boardapp.demo.measures import TITLE_MEASURES

    overdue = _query(demo_template, """
        SELECT a.ref, a.brag, coalesce(a.revised_due_date, a.due_date), u.narrative FROM action a
        JOIN actionupdate u ON u.action_id = a.id
        WHERE a.status <> 'COMPLETE' AND coalesce(a.revised_due_date, a.due_date) < '2024-09-11'
          AND u.update_date = (SELECT max(update_date) FROM actionupdate WHERE action_id = a.id)""")
    assert overdue
    for ref, brag, due, narrative in overdue:
        assert brag in ("RED", "AMBER"), ref
        assert any(word in narrative for word in ("off track", "not delivered", "blocked", "no improvement",
                                                  "at risk", "slippage", "delaying", "slower")), (ref, narrative)
        assert date.fromisoformat(due) > date(2022, 9, 11), (ref, due)  # under two years overdue
    for ref, title, measure in _query(demo_template, "SELECT ref, title, success_measure FROM action"):
        written = TITLE_MEASURES[title.split(" (")[0]]
        head = written.split("{")[0]
        assert measure.startswith(head), (ref, title, measure)
    (updates, distinct), = _query(demo_template, "SELECT count(*), count(DISTINCT narrative) FROM actionupdate")
    assert updates == distinct
