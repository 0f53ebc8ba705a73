"""The window's first read of a workspace: checks, the register and the dashboard's figures.

Runs on the open's worker thread with no ORM and no Qt: ``open_and_read`` hands the
read a DB-API connection while ``quick_check`` runs alongside.
"""
from __future__ import annotations

import logging
import sqlite3
from datetime import date
from pathlib import Path

from boardapp.db.connect import DATABASE_ERRORS
from boardapp.db.opening import open_and_read
from boardapp.services.plan.snapshot import RegisterSnapshot, read_snapshot
from boardapp.services.workspace import effective_today

log = logging.getLogger(__name__)


def read_first_snapshot(path: Path, today: date) -> RegisterSnapshot | None:
    """Check the workspace and read the register with the dashboard's figures, as at the workspace's
    own date when it has one (else ``today``).

    Raises WorkspaceError when the file cannot be opened. A failure of the read itself is
    not the open's: it is logged and None returned, and the register then reads for itself
    and reports what is wrong.
    """
    def read(connection: sqlite3.Connection) -> RegisterSnapshot | None:
        try:
            day = effective_today(session=connection, fallback=today)
            return read_snapshot(session=connection, today=day, with_plan_summary=True)
        except DATABASE_ERRORS as exc:  # a damaged file: the check running alongside says so
            log.debug("the first read of the plan failed: %s", exc)
            return None
        except Exception as exc:  # noqa: BLE001 - a bug: traceback to the log file; the register reads again
            from boardapp.logs import write_traceback

            write_traceback(exc, "the first read of the plan failed")
            log.warning("the first read of the plan failed: %s", exc)
            return None

    return open_and_read(path, read)

