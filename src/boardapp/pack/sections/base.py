"""What a pack section is, and the small building blocks sections share."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from boardapp.pack import styles as st
from boardapp.pack.templates import Heading
from boardapp.services.pack_data import PackData

SectionBuilder = Callable[[PackData, float], list[Flowable]]


@dataclass(frozen=True)
class Section:
    """A switchable part of the pack: ``build(data, width)`` returns its flowables.

    ``orientation`` is the page template it is laid out on ("portrait" or "landscape");
    it starts on a new page. Its first flowable should be a level-0 :class:`Heading`
    (the cover is the exception) so it appears in the contents and the outline.
    """

    key: str
    title: str
    build: SectionBuilder
    orientation: str = "portrait"


def section_heading(key: str, title: str) -> Heading:
    return Heading(title, st.H1, level=0, key=key)


def sub_heading(section_key: str, index: int, title: str, outline: str | None = None) -> list[Flowable]:
    """A level-1 heading kept off the foot of a page (it needs room for a few table rows)."""
    return [CondPageBreak(110), Heading(title, st.H2, level=1, key=f"{section_key}-{index}", outline=outline)]


def para(text: str, style: object = st.BODY) -> Paragraph:
    """A paragraph of plain text (escaped), for prose that must wrap."""
    return Paragraph(st.escape(text), style)  # type: ignore[arg-type]


def gap(height: float = 6) -> Spacer:
    return Spacer(1, height)


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"
