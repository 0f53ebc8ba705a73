"""Every interactive widget of the window, on every page, has an accessible name."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox, QHeaderView, QLineEdit,
    QPlainTextEdit,
    QTabBar, QTextEdit, QWidget,
)

from boardapp.ui.shell.main_window import PAGE_NAMES, MainWindow

INTERACTIVE = (
    QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QAbstractSlider, QTextEdit,
    QPlainTextEdit, QTabBar,
)


def _internal(widget: QWidget) -> bool:
    """Parts Qt builds inside a composite widget (a combo's line edit, a scroll bar, a table's corner button)."""
    parent = widget.parentWidget()
    if isinstance(widget, QAbstractSlider):  # scroll bars of scroll areas and views
        return True
    if isinstance(widget, QLineEdit) and isinstance(parent, (QComboBox, QAbstractSpinBox)):
        return True
    if isinstance(widget, QAbstractButton) and isinstance(parent, (QAbstractItemView, QTabBar, QLineEdit)):
        return True  # corner button of a table, scroll arrows of a tab bar, a line edit's clear button
    if isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView):
        return True  # a view's header is announced with the view
    if isinstance(widget, QAbstractItemView) and isinstance(parent, QComboBox) or (
        parent is not None and parent.inherits("QComboBoxPrivateContainer")
    ):
        return True
    return widget.objectName().startswith("qt_")


def unnamed_widgets(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and not _internal(widget) and not widget.accessibleName().strip():
            text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
            missing.append(f"{type(widget).__name__}({widget.objectName() or text!r}) in {type(widget.parentWidget()).__name__}")
    return missing


def test_every_interactive_widget_has_an_accessible_name(main_window: MainWindow, qtbot: Any) -> None:
    for name in PAGE_NAMES:  # visit each page so lazily built content exists
        main_window.show_page(name)
        qtbot.wait(10)
    missing = unnamed_widgets(main_window)
    assert not missing, "no accessible name: " + "; ".join(sorted(set(missing)))


def test_the_walk_finds_the_main_controls(main_window: MainWindow) -> None:
    """Guard against a walk that checks nothing."""
    found = [w for w in main_window.findChildren(QWidget) if isinstance(w, INTERACTIVE) and not _internal(w)]
    kinds = {type(w).__name__ for w in found}
    assert len(found) > 40
    assert {"QListWidget", "QTableView", "QPushButton"} <= kinds
