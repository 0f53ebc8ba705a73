"""What every tab of the meeting workspace is: a widget shown the chosen meeting.

The page calls ``show_meeting(row)`` whenever the chosen meeting changes or the meetings data
changed (after every edit, undo or redo), with None when no meeting is chosen. A tab reads what
it needs through ``ctx.session()`` and keeps its own selection by id across those reloads.
A new tab (minutes, decisions…) subclasses MeetingTab and is listed in ``MeetingsPage.meeting_tabs``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:
    from boardapp.services.meetings.queries import MeetingListRow
    from boardapp.ui.common.context import AppContext


class MeetingTab(QWidget):
    """Base of the tabs: ``meeting`` is the chosen meeting (or None); subclasses implement ``reload``."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingListRow | None = None

    def show_meeting(self, meeting: "MeetingListRow | None") -> None:
        self.meeting = meeting
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def report(self, title: str, exc: Exception) -> None:
        """Say why an edit was refused (a ValidationError names the field; a conflict says to reload)."""
        from boardapp.ui.common import msgbox

        msgbox.warning(self, title, str(getattr(exc, "message", None) or exc))


def shortcut_action(owner: QWidget, text: str, keys: str | list[str], slot: Any, *,
                    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
    """An action with its shortcut shown in menus (and tooltips of the buttons made from it)."""
    action = QAction(text, owner)
    sequences = [QKeySequence(k) for k in ([keys] if isinstance(keys, str) else keys)]
    action.setShortcuts(sequences)
    action.setShortcutContext(context)
    action.triggered.connect(lambda _=False: slot())
    owner.addAction(action)
    return action


def action_button(action: QAction, text: str | None = None, *, alt_key: bool = True) -> QPushButton:
    """A push button that triggers ``action``; its tooltip names the shortcut.

    ``alt_key=False``: the button shows no Alt+letter (its letter is needed by a control shown beside it;
    the shortcut, Tab and the menus reach it), while the action keeps its own in the menus it is in.
    """
    button = QPushButton(text or (action.text() if alt_key else action.text().replace("&", "")))
    plain = action.text().replace("&", "").rstrip("…")
    button.setAccessibleName(plain)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{plain} ({keys})" if keys else plain)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _=False: action.trigger())
    action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
    return button
