"""The Actions page's edit operations: new, edit, bulk change, delete and restore.

Each one builds an undoable command (``ui.undo``) and runs it; the page refreshes
through ``ctx.actions_changed`` like every other view.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from boardapp.domain.rules import ValidationError
from boardapp.services.rows import ActionRow
from boardapp.ui.common import msgbox


class ActionEditsMixin:
    """Mixed into ActionsPage (uses its ctx, table, bar, model and selection)."""

    ctx: Any
    table: Any
    bar: Any
    editor: Any
    bulk_dialog: Any
    _people: list[Any]
    selected_rows: Any
    select_action: Any
    reload: Any
    _after_save: Any

    # --- edits ---------------------------------------------------------------------------------
    def new_action(self) -> None:
        """Open the editor for a new action (non-blocking; ``self.editor`` is the dialog)."""
        self._open_editor(None)

    def edit_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and not rows[0].deleted:
            self._open_editor(rows[0].id)
        elif len(rows) > 1:
            self.bulk_change_selected()

    def _open_editor(self, action_id: int | None) -> None:
        from boardapp.ui.pages.actions.editor import ActionEditor

        editor = ActionEditor(self.ctx, action_id, self)
        if action_id is None:
            themes = self.bar.current_filter().theme_ids
            if len(themes) == 1:
                editor.theme_combo.setCurrentIndex(max(0, editor.theme_combo.findData(next(iter(themes)))))
        editor.saved.connect(lambda saved_id, created=action_id is None: self._after_save(saved_id, created))
        editor.finished.connect(lambda _r: self._editor_closed(editor))
        editor.meeting_requested.connect(self.meeting_requested)  # type: ignore[attr-defined]
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        editor.open()

    def _editor_closed(self, editor: Any) -> None:
        if self.editor is editor:
            self.editor = None
        self.table.setFocus()

    def bulk_change_selected(self) -> None:
        rows = [r for r in self.selected_rows() if not r.deleted]
        if not rows:
            return
        from boardapp.ui.pages.actions.bulk_change import BulkChangeDialog

        dialog = BulkChangeDialog([p for p in self._people if p.left_on is None], len(rows), self.ctx.today(), self)
        dialog.accepted.connect(lambda: self._bulk_accepted(rows, dialog.changes()))
        dialog.finished.connect(lambda _r: setattr(self, "bulk_dialog", None))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bulk_dialog = dialog
        dialog.open()

    def _bulk_accepted(self, rows: Sequence[ActionRow], changes: dict[str, Any]) -> None:
        from boardapp.ui.pages.actions.commands import BulkChangeCommand

        if changes:
            self._run(BulkChangeCommand(self.ctx, rows, changes), "Bulk change")

    def delete_selected(self) -> None:
        rows = [r for r in self.selected_rows() if not r.deleted]
        if not rows:
            return
        what = f"{rows[0].ref} “{rows[0].title}”" if len(rows) == 1 else f"these {len(rows)} actions"
        if not msgbox.question(self, "Delete actions",
                               f"Delete {what}?\n\nDeleted actions can be brought back with Undo (Ctrl+Z) "
                               "or from the “Deleted” view.", default_yes=False):
            return
        from boardapp.ui.pages.actions.commands import DeleteActionsCommand

        self._run(DeleteActionsCommand(self.ctx, rows), "Delete")

    def restore_selected(self) -> None:
        rows = [r for r in self.selected_rows() if r.deleted]
        if rows:
            from boardapp.ui.pages.actions.commands import RestoreActionsCommand

            self._run(RestoreActionsCommand(self.ctx, rows), "Restore")

    def _run(self, command: Any, title: str) -> bool:
        from boardapp.services.plan.commands import ConflictError, NotFoundError
        from boardapp.services.transaction import WriteRefusedError
        from boardapp.ui.common.undo import run_command

        try:
            run_command(self.ctx, command)
        except ValidationError as exc:
            ref, _, field = exc.field.partition(" ")
            where = f"{ref}, {field.replace('_', ' ')}" if field else exc.field.replace("_", " ")
            msgbox.warning(self, title, f"Nothing was changed. {where}: {exc.message}")
            return False
        except (ConflictError, NotFoundError) as exc:
            msgbox.warning(self, title, f"Nothing was changed: {exc}")
            self.reload()
            return False
        except WriteRefusedError as exc:
            msgbox.warning(self, title, f"Nothing was changed: {exc}")
            return False
        return True
