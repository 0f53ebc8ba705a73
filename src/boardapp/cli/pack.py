"""``boardapp pack``: the meeting pack, its confidential part, or a supplement, as PDF (no Qt)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable


def add_parser(commands: Any, *, db_option: Callable[..., None], meeting: Callable[[str], Any],
               sections: Callable[[str], Any], whole_number: Callable[[int], Callable[[str], int]],
               as_option: Callable[[argparse.ArgumentParser], None]) -> None:
    pack = commands.add_parser(
        "pack", help="export a meeting pack (PDF)",
        description="Export the meeting pack for a board meeting as one PDF, in agenda order with the "
        "papers merged in place; optionally its confidential part (Part B) as a second PDF, or a "
        "supplement carrying the late papers.",
    )
    db_option(pack, "the workspace file")
    pack.add_argument("--meeting", type=meeting, default="next", metavar="next|ID",
                      help="the meeting (default: the next planned one)")
    pack.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write")
    pack.add_argument("--marking", metavar="TEXT",
                      help="protective marking on every page (default: the board's, e.g. OFFICIAL-SENSITIVE)")
    pack.add_argument("--sections", type=sections, metavar="a,b,...",
                      help="only these sections (the agenda decides their order)")
    pack.add_argument("--no-papers", dest="papers", action="store_false",
                      help="leave the agenda items' papers out")
    pack.add_argument("--confidential-out", type=Path, metavar="FILE.pdf",
                      help="also write the confidential part (Part B items, marked OFFICIAL-SENSITIVE) to this file")
    pack.add_argument("--supplement", type=whole_number(1), metavar="N",
                      help="write Supplement N (the late papers) to --out instead of the pack; its confidential "
                      "papers (late papers on Part B items) go to --confidential-out")
    pack.add_argument("--final", action="store_true",
                      help="a final export: record the pack (or the supplement) as issued")
    as_option(pack)


def run(args: argparse.Namespace, who: Callable[[argparse.Namespace], str]) -> int:
    """Read the workspace without the ORM (``open_and_read``: checks, an upgrade if due, one read
    transaction), write the files, and only for ``--final`` open it for the ORM to record the issue."""
    from boardapp.db.errors import WorkspaceError
    from boardapp.db.opening import open_and_read
    from boardapp.db.output_path import check_output_path, describe_write_error
    from boardapp.pack.build import export_document
    from boardapp.services.pack_data import build_pack_data

    outputs = [args.out] + ([args.confidential_out] if args.confidential_out is not None else [])
    for out in outputs:  # never the workspace, its -wal, a folder or a device
        check_output_path(out, workspaces=[args.db])
    issued_by = who(args) if args.final else None  # asked before anything is written
    data = open_and_read(args.db, lambda db: build_pack_data(
        session=db, meeting=args.meeting, marking=args.marking, sections=args.sections, papers=args.papers))
    try:
        result = export_document(data, args.out, confidential_out=args.confidential_out, supplement=args.supplement,
                                 # checked again at the final rename: the name may have changed meanwhile
                                 check=lambda out: check_output_path(out, workspaces=[args.db]))
    except OSError as exc:  # name the file asked for, not the temporary file the PDF is built in
        raise WorkspaceError(describe_write_error(exc, args.out)) from exc
    if issued_by is not None:
        _record_issue(args, data.meeting.id, issued_by, result.supplement, result.paper_ids)
    what = f"Supplement {result.supplement}: " if result.supplement else ""
    if result.path is not None:
        print(f"{what}{result.path} ({result.pages} pages)")
    else:  # a supplement of confidential papers only
        print(f"{what}no public papers, so {args.out} was not written")
    if result.confidential_path is not None:
        print(f"confidential part: {result.confidential_path} ({result.confidential_pages} pages)")
    elif args.confidential_out is not None:
        print(f"confidential part: none, {args.confidential_out} was not written (nothing confidential "
              + ("in this supplement)" if result.supplement else "on the meeting's agenda)"))
    return 0


def _record_issue(args: argparse.Namespace, meeting_id: int, who: str, supplement: int | None,
                  paper_ids: tuple[int, ...]) -> None:
    """A final export: the pack (or the supplement's late papers) recorded as issued, one audited transaction."""
    from boardapp.db.workspace import open_workspace
    from boardapp.services.pack_data import record_issue

    engine = open_workspace(args.db)
    try:
        record_issue(engine, meeting_id, who=who, supplement=supplement, paper_ids=paper_ids)
    finally:
        engine.dispose()
