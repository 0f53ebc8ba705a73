"""The demo's risk register and the DfE improvement grant with its four lines."""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from boardapp.demo import record as data
from boardapp.demo.plan import CREATED_HOUR, stamp
from boardapp.domain.enums import RiskStatus

Row = dict[str, Any]


def build_risks(tables: dict[str, list[Row]], rng: random.Random, today: date, person_ids: dict[str, int]) -> None:
    tables["risk"] = [
        {"id": i, "ref": f"R{i:02d}", "title": r.title, "description": r.description,
         "inherent_likelihood": min(5, r.likelihood + 1), "inherent_impact": r.impact,
         "residual_likelihood": r.likelihood, "residual_impact": r.impact, "mitigation": r.mitigation,
         "owner_id": person_ids[r.owner],
         "status": RiskStatus(r.status).value,
         "updated_at": stamp(today - timedelta(days=rng.randint(3, 60)), CREATED_HOUR), "version": 1}
        for i, r in enumerate(data.RISKS, start=1)
    ]


def build_grant(tables: dict[str, list[Row]]) -> None:
    tables["grant"] = [{
        "id": 1, "name": data.GRANT_NAME, "funder": data.GRANT_FUNDER, "allocated_pence": data.GRANT_TOTAL_PENCE,
        "start_date": data.GRANT_START, "end_date": data.GRANT_END, "version": 1,
    }]
    tables["grantline"] = [
        {"id": i, "grant_id": 1, "purpose": line.purpose, "allocated_pence": line.allocated_pence,
         "spent_pence": line.spent_pence, "sort_order": i, "version": 1}
        for i, line in enumerate(data.GRANT_LINES, start=1)
    ]
