"""Writing a comparators import: one transaction, undo puts back what it replaced, measures are checked."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dfe_files import ees_text, neighbours_text
from sqlmodel import Session, select

from boardapp.db.models import Comparator, Kpi, KpiValue
from boardapp.exchange.dfe_comparators import work_out_comparators
from boardapp.exchange.dfe_stats import read_ees_csv, read_neighbours_csv
from boardapp.services.performance.comparators import comparator_series
from boardapp.services.performance.comparators_write import (
    ComparatorImportError,
    apply_comparator_import,
    check_comparator_import,
    undo_comparator_import,
)
from boardapp.services.transaction import ConflictError


@pytest.fixture
def demo_session(demo_path: Path) -> Iterator[Session]:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace

    engine = open_workspace(demo_path)
    with session_scope(engine) as s:
        yield s
    engine.dispose()


def _data(mapping: list[tuple[str, str]], *, own: bool = True, source: str = "test import"):  # type: ignore[no-untyped-def]
    table = read_ees_csv(ees_text(), name="ees.csv")
    groups = read_neighbours_csv(neighbours_text(), name="sn.csv")
    return work_out_comparators(table, groups, "999", mapping, own=own, source=source)


def _snapshot(session: Session) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
    session.rollback()
    comparators = sorted((c.kpi_id, c.period, c.england, c.region, c.neighbours, c.own, c.source)
                         for c in session.exec(select(Comparator)))
    values = sorted((v.kpi_id, v.period, v.value, v.note) for v in session.exec(select(KpiValue)))
    return comparators, values


def _kpi_id(session: Session, code: str) -> int:
    kpi = session.exec(select(Kpi).where(Kpi.code == code)).one()
    assert kpi.id is not None
    return kpi.id


def test_apply_then_undo_restores_everything(demo_session: Session) -> None:
    k08 = _kpi_id(demo_session, "K08")
    # the import replaces a row that already exists for one of its periods
    demo_session.add(Comparator(kpi_id=k08, period="2023", england=1.0, source="older import"))
    demo_session.commit()
    before = _snapshot(demo_session)
    applied = apply_comparator_import(_data([("K08", "agency_rate_fte")]), session=demo_session, who="Tester")
    assert applied.periods == 2 and len(applied.added_values) == 1  # March 2022 had no value; March 2023 does
    series = comparator_series(demo_session, k08)
    assert [(r.period, r.england, r.neighbours_used) for r in series if r.period in ("2022", "2023")] == [
        ("2022", 17.5, 9), ("2023", 17.9, 8)]
    undo_comparator_import(applied, session=demo_session, who="Tester")
    assert _snapshot(demo_session) == before


def test_undo_after_a_later_import_is_a_conflict(demo_session: Session) -> None:
    first = apply_comparator_import(_data([("K08", "agency_rate_fte")], source="first"), session=demo_session, who="T")
    apply_comparator_import(_data([("K08", "agency_rate_fte")], source="second"), session=demo_session, who="T")
    after = _snapshot(demo_session)
    with pytest.raises(ConflictError, match="imported again since"):
        undo_comparator_import(first, session=demo_session, who="T")
    assert _snapshot(demo_session) == after


def test_unknown_measure_writes_nothing(demo_session: Session) -> None:
    before = _snapshot(demo_session)
    data = _data([("K08", "agency_rate_fte"), ("NOPE", "caseload_fte")])
    with pytest.raises(ComparatorImportError, match="unknown measure 'NOPE'.*K01, K02"):
        apply_comparator_import(data, session=demo_session, who="T")
    assert _snapshot(demo_session) == before


def test_measure_codes_match_regardless_of_case(demo_session: Session) -> None:
    checked = check_comparator_import(_data([("k08", "agency_rate_fte")]), session=demo_session)
    assert checked.measures[0].measure == "K08" and checked.measures[0].kpi_id == _kpi_id(demo_session, "K08")
