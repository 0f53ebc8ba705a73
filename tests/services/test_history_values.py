"""The History page reads stored audit values as the app words them, and searches find them by those words."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from boardapp.db.models import AuditEntry
from boardapp.services.history import HistoryFilter, history_page
from boardapp.services.history_values import display_field, display_value, search_forms


def test_codes_read_as_the_app_words_them() -> None:
    assert display_value("action", "status", "NOT_STARTED") == "Not started"
    assert display_value("action", "brag", "AMBER") == "Amber"
    assert display_value("risk", "status", "MONITORING") == "Monitoring"
    assert display_value("inspection", "kind", "MONITORING_VISIT") != "MONITORING_VISIT"
    assert display_value("meeting", "attendance of Dana Chair", "A") == "Apologies"
    assert display_value("paper", "late", "True") == "Yes"
    assert display_value("action", "progress", "45") == "45%"
    assert display_value("action", "revised_due_date", "2024-09-08") == "08/09/2024"


def test_unknown_and_empty_values_are_left_alone() -> None:
    assert display_value("action", "status", "SOMETHING_ELSE") == "SOMETHING_ELSE"
    assert display_value("action", "title", "Recruit 100% of team leaders") == "Recruit 100% of team leaders"
    assert display_value("action", "title", None) is None
    assert display_value("action", "title", "") == ""
    assert display_value("action", "title", "2024-13-45") == "2024-13-45"  # looks like a date, is not one


def test_search_forms_cover_words_and_uk_dates() -> None:
    assert search_forms("not started") == ["not started", "not_started"]
    assert search_forms("08/09/2024") == ["08/09/2024", "2024-09-08"]
    assert search_forms("31/02/2024") == ["31/02/2024"]


def test_search_by_the_words_shown_finds_the_stored_codes(engine: object) -> None:
    at = datetime(2030, 1, 1, 12, tzinfo=UTC)
    with Session(engine) as session:  # type: ignore[arg-type]
        session.add(AuditEntry(at=at, who="Ann", entity="action", entity_id=1, field="status",
                               old="NOT_STARTED", new="IN_PROGRESS"))
        session.add(AuditEntry(at=at, who="Ann", entity="action", entity_id=1, field="revised_due_date",
                               old=None, new="2024-09-08"))
        session.commit()
        by_words = history_page(HistoryFilter(text="Not started"), session=session).entries
        by_date = history_page(HistoryFilter(text="08/09/2024"), session=session).entries
    assert [(e.field, e.old_text, e.new_text) for e in by_words] == [("status", "Not started", "In progress")]
    assert [(e.field, e.new_text) for e in by_date] == [("revised_due_date", "08/09/2024")]


def test_field_names_read_as_words() -> None:
    assert display_field("revised_due_date") == "revised due date"
    assert display_field("brag") == "BRAG"
    assert display_field("attendance of Dana Chair") == "attendance of Dana Chair"
