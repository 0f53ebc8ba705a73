"""The demo's meetings: one cancelled, actions arising linked to the meeting and item, papers it can make."""
from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import date
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
