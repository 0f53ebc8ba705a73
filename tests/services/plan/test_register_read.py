"""The register's fast read: the same rows whichever path reads them, in natural ref order."""
from __future__ import annotations

import gc
import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from boardapp.domain.enums import Direction
from boardapp.services.plan import register_read as action_rows
from boardapp.services.plan.filters import natural_key, natural_ref_order, natural_ref_positions
from boardapp.services.plan.gc_pause import paused_gc
from boardapp.services.plan.summary import summarise
from boardapp.services.plan.snapshot import read_snapshot

TODAY = date(2024, 9, 11)  # the day tests/conftest.py pins the demo template to


# -- natural ref order -------------------------------------------------------------------------

usual_refs = st.builds(lambda letter, a, b: f"{letter}{a}.{b}", st.sampled_from("TtAbZ"),
                       st.integers(0, 120).map(str) | st.just("007"), st.integers(0, 3000).map(str))
any_refs = usual_refs | st.text(alphabet="Tt0123456789.-AB ", max_size=8)


@settings(max_examples=200, deadline=None)
@given(refs=st.lists(usual_refs, max_size=40) | st.lists(any_refs, max_size=40))
def test_natural_ref_positions_order_refs_as_natural_key_does(refs: list[str]) -> None:
    expected = sorted(range(len(refs)), key=lambda i: natural_key(refs[i]))  # stable, like the fast path
    assert natural_ref_positions(refs) == expected


def test_refs_sort_by_their_numbers_not_their_text() -> None:
    refs = ["T2.10", "T10.1", "T2.9", "t2.2", "T1.100"]
    assert [refs[i] for i in natural_ref_positions(refs)] == ["T1.100", "t2.2", "T2.9", "T2.10", "T10.1"]


# -- one read, several paths --------------------------------------------------------------------

def _by_id(rows: list[action_rows.ActionRow]) -> dict[int, action_rows.ActionRow]:
    return {r.id: r for r in rows}


@pytest.mark.parametrize("today", [TODAY, date(2026, 6, 1), date(2027, 3, 1)])
def test_the_whole_plan_read_alongside_matches_reading_rows_by_id(session: Session, today: date) -> None:
    whole = action_rows.list_action_rows(session=session, today=today, include_deleted=True)
    ids = [r.id for r in whole]
    by_id = action_rows.list_action_rows(session=session, today=today, include_deleted=True, ids=ids)  # one connection
    assert len(whole) > 100 and _by_id(whole) == _by_id(by_id)
    assert {r.direction for r in whole} >= {Direction.SAME}
    assert any(r.latest_update for r in whole) and any(r.ilacs_areas for r in whole)


def test_without_json_the_side_facts_are_read_in_turn(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = action_rows.list_action_rows(session=session, today=TODAY, include_deleted=True)
    monkeypatch.setattr(action_rows, "_as_json", lambda sql, *columns: "SELECT no_such_json_function(1)")
    assert action_rows.list_action_rows(session=session, today=TODAY, include_deleted=True) == expected


def test_by_ref_gives_the_same_rows_in_natural_ref_order(session: Session) -> None:
    register = action_rows.list_action_rows(session=session, today=TODAY, include_deleted=True)
    by_ref = action_rows.list_action_rows(session=session, today=TODAY, include_deleted=True, by_ref=True)
    assert by_ref == natural_ref_order(register)
    live = action_rows.list_action_rows(session=session, today=TODAY, by_ref=True)
    assert live == [r for r in by_ref if not r.deleted]


def test_rows_share_one_object_per_brag_and_status_word(session: Session) -> None:
    rows = action_rows.list_action_rows(session=session, today=TODAY)
    assert len({id(r.brag) for r in rows}) <= 4
    assert len({id(r.status) for r in rows}) <= len({r.status for r in rows})


def test_the_snapshot_carries_the_dashboards_figures(session: Session) -> None:
    snapshot = read_snapshot(session=session, today=TODAY, with_plan_summary=True)
    assert snapshot.rows == natural_ref_order(action_rows.list_action_rows(session=session, today=TODAY, include_deleted=True))
    assert snapshot.plan == summarise(snapshot.rows, today=TODAY, next_visit_start=snapshot.context.next_visit_start)
    assert snapshot.workspace.next_visit is not None
    assert snapshot.focus_text == snapshot.workspace.next_visit.focus_area
    assert read_snapshot(session=session, today=TODAY).plan is None


def test_without_a_file_the_side_facts_are_read_on_the_same_connection() -> None:
    """An in-memory database has no file for a second connection: they are read on the caller's."""
    db = sqlite3.connect(":memory:")
    facts = action_rows._side_facts_alongside(db, None)  # noqa: SLF001
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        facts()
    db.close()


# -- pausing the collector ---------------------------------------------------------------------

def test_paused_gc_nests_and_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("a failed read")
    assert gc.isenabled()


def test_paused_gc_leaves_a_collector_that_was_off_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
