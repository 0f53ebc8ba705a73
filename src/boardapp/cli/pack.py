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
    from boardapp.db.errors import WorkspaceError
    from boardapp.db.output_path import check_output_path, describe_write_error
    from boardapp.db.workspace import open_workspace
    from boardapp.pack.build import export_all

    outputs = [args.out] + ([args.confidential_out] if args.confidential_out is not None else [])
    for out in outputs:  # never the workspace, its -wal, a folder or a device
        check_output_path(out, workspaces=[args.db])
    engine = open_workspace(args.db)
    try:
        result = export_all(engine, args.out, meeting=args.meeting, marking=args.marking, sections=args.sections,
                            papers=args.papers, confidential_out=args.confidential_out, supplement=args.supplement,
                            final_by=who(args) if args.final else None,
                            # checked again at the final rename: the name may have changed meanwhile
                            check=lambda out: check_output_path(out, workspaces=[args.db]))
    except OSError as exc:  # name the file asked for, not the temporary file the PDF is built in
        raise WorkspaceError(describe_write_error(exc, args.out)) from exc
    finally:
        engine.dispose()
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
