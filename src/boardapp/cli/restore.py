"""``boardapp restore``: put a backup back in place of a workspace (the current one is backed up first)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from boardapp.db.errors import BackupError


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "restore", help="restore a workspace from a backup",
        description="Replace a workspace with a backup: 'latest' (the newest checked backup boardapp made of it, "
        "see boardapp backups) or a backup file. The backup is verified first and the current workspace is "
        "backed up (or, if damaged, kept aside) before it is replaced.",
    )
    parser.add_argument("--db", type=Path, required=True, metavar="PATH",
                        help="the workspace file to replace (close the window first)")
    parser.add_argument("--from", dest="source", required=True, metavar="latest|FILE",
                        help="'latest' or the backup file to restore")
    from boardapp.cli.locking import add_wait_option

    add_wait_option(parser)
    return parser


def chosen_backup(db_path: Path, source: str) -> Path:
    """The backup file ``--from`` names: the newest good one for 'latest', else the path given."""
    from boardapp.db.backup_store import newest_good_backup

    if source.strip().lower() == "latest":
        newest = newest_good_backup(db_path)
        if newest is None:
            raise BackupError(f"there is no checked backup of {db_path} to restore (see boardapp backups --db {db_path})")
        return newest
    return Path(source).expanduser()


def run(args: argparse.Namespace) -> int:
    from boardapp.db.backup import restore_database

    from boardapp.cli.locking import holding

    source = chosen_backup(args.db.expanduser().absolute(), args.source)
    with holding(args.db, "restore", args.wait):  # refused while a window has the workspace open
        kept = restore_database(args.db, source)
    kept_note = f"; the previous workspace is kept as {kept}" if kept else ""
    print(f"restored {args.db} from {source}{kept_note}")
    return 0
