"""Importing a 10,000-row action tracker, against openpyxl merely reading the same file.

Measured in this run, in one process, best of ``--repeat``:

* baseline: ``openpyxl.load_workbook(read_only=True)`` iterating every cell's value;
* boardapp: reading the workbook (values, fills, formulas, merges), finding the table,
  working out the plan against an empty workspace, and writing it (one transaction:
  10,000 actions, their audit rows and progress updates, owners and themes);
* the plan of the same file again (re-import: everything unchanged).

Goal (issue 14): a few seconds for 10,000 rows. Prints ratios; exits 0.

    python bench/bench_import.py [--rows 10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def make_tracker(path: Path, rows: int) -> None:
    import openpyxl
    from openpyxl.styles import PatternFill

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Improvement plan")
    sheet.append(["Northshire improvement plan"])
    sheet.append(["Updated: 3 September 2024"])
    sheet.append([])
    sheet.append(["No.", "Ofsted area", "What?", "How?", "Who?", "When?", "Revised due", "RAG", "Status",
                  "Progress", "Success measure", "Latest update"])
    fills = {b: PatternFill("solid", fgColor=c) for b, c in (("R", "FF0000"), ("A", "FFC000"), ("G", "00B050"))}
    from openpyxl.cell import WriteOnlyCell

    for i in range(rows):
        brag = "RAG"[i % 3]
        cell = WriteOnlyCell(sheet, value=brag if i % 4 else None)
        cell.fill = fills[brag]
        sheet.append([f"{i // 100 + 1}.{i % 100 + 1}", f"Area {i % 7}", f"Action number {i} to improve practice",
                      "Through supervision", f"Officer {i % 150}", date(2025, 3, 31) - timedelta(days=i % 300),
                      None, cell, "In progress", f"{i % 100}%", "Audits show improvement",
                      f"Update {i}: on track, evidence gathered"])
    workbook.save(path)


def best(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import openpyxl

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.exchange.importer import apply_plan, find_table, make_plan, read_workbook

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    source = folder / "tracker.xlsx"
    make_tracker(source, args.rows)

    def baseline() -> None:
        workbook = openpyxl.load_workbook(source, read_only=True)
        for sheet in workbook.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        workbook.close()

    timings: dict[str, float] = {}

    def full_import() -> None:
        db = folder / f"w{time.perf_counter_ns()}.db"
        engine = open_workspace(db, create=True)
        try:
            marks = [time.perf_counter()]
            workbook = read_workbook(source)
            layout = find_table(workbook)
            marks.append(time.perf_counter())
            with session_scope(engine) as session:
                plan = make_plan(workbook, layout, session=session, today=date(2024, 9, 11))
                marks.append(time.perf_counter())
                assert plan.count("create") == args.rows, plan.summary()
                apply_plan(plan, session=session, who="bench")
                marks.append(time.perf_counter())
                again = make_plan(workbook, layout, session=session, today=date(2024, 9, 11))
                marks.append(time.perf_counter())
                assert again.count("unchanged") == args.rows
            for name, (a, b) in zip(("read", "plan", "write", "re-plan"), zip(marks, marks[1:])):
                timings[name] = min(timings.get(name, 1e9), b - a)
        finally:
            engine.dispose()

    base = best(args.repeat, baseline)
    whole = best(args.repeat, full_import)
    print(f"openpyxl reading {args.rows:,} rows (read-only, values): {base:.2f} s")
    print(f"boardapp import of {args.rows:,} rows (read, plan, write): {whole:.2f} s = {whole / base:.2f}x the baseline")
    for name, seconds in timings.items():
        print(f"  {name:8s} {seconds:.2f} s = {seconds / base:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
