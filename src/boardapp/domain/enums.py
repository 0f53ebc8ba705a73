"""Enumerations of the improvement-board domain (pure; no Qt, no database)."""
from __future__ import annotations

from enum import StrEnum


class Brag(StrEnum):
    """Blue = complete, Green = on track, Amber = at risk, Red = needs attention now."""

    BLUE = "BLUE"
    GREEN = "GREEN"
    AMBER = "AMBER"
    RED = "RED"

    @property
    def label(self) -> str:
        return self.value.title()

    @property
    def rank(self) -> int:
        """Higher is better: used for direction of travel."""
        return {"RED": 0, "AMBER": 1, "GREEN": 2, "BLUE": 3}[self.value]


class ActionStatus(StrEnum):
    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    ON_HOLD = "ON_HOLD"
    COMPLETE = "COMPLETE"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Direction(StrEnum):
    """Direction of travel since the previous board meeting."""

    BETTER = "BETTER"
    SAME = "SAME"
    WORSE = "WORSE"
    NEW = "NEW"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class IlacsArea(StrEnum):
    LEADERS = "LEADERS"
    HELP_AND_PROTECTION = "HELP_AND_PROTECTION"
    CHILDREN_IN_CARE = "CHILDREN_IN_CARE"
    CARE_LEAVERS = "CARE_LEAVERS"
    OVERALL = "OVERALL"

    @property
    def label(self) -> str:
        return {
            "LEADERS": "Impact of leaders",
            "HELP_AND_PROTECTION": "Children who need help and protection",
            "CHILDREN_IN_CARE": "Children in care",
            "CARE_LEAVERS": "Care leavers",
            "OVERALL": "Overall effectiveness",
        }[self.value]


class Grade(StrEnum):
    OUTSTANDING = "OUTSTANDING"
    GOOD = "GOOD"
    REQUIRES_IMPROVEMENT = "REQUIRES_IMPROVEMENT"
    INADEQUATE = "INADEQUATE"

    @property
    def label(self) -> str:
        return {
            "OUTSTANDING": "Outstanding",
            "GOOD": "Good",
            "REQUIRES_IMPROVEMENT": "Requires improvement to be good",
            "INADEQUATE": "Inadequate",
        }[self.value]


class InspectionKind(StrEnum):
    ILACS = "ILACS"
    MONITORING_VISIT = "MONITORING_VISIT"
    FOCUSED_VISIT = "FOCUSED_VISIT"
    JTAI = "JTAI"
    RE_INSPECTION = "RE_INSPECTION"

    @property
    def label(self) -> str:
        return {
            "ILACS": "ILACS inspection",
            "MONITORING_VISIT": "Monitoring visit",
            "FOCUSED_VISIT": "Focused visit",
            "JTAI": "Joint targeted area inspection",
            "RE_INSPECTION": "Re-inspection (ILACS)",
        }[self.value]


class InspectionStatus(StrEnum):
    """Expected (due, dates not yet notified), scheduled (dates known), completed, cancelled."""

    EXPECTED = "EXPECTED"
    SCHEDULED = "SCHEDULED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_upcoming(self) -> bool:
        """Still to happen: what 'the next visit' is chosen from."""
        return self in (InspectionStatus.EXPECTED, InspectionStatus.SCHEDULED)


class FindingKind(StrEnum):
    STRENGTH = "STRENGTH"
    AREA_FOR_DEVELOPMENT = "AREA_FOR_DEVELOPMENT"
    RECOMMENDATION = "RECOMMENDATION"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Attendance(StrEnum):
    """Y attended, N did not attend, A apologies, D deputy sent."""

    Y = "Y"
    N = "N"
    A = "A"
    D = "D"


class MeetingStatus(StrEnum):
    PLANNED = "PLANNED"
    HELD = "HELD"
    CANCELLED = "CANCELLED"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class MeetingFrequency(StrEnum):
    """How often the board meets: the next meeting's date is offered from it."""

    MONTHLY = "MONTHLY"
    SIX_WEEKLY = "SIX_WEEKLY"
    BI_MONTHLY = "BI_MONTHLY"
    QUARTERLY = "QUARTERLY"

    @property
    def label(self) -> str:
        return {"MONTHLY": "Monthly", "SIX_WEEKLY": "Every six weeks", "BI_MONTHLY": "Every two months",
                "QUARTERLY": "Quarterly"}[self.value]


class AgendaPurpose(StrEnum):
    DECISION = "DECISION"
    DISCUSSION = "DISCUSSION"
    INFORMATION = "INFORMATION"
    ASSURANCE = "ASSURANCE"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class RiskStatus(StrEnum):
    OPEN = "OPEN"
    MONITORING = "MONITORING"
    CLOSED = "CLOSED"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "HIGHER_IS_BETTER"
    LOWER_IS_BETTER = "LOWER_IS_BETTER"

    @property
    def label(self) -> str:
        return "Higher is better" if self is Polarity.HIGHER_IS_BETTER else "Lower is better"


class KpiFrequency(StrEnum):
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    ANNUAL = "ANNUAL"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ChallengeStatus(StrEnum):
    OPEN = "OPEN"
    ANSWERED = "ANSWERED"
    CLOSED = "CLOSED"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def sql_in(enum: type[StrEnum]) -> str:
    """Values of an enum as an SQL IN list, for CHECK constraints."""
    return "(" + ", ".join(f"'{m.value}'" for m in enum) + ")"
