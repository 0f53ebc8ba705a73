"""The History page's reads on 500,000 audit entries, against a raw SQLite query in the same run.

Measured in one process, best of ``--repeat``:

* baseline: ``SELECT … FROM auditentry ORDER BY at DESC, id DESC LIMIT 100`` through ``sqlite3``;
* boardapp: the first page (``history_page``, refs and titles resolved), the page after 100
  pages (keyset: it costs what the first does), the count the page shows, and a text search
  (``LIKE`` over old/new/field/who: a scan, so it is the slow one) with its count.

Prints ratios against the baseline; exits 0.

    python bench/bench_history.py [--entries 500000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

PAGE = 100


def build(path: Path, entries: int) -> None:
    from boardapp.db.workspace import open_workspace

    open_workspace(path, create=True).dispose()
    con = sqlite3.connect(path)
    rng = random.Random(1)
    with con:
        con.executemany(
            "INSERT INTO action (id, ref, title, description, how, due_date, status, brag, progress, success_measure,"
            " evidence_of_impact, recommendation, created_at, updated_at, version)"
            " VALUES (?, ?, ?, '', '', '2025-03-31', 'IN_PROGRESS', 'AMBER', 0, '', '', '', ?, ?, 1)",
            [(i, f"A-{i:04d}", f"Action number {i} to improve practice", "2024-01-01 00:00:00.000000",
              "2024-01-01 00:00:00.000000") for i in range(1, 2001)],
        )
        start = datetime(2022, 7, 1)
        people = [f"Officer {n}" for n in range(40)]
        fields = ["brag", "status", "progress", "due_date", "owner", "success_measure", "title"]

        def rows() -> Any:
            for n in range(entries):
                at = start + timedelta(seconds=(n // 5) * 60)  # five at a time share a timestamp, as bulk edits do
                yield (at.strftime("%Y-%m-%d %H:%M:%S.%f"), rng.choice(people), "action", rng.randint(1, 2000), "",
                       rng.choice(fields), f"old value {n}", f"new value {n} audits within 45 days")

        con.executemany("INSERT INTO auditentry (at, who, entity, entity_id, entity_ref, field, old, new)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows())
    con.execute("ANALYZE")
    con.close()


def best(repeat: int, run: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.history import HistoryFilter, count_entries, history_page

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.db"
        t0 = time.perf_counter()
        build(path, args.entries)
        print(f"built {args.entries:,} audit entries in {time.perf_counter() - t0:.1f} s")

        con = sqlite3.connect(path)
        raw = best(args.repeat, lambda: con.execute(
            "SELECT id, at, who, entity, entity_id, field, old, new FROM auditentry"
            " ORDER BY at DESC, id DESC LIMIT 100").fetchall())
        con.close()

        engine = open_workspace(path)
        with session_scope(engine) as session:
            first = best(args.repeat, lambda: history_page(session=session, limit=PAGE))
            cursor = None
            for _ in range(100):
                cursor = history_page(session=session, after=cursor, limit=PAGE).cursor
            after_100 = best(args.repeat, lambda: history_page(session=session, after=cursor, limit=PAGE))
            count = best(args.repeat, lambda: count_entries(session=session))
            text = HistoryFilter(text="value 4999")
            search = best(args.repeat, lambda: history_page(text, session=session, limit=PAGE))
            search_count = best(args.repeat, lambda: count_entries(text, session=session))
            person = HistoryFilter(who="Officer 7")
            by_person = best(args.repeat, lambda: history_page(person, session=session, limit=PAGE))
        engine.dispose()

    print(f"baseline  raw SELECT … ORDER BY at DESC, id DESC LIMIT 100: {raw * 1000:8.2f} ms")
    for label, value in (("first page (refs resolved)", first), ("page after 100 pages", after_100),
                         ("count of all entries", count), ("person filter, first page", by_person),
                         ("text search, first page", search), ("text search, count", search_count)):
        print(f"{label:32s} {value * 1000:8.2f} ms  ×{value / raw:7.1f} the baseline")


if __name__ == "__main__":
    main()
