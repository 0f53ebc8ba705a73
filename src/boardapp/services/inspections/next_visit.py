"""The next monitoring visit (or any inspection still planned): read on the open path, without the ORM."""
from __future__ import annotations

from datetime import date

from boardapp.domain.enums import InspectionStatus
from boardapp.services.connection import Reader, dbapi, to_date
from boardapp.services.rows import InspectionRow


def next_monitoring_visit(*, session: Reader, today: date | None = None) -> InspectionRow | None:
    """The next visit still to come (expected or scheduled, any inspection kind) that has not ended by today."""
    found = dbapi(session).execute(
        "SELECT id, kind, number, start_date, end_date, focus_area, ilacs_area, status, published_date, "
        "overall_grade FROM inspection WHERE status IN (?, ?) AND deleted_at IS NULL AND end_date >= ? "
        "ORDER BY start_date, id LIMIT 1",
        (InspectionStatus.EXPECTED.value, InspectionStatus.SCHEDULED.value, (today or date.today()).isoformat()),
    ).fetchone()
    if found is None:
        return None
    i, kind, number, start, end, focus, area, status, published, grade = found
    return InspectionRow(i, kind, number, to_date(start), to_date(end), focus, area, status,  # type: ignore[arg-type]
                         to_date(published), grade)
