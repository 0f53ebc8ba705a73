"""Measures and figures: validated by field, one transaction each, audited; a pasted block is one write."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from boardapp.db.models import ActionKpi, AuditEntry, FindingKpi, KpiValue
from boardapp.db.workspace import open_workspace
from boardapp.domain.kpi import Rag
from boardapp.domain.rules import ValidationError
from boardapp.services.performance import links, measures, values
from boardapp.services.performance.queries import scorecard
from boardapp.services.performance.values import Cell, FigureChange
from boardapp.services.transaction import ConflictError

WHO = "Test Secretary"


@pytest.fixture
def session(demo_path: Path) -> Iterator[Session]:
    engine = open_workspace(demo_path)
    with Session(engine) as s:
        yield s
    engine.dispose()


def _by_code(session: Session) -> dict[str, measures.MeasureRow]:
    return {m.code: m for m in measures.list_measures(session=session)}


def test_add_a_measure_and_it_reaches_the_scorecard_at_the_end(session: Session) -> None:
    row = measures.create_measure(session=session, who=WHO, code="K13", title="Care leavers with a pathway plan",
                                  unit="%", polarity="HIGHER_IS_BETTER", target=95, floor=90,
                                  period_note="rolling 12 months", source_note="LCS report 14")
    assert row.code == "K13" and row.target == 95.0 and row.floor == 90.0 and row.sort_order == 13
    assert scorecard(session=session)[-1].code == "K13"
    audit = session.exec(select(AuditEntry).where(AuditEntry.entity == "kpi", AuditEntry.entity_id == row.id)).all()
    assert [(a.field, a.new) for a in audit] == [("created", "K13")]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [({"code": ""}, "code", "needs a code"), ({"code": "K01"}, "code", "already used"),
     ({"title": " "}, "title", "needs a name"), ({"target": 95, "floor": 97}, "floor", "at or below the target"),
     ({"polarity": "LOWER_IS_BETTER", "target": 20, "floor": 18}, "floor", "at or above the target"),
     ({"floor": 80}, "floor", "set a target first"), ({"target": 120}, "target", "more than 100"),
     ({"polarity": "SIDEWAYS"}, "polarity", "higher is better"), ({"owner_id": 9999}, "owner_id", "no person")],
)
def test_bad_measures_are_refused_naming_the_field(session: Session, fields: dict, field: str, words: str) -> None:
    base = {"code": "K13", "title": "Measure", "unit": "%"} | fields
    count = session.exec(select(func.count()).select_from(KpiValue)).one()
    with pytest.raises(ValidationError) as caught:
        measures.create_measure(session=session, who=WHO, **base)
    assert caught.value.field == field and words in caught.value.message
    assert "K13" not in _by_code(session)
    assert session.exec(select(func.count()).select_from(KpiValue)).one() == count


def test_edit_checks_the_floor_against_the_new_target_and_the_version(session: Session) -> None:
    k01 = _by_code(session)["K01"]
    with pytest.raises(ValidationError, match="floor must be at or below the target"):
        measures.update_measure(k01.id, {"target": 80.0}, session=session, who=WHO)  # floor 93 above it
    edited = measures.update_measure(k01.id, {"target": 96.0, "floor": 90.0}, session=session, who=WHO,
                                     expected_version=k01.version)
    assert (edited.target, edited.floor, edited.version) == (96.0, 90.0, k01.version + 1)
    with pytest.raises(ConflictError):
        measures.update_measure(k01.id, {"title": "x"}, session=session, who=WHO, expected_version=k01.version)


def test_retire_hides_from_the_scorecard_and_keeps_the_figures(session: Session) -> None:
    k12 = _by_code(session)["K12"]
    measures.set_retired(k12.id, True, session=session, who=WHO)
    assert "K12" not in [r.code for r in scorecard(session=session)]
    assert session.exec(select(func.count()).select_from(KpiValue).where(KpiValue.kpi_id == k12.id)).one() == 24
    assert measures.set_retired(k12.id, False, session=session, who=WHO).retired_at is None
    assert "K12" in [r.code for r in scorecard(session=session)]


def test_reorder_returns_the_old_order(session: Session) -> None:
    rows = measures.list_measures(session=session)
    ids = [m.id for m in rows]
    before = measures.reorder_measures([ids[1], ids[0]], session=session, who=WHO)
    assert before == ids
    assert [m.id for m in measures.list_measures(session=session)][:3] == [ids[1], ids[0], ids[2]]
    measures.reorder_measures(before, session=session, who=WHO)
    assert [m.id for m in measures.list_measures(session=session)] == ids


def test_set_figures_writes_a_block_and_hands_back_what_was_there(session: Session) -> None:
    k01, k08 = _by_code(session)["K01"], _by_code(session)["K08"]
    sep, aug = date(2024, 9, 1), date(2024, 8, 1)
    grid = values.values_grid(session=session, today=date(2024, 9, 11))
    assert grid.periods[-1] == sep and len(grid.periods) >= 24 and grid.cell(k01.id, sep).empty
    old_aug = grid.cell(k08.id, aug)
    before = values.set_figures([FigureChange(k01.id, sep, Cell(96.0)), FigureChange(k08.id, aug, Cell(None, "c"))],
                                session=session, who=WHO)
    assert before == [FigureChange(k01.id, sep, Cell()), FigureChange(k08.id, aug, old_aug)]
    row = {r.code: r for r in scorecard(session=session)}
    assert row["K01"].latest_period == sep and row["K01"].latest_value == 96.0 and row["K01"].rag is Rag.GREEN
    assert row["K08"].latest_period == date(2024, 7, 1)  # "not published" is no value, never zero
    stored = session.exec(select(KpiValue).where(KpiValue.kpi_id == k08.id, KpiValue.period == aug)).one()
    assert stored.value is None and stored.mark == "c"
    fields = session.exec(select(AuditEntry.field).where(AuditEntry.field.like("value %"))).all()  # type: ignore[attr-defined]
    assert sorted(fields) == ["value 2024-08", "value 2024-09"]
    # the undo: put back what was there, checking the cells still hold what this wrote
    values.set_figures(before, session=session, who=WHO, expected=[FigureChange(k01.id, sep, Cell(96.0))])
    assert values.values_grid(session=session, today=date(2024, 9, 11)).cell(k08.id, aug) == old_aug
    assert session.exec(select(KpiValue).where(KpiValue.kpi_id == k01.id, KpiValue.period == sep)).first() is None


def test_an_undo_of_a_cell_changed_elsewhere_is_refused(session: Session) -> None:
    k01 = _by_code(session)["K01"]
    sep = date(2024, 9, 1)
    values.set_figures([FigureChange(k01.id, sep, Cell(97.0))], session=session, who=WHO)
    with pytest.raises(ConflictError, match="K01 for Sep 2024 was changed since"):
        values.set_figures([FigureChange(k01.id, sep, Cell())], session=session, who=WHO,
                           expected=[FigureChange(k01.id, sep, Cell(96.0))])
    assert values.values_grid(session=session, today=sep).cell(k01.id, sep) == Cell(97.0)


def test_direction_against_last_year_and_the_latest_comparators(session: Session) -> None:
    for row in scorecard(session=session):
        assert row.year_ago_value is not None and row.year_direction is not None
        assert row.comparator_period == "2023-24" and row.england is not None


def test_links_from_the_measure_side_both_ways(session: Session) -> None:
    k07 = _by_code(session)["K07"]
    actions = links.action_choices(session=session)
    findings = links.finding_choices(session=session)
    assert actions and findings and "Monitoring visit" in findings[0].label
    before = links.set_kpi_links(k07.id, session=session, who=WHO, action_ids={actions[0].id, actions[1].id},
                                 finding_ids={findings[0].id})
    now = links.kpi_links(k07.id, session=session)
    assert now.action_ids == {actions[0].id, actions[1].id} and now.finding_ids == {findings[0].id}
    assert session.exec(select(ActionKpi).where(ActionKpi.kpi_id == k07.id,
                                                ActionKpi.action_id == actions[0].id)).first() is not None
    assert session.exec(select(FindingKpi).where(FindingKpi.kpi_id == k07.id)).first() is not None
    links.set_kpi_links(k07.id, session=session, who=WHO, action_ids=before.action_ids, finding_ids=before.finding_ids)
    assert links.kpi_links(k07.id, session=session) == before
    with pytest.raises(ValidationError, match="no finding with id 99999"):
        links.set_kpi_links(k07.id, session=session, who=WHO, finding_ids={99999})
