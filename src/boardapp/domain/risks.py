"""Pure rules of the risk register: the fields a risk must have, and when its review is overdue.

Scores and ratings (likelihood × impact, the 5×5 bands) are in ``domain.kpi``; this module
checks what a secretariat types or imports, naming the field at fault.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from boardapp.domain.enums import RiskStatus
from boardapp.domain.rules import ValidationError

#: The four scores of a risk: likelihood and impact before (inherent) and after (residual) controls.
SCORE_FIELDS = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")
SCORE_LABELS = {
    "inherent_likelihood": "inherent likelihood", "inherent_impact": "inherent impact",
    "residual_likelihood": "residual likelihood", "residual_impact": "residual impact",
}
#: The score at and above which a risk is reported to the board in the pack.
PACK_THRESHOLD = 12


def check_score(value: Any, field: str) -> int:
    """A likelihood or an impact: a whole number from 1 to 5."""
    label = SCORE_LABELS.get(field, field.replace("_", " "))
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"the {label} must be a whole number from 1 to 5, not {value!r}")
    if not 1 <= value <= 5:
        raise ValidationError(field, f"the {label} must be from 1 to 5, not {value}")
    return value


def validate_risk_fields(values: dict[str, Any]) -> None:
    """Raise ValidationError naming the first field of a risk that breaks a rule."""
    title = values.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValidationError("title", "a risk needs a title")
    ref = values.get("ref")
    if ref is not None and (not isinstance(ref, str) or not ref.strip()):
        raise ValidationError("ref", "a risk needs a reference")
    if isinstance(ref, str) and len(ref.strip()) > 20:
        raise ValidationError("ref", "a reference is at most 20 characters")
    for name in SCORE_FIELDS:
        check_score(values.get(name), name)
    status = values.get("status")
    if status not in RiskStatus.__members__:
        raise ValidationError("status", f"unknown status {status!r}; use Open, Monitoring or Closed")
    review = values.get("review_date")
    if review is not None and not isinstance(review, date):
        raise ValidationError("review_date", f"must be a date, not {review!r}")


def review_overdue(review_date: date | None, status: str, today: date) -> bool:
    """A live risk (not closed) whose review date has passed."""
    return review_date is not None and status != RiskStatus.CLOSED and review_date < today
