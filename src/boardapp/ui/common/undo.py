"""Undoable edits: QUndoCommands whose redo/undo call the services (every page's commands build on these).

How a command is used::

    cmd = EditActionCommand(ctx, row, changes)
    cmd.execute()            # first run: raises ValidationError/ConflictError to the caller
    ctx.undo_stack.push(cmd)  # pushing does not run it again

So a command that failed the first time is never on the stack. A later undo or
redo that fails (someone changed the row meanwhile, the file went away) shows a
message through ``msgbox``, marks the command obsolete (the stack drops it) and
leaves the data as it was. Every successful run emits ``ctx.actions_changed(ids)``.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext

log = logging.getLogger(__name__)


class ServiceCommand(QUndoCommand):
    """Base: run ``_do``/``_undo`` through a session; report failures without breaking the stack.

    ``touches``: the aggregates the command changes besides actions ("people", "meetings", …);
    after every successful run ``ctx.changed`` is emitted for each, so the pages showing them refresh.
    """

    touches: tuple[str, ...] = ()

    def __init__(self, ctx: "AppContext", text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._skip_next_redo = False

    # subclasses implement these; each returns the changed action ids ([] when no action changed)
    def _do(self, session: "Session") -> list[int]:
        raise NotImplementedError

    def _undo(self, session: "Session") -> list[int]:
        raise NotImplementedError

    def execute(self) -> None:
        """Run the change for the first time; errors reach the caller and nothing is pushed."""
        with self.ctx.session() as session:
            ids = self._do(session)
        self._skip_next_redo = True
        self._announce(ids)

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._run(self._do, "redo")

    def undo(self) -> None:
        self._run(self._undo, "undo")

    def _run(self, step: Any, verb: str) -> None:
        try:
            with self.ctx.session() as session:
                ids = step(session)
        except Exception as exc:  # noqa: BLE001 - the user must hear about it, and the stack stays usable
            log.warning("%s of %r failed: %s", verb, self.text(), exc)
            self.setObsolete(True)
            from boardapp.ui.common import msgbox

            msgbox.warning(
                None, f"Could not {verb}",
                f"“{self.text()}” could not be {'undone' if verb == 'undo' else 'redone'}: {exc}\n\n"
                "Nothing was changed. The register has been reloaded to show the current state.",
            )
            self.ctx.actions_changed.emit([])
            for kind in self.touches:
                self.ctx.changed.emit(kind)
            return
        self._announce(ids)

    def _announce(self, ids: list[int]) -> None:
        if ids or not self.touches:
            self.ctx.actions_changed.emit(ids)
        for kind in self.touches:
            self.ctx.changed.emit(kind)


def run_command(ctx: "AppContext", command: ServiceCommand) -> None:
    """Execute a command for the first time and, if it worked, put it on the undo stack.

    Exceptions (ValidationError, ConflictError…) propagate so the caller can show them
    where they belong (next to the field at fault).
    """
    command.execute()
    ctx.undo_stack.push(command)
