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

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        # Every page starts in the pack's own font: reportlab's default would add Helvetica to each page.
        kwargs["initialFontName"] = st.FONT
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._deferred: dict[int, list[Callable[[Canvas], None]]] = {}
        self._furniture = furniture

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
        pages = self._held_pages
        total = len(pages)
        self._doc.pageCounter = 1
        for number, state in enumerate(pages, start=1):
            self.__dict__.update(state)
            for draw in self._deferred.get(number, ()):
                draw(self)
            self._draw_page_number(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

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


class ContentsFlowable(IndexingFlowable):
    """The contents page: one line per heading with a dotted leader, page number and link."""

    LINE = {0: 17.0, 1: 13.5}

    def __init__(self, state: _ContentsState | None = None, first: int = 0, last: int | None = None) -> None:
        super().__init__()
        self._state = state or _ContentsState([])
        self._first = first
        self._last = last

    def set_expected(self, entries: list[tuple[int, str, str]]) -> None:
        self._state.expected = list(entries)

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
        if self._state.found == self._state.expected:
            return True
        self._state.expected = list(self._state.found)
        return False

    # Flowable protocol ---------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._width = availWidth
        return availWidth, sum(self.LINE[min(level, 1)] for level, _t, _k in self._lines())

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        used, count = 0.0, 0
        for level, _t, _k in self._lines():
            if used + self.LINE[min(level, 1)] > availHeight:
                break
            used += self.LINE[min(level, 1)]
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
            style = st.TOC_LEVEL0 if level == 0 else st.TOC_LEVEL1
            step = self.LINE[min(level, 1)]
            y -= step
            indent = style.leftIndent
            page = str(self._state.pages.get(key, "?"))
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(st.INK)
            title = st.wrap_text(text, width - indent - 60, style.fontName, style.fontSize, max_lines=1)[0]
            canv.drawString(x + indent, y + 3, title)
            canv.drawRightString(x + width, y + 3, page)
            start = x + indent + canv.stringWidth(title, style.fontName, style.fontSize) + 6
            end = x + width - canv.stringWidth(page, style.fontName, style.fontSize) - 6
            if end > start:
                canv.setStrokeColor(st.RULE)
                canv.setLineWidth(0.6)
                canv.setDash(0.6, 2.4)
                canv.line(start, y + 3, end, y + 3)
                canv.setDash()
            canv.linkRect("", key, (x, y, x + width, y + step), relative=0, thickness=0)
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
        return PackCanvas(*args, furniture=self.furniture, **kwargs)

    def filterFlowables(self, flowables: list[Any]) -> None:  # noqa: N802
        """A table chunk that starts a page gets the header row; check for cancel."""
        if self._cancelled is not None and self._cancelled():
            raise PackCancelled("the meeting pack export was cancelled")
        first = flowables[0] if flowables else None
        if isinstance(first, PackTable) and not first._has_header and getattr(self.frame, "_atTop", 0):
            flowables[0] = PackTable(first._spec, first._rows, header=True)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Heading):
            key = flowable.outline_key
            self.canv.bookmarkPage(key, fit="XYZ", top=None, left=None)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=flowable.outline_level,
                                      closed=flowable.outline_level > 0)
            self.notify("TOCEntry", (flowable.outline_level, flowable.outline_title, self.page, key))

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
