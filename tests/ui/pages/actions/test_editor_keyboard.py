"""The action editor by keyboard alone (issue 10, "keyboard only works"): it opens in the title,
Tab goes field to field (never to the sections' tab bar), and every field has its own Alt key."""
from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from test_editor_dates import has_focus, new_editor


def test_it_opens_in_the_title_and_tab_walks_the_fields_in_order(actions_host: Any, qtbot: Any) -> None:
    editor = new_editor(qtbot, actions_host)
    assert has_focus(editor.title_edit)
    seen: list[str] = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not editor.tabs.tabBar(), f"Tab landed on the tab bar after {seen}"
        for name, widget in editor.field_widgets.items():
            if has_focus(widget) and name not in seen:
                seen.append(name)
        if has_focus(editor.evidence_edit):
            break
    order = list(editor.field_widgets)
    assert seen == [n for n in order if n in seen] and {"description", "due_date", "brag", "evidence_of_impact"} <= set(seen)


def test_every_field_has_its_own_alt_key(actions_host: Any, qtbot: Any) -> None:
    editor = new_editor(qtbot, actions_host)
    keys: dict[str, str] = {}
    for label in editor.details_page.findChildren(QLabel):
        if label.buddy() is None:
            continue
        found = re.search(r"&(\w)", label.text())
        assert found, f"{label.text()!r} has no Alt key"
        keys[found.group(1).upper()] = label.text()
    assert len(keys) == len(editor.field_widgets)  # one each, none shared
    taken = {re.search(r"&(\w)", editor.tabs.tabText(i)).group(1).upper() for i in range(editor.tabs.count())}
    taken |= {"S", "C"}  # Save, Cancel
    assert not taken & set(keys)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert has_focus(editor.due_edit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert has_focus(editor.owner_combo)
