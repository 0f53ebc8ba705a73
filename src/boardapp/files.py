"""New files that the user's folder treats like any other: made beside their target, then renamed onto it.

Every export (the pack, minutes, spreadsheets, calendars) is written to a temporary file in the
target's folder and renamed into place, so a failure never leaves half a file. ``tempfile.mkstemp``
makes that file readable by its owner only (0600), and the rename keeps it so: a pack saved to the
board's shared drive could not be opened by the colleague meant to print it. The file made here is
opened with 0666 and the process's umask applied, exactly as a file saved by any program.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

#: rw for everyone, before the umask (which takes away what the user's settings say: usually 0022).
CREATION_MODE = 0o666


def new_file_beside(target: Path, *, prefix: str, suffix: str) -> Path:
    """A new, empty file in ``target``'s folder, named ``prefix`` + random + ``suffix`` (never an existing file)."""
    folder = Path(target).parent
    for _attempt in range(100):
        candidate = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            handle = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                             CREATION_MODE)
        except FileExistsError:
            continue
        except PermissionError:  # Windows says so when the name is taken by a folder (as tempfile allows for)
            if os.name == "nt" and folder.is_dir() and os.access(folder, os.W_OK):
                continue
            raise
        os.close(handle)
        return candidate
    raise FileExistsError(f"no free temporary name in {folder}")  # 100 random names taken: not by chance
