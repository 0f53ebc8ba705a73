"""A block of members pasted from Excel (tab-separated)."""
from __future__ import annotations

from boardapp.services.people.setup import MemberDraft, parse_pasted_people


def test_rows_with_a_heading_blank_lines_and_short_rows() -> None:
    block = ("Name\tRole\tOrganisation\tEmail\r\n"
             "Dr Ada Fairweather\tIndependent Chair\tImprovement Board\tada@board.example\r\n"
             "\r\n"
             "Sam Okafor\tDCS\r\n")
    assert parse_pasted_people(block) == [
        MemberDraft("Dr Ada Fairweather", "Independent Chair", "Improvement Board", "ada@board.example"),
        MemberDraft("Sam Okafor", "DCS", "", ""),
    ]


def test_quoted_cells_keep_their_tabs_and_line_breaks_as_spaces() -> None:
    block = 'Jo Reyes\t"DfE adviser\nand link"\tDepartment for Education\tjo@dfe.example\textra\n'
    assert parse_pasted_people(block) == [MemberDraft("Jo Reyes", "DfE adviser and link", "Department for Education",
                                                      "jo@dfe.example")]
