"""What the File and Help menus do: small operations over the main window.

Each opens, creates, backs up or exports through the services on a worker thread
(:mod:`boardapp.ui.common.tasks`), and talks to the user only through
:mod:`boardapp.ui.common.msgbox`. Heavy modules are imported inside the functions.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from boardapp.ui.common import msgbox
from boardapp.ui.common.tasks import Task, TaskCancelled, TaskControl, run_with_progress

if TYPE_CHECKING:
    from boardapp.ui.shell.window_api import ShellWindow

log = logging.getLogger(__name__)


# -- opening ------------------------------------------------------------------------------------
def open_path(window: "ShellWindow", path: Path, *, demo_if_missing: bool = False) -> Task | None:
    """Open the workspace at ``path`` on a worker thread, then attach it to the window.

    With ``demo_if_missing`` a missing file is first built as the demo workspace
    (the first run on the default workspace). Problems come back as a clear message.
    """
    if window.opening:
        return None
    path = Path(path).expanduser().absolute()
    if window.ctx is not None and window.ctx.db_path == path:
        window.detach()  # opening it again: give our own lock back first, or we would find it held
    building = demo_if_missing and not path.exists()
    window.opening = True
    if building:
        window.statusBar().showMessage(f"First run: building the demo workspace at {path}…")
    else:
        window.statusBar().showMessage(f"Opening {path}…")
    if not window.pages:
        window.loading_label.setText("Building the demo workspace…" if building else "Opening the workspace…")

    def work(control: TaskControl) -> Any:
        from boardapp.db.access import take_workspace
        from boardapp.db.errors import WorkspaceError
        from boardapp.services.plan.first_read import read_first_snapshot
        from boardapp.ui.common import context

        today = context.current_day()
        access = None
        try:
            # The lock first (held while the window has the workspace open); held by another
            # boardapp, or a place that cannot be written, and the workspace opens read-only.
            access = take_workspace(path, purpose="window")
            if building:
                from boardapp.demo.build import build_demo

                control.progress(5, "Building the demo workspace…")
                build_demo(path)
                access.note_identity()
            control.progress(60, "Checking the workspace and reading the plan…")
            return _Opened(read_first_snapshot(path, today), access)
        except WorkspaceError as exc:
            if access is not None:
                access.release()
            return exc
        except BaseException:
            if access is not None:
                access.release()
            raise

    task = Task(work)
    task.progress.connect(lambda _pct, message: message and not window.pages and window.loading_label.setText(message))

    def finished(result: Any) -> None:
        window.opening = False
        if isinstance(result, Exception):
            _open_failed(window, path, result)
            return
        window.statusBar().clearMessage()
        window.attach(None, path, result.snapshot, access=result.access)  # the ORM's engine is made on first use
        if building:
            window.statusBar().showMessage(
                f"This is the demo workspace, built on first use at {path}. "
                "Use File › New workspace to start your own board.", 20_000)

    def failed(message: str) -> None:
        window.opening = False
        _report_open_problem(window, path, message)

    task.finished.connect(finished)
    task.failed.connect(failed)
    return task.start()


class _Opened:
    """What the open's worker hands back: the first read and the hold on the workspace."""

    def __init__(self, snapshot: Any, access: Any) -> None:
        self.snapshot = snapshot
        self.access = access


def _report_open_problem(window: "ShellWindow", path: Path, message: str) -> None:
    window.statusBar().clearMessage()
    if not window.pages:
        window.loading_label.setText("No workspace open.\nUse File › Open or File › New workspace.")
    window.open_failed.emit(message)
    if window.interactive:
        msgbox.error(window, "Cannot open the workspace", message)


def _open_failed(window: "ShellWindow", path: Path, exc: Exception) -> None:
    from boardapp.db.errors import CorruptWorkspaceError, EncryptedWorkspaceError, NotAWorkspaceError

    if isinstance(exc, EncryptedWorkspaceError) and window.interactive:
        ask_recovery_key(window, path)
        return

    backup = getattr(exc, "newest_backup", None)
    offer = isinstance(exc, CorruptWorkspaceError) and not isinstance(exc, NotAWorkspaceError) and backup is not None
    if not offer or not window.interactive:
        _report_open_problem(window, path, str(exc))
        return
    window.open_failed.emit(str(exc))
    answer = msgbox.choice(
        window, "The workspace is damaged",
        f"{path} is damaged and cannot be opened ({getattr(exc, 'problem', 'failed its check')}).\n\n"
        f"The newest backup is {backup}.\nRestore it? The damaged file is kept in the backups folder.",
        ["Restore the newest backup"], cancel="Don't restore",
    )
    if answer is None:
        _report_open_problem(window, path, str(exc))
        return
    restore_backup(window, path, Path(backup))


