"""Readiness arithmetic on hand-built rows: which findings are in focus and how the actions answering
them are counted (each once), what is due before the visit, the JSON contract, and the README."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from boardapp.domain.enums import Direction
from boardapp.services.inspections.readiness import (
    FIGURES, FindingInput, MeasureStatus, VisitRow, choose_next_visit, compute_readiness, ref_key,
)
from boardapp.services.plan.filters import natural_key
from boardapp.services.rows import ActionRow

TODAY = date(2024, 9, 11)
VISIT_START = date(2024, 10, 29)
JSON_KEYS = {
    "next_visit", "findings_in_focus", "findings_without_action", "linked_actions", "on_track_share", "red",
    "overdue", "due_after_visit", "without_evidence", "before_visit_by_owner",
}
NEXT_VISIT_KEYS = {"number", "kind", "start", "end", "focus_area", "days_to_go"}


def action(i: int, ref: str, *, brag: str = "GREEN", status: str = "IN_PROGRESS", due: date = date(2024, 12, 1),
           revised: date | None = None, owner: str = "Ann Owner", evidence: str = "", deleted: bool = False) -> ActionRow:
    effective = revised or due
    return ActionRow(
        id=i, ref=ref, title=f"Action {ref}", description="", how="", theme_id=None, theme_code="", theme_title="",
        owner_id=None, owner_name=owner, start_date=None, due_date=due, revised_due_date=revised, status=status,
        brag=brag, progress=50, success_measure="", evidence_of_impact=evidence, latest_update_date=None,
        latest_update="", previous_brag=brag, direction=Direction.SAME, days_left=(effective - TODAY).days,
        overdue=False, ilacs_areas=frozenset(), deleted=deleted, version=1,
    )


ILACS = VisitRow(1, "ILACS", None, date(2022, 7, 4), date(2022, 7, 15), "Full inspection", "OVERALL", "COMPLETED")
MV4 = VisitRow(2, "MONITORING_VISIT", 4, date(2024, 4, 16), date(2024, 4, 17), "Children in Care", "CHILDREN_IN_CARE",
               "COMPLETED")
MV6 = VisitRow(3, "MONITORING_VISIT", 6, VISIT_START, VISIT_START + timedelta(days=1), "Children in Care (re-visit)",
               "CHILDREN_IN_CARE", "EXPECTED")
REINSPECTION = VisitRow(4, "RE_INSPECTION", None, date(2025, 6, 16), date(2025, 6, 27), "Full re-inspection",
                        "OVERALL", "EXPECTED")
VISITS = [ILACS, MV4, MV6, REINSPECTION]

FINDINGS = [
    FindingInput(10, 1, "RECOMMENDATION", "Permanence planning", "CHILDREN_IN_CARE", 1),
    FindingInput(11, 1, "RECOMMENDATION", "Front door thresholds", "HELP_AND_PROTECTION", 2),  # another area
    FindingInput(12, 1, "STRENGTH", "Children are visited", "CHILDREN_IN_CARE", 3),  # a strength: not counted
    FindingInput(20, 2, "AREA_FOR_DEVELOPMENT", "Changes of social worker", "CHILDREN_IN_CARE", 1),
    FindingInput(21, 2, "AREA_FOR_DEVELOPMENT", "Life-story work", "CHILDREN_IN_CARE", 2),
]


def test_no_next_visit_gives_empty_figures_and_null_in_the_json() -> None:
    completed = [ILACS, MV4]
    r = compute_readiness(today=TODAY, visits=completed, findings=FINDINGS, links=[(10, 1)],
                          actions=[action(1, "T3.1", due=TODAY)])
    assert r.next_visit is None and r.days_to_go is None
    assert (r.findings, r.actions, r.before_visit) == ((), (), ())
    data = r.to_json()
    assert set(data) == JSON_KEYS and data["next_visit"] is None
    assert data["on_track_share"] == 0 and data["before_visit_by_owner"] == []
    assert all(data[f.key] == 0 for f in FIGURES)


def test_the_next_visit_is_the_earliest_expected_or_scheduled_not_over() -> None:
    assert choose_next_visit(VISITS, TODAY) == MV6
    assert choose_next_visit(VISITS, VISIT_START + timedelta(days=1)) == MV6  # still on site
    assert choose_next_visit(VISITS, VISIT_START + timedelta(days=2)) == REINSPECTION  # over: the next one
    cancelled = VisitRow(9, "MONITORING_VISIT", 7, date(2024, 10, 1), date(2024, 10, 2), "", None, "CANCELLED")
    assert choose_next_visit([*VISITS, cancelled], TODAY) == MV6
    assert choose_next_visit([ILACS, MV4], TODAY) is None


def test_a_visit_with_no_findings_in_its_area() -> None:
    care_leavers = VisitRow(3, "MONITORING_VISIT", 6, VISIT_START, VISIT_START, "Care leavers", "CARE_LEAVERS", "SCHEDULED")
    r = compute_readiness(today=TODAY, visits=[ILACS, MV4, care_leavers], findings=FINDINGS,
                          links=[(10, 1)], actions=[action(1, "T3.1", due=VISIT_START)])
    assert r.next_visit == care_leavers and r.days_to_go == 48
    assert r.count("findings_in_focus") == 0 and r.count("linked_actions") == 0 and r.on_track_share == 0.0
    assert r.value_text("on_track_share") == "—"
    assert [g.owner for g in r.before_visit] == ["Ann Owner"]  # what is due before it is still listed


def test_findings_in_focus_are_earlier_areas_for_development_and_recommendations_of_the_area() -> None:
    r = compute_readiness(today=TODAY, visits=VISITS, findings=FINDINGS, links=[], actions=[])
    assert [f.id for f in r.findings] == [10, 20, 21]  # oldest inspection first, each in its own order
    assert r.findings[0].inspection_label == "ILACS inspection (Jul 2022)"
    assert r.findings[1].inspection_short == "MV 4 Apr 2024"


def test_findings_with_no_actions_are_counted_and_listed() -> None:
    r = compute_readiness(today=TODAY, visits=VISITS, findings=FINDINGS,
                          links=[(10, 1), (21, 2)],
                          actions=[action(1, "T3.1"), action(2, "T3.2", deleted=True)])  # a deleted one answers nothing
    assert r.count("findings_in_focus") == 3
    assert r.finding_ids("findings_without_action") == (20, 21)
    assert r.count("findings_without_action") == 2 and r.count("linked_actions") == 1


def test_an_action_linked_to_two_findings_is_counted_once() -> None:
    actions = [
        action(1, "T3.10", brag="RED", due=date(2024, 9, 1)),  # red and overdue, answers three findings
        action(2, "T3.2", brag="GREEN", evidence="Fewer moves"),
        action(3, "T3.9", brag="BLUE", status="COMPLETE", due=date(2025, 1, 1), evidence="Done"),
        action(4, "T1.1", brag="AMBER"),  # answers only a finding of another area: not linked here
    ]
    links = [(10, 1), (20, 1), (21, 1), (20, 2), (10, 3), (11, 4)]
    r = compute_readiness(today=TODAY, visits=VISITS, findings=FINDINGS, links=links, actions=actions)
    assert [a.row.ref for a in r.actions] == ["T3.2", "T3.9", "T3.10"]  # natural ref order, once each
    assert r.count("linked_actions") == 3
    assert r.action(1).finding_ids == (10, 20, 21)  # type: ignore[union-attr]
    assert r.count("red") == 1 and r.count("overdue") == 1
    assert r.on_track_share == pytest.approx(2 / 3) and r.value_text("on_track_share") == "67%"
    assert r.action_ids("without_evidence") == (1,)
    assert r.count("due_after_visit") == 1  # T3.2 (1 Dec); T3.9 is complete, T3.10 due before
    assert r.to_json()["on_track_share"] == 0.6667


def test_an_action_due_the_day_of_the_visit_is_due_before_it() -> None:
    actions = [
        action(1, "T3.1", due=VISIT_START, owner="Bea"),  # on the first day: before the visit
        action(2, "T3.2", due=date(2024, 9, 1), revised=VISIT_START + timedelta(days=1), owner="Bea"),  # revised: after
        action(3, "T3.3", due=date(2024, 10, 1), owner=""),  # unassigned
        action(4, "T3.4", due=date(2024, 10, 2), status="COMPLETE", brag="BLUE", owner="Bea"),  # complete: not listed
        action(5, "T2.10", due=date(2024, 10, 20), owner="Al"),
        action(6, "T2.9", due=date(2024, 10, 20), owner="Al"),
    ]
    r = compute_readiness(today=TODAY, visits=VISITS, findings=FINDINGS, links=[(10, 1), (10, 2)], actions=actions)
    assert r.action_ids("due_after_visit") == (2,)
    assert not r.action(1).due_after_visit and not r.action(1).overdue  # type: ignore[union-attr]
    assert [(g.owner, [a.ref for a in g.actions]) for g in r.before_visit] == [
        ("Al", ["T2.9", "T2.10"]), ("Bea", ["T3.1"]), ("Unassigned", ["T3.3"])]
    assert r.before_visit_count == 4  # every open action of the plan due by then, linked or not
    assert r.to_json()["before_visit_by_owner"] == [
        {"owner": "Al", "actions": ["T2.9", "T2.10"]}, {"owner": "Bea", "actions": ["T3.1"]},
        {"owner": "Unassigned", "actions": ["T3.3"]}]


def test_a_full_reinspection_looks_at_every_area_and_cancelled_visits_are_not_earlier_findings() -> None:
    cancelled = VisitRow(5, "FOCUSED_VISIT", None, date(2024, 6, 1), date(2024, 6, 2), "", "CHILDREN_IN_CARE",
                         "CANCELLED")
    findings = [*FINDINGS, FindingInput(30, 5, "AREA_FOR_DEVELOPMENT", "Never found", "CHILDREN_IN_CARE")]
    r = compute_readiness(today=date(2024, 11, 1), visits=[*VISITS, cancelled], findings=findings, links=[],
                          actions=[])
    assert r.next_visit == REINSPECTION
    assert [f.id for f in r.findings] == [10, 11, 20, 21]  # every area; not the cancelled visit's


def test_measures_travel_with_their_actions_and_read_as_value_against_target() -> None:
    measure = MeasureStatus(7, "K09", "Children with 3 or more social workers", "%", date(2024, 8, 1), 11.3, 10.0,
                            None, "Amber")
    r = compute_readiness(today=TODAY, visits=VISITS, findings=FINDINGS, links=[(10, 1)], actions=[action(1, "T3.1")],
                          action_measures={1: [measure]})
    assert r.actions[0].measures == (measure,)
    assert measure.text == "K09 11.3% (target 10%): no RAG"


def test_json_has_exactly_the_keys_of_the_contract() -> None:
    r = compute_readiness(today=TODAY, visits=VISITS, findings=FINDINGS, links=[(10, 1)], actions=[action(1, "T3.1")])
    data = json.loads(json.dumps(r.to_json()))
    assert set(data) == JSON_KEYS
    assert set(data["next_visit"]) == NEXT_VISIT_KEYS
    assert data["next_visit"] == {"number": 6, "kind": "MONITORING_VISIT", "start": "2024-10-29", "end": "2024-10-30",
                                  "focus_area": "Children in Care (re-visit)", "days_to_go": 48}
    assert 0 <= data["on_track_share"] <= 1


def test_ref_order_is_the_registers_natural_order() -> None:
    refs = ["T4.10", "T4.2", "T10.1", "T4.1", "A.3", "T2.9", "t4.3", "X", "T4.2a"]
    assert sorted(refs, key=ref_key) == sorted(refs, key=natural_key)


def test_the_readme_gives_every_figures_exact_definition() -> None:
    readme = " ".join((Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8").split())
    for figure in FIGURES:
        assert f"**{figure.caption}** — {figure.definition}" in readme, figure.key
