"""The demo's meetings: one cancelled, actions arising linked to the meeting and item, papers it can make."""
from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader


def _query(path: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def test_one_meeting_was_cancelled_and_records_nothing(demo_template: Path) -> None:
    cancelled = _query(demo_template, "SELECT id FROM meeting WHERE status = 'CANCELLED'")
    assert len(cancelled) == 1
    (meeting_id,), = cancelled
    for table in ("attendance", "decision", "challengelogentry"):
        assert _query(demo_template, f"SELECT count(*) FROM {table} WHERE meeting_id = {meeting_id}") == [(0,)]


def test_actions_arising_link_back_to_a_held_meeting_and_its_item(demo_template: Path) -> None:
    rows = _query(demo_template, """
        SELECT a.created_at, m.meeting_date, m.status, i.meeting_id = m.id FROM action a
        JOIN meeting m ON m.id = a.raised_at_meeting_id JOIN agendaitem i ON i.id = a.raised_at_item_id""")
    assert len(rows) >= 10
    assert all(status == "HELD" and same_meeting == 1 and created[:10] > day for created, day, status, same_meeting in rows)


def test_the_next_meetings_papers_are_readable_pdfs_of_two_pages_or_more() -> None:
    from boardapp.demo.papers import build_papers

    papers = build_papers(1, date(2024, 9, 24), {"dcs": 5, "workforce": 6}, {"dcs": "R O", "workforce": "S T"},
                          date(2024, 9, 11))
    assert [p["title"] for p in papers] == ["DCS progress and exception report", "Deep dive: workforce stability"]
    for paper in papers:
        reader = PdfReader(io.BytesIO(paper["content"]))  # type: ignore[arg-type]
        assert len(reader.pages) == paper["page_count"] >= 2 and not paper["late"]
    again = build_papers(1, date(2024, 9, 24), {"dcs": 5, "workforce": 6}, {"dcs": "R O", "workforce": "S T"},
                         date(2024, 9, 11))
    assert [p["sha256"] for p in again] == [p["sha256"] for p in papers]  # the demo is deterministic


def test_the_next_meetings_papers_were_added_on_the_as_at_date_and_are_not_late(demo_template: Path) -> None:
    """What build_papers' docstring says: added at 09:00 on the demo's as-at date, before the pack went out."""
    from boardapp.demo.build import DEMO_AS_AT

    rows = _query(demo_template, """
        SELECT p.added_at, p.late, m.meeting_date, m.status, m.pack_issued_at FROM paper p
        JOIN meeting m ON m.id = p.meeting_id""")
    assert len(rows) == 2
    for added_at, late, meeting_day, status, pack_issued_at in rows:
        assert added_at.startswith(f"{DEMO_AS_AT.isoformat()} 09:00") and not late
        assert status == "PLANNED" and pack_issued_at is None and meeting_day > DEMO_AS_AT.isoformat()


def test_only_held_meetings_have_brag_snapshots_of_the_actions_then(demo_template: Path) -> None:
    per_meeting = dict(_query(demo_template, """
        SELECT m.id, count(s.action_id) FROM meeting m LEFT JOIN bragsnapshot s ON s.meeting_id = m.id
        GROUP BY m.id"""))
    held = {i for (i,) in _query(demo_template, "SELECT id FROM meeting WHERE status = 'HELD'")}
    assert len(held) == 11
    assert {i for i, n in per_meeting.items() if n} == held  # not the cancelled one, nor the next
    # Each snapshot holds exactly the actions that existed at the end of the meeting's day.
    existing = dict(_query(demo_template, """
        SELECT m.id, (SELECT count(*) FROM action a WHERE a.created_at <= m.meeting_date || ' 23:59:59.999999')
        FROM meeting m WHERE m.status = 'HELD'"""))
    assert {i: per_meeting[i] for i in held} == existing
    assert _query(demo_template, """
        SELECT count(*) FROM bragsnapshot s JOIN action a ON a.id = s.action_id
        WHERE (s.brag = 'BLUE') <> (s.status = 'COMPLETE') OR (s.status = 'NOT_STARTED' AND s.progress <> 0)""") == [(0,)]


def test_moved_since_each_held_meeting_is_the_same_from_its_snapshot_as_from_the_audit_trail(
    demo_template: Path, tmp_path: Path,
) -> None:
    """The snapshot is the firm baseline; without it the register works the BRAG at the meeting out
    of the audit trail. For the demo (built from that trail) both agree, action by action."""
    from boardapp.services.plan.register_read import direction_baseline, list_action_rows

    without = tmp_path / "without.db"
    with closing(sqlite3.connect(demo_template)) as src, closing(sqlite3.connect(without)) as dst:
        src.backup(dst)
        dst.execute("DELETE FROM bragsnapshot")
        dst.commit()
    held = _query(demo_template, "SELECT id, meeting_date FROM meeting WHERE status = 'HELD' ORDER BY meeting_date")
    moved = 0
    for meeting_id, day in held:
        after = date.fromisoformat(day) + timedelta(days=1)
        with closing(sqlite3.connect(demo_template)) as snap, closing(sqlite3.connect(without)) as audit:
            assert direction_baseline(session=snap, today=after).snapshot_meeting_id == meeting_id
            assert direction_baseline(session=audit, today=after).snapshot_meeting_id is None
            from_snapshot = [(r.id, r.previous_brag, r.direction) for r in list_action_rows(session=snap, today=after)]
            from_audit = [(r.id, r.previous_brag, r.direction) for r in list_action_rows(session=audit, today=after)]
        assert from_snapshot == from_audit, day
        moved += sum(d != "SAME" for _i, _p, d in from_snapshot)
    assert moved  # the comparison is not between two lists of "same"
