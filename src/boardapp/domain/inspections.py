"""Pure rules of inspections and findings: what a valid visit is, and splitting a letter into findings.

No Qt and no database: the services validate with these before writing, and the paste
preview in the window shows exactly what ``split_findings`` makes of the text.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from boardapp.domain.enums import FindingKind, Grade, IlacsArea, InspectionKind, InspectionStatus
from boardapp.domain.rules import ValidationError

#: Kinds that carry judgements (grades per area and overall effectiveness): an ILACS, and the
#: re-inspection, which is a full ILACS.
GRADED_KINDS = frozenset({InspectionKind.ILACS.value, InspectionKind.RE_INSPECTION.value})

#: Findings that need an action in the plan (a strength does not).
NEEDS_ACTION = frozenset({FindingKind.AREA_FOR_DEVELOPMENT.value, FindingKind.RECOMMENDATION.value})


def validate_inspection_fields(
    *,
    kind: str,
    number: int | None,
    start_date: date | None,
    end_date: date | None,
    status: str,
    ilacs_area: str | None,
    letter_published: bool,
    published_date: date | None,
    overall_grade: str | None,
    grades: Mapping[str, str] | None = None,
) -> None:
    """Raise ValidationError naming the first field that breaks a rule of inspections.

    ``end_date`` may be None for a visit still to come (it is then the same day as the
    start); a completed visit needs both its days on site.
    """
    if kind not in InspectionKind.__members__:
        raise ValidationError("kind", f"unknown kind of inspection {kind!r}")
    if status not in InspectionStatus.__members__:
        raise ValidationError("status", f"unknown status {status!r}")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 1):
        raise ValidationError("number", f"the number must be a whole number of at least 1, not {number!r}")
    if start_date is None:
        what = "the first day on site" if status == InspectionStatus.COMPLETED else "the date it is expected around"
        raise ValidationError("start_date", f"a visit needs a start date ({what})")
    if status == InspectionStatus.COMPLETED and end_date is None:
        raise ValidationError("end_date", "a completed visit needs its dates on site: give the last day")
    if end_date is not None and end_date < start_date:
        raise ValidationError(
            "end_date", f"the last day on site ({end_date:%d/%m/%Y}) is before the first ({start_date:%d/%m/%Y})")
    if ilacs_area is not None and ilacs_area not in IlacsArea.__members__:
        raise ValidationError("ilacs_area", f"unknown ILACS area {ilacs_area!r}")
    if published_date is not None and not letter_published:
        raise ValidationError("published_date", "tick 'Letter published' to give the date it was published")
    if letter_published and status != InspectionStatus.COMPLETED:
        raise ValidationError("letter_published", "only a completed visit has a published letter")
    if published_date is not None and end_date is not None and published_date < end_date:
        raise ValidationError(
            "published_date", f"the letter ({published_date:%d/%m/%Y}) cannot be published before the visit ends "
            f"({end_date:%d/%m/%Y})")
    graded = bool(grades) or overall_grade is not None
    if graded and kind not in GRADED_KINDS:
        raise ValidationError(
            "grades", f"only an ILACS inspection is graded; a {InspectionKind(kind).label.lower()} has no grades")
    if overall_grade is not None and overall_grade not in Grade.__members__:
        raise ValidationError("overall_grade", f"unknown grade {overall_grade!r}")
    for area, grade in (grades or {}).items():
        if area not in IlacsArea.__members__:
            raise ValidationError("grades", f"unknown ILACS area {area!r}")
        if grade not in Grade.__members__:
            raise ValidationError("grades", f"unknown grade {grade!r} for {IlacsArea(area).label.lower()}")


def validate_finding_fields(*, kind: str, text: str, ilacs_area: str | None) -> None:
    """Raise ValidationError naming the field of a finding that is wrong."""
    if kind not in FindingKind.__members__:
        raise ValidationError("kind", f"unknown kind of finding {kind!r}")
    if not text or not text.strip():
        raise ValidationError("text", "a finding needs its text")
    if ilacs_area is not None and ilacs_area not in IlacsArea.__members__:
        raise ValidationError("ilacs_area", f"unknown ILACS area {ilacs_area!r}")


# --- pasting a letter -------------------------------------------------------------------------

#: A bullet or list marker at the start of a line: •, -, *, –, 1. 1) (1) a) a. (a) i) …
_MARKER = re.compile(
    r"^\s*(?:[•·◦▪‣●○■□–—\-*+]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\([ivxIVX]{1,4}\)|[ivx]{1,4}\))(?:\s+|$)"
)


def split_findings(text: str) -> list[str]:
    """One finding per paragraph or list item of text pasted from a published letter.

    A line starting with a bullet (•, -, *, –) or a list marker (1. 1) a) a. (a) i)) starts
    a new item; a blank line ends one; any other line continues the item above (text copied
    from a PDF wraps every line). A word wrapped at its hyphen is joined again; spaces collapse.
    """
    items: list[list[str]] = []
    open_item = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").split("\n"):
        line = raw.replace("\u00a0", " ").replace("\t", " ").strip()
        if not line:
            open_item = False
            continue
        marker = _MARKER.match(raw.replace("\u00a0", " ").replace("\t", " "))
        if marker:
            line = raw.replace("\u00a0", " ").replace("\t", " ")[marker.end():].strip()
            if not line:
                open_item = False
                continue
            items.append([line])
            open_item = True
        elif open_item:
            items[-1].append(line)
        else:
            items.append([line])
            open_item = True
    return [text for text in (_join(parts) for parts in items) if text]


def _join(parts: list[str]) -> str:
    joined = ""
    for part in parts:
        if joined.endswith("-") and len(joined) > 1 and joined[-2].isalpha() and part[:1].islower():
            joined += part  # "mental-" + "health" wrapped at its hyphen: one word again
        else:
            joined = f"{joined} {part}" if joined else part
    return " ".join(joined.split())


def is_heading(item: str) -> bool:
    """A line that introduces a list ('What needs to improve:') rather than being a finding itself."""
    return item.endswith(":") and len(item) <= 120
