"""The demo's risk register (a dozen risks) and the DfE improvement grant with its four lines.

Both are dated from the demo's day: review dates fall around it (two reviews overdue), and
each line's spend to date follows how far through the grant's period that day is, with a
curve per line (the case-management system was bought early; the quality-assurance
programme spends late; the improvement specialist is paid monthly). The rows draw on a
random generator of their own, so the rest of the demo does not move when they change.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from boardapp.demo import record as data
from boardapp.demo.plan import CREATED_HOUR, stamp
from boardapp.domain.enums import RiskStatus

Row = dict[str, Any]


def _own_rng(today: date, what: str) -> random.Random:
    return random.Random(f"boardapp demo {what} {today.isoformat()}")


def build_risks(tables: dict[str, list[Row]], today: date, person_ids: dict[str, int],
                theme_ids: dict[str, int]) -> None:
    rng = _own_rng(today, "risks")
    rows: list[Row] = []
    for i, r in enumerate(data.RISKS, start=1):
        review = today + timedelta(days=r.review_in_days) if r.review_in_days is not None else None
        rows.append({
            "id": i, "ref": f"R{i:02d}", "title": r.title, "description": "", "cause": r.cause, "effect": r.effect,
            "inherent_likelihood": r.inherent[0], "inherent_impact": r.inherent[1],
            "residual_likelihood": r.residual[0], "residual_impact": r.residual[1],
            "controls": r.controls, "mitigation": r.mitigation, "owner_id": person_ids[r.owner],
            "theme_id": theme_ids[r.theme], "status": RiskStatus(r.status).value, "review_date": review,
            "updated_at": stamp(today - timedelta(days=rng.randint(3, 60)), CREATED_HOUR), "version": 1,
        })
    tables["risk"] = rows


def elapsed_share(today: date, start: date = data.GRANT_START, end: date = data.GRANT_END) -> float:
    """How far through the grant's period ``today`` is (0 before it starts, 1 after it ends)."""
    if today <= start:
        return 0.0
    return min(1.0, (today - start).days / max(1, (end - start).days))


def _months_paid(today: date, start: date = data.GRANT_START) -> int:
    """Whole months of a monthly contract paid by ``today`` (paid at each month's end), at most 24."""
    months = (today.year - start.year) * 12 + today.month - start.month
    return max(0, min(24, months))


def spent_to_date(line: data.GrantLineSpec, today: date, rng: random.Random) -> int:
    """A plausible spend to date in pence for ``line`` on ``today``: never above its allocation."""
    if line.spend_curve == 0.0:  # a monthly contract
        return line.allocated_pence * _months_paid(today) // 24
    share = elapsed_share(today) ** line.spend_curve
    invoiced = share * (1 - rng.uniform(0.004, 0.02))  # invoices lag a little behind the profile
    return min(line.allocated_pence, int(line.allocated_pence * invoiced))


def build_grant(tables: dict[str, list[Row]], today: date, person_ids: dict[str, int]) -> None:
    rng = _own_rng(today, "grant")
    tables["grant"] = [{
        "id": 1, "name": data.GRANT_NAME, "funder": data.GRANT_FUNDER, "allocated_pence": data.GRANT_TOTAL_PENCE,
        "start_date": data.GRANT_START, "end_date": data.GRANT_END, "notes": data.GRANT_NOTES, "version": 1,
    }]
    tables["grantline"] = [
        {"id": i, "grant_id": 1, "purpose": line.purpose, "allocated_pence": line.allocated_pence,
         "spent_pence": spent_to_date(line, today, rng), "owner_id": person_ids[line.owner], "sort_order": i,
         "version": 1}
        for i, line in enumerate(data.GRANT_LINES, start=1)
    ]
    tables["grantlineaction"] = [
        {"grant_line_id": i, "action_id": action_id}
        for i, line in enumerate(data.GRANT_LINES, start=1)
        for action_id in _actions_for(tables.get("action", []), line.actions)
    ]


def _actions_for(actions: list[Row], title_starts: tuple[str, ...]) -> list[int]:
    """The first live action whose title starts with each phrase (the plan may not have them all)."""
    found: list[int] = []
    for start in title_starts:
        match = next((a["id"] for a in actions if a["title"].startswith(start) and a.get("deleted_at") is None), None)
        if match is not None and match not in found:
            found.append(match)
    return found
