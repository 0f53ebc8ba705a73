"""The demo's comparators: every measure has its latest published years; three have four."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from boardapp.services.performance.comparators import comparator_series, latest_comparators


def test_three_measures_have_four_published_years(demo_template: Path) -> None:
    with closing(sqlite3.connect(demo_template)) as db:
        ids = dict(db.execute("SELECT code, id FROM kpi").fetchall())
        for code in ("K03", "K07", "K08"):
            series = comparator_series(db, ids[code])
            assert [r.period for r in series] == ["2020-21", "2021-22", "2022-23", "2023-24"]
            assert all(r.england is not None and r.region is not None and r.neighbours is not None for r in series)
            assert [r.neighbours_used for r in series] == [10, 9, 10, 10]
        k08 = comparator_series(db, ids["K08"])
        assert k08[0].neighbours > k08[-1].neighbours  # agency use was higher before (lower is better)
        latest = latest_comparators(db, ids.values())
        assert set(latest) == set(ids.values()) and {r.period for r in latest.values()} == {"2023-24"}
