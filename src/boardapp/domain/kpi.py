"""Pure rules of the performance scorecard and the risk register (no Qt, no database).

A measure's RAG compares its value with the target on the side its polarity says is
worse: ``amber_tolerance`` is how far a value may fall short and still be Green,
``red_tolerance`` how far before it turns Red. A value at or beyond the target is Green.
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


def shortfall(value: float, target: float, polarity: str) -> float:
    """How far ``value`` is on the wrong side of ``target`` (negative when it beats it)."""
    if Polarity(polarity) == Polarity.HIGHER_IS_BETTER:
        return target - value
    return value - target


def kpi_rag(
    value: float | None,
    target: float | None,
    polarity: str,
    amber_tolerance: float | None = None,
    red_tolerance: float | None = None,
) -> Rag | None:
    """Red / Amber / Green of a value against its target, or None without a value or target.

    Green when the shortfall is within ``amber_tolerance`` (0 when unset); Red when it is
    beyond ``red_tolerance``; Amber in between. Without a red tolerance a measure can be
    Amber but never Red.
    """
    if value is None or target is None:
        return None
    gap = shortfall(value, target, polarity)
    amber = amber_tolerance or 0.0
    if gap <= amber:
        return Rag.GREEN
    if red_tolerance is not None and gap > max(red_tolerance, amber):
        return Rag.RED
    return Rag.AMBER


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