def ask_recovery_key(window: "ShellWindow", path: Path) -> Any:
    """An encrypted workspace without its key here: ask for its recovery key (non-blocking; returns the
    dialog). The right key opens it (and is kept in the keyring again); Cancel leaves it unopened."""
    from boardapp.ui.shell.encryption_ui import RecoveryKeyDialog

    dialog = RecoveryKeyDialog(path, window)  # type: ignore[arg-type]
    dialog.accepted.connect(lambda: open_path(window, path))
    dialog.rejected.connect(lambda: _report_not_opened(window, path))
    window.recovery_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog


def _report_not_opened(window: "ShellWindow", path: Path) -> None:
    message = f"{path} was not opened: it is encrypted and no recovery key was entered."
    if not window.pages:
        window.loading_label.setText("No workspace open.\nUse File › Open or File › New workspace.")
    window.statusBar().showMessage(message, 20_000)
    window.open_failed.emit(message)


def restore_backup(window: "ShellWindow", path: Path, backup: Path) -> Task:
    """Replace ``path`` with ``backup`` (verified first; the old file is kept), then open it."""
    def work(control: TaskControl) -> Path | None:
        from boardapp.db.access import take_workspace
        from boardapp.db.backup import restore_database

        with take_workspace(path, purpose="restore", read_only_ok=False):  # never under another boardapp
            return restore_database(path, backup,
                                    progress=lambda done, total: control.progress(100 * done / max(total, 1)))

    def done(kept: Path | None) -> None:
        kept_text = f" The previous file was kept as {kept}." if kept else ""
        window.statusBar().showMessage(f"Restored {path.name} from {backup.name}.{kept_text}", 20_000)
        open_path(window, path)

    return run_with_progress(window, "Restoring the backup", work, on_done=done, cancellable=False)


def restore_from_backup(window: "ShellWindow") -> Any:
    """File › Restore from backup…: choose one of the workspace's backups (previewed read-only), then
    close the workspace, restore it (the current state is backed up first) and open it again.
    Returns the dialog (non-blocking)."""
    if window.ctx is None:
        return None
    from boardapp.ui.shell.restore_dialog import RestoreDialog

    path = window.ctx.db_path
    dialog = RestoreDialog(path, window)  # type: ignore[arg-type]

    def accepted() -> None:
        chosen = dialog.chosen()
        if chosen is None:
            return
        auto = getattr(window, "auto_backup", None)
        if auto is not None:
            auto.dirty = False  # the restore itself backs up the current state first
        detach = getattr(window, "detach", None)
        if detach is not None:
            detach()  # the engine (and the window's lock) must be let go before the file is replaced
        restore_backup(window, path, chosen)

    dialog.accepted.connect(accepted)
    window.restore_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog


def choose_and_open(window: "ShellWindow") -> None:
    start = window.ctx.db_path.parent if window.ctx else None
    path = msgbox.open_file(window, "Open workspace", start)
    if path is not None:
        open_path(window, path)


def new_workspace(window: "ShellWindow") -> Any:
    """File › New workspace…: the wizard (non-blocking); Finish creates the workspace and opens it
    on its Dashboard. Returns the wizard."""
    from boardapp.ui.shell.new_workspace_wizard import NewWorkspaceWizard

    folder = window.ctx.db_path.parent if window.ctx else Path.home()
    wizard = NewWorkspaceWizard(window, folder=folder)  # type: ignore[arg-type]
    wizard.accepted.connect(lambda: create_workspace(window, wizard.target_path(), wizard.setup(),
                                                     key=wizard.encryption_key()))
    window.wizard = wizard
    wizard.open()
    return wizard


def create_workspace(window: "ShellWindow", path: Path, setup: Any, *, key: bytes | None = None) -> Task:
    """Create the workspace the wizard describes (off the UI thread), then open it on its Dashboard;
    encrypted with ``key`` when given (its recovery key was shown by the wizard)."""
    from boardapp.config import current_user

    who = current_user()

    def work(control: TaskControl) -> Any:
        from boardapp.db.access import take_workspace
        from boardapp.services.people.setup import create_workspace as create
        from boardapp.ui.common.context import current_day

        control.progress(10, "Creating the workspace…")
        access = take_workspace(path, purpose="window", read_only_ok=False)  # held while the window has it
        try:
            if key is None:
                engine = create(path, setup, who=who, today=current_day())
            else:
                from boardapp.db.encryption import creating_encrypted

                with creating_encrypted(key):
                    engine = create(path, setup, who=who, today=current_day())
        except BaseException:
            access.release()
            raise
        access.note_identity()
        return engine, access

    def done(result: Any) -> None:
        engine, access = result
        window.attach(engine, path, start_page="Dashboard", access=access)  # a new board starts at its dashboard
        window.statusBar().showMessage(f"Created {path}", 10_000)
        window.activateWindow()  # back from the wizard: the keyboard is in the window, on the first thing to do
        first = getattr(window.pages.get("Dashboard"), "empty", None)
        if first is not None and first.buttons:
            first.buttons[0].setFocus()

    return run_with_progress(window, "Creating the workspace", work, on_done=done, cancellable=False)


