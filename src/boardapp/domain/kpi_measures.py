"""What makes a performance measure's definition valid (pure; the services call it before writing)."""
from __future__ import annotations

import math
import re
from typing import Any

from boardapp.domain.enums import KpiFrequency, Polarity
from boardapp.domain.kpi import floor_problem
from boardapp.domain.rules import ValidationError

#: Every field of a measure a user sets (the editor, the services and the audit trail share them).
MEASURE_FIELDS: tuple[str, ...] = (
    "code", "title", "unit", "polarity", "target", "floor", "frequency", "period_note", "source_note",
    "owner_id", "theme_id",
)
TEXT_FIELDS: tuple[str, ...] = ("code", "title", "unit", "period_note", "source_note")
MAX_LENGTHS = {"code": 12, "title": 160, "unit": 24, "period_note": 120, "source_note": 240}
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def tidy_measure(values: dict[str, Any]) -> dict[str, Any]:
    """Trim the text fields (what a form leaves around them)."""
    return {k: (v.strip() if k in TEXT_FIELDS and isinstance(v, str) else v) for k, v in values.items()}


def _number(name: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValidationError(name, f"must be a number, not {value!r}")
    return float(value)


def validate_measure(values: dict[str, Any]) -> None:
    """Raise ValidationError naming the first field at fault (code, title, unit, target, floor…)."""
    if unknown := set(values) - set(MEASURE_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of a measure")
    code = values.get("code") or ""
    if not code:
        raise ValidationError("code", "a measure needs a code (e.g. K13)")
    if not _CODE.fullmatch(code):
        raise ValidationError("code", "use letters, digits, dots, dashes or underscores, with no spaces")
    if not values.get("title"):
        raise ValidationError("title", "a measure needs a name (e.g. Re-referrals within 12 months)")
    if not values.get("unit"):
        raise ValidationError("unit", "say what the measure is counted in (%, number, days, rate per 10,000)")
    for name, limit in MAX_LENGTHS.items():
        if len(values.get(name) or "") > limit:
            raise ValidationError(name, f"is too long ({limit} characters at most)")
    polarity = values.get("polarity")
    if polarity not in {p.value for p in Polarity}:
        raise ValidationError("polarity", "choose higher is better or lower is better")
    if values.get("frequency") not in {f.value for f in KpiFrequency}:
        raise ValidationError("frequency", "choose monthly, quarterly or annual")
    target = _number("target", values.get("target"))
    floor = _number("floor", values.get("floor"))
    for name, value in (("target", target), ("floor", floor)):
        if value is not None and value < 0:
            raise ValidationError(name, "cannot be below 0")
        if value is not None and values.get("unit") == "%" and value > 100:
            raise ValidationError(name, "a percentage cannot be more than 100")
    if floor is not None and target is None:
        raise ValidationError("floor", "set a target first: the floor is the tolerance line beside it")
    if problem := floor_problem(target, floor, polarity):
        raise ValidationError("floor", problem)
