"""The demo's scorecard: twelve measures with two years of monthly values and published comparators.

Each measure's floor (the tolerance line) sits its ``amber`` distance from the target, so the
latest month reads the way such a council's scorecard does: a few Green, most Amber, some Red.
Comparators: two published reporting years (2022-23 and 2023-24) for England, the region and the
statistical neighbours, drawn without the random generator (the rest of the demo stays as it was).
"""
from __future__ import annotations

import math
import random
from datetime import date
from typing import Any

from boardapp.demo import record as data

Row = dict[str, Any]

KPI_MONTHS = 24
#: The demo council's region, as the DfE's EES files name it.
REGION = "North East"


def build_kpis(tables: dict[str, list[Row]], rng: random.Random, today: date, theme_ids: dict[str, int]) -> dict[str, int]:
    """Twelve measures with 24 monthly values ending the month before ``today``."""
    kpis: list[Row] = []
    values: list[Row] = []
    comparators: list[Row] = []
    first = date(today.year, today.month, 1)
    periods = []
    for back in range(KPI_MONTHS, 0, -1):
        index = first.year * 12 + first.month - 1 - back
        periods.append(date(index // 12, index % 12 + 1, 1))
    for kpi_id, spec in enumerate(data.KPIS, start=1):
        higher = spec.polarity == "HIGHER_IS_BETTER"
        kpis.append({
            "id": kpi_id, "code": spec.code, "title": spec.title, "unit": spec.unit, "polarity": spec.polarity,
            "target": float(spec.target),
            "floor": float(spec.target - spec.amber if higher else spec.target + spec.amber),
            "period_note": "rolling 12 months" if spec.code in ("K02", "K09") else "",
            "source_note": "Children's services performance report (demo figures)",
            "theme_id": theme_ids[spec.theme], "sort_order": kpi_id, "version": 1,
        })
        worse = -1.0 if higher else 1.0  # the year before was a little worse everywhere
        for period, end, shift in (("2022-23", date(2023, 3, 31), worse), ("2023-24", date(2024, 3, 31), 0.0)):
            region = round((spec.england + spec.neighbours) / 2 + (0.4 if higher else -0.4), 1)
            comparators.append({
                "id": len(comparators) + 1, "kpi_id": kpi_id, "period": period, "period_end": end,
                "england": round(spec.england + shift, 1), "region": round(region + shift, 1),
                "region_name": REGION, "neighbours": round(spec.neighbours + shift, 1), "neighbours_used": 10,
                "source": "DfE published statistics (demo figures)",
            })
        for i, period in enumerate(periods):
            share = i / (len(periods) - 1)
            trend = spec.start + (spec.end - spec.start) * (1 - math.exp(-3 * share)) / (1 - math.exp(-3))
            value = trend + rng.gauss(0, spec.noise)
            if spec.unit == "%":
                value = min(100.0, max(0.0, value))
            values.append({
                "id": len(values) + 1, "kpi_id": kpi_id, "period": period, "value": round(value, 1),
                "note": "Provisional" if i == len(periods) - 1 else "",
            })
    tables["kpi"] = kpis
    tables["kpivalue"] = values
    tables["comparator"] = comparators
    return {spec.code: i for i, spec in enumerate(data.KPIS, start=1)}
