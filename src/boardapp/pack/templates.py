"""The pack's document template, page furniture, contents and outline.

Speed matters (a 5,000-action pack must beat LibreOffice converting a spreadsheet),
so the pack is laid out in ONE pass:

* "Page x of y" is drawn by :class:`PackCanvas`, which holds every finished page and
  only writes them when the document is saved, when y is known.
* The contents page knows its entries before layout (every :class:`Heading` in the
  story), so it reserves exactly the right space; it draws its page numbers, also at
  save time, from the pages the headings actually landed on. It is an
  IndexingFlowable, so if the entries ever differ from the estimate ``multiBuild``
  simply runs another pass with the real ones.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import IndexingFlowable

from boardapp.pack import styles as st
from boardapp.pack.tables import PackTable

ProgressFn = Callable[[int, str], None]
CancelFn = Callable[[], bool]


class PackCancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass(frozen=True)
class Furniture:
    """What every page carries: the marking, the header and the footer texts."""

    marking: str
    header_left: str
    header_right: str
    footer_left: str
    footer_right: str


class PackCanvas(Canvas):
    """A canvas that keeps finished pages until save, then writes "Page x of y" on each.

    Bookmarks made during layout must name the page they will become, so the document's
    page counter is advanced as pages are held, and reset before they are written.
    """

    def __init__(self, *args: Any, furniture: Furniture, outline: list[tuple[int, str, str]] | None = None,
                 **kwargs: Any) -> None:
        # Every page starts in the pack's own font: reportlab's default would add Helvetica to each page.
        kwargs["initialFontName"] = st.FONT
        super().__init__(*args, **kwargs)
        #: (level, title, key) of every outline entry in the order the pack presents them (agenda order),
        #: which is not always the order of the pages: an item with nothing in the pack is bookmarked on
        #: its agenda row. Written at save time, for the keys that were bookmarked.
        self.outline_plan = outline or []
        self._held_pages: list[dict[str, Any]] = []
        self._deferred: dict[int, list[Callable[[Canvas], None]]] = {}
        self._furniture = furniture
        #: The page each outline key landed on (read by deferred drawings such as the agenda's page column).
        self.key_pages: dict[str, int] = {}

    def defer(self, draw: Callable[[Canvas], None]) -> None:
        """Draw on the current page at save time, when every page number is known."""
        self._deferred.setdefault(self.getPageNumber(), []).append(draw)

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._held_pages.append(dict(self.__dict__))
        self._doc.pageCounter += 1
        self._doc.inObject = None
        self._startPage()

    @property
    def held_page_count(self) -> int:
        return len(self._held_pages)

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        self._write_outline()
        pages = self._held_pages
        total = len(pages)
        self._doc.pageCounter = 1
        annotations = getattr(self, "_annotationCount", 0)
        for number, state in enumerate(pages, start=1):
            self.__dict__.update(state)
            # links drawn at save time (the contents) number their annotations across pages
            self._annotationCount = max(annotations, self._annotationCount)
            for draw in self._deferred.get(number, ()):
                draw(self)
            self._draw_page_number(number, total)
            annotations = self._annotationCount
            Canvas.showPage(self)
        Canvas.save(self)

    def _write_outline(self) -> None:
        previous = -1
        for level, title, key in self.outline_plan:
            if key not in self.key_pages:
                continue
            level = min(level, previous + 1)
            self.addOutlineEntry(title, key, level=level, closed=level > 0)
            previous = level
        if previous >= 0:
            self.showOutline()  # /PageMode /UseOutlines: the viewer opens with the bookmarks shown

    def _draw_page_number(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(st.FONT_BOLD, 8.5)
        self.setFillColor(st.INK)
        self.drawCentredString(width / 2, 30, f"Page {number} of {total}")
        self.restoreState()


def draw_furniture(canv: Canvas, furniture: Furniture) -> None:
    """Marking centred top and bottom, header and footer rules and texts (not the page number)."""
    width, height = canv._pagesize
    canv.saveState()
    canv.setFont(st.FONT_BOLD, 10)
    canv.setFillColor(st.MARKING_INK)
    canv.drawCentredString(width / 2, height - 22, furniture.marking)
    canv.drawCentredString(width / 2, 12, furniture.marking)
    canv.setFont(st.FONT, 8)
    canv.setFillColor(st.MUTED)
    canv.drawString(st.MARGIN_X, height - 40, furniture.header_left)
    canv.drawRightString(width - st.MARGIN_X, height - 40, furniture.header_right)
    canv.drawString(st.MARGIN_X, 30, furniture.footer_left)
    canv.drawRightString(width - st.MARGIN_X, 30, furniture.footer_right)
    canv.setStrokeColor(st.RULE)
    canv.setLineWidth(0.5)
    canv.line(st.MARGIN_X, height - 45, width - st.MARGIN_X, height - 45)
    canv.line(st.MARGIN_X, 42, width - st.MARGIN_X, 42)
    canv.restoreState()


class Heading(Paragraph):
    """A heading that becomes a contents line and a bookmark (level 0 section, 1 within it)."""

    def __init__(self, text: str, style: Any, *, level: int, key: str, outline: str | None = None) -> None:
        super().__init__(st.escape(text), style)
        self.outline_level = level
        self.outline_key = key
        self.outline_title = outline or text


@dataclass
class _ContentsState:
    """Shared by a contents flowable and the parts it splits into."""

    expected: list[tuple[int, str, str]]
    found: list[tuple[int, str, str]] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    #: What the page column says for an entry with no page of its own (e.g. "no paper", "Part B").
    labels: dict[str, str] = field(default_factory=dict)


class ContentsFlowable(IndexingFlowable):
    """The contents page: one line per heading with a dotted leader, page number and link."""

    LINE = {0: 17.0, 1: 13.5}

    def __init__(self, state: _ContentsState | None = None, first: int = 0, last: int | None = None) -> None:
        super().__init__()
        self._state = state or _ContentsState([])
        self._first = first
        self._last = last

    def set_expected(self, entries: list[tuple[int, str, str]], labels: dict[str, str] | None = None) -> None:
        """The planned entries; ``labels`` replace the page number of entries that have no page of their own
        (an agenda item with nothing in the pack links to its agenda line and says so)."""
        self._state.expected = list(entries)
        self._state.labels = dict(labels or {})

    def _lines(self) -> list[tuple[int, str, str]]:
        return self._state.expected[self._first:self._last]

    # IndexingFlowable protocol -------------------------------------------------
    def isIndexing(self) -> int:  # noqa: N802
        return self._first == 0

    def beforeBuild(self) -> None:  # noqa: N802
        self._state.found = []
        self._state.pages = {}

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "TOCEntry":
            level, text, page, key = stuff
            self._state.found.append((level, text, key))
            self._state.pages[key] = page

    def isSatisfied(self) -> bool:  # noqa: N802
        """The entries are planned (agenda order); satisfied when every planned one was laid out."""
        found = {key: (level, text) for level, text, key in self._state.found}
        if all(found.get(key) == (level, text) for level, text, key in self._state.expected) and \
                len(found) == len(self._state.expected):
            return True
        planned = [e for e in self._state.expected if e[2] in found]
        self._state.expected = planned + [e for e in self._state.found if e[2] not in {k for _l, _t, k in planned}]
        return False

    # Flowable protocol ---------------------------------------------------------
    @staticmethod
    def _style(level: int) -> Any:
        return st.TOC_LEVEL0 if level == 0 else st.TOC_LEVEL1

    def _title_lines(self, level: int, text: str, width: float) -> list[str]:
        """An entry's title wrapped to at most two lines (room is left for the page number)."""
        style = self._style(level)
        indent = style.leftIndent + 14 * max(0, level - 1)
        return st.wrap_text(text, width - indent - 60, style.fontName, style.fontSize, max_lines=2)

    def _entry_height(self, level: int, text: str, width: float) -> float:
        extra = len(self._title_lines(level, text, width)) - 1
        return self.LINE[min(level, 1)] + extra * self._style(level).leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._width = availWidth
        return availWidth, sum(self._entry_height(level, t, availWidth) for level, t, _k in self._lines())

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        used, count = 0.0, 0
        for level, t, _k in self._lines():
            step = self._entry_height(level, t, availWidth)
            if used + step > availHeight:
                break
            used += step
            count += 1
        if count == 0:
            return []
        start = self._first
        end = self._last if self._last is not None else len(self._state.expected)
        return [ContentsFlowable(self._state, start, start + count), ContentsFlowable(self._state, start + count, end)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        lines, width, height = self._lines(), self._width, self.wrap(self._width, 0)[1]
        if isinstance(canvas, PackCanvas):
            canvas.defer(lambda c: self._draw_lines(c, lines, x, y + height, width))
        else:  # a plain canvas (e.g. a measuring pass): draw what is known now
            self._draw_lines(canvas, lines, x, y + height, width)

    def draw(self) -> None:  # drawOn does the work
        pass

    def _draw_lines(self, canv: Canvas, lines: list[tuple[int, str, str]], x: float, top: float, width: float) -> None:
        canv.saveState()
        y = top
        for level, text, key in lines:
            style = self._style(level)
            titles = self._title_lines(level, text, width)
            step = self.LINE[min(level, 1)] + (len(titles) - 1) * style.leading
            entry_top = y
            y -= self.LINE[min(level, 1)]
            indent = style.leftIndent + 14 * max(0, level - 1)
            label = self._state.labels.get(key)
            page = label or str(self._state.pages.get(key, "?"))
            page_font = (st.FONT, style.fontSize - 1) if label else (style.fontName, style.fontSize)
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(st.INK)
            for earlier in titles[:-1]:
                canv.drawString(x + indent, y + 3, earlier)
                y -= style.leading
            title = titles[-1]
            canv.drawString(x + indent, y + 3, title)
            canv.setFont(*page_font)
            canv.setFillColor(st.MUTED if label else st.INK)
            canv.drawRightString(x + width, y + 3, page)
            start = x + indent + canv.stringWidth(title, style.fontName, style.fontSize) + 6
            end = x + width - canv.stringWidth(page, *page_font) - 6
            if end > start:
                canv.setStrokeColor(st.RULE)
                canv.setLineWidth(0.6)
                canv.setDash(0.6, 2.4)
                canv.line(start, y + 3, end, y + 3)
                canv.setDash()
            y = entry_top - step
            canv.linkRect("", key, (x, y, x + width, entry_top), relative=0, thickness=0)
        canv.restoreState()


class PackDocTemplate(BaseDocTemplate):
    """Portrait and landscape pages with the same furniture; headings feed the contents and outline."""

    def __init__(
        self,
        filename: str,
        *,
        furniture: Furniture,
        title: str,
        author: str,
        subject: str,
        keywords: list[str],
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
        first_template: str = "portrait",
    ) -> None:
        super().__init__(
            filename, pagesize=st.PORTRAIT, title=title, author=author, subject=subject,
            keywords=keywords, creator="boardapp", lang="en-GB", leftMargin=st.MARGIN_X,
            rightMargin=st.MARGIN_X, topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM,
            allowSplitting=1,
        )
        self.furniture = furniture
        #: (paper id, page index) → the pack page kept for it.
        self.paper_slots: dict[tuple[int, int], int] = {}
        self.outline_plan: list[tuple[int, str, str]] = []
        self._progress = progress
        self._cancelled = cancelled
        self._flowable_total = 1
        self._last_percent = -1
        templates = [self._template("portrait", st.PORTRAIT), self._template("landscape", st.LANDSCAPE)]
        templates.sort(key=lambda t: t.id != first_template)
        self.addPageTemplates(templates)
        self.setProgressCallBack(self._on_progress)

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        width, height = size
        frame = Frame(
            st.MARGIN_X, st.MARGIN_BOTTOM, width - 2 * st.MARGIN_X, height - st.MARGIN_TOP - st.MARGIN_BOTTOM,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{name}-body",
        )
        return PageTemplate(id=name, frames=[frame], pagesize=size,
                            onPage=lambda canv, _doc: draw_furniture(canv, self.furniture))

    def canvas_maker(self, *args: Any, **kwargs: Any) -> PackCanvas:
        return PackCanvas(*args, furniture=self.furniture, outline=self.outline_plan, **kwargs)

    def filterFlowables(self, flowables: list[Any]) -> None:  # noqa: N802
        """A table chunk that starts a page gets the header row; check for cancel."""
        if self._cancelled is not None and self._cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        first = flowables[0] if flowables else None
        if isinstance(first, PackTable) and not first._has_header and getattr(self.frame, "_atTop", 0):
            flowables[0] = PackTable(first._spec, first._rows, header=True)
        header = getattr(first, "repeat_header", None)
        if header is not None and getattr(self.frame, "_atTop", 0):
            flowables.insert(0, header())

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        slot = getattr(flowable, "paper_slot", None)
        if slot is not None:  # a page kept for a paper's page, filled in after layout
            self.paper_slots[slot] = self.page
            return
        key = getattr(flowable, "outline_key", None)
        if key:
            # the bookmark opens at the flowable itself (its top), not wherever the viewer last was on the page
            height = getattr(flowable, "height", None) or getattr(flowable, "_height", 0) or 0
            top = self.frame._y + flowable.getSpaceAfter() + height + 6
            self.canv.bookmarkPage(key, fit="XYZ", top=min(top, self.canv._pagesize[1]), left=0)
            if isinstance(self.canv, PackCanvas):
                self.canv.key_pages[key] = self.page
            self.notify("TOCEntry", (flowable.outline_level, flowable.outline_title, self.page, key))

    def add_page_template(self, name: str, size: tuple[float, float]) -> None:
        """Another page size (a merged paper's), with the same furniture."""
        if name not in {t.id for t in self.pageTemplates}:
            self.addPageTemplates([self._template(name, size)])

    def _on_progress(self, kind: str, value: int) -> None:
        if self._progress is None:
            return
        if kind == "SIZE_EST":
            self._flowable_total = max(1, value)
        elif kind == "PROGRESS":
            percent = 15 + int(75 * value / self._flowable_total)
            if percent != self._last_percent:
                self._last_percent = percent
                self._progress(percent, f"Laying out page {self.page}")
