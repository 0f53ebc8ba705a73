"""Why a workspace file cannot be opened, backed up or restored.

Each message is one sentence a secretariat officer can act on; the CLI prints
it as its single error line and the window shows it in a message box.
(``boardapp.db.workspace`` re-exports these; they live here so that
``backup`` and ``workspace`` can both raise them without importing each other.)
"""
from __future__ import annotations

from pathlib import Path


class WorkspaceError(RuntimeError):
    """A workspace cannot be used; the message says why and what to do.

    The message is shown in the window too, so it quotes no command-line syntax; what only the
    command line can do goes in ``cli_hint``, which the CLI adds to its line.
    """

    cli_hint: str = ""


class MissingWorkspaceError(WorkspaceError):
    """The file does not exist (and was not asked to be created)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} does not exist (create a new workspace, or check the path)")
        self.path = path


class NetworkShareError(WorkspaceError):
    """The file is on a network share, where SQLite's file locking is unreliable."""

    def __init__(self, path: Path, fs_type: str) -> None:
        super().__init__(
            f"{path} is on a network share ({fs_type}); SQLite cannot lock files reliably there, "
            "so edits could be lost. Copy the workspace to this computer and open the copy."
        )
        self.path = path
        self.fs_type = fs_type


class CorruptWorkspaceError(WorkspaceError):
    """The file fails SQLite's checks. ``newest_backup`` is the one to offer, if any."""

    def __init__(self, path: Path, problem: str, newest_backup: Path | None) -> None:
        if newest_backup is not None:
            offer = f"The newest backup is {newest_backup}; restore it."
            self.cli_hint = f"boardapp restore --db {path} --from {newest_backup}"
        else:
            offer = "No backup of it was found."
        super().__init__(f"{path} is damaged and cannot be opened ({problem}). {offer}")
        self.path = path
        self.problem = problem
        self.newest_backup = newest_backup


class NotAWorkspaceError(CorruptWorkspaceError):
    """The file is not a boardapp workspace at all (another kind of file or database)."""

    def __init__(self, path: Path, why: str, newest_backup: Path | None = None) -> None:
        WorkspaceError.__init__(self, f"{path} is not a boardapp workspace ({why})")
        self.path = path
        self.problem = why
        self.newest_backup = newest_backup


class NewerSchemaError(WorkspaceError):
    """The file was written by a newer boardapp than this one."""

    def __init__(self, path: Path, file_revision: str, app_revision: str, app_version: str) -> None:
        super().__init__(
            f"{path} uses workspace schema {file_revision}, written by a newer boardapp; "
            f"this boardapp {app_version} knows schemas up to {app_revision}. "
            "Install the newer boardapp to open it."
        )
        self.path = path
        self.file_revision = file_revision
        self.app_revision = app_revision


class BackupError(WorkspaceError):
    """A backup could not be made, or a file offered for restore is not a usable backup."""


class EncryptedWorkspaceError(WorkspaceError):
    """The file is encrypted and no key for it is in the keyring (or this process): the window asks
    for its recovery key; a command takes ``--recovery-key`` or ``BOARDAPP_RECOVERY_KEY``."""

    cli_hint = "give it with --recovery-key KEY or in BOARDAPP_RECOVERY_KEY"

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is encrypted; enter its recovery key")
        self.path = path


class WrongRecoveryKeyError(WorkspaceError):
    """A recovery key was given that is not the key of this file."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"The recovery key does not open {path}")
        self.path = path
