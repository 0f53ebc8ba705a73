"""The BRAG snapshots of the demo's held meetings, worked out from the plan's audit trail.

Marking a meeting held (``services.meetings.held.mark_held``) stores every live action's
BRAG, progress and status in ``bragsnapshot``: the firm baseline of "moved since the last
meeting". The demo's meetings were held in the past, so their snapshots are what the audit
trail says each action was at the end of the meeting's day — the same moment the register's
audit fallback (``register_read.direction_baseline`` without a snapshot) compares with, so
both give every action the same direction of travel. Actions created after that day are
not in the meeting's snapshot (they are "new" since it); cancelled and planned meetings
have none.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, time, timezone
from typing import Any

from boardapp.domain.enums import MeetingStatus

Row = dict[str, Any]

#: The action fields a snapshot keeps, as the audit trail names them.
SNAPSHOT_FIELDS = ("brag", "progress", "status")


def _cutoff(meeting: Row) -> datetime:
    """The end of the meeting's day, as ``register_read.direction_baseline`` takes it."""
    return datetime.combine(meeting["meeting_date"], time.max, tzinfo=timezone.utc)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


Changes = tuple[list[datetime], list[tuple[str | None, str | None]]]  # times, and (old, new) at each
_NO_CHANGES: Changes = ([], [])


def value_at(changes: Changes, now: Any, cutoff: datetime) -> Any:
    """A field's value at ``cutoff`` from its changes (in time order): the ``new`` of the last change
    by then, else the ``old`` of the first after it, else its value now."""
    times, values = changes
    position = bisect_right(times, cutoff)
    if position:
        return values[position - 1][1]
    if values:
        return values[0][0]
    return now


def build_snapshots(tables: dict[str, list[Row]]) -> list[Row]:
    """One ``bragsnapshot`` row per (held meeting, action existing and live at the end of its day)."""
    found: dict[tuple[int, str], list[tuple[datetime, str | None, str | None]]] = {}
    for entry in tables.get("auditentry", []):
        if entry["entity"] == "action" and entry["field"] in SNAPSHOT_FIELDS:
            found.setdefault((entry["entity_id"], entry["field"]), []).append(
                (_aware(entry["at"]), entry["old"], entry["new"]))
    history: dict[tuple[int, str], Changes] = {}
    for key, changes in found.items():
        changes.sort(key=lambda change: change[0])  # stable: changes at one moment keep their order
        history[key] = ([at for at, _o, _n in changes], [(old, new) for _a, old, new in changes])
    held = sorted((m for m in tables.get("meeting", []) if m["status"] == MeetingStatus.HELD.value
                   and m.get("deleted_at") is None), key=lambda m: (m["meeting_date"], m["id"]))
    rows: list[Row] = []
    for meeting in held:
        cutoff = _cutoff(meeting)
        for action in tables.get("action", []):
            deleted = action.get("deleted_at")
            if _aware(action["created_at"]) > cutoff or (deleted is not None and _aware(deleted) <= cutoff):
                continue
            aid = action["id"]
            brag, progress, status = (value_at(history.get((aid, name), _NO_CHANGES), action[name], cutoff)
                                      for name in SNAPSHOT_FIELDS)
            rows.append({"meeting_id": meeting["id"], "action_id": aid, "brag": str(brag),
                         "progress": int(progress), "status": str(status)})
    return rows
