"""The rules of a risk: scores from 1 to 5, a title, a known status; reviews overdue against today."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from boardapp.domain.risks import review_overdue, validate_risk_fields
from boardapp.domain.rules import ValidationError

GOOD: dict[str, Any] = {"title": "Placement sufficiency", "ref": "R01", "inherent_likelihood": 5, "inherent_impact": 4,
                        "residual_likelihood": 4, "residual_impact": 4, "status": "OPEN", "review_date": None}


def test_a_complete_risk_passes() -> None:
    validate_risk_fields(dict(GOOD))


@pytest.mark.parametrize("field", ["inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact"])
@pytest.mark.parametrize("value", [0, 6, -1, 2.5, "3", None, True])
def test_each_score_must_be_a_whole_number_from_1_to_5(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_risk_fields({**GOOD, field: value})
    assert caught.value.field == field
    assert "1 to 5" in caught.value.message and field.split("_")[0] in caught.value.message


@pytest.mark.parametrize("value", [1, 5])
def test_the_ends_of_the_scale_are_allowed(value: int) -> None:
    validate_risk_fields({**GOOD, "residual_impact": value, "inherent_likelihood": value})


@pytest.mark.parametrize(("change", "field"), [
    ({"title": ""}, "title"), ({"title": "   "}, "title"), ({"ref": ""}, "ref"), ({"ref": "R" * 21}, "ref"),
    ({"status": "RESOLVED"}, "status"), ({"review_date": "01/10/2024"}, "review_date"),
])
def test_other_fields_are_named_when_wrong(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_risk_fields({**GOOD, **change})
    assert caught.value.field == field


def test_a_review_is_overdue_only_after_its_date_and_never_for_a_closed_risk() -> None:
    today = date(2024, 9, 11)
    assert review_overdue(date(2024, 9, 10), "OPEN", today)
    assert review_overdue(date(2024, 9, 10), "MONITORING", today)
    assert not review_overdue(date(2024, 9, 11), "OPEN", today)
    assert not review_overdue(date(2024, 9, 10), "CLOSED", today)
    assert not review_overdue(None, "OPEN", today)
