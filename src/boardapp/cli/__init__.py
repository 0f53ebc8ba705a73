"""The command line: ``boardapp`` opens the window; ``boardapp COMMAND`` works headless.

A command with more than a few lines of its own lives in ``cli/<command>.py`` (its parser and its
handler); this module registers it in ``build_parser``.

Headless commands never import Qt. Errors are one line on stderr and a non-zero
exit (1 for a problem with the files, 2 for a usage mistake), never a
traceback; set ``BOARDAPP_DEBUG=1`` to see the traceback instead.

Heavy modules (SQLAlchemy, reportlab, Qt) are imported inside the command that
needs them, so the window path starts fast and ``--help`` is instant.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from boardapp import __version__
from boardapp.cli import comparators, encryption, minutes
from boardapp.cli.locking import add_wait_option, holding
from boardapp.db.errors import WorkspaceError

EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: The most actions ``demo --actions`` builds (200,000 take about a minute; 10^8 ran out of memory).
MAX_DEMO_ACTIONS = 200_000


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line ("see --help") instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        _err(f"{self.prog}: {message} (see {self.prog} --help)")
        raise SystemExit(EXIT_USAGE)


def _err(line: str) -> None:
    # A windowed build on Windows has no stderr at all.
    if sys.stderr is not None:
        print(" ".join(line.split()), file=sys.stderr)


def _ascii_whole_number(text: str) -> int | None:
    """``text`` as a whole number written in ASCII digits only (``int`` also takes ``١``, ``+5`` and ``1_0``)."""
    stripped = text.strip()
    digits = stripped.removeprefix("-")
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 40):
        return None
    return int(stripped)


def _whole_number(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = _ascii_whole_number(text)
        if value is None:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}")
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"must be at most {maximum:,}, not {value:,}")
        return value

    return parse


#: SQLite's largest integer key: a larger meeting id cannot exist.
_MAX_ID = 2**63 - 1


def _meeting(text: str) -> str | int:
    if text.strip().lower() == "next":
        return "next"
    value = _ascii_whole_number(text)
    if value is None or value < 1:
        raise argparse.ArgumentTypeError(f"expected 'next' or a meeting id (digits 0-9), not {text!r}")
    if value > _MAX_ID:
        raise argparse.ArgumentTypeError(f"no meeting has an id as large as {text.strip()}")
    return value


def _sections(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected section names separated by commas")
    return names


def _db_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--db", type=Path, required=True, metavar="PATH", help=help_text)
    encryption.add_recovery_key_option(parser)


def _uk_date(text: str) -> Any:
    from boardapp.domain.dates import DateParseError, parse_uk_date

    try:
        return parse_uk_date(text)
    except DateParseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _as_option(parser: argparse.ArgumentParser) -> None:
    """``--as NAME``: who is making the change, for the audit trail (every command that writes takes it)."""
    parser.add_argument("--as", dest="who", metavar="NAME",
                        help="your name for the audit trail (default: the name set in the window's Edit › Preferences)")


def _who(args: argparse.Namespace) -> str:
    from boardapp.config import current_user

    return current_user(getattr(args, "who", None))


def build_parser() -> argparse.ArgumentParser:
    """The full command line (also used by the tests and the README)."""
    parser = _Parser(
        prog="boardapp",
        description="The improvement board secretariat's tool. Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"boardapp {__version__}")
    parser.add_argument(
        "--db", dest="gui_db", type=Path, metavar="PATH",
        help="workspace file to open (default: workspace.db in your user data folder, "
        "created with the demo board on first use)",
    )
    parser.add_argument(
        "--smoke", action="store_true",
        help="open the window, wait for it to paint with its data, print one JSON line of timings, exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    demo = commands.add_parser(
        "demo", help="build the demo workspace",
        description="Build the demo workspace: the public record of one council's improvement "
        "journey plus a fictional plan. Deterministic for a seed.",
    )
    _db_option(demo, "the workspace file to write")
    demo.add_argument("--actions", type=_whole_number(1, MAX_DEMO_ACTIONS), metavar="N",
                      help=f"number of actions in the plan (1 to {MAX_DEMO_ACTIONS:,})")
    demo.add_argument("--seed", type=_whole_number(0), metavar="S", help="random seed (same seed, same workspace)")
    demo.add_argument("--force", action="store_true", help="replace the file if it exists")
    demo.add_argument("--as-at", dest="as_at", type=_uk_date, metavar="DATE",
                      help="the demo's 'today' (default 11/09/2024, just after its public record ends)")
    add_wait_option(demo)

    check = commands.add_parser(
        "check", help="check a workspace file",
        description="Run every check of an open (network share, file size, integrity_check, schema version) "
        "without changing the file. Prints 'ok (integrity_check, schema N)' and exits 0, or one line saying what is wrong and exits 1.",
    )
    _db_option(check, "the workspace file to check")
    check.add_argument("-v", "--verbose", action="store_true", help="print the schema versions to stderr")

    backup = commands.add_parser(
        "backup", help="back up a workspace",
        description="Write a verified backup of a workspace (SQLite backup API; safe while it is open).",
    )
    _db_option(backup, "the workspace file to back up")
    backup.add_argument("--out", type=Path, required=True, metavar="FILE", help="the backup file to write (must not exist)")

    from boardapp.cli import backups as backups_command, restore as restore_command

    restore_command.add_parser(commands)
    backups_command.add_parser(commands)

    from boardapp.cli import pack as pack_command

    pack_command.add_parser(commands, db_option=_db_option, meeting=_meeting, sections=_sections,
                            whole_number=_whole_number, as_option=_as_option)

    new = commands.add_parser(
        "new", help="create an empty workspace for your own board",
        description="Create a new, empty workspace for your own board (no demo data): the board, its "
        "independent chair and the next board meeting (planned). An existing file is never replaced.",
    )
    _db_option(new, "the workspace file to create (must not exist)")
    new.add_argument("--board", required=True, metavar="NAME", help="the board's name (on every page of the pack)")
    new.add_argument("--council", default="", metavar="NAME", help="the council whose improvement the board oversees")
    new.add_argument("--chair", default="", metavar="NAME", help="the independent chair (added to the directory)")
    new.add_argument("--next-meeting", type=_uk_date, metavar="DATE",
                     help="date of the next board meeting, DD/MM/YYYY or YYYY-MM-DD (created as planned)")
    new.add_argument("--marking", default="OFFICIAL-SENSITIVE", metavar="TEXT",
                     help="the default protective marking of the pack (default: OFFICIAL-SENSITIVE)")
    new.add_argument("--encrypt", action="store_true",
                     help="encrypt the workspace (SQLCipher, key in this computer's keyring); prints its recovery key once")
    _as_option(new)
    add_wait_option(new)

    importing = commands.add_parser(
        "import", help="import an action tracker or risk register (.xlsx or .csv)",
        description="Import an action tracker or a risk register from .xlsx or .csv. All or nothing: if any row "
        "is rejected nothing is imported and the exit code is 1 (--skip-invalid imports the valid rows). "
        "Rows are matched to existing actions or risks by ref; importing the same file again changes nothing.",
    )
    _db_option(importing, "the workspace file")
    importing.add_argument("file", type=Path, metavar="FILE", help="the .xlsx or .csv file")
    importing.add_argument("--kind", choices=("actions", "risks"), help="what the file holds (default: detected)")
    importing.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: every sheet is scanned)")
    importing.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    importing.add_argument("--skip-invalid", action="store_true", help="import the valid rows, skip rejected ones")
    importing.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    _as_option(importing)
    add_wait_option(importing)

    export = commands.add_parser(
        "export", help="export actions, risks (.xlsx, .csv) or the calendar (.ics)",
        description="Export the plan's actions or the risk register to .xlsx or .csv, or its deadlines, board "
        "meetings and monitoring visits to an .ics calendar. An existing file at --out is replaced.",
    )
    _db_option(export, "the workspace file")
    export.add_argument("--what", choices=("actions", "risks", "calendar"), required=True, help="what to export")
    export.add_argument("--format", dest="file_format", choices=("xlsx", "csv", "ics"), required=True,
                        help="file format (ics for the calendar)")
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write")

    readiness = commands.add_parser(
        "readiness", help="readiness for the next monitoring visit",
        description="Readiness for the next visit (the earliest expected or scheduled one not yet over): the "
        "findings in its ILACS area from earlier visits and the ILACS, the actions answering them, and what is "
        "due before it, as at the workspace's date. Prints a summary, or JSON with --json.",
    )
    _db_option(readiness, "the workspace file")
    readiness.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    comparators.add_parser(commands)
    minutes.add_parser(commands)
    encryption.add_parsers(commands)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from boardapp.app import run_gui

    return int(run_gui(args.gui_db, smoke=args.smoke))


def _demo(args: argparse.Namespace) -> int:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.demo.build import build_demo
    from boardapp.services.workspace import effective_today, workspace_summary

    options: dict[str, Any] = {"force": args.force}
    if args.actions is not None:
        options["actions"] = args.actions
    if args.seed is not None:
        options["seed"] = args.seed
    if args.as_at is not None:
        options["today"] = args.as_at
    try:
        with holding(args.db, "demo", args.wait):  # never under an open window or another command
            build_demo(args.db, **options)
    except ValueError as exc:
        if args.as_at is None:
            raise
        raise ValueError(f"--as-at {args.as_at:%d/%m/%Y}: {exc}") from None
    except FileExistsError:
        raise FileExistsError(f"{args.db} already exists; use --force to replace it with the demo") from None
    engine = open_workspace(args.db)
    try:
        with session_scope(engine) as session:
            summary = workspace_summary(session=session, today=effective_today(session=session))
    finally:
        engine.dispose()
    as_at = f", as at {summary.as_at:%d/%m/%Y}" if summary.as_at else ""
    print(f"demo workspace {args.db}: {summary.board_name}, {summary.action_count} actions{as_at}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from boardapp.db.workspace import inspect_workspace

    status = inspect_workspace(args.db, thorough=True)  # size against the header, then integrity_check
    print(f"ok (integrity_check, schema {status.revision})")
    if status.pending_upgrade:
        _err(f"{status.path}: schema {status.revision or 'none'}; it will be upgraded to {status.head} when opened")
    elif args.verbose:
        _err(f"{status.path}: schema {status.revision} (this boardapp {__version__} writes {status.head})")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from boardapp.db.backup import backup_database

    # A backup never overwrites a file, so its target needs no lock; reading the source is safe while open.
    out = backup_database(args.db, args.out)
    print(f"backed up {args.db} to {out}")
    return 0


def _pack(args: argparse.Namespace) -> int:
    from boardapp.cli import pack as pack_command

    return pack_command.run(args, _who)


def _new(args: argparse.Namespace) -> int:
    from boardapp.services.people.setup import WorkspaceSetup, create_workspace

    setup = WorkspaceSetup(name=args.board, council=args.council, chair_name=args.chair,
                           default_marking=args.marking, next_meeting=args.next_meeting)
    key = None
    with holding(args.db, "new", args.wait):
        with encryption.creating(args.encrypt) as key:
            engine = create_workspace(args.db, setup, who=_who(args))
        engine.dispose()
    meeting = f"; next meeting {args.next_meeting:%d/%m/%Y} (planned)" if args.next_meeting else ""
    print(f"new workspace {args.db}: {' '.join(args.board.split())}{meeting}")
    encryption.print_new_recovery_key(key)
    return 0


def _import(args: argparse.Namespace) -> int:
    from boardapp.exchange.importer import find_table, read_workbook

    workbook = read_workbook(args.file)  # refusals first: nothing is opened for writing before the file is read
    layout = find_table(workbook, kind=args.kind, sheet=args.sheet)
    if args.dry_run:  # reads only: no lock
        return _import_into(args, workbook, layout)
    with holding(args.db, "import", args.wait):
        return _import_into(args, workbook, layout)


def _import_into(args: argparse.Namespace, workbook: Any, layout: Any) -> int:
    import json

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.exchange.importer import apply_plan, make_plan
    from boardapp.services.workspace import effective_today

    engine = open_workspace(args.db)
    try:
        with session_scope(engine) as session:
            plan = make_plan(workbook, layout, session=session, today=effective_today(session=session))
            blocked = bool(plan.rejected) and not args.skip_invalid
            if not args.dry_run and not blocked and plan.changes_anything:
                apply_plan(plan, session=session, who=_who(args), skip_invalid=args.skip_invalid)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(plan.summary(), ensure_ascii=False))
    else:
        _print_plan(plan, args, blocked)
    return EXIT_PROBLEM if blocked else 0


def _print_plan(plan: Any, args: argparse.Namespace, blocked: bool) -> None:
    summary = plan.summary()
    if blocked:
        outcome = "nothing was written: fix the rejected rows or use --skip-invalid"
    elif not plan.changes_anything:
        outcome = "nothing to change"
    else:
        outcome = "dry run: nothing was written" if args.dry_run else "written"
    print(f"{args.file.name}: {summary['kind']} on sheet {summary['sheet']!r}, headings in row {summary['header_row']}")
    print(f"{summary['create']} to create, {summary['update']} to update, {summary['unchanged']} unchanged, "
          f"{len(summary['rejected'])} rejected ({outcome})")
    for problem in summary["rejected"]:
        print(f"rejected row {problem['row']} ({problem['field']}): {problem['message']}")
    for problem in summary["warnings"]:
        print(f"warning row {problem['row']} ({problem['field']}): {problem['message']}")


def _export(args: argparse.Namespace) -> int:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.exchange.exporter import FORMATS, export
    from boardapp.services.workspace import effective_today

    if args.file_format not in FORMATS[args.what]:
        _err(f"boardapp export: {args.what} can be exported as {' or '.join(FORMATS[args.what])}, "
             f"not {args.file_format} (see boardapp export --help)")
        return EXIT_USAGE
    from boardapp.db.output_path import check_output_path

    check_output_path(args.out, workspaces=[args.db])
    engine = open_workspace(args.db)
    try:
        with session_scope(engine) as session:
            count = export(args.what, args.file_format, args.out, session=session,
                           today=effective_today(session=session))
    finally:
        engine.dispose()
    noun = "events" if args.what == "calendar" else args.what
    print(f"{args.out} ({count} {noun})")
    return 0


def _readiness(args: argparse.Namespace) -> int:
    import json

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.readiness_read import read_readiness
    from boardapp.services.workspace import effective_today

    engine = open_workspace(args.db)
    try:
        with session_scope(engine) as session:
            readiness = read_readiness(session=session, today=effective_today(session=session))
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(readiness.to_json(), indent=2, ensure_ascii=False))
    else:
        print(readiness_text(readiness))
    return 0


def readiness_text(readiness: Any) -> str:
    """The readiness summary as plain lines (``boardapp readiness`` without --json)."""
    from boardapp.services.inspections.readiness import FIGURES

    visit = readiness.next_visit
    if visit is None:
        return f"No monitoring visit or inspection is expected or scheduled after {readiness.today:%d/%m/%Y}."
    days = readiness.days_to_go
    when = "under way" if days < 0 else "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    area = readiness.focus_area_label or "no ILACS area chosen"
    lines = [
        f"{visit.label}: {visit.start_date:%d/%m/%Y} to {visit.end_date:%d/%m/%Y} ({visit.status.lower()}), {when}.",
        f"Focus: {visit.focus_area or 'not yet announced'} (ILACS area: {area}).",
    ]
    lines += [f"  {f.caption}: {readiness.value_text(f.key)}" for f in FIGURES]
    lines.append(f"Before the visit: {readiness.before_visit_count} open actions due by {visit.start_date:%d/%m/%Y}")
    lines += [f"  {g.owner}: {', '.join(a.ref for a in g.actions)}" for g in readiness.before_visit]
    return "\n".join(lines)


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler of a command that lives in ``cli/<name>.py``."""
    import importlib

    return importlib.import_module(f"boardapp.cli.{name}").run  # type: ignore[no-any-return]


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _run_gui,
    "demo": _demo,
    "check": _check,
    "backup": _backup,
    "restore": lambda args: _command("restore")(args),
    "backups": lambda args: _command("backups")(args),
    "pack": _pack,
    "new": _new,
    "import": _import,
    "export": _export,
    "readiness": _readiness,
    "comparators": comparators.run,
    "minutes": minutes.run,
    "encrypt": encryption.run_encrypt,
    "decrypt": encryption.run_decrypt,
}


