"""``boardapp minutes``: a meeting's draft minutes to Word (.docx) or PDF.

    boardapp minutes --db PATH --meeting ID|last --out FILE.docx|FILE.pdf [--marking TEXT]

``last``: the latest meeting on or before the workspace's today that was not cancelled.
The format follows the file's extension. A meeting that does not exist, an unknown
extension or a folder that is not there is one line on stderr and exit 1 (2 for usage);
nothing is written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

FORMATS = (".docx", ".pdf")


def _meeting(text: str) -> str | int:
    cleaned = text.strip().lower()
    if cleaned == "last":
        return "last"
    if cleaned.isdigit() and int(cleaned) > 0:
        return int(cleaned)
    raise argparse.ArgumentTypeError(f"expected 'last' or a meeting id, not {text!r}")


def add_parser(commands: Any) -> None:
    """Register the command on ``build_parser``'s subparsers."""
    parser = commands.add_parser(
        "minutes", help="a meeting's draft minutes to .docx or PDF",
        description="Write a meeting's draft minutes (Present, Apologies, In attendance, each item's notes, "
        "Decisions, Actions arising, Challenges) to Word (.docx) or PDF, chosen by the file's extension.",
    )
    parser.add_argument("--db", type=Path, required=True, metavar="PATH", help="the workspace file")
    parser.add_argument("--meeting", type=_meeting, required=True, metavar="ID|last",
                        help="the meeting's id, or 'last' (the latest held before today)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="FILE.docx or FILE.pdf")
    parser.add_argument("--marking", metavar="TEXT", help="protective marking (default: the board's)")


def _fail(line: str) -> int:
    if sys.stderr is not None:
        print(line, file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in FORMATS:
        return _fail(f"boardapp minutes: {args.out.name}: the file must end in .docx or .pdf")
    if not args.out.parent.is_dir():
        return _fail(f"boardapp minutes: {args.out.parent}: no such folder")
    if not args.db.exists():
        return _fail(f"boardapp minutes: {args.db}: no such workspace file")
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.domain.rules import ValidationError
    from boardapp.services.meetings.draft_minutes import last_meeting_id, minutes_data
    from boardapp.services.workspace import effective_today

    engine = open_workspace(args.db)
    try:
        with session_scope(engine) as session:
            meeting_id = args.meeting
            if meeting_id == "last":
                meeting_id = last_meeting_id(session=session, today=effective_today(session=session))
                if meeting_id is None:
                    return _fail("boardapp minutes: no meeting has been held yet (--meeting last)")
            try:
                data = minutes_data(meeting_id, session=session, marking=args.marking)
            except ValidationError:
                return _fail(f"boardapp minutes: there is no meeting {meeting_id} (see the Meetings page for ids)")
    finally:
        engine.dispose()
    if suffix == ".docx":
        from boardapp.exchange.minutes_docx import write_minutes_docx

        write_minutes_docx(data, args.out)
        print(f"{args.out} (minutes of {data.heading}, Word)")
    else:
        from boardapp.pack.minutes import write_minutes_pdf

        pages = write_minutes_pdf(data, args.out)
        print(f"{args.out} (minutes of {data.heading}, {pages} page{'s' if pages != 1 else ''})")
    return 0
