"""The status bar elides the visit focus cleanly; the dashboard writes long spans compactly (item 18)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from boardapp.ui.shell.main_window import MainWindow


def test_the_visit_focus_is_elided_whole_characters_and_all_in_the_tooltip(main_window: MainWindow) -> None:
    assert main_window.summary is not None and main_window.summary.next_visit is not None
    focus = main_window.summary.next_visit.focus_area
    label = main_window.visit_label
    assert label.full_text().endswith(focus)  # the whole focus, not 47 characters of it
    label.resize(260, label.height())
    shown = label.shown_text()
    assert shown.endswith("…") and label.full_text().startswith(shown[:-1])
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert focus in label.toolTip() and "/" in label.toolTip()  # with the visit's date


def test_the_oldest_reds_say_how_late_in_months_not_hundreds_of_days(main_window: MainWindow, qtbot: Any) -> None:
    main_window.show_page("Dashboard")
    dash = main_window.pages["Dashboard"]
    qtbot.waitUntil(lambda: dash.oldest_red_box.count() > 0, timeout=10_000)
    links = [dash.oldest_red_box.itemAt(i).widget() for i in range(dash.oldest_red_box.count())]
    texts = [w.text() for w in links if isinstance(w, QPushButton)]
    late = [t for t in texts if "overdue" in t]
    assert late, texts
    for text in late:
        count = text.rsplit("— ", 1)[1].split()[0]
        assert not (count.isdigit() and int(count) >= 100), text  # "494 days overdue" is "1 y 4 m overdue"
    assert any(" m overdue" in t for t in late)
    assert all("days overdue (due" in w.toolTip() for w in links if isinstance(w, QPushButton) and "overdue" in w.text())
