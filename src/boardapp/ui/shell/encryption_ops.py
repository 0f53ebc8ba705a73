"""File › Encrypt workspace… and File › Decrypt workspace…: encryption at rest from the window.

Only the command that applies is enabled (a plain workspace can be encrypted, an encrypted one
decrypted); both are write commands, so a read-only window keeps them disabled saying why (the
write gate). Either one asks first, then lets go of the workspace as restore-from-backup does
(the window's engine and its lock: the file is about to be replaced), converts it on a worker
thread behind a progress dialog (``boardapp.db.encryption``: a checked backup first, the
converted copy checked, then renamed over the file in one step) and opens it again. Encrypting
ends on the recovery key, shown once (``RecoveryKeyShownDialog``). A failure is said in one
clear message and the workspace, unchanged, is opened again.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from boardapp.ui.common import msgbox
from boardapp.ui.common.tasks import Task, TaskControl, run_with_progress

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext
    from boardapp.ui.shell.window_api import ShellWindow

ENCRYPT_TIP = "Encrypt this workspace (SQLCipher, AES-256) behind a backup; its recovery key is shown once"
DECRYPT_TIP = "Write this workspace back as a plain, unencrypted file (behind an encrypted backup)"


class EncryptionActions:
    """The two File menu commands; ``refresh`` enables the one that applies to the open workspace."""

    def __init__(self, window: "ShellWindow", menu: QMenu) -> None:
        self.window = window
        self.encrypt_action = QAction("Encr&ypt workspace…", window)  # type: ignore[arg-type]
        self.decrypt_action = QAction("&Decrypt workspace…", window)  # type: ignore[arg-type]
        self.encrypt_action.triggered.connect(lambda _=False: encrypt_current(window))
        self.decrypt_action.triggered.connect(lambda _=False: decrypt_current(window))
        menu.addAction(self.encrypt_action)
        menu.addAction(self.decrypt_action)
        menu.setToolTipsVisible(True)  # a disabled command says why
        self._applicable: list[QAction] = []

    def actions(self) -> list[QAction]:
        return [self.encrypt_action, self.decrypt_action]

    def applicable(self) -> list[QAction]:
        """The command that applies to the open workspace (joined to the write gate), if any."""
        return list(self._applicable)

    def refresh(self, ctx: "AppContext") -> None:
        """Enable the command that applies to ``ctx``'s workspace; the other says why it does not."""
        from boardapp.db.connect import is_encrypted, sqlcipher_available

        if not sqlcipher_available():
            for action in self.actions():
                action.setEnabled(False)
                action.setToolTip("This installation of boardapp has no SQLCipher (sqlcipher3)")
            self._applicable = []
            return
        try:
            encrypted = is_encrypted(ctx.db_path)
        except OSError:
            encrypted = False
        on, off = (self.decrypt_action, self.encrypt_action) if encrypted else (self.encrypt_action, self.decrypt_action)
        on.setToolTip(DECRYPT_TIP if encrypted else ENCRYPT_TIP)
        on.setEnabled(not ctx.read_only)
        off.setEnabled(False)
        off.setToolTip("This workspace is not encrypted" if off is self.decrypt_action
                       else "This workspace is already encrypted")
        self._applicable = [on]


def _let_go(window: "ShellWindow") -> Path:
    """Close the window's workspace (engine, pages, lock) before its file is replaced; returns its path."""
    assert window.ctx is not None
    path = window.ctx.db_path
    auto = getattr(window, "auto_backup", None)
    if auto is not None:
        auto.dirty = False  # the conversion backs up the current state itself, first
    window.detach()
    return path


def _failed(window: "ShellWindow", path: Path, title: str, message: str) -> None:
    """Say why, then open the workspace again (it is unchanged: the conversion renames only a checked copy)."""
    from boardapp.ui.shell.operations import open_path

    text = message[:1].upper() + message[1:]
    task = open_path(window, path)  # first: the window fills again behind the message
    if task is not None:
        task.finished.connect(lambda _result: window.ctx is not None and window.statusBar().showMessage(
            f"{title}: not done — {path.name} is unchanged.", 20_000))
    msgbox.error(window, title, f"{path.name} was not changed.\n\n{text}")  # type: ignore[arg-type]


def _open_saying(window: "ShellWindow", path: Path, message: str) -> None:
    """Open ``path`` again, then say what was done (the open clears the status bar when it attaches)."""
    from boardapp.ui.shell.operations import open_path

    task = open_path(window, path)
    if task is not None:
        task.finished.connect(lambda _result: window.ctx is not None
                              and window.statusBar().showMessage(message, 30_000))


