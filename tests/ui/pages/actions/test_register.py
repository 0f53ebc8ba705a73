"""The Actions page's register: loading, filters, sorting, saved views, columns, models."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from boardapp.domain.enums import Brag
from boardapp.services.plan.filters import ActionFilter
from boardapp.ui.pages.actions.table_model import COLUMN_KEYS, ActionTableModel
from boardapp.ui.pages.actions.page import ActionsPage

# The offscreen platform plugin says this whenever a top-level widget with a layout is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def shown(page: ActionsPage) -> list[Any]:
    return page.model.rows()


def click_header(qtbot: Any, page: ActionsPage, key: str) -> None:
    header = page.table.horizontalHeader()
    col = COLUMN_KEYS.index(key)
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def expected_rows(ctx: Any) -> list[Any]:
    from boardapp.services.plan.register_read import list_action_rows

    with ctx.session() as session:
        return list_action_rows(session=session, today=ctx.today())


def test_register_loads_with_counts(actions_host: Any, actions_ctx: Any) -> None:
    page = actions_host.page
    live = expected_rows(actions_ctx)
    assert page.counts() == (120, 120, sum(r.overdue for r in live)) and len(live) == 120
    assert "Showing 120 of 120" in page.status_label.text()
    assert page.model.data(page.model.index(0, COLUMN_KEYS.index("brag"))) in {b.label for b in Brag}


def test_search_as_you_type_filters(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    with qtbot.waitSignal(page.counts_changed, timeout=2000):
        qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert page.bar.search.hasFocus()
        qtbot.keyClicks(page.bar.search, "THRESHOLD")
    rows = shown(page)
    assert 0 < len(rows) < 120
    assert all("threshold" in f"{r.ref} {r.title} {r.description} {r.owner_name} {r.latest_update}".lower() for r in rows)
    qtbot.keyClick(page.bar.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.model.rowCount() == 120, timeout=2000)


def test_clicking_a_header_sorts(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    click_header(qtbot, page, "brag")
    ranks = [Brag(r.brag).rank for r in shown(page)]
    assert ranks == sorted(ranks) and ranks[0] == 0
    click_header(qtbot, page, "brag")
    ranks = [Brag(r.brag).rank for r in shown(page)]
    assert ranks == sorted(ranks, reverse=True)
    # filtering keeps the sort
    qtbot.mouseClick(page.bar.brag_buttons["RED"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.bar.brag_buttons["AMBER"], Qt.MouseButton.LeftButton)
    brags = [r.brag for r in shown(page)]
    assert brags == sorted(brags) and set(brags) == {"AMBER", "RED"}  # AMBER ranks above RED: descending


def test_quick_filters_and_dashboard_click_through(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    counts: list[tuple[int, int, int]] = []
    page.counts_changed.connect(lambda *c: counts.append(c))
    overdue = page.counts()[2]
    page.show_filter(ActionFilter(overdue_only=True))
    assert page.bar.overdue_button.isChecked() and page.current_view() is None
    assert len(shown(page)) == overdue > 0 and all(r.overdue for r in shown(page))
    assert counts[-1] == (overdue, 120, overdue)
    page.show_filter(ActionFilter(directions=frozenset({"WORSE"})))
    assert shown(page) and all(r.direction == "WORSE" for r in shown(page)) and page.bar.extra_label.isVisible()
    qtbot.mouseClick(page.bar.before_visit_button, Qt.MouseButton.LeftButton)
    assert all(r.direction == "WORSE" and r.status != "COMPLETE" for r in shown(page))
    page.clear_filters()
    qtbot.mouseClick(page.bar.focus_button, Qt.MouseButton.LeftButton)
    area = page._fctx.next_visit_area  # the demo's next visit: the re-visit of Children in Care
    assert area and shown(page) and all(area in r.ilacs_areas for r in shown(page))
    page.clear_filters()
    page.bar.due_within_spin.setValue(30)
    assert all(0 <= r.days_left <= 30 and r.status != "COMPLETE" for r in shown(page))


def test_saved_view_is_restored_after_restart(actions_host: Any, qtbot: Any, dialogs: Any,
                                              actions_ctx: Any, actions_settings: QSettings) -> None:
    page = actions_host.page
    qtbot.mouseClick(page.bar.brag_buttons["RED"], Qt.MouseButton.LeftButton)
    assert page.current_view() is None
    dialogs.answer("get_text", "Reds for the chair")
    qtbot.mouseClick(page.save_view_button, Qt.MouseButton.LeftButton)
    assert page.current_view() == "Reds for the chair"
    restarted = ActionsPage(actions_ctx, settings=QSettings(actions_settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(restarted)
    with qtbot.waitSignal(restarted.loaded, timeout=20_000):
        pass
    assert restarted.current_view() == "Reds for the chair"
    assert restarted.bar.brag_buttons["RED"].isChecked()
    assert shown(restarted) and {r.brag for r in shown(restarted)} == {"RED"}
    # a built-in view chosen last is restored too
    restarted.view_combo.setCurrentIndex(restarted.view_combo.findText("Overdue"))
    restarted.view_combo.activated.emit(restarted.view_combo.currentIndex())
    again = ActionsPage(actions_ctx, settings=QSettings(actions_settings.fileName(), QSettings.Format.IniFormat),
                        background=False)
    qtbot.addWidget(again)
    assert again.current_view() == "Overdue" and shown(again) and all(r.overdue for r in shown(again))


def test_built_in_views(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    assert page.view_combo.findText("My exceptions") == -1  # no "my" until there is a current user
    page.view_combo.setCurrentIndex(page.view_combo.findText("Exceptions"))
    page.view_combo.activated.emit(page.view_combo.currentIndex())
    rows = shown(page)
    assert rows and all(r.brag == "RED" or r.overdue or r.direction == "WORSE" for r in rows)
    page.view_combo.setCurrentIndex(page.view_combo.findText("Before the visit"))
    page.view_combo.activated.emit(page.view_combo.currentIndex())
    assert all(r.status != "COMPLETE" and r.effective_due <= page._fctx.next_visit_start for r in shown(page))
    assert not page.delete_view_button.isEnabled()


def test_hidden_column_and_widths_persist(actions_host: Any, qtbot: Any, actions_ctx: Any,
                                          actions_settings: QSettings) -> None:
    page = actions_host.page
    assert page.table.isColumnHidden(COLUMN_KEYS.index("theme"))  # first run: the theme is the ref's prefix
    col = COLUMN_KEYS.index("direction")
    menu = page.column_menu()
    action = next(a for a in menu.actions() if a.text() == "Direction")
    action.trigger()
    assert page.table.isColumnHidden(col)
    page.table.setColumnWidth(COLUMN_KEYS.index("owner"), 211)
    page.save_settings()
    restarted = ActionsPage(actions_ctx, settings=QSettings(actions_settings.fileName(), QSettings.Format.IniFormat),
                            background=False)
    qtbot.addWidget(restarted)
    assert restarted.table.isColumnHidden(col)
    assert restarted.table.columnWidth(COLUMN_KEYS.index("owner")) == 211


def test_models_pass_the_model_tester(actions_host: Any, qtmodeltester: Any) -> None:
    page = actions_host.page
    qtmodeltester.check(page.model)
    model = ActionTableModel()
    model.set_rows(page.model.rows()[:10])
    qtmodeltester.check(model)
    model.sort(COLUMN_KEYS.index("due"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_every_widget_has_an_accessible_name(actions_host: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit

    page = actions_host.page
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView)
    widgets = [w for kind in kinds for w in page.findChildren(kind)]

    def internal(w: Any) -> bool:  # parts Qt builds inside a combo box, spin box or line edit
        parent = w.parent()
        while parent is not None and parent is not page:
            if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):
                return True
            parent = parent.parent()
        return False

    unnamed = [w for w in widgets if not w.accessibleName() and not internal(w)]
    assert not unnamed, [type(w).__name__ + ":" + w.objectName() for w in unnamed]


def test_a_page_closed_while_loading_ignores_the_late_result(qtbot: Any, actions_ctx: Any,
                                                           actions_settings: Any) -> None:
    """Opening another workspace mid-load deletes the page; the worker's result must not touch it."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    from boardapp.ui.common import tasks
    from boardapp.ui.pages.actions.page import ActionsPage

    page = ActionsPage(actions_ctx, settings=actions_settings)
    task = page._task  # noqa: SLF001
    assert task is not None
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(page)
    assert task.wait(20_000)
    qtbot.waitUntil(lambda: task not in tasks._RUNNING, timeout=5_000)  # noqa: SLF001  (result delivered: no error)


