"""Table models of the Inspections page: inspections, findings (unanswered ones flagged) and the
actions answering a finding (BRAG chips, natural ref order)."""
from __future__ import annotations

from typing import Any

from boardapp.domain.enums import FindingKind, Grade, IlacsArea, InspectionKind, InspectionStatus
from boardapp.services.inspections.queries import InspectionFindingRow, InspectionListRow, LinkedAction
from boardapp.services.inspections.readiness import ref_key
from boardapp.ui.common.brag_table_model import BragTableModel
from boardapp.ui.common.colours import BRAG_WORDS
from boardapp.ui.common.row_table_model import Column

FLAG = "No action"


def area_label(area: str | None) -> str:
    return IlacsArea(area).label if area else ""


def _letter(r: InspectionListRow) -> str:
    if r.status != InspectionStatus.COMPLETED:
        return ""
    if not r.letter_published:
        return "Not published"
    return f"{r.published_date:%d/%m/%Y}" if r.published_date else "Published"


INSPECTION_COLUMNS: list[Column[InspectionListRow]] = [
    Column("Inspection", lambda r: r.label + (" (deleted)" if r.deleted else ""), tooltip=lambda r: r.summary or r.label),
    Column("Kind", lambda r: InspectionKind(r.kind).label),
    Column("From", lambda r: r.start_date),
    Column("To", lambda r: r.end_date),
    Column("Focus", lambda r: r.focus_area, tooltip=lambda r: r.focus_area),
    Column("ILACS area", lambda r: area_label(r.ilacs_area)),
    Column("Status", lambda r: InspectionStatus(r.status).label),
    Column("Letter", _letter, sort_key=lambda r: r.published_date),
    Column("Overall", lambda r: Grade(r.overall_grade).label if r.overall_grade else "",
           tooltip=lambda r: "; ".join(f"{g.area_label}: {g.grade_label}" for g in r.grades)),
    Column("Findings", lambda r: r.findings,
           tooltip=lambda r: f"{r.strengths} strengths, {r.areas_for_development} areas for development, "
                             f"{r.recommendations} recommendations"),
    Column("No action", lambda r: r.unanswered,
           tooltip=lambda r: f"{r.unanswered} areas for development or recommendations no live action answers"),
]


def _actions_text(r: InspectionFindingRow) -> str:
    if r.needs_action:
        return FLAG
    return ", ".join(a.ref for a in r.actions)


FINDING_COLUMNS: list[Column[InspectionFindingRow]] = [
    Column("Kind", lambda r: FindingKind(r.kind).label + (" (deleted)" if r.deleted else "")),
    Column("ILACS area", lambda r: area_label(r.ilacs_area)),
    Column("Actions", _actions_text, sort_key=lambda r: r.action_count,
           tooltip=lambda r: ("Needs an action: no live action answers this finding" if r.needs_action else
                              "\n".join(f"{a.ref} {a.title} ({BRAG_WORDS.get(a.brag, a.brag)}, due {a.due_date:%d/%m/%Y})"
                                        for a in r.actions))),
    Column("Finding", lambda r: r.text, tooltip=lambda r: r.text),
]
#: Where the "No action" flag is shown.
ACTIONS_COLUMN = 2


class InspectionsModel(BragTableModel[InspectionListRow]):
    """Inspections; deleted ones (shown when asked) in grey, a count of unanswered findings in red."""

    def __init__(self, parent: Any = None) -> None:
        last = len(INSPECTION_COLUMNS) - 1
        super().__init__(INSPECTION_COLUMNS, parent, flagged=lambda r, c: c == last and r.unanswered > 0,
                         greyed=lambda r: r.deleted)


class FindingsModel(BragTableModel[InspectionFindingRow]):
    """Findings of one inspection in their order; an unanswered area for development or
    recommendation reads "No action" in bold red (word and colour, never colour alone)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(FINDING_COLUMNS, parent, flagged=lambda r, c: c == ACTIONS_COLUMN and r.needs_action,
                         greyed=lambda r: r.deleted)


LINKED_COLUMNS: list[Column[LinkedAction]] = [
    Column("Ref", lambda r: r.ref, sort_key=lambda r: ref_key(r.ref)),
    Column("Action", lambda r: r.title, tooltip=lambda r: r.title),
    Column("BRAG", lambda r: BRAG_WORDS.get(r.brag, r.brag)),
    Column("Due", lambda r: r.due_date),
    Column("Owner", lambda r: r.owner_name),
]


class LinkedActionsModel(BragTableModel[LinkedAction]):
    """The actions answering the chosen finding, natural ref order, BRAG as a chip."""

    BRAG_COLUMN = 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(LINKED_COLUMNS, parent, brag_column=self.BRAG_COLUMN, brag_of=lambda r: r.brag)
