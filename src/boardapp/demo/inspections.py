"""The demo's inspections: the ILACS judgement, the five published monitoring visits, the sixth
visit expected (a re-visit of Children in Care) and the re-inspection expected after it."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from boardapp.demo import record as data
from boardapp.domain.enums import ActionStatus, InspectionKind, InspectionStatus
from boardapp.domain.inspections import NEEDS_ACTION

Row = dict[str, Any]

NEXT_VISIT_WEEKS = 6
#: The re-inspection is expected about nine months after the demo's as-at date (June 2025 for 11/09/2024).
REINSPECTION_WEEKS = 39
#: An ILACS is two weeks on site: Monday of the first week to Friday of the second.
REINSPECTION_DAYS_ON_SITE = 12


def next_visit_start(today: date) -> date:
    """About six weeks ahead, on a Tuesday (visits are two days on site)."""
    day = today + timedelta(weeks=NEXT_VISIT_WEEKS)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def reinspection_start(today: date) -> date:
    """About nine months ahead, on a Monday."""
    day = today + timedelta(weeks=REINSPECTION_WEEKS)
    return day + timedelta(days=(0 - day.weekday()) % 7)


def build_inspections(tables: dict[str, list[Row]], next_visit: date,
                      today: date | None = None) -> dict[str, list[tuple[date, int]]]:
    """The record's inspections with their findings, the next visit and the re-inspection expected.

    Returns, per ILACS area, (date the finding was known, finding id) of every area for
    development and recommendation: what the plan's actions can answer.
    """
    inspections: list[Row] = []
    findings: list[Row] = []
    by_area: dict[str, list[tuple[date, int]]] = {}
    specs = [(data.ILACS, data.ILACS_FINDINGS)] + list(zip(data.MONITORING_VISITS, data.MV_FINDINGS))
    for inspection_id, (spec, spec_findings) in enumerate(specs, start=1):
        inspections.append({
            "id": inspection_id, "kind": spec.kind, "number": spec.number, "start_date": spec.start,
            "end_date": spec.end, "focus_area": spec.focus, "ilacs_area": spec.area,
            "status": InspectionStatus.COMPLETED.value, "published_date": spec.published,
            "letter_published": spec.published is not None,
            "overall_grade": "INADEQUATE" if spec.kind == InspectionKind.ILACS else None,
            "summary": spec.summary, "version": 1,
        })
        for order, (kind, area, text) in enumerate(spec_findings, start=1):
            finding_id = len(findings) + 1
            findings.append({"id": finding_id, "inspection_id": inspection_id, "kind": kind, "text": text,
                             "ilacs_area": area, "sort_order": order, "version": 1})
            if kind != data.STRENGTH:
                by_area.setdefault(area, []).append((spec.published or spec.end, finding_id))
    inspections.append({
        "id": len(inspections) + 1, "kind": InspectionKind.MONITORING_VISIT.value,
        "number": len(data.MONITORING_VISITS) + 1, "start_date": next_visit,
        "end_date": next_visit + timedelta(days=1), "focus_area": data.NEXT_VISIT_FOCUS,
        "ilacs_area": data.NEXT_VISIT_AREA, "status": InspectionStatus.EXPECTED.value, "published_date": None,
        "letter_published": False, "overall_grade": None,
        "summary": "Expected: Ofsted gives five working days' notice of the dates.", "version": 1,
    })
    reinspection = reinspection_start(today or next_visit - timedelta(weeks=NEXT_VISIT_WEEKS))
    inspections.append({
        "id": len(inspections) + 1, "kind": InspectionKind.RE_INSPECTION.value, "number": None,
        "start_date": reinspection, "end_date": reinspection + timedelta(days=REINSPECTION_DAYS_ON_SITE - 1),
        "focus_area": data.REINSPECTION_FOCUS, "ilacs_area": data.REINSPECTION_AREA,
        "status": InspectionStatus.EXPECTED.value, "published_date": None, "letter_published": False,
        "overall_grade": None, "summary": "Expected after the monitoring visits: a full ILACS inspection.",
        "version": 1,
    })
    tables["inspection"] = inspections
    tables["finding"] = findings
    tables["inspectiongrade"] = [
        {"id": i, "inspection_id": 1, "area": area, "grade": grade}
        for i, (area, grade) in enumerate(data.ILACS_GRADES, start=1)
    ]
    return by_area


def answer_every_finding(tables: dict[str, list[Row]]) -> None:
    """Link every area for development and recommendation to at least one action of its area, and
    each to an open one where its area has open actions (the plan's own links are random).

    Deterministic: the action chosen is the open one of a theme in the finding's area answering the
    fewest findings so far (then the lowest id). Adds links only; never removes the plan's.
    """
    theme_area = {t["id"]: t["ilacs_area"] for t in tables.get("theme", [])}
    actions = [a for a in tables.get("action", []) if a.get("deleted_at") is None]
    status = {a["id"]: a["status"] for a in actions}
    links: list[Row] = tables.setdefault("actionfinding", [])
    answered: dict[int, set[int]] = {}
    load: dict[int, int] = {a["id"]: 0 for a in actions}
    for link in links:
        answered.setdefault(link["finding_id"], set()).add(link["action_id"])
        if link["action_id"] in load:
            load[link["action_id"]] += 1
    for finding in tables.get("finding", []):
        if finding["kind"] not in NEEDS_ACTION:
            continue
        mine = answered.setdefault(finding["id"], set())
        if any(status.get(a, ActionStatus.COMPLETE) != ActionStatus.COMPLETE for a in mine):
            continue
        pool = [a["id"] for a in actions if theme_area.get(a.get("theme_id")) == finding["ilacs_area"]
                and a["id"] not in mine]
        open_pool = [a for a in pool if status[a] != ActionStatus.COMPLETE]
        choice = min(open_pool or (pool if not mine else []), key=lambda a: (load[a], a), default=None)
        if choice is None:
            continue
        links.append({"action_id": choice, "finding_id": finding["id"]})
        mine.add(choice)
        load[choice] += 1
