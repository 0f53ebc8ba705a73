"""The demo's longer comparator history: four published years for three measures.

``demo.performance`` gives every measure the two latest published years (2022-23, 2023-24). The
measures a board watches most closely against its neighbours — assessments within 45 days (K03),
caseloads (K07) and agency social workers (K08) — get the two years before as well, as an import
of the DfE's files would leave them: the year of the ILACS judgement (2021-22) had one neighbour's
figure suppressed, so its mean is of nine. No random numbers: the rest of the demo stays as it was.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from boardapp.demo import record as data
from boardapp.demo.performance import REGION

Row = dict[str, Any]

#: The measures with a longer history, and how much worse (in their own units) each earlier year was.
HISTORY_MEASURES = {"K03": 1.5, "K07": 0.6, "K08": 1.8}
EARLIER_YEARS = (("2020-21", date(2021, 3, 31), 2), ("2021-22", date(2022, 3, 31), 1))
SOURCE = "DfE published statistics (demo figures)"


def add_comparator_history(tables: dict[str, list[Row]], kpi_ids: dict[str, int]) -> None:
    """Add the earlier published years to ``tables["comparator"]`` (built by ``build_kpis``)."""
    rows = tables.setdefault("comparator", [])
    next_id = max((r["id"] for r in rows), default=0) + 1
    specs = {spec.code: spec for spec in data.KPIS}
    for code, step in HISTORY_MEASURES.items():
        spec = specs[code]
        worse = -step if spec.polarity == "HIGHER_IS_BETTER" else step
        later = min((r for r in rows if r["kpi_id"] == kpi_ids[code]), key=lambda r: r["period_end"])
        for period, end, years_back in EARLIER_YEARS:
            shift = worse * years_back
            rows.append({
                "id": next_id, "kpi_id": kpi_ids[code], "period": period, "period_end": end,
                "england": round(later["england"] + shift * 0.5, 1), "region": round(later["region"] + shift * 0.7, 1),
                "region_name": REGION, "neighbours": round(later["neighbours"] + shift, 1),
                "neighbours_used": 9 if period == "2021-22" else 10, "source": SOURCE,
            })
            next_id += 1
