"""``boardapp comparators``: England, regional and statistical-neighbour comparators from the DfE's CSVs.

    boardapp comparators --db PATH --csv FILE [--neighbours SN_FILE] [--la CODE]
                         --map MEASURE_CODE=COLUMN [--map ...] [--own] [--dry-run] [--json]

Files are read and the mapping checked before the workspace is opened for writing; an unknown
column, LA code or measure is one line on stderr, exit 1, and nothing is written. The import is
one transaction; ``services.performance.comparators_write.remove_comparator_import`` removes it
later by the source label printed here (the window's Edit › Undo only knows its own imports).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _mapping(text: str) -> tuple[str, str]:
    from boardapp.exchange.dfe_comparators import parse_mapping

    try:
        return parse_mapping(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(commands: Any) -> None:
    """Register the command on ``build_parser``'s subparsers."""
    parser = commands.add_parser(
        "comparators", help="import England, region and statistical-neighbour comparators (DfE CSVs)",
        description="Import comparators from a DfE Explore Education Statistics data CSV (and the DfE "
        "statistical-neighbour groupings CSV): for each published period, England, the council's region, "
        "the mean of its statistical neighbours that published a value and, with --own, the council's own "
        "value (never over a value the board entered). One transaction; an unknown column, LA code or "
        "measure writes nothing.",
    )
    parser.add_argument("--db", type=Path, required=True, metavar="PATH", help="the workspace file")
    parser.add_argument("--csv", type=Path, required=True, metavar="FILE", help="the EES data CSV (tidy layout)")
    parser.add_argument("--neighbours", type=Path, metavar="SN_FILE", help="the DfE statistical-neighbour CSV")
    parser.add_argument("--la", metavar="CODE", help="the council's three-digit LA code (default: the board's)")
    parser.add_argument("--map", dest="mapping", type=_mapping, action="append", required=True,
                        metavar="MEASURE_CODE=COLUMN", help="which indicator column feeds which measure (repeat)")
    parser.add_argument("--own", action="store_true",
                        help="also set the council's own published value (a value the board entered is kept)")
    parser.add_argument("--dry-run", action="store_true", help="work it out and report; write nothing")
    parser.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    parser.add_argument("--as", dest="who", metavar="NAME", help="your name for the audit trail")
    from boardapp.cli.locking import add_wait_option

    add_wait_option(parser)


def run(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    from boardapp.cli.locking import holding
    from boardapp.exchange.dfe_stats import read_ees_csv, read_neighbours_csv

    table = read_ees_csv(args.csv)  # the files first: a bad file opens nothing
    groups = read_neighbours_csv(args.neighbours) if args.neighbours is not None else None
    with nullcontext() if args.dry_run else holding(args.db, "comparators", args.wait):  # it writes: the lock
        data = _work_out_and_apply(args, table, groups)
    if args.json:
        print(json.dumps(data.to_json(), ensure_ascii=False))
    else:
        _print(data, dry_run=args.dry_run)
    return 0


def _work_out_and_apply(args: argparse.Namespace, table: Any, groups: Any) -> Any:
    from boardapp.config import current_user
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.exchange.dfe_comparators import work_out_comparators
    from boardapp.services.people.board import board_row
    from boardapp.services.performance.comparators_write import apply_comparator_import, check_comparator_import

    engine = open_workspace(args.db)
    try:
        with session_scope(engine) as session:
            la = args.la if args.la is not None else board_row(session=session).la_code
            data = work_out_comparators(table, groups, la, args.mapping, own=args.own)
            data = check_comparator_import(data, session=session)
            session.rollback()  # end the read: the write takes its own transaction
            if not args.dry_run and data.period_count:
                apply_comparator_import(data, session=session, who=current_user(args.who))
    finally:
        engine.dispose()
    return data


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _print(data: Any, *, dry_run: bool) -> None:
    council = f"{data.la} {data.la_name}".strip()
    outcome = "dry run: nothing was written" if dry_run else (
        "nothing to write" if not data.period_count else f"written as “{data.source}”")
    print(f"comparators for {council}: {len(data.measures)} measures, {data.period_count} published periods ({outcome})")
    for m in data.measures:
        for p in m.periods:
            own = f", own {_number(p.own)}" if data.own else ""
            print(f"{m.measure} {p.period} ({m.column}): England {_number(p.england)}, region {_number(p.region)}, "
                  f"neighbours {_number(p.neighbours)} (mean of {p.neighbours_used}){own}")
    for warning in data.warnings:
        print(f"warning: {warning}")