def describe_error(exc: BaseException) -> str:
    """One line a user can act on, whatever raised."""
    if isinstance(exc, OSError) and exc.strerror and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    original = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    if isinstance(original, BaseException):
        return describe_error(original)
    text = " ".join(str(exc).split()) or type(exc).__name__
    hint = getattr(exc, "cli_hint", "")  # what only the command line can do (the window's text has none)
    return f"{text} ({hint})" if hint else text


def _is_expected(exc: BaseException) -> bool:
    from boardapp.logs import is_expected_error

    return is_expected_error(exc)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from boardapp.logs import setup_logging

    setup_logging()  # warnings as one line on stderr; tracebacks only in the log file
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:  # --help / --version (0) or a usage mistake, already printed
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    if args.command is not None and (args.gui_db is not None or args.smoke):
        _err(f"boardapp: put --db after the command: boardapp {args.command} --db PATH")
        return EXIT_USAGE
    try:
        encryption.apply_recovery_key(getattr(args, "db", None), getattr(args, "recovery_key", None))
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        _err("boardapp: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:
        if os.environ.get("BOARDAPP_DEBUG"):
            raise
        if isinstance(exc, ImportError) and exc.name and exc.name.startswith("boardapp"):
            _err(f"boardapp: this installation is incomplete ({describe_error(exc)})")
        elif _is_expected(exc):
            from boardapp.db.environment import disk_message_for

            said = describe_error(exc)  # a full disk or an I/O error: said as one, naming the file written
            disk = disk_message_for(exc, said, workspace=getattr(args, "db", None), output=getattr(args, "out", None))
            _err(f"boardapp: {disk or said}")
        else:  # a bug: its traceback goes to the log file, and the line says where
            from boardapp.logs import where_written, write_traceback

            where = write_traceback(exc, f"boardapp {args.command or 'window'}")
            _err(f"boardapp: unexpected {type(exc).__name__}: {describe_error(exc)}. {where_written(where)}")
        return EXIT_PROBLEM