# -- backup -------------------------------------------------------------------------------------
def backup_now(window: "ShellWindow", out_path: Path | None = None) -> Task | None:
    """Write a verified backup into the workspace's backups folder (or ``out_path``)."""
    if window.ctx is None:
        return None
    source = window.ctx.db_path

    def work(control: TaskControl) -> Path:
        from boardapp.db.backup import backup_database
        from boardapp.db.backup_store import make_backup

        def progress(done: int, total: int) -> None:
            control.check()
            control.progress(100 * done / max(total, 1), f"Copied {done:,} of {total:,} pages…")

        if out_path is not None:
            return backup_database(source, out_path, progress=progress)
        record = make_backup(source, "manual", progress=progress)
        assert record is not None
        return record.path

    def done(written: Path) -> None:
        window.statusBar().showMessage(f"Backup written and verified: {written}", 20_000)
        if window.interactive:
            msgbox.information(window, "Back up now", f"A verified backup was written to\n{written}")

    return run_with_progress(window, "Backing up the workspace", work, on_done=done)


# -- meeting pack -------------------------------------------------------------------------------
def export_pack(window: "ShellWindow") -> Task | None:
    """Ask what to export, then build the PDF off the UI thread with progress and Cancel."""
    if window.ctx is None:
        return None
    from boardapp.ui.shell.export_pack_dialog import ExportPackDialog

    dialog = ExportPackDialog(window.ctx, window)
    if not dialog.exec():
        return None
    options = dialog.options()
    engine, today, who = window.ctx.engine, window.ctx.today(), window.ctx.who

    def work(control: TaskControl) -> Any:
        from boardapp.pack.build import export_all
        from boardapp.pack.build import PackCancelled

        try:
            return export_all(
                engine, options.out_path, meeting=options.meeting, marking=options.marking, sections=options.sections,
                today=today, papers=options.papers, confidential_out=options.confidential_out,
                supplement=options.supplement, final_by=who if options.final else None,
                progress=control.progress, cancelled=control.is_cancelled,
            )
        except PackCancelled:
            raise TaskCancelled() from None

    def done(result: Any) -> None:
        pages = result.pages
        what = f"Supplement {result.supplement}" if result.supplement else "The meeting pack"
        extra = (f"\nThe confidential part ({result.confidential_pages} pages) was written to\n"
                 f"{result.confidential_path}" if result.confidential_path else
                 "\nNo confidential part was made: there is nothing confidential (Part B) in it."
                 if options.confidential_out else "")
        written = f"{what} ({pages} pages) was written to\n{options.out_path}" if result.path is not None else \
            f"{what} has no public papers, so only its confidential part was written"
        window.statusBar().showMessage(written.replace("\n", " "), 20_000)
        if not window.interactive:
            return
        answer = msgbox.choice(
            window, "Meeting pack ready", f"{written}{extra}",
            ["Open the pack", "Open its folder"], icon="information",  # news, not a question
        )
        opened = options.out_path if result.path is not None else result.confidential_path
        if answer == "Open the pack":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(opened)))
        elif answer == "Open its folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(opened.parent)))

    return run_with_progress(window, "Exporting the meeting pack", work, on_done=done)


# -- about --------------------------------------------------------------------------------------
def versions() -> dict[str, str]:
    """Versions of everything the app stands on (without importing the heavy ones)."""
    import platform
    import sqlite3
    from importlib import metadata

    import PySide6
    from PySide6.QtCore import qVersion

    from boardapp import __version__

    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "boardapp": __version__,
        "Python": platform.python_version(),
        "PySide6": PySide6.__version__,
        "Qt": qVersion(),
        "SQLite": sqlite3.sqlite_version,
        "SQLModel": dist("sqlmodel"),
        "SQLAlchemy": dist("SQLAlchemy"),
        "reportlab": dist("reportlab"),
    }


def about_text(window: "ShellWindow") -> str:
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;{v}</td></tr>" for k, v in versions().items())
    where = str(window.ctx.db_path) if window.ctx else "no workspace open"
    return (
        "<h3>boardapp</h3><p>The improvement board secretariat's offline tool: the plan, inspections, "
        f"meetings and the meeting pack.</p><table>{rows}</table><p>Workspace: {where}</p>"
        f"<p>Today: {(window.ctx.today() if window.ctx else date.today()):%d/%m/%Y}</p>"
    )


def show_about(window: "ShellWindow") -> None:
    msgbox.about(window, "About boardapp", about_text(window))
