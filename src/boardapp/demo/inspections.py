"""The demo's inspections: the ILACS judgement, the five published monitoring visits and the next one expected."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from boardapp.demo import record as data
from boardapp.domain.enums import InspectionKind, InspectionStatus

Row = dict[str, Any]

NEXT_VISIT_WEEKS = 6


def next_visit_start(today: date) -> date:
    """About six weeks ahead, on a Tuesday (visits are two days on site)."""
    day = today + timedelta(weeks=NEXT_VISIT_WEEKS)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def build_inspections(tables: dict[str, list[Row]], next_visit: date) -> dict[str, list[tuple[date, int]]]:
    """The ILACS inspection, five completed visits and the next planned one, with findings."""
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
        for kind, area, text in spec_findings:
            finding_id = len(findings) + 1
            findings.append({"id": finding_id, "inspection_id": inspection_id, "kind": kind, "text": text,
                             "ilacs_area": area, "sort_order": finding_id, "version": 1})
            if kind != data.STRENGTH:
                by_area.setdefault(area, []).append((spec.published, finding_id))
    inspections.append({
        "id": len(inspections) + 1, "kind": InspectionKind.MONITORING_VISIT.value,
        "number": len(data.MONITORING_VISITS) + 1, "start_date": next_visit,
        "end_date": next_visit + timedelta(days=1), "focus_area": data.NEXT_VISIT_FOCUS,
        "ilacs_area": data.NEXT_VISIT_AREA, "status": InspectionStatus.EXPECTED.value, "published_date": None,
        "letter_published": False,
        "overall_grade": None, "summary": "", "version": 1,
    })
    tables["inspection"] = inspections
    tables["finding"] = findings
    tables["inspectiongrade"] = [
        {"id": i, "inspection_id": 1, "area": area, "grade": grade}
        for i, (area, grade) in enumerate(data.ILACS_GRADES, start=1)
    ]
    return by_area
