"""The plan's pure rules: effective due dates, overdue, direction of travel, validation."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boardapp.domain.enums import Brag, Direction
from boardapp.domain.rules import (
    ValidationError, days_left, direction_of_travel, is_overdue, is_slipped, validate_action_fields,
)

TODAY = date(2026, 11, 23)


def _valid(**over: object) -> dict[str, object]:
    base: dict[str, object] = dict(
        title="Audit CP plans", start_date=date(2026, 1, 1), due_date=date(2026, 12, 1),
        revised_due_date=None, status="IN_PROGRESS", brag="GREEN", progress=50,
    )
    return base | over


def test_revised_due_date_is_the_one_held_to() -> None:
    assert days_left(date(2026, 11, 1), date(2026, 12, 3), TODAY) == 10
    assert is_overdue(date(2026, 11, 1), None, "IN_PROGRESS", TODAY)
    assert not is_overdue(date(2026, 11, 1), date(2026, 12, 3), "IN_PROGRESS", TODAY)
    assert is_slipped(date(2026, 11, 1), date(2026, 12, 3))


def test_complete_actions_are_never_overdue() -> None:
    assert not is_overdue(date(2020, 1, 1), None, "COMPLETE", TODAY)


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [("RED", "AMBER", Direction.BETTER), ("GREEN", "RED", Direction.WORSE), ("AMBER", "AMBER", Direction.SAME),
     (None, "GREEN", Direction.NEW), ("GREEN", "BLUE", Direction.BETTER)],
)
def test_direction_of_travel(before: str | None, now: str, expected: Direction) -> None:
    assert direction_of_travel(before, now) is expected


@given(st.sampled_from(list(Brag)), st.sampled_from(list(Brag)))
def test_direction_is_antisymmetric(a: Brag, b: Brag) -> None:
    there, back = direction_of_travel(a, b), direction_of_travel(b, a)
    assert {there, back} in ({Direction.SAME}, {Direction.BETTER, Direction.WORSE})


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"due_date": date(2025, 12, 1)}, "due_date"),
        ({"progress": 101}, "progress"),
        ({"progress": -1}, "progress"),
        ({"brag": "BLUE"}, "brag"),
        ({"status": "DONE"}, "status"),
        ({"brag": "PURPLE"}, "brag"),
    ],
)
def test_validation_names_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_action_fields(**_valid(**changes))  # type: ignore[arg-type]
    assert info.value.field == field
    assert str(info.value).startswith(field)


def test_blue_is_fine_when_complete() -> None:
    validate_action_fields(**_valid(brag="BLUE", status="COMPLETE", progress=100))  # type: ignore[arg-type]
