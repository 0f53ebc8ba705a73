"""Readiness for the next visit: a pure computation over frozen rows.

The Readiness page, the Dashboard's card, the pack's "Monitoring-visit readiness" section
and ``boardapp readiness`` all call :func:`compute_readiness` (through
``readiness_read.read_readiness``), so they can never disagree. No database and no Qt here:
the tests build the rows by hand.

The figures (exact definitions in ``FIGURES``, shown in tooltips and the README):
every *action* figure counts the live actions linked to the findings in focus, each action
once however many of those findings it answers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from boardapp.domain.enums import ActionStatus, Brag, IlacsArea, InspectionKind, InspectionStatus
from boardapp.domain.inspections import NEEDS_ACTION
from boardapp.domain.kpi import Rag
from boardapp.domain.rules import effective_due, is_overdue
from boardapp.services.rows import ActionRow

UNASSIGNED = "Unassigned"
_DIGITS = re.compile(r"(\d+)")


def ref_key(ref: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of refs ('T4.2' before 'T4.10'), the register's order (``plan.filters.natural_key``;
    not imported from there: the plan package reads the next visit from this one)."""
    return tuple((0, int(p)) if p.isdecimal() else (1, p.casefold()) for p in _DIGITS.split(ref) if p)


def natural_ref_order(rows: Iterable[ActionRow]) -> list[ActionRow]:
    return sorted(rows, key=lambda r: ref_key(r.ref))


@dataclass(frozen=True, slots=True)
class VisitRow:
    """An inspection or visit as readiness needs it (live ones only)."""

    id: int
    kind: str
    number: int | None
    start_date: date
    end_date: date
    focus_area: str
    ilacs_area: str | None
    status: str

    @property
    def label(self) -> str:
        suffix = f" {self.number}" if self.number else ""
        return f"{InspectionKind(self.kind).label}{suffix} ({self.start_date:%b %Y})"

    @property
    def short_label(self) -> str:
        """'MV 4 Apr 2024', 'ILACS Jul 2022' (narrow columns)."""
        short = {"ILACS": "ILACS", "MONITORING_VISIT": "MV", "FOCUSED_VISIT": "Focused visit", "JTAI": "JTAI",
                 "RE_INSPECTION": "Re-inspection"}[self.kind]
        return f"{short}{f' {self.number}' if self.number else ''} {self.start_date:%b %Y}"


@dataclass(frozen=True, slots=True)
class FindingInput:
    """A live finding of a live inspection."""

    id: int
    inspection_id: int
    kind: str
    text: str
    ilacs_area: str | None
    sort_order: int = 0


@dataclass(frozen=True, slots=True)
class MeasureStatus:
    """A measure linked to an action: its latest value against its target, with the RAG."""

    kpi_id: int
    code: str
    title: str
    unit: str
    latest_period: date | None
    latest_value: float | None
    target: float | None
    rag: Rag | None
    rag_reason: str

    @property
    def text(self) -> str:
        """'K06 93.8% (target 95%): Amber'."""
        unit = "%" if self.unit == "%" else f" {self.unit}" if self.unit else ""
        value = "no value" if self.latest_value is None else f"{self.latest_value:g}{unit}"
        target = "no target" if self.target is None else f"target {self.target:g}{unit}"
        rag = self.rag.label if self.rag is not None else "no RAG"
        return f"{self.code} {value} ({target}): {rag}"


@dataclass(frozen=True, slots=True)
class ReadinessAction:
    """A live action answering at least one finding in focus."""

    row: ActionRow
    measures: tuple[MeasureStatus, ...]
    finding_ids: tuple[int, ...]
    overdue: bool
    due_after_visit: bool

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def on_track(self) -> bool:
        return self.row.brag in (Brag.BLUE.value, Brag.GREEN.value)

    @property
    def has_evidence(self) -> bool:
        return bool(self.row.evidence_of_impact.strip())


@dataclass(frozen=True, slots=True)
class FocusFinding:
    """A finding in focus with the live actions answering it (natural ref order)."""

    id: int
    inspection_id: int
    inspection_label: str
    inspection_start: date
    kind: str
    text: str
    ilacs_area: str | None
    action_ids: tuple[int, ...]
    inspection_short: str = ""


@dataclass(frozen=True, slots=True)
class OwnerGroup:
    owner: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """One readiness figure: its key (as in the JSON), caption, exact definition and what it counts."""

    key: str
    caption: str
    definition: str


