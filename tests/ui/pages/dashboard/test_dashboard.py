"""The dashboard shows what summarise() computes, and every figure opens the register filtered to it."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from boardapp.services.plan.filters import ActionFilter
from boardapp.ui.shell.main_window import MainWindow


def expected_summary(window: MainWindow, today: date) -> Any:
    from boardapp.services.plan.register_read import list_action_rows
    from boardapp.services.plan.summary import summarise
    from boardapp.services.workspace import workspace_summary

    with window.ctx.session() as session:
        rows = list_action_rows(session=session, today=today)
        ws = workspace_summary(session=session, today=today)
    return summarise(rows, today=today, next_visit_start=ws.next_visit.start_date), ws


def register_rows(window: MainWindow, qtbot: Any) -> list[Any]:
    page = window.pages["Actions"]
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    return page.model.rows()


def test_figures_equal_the_plan_summary(main_window: MainWindow, pinned_today: date) -> None:
    dash = main_window.pages["Dashboard"]
    main_window.show_page("Dashboard")
    plan, ws = expected_summary(main_window, pinned_today)
    assert dash.overdue_card.value.text() == str(len(plan.overdue))
    assert dash.due_card.value.text() == str(len(plan.due_within_30))
    assert dash.better_card.value.text() == str(len(plan.moved_better))
    assert dash.worse_card.value.text() == str(len(plan.moved_worse))
    assert dash.visit_card.value.text() == f"{ws.days_to_next_visit} days"
    assert ws.next_visit.focus_area in dash.visit_card.detail.text()
    assert f"{len(plan.due_before_visit)} open actions due before it" in dash.visit_card.detail.text()
    for brag, button in dash.brag_buttons.items():
        assert button.text() == f"{brag.title()} {plan.brag[brag]}"  # the word, never colour alone
    chart = {r.key: r.counts for r in dash.chart.rows()}
    assert chart == {t.theme_id: t.brag for t in plan.by_theme}
    assert dash.total_link.text() == f"All {plan.total} actions"
    oldest = [dash.oldest_red_box.itemAt(i).widget().text() for i in range(dash.oldest_red_box.count())]
    assert [t.split()[0] for t in oldest] == [r.ref for r in plan.oldest_red]


def test_clicking_overdue_shows_the_register_filtered_to_overdue(main_window: MainWindow, qtbot: Any) -> None:
    dash = main_window.pages["Dashboard"]
    main_window.show_page("Dashboard")
    qtbot.mouseClick(dash.overdue_card, Qt.MouseButton.LeftButton)
    assert main_window.current_page_name() == "Actions"
    assert main_window.pages["Actions"].current_filter().overdue_only
    rows = register_rows(main_window, qtbot)
    assert rows and all(r.overdue for r in rows)
    assert len(rows) == int(dash.overdue_card.value.text())
    assert main_window.counts is not None and main_window.counts[0] == len(rows)


def test_figures_work_from_the_keyboard(main_window: MainWindow, qtbot: Any) -> None:
    dash = main_window.pages["Dashboard"]
    main_window.show_page("Dashboard")
    dash.brag_buttons["RED"].setFocus()
    qtbot.keyClick(dash.brag_buttons["RED"], Qt.Key.Key_Space)
    assert main_window.current_page_name() == "Actions"
    rows = register_rows(main_window, qtbot)
    assert rows and {r.brag for r in rows} == {"RED"}


def test_every_card_requests_its_filter(main_window: MainWindow, qtbot: Any) -> None:
    dash = main_window.pages["Dashboard"]
    seen: list[ActionFilter] = []
    dash.filter_requested.connect(seen.append)
    for card in (dash.visit_card, dash.due_card, dash.better_card, dash.worse_card, dash.total_link):
        card.click()
    assert seen == [
        ActionFilter(before_next_visit=True), ActionFilter(due_within_days=30),
        ActionFilter(directions=frozenset({"BETTER"})), ActionFilter(directions=frozenset({"WORSE"})), ActionFilter(),
    ]


def test_chart_click_and_keys_filter_by_theme_and_brag(main_window: MainWindow, qtbot: Any) -> None:
    dash = main_window.pages["Dashboard"]
    main_window.show_page("Dashboard")
    seen: list[ActionFilter] = []
    dash.filter_requested.connect(seen.append)
    first = dash.chart.rows()[0]
    dash.chart.setFocus()
    qtbot.keyClick(dash.chart, Qt.Key.Key_Return)  # whole first theme
    qtbot.keyClick(dash.chart, Qt.Key.Key_Right)  # its first segment
    qtbot.keyClick(dash.chart, Qt.Key.Key_Return)
    first_brag = next(b for b in ("RED", "AMBER", "GREEN", "BLUE") if first.counts.get(b))
    assert seen[0] == ActionFilter(theme_ids=frozenset({first.key}))
    assert seen[1] == ActionFilter(theme_ids=frozenset({first.key}), brags=frozenset({first_brag}))
    seen.clear()
    rect = dash.chart._segments(0)[0][1]
    qtbot.mouseClick(dash.chart, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert seen == [ActionFilter(theme_ids=frozenset({first.key}), brags=frozenset({first_brag}))]
    assert "Red" in dash.chart.accessibleDescription()


def test_an_action_link_opens_and_selects_it(main_window: MainWindow, qtbot: Any) -> None:
    dash = main_window.pages["Dashboard"]
    main_window.show_page("Dashboard")
    link = dash.oldest_red_box.itemAt(0).widget()
    ref = link.text().split()[0]
    link.click()
    page = main_window.pages["Actions"]
    qtbot.waitUntil(lambda: bool(page.selected_rows()), timeout=5000)
    assert [r.ref for r in page.selected_rows()] == [ref]


def test_refreshes_only_the_changed_action(main_window: MainWindow, qtbot: Any, pinned_today: date) -> None:
    from boardapp.services.plan.commands import update_action

    dash = main_window.pages["Dashboard"]
    main_window.show_page("Dashboard")
    plan, _ = expected_summary(main_window, pinned_today)
    target = next(r for r in dash._rows.values() if r.brag == "GREEN" and r.status != "COMPLETE")
    with main_window.ctx.session() as session:
        update_action(target.id, {"brag": "RED"}, session=session, who="test")
    before = dict(dash._rows)
    main_window.ctx.actions_changed.emit([target.id])
    assert dash._rows[target.id].brag == "RED"
    assert all(dash._rows[i] is row for i, row in before.items() if i != target.id)  # the rest were not re-read
    assert dash.brag_buttons["RED"].text() == f"Red {plan.brag['RED'] + 1}"
