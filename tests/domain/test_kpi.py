"""The scorecard's RAG as boards read it: Green meets the target, Amber within the floor, Red beyond it."""
from __future__ import annotations

import pytest

from boardapp.domain.kpi import Rag, floor_problem, kpi_rag, rag_reason

HIGHER, LOWER = "HIGHER_IS_BETTER", "LOWER_IS_BETTER"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(96.0, Rag.GREEN), (95.0, Rag.GREEN), (94.99, Rag.AMBER), (93.3, Rag.AMBER), (87.0, Rag.AMBER),
     (86.99, Rag.RED), (0.0, Rag.RED)],
)
def test_higher_is_better_at_every_boundary(value: float, expected: Rag) -> None:
    assert kpi_rag(value, 95.0, HIGHER, 87.0) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(15.0, Rag.GREEN), (20.0, Rag.GREEN), (20.01, Rag.AMBER), (21.0, Rag.AMBER), (24.0, Rag.AMBER),
     (24.01, Rag.RED), (80.0, Rag.RED)],
)
def test_lower_is_better_at_every_boundary(value: float, expected: Rag) -> None:
    assert kpi_rag(value, 20.0, LOWER, 24.0) is expected


def test_below_target_is_never_green() -> None:
    """The defect the scorecard had: 93.3% against 95% and 21 against a lower-is-better 20 showed Green."""
    assert kpi_rag(93.3, 95.0, HIGHER, 90.0) is Rag.AMBER
    assert kpi_rag(21.0, 20.0, LOWER, 23.0) is Rag.AMBER


def test_no_rag_without_a_target_or_a_value_and_no_floor_means_green_or_red() -> None:
    assert kpi_rag(None, 95.0, HIGHER, 87.0) is None
    assert kpi_rag(80.0, None, HIGHER, 70.0) is None
    assert kpi_rag(94.9, 95.0, HIGHER) is Rag.RED
    assert kpi_rag(95.0, 95.0, HIGHER) is Rag.GREEN
    with pytest.raises(ValueError):
        kpi_rag(1.0, 2.0, "SIDEWAYS")


def test_the_reason_names_the_line_that_decided() -> None:
    assert rag_reason(96.0, 95.0, HIGHER, 87.0).startswith("Green: 96 meets the target of 95")
    assert "within the floor of 87" in rag_reason(90.0, 95.0, HIGHER, 87.0)
    assert "beyond the floor of 24" in rag_reason(30.0, 20.0, LOWER, 24.0)
    assert rag_reason(1.0, None, HIGHER, None) == "No target set, so no RAG"


def test_a_floor_on_the_better_side_of_the_target_is_refused() -> None:
    assert floor_problem(95.0, 97.0, HIGHER) is not None
    assert floor_problem(20.0, 18.0, LOWER) is not None
    assert floor_problem(95.0, 87.0, HIGHER) is None and floor_problem(20.0, 20.0, LOWER) is None