#: The summary figures, in the order they are shown. The definitions are the contract the
#: README, the tooltips and the pack quote word for word.
FIGURES: tuple[Figure, ...] = (
    Figure("findings_in_focus", "Findings in focus",
           "Areas for development and recommendations in the next visit's ILACS area, from every earlier "
           "inspection or visit (not cancelled or deleted); strengths are not counted. When the next visit's "
           "area is overall effectiveness (a full re-inspection), findings of every area are in focus."),
    Figure("findings_without_action", "Findings with no action",
           "Findings in focus that no live (not deleted) action is linked to."),
    Figure("linked_actions", "Linked actions",
           "Live actions linked to at least one finding in focus, each counted once however many of those "
           "findings it answers."),
    Figure("on_track_share", "On track (Blue or Green)",
           "The share of the linked actions whose BRAG is Blue or Green (0 when there are no linked actions)."),
    Figure("red", "Red", "Linked actions whose BRAG is Red."),
    Figure("overdue", "Overdue",
           "Linked actions not complete whose effective due date (the revised date when there is one) is "
           "before today."),
    Figure("due_after_visit", "Due after the visit",
           "Linked actions not complete whose effective due date is after the first day of the visit (an "
           "action due on that day is due before the visit)."),
    Figure("without_evidence", "No evidence of impact",
           "Linked actions, complete or not, with no evidence of impact recorded."),
)
FIGURE_BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}

#: The "Before the visit" list, defined beside the figures.
BEFORE_VISIT_DEFINITION = (
    "Every live action of the plan (linked to a finding or not) that is not complete and whose effective due "
    "date is on or before the first day of the visit, grouped by owner."
)
#: How the next visit is chosen (the same rule as ``next_visit.next_monitoring_visit``).
NEXT_VISIT_DEFINITION = (
    "The earliest live inspection or visit of any kind that is expected or scheduled and has not ended by today."
)


@dataclass(frozen=True)
class Readiness:
    """Where the board stands for the next visit."""

    today: date
    next_visit: VisitRow | None
    findings: tuple[FocusFinding, ...]
    actions: tuple[ReadinessAction, ...]  # the linked actions, natural ref order
    before_visit: tuple[OwnerGroup, ...]

    # -- the figures ------------------------------------------------------------------------
    @property
    def days_to_go(self) -> int | None:
        """Days from today to the visit's first day (negative while it is under way)."""
        return None if self.next_visit is None else (self.next_visit.start_date - self.today).days

    @property
    def focus_area_label(self) -> str:
        area = self.next_visit.ilacs_area if self.next_visit else None
        return IlacsArea(area).label if area else ""

    def finding_ids(self, key: str) -> tuple[int, ...]:
        """The findings behind a finding figure ('findings_in_focus' or 'findings_without_action')."""
        if key == "findings_in_focus":
            return tuple(f.id for f in self.findings)
        if key == "findings_without_action":
            return tuple(f.id for f in self.findings if not f.action_ids)
        raise KeyError(key)

    def action_ids(self, key: str) -> tuple[int, ...]:
        """The linked actions behind an action figure (for 'on_track_share': those Blue or Green)."""
        tests = {
            "linked_actions": lambda a: True,
            "on_track_share": lambda a: a.on_track,
            "red": lambda a: a.row.brag == Brag.RED.value,
            "overdue": lambda a: a.overdue,
            "due_after_visit": lambda a: a.due_after_visit,
            "without_evidence": lambda a: not a.has_evidence,
        }
        test = tests[key]
        return tuple(a.id for a in self.actions if test(a))

    def count(self, key: str) -> int:
        if key.startswith("findings"):
            return len(self.finding_ids(key))
        return len(self.action_ids(key))

    @property
    def on_track_share(self) -> float:
        return len(self.action_ids("on_track_share")) / len(self.actions) if self.actions else 0.0

    def value_text(self, key: str) -> str:
        """How a figure reads on a card: '62%' for the share, a count for the rest."""
        if key == "on_track_share":
            return f"{round(self.on_track_share * 100)}%" if self.actions else "—"
        return str(self.count(key))

    @property
    def before_visit_count(self) -> int:
        return sum(len(g.actions) for g in self.before_visit)

    def action(self, action_id: int) -> ReadinessAction | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def to_json(self) -> dict[str, Any]:
        """Exactly the keys of ``boardapp readiness --json`` (a contract: do not add or rename)."""
        visit = self.next_visit
        return {
            "next_visit": None if visit is None else {
                "number": visit.number, "kind": visit.kind, "start": visit.start_date.isoformat(),
                "end": visit.end_date.isoformat(), "focus_area": visit.focus_area, "days_to_go": self.days_to_go,
            },
            "findings_in_focus": self.count("findings_in_focus"),
            "findings_without_action": self.count("findings_without_action"),
            "linked_actions": self.count("linked_actions"),
            "on_track_share": round(self.on_track_share, 4),
            "red": self.count("red"),
            "overdue": self.count("overdue"),
            "due_after_visit": self.count("due_after_visit"),
            "without_evidence": self.count("without_evidence"),
            "before_visit_by_owner": [
                {"owner": g.owner, "actions": [a.ref for a in g.actions]} for g in self.before_visit
            ],
        }