def _ask_then_convert(window: "ShellWindow", *, title: str, question: str, button: str, icon: str,
                      progress_title: str, work: Callable[[Path, TaskControl], Any],
                      done: Callable[[Path, Any], None]) -> Task | None:
    """The steps both commands share: ask, let go of the workspace, run ``work`` off the UI thread behind
    a progress dialog, then ``done`` (which opens it again) or, on a failure, say why and open it again."""
    if window.ctx is None or window.ctx.read_only:
        return None
    if msgbox.choice(window, title, question, [button], cancel="Cancel", icon=icon) != button:  # type: ignore[arg-type]
        return None
    path = _let_go(window)
    return run_with_progress(window, progress_title, lambda control: work(path, control),  # type: ignore[arg-type]
                             on_done=lambda result: done(path, result),
                             on_error=lambda message: _failed(window, path, title, message), cancellable=False)


def encrypt_current(window: "ShellWindow") -> Task | None:
    """File › Encrypt workspace…: ask, let go, encrypt (and its earlier backups) off the UI thread,
    open it again and show its recovery key once."""

    def work(path: Path, control: TaskControl) -> tuple[Any, str | None]:
        from boardapp.db.access import take_workspace
        from boardapp.db.encryption import encrypt_backups, encrypt_workspace
        from boardapp.db.errors import WorkspaceError

        with take_workspace(path, purpose="encrypt", read_only_ok=False):  # never under another boardapp
            control.progress(5, "Backing up, then encrypting the workspace…")
            outcome = encrypt_workspace(path)
            control.progress(70, "Encrypting the earlier backups…")
            try:
                encrypt_backups(path)
            except WorkspaceError as exc:  # the workspace is encrypted: its key must still be shown
                return outcome, str(exc)
        control.progress(100, "Done")
        return outcome, None

    def done(path: Path, result: tuple[Any, str | None]) -> None:
        from boardapp.ui.shell.encryption_ui import RecoveryKeyShownDialog

        outcome, backups_problem = result
        dialog = RecoveryKeyShownDialog(path, outcome.recovery_key, window)  # type: ignore[arg-type]
        window.recovery_key_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()
        note = (f" Some earlier backups are not encrypted: {backups_problem}" if backups_problem else "")
        _open_saying(window, path, f"Encrypted {path.name} (backup first: {outcome.backup.name}).{note}")

    name = window.ctx.db_path.name if window.ctx is not None else ""
    return _ask_then_convert(
        window, title="Encrypt workspace", button="Encrypt", icon="question",
        question=f"Encrypt {name}?\n\n"
        "• A backup is taken first, then the workspace is written again as an encrypted file (SQLCipher, "
        "AES-256); its earlier backups are encrypted with the same key.\n"
        "• The key is kept in this computer's keyring, so you are not asked for it here.\n"
        "• A recovery key is shown once at the end. Write it down and keep it apart from this computer: "
        "it is the only way to open the workspace on another computer or if the keyring is lost.\n\n"
        "The workspace is closed while this runs and opened again afterwards.",
        progress_title="Encrypting the workspace", work=work, done=done)


def decrypt_current(window: "ShellWindow") -> Task | None:
    """File › Decrypt workspace…: ask (the file will be readable by anyone who has it), let go,
    decrypt behind an encrypted backup off the UI thread, open it again."""

    def work(path: Path, control: TaskControl) -> Any:
        from boardapp.db.access import take_workspace
        from boardapp.db.encryption import decrypt_workspace

        with take_workspace(path, purpose="decrypt", read_only_ok=False):
            control.progress(5, "Backing up, then decrypting the workspace…")
            return decrypt_workspace(path)

    def done(path: Path, outcome: Any) -> None:
        _open_saying(window, path,
                     f"Decrypted {path.name}: it is now a plain file (encrypted backup first: {outcome.backup.name}).")

    name = window.ctx.db_path.name if window.ctx is not None else ""
    return _ask_then_convert(
        window, title="Decrypt workspace", button="Decrypt", icon="warning",
        question=f"Decrypt {name}?\n\n"
        "Afterwards the workspace is a plain file: anyone who can read it — another user of this computer, "
        "a copy on a memory stick or in a cloud folder — can read the board's papers without any key.\n\n"
        "An encrypted backup is taken first. The key stays in this computer's keyring, because the "
        "encrypted backups still need it (so does your recovery key).\n\n"
        "The workspace is closed while this runs and opened again afterwards.",
        progress_title="Decrypting the workspace", work=work, done=done)
