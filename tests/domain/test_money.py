"""Money typed UK style is read strictly into whole pence, and shown UK style."""
from __future__ import annotations

import pytest

from boardapp.domain.money import MAX_PENCE, check_pence, format_pence, format_pence_exact, parse_pounds, share_text
from boardapp.domain.rules import ValidationError


@pytest.mark.parametrize(("text", "pence"), [
    ("£1,234.50", 123_450), ("1234.50", 123_450), ("£342,752", 34_275_200), ("342752", 34_275_200),
    ("  £86,000.00 ", 8_600_000), ("£0", 0), ("0.5", 50), ("£12.05", 1_205), ("£1,000,000", 100_000_000),
    ("£ 35,000", 3_500_000), ("\u00a3248", 24_800),
])
def test_reads_pounds_written_uk_style(text: str, pence: int) -> None:
    assert parse_pounds(text) == pence


@pytest.mark.parametrize(("text", "why"), [
    ("", "enter an amount"), ("   ", "enter an amount"), ("-5", "negative"), ("£-5", "negative"),
    ("(5.00)", "negative"), ("1.234,50", "not an amount"), ("1,23", "not an amount"), ("12,3456", "not an amount"),
    ("12.345", "not an amount"), ("£", "not an amount"), ("12k", "not an amount"), ("£1,234.5.0", "not an amount"),
    ("abc", "not an amount"), ("1 234", "not an amount"), ("€100", "not an amount"), ("$100", "not an amount"),
    (",100", "not an amount"), ("100,", "not an amount"), ("£10,000,000,001", "more than"),
])
def test_refuses_what_is_not_plainly_an_amount_naming_the_field(text: str, why: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_pounds(text, "spent_pence")
    assert caught.value.field == "spent_pence"
    assert why in caught.value.message


def test_formats_pounds_uk_style_and_reads_them_back() -> None:
    assert format_pence(34_275_200) == "£342,752"
    assert format_pence(123_450) == "£1,234.50"
    assert format_pence(-24_800) == "-£248"
    assert format_pence_exact(8_600_000) == "£86,000.00"
    for pence in (0, 1, 99, 100, 123_456_789, 34_275_200):
        assert parse_pounds(format_pence(pence)) == pence
        assert parse_pounds(format_pence_exact(pence)) == pence


def test_share_never_rounds_to_a_false_none_or_all() -> None:
    assert share_text(24_925_891, 34_275_200) == "73%"
    assert share_text(999, 1000) == "99%" and share_text(1, 1000) == "1%"
    assert share_text(1000, 1000) == "100%" and share_text(0, 1000) == "0%"
    assert share_text(1200, 1000) == "120%" and share_text(5, 0) == ""


def test_stored_amounts_are_whole_non_negative_pence() -> None:
    assert check_pence(0, "allocated_pence") == 0
    for bad in (-1, 1.5, "100", True, None, MAX_PENCE + 1):
        with pytest.raises(ValidationError) as caught:
            check_pence(bad, "allocated_pence")
        assert caught.value.field == "allocated_pence"
