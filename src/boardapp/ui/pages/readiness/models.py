"""Table models of the Readiness page: findings in focus, the actions answering them (with their
measures' latest value against target), and the before-the-visit list by owner."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from boardapp.domain.enums import FindingKind
from boardapp.services.inspections.readiness import FocusFinding, Readiness, ReadinessAction, ref_key
from boardapp.services.rows import ActionRow
from boardapp.ui.common.brag_table_model import BragTableModel
from boardapp.ui.common.colours import BRAG_WORDS
from boardapp.ui.common.row_table_model import Column

NO_ACTION = "No action"


def _refs(readiness: Readiness | None, f: FocusFinding) -> str:
    if not f.action_ids:
        return NO_ACTION
    if readiness is None:
        return f"{len(f.action_ids)} actions"
    return ", ".join(a.row.ref for a in (readiness.action(i) for i in f.action_ids) if a is not None)


class FocusFindingsModel(BragTableModel[FocusFinding]):
    """Every finding in focus; one no action answers reads "No action" in bold red."""

    ACTIONS_COLUMN = 2

    def __init__(self, parent: Any = None) -> None:
        self.readiness: Readiness | None = None
        columns: list[Column[FocusFinding]] = [
            Column("From", lambda f: f.inspection_short, sort_key=lambda f: f.inspection_start,
                   tooltip=lambda f: f.inspection_label),
            Column("Kind", lambda f: FindingKind(f.kind).label),
            Column("Actions", lambda f: _refs(self.readiness, f), sort_key=lambda f: len(f.action_ids),
                   tooltip=lambda f: _refs(self.readiness, f)),
            Column("Finding", lambda f: f.text, tooltip=lambda f: f.text),
        ]
        super().__init__(columns, parent, flagged=lambda f, c: c == self.ACTIONS_COLUMN and not f.action_ids)


def _measures(a: ReadinessAction) -> str:
    return "; ".join(m.text for m in a.measures)


def _evidence(a: ReadinessAction) -> str:
    return a.row.evidence_of_impact.strip() or "None recorded"


class ReadinessActionsModel(BragTableModel[ReadinessAction]):
    """Linked actions: ref, owner, BRAG, due, progress, evidence of impact, measures against target."""

    BRAG_COLUMN = 3

    def __init__(self, parent: Any = None) -> None:
        columns: list[Column[ReadinessAction]] = [
            Column("Ref", lambda a: a.row.ref, sort_key=lambda a: ref_key(a.row.ref)),
            Column("Action", lambda a: a.row.title, tooltip=lambda a: a.row.title),
            Column("Owner", lambda a: a.row.owner_name or "Unassigned"),
            Column("BRAG", lambda a: BRAG_WORDS.get(a.row.brag, a.row.brag)),
            Column("Due", lambda a: a.row.effective_due,
                   tooltip=lambda a: ("Overdue" if a.overdue else "Due after the visit" if a.due_after_visit
                                      else "Due by the visit")),
            Column("Progress", lambda a: f"{a.row.progress}%", sort_key=lambda a: a.row.progress),
            Column("Evidence of impact", _evidence, tooltip=_evidence),
            Column("Measures (latest vs target)", _measures,
                   tooltip=lambda a: "\n".join(f"{m.code} {m.title}: {m.rag_reason}" for m in a.measures)
                   or "No measure linked"),
        ]
        super().__init__(columns, parent, brag_column=self.BRAG_COLUMN, brag_of=lambda a: a.row.brag,
                         flagged=lambda a, c: (c == 4 and a.overdue) or (c == 6 and not a.has_evidence))


@dataclass(frozen=True, slots=True)
class OwnerLine:
    """One line of the before-the-visit list: the owner is written on the first of theirs."""

    owner: str
    first: bool
    action: ActionRow


class BeforeVisitModel(BragTableModel[OwnerLine]):
    BRAG_COLUMN = 2

    def __init__(self, parent: Any = None) -> None:
        columns: list[Column[OwnerLine]] = [
            Column("Owner", lambda o: o.owner if o.first else "", tooltip=lambda o: o.owner),
            Column("Ref", lambda o: o.action.ref),
            Column("BRAG", lambda o: BRAG_WORDS.get(o.action.brag, o.action.brag)),
            Column("Due", lambda o: o.action.effective_due),
            Column("Action", lambda o: o.action.title, tooltip=lambda o: o.action.title),
        ]
        super().__init__(columns, parent, brag_column=self.BRAG_COLUMN, brag_of=lambda o: o.action.brag)


def owner_lines(readiness: Readiness) -> list[OwnerLine]:
    return [OwnerLine(g.owner, i == 0, a) for g in readiness.before_visit for i, a in enumerate(g.actions)]
