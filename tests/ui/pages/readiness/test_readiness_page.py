"""The Readiness page and the Dashboard's readiness card show the readiness service's figures; each
figure lists what it counts, and says exactly how it is counted."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from boardapp.services.inspections.readiness import FIGURES
from boardapp.ui.shell.main_window import MainWindow


def expected(window: MainWindow, today: date) -> Any:
    from boardapp.services.readiness_read import read_readiness

    with window.ctx.session() as session:
        return read_readiness(session=session, today=today)


def page_of(window: MainWindow, qtbot: Any) -> Any:
    """The Readiness page, shown, once its read (off the UI thread) is on screen."""
    page = window.pages["Readiness"]
    if page.readiness is None or page._stale or (page._task is not None and page._task.is_running()):
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            window.show_page("Readiness")
    else:
        window.show_page("Readiness")
    return page


def test_models_pass_the_model_tester(main_window: MainWindow, qtmodeltester: Any, qtbot: Any) -> None:
    page = page_of(main_window, qtbot)
    for model in (page.findings_model, page.actions_model, page.before_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_the_cards_show_the_services_figures_with_their_definitions(main_window: MainWindow, pinned_today: date,
                                                                   qtbot: Any) -> None:
    page = page_of(main_window, qtbot)
    r = expected(main_window, pinned_today)
    assert r.next_visit is not None
    for figure in FIGURES:
        card = page.cards[figure.key]
        assert card.value.text() == r.value_text(figure.key)
        assert figure.definition in card.toolTip() and figure.definition in card.accessibleDescription()
    assert f"{r.days_to_go} days to go" in page.subtitle.text() and r.next_visit.focus_area in page.subtitle.text()
    assert page.findings_model.rowCount() == r.count("findings_in_focus")
    assert page.before_title.text() == f"Before the visit ({r.before_visit_count})"
    lines = page.before_model.rows()
    assert [line.action.ref for line in lines] == [a.ref for g in r.before_visit for a in g.actions]
    assert [line.owner for line in lines if line.first] == [g.owner for g in r.before_visit]


def test_clicking_a_figure_lists_what_it_counts(main_window: MainWindow, pinned_today: date, qtbot: Any) -> None:
    page = page_of(main_window, qtbot)
    r = expected(main_window, pinned_today)
    for figure in FIGURES:
        qtbot.mouseClick(page.cards[figure.key], Qt.MouseButton.LeftButton)
        assert page.cards[figure.key].isChecked()
        if figure.key.startswith("findings"):
            assert [f.id for f in page.findings_model.rows()] == list(r.finding_ids(figure.key))
        else:
            assert [a.id for a in page.actions_model.rows()] == list(r.action_ids(figure.key)), figure.key
            assert page.actions_title.text().endswith(f"({r.count(figure.key)})")
    qtbot.mouseClick(page.cards["red"], Qt.MouseButton.LeftButton)
    reds = page.actions_model.rows()
    assert reds and all(a.row.brag == "RED" for a in reds)
    page.findings.selectRow(0)  # choosing a finding lists the actions answering it
    first = page.findings_model.row_at(0)
    assert [a.id for a in page.actions_model.rows()] == list(first.action_ids)
    refs = [a.row.ref for a in page.actions_model.rows()]
    from boardapp.services.plan.filters import natural_key

    assert refs == sorted(refs, key=natural_key)


def test_an_action_opens_in_the_register(main_window: MainWindow, qtbot: Any) -> None:
    page = page_of(main_window, qtbot)
    qtbot.mouseClick(page.cards["linked_actions"], Qt.MouseButton.LeftButton)
    wanted = page.actions_model.row_at(0).id
    page.actions.selectRow(0)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert main_window.current_page_name() == "Actions"
    assert main_window.pages["Actions"].selected_rows()[0].id == wanted


def test_an_edit_elsewhere_updates_the_figures(main_window: MainWindow, pinned_today: date, qtbot: Any) -> None:
    page = page_of(main_window, qtbot)
    before = page.cards["findings_without_action"].value.text()
    inspections = main_window.pages["Inspections"]
    main_window.show_page("Inspections")
    mv4 = next(r for r in inspections.inspection_model.rows() if r.number == 4)
    inspections.select_inspection(mv4.id)
    inspections.add_finding()
    inspections.dialog.text_edit.setPlainText("Children's plans are not reviewed often enough.")
    assert inspections.dialog.save()
    page = page_of(main_window, qtbot)
    assert int(page.cards["findings_without_action"].value.text()) == int(before) + 1
    with qtbot.waitSignal(page.loaded, timeout=10_000):  # shown: it reads again after the undo
        main_window.ctx.undo_stack.undo()
    assert page.cards["findings_without_action"].value.text() == before


def test_no_visit_expected(main_window: MainWindow, qtbot: Any) -> None:
    from boardapp.services.inspections.readiness import compute_readiness

    page = page_of(main_window, qtbot)
    page.set_readiness(compute_readiness(today=date(2026, 11, 23), visits=[], findings=[], links=[], actions=[]))
    assert "No monitoring visit or inspection is expected or scheduled" in page.subtitle.text()
    assert all(not card.isEnabled() for card in page.cards.values())
    assert page.findings_model.rowCount() == page.actions_model.rowCount() == page.before_model.rowCount() == 0


def test_with_no_visit_the_page_offers_to_add_one(main_window: MainWindow, qtbot: Any) -> None:
    """Issue 10, empty states: no blank grids; the button opens the Inspections page's new-visit dialog."""
    from boardapp.services.inspections.readiness import compute_readiness
    from boardapp.ui.pages.inspections.dialogs import InspectionDialog

    page = page_of(main_window, qtbot)
    assert not page.content.is_empty()  # the demo expects its sixth visit
    page.set_readiness(compute_readiness(today=date(2026, 11, 23), visits=[], findings=[], links=[], actions=[]))
    assert page.content.is_empty() and page.no_visit.isVisible()
    button = page.no_visit.buttons[0]
    assert button.text() == "Add the next &visit…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    inspections = main_window.pages["Inspections"]
    assert main_window.stack.currentWidget() is inspections
    assert isinstance(inspections.dialog, InspectionDialog) and inspections.dialog.isVisible()
    inspections.dialog.reject()


def test_the_dashboard_card_shows_readiness_and_opens_the_page(main_window: MainWindow, pinned_today: date,
                                                               qtbot: Any) -> None:
    dash = main_window.pages["Dashboard"]
    main_window.show_page("Dashboard")
    qtbot.waitUntil(lambda: dash.readiness is not None, timeout=10_000)
    r = expected(main_window, pinned_today)
    assert dash.readiness.to_json() == r.to_json()
    assert dash.readiness_card.value.text() == f"{r.value_text('on_track_share')} on track"
    assert f"{r.count('findings_in_focus')} findings in focus" in dash.readiness_card.detail.text()
    qtbot.mouseClick(dash.readiness_card, Qt.MouseButton.LeftButton)
    assert main_window.current_page_name() == "Readiness"
