"""What every page of the window shares: the workspace, the undo stack and change signals.

Pages never talk to each other directly: a service call that changes data goes
through ``AppContext``, which emits ``actions_changed`` (ids, or [] for "reload
everything"); every page that shows actions listens and refreshes only what it must.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from boardapp.db.access import WorkspaceAccess


class AppContext(QObject):
    """The open workspace as seen by the UI.

    ``as_at``: the workspace's own "today" (the demo has one; a real workspace none), used by
    ``today()`` everywhere in the window.

    ``access``: how the window holds the workspace (``db.access``: its lock, or read-only and
    why); released with the context. ``read_only`` is True while nothing may be written (another
    boardapp holds it, its place cannot be written, or its file was replaced): edit commands
    follow ``editable_changed``.
    """

    actions_changed = Signal(list)  # list[int] of action ids; [] means "everything may have changed"
    workspace_changed = Signal()  # reference data (people, themes, inspections, meetings) changed
    #: One aggregate's data changed ("board", "people", "themes", "inspections", "meetings",
    #: "performance", "risks", "funding"): pages showing it refresh; undo commands emit it.
    changed = Signal(str)
    #: Whether edits are possible changed (the file was found replaced: the window stops writing).
    editable_changed = Signal(bool)

    def __init__(self, engine: "Engine | None", db_path: Path, who: str, parent: QObject | None = None, *,
                 access: "WorkspaceAccess | None" = None) -> None:
        super().__init__(parent)
        self.access = access
        self._engine = engine
        self.db_path = db_path
        self.who = who
        self.as_at: date | None = None
        self.undo_stack = QUndoStack(self)

    @property
    def engine(self) -> "Engine":
        """The ORM's engine, made on first use: the open shows its data before SQLAlchemy is imported."""
        if self._engine is None:
            from boardapp.db.engine import make_engine

            self._engine = make_engine(self.db_path)
        return self._engine

    def has_engine(self) -> bool:
        return self._engine is not None

    def dispose(self) -> None:
        """Close the engine's connections and give the workspace back (the window is closing it)."""
        if self._engine is not None:
            self._engine.dispose()
        if self.access is not None:
            self.access.release()

    @property
    def read_only(self) -> bool:
        """True while nothing may be written to the workspace from this window."""
        return self.access is not None and not self.access.writable

    def read_only_reason(self) -> str | None:
        """What the banner says while read-only, or None."""
        if self.access is None:
            return None
        if self.access.lost is not None:
            return str(self.access.lost)
        return self.access.read_only_reason

    def check_file(self) -> bool:
        """Is the workspace file still the one opened? On the first finding that it is not, the
        window stops writing (``editable_changed(False)``). Returns whether edits are possible."""
        if self.access is None or self.access.lost is not None:
            return not self.read_only
        if self.access.check_file() is not None:
            self.undo_stack.clear()  # an undo would write too
            self.editable_changed.emit(False)
        return not self.read_only

    def bind_editing(self, *widgets: QObject) -> None:
        """Keep edit commands (buttons, menu actions) disabled while the workspace is read-only."""
        for widget in widgets:
            if self.read_only:
                widget.setEnabled(False)  # type: ignore[attr-defined]
            self.editable_changed.connect(widget.setEnabled)  # type: ignore[attr-defined]

    @contextmanager
    def session(self) -> Iterator["Session"]:
        from boardapp.db.engine import session_scope

        with session_scope(self.engine) as session:
            yield session

    def today(self) -> date:
        """The app's "today": the workspace's as-at date, else the real date (``current_day``, which tests pin)."""
        return self.as_at or current_day()

    def reload_as_at(self) -> None:
        """Read the workspace's as-at date again (after the board's settings changed)."""
        from boardapp.services.workspace import as_at_date

        with self.session() as session:
            self.as_at = as_at_date(session=session)


def current_day() -> date:
    """Today's date, for work done before a context exists (the open's first read); tests pin it."""
    return date.today()
