"""History reads that run off the UI thread: a text search scans the whole audit trail.

SQLite cannot use an index for ``LIKE '%word%'``, so on half a million entries a search and
its count take seconds. They run as a :class:`~boardapp.ui.common.tasks.Task`; a newer search
cancels the older one, and a cancelled read is interrupted inside SQLite (a progress handler)
rather than left to finish, so typing on never queues up stale scans.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from boardapp.services.history import HistoryFilter, HistoryPage, count_entries, history_page
from boardapp.ui.common.tasks import Task, TaskCancelled, TaskControl

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

#: SQLite virtual-machine steps between checks of the cancel flag (~a millisecond of work).
_STEPS_BETWEEN_CHECKS = 20_000

Cursor = tuple[datetime, int] | None


@contextmanager
def interruptible_session(engine: "Engine", control: TaskControl) -> Iterator["Session"]:
    """A session whose SQL stops (TaskCancelled) soon after the task is cancelled."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    with Session(engine) as session:
        raw = session.connection().connection.driver_connection
        raw.set_progress_handler(lambda: 1 if control.is_cancelled() else 0, _STEPS_BETWEEN_CHECKS)
        try:
            yield session
        except OperationalError as exc:
            if control.is_cancelled():
                raise TaskCancelled() from exc
            raise
        finally:
            raw.set_progress_handler(None, 0)


class HistorySearch(QObject):
    """Runs one search (count + first page) or one further page at a time, newest wins."""

    def __init__(self, engine: Callable[[], "Engine"], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.task: Task | None = None
        self.page_task: Task | None = None

    def search(self, flt: HistoryFilter, on_done: Callable[[int, HistoryPage], None],
               on_failed: Callable[[str], None]) -> Task:
        """Count and read the first page of ``flt``; cancels a search still running."""
        self.cancel()
        engine = self._engine()

        def work(control: TaskControl) -> tuple[int, HistoryPage]:
            with interruptible_session(engine, control) as session:
                first = history_page(flt, session=session)
                control.check()
                return count_entries(flt, session=session), first

        task = Task(work)  # no Qt parent: a running task must outlive a closed page (tasks._RUNNING keeps it)
        task.finished.connect(lambda result: on_done(*result))
        task.failed.connect(on_failed)
        self.task = task.start()
        return task

    def next_page(self, flt: HistoryFilter, cursor: Cursor, on_done: Callable[[HistoryPage], None],
                  on_failed: Callable[[str], None]) -> Task:
        """The page after ``cursor``, for the table's fetchMore while a text filter is set."""
        engine = self._engine()

        def work(control: TaskControl) -> HistoryPage:
            with interruptible_session(engine, control) as session:
                return history_page(flt, session=session, after=cursor)

        task = Task(work)  # no Qt parent: a running task must outlive a closed page (tasks._RUNNING keeps it)
        task.finished.connect(on_done)
        task.failed.connect(on_failed)
        self.page_task = task.start()
        return task

    def cancel(self) -> None:
        for task in (self.task, self.page_task):
            if task is not None and task.is_running():
                task.cancel()

    def is_running(self) -> bool:
        return any(task is not None and task.is_running() for task in (self.task, self.page_task))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until both reads end (tests and shutdown)."""
        return all(task.wait(msecs) for task in (self.task, self.page_task) if task is not None)


def describe_failure(message: str) -> str:
    """The count line's text when a search could not be read."""
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return f"The search could not be read: {first}"

