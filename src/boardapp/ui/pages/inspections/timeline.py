"""The inspection timeline: every inspection and visit as a station on a line, oldest left.

Painted (QPainter), one card per inspection: its number, days on site, focus, status, letter and,
for an ILACS, the grade per judgement area. Stations are evenly spaced (visits months apart
would otherwise crowd); the gap between two is written on the line, and a marker shows where
"today" falls. Click a card (or use the arrow keys and Enter) to choose that inspection.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from boardapp.domain.enums import Grade, InspectionStatus
from boardapp.services.inspections.queries import InspectionListRow

CARD_WIDTH_MIN = 116
GAP = 10
LINE_Y = 14
TODAY_STRIP = 16  # below the cards: where "today" is written
GRADED_WEIGHT = 1.6
_STATUS_FILL = {
    InspectionStatus.COMPLETED.value: "#1f3a5f",
    InspectionStatus.SCHEDULED.value: "#1d70b8",
    InspectionStatus.EXPECTED.value: "#ffffff",
    InspectionStatus.CANCELLED.value: "#b1b4b6",
}
_GRADE_COLOUR = {
    Grade.OUTSTANDING.value: "#1f4e9c", Grade.GOOD.value: "#1e6b34", Grade.REQUIRES_IMPROVEMENT.value: "#f2b01e",
    Grade.INADEQUATE.value: "#b3261e",
}
_AREA_SHORT = {
    "LEADERS": "Leaders", "HELP_AND_PROTECTION": "Help & protection", "CHILDREN_IN_CARE": "Children in care",
    "CARE_LEAVERS": "Care leavers", "OVERALL": "Overall",
}
_GRADE_SHORT = {"OUTSTANDING": "Outstanding", "GOOD": "Good", "REQUIRES_IMPROVEMENT": "Requires improvement",
                "INADEQUATE": "Inadequate"}


def _gap_text(a: date, b: date) -> str:
    months = round((b - a).days / 30.44)
    return f"{months} mo" if months >= 1 else f"{(b - a).days} d"


def _dates(row: InspectionListRow) -> str:
    if row.start_date == row.end_date:
        return f"{row.start_date:%d/%m/%Y}"
    if (row.start_date.year, row.start_date.month) == (row.end_date.year, row.end_date.month):
        return f"{row.start_date:%d}–{row.end_date:%d/%m/%Y}"
    return f"{row.start_date:%d/%m}–{row.end_date:%d/%m/%Y}"


def card_lines(row: InspectionListRow) -> list[str]:
    """The text of a card, line by line (also its accessible description)."""
    if row.status == InspectionStatus.COMPLETED:
        letter = f"Letter {row.published_date:%d/%m/%Y}" if row.letter_published and row.published_date else (
            "Letter published" if row.letter_published else "Letter not published")
    else:
        letter = ""
    status = InspectionStatus(row.status).label + (" (deleted)" if row.deleted else "")
    lines = [row.short_label, _dates(row), row.focus_area or "Focus not yet known", status]
    if letter:
        lines.append(letter)
    lines += [f"{_AREA_SHORT.get(g.area, g.area)}: {_GRADE_SHORT.get(g.grade, g.grade)}" for g in row.grades]
    return lines


class InspectionTimeline(QWidget):
    """The painted timeline; ``chosen(inspection id)`` when a card is clicked or Enter is pressed."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Inspection timeline")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._rows: list[InspectionListRow] = []
        self._today: date | None = None
        self._current: int | None = None
        self._hover: int | None = None
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    # -- data -----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[InspectionListRow], today: date) -> None:
        self._rows = sorted(rows, key=lambda r: (r.start_date, r.id))
        self._today = today
        if self._current not in {r.id for r in self._rows}:
            self._current = None
        self.setMinimumWidth(int(sum(self._weights()) * CARD_WIDTH_MIN + (len(self._rows) + 1) * GAP))
        self.updateGeometry()
        self._describe()
        self.update()

    def rows(self) -> list[InspectionListRow]:
        return list(self._rows)

    def set_current(self, inspection_id: int | None) -> None:
        if inspection_id != self._current:
            self._current = inspection_id
            self._describe()
            self.update()

    def current(self) -> int | None:
        return self._current

    def _describe(self) -> None:
        row = next((r for r in self._rows if r.id == self._current), None)
        self.setAccessibleDescription("; ".join(card_lines(row)) if row else f"{len(self._rows)} inspections")

    # -- geometry -------------------------------------------------------------------------------
    def _line_height(self) -> int:
        return QFontMetrics(self._small).height()

    def sizeHint(self) -> QSize:
        lines = max((len(card_lines(r)) for r in self._rows), default=5) + 1  # focus may wrap to two
        return QSize(max(self.minimumWidth(), 600), LINE_Y + 14 + lines * self._line_height() + 16 + TODAY_STRIP)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _weights(self) -> list[float]:
        """A graded inspection's card is wider: its judgements are written out."""
        return [GRADED_WEIGHT if r.grades else 1.0 for r in self._rows]

    def card_rect(self, index: int) -> QRectF:
        weights = self._weights() or [1.0]
        unit = (self.width() - GAP * (len(weights) + 1)) / sum(weights)
        left = GAP + sum(weights[:index]) * unit + index * GAP
        return QRectF(left, LINE_Y + 10, weights[index] * unit, self.height() - LINE_Y - 12 - TODAY_STRIP)

    def index_at(self, x: float, y: float) -> int | None:
        for i in range(len(self._rows)):
            if self.card_rect(i).adjusted(-GAP / 2, -LINE_Y, GAP / 2, 0).contains(QPointF(x, y)):
                return i
        return None

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if not self._rows:
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), "No inspections recorded yet.")
            return
        rects = [self.card_rect(i) for i in range(len(self._rows))]
        painter.setPen(QPen(QColor("#505a5f"), 2))
        painter.drawLine(QPointF(rects[0].center().x(), LINE_Y), QPointF(rects[-1].center().x(), LINE_Y))
        painter.setFont(self._small)
        metrics = QFontMetrics(self._small)
        for i in range(len(rects) - 1):  # the time between two stations, on the line
            text = _gap_text(self._rows[i].start_date, self._rows[i + 1].start_date)
            middle = (rects[i].center().x() + rects[i + 1].center().x()) / 2
            box = QRectF(middle - metrics.horizontalAdvance(text) / 2 - 3, LINE_Y - metrics.height() / 2,
                         metrics.horizontalAdvance(text) + 6, metrics.height())
            painter.fillRect(box, palette.color(palette.ColorRole.Window))
            painter.setPen(palette.color(palette.ColorRole.WindowText))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        self._paint_today(painter, rects)
        for i, (row, rect) in enumerate(zip(self._rows, rects)):
            self._paint_card(painter, row, rect, i)
        if self.hasFocus() and self._current is not None:
            i = next((k for k, r in enumerate(self._rows) if r.id == self._current), None)
            if i is not None:
                painter.setPen(QPen(QColor("#ffdd00"), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rects[i].adjusted(-2, -2, 2, 2), 6, 6)

    def _paint_today(self, painter: QPainter, rects: list[QRectF]) -> None:
        if self._today is None:
            return
        starts = [r.start_date for r in self._rows]
        after = next((i for i, d in enumerate(starts) if d > self._today), None)
        if after is None:
            x = rects[-1].right() + GAP / 2
        elif after == 0:
            x = rects[0].left() - GAP / 2
        else:
            x = (rects[after - 1].right() + rects[after].left()) / 2
        painter.setPen(QPen(QColor("#d4351c"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, LINE_Y + 8), QPointF(x, self.height() - 2))
        painter.setFont(self._small)
        label = f"Today {self._today:%d/%m/%Y}"
        width = QFontMetrics(self._small).horizontalAdvance(label) + 4
        left = x + 4 if x + 4 + width <= self.width() else x - 4 - width
        painter.setPen(QColor("#d4351c"))
        painter.drawText(QRectF(left, self.height() - TODAY_STRIP, width, TODAY_STRIP),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)

    def _paint_card(self, painter: QPainter, row: InspectionListRow, rect: QRectF, index: int) -> None:
        palette = self.palette()
        selected = row.id == self._current
        fill = QColor("#e8f1f8") if selected else QColor("#f3f2f1") if index == self._hover else palette.color(
            palette.ColorRole.Base)
        border = QColor("#1d70b8") if selected else QColor("#b1b4b6")
        painter.setPen(QPen(border, 2 if selected else 1, Qt.PenStyle.DashLine if row.deleted else Qt.PenStyle.SolidLine))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 5, 5)
        # the station on the line: filled by status (expected: hollow), ILACS a square
        centre = QPointF(rect.center().x(), LINE_Y)
        status_fill = QColor(_STATUS_FILL.get(row.status, "#ffffff"))
        painter.setPen(QPen(QColor("#1f3a5f"), 2, Qt.PenStyle.DotLine if row.status == InspectionStatus.EXPECTED
                            else Qt.PenStyle.SolidLine))
        painter.setBrush(status_fill)
        if row.grades or row.kind in ("ILACS", "RE_INSPECTION"):
            painter.drawRect(QRectF(centre.x() - 6, centre.y() - 6, 12, 12))
        else:
            painter.drawEllipse(centre, 6, 6)
        inner = rect.adjusted(6, 4, -6, -4)
        line_h = self._line_height()
        y = inner.top()
        text_colour = palette.color(palette.ColorRole.Text)
        lines = card_lines(row)
        first_grade = len(lines) - len(row.grades)
        for n, text in enumerate(lines):
            if n == 0:
                painter.setFont(self._bold)
            else:
                painter.setFont(self._small)
            painter.setPen(text_colour)
            metrics = QFontMetrics(painter.font())
            if n == 2:  # the focus: up to two lines
                box = QRectF(inner.left(), y, inner.width(), line_h * 2)
                painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                                 _elide_two_lines(text, metrics, inner.width()))
                y += line_h * 2
                continue
            if n >= first_grade:  # a grade: its colour beside its words
                grade = row.grades[n - first_grade]
                painter.setBrush(QColor(_GRADE_COLOUR.get(grade.grade, "#777777")))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRect(QRectF(inner.left(), y + line_h / 2 - 4, 8, 8))
                painter.setPen(text_colour)
                painter.drawText(QRectF(inner.left() + 12, y, inner.width() - 12, line_h),
                                 int(Qt.AlignmentFlag.AlignLeft), metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                                      int(inner.width() - 12)))
            else:
                painter.drawText(QRectF(inner.left(), y, inner.width(), line_h), int(Qt.AlignmentFlag.AlignLeft),
                                 metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width())))
            y += line_h + (2 if n == 0 else 0)
            if y > inner.bottom():
                break

    # -- input ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().x(), event.position().y())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._choose(index)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().x(), event.position().y())
        if index != self._hover:
            self._hover = index
            self.setToolTip("\n".join(card_lines(self._rows[index])) if index is not None else "")
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: object) -> None:  # noqa: N802
        self._hover = None
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._rows:
            return super().keyPressEvent(event)
        ids = [r.id for r in self._rows]
        at = ids.index(self._current) if self._current in ids else -1
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._choose(max(0, at - 1))
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._choose(min(len(ids) - 1, at + 1))
        elif key == Qt.Key.Key_Home:
            self._choose(0)
        elif key == Qt.Key.Key_End:
            self._choose(len(ids) - 1)
        else:
            super().keyPressEvent(event)

    def _choose(self, index: int) -> None:
        row = self._rows[index]
        self.set_current(row.id)
        self.chosen.emit(row.id)


def _elide_two_lines(text: str, metrics: QFontMetrics, width: float) -> str:
    """Word-wrap into at most two lines, the second elided."""
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first and words:  # one long word
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width))
    rest = " ".join(words)
    return first + ("\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, int(width)) if rest else "")
