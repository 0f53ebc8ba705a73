"""Which agenda items, sections and papers go into which document (the pack, Part B, a supplement).

Pure planning, no drawing: the agenda section and the assembly both read the same plan, so the
agenda's page column and the pack's contents always agree on what is where.

* The main pack: every item in agenda order; a confidential (Part B) item is listed with
  "(confidential — circulated separately)" and nothing of it is included; late papers go into
  supplements (the agenda lists those).
* The confidential part: the confidential items (and their sub-items) with their sections and papers.
* Supplement N: the late papers given number N (or, for the next number, the late papers not yet in one);
  the late papers on confidential items go into Supplement N's confidential part, never the public one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from boardapp.services.pack_data import (
    PART_CONFIDENTIAL, PART_CONFIDENTIAL_SUPPLEMENT, PART_MAIN, PART_SUPPLEMENT, PackData,
)
from boardapp.services.pack_meeting import AgendaEntry, PaperEntry

WITHHELD_NOTE = "(confidential — circulated separately)"


@dataclass(frozen=True)
class ItemPlan:
    """An agenda item in one document: the section it presents and its papers, or withheld."""

    item: AgendaEntry
    section: str = ""
    papers: tuple[PaperEntry, ...] = ()
    withheld: bool = False

    @property
    def key(self) -> str:
        return f"item-{self.item.id}"

    @property
    def has_content(self) -> bool:
        return bool(self.section or self.papers)

    @property
    def label(self) -> str:
        """"4. Action log" (the outline and contents title of the item)."""
        title = f"{self.item.title} {WITHHELD_NOTE}" if self.withheld else self.item.title
        return f"{self.item.number}. {title}" if self.item.depth == 0 else f"{self.item.number} {title}"


@dataclass(frozen=True)
class PartPlan:
    items: tuple[ItemPlan, ...] = ()
    appendix: tuple[str, ...] = ()  # section keys no item presents
    loose_papers: tuple[PaperEntry, ...] = ()  # papers whose item is gone (main pack) / none
    supplements: tuple[tuple[int | None, tuple[PaperEntry, ...]], ...] = field(default=())
    by_agenda: bool = False

    @property
    def presented(self) -> set[str]:
        return {i.section for i in self.items if i.section}


Supplements = tuple[tuple[int | None, tuple[PaperEntry, ...]], ...]


def supplement_numbers(data: PackData, *, confidential: bool = False) -> Supplements:
    """Late papers by supplement (numbered ones first; None: late papers not yet in a supplement).

    Public late papers by default; ``confidential``: the late papers on Part B items, which go into the
    supplement's confidential part and are never named in the public pack or supplement."""
    late = [p for p in data.meeting_pack.papers if p.late and _confidential_paper(data, p) == confidential]
    numbers = sorted({p.supplement_number for p in late if p.supplement_number is not None})
    groups: list[tuple[int | None, tuple[PaperEntry, ...]]] = [
        (n, tuple(p for p in late if p.supplement_number == n)) for n in numbers]
    pending = tuple(p for p in late if p.supplement_number is None)
    if pending:
        groups.append((None, pending))
    return tuple(groups)


def next_supplement_number(data: PackData) -> int:
    """One numbering for both parts: Supplement N is one circulation, its public and confidential papers."""
    numbers = [n for secret in (False, True) for n, _p in supplement_numbers(data, confidential=secret)
               if n is not None]
    return max(numbers, default=0) + 1


def _confidential_ids(agenda: tuple[AgendaEntry, ...]) -> set[int]:
    ids: set[int] = set()
    for a in agenda:  # depth first: a parent comes before its sub-items
        if a.confidential or (a.parent_id is not None and a.parent_id in ids):
            ids.add(a.id)
    return ids


def _confidential_paper(data: PackData, paper: PaperEntry) -> bool:
    return paper.agenda_item_id is not None and paper.agenda_item_id in _confidential_ids(data.meeting_pack.agenda)


def supplement_papers(data: PackData, number: int, *, confidential: bool | None = None) -> tuple[PaperEntry, ...]:
    """Supplement ``number``'s papers of one part (by default the part ``data`` makes: the confidential
    supplement's or the public one's)."""
    if confidential is None:
        confidential = data.part == PART_CONFIDENTIAL_SUPPLEMENT
    groups = supplement_numbers(data, confidential=confidential)
    for n, papers in groups:
        if n == number:
            return papers
    if number == next_supplement_number(data):
        return next((p for n, p in groups if n is None), ())
    return ()


def plan_part(data: PackData) -> PartPlan:
    """The plan of the document ``data.part`` makes."""
    mp = data.meeting_pack
    agenda = mp.agenda
    secret = _confidential_ids(agenda)
    live_items = {a.id for a in agenda}
    if data.part in (PART_SUPPLEMENT, PART_CONFIDENTIAL_SUPPLEMENT):
        chosen = supplement_papers(data, data.supplement or 0)
        ids = {p.agenda_item_id for p in chosen}
        items = tuple(ItemPlan(a, papers=tuple(p for p in chosen if p.agenda_item_id == a.id))
                      for a in agenda if a.id in ids)
        loose = tuple(p for p in chosen if p.agenda_item_id not in live_items)
        return PartPlan(items=items, loose_papers=loose, by_agenda=True)

    def papers_for(item_id: int) -> tuple[PaperEntry, ...]:
        if not data.papers:
            return ()
        return tuple(p for p in mp.papers if p.agenda_item_id == item_id and not p.late)

    used: set[str] = set()

    def section_for(a: AgendaEntry) -> str:
        key = data.section_key(a.pack_section)
        if not key or key in used or not data.enabled(key):
            return ""
        used.add(key)
        return key

    items: list[ItemPlan] = []
    for a in agenda:
        in_part = (a.id in secret) == (data.part == PART_CONFIDENTIAL)
        if data.part == PART_MAIN and a.id in secret:
            if a.confidential and (a.parent_id is None or a.parent_id not in secret):
                key = data.section_key(a.pack_section)
                if key:
                    used.add(key)  # its section goes into Part B, not the appendix
                items.append(ItemPlan(a, withheld=True))
            continue
        if not in_part:
            continue
        items.append(ItemPlan(a, section=section_for(a), papers=papers_for(a.id)))
    if data.part == PART_MAIN:
        # sections a confidential sub-item presents are in Part B too
        for a in agenda:
            if a.id in secret and data.section_key(a.pack_section):
                used.add(data.section_key(a.pack_section))
    appendix: tuple[str, ...] = ()
    loose: tuple[PaperEntry, ...] = ()
    if data.part == PART_MAIN:
        appendix = tuple(k for k in data.sections if k not in used and data.section_key(k))
        if data.papers:
            loose = tuple(p for p in mp.papers if not p.late and p.agenda_item_id not in live_items)
    return PartPlan(items=tuple(items), appendix=appendix, loose_papers=loose,
                    supplements=supplement_numbers(data, confidential=data.part == PART_CONFIDENTIAL)
                    if data.part in (PART_MAIN, PART_CONFIDENTIAL) else (),
                    by_agenda=bool(agenda))
