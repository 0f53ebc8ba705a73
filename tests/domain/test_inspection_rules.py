"""What a valid inspection and finding are, and how pasted letter text splits into findings."""
from __future__ import annotations

from datetime import date

import pytest

from boardapp.domain.inspections import is_heading, split_findings, validate_finding_fields, validate_inspection_fields
from boardapp.domain.rules import ValidationError


def check(**changes: object) -> None:
    fields: dict[str, object] = {
        "kind": "MONITORING_VISIT", "number": 3, "start_date": date(2024, 4, 16), "end_date": date(2024, 4, 17),
        "status": "COMPLETED", "ilacs_area": "CHILDREN_IN_CARE", "letter_published": True,
        "published_date": date(2024, 5, 17), "overall_grade": None, "grades": None,
    }
    validate_inspection_fields(**(fields | changes))  # type: ignore[arg-type]


def field_of(**changes: object) -> str:
    with pytest.raises(ValidationError) as caught:
        check(**changes)
    return caught.value.field


def test_a_complete_visit_passes() -> None:
    check()
    check(status="EXPECTED", end_date=None, letter_published=False, published_date=None)


def test_each_mistake_names_its_field() -> None:
    assert field_of(end_date=date(2024, 4, 15)) == "end_date"  # end before start
    assert field_of(end_date=None) == "end_date"  # a completed visit has its dates
    assert field_of(start_date=None) == "start_date"
    assert field_of(grades={"OVERALL": "INADEQUATE"}) == "grades"  # only an ILACS is graded
    assert field_of(overall_grade="GOOD") == "grades"
    assert field_of(number=0) == "number"
    assert field_of(kind="VISIT") == "kind"
    assert field_of(status="DONE") == "status"
    assert field_of(ilacs_area="CARE") == "ilacs_area"
    assert field_of(letter_published=False) == "published_date"  # a date without the tick
    assert field_of(status="SCHEDULED") == "letter_published"  # no letter before the visit is done
    assert field_of(published_date=date(2024, 4, 1)) == "published_date"  # before the visit ended


def test_an_ilacs_carries_grades_and_the_message_says_why_others_do_not() -> None:
    check(kind="ILACS", number=None, grades={"LEADERS": "INADEQUATE", "OVERALL": "INADEQUATE"},
          overall_grade="INADEQUATE")
    check(kind="RE_INSPECTION", number=None, grades={"OVERALL": "GOOD"}, overall_grade="GOOD")
    with pytest.raises(ValidationError, match="only an ILACS inspection is graded"):
        check(grades={"LEADERS": "GOOD"})
    with pytest.raises(ValidationError) as caught:
        check(kind="ILACS", number=None, grades={"LEADERS": "EXCELLENT"})
    assert caught.value.field == "grades"


def test_a_finding_needs_text_a_kind_and_a_known_area() -> None:
    validate_finding_fields(kind="STRENGTH", text="Visits are timely.", ilacs_area=None)
    for kwargs, field in (({"text": "  "}, "text"), ({"kind": "PRAISE"}, "kind"), ({"ilacs_area": "X"}, "ilacs_area")):
        with pytest.raises(ValidationError) as caught:
            validate_finding_fields(**({"kind": "STRENGTH", "text": "ok", "ilacs_area": None} | kwargs))  # type: ignore[arg-type]
        assert caught.value.field == field


# -- pasting a letter ---------------------------------------------------------------------------

def test_paragraphs_split_on_blank_lines_and_wrapped_lines_join() -> None:
    text = ("Leaders have an accurate understanding\nof the quality of practice.\n\n"
            "Supervision is not yet regular\nenough.\n\n\n  Thresholds are applied consistently.  ")
    assert split_findings(text) == [
        "Leaders have an accurate understanding of the quality of practice.",
        "Supervision is not yet regular enough.",
        "Thresholds are applied consistently.",
    ]


@pytest.mark.parametrize("marker", ["•", "-", "*", "–", "1.", "2)", "a)", "b.", "(c)", "(iv)", "ii)"])
def test_each_bullet_or_list_marker_starts_a_finding(marker: str) -> None:
    text = f"{marker} The quality of plans\n  continues to vary.\n{marker} Consent is not always recorded."
    assert split_findings(text) == ["The quality of plans continues to vary.", "Consent is not always recorded."]


def test_a_letter_with_an_intro_numbered_items_and_crlf() -> None:
    text = ("What needs to improve in this area of social work practice:\r\n"
            "1. The consistency of assessments and plans, so that they\r\n   are specific.\r\n"
            "2. Supervision that challenges drift.\r\n"
            "3. Waiting lists for domestic-abuse and mental-\r\nhealth support.\r\n")
    items = split_findings(text)
    assert items == [
        "What needs to improve in this area of social work practice:",
        "The consistency of assessments and plans, so that they are specific.",
        "Supervision that challenges drift.",
        "Waiting lists for domestic-abuse and mental-health support.",
    ]
    assert [is_heading(i) for i in items] == [True, False, False, False]


def test_numbers_and_hyphens_inside_sentences_are_not_markers() -> None:
    text = "2023 saw a re-referral rate of 24%.\n-5 is not a bullet without a space\n\n•\n\nA finding - with a dash."
    assert split_findings(text) == [
        "2023 saw a re-referral rate of 24%. -5 is not a bullet without a space",
        "A finding - with a dash.",
    ]


def test_nothing_to_split() -> None:
    assert split_findings("") == [] and split_findings(" \n\t\n ") == [] and split_findings("• \n- ") == []
