"""Undo commands for the workspace's reference data: the board, its people and the plan's themes.

They differ from the register's commands in what they announce: a renamed person or theme,
or a moved action, changes what every page shows (owner and theme names, the filter lists,
the title bar), so after every run they emit ``ctx.changed(kind)`` for what they touch and
``ctx.workspace_changed`` (the register then reloads once, instead of once per changed id).
"""
from __future__ import annotations

from boardapp.ui.common.undo import ServiceCommand


class WorkspaceCommand(ServiceCommand):
    """A ServiceCommand over people, themes or the board (set ``touches``)."""

    touches: tuple[str, ...] = ("people",)

    def _announce(self, ids: list[int]) -> None:
        for kind in self.touches:
            self.ctx.changed.emit(kind)
        self.ctx.workspace_changed.emit()
