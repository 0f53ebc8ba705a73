"""What a page shows when it has nothing yet: what to add first, and the button that does it.

Use::

    self.empty = EmptyState("No risks yet", "Add the programme's risks …", [("Add a risk", self.add_risk)])
    self.switch = EmptySwitch(self.table, self.empty)   # shows one or the other
    layout.addWidget(self.switch, 1)
    …
    self.switch.set_empty(not rows)

The buttons are ordinary push buttons with accessible names (Tab reaches them, Enter or
Space presses them); the first takes the focus when the empty state is shown by keyboard.
Buttons that add or import are write commands: the window's write gate disables them while
the workspace is read-only (``write_buttons``; name the ones that only show something in ``reads``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

ButtonSpec = tuple[str, Callable[[], object]]


class EmptyState(QWidget):
    """A title, a sentence saying what to add first, and one or more buttons that do it."""

    def __init__(self, title: str, text: str, buttons: Sequence[ButtonSpec] = (), parent: QWidget | None = None,
                 *, name: str = "", reads: Sequence[str] = ()) -> None:
        """``reads``: the labels of buttons that only show something (go to a page, clear a filter); every
        other button adds or imports, and is disabled with the window's other write commands."""
        super().__init__(parent)
        self._reads = {label.replace("&", "").rstrip("…") for label in reads}
        self.setObjectName("emptyState")
        self.setAccessibleName(name or title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 32, 24, 32)
        layout.setSpacing(10)
        layout.addStretch(1)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("sectionTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = QLabel(text)
        self.text_label.setObjectName("muted")
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setMaximumWidth(620)
        layout.addWidget(self.title_label)
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(self.text_label, 10)
        text_row.addStretch(1)
        layout.addLayout(text_row)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: list[QPushButton] = []
        for label, slot in buttons:
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.setAccessibleDescription(f"{title}. {text}")

    def set_text(self, title: str | None = None, text: str | None = None) -> None:
        if title is not None:
            self.title_label.setText(title)
        if text is not None:
            self.text_label.setText(text)
        self.setAccessibleDescription(f"{self.title_label.text()}. {self.text_label.text()}")

    def write_buttons(self) -> list[QPushButton]:
        """The buttons that write (all but ``reads``): the window's write gate holds them while read-only."""
        return [b for b in self.buttons if b.text().replace("&", "").rstrip("…") not in self._reads]

    def button(self, label: str) -> QPushButton:
        """The button whose text is ``label`` (without '&', with or without the trailing '…')."""
        def plain(text: str) -> str:
            return text.replace("&", "").rstrip("…")

        for button in self.buttons:
            if plain(button.text()) == plain(label):
                return button
        raise KeyError(label)


class EmptySwitch(QStackedWidget):
    """Shows ``content`` (a table, a chart…) or, while there is nothing to show, the empty state."""

    def __init__(self, content: QWidget, empty: EmptyState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.empty = empty
        self.setAccessibleName(content.accessibleName() or "Content")
        self.addWidget(content)
        self.addWidget(empty)

    def set_empty(self, empty: bool) -> None:
        had_focus = self.content.hasFocus()
        self.setCurrentWidget(self.empty if empty else self.content)
        if empty and had_focus and self.empty.buttons:
            self.empty.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty
