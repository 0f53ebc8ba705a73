"""The History reads: newest first, keyset pages that neither repeat nor skip, filters, refs resolved."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import Session

from boardapp.db.models import Action, AuditEntry, Risk
from boardapp.services.history import HistoryFilter, count_entries, history_page, people_in_history

T1 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2024, 3, 2, 9, 0, tzinfo=UTC)  # many entries share this timestamp (a bulk change)
T3 = datetime(2024, 3, 5, 17, 30, tzinfo=UTC)


@pytest.fixture
def session(engine: Any) -> Any:
    with Session(engine) as s:
        action = Action(ref="A-07", title="Reduce social worker caseloads", due_date=date(2024, 12, 31))
        risk = Risk(ref="R-02", title="Agency staff leave", inherent_likelihood=3, inherent_impact=3,
                    residual_likelihood=2, residual_impact=2)
        s.add(action)
        s.add(risk)
        s.flush()
        s.add(AuditEntry(at=T1, who="Priya Shah", entity="action", entity_id=action.id, field="brag",
                         old="Amber", new="Red"))
        for n in range(25):
            s.add(AuditEntry(at=T2, who="Tom Reed", entity="action", entity_id=action.id, field="progress",
                             old=str(n), new=str(n + 1)))
        s.add(AuditEntry(at=T3, who="Priya Shah", entity="risk", entity_id=risk.id, field="mitigation",
                         old=None, new="Recruit 100% permanent team leaders"))
        s.add(AuditEntry(at=T3, who="Priya Shah", entity="theme", entity_id=999, entity_ref="T9", field="deleted",
                         old="Workforce", new=None))
        s.commit()
        yield s


def _all_pages(session: Any, flt: HistoryFilter = HistoryFilter(), limit: int = 4) -> list[list[AuditEntry]]:
    pages, cursor = [], None
    while True:
        page = history_page(flt, session=session, after=cursor, limit=limit)
        pages.append(list(page.entries))
        if page.cursor is None:
            return pages
        cursor = page.cursor


def test_pages_are_newest_first_and_never_repeat_or_skip_equal_timestamps(session: Any) -> None:
    pages = _all_pages(session)
    entries = [e for page in pages for e in page]
    assert len(entries) == 28 == count_entries(session=session)
    assert len({e.id for e in entries}) == 28  # 25 entries at T2 split across pages, none twice
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert entries[0].at == T3 and entries[-1].at == T1
    assert all(len(p) == 4 for p in pages)  # 28 = 7 full pages, and the last says "no more"


def test_entities_are_shown_by_ref_and_title_even_once_deleted(session: Any) -> None:
    entries = history_page(session=session).entries
    risk = next(e for e in entries if e.entity == "risk")
    assert (risk.ref, risk.title) == ("R-02", "Agency staff leave")
    assert risk.what == "Risk R-02 Agency staff leave"
    action = next(e for e in entries if e.entity == "action")
    assert action.what == "Action A-07 Reduce social worker caseloads"
    gone = next(e for e in entries if e.entity == "theme")
    assert gone.ref == "T9"  # the theme is gone: its recorded ref still says what it was


def test_filters_by_kind_person_dates_and_text(session: Any) -> None:
    def whats(flt: HistoryFilter) -> list[tuple[str, str]]:
        return [(e.entity, e.field) for e in history_page(flt, session=session).entries]

    assert set(whats(HistoryFilter(entity="risk"))) == {("risk", "mitigation")}
    priya = whats(HistoryFilter(who="Priya Shah"))
    assert sorted(priya) == [("action", "brag"), ("risk", "mitigation"), ("theme", "deleted")]
    assert count_entries(HistoryFilter(who="Tom Reed"), session=session) == 25
    assert whats(HistoryFilter(since=date(2024, 3, 1), until=date(2024, 3, 1))) == [("action", "brag")]
    assert count_entries(HistoryFilter(since=date(2024, 3, 2)), session=session) == 27
    assert whats(HistoryFilter(text="100%")) == [("risk", "mitigation")]  # % is literal, not a wildcard
    assert whats(HistoryFilter(text="workforce")) == [("theme", "deleted")]  # case-insensitive
    assert whats(HistoryFilter(text="Amber", who="Tom Reed")) == []


def test_people_lists_everyone_who_changed_something(session: Any) -> None:
    assert people_in_history(session=session) == ["Priya Shah", "Tom Reed"]