def choose_next_visit(visits: Iterable[VisitRow], today: date) -> VisitRow | None:
    """The earliest expected or scheduled visit that has not ended by today (any kind)."""
    upcoming = [v for v in visits if InspectionStatus(v.status).is_upcoming and v.end_date >= today]
    return min(upcoming, key=lambda v: (v.start_date, v.id), default=None)


def in_focus(finding_area: str | None, focus_area: str | None) -> bool:
    """Whether a finding of ``finding_area`` is in focus for a visit looking at ``focus_area``."""
    if focus_area is None:
        return False
    return focus_area == IlacsArea.OVERALL.value or finding_area == focus_area


def findings_in_focus(visit: VisitRow, visits: Sequence[VisitRow], findings: Iterable[FindingInput]) -> list[FindingInput]:
    """Areas for development and recommendations in the visit's area from the inspections before it
    (not cancelled), oldest inspection first, each inspection's in its own order."""
    by_id = {v.id: v for v in visits}
    earlier = {
        v.id for v in visits
        if v.id != visit.id and v.status != InspectionStatus.CANCELLED and v.start_date < visit.start_date
    }
    return sorted(
        (f for f in findings
         if f.inspection_id in earlier and f.kind in NEEDS_ACTION and in_focus(f.ilacs_area, visit.ilacs_area)),
        key=lambda f: (by_id[f.inspection_id].start_date, f.inspection_id, f.sort_order, f.id),
    )


def compute_readiness(
    *,
    today: date,
    visits: Sequence[VisitRow],
    findings: Sequence[FindingInput],
    links: Iterable[tuple[int, int]],
    actions: Iterable[ActionRow],
    action_measures: Mapping[int, Sequence[MeasureStatus]] | None = None,
) -> Readiness:
    """Readiness as at ``today``.

    ``visits``: live inspections; ``findings``: live findings of them; ``links``: (finding id,
    action id) pairs; ``actions``: rows of (at least) every linked action and every action that
    may be due before the visit — deleted rows are ignored; ``action_measures``: the measures
    linked to each action. Every "today"-dependent fact is worked out from ``today`` here.
    """
    visit = choose_next_visit(visits, today)
    live = {r.id: r for r in actions if not r.deleted}
    if visit is None:
        return Readiness(today, None, (), (), ())
    by_id = {v.id: v for v in visits}
    linked: dict[int, set[int]] = {}
    for finding_id, action_id in links:
        if action_id in live:
            linked.setdefault(finding_id, set()).add(action_id)
    chosen = findings_in_focus(visit, visits, findings)
    focus: list[FocusFinding] = []
    answering: dict[int, list[int]] = {}
    for f in chosen:
        rows = natural_ref_order(live[i] for i in linked.get(f.id, ()))
        inspection = by_id[f.inspection_id]
        focus.append(FocusFinding(f.id, f.inspection_id, inspection.label, inspection.start_date, f.kind, f.text,
                                  f.ilacs_area, tuple(r.id for r in rows), inspection.short_label))
        for r in rows:
            answering.setdefault(r.id, []).append(f.id)
    measures = action_measures or {}
    linked_actions = tuple(
        ReadinessAction(
            row=r, measures=tuple(measures.get(r.id, ())), finding_ids=tuple(answering[r.id]),
            overdue=is_overdue(r.due_date, r.revised_due_date, r.status, today),
            due_after_visit=_open(r) and effective_due(r.due_date, r.revised_due_date) > visit.start_date,
        )
        for r in natural_ref_order(live[i] for i in answering)
    )
    return Readiness(today, visit, tuple(focus), linked_actions, before_visit_groups(live.values(), visit.start_date))


def _open(row: ActionRow) -> bool:
    return row.status != ActionStatus.COMPLETE and row.brag != Brag.BLUE


def before_visit_groups(rows: Iterable[ActionRow], visit_start: date) -> tuple[OwnerGroup, ...]:
    """Open live actions due on or before the visit's first day, by owner (A–Z, unassigned last),
    each owner's by effective due date then natural ref."""
    due = [r for r in rows if not r.deleted and _open(r) and effective_due(r.due_date, r.revised_due_date) <= visit_start]
    groups: dict[str, list[ActionRow]] = {}
    for r in natural_ref_order(due):
        groups.setdefault(r.owner_name or UNASSIGNED, []).append(r)
    ordered = sorted(groups, key=lambda name: (name == UNASSIGNED, name.casefold()))
    return tuple(
        OwnerGroup(name, tuple(sorted(groups[name], key=lambda r: effective_due(r.due_date, r.revised_due_date))))
        for name in ordered
    )
