"""What the pack's Performance scorecard section shows, read once: the scorecard rows and the off-target trends."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from boardapp.services.connection import Reader
from boardapp.services.performance.queries import KpiSeries, ScorecardRow, all_series, scorecard


@dataclass(frozen=True, slots=True)
class ScorecardPack:
    """The live measures in scorecard order, and the two-year series of those off target (Amber or Red)."""

    rows: tuple[ScorecardRow, ...]
    off_target: tuple[KpiSeries, ...]


def read_scorecard_pack(*, session: Reader, today: date) -> ScorecardPack:
    """The scorecard as at ``today`` and the last 24 months of every measure off target, in scorecard order."""
    rows = tuple(scorecard(session=session))
    since = date(today.year - 2, today.month, 1)
    off = {r.id for r in rows if r.off_target}
    series = tuple(s for s in all_series(session=session, since=since) if s.kpi_id in off)
    return ScorecardPack(rows, series)
