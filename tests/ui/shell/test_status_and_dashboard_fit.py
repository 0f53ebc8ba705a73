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


def _links(box: Any) -> list[QPushButton]:
    return [w for i in range(box.count()) if isinstance(w := box.itemAt(i).widget(), QPushButton)]


def test_the_dashboard_fits_a_1280_pixel_laptop_without_a_sideways_scroll(main_window: MainWindow, qtbot: Any) -> None:
    """Cards wrap their detail and the lists shorten their titles, keeping each reference and detail whole."""
    from PySide6.QtWidgets import QScrollArea

    main_window.show_page("Dashboard")
    dash = main_window.pages["Dashboard"]
    qtbot.waitUntil(lambda: dash.oldest_red_box.count() > 0, timeout=10_000)
    wide = {link.accessibleName(): link.text() for link in _links(dash.worse_box)}
    for width in (1280, 1024):
        main_window.resize(width, 720)
        qtbot.waitUntil(lambda: main_window.width() == width)
        qtbot.wait(50)  # the layout settles
        scroll = dash.findChild(QScrollArea)
        assert scroll.horizontalScrollBar().maximum() == 0, width
        for card in (dash.visit_card, dash.readiness_card, dash.overdue_card, dash.due_card, dash.better_card,
                     dash.worse_card):
            assert card.geometry().right() <= scroll.viewport().width(), (width, card.caption.text())
            value = card.value
            assert value.fontMetrics().horizontalAdvance(value.text()) <= value.width(), (width, value.text())
            for word in card.caption.text().split():
                assert card.caption.fontMetrics().horizontalAdvance(word) <= card.caption.width(), (width, word)
            assert card.detail.heightForWidth(card.detail.width()) <= card.detail.height(), (width, card.detail.text())
        for box in (dash.oldest_red_box, dash.worse_box, dash.better_box):
            for link in _links(box):
                assert link.geometry().right() <= scroll.viewport().width(), (width, link.text())
                assert link.fontMetrics().horizontalAdvance(link.text()) <= link.width(), (width, link.text())
    narrow = {link.accessibleName(): link.text() for link in _links(dash.worse_box)}
    assert any(len(narrow[name]) < len(text) for name, text in wide.items() if name in narrow)
    for name, text in ((n, t) for n, t in narrow.items() if n.startswith("Action ")):  # "T1.6  Strengthen the out-of-… — Green → Red": the ref and detail stay whole
        ref, detail = name.removeprefix("Action ").split(":")[0], name.rsplit(", ", 1)[1]
        assert text.startswith(f"{ref}  ") and text.endswith(f" — {detail}"), text


def test_enter_on_a_dashboard_card_opens_the_register_filtered_to_it(main_window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    main_window.show_page("Dashboard")
    dash = main_window.pages["Dashboard"]
    dash.overdue_card.setFocus()
    qtbot.keyClick(dash.overdue_card, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main_window.current_page_name() == "Actions", timeout=2_000)
    assert main_window.pages["Actions"].current_filter().overdue_only
