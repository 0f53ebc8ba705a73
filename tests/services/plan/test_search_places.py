"""Where a search matched a row, for the rows found on something not on screen (issue 9, item 14)."""
from __future__ import annotations

from datetime import date
from typing import Any

from boardapp.domain.enums import Direction
from boardapp.services.plan.filters import hidden_matches
from boardapp.services.rows import ActionRow


def make_row(**values: Any) -> ActionRow:
    base: dict[str, Any] = dict(
        id=1, ref="T1.1", title="", description="", how="", theme_id=1, theme_code="T1", theme_title="Front door",
        owner_id=1, owner_name="Alex Example", start_date=None, due_date=date(2025, 1, 1), revised_due_date=None,
        status="IN_PROGRESS", brag="GREEN", progress=0, success_measure="", evidence_of_impact="",
        latest_update_date=None, latest_update="", previous_brag=None, direction=Direction.SAME, days_left=10,
        overdue=False, ilacs_areas=frozenset(), deleted=False, version=1,
    )
    return ActionRow(**(base | values))

ON_SCREEN = {"ref", "title", "owner"}


def test_a_row_found_by_its_title_needs_no_explanation() -> None:
    row = make_row(title="Audit referrals", description="Audit every referral")
    assert hidden_matches(row, "audit", ON_SCREEN) == []


def test_words_found_only_off_screen_name_where() -> None:
    row = make_row(title="Audit referrals", description="Partners sign the threshold document",
                   latest_update="Threshold agreed at the board")
    assert hidden_matches(row, "THRESHOLD", ON_SCREEN) == ["description", "latest update"]
    assert hidden_matches(row, "audit partners", ON_SCREEN) == ["description"]
    assert hidden_matches(row, "example", ON_SCREEN - {"owner"}) == ["owner"]  # Alex Example, column hidden
    assert hidden_matches(row, "", ON_SCREEN) == []
