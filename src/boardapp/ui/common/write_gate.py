"""One gate for every command that writes: closed while the workspace is read-only.

A read-only window (another boardapp holds the workspace, its folder or disk cannot be
written, or its file was replaced) keeps every write command disabled, with a tooltip that
says why, instead of letting the user click and only then get an error. Pages list their
writing buttons and actions in ``write_controls()``; the shell joins them to the gate. A
page's own ``setEnabled(True)`` (after a selection change) is undone while the gate is
closed, so pages need not know about read-only at all. Table views stop editing in place and
dragging rows; text fields become read-only; a Delete or paste in them is refused with the reason
(``refused``: the window shows it in the status bar).
"""
from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget,
)

#: Property on a joined control holding its own tooltip, given back when the gate opens.
_OWN_TIP = "writeGateOwnTip"


def read_only_tip(reason: str) -> str:
    """The tooltip of a disabled write command: "Read-only: open in another boardapp … since 14:02"."""
    text = reason.removesuffix(" — read-only").strip()
    return f"Read-only: {text[:1].lower()}{text[1:]}" if text else "Read-only"


#: Text fields a page joins: read-only while the gate is closed.
TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)
#: Choosers a container's rows are entered with (a presenter, a purpose, minutes allotted): disabled while
#: closed, like buttons. Compared with ``read_only_commands`` by their accessible name.
CHOOSERS = (QComboBox, QAbstractSpinBox)


def is_edit_key(event: QKeyEvent) -> bool:
    """Delete, Backspace, paste, cut, Insert or F2: the keys that would change something in a table."""
    return (event.matches(QKeySequence.StandardKey.Delete) or event.matches(QKeySequence.StandardKey.Paste)
            or event.matches(QKeySequence.StandardKey.Cut)
            or event.key() in (Qt.Key.Key_Insert, Qt.Key.Key_F2, Qt.Key.Key_Backspace, Qt.Key.Key_Delete))


class WriteGate(QObject):
    """Keeps joined write controls disabled (with a reason) while ``reason`` is set."""

    #: A key or command that would write was refused while closed: the message to show.
    refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason: str | None = None
        self._controls: list[Any] = []
        self._views: dict[QAbstractItemView, tuple[Any, Any]] = {}
        self._fields: dict[QWidget, bool] = {}
        #: Widgets whose rows are built as data arrives (a meeting's minutes): new fields and buttons
        #: in them are joined as they appear (on Qt's Polish event, watched only while closed).
        self._containers: list[tuple[QWidget, set[str]]] = []
        self._watching_app = False

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
                if control not in self._views:
                    self._views[control] = (control.editTriggers(), control.dragDropMode())
                    control.installEventFilter(self)
                if self.closed:
                    self._close_view(control)
                continue
            if isinstance(control, TEXT_FIELDS):
                if control not in self._fields:
                    self._fields[control] = control.isReadOnly()
                    control.installEventFilter(self)
                if self.closed:
                    control.setReadOnly(True)
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

    def join_container(self, widget: QWidget, read_only_commands: Iterable[str] = ()) -> None:
        """Gate everything in ``widget`` that can change data (``discover_write_controls``), now
        and as it builds more rows."""
        reads = {text.replace("&", "") for text in read_only_commands}
        self._containers.append((widget, reads))
        self.join(discover_write_controls(widget, reads))

    def close_with(self, reason: str) -> None:
        """Close the gate: every joined control disabled, its tooltip saying why."""
        self.reason = reason
        self._watch_app(True)
        for control in self.controls():
            self._close_one(control)
        for view in list(self._views):
            if _alive(view):
                self._close_view(view)
        for field in list(self._fields):
            if _alive(field):
                field.setReadOnly(True)  # type: ignore[attr-defined]

    def open(self) -> None:
        """Open the gate (the window can write again): controls enabled, own tooltips back."""
        self.reason = None
        self._watch_app(False)
        for control in self.controls():
            control.setToolTip(control.property(_OWN_TIP) or "")
            control.setEnabled(True)
        for view, (triggers, drag) in list(self._views.items()):
            if _alive(view):
                view.setEditTriggers(triggers)
                view.setDragDropMode(drag)
        for field, read_only in list(self._fields.items()):
            if _alive(field):
                field.setReadOnly(read_only)  # type: ignore[attr-defined]

    def clear(self) -> None:
        """Forget every control (the workspace closed; its pages are going)."""
        self._controls = []
        self._views = {}
        self._fields = {}
        self._containers = []
        self.reason = None
        self._watch_app(False)

    def refuse(self) -> None:
        """Say (``refused``) that what was just asked for would write and so was not done."""
        self.refused.emit(f"{read_only_tip(self.reason or '')} — nothing was changed.")

    # -- keeping them closed ----------------------------------------------------------------------
    def _close_one(self, control: Any) -> None:
        control.setEnabled(False)
        control.setToolTip(read_only_tip(self.reason or ""))

    def _watch_app(self, on: bool) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is None or on == self._watching_app or (on and not self._containers):
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching_app = on

    def _polished(self, widget: QWidget) -> None:
        for container, reads in self._containers:
            if _alive(container) and container.isAncestorOf(widget) and _writes(widget, reads):
                self.join([widget, *[a for a in widget.actions() if _writes(a, reads)]])
                return

    def _close_view(self, view: QAbstractItemView) -> None:
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)

    def _hold(self, control: Any) -> None:
        if self.closed and _alive(control) and control.isEnabled():
            control.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Polish and self._watching_app and isinstance(watched, QWidget):
            self._polished(watched)
            return False
        if (self.closed and event.type() == QEvent.Type.KeyPress and watched in self._views
                and isinstance(event, QKeyEvent) and is_edit_key(event)):
            self.refuse()  # a view's own Delete / paste (the figures grid) would write: refused, saying why
            return True
        if (event.type() == QEvent.Type.ReadOnlyChange and self.closed and watched in self._fields
                and not watched.isReadOnly()):  # type: ignore[attr-defined]
            watched.setReadOnly(True)  # type: ignore[attr-defined]  # the page's own setReadOnly(False) is held
            return False
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


