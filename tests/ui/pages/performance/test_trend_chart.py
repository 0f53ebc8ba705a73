"""The trend chart's comparator steps: each published value holds from its period's end to the next one's."""
from __future__ import annotations

from datetime import date
from typing import Any

from boardapp.services.performance.comparators import ComparatorRow
from boardapp.services.performance.queries import KpiPoint, KpiSeries
from boardapp.ui.pages.performance.trend_chart import TrendChart, step_spans


def _row(period: str, end: date | None, england: float | None) -> ComparatorRow:
    return ComparatorRow(1, period, end, england, None, "", None, 0, None, "")


def month(y: int, m: int) -> int:
    return y * 12 + m - 1


def test_steps_run_from_each_period_end_to_the_next_and_the_latest_to_the_edge() -> None:
    series = [_row("2021-22", date(2022, 3, 31), 16.0), _row("2022-23", date(2023, 3, 31), None),
              _row("2023-24", date(2024, 3, 31), 17.5), _row("undated", None, 99.0)]
    first, last = month(2022, 9), month(2024, 8)
    assert step_spans(series, "england", first, last) == [
        (first - 0.5, float(month(2024, 3)), 16.0),  # 2022-23 has no England figure: 2021-22's holds on
        (float(month(2024, 3)), last + 0.5, 17.5),
    ]
    assert step_spans(series, "region", first, last) == []


def test_the_chart_says_in_words_what_it_draws(qtbot: Any) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    assert chart.describe() == "No measure chosen."
    points = tuple(KpiPoint(date(2024, m, 1), 90.0 + m, "") for m in range(1, 9))
    chart.set_series(KpiSeries(1, "K01", "Referrals screened", "%", 95.0, points, floor=93.0,
                               comparators=(_row("2023-24", date(2024, 3, 31), 90.1),)))
    chart.resize(600, 300)
    chart.show()
    qtbot.waitExposed(chart)
    chart.repaint()
    assert chart.describe() == ("K01 Referrals screened: 8 figures from Jan 2024 (91%) to Aug 2024 (98%); "
                                "target 95%; floor 93%; 2023-24: England 90.1%.")
    assert chart.accessibleDescription() == chart.describe()
