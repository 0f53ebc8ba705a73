"""An agenda's shape: item numbers (3, 3.1, 3.2), the running clock and the meeting's end time.

Pure functions over anything with ``id``, ``parent_id``, ``item_order`` and ``duration_minutes``,
so the services, the pack and the tests share one rule:

- top-level items are numbered 1, 2, 3 … in ``item_order``; their sub-items follow them,
  numbered 3.1, 3.2 … in their own ``item_order``;
- the clock runs down the agenda in that order: each item starts when the one before it ends,
  and takes its own minutes (a heading with sub-items usually has 0 or a few minutes of its own);
- the meeting ends when the last item does.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol


class AgendaShape(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def item_order(self) -> int: ...
    @property
    def duration_minutes(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Placed:
    """Where an item sits: its number, its depth (0 or 1), when it starts and ends (None without a start time)."""

    item_id: int
    number: str
    depth: int
    starts: time | None
    ends: time | None


def display_order(items: Sequence[AgendaShape]) -> list[AgendaShape]:
    """Top-level items in order, each followed by its sub-items; orphans (parent gone) go last, top-level."""
    ids = {i.id for i in items}
    top = sorted((i for i in items if i.parent_id is None or i.parent_id not in ids), key=lambda i: (i.item_order, i.id or 0))
    children: dict[int, list[AgendaShape]] = {}
    for item in items:
        if item.parent_id is not None and item.parent_id in ids:
            children.setdefault(item.parent_id, []).append(item)
    ordered: list[AgendaShape] = []
    for item in top:
        ordered.append(item)
        ordered.extend(sorted(children.get(item.id or 0, []), key=lambda i: (i.item_order, i.id or 0)))
    return ordered


def _add(start: time, minutes: int) -> time:
    return (datetime.combine(datetime.min, start) + timedelta(minutes=minutes)).time()


def arrange(items: Sequence[AgendaShape], start: time | None) -> list[Placed]:
    """Number and time every item, in display order."""
    placed: list[Placed] = []
    clock = start
    ids = {i.id for i in items}
    top_number = 0
    sub_number = 0
    for item in display_order(items):
        is_sub = item.parent_id is not None and item.parent_id in ids
        if is_sub:
            sub_number += 1
            number = f"{top_number}.{sub_number}"
        else:
            top_number += 1
            sub_number = 0
            number = str(top_number)
        minutes = max(0, int(item.duration_minutes or 0))
        ends = _add(clock, minutes) if clock is not None else None
        placed.append(Placed(int(item.id or 0), number, 1 if is_sub else 0, clock, ends))
        clock = ends
    return placed


def end_time(items: Sequence[AgendaShape], start: time | None) -> time | None:
    """When the meeting ends: its start plus every item's minutes (None without a start time)."""
    if start is None:
        return None
    return _add(start, sum(max(0, int(i.duration_minutes or 0)) for i in items))


def total_minutes(items: Sequence[AgendaShape]) -> int:
    return sum(max(0, int(i.duration_minutes or 0)) for i in items)