def test_a_changed_ref_takes_its_new_place_in_ref_order(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    from boardapp.ui.pages.actions.commands import EditActionCommand, run_command

    page = actions_host.page
    first = shown(page)[0]
    run_command(actions_ctx, EditActionCommand(actions_ctx, first, {"ref": "T99.1"}))
    click_header(qtbot, page, "brag")
    click_header(qtbot, page, "ref")  # back to ref order, ascending
    refs = [r.ref for r in shown(page)]
    assert refs[-1] == "T99.1" and refs[0] != first.ref
    actions_ctx.undo_stack.undo()
    click_header(qtbot, page, "brag")
    click_header(qtbot, page, "ref")
    assert shown(page)[0].ref == first.ref


def test_the_first_search_builds_the_search_text_once(actions_host: Any, qtbot: Any) -> None:
    page = actions_host.page
    assert not page._hay_ready  # noqa: SLF001 - not built until somebody searches
    page.bar.search.setText("threshold")
    qtbot.waitUntil(lambda: page.model.rowCount() < 120, timeout=2000)
    assert page._hay_ready and len(page._hay) == len(page.all_rows())  # noqa: SLF001


def test_a_last_view_remembered_as_my_exceptions_opens_exceptions(actions_ctx: Any, actions_settings: QSettings,
                                                                  qtbot: Any) -> None:
    actions_settings.setValue("actions/last_view", "My exceptions")
    actions_settings.sync()
    page = ActionsPage(actions_ctx, settings=actions_settings, background=False)
    qtbot.addWidget(page)
    assert page.current_view() == "Exceptions"
    assert shown(page) and all(r.brag == "RED" or r.overdue or r.direction == "WORSE" for r in shown(page))
