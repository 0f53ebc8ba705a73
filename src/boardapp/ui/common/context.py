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


class AppContext(QObject):
    """The open workspace as seen by the UI.

    ``as_at``: the workspace's own "today" (the demo has one; a real workspace none), used by
    ``today()`` everywhere in the window.
    """

    actions_changed = Signal(list)  # list[int] of action ids; [] means "everything may have changed"
    workspace_changed = Signal()  # reference data (people, themes, inspections, meetings) changed
    #: One aggregate's data changed ("board", "people", "themes", "inspections", "meetings",
    #: "performance", "risks", "funding"): pages showing it refresh; undo commands emit it.
    changed = Signal(str)

    def __init__(self, engine: "Engine | None", db_path: Path, who: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
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
        """Close the engine's connections (the window is closing the workspace)."""
        if self._engine is not None:
            self._engine.dispose()

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
