"""``boardapp backups``: the automatic backups of a workspace, newest first (``--json`` for scripts)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "backups", help="list the automatic backups of a workspace",
        description="List the checked backups boardapp keeps of a workspace in your user data folder, newest "
        "first: when, why, size, number of actions and the last change in each. Never writes.",
    )
    parser.add_argument("--db", type=Path, required=True, metavar="PATH", help="the workspace file")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list of objects (path, created, size, actions, checked, ...)")
    return parser


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def run(args: argparse.Namespace) -> int:
    from boardapp.db.backup_store import list_backups, rejected_backups, store_dir

    records = list_backups(args.db)
    if args.json:
        print(json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=1))
        return 0
    if not records:
        print(f"no backups of {args.db.expanduser().absolute()} yet (they go in {store_dir(args.db)})")
    for record in records:
        last = f"{record.last_change.astimezone():%d/%m/%Y %H:%M}" if record.last_change else "none"
        print(f"{record.created.astimezone():%d/%m/%Y %H:%M:%S}  {record.reason:<18} {_size(record.size):>10}  "
              f"{record.actions:>6} actions  last change {last}  {record.path}")
    for failure in rejected_backups(args.db)[-3:]:
        print(f"failed its check and removed: {failure.get('created', '?')} ({failure.get('problem', '?')})")
    return 0
