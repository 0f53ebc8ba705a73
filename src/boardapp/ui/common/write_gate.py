"""One gate for every command that writes: closed while the workspace is read-only.

A read-only window (another boardapp holds the workspace, its folder or disk cannot be
written, or its file was replaced) keeps every write command disabled, with a tooltip that
says why, instead of letting the user click and only then get an error. Pages list their
writing buttons and actions in ``write_controls()``; the shell joins them to the gate. A
page's own ``setEnabled(True)`` (after a selection change) is undone while the gate is
closed, so pages need not know about read-only at all. Table views stop editing in place.
"""
from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QWidget

#: Property on a joined control holding its own tooltip, given back when the gate opens.
_OWN_TIP = "writeGateOwnTip"


def read_only_tip(reason: str) -> str:
    """The tooltip of a disabled write command: "Read-only: open in another boardapp … since 14:02"."""
    text = reason.removesuffix(" — read-only").strip()
    return f"Read-only: {text[:1].lower()}{text[1:]}" if text else "Read-only"


class WriteGate(QObject):
    """Keeps joined write controls disabled (with a reason) while ``reason`` is set."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason: str | None = None
        self._controls: list[Any] = []
        self._views: dict[QAbstractItemView, Any] = {}

    @property
    def closed(self) -> bool:
        return self.reason is not None

    def controls(self) -> list[Any]:
        """The joined controls still alive."""
        return [c for c in self._controls if _alive(c)]

    def join(self, controls: Iterable[Any]) -> None:
        """Gate these buttons / actions (and table views: no editing in place while closed)."""
        for control in controls:
            if isinstance(control, QAbstractItemView):
                self._views[control] = control.editTriggers()
                if self.closed:
                    control.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
                continue
            if control in self._controls:
                continue
            self._controls.append(control)
            control.setProperty(_OWN_TIP, control.toolTip())
            if isinstance(control, QAction):
                control.changed.connect(lambda c=control: self._hold(c))
            else:
                control.installEventFilter(self)
            if self.closed:
                self._close_one(control)

    def close_with(self, reason: str) -> None:
        """Close the gate: every joined control disabled, its tooltip saying why."""
        self.reason = reason
        for control in self.controls():
            self._close_one(control)
        for view in list(self._views):
            if _alive(view):
                view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def open(self) -> None:
        """Open the gate (the window can write again): controls enabled, own tooltips back."""
        self.reason = None
        for control in self.controls():
            control.setToolTip(control.property(_OWN_TIP) or "")
            control.setEnabled(True)
        for view, triggers in list(self._views.items()):
            if _alive(view):
                view.setEditTriggers(triggers)

    def clear(self) -> None:
        """Forget every control (the workspace closed; its pages are going)."""
        self._controls = []
        self._views = {}
        self.reason = None

    # -- keeping them closed ----------------------------------------------------------------------
    def _close_one(self, control: Any) -> None:
        control.setEnabled(False)
        control.setToolTip(read_only_tip(self.reason or ""))

    def _hold(self, control: Any) -> None:
        if self.closed and _alive(control) and control.isEnabled():
            control.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.EnabledChange and self.closed and isinstance(watched, QWidget)
                and watched.isEnabled() and watched in self._controls):
            watched.setEnabled(False)
        return False


def _alive(obj: Any) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def page_write_controls(page: QWidget) -> list[Any]:
    """What a page says writes (``write_controls()``); a page without the method fails the suite's check."""
    getter = getattr(page, "write_controls", None)
    return list(getter()) if callable(getter) else []
