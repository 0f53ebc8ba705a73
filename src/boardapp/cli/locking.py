"""The workspace lock for commands that write: ``--wait S`` and holding the lock while they write.

Every command that writes a workspace (``demo``, ``restore``, ``new``, ``import``, a backup's
target, and any later command that writes) wraps its work in ``holding(path, purpose, wait)``:
it waits up to ``--wait`` seconds (default 10) for another boardapp (an open window, another
command) to let go, then refuses with one clear line naming who holds it. Never two writers.
Commands that only read (``pack``, ``export``, ``check``) take no lock.
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from boardapp.db.errors import WorkspaceError

#: How long a writing command waits for the lock unless ``--wait`` says otherwise.
DEFAULT_WAIT_SECONDS = 10.0
MAX_WAIT_SECONDS = 24 * 3600.0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text!r}") from None
    if not 0 <= value <= MAX_WAIT_SECONDS:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_WAIT_SECONDS:g} seconds, not {text}")
    return value


def add_wait_option(parser: argparse.ArgumentParser) -> None:
    """``--wait S``: how long to wait for another boardapp to finish with the workspace."""
    parser.add_argument(
        "--wait", type=_seconds, default=DEFAULT_WAIT_SECONDS, metavar="S",
        help=f"wait up to S seconds for another boardapp using the workspace to finish "
        f"(default {DEFAULT_WAIT_SECONDS:g}); then refuse",
    )


@contextmanager
def holding(path: Path | str, purpose: str, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[None]:
    """Hold the workspace's lock at ``path`` for a command that writes it, or raise a WorkspaceError
    saying who holds it (after waiting ``wait`` seconds) or why the place cannot be written."""
    from boardapp.db.access import take_workspace
    from boardapp.db.lock import WorkspaceLockedError

    try:
        access = take_workspace(path, purpose=purpose, wait=wait, read_only_ok=False)
    except WorkspaceLockedError as exc:
        waited = f" (waited {wait:g} s; --wait S waits longer)" if wait > 0 else ""
        raise WorkspaceError(f"{exc}{waited}; nothing was changed") from None
    try:
        yield
    finally:
        access.release()


@contextmanager
def holding_new_file(path: Path | str, purpose: str, wait: float = DEFAULT_WAIT_SECONDS) -> Iterator[None]:
    """``holding`` for a file the command creates (a backup's target): its side lock file goes
    afterwards when it was made here, so a backups folder is not littered with ``.lock`` files."""
    from boardapp.db.lock import lock_path_for

    side = lock_path_for(path)
    existed = side.exists()
    try:
        with holding(path, purpose, wait):
            yield
    finally:
        if not existed:
            side.unlink(missing_ok=True)
