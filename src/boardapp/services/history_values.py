"""How the audit trail's stored values read on the History page: labels, not codes.

The audit trail stores values as the database holds them ("NOT_STARTED", "AMBER",
"2024-09-08", "True"), which is right for a record but not for a secretary reading it. This
module turns a stored value back into the words the rest of the app uses ("Not started",
"Amber", "08/09/2024", "Yes"), from the entity kind and the field alone, and turns what a
user types into the search box into the stored forms it should also match.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum

from boardapp.domain.enums import (
    ActionStatus, AgendaPurpose, Attendance, Brag, ChallengeStatus, Direction, FindingKind, Grade, IlacsArea,
    InspectionKind, InspectionStatus, KpiFrequency, MeetingFrequency, MeetingStatus, Polarity, RiskStatus,
)

#: (entity, field) → the enum its values come from; ``"*"`` for any entity.
_ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("*", "brag"): Brag,
    ("action", "status"): ActionStatus,
    ("risk", "status"): RiskStatus,
    ("meeting", "status"): MeetingStatus,
    ("inspection", "status"): InspectionStatus,
    ("challengelogentry", "status"): ChallengeStatus,
    ("*", "purpose"): AgendaPurpose,
    ("inspection", "kind"): InspectionKind,
    ("finding", "kind"): FindingKind,
    ("*", "grade"): Grade,
    ("*", "judgement"): Grade,
    ("*", "ilacs_area"): IlacsArea,
    ("*", "direction"): Direction,
    ("*", "polarity"): Polarity,
    ("kpi", "frequency"): KpiFrequency,
    ("board", "frequency"): MeetingFrequency,
    ("*", "meeting_frequency"): MeetingFrequency,
}
_ATTENDANCE_WORDS = {"Y": "Attended", "N": "Did not attend", "A": "Apologies", "D": "Deputy"}
_PERCENT_FIELDS = frozenset({"progress"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


#: Field names whose plain "underscores to spaces" reading would be wrong.
_FIELD_WORDS = {"brag": "BRAG", "ilacs_area": "ILACS area", "deleted_at": "deleted", "lead_id": "lead",
                "owner_id": "owner", "theme_id": "theme", "parent_id": "parent item", "kpi_id": "measure"}


def display_field(field: str) -> str:
    """A stored field name as words: "revised_due_date" → "revised due date", "brag" → "BRAG"."""
    return _FIELD_WORDS.get(field, field.replace("_", " "))


def _enum_for(entity: str, field: str) -> type[StrEnum] | None:
    return _ENUMS.get((entity, field)) or _ENUMS.get(("*", field))


def _label(member: StrEnum) -> str:
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else member.value


def display_value(entity: str, field: str, value: str | None) -> str | None:
    """The stored ``value`` as the app shows it elsewhere; unknown values come back unchanged."""
    if value is None or value == "":
        return value
    enum = _enum_for(entity, field)
    if enum is not None:
        try:
            return _label(enum(value))
        except ValueError:
            return value
    if field.startswith("attendance of "):
        return _ATTENDANCE_WORDS.get(value, value)
    if value in ("True", "False"):
        return "Yes" if value == "True" else "No"
    if field in _PERCENT_FIELDS and value.isdigit():
        return f"{value}%"
    if _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if _ISO_DATETIME.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return moment.strftime("%d/%m/%Y %H:%M")
    return value


def search_forms(text: str) -> list[str]:
    """What a search for ``text`` should also match in the stored values.

    "not started" also finds "NOT_STARTED" (SQLite's LIKE ignores ASCII case, not spaces), and a
    UK date "08/09/2024" also finds the stored "2024-09-08".
    """
    forms = [text]
    if " " in text:
        forms.append(text.replace(" ", "_"))
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            forms.append(date(year, month, day).isoformat())
        except ValueError:
            pass
    return forms