def empty_state_write_buttons(page: QWidget) -> list[Any]:
    """The add and import buttons of a page's empty states ("Add the first risk…"): they write too."""
    from boardapp.ui.common.empty_state import EmptyState

    return [button for empty in page.findChildren(EmptyState) for button in empty.write_buttons()]


def gate_for(widget: QWidget | None) -> WriteGate | None:
    """The write gate of the window a widget (a page, a dialog) sits in, if it has one."""
    while widget is not None:
        gate = getattr(widget, "write_gate", None)
        if isinstance(gate, WriteGate):
            return gate
        widget = widget.parentWidget()
    return None


def hold_editor(dialog: QWidget, *save_buttons: Any) -> str | None:
    """An editor opened in a read-only window shows what is there but cannot save: its Save
    buttons are disabled saying why, and its title says "read-only". Returns the reason, or None."""
    gate = gate_for(dialog.parentWidget())
    if gate is None or not gate.closed:
        return None
    tip = read_only_tip(gate.reason or "")
    for button in save_buttons:
        button.setEnabled(False)
        button.setToolTip(tip)
    if not dialog.windowTitle().endswith(" (read-only)"):
        dialog.setWindowTitle(f"{dialog.windowTitle()} (read-only)")
    return tip


def discover_write_controls(widget: QWidget, read_only_commands: Iterable[str] = ()) -> list[Any]:
    """A widget's own ``write_controls()``, else everything in it that can change data: its
    commands (QAction), buttons, tables, text fields, combos and spin boxes, except commands named
    in ``read_only_commands`` (compared without ``&``; a combo or spin box by its accessible name)."""
    from PySide6.QtWidgets import QAbstractButton

    own = getattr(widget, "write_controls", None)
    if callable(own):
        return list(own())
    reads = {text.replace("&", "") for text in read_only_commands}
    found: list[Any] = []
    for kind in (QAction, QAbstractButton, QAbstractItemView, *TEXT_FIELDS, *CHOOSERS):
        for child in widget.findChildren(kind):  # type: ignore[arg-type]
            if _writes(child, reads) and child not in found:
                found.append(child)
    return found


def _writes(control: Any, reads: set[str]) -> bool:
    """Is this a control that can change data (a command, button, table, text field, combo or spin box)
    not named as reading?"""
    from PySide6.QtWidgets import QAbstractButton, QScrollBar

    if isinstance(control, QScrollBar) or not isinstance(control, (QAction, QAbstractButton, QAbstractItemView,
                                                                   *TEXT_FIELDS, *CHOOSERS)):
        return False
    if isinstance(control, CHOOSERS):
        return control.accessibleName().replace("&", "") not in reads
    if isinstance(control, (QAction, QAbstractButton)):
        if isinstance(control, QAction) and control.isSeparator():
            return False
        return control.text().replace("&", "") not in reads
    return True
