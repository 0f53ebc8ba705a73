"""Pure rules of the performance scorecard and the risk register (no Qt, no database).

A measure's RAG as boards and their scorecards read it: **Green** when the value meets or
beats the target; **Amber** when it misses the target but is no worse than the floor (the
tolerance line); **Red** when it is beyond the floor; no RAG without a target (or a value).
A measure without a floor is Green or Red: anything short of the target is beyond tolerance.
"""
from __future__ import annotations

from enum import StrEnum

from boardapp.domain.enums import Direction, Polarity


class Rag(StrEnum):
    RED = "RED"
    AMBER = "AMBER"
    GREEN = "GREEN"

    @property
    def label(self) -> str:
        return self.value.title()


def meets(value: float, line: float, polarity: str) -> bool:
    """Whether ``value`` is at or on the good side of ``line`` for this polarity."""
    if Polarity(polarity) == Polarity.HIGHER_IS_BETTER:
        return value >= line
    return value <= line


def kpi_rag(value: float | None, target: float | None, polarity: str, floor: float | None = None) -> Rag | None:
    """Red / Amber / Green of a value against its target and floor, or None without a value or target."""
    if value is None or target is None:
        return None
    if meets(value, target, polarity):
        return Rag.GREEN
    if floor is not None and meets(value, floor, polarity):
        return Rag.AMBER
    return Rag.RED


def rag_reason(value: float | None, target: float | None, polarity: str, floor: float | None = None) -> str:
    """Why the RAG is what it is, in words (the scorecard's tooltip)."""
    if target is None:
        return "No target set, so no RAG"
    if value is None:
        return "No value for the latest period"
    better = "higher" if Polarity(polarity) == Polarity.HIGHER_IS_BETTER else "lower"
    rag = kpi_rag(value, target, polarity, floor)
    if rag is Rag.GREEN:
        return f"Green: {value:g} meets the target of {target:g} ({better} is better)"
    if rag is Rag.AMBER:
        return f"Amber: {value:g} misses the target of {target:g} but is within the floor of {floor:g} ({better} is better)"
    if floor is None:
        return f"Red: {value:g} misses the target of {target:g} and no floor is set ({better} is better)"
    return f"Red: {value:g} is beyond the floor of {floor:g} (target {target:g}; {better} is better)"


def floor_problem(target: float | None, floor: float | None, polarity: str) -> str | None:
    """Why a floor makes no sense beside its target (it must be on the worse side), or None."""
    if target is None or floor is None:
        return None
    if floor != target and meets(floor, target, polarity):
        side = "below" if Polarity(polarity) == Polarity.HIGHER_IS_BETTER else "above"
        return f"the floor must be at or {side} the target ({target:g}) for this polarity"
    return None


def kpi_direction(previous: float | None, latest: float | None, polarity: str) -> Direction | None:
    """Better / same / worse from the previous value to the latest one, by polarity."""
    if latest is None:
        return None
    if previous is None:
        return Direction.NEW
    if latest == previous:
        return Direction.SAME
    improved = latest > previous if Polarity(polarity) == Polarity.HIGHER_IS_BETTER else latest < previous
    return Direction.BETTER if improved else Direction.WORSE


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood (1-5) times impact (1-5)."""
    for name, value in (("likelihood", likelihood), ("impact", impact)):
        if not 1 <= value <= 5:
            raise ValueError(f"{name} must be from 1 to 5, not {value!r}")
    return likelihood * impact


def risk_rating(score: int) -> Rag:
    """The usual 5x5 matrix bands: 15 and above Red, 8-14 Amber, below 8 Green."""
    if score >= 15:
        return Rag.RED
    if score >= 8:
        return Rag.AMBER
    return Rag.GREEN
