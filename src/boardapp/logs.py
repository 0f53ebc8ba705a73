"""Errors split in two (as qutebrowser's ``misc/sql.py`` does): the user's environment, and bugs.

An *expected* error (a bad file, a full disk, a refused value, a workspace another program
holds) is one line: the message says what to do, and stderr gets that line, never a
traceback. An *unexpected* one (a bug) also has its traceback written to a log file in the
user data folder, ``<data_dir>/logs/boardapp.log``, and the message says where. No Qt here:
the command line and the window share it.
"""
from __future__ import annotations

import logging
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

LOG_NAME = "boardapp.log"
#: The log is renamed to ``boardapp.log.1`` beyond this size, so it never grows without bound.
MAX_LOG_BYTES = 1_000_000


def log_file() -> Path:
    """Where tracebacks of unexpected errors go (``BOARDAPP_HOME`` moves it with the data folder)."""
    from boardapp.config import data_dir

    return data_dir() / "logs" / LOG_NAME


def is_expected_error(exc: BaseException) -> bool:
    """Whether ``exc`` is about the user's files, input or environment (a message is enough), not a bug."""
    from boardapp.db.connect import DB_ERRORS
    from boardapp.db.errors import WorkspaceError

    if isinstance(exc, (WorkspaceError, ValueError, OSError, *DB_ERRORS)):
        return True
    names = {cls.__name__ for cls in type(exc).__mro__}  # the services' own refusals (no import of them here)
    if names & {"ConflictError", "WriteRefusedError", "MigrationError", "NotFoundError"}:
        return True
    return type(exc).__module__.startswith("sqlalchemy")


def _append(text: str) -> Path | None:
    """Append ``text`` to the log file; None when it cannot be written (a log must never cause an error)."""
    target = log_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_file() and target.stat().st_size > MAX_LOG_BYTES:
            os.replace(target, target.with_name(LOG_NAME + ".1"))
        with target.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
    except OSError:
        return None
    return target


def write_traceback(exc: BaseException, what: str = "unexpected error") -> Path | None:
    """Write ``exc`` with its traceback to the log file; returns the file, or None if it cannot be written."""
    lines = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return _append(f"{datetime.now():%Y-%m-%d %H:%M:%S} {what} (pid {os.getpid()}):\n{lines}\n")


def where_written(path: Path | None) -> str:
    """The sentence a message adds after an unexpected error."""
    if path is None:
        return "The details could not be written to a log file."
    return f"The details were written to {path}."


class OneLineStderrHandler(logging.Handler):
    """Warnings and errors as one line on stderr (looked up at each record: tests swap it); the
    traceback of a record that has one goes to the log file instead."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = " ".join(record.getMessage().split())
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                if is_expected_error(exc):
                    message = f"{message}: {' '.join(str(exc).split()) or type(exc).__name__}"
                else:
                    where = write_traceback(exc, message)
                    message = f"{message}: unexpected {type(exc).__name__}: {exc}. {where_written(where)}"
            stream = sys.stderr
            if stream is not None:
                stream.write(f"boardapp: {message}\n")
                stream.flush()
        except Exception:  # noqa: BLE001 - logging must never raise
            pass


_installed: list[logging.Handler] = []


def setup_logging() -> None:
    """Install the one-line stderr handler on the root logger once (the command line and the window)."""
    if _installed:
        return
    handler = OneLineStderrHandler(level=logging.WARNING)
    logging.getLogger().addHandler(handler)
    _installed.append(handler)
