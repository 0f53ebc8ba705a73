"""A painted stacked bar chart of BRAG counts per theme (no QtCharts needed).

Every segment carries its number as text and the legend names each colour, so
nothing depends on colour alone. The chart is operable from the keyboard: arrow
keys move between themes and segments, Enter or Space opens the register filtered
to the highlighted theme (and BRAG); a mouse click does the same.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from boardapp.ui.common.colours import BRAG_COLOURS, BRAG_WORDS

ORDER = ("RED", "AMBER", "GREEN", "BLUE")
ROW_HEIGHT = 30
LEGEND_HEIGHT = 28
LABEL_WIDTH = 250
#: After the colour keys; elided when the chart is narrow (the tooltip has it whole).
LEGEND_NOTE = "— number of actions; R A G B = Red, Amber, Green, Blue"


@dataclass(frozen=True)
class ChartRow:
    """One bar: a theme and its counts per BRAG."""

    key: int | None  # theme id
    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.get(b, 0) for b in ORDER)

    def breakdown(self) -> str:
        """The bar in words, drawn beside it: 'R 2 · A 0 · G 6 · B 19 = 27'."""
        return " · ".join(f"{b[0]} {self.counts.get(b, 0)}" for b in ORDER) + f"  = {self.total}"


class BragChart(QWidget):
    """Horizontal stacked bars, one per theme, scaled to the largest theme."""

    #: (theme id or None, BRAG or "" for the whole theme)
    activated = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChartRow] = []
        self._current = (0, -1)  # (row, segment index or -1 for the whole theme)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("BRAG by theme chart")

    def set_rows(self, rows: list[ChartRow]) -> None:
        self._rows = list(rows)
        self._current = (min(self._current[0], max(len(rows) - 1, 0)), self._current[1])
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def rows(self) -> list[ChartRow]:
        return list(self._rows)

    def describe(self) -> str:
        """The chart as words, for screen readers and tooltips."""
        parts = []
        for r in self._rows:
            counts = ", ".join(f"{BRAG_WORDS[b]} {r.counts.get(b, 0)}" for b in ORDER)
            parts.append(f"{r.label}: {counts}; total {r.total}")
        return ". ".join(parts)

    # -- geometry -------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(640, LEGEND_HEIGHT + ROW_HEIGHT * max(len(self._rows), 1) + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def _text_width(self) -> float:
        fm = QFontMetrics(self.font())
        return float(max((fm.horizontalAdvance(r.breakdown()) for r in self._rows), default=0) + 16)

    def _bar_area(self) -> tuple[float, float]:
        left = float(min(LABEL_WIDTH, self.width() * 0.35))
        return left, max(float(self.width()) - left - self._text_width(), 10.0)

    def _segments(self, row: int) -> list[tuple[str, QRectF]]:
        left, width = self._bar_area()
        biggest = max((r.total for r in self._rows), default=0) or 1
        y = LEGEND_HEIGHT + row * ROW_HEIGHT + 4
        x = left
        out = []
        for brag in ORDER:
            n = self._rows[row].counts.get(brag, 0)
            if n:
                w = width * n / biggest
                out.append((brag, QRectF(x, y, w, ROW_HEIGHT - 8)))
                x += w
        return out

    def _hit(self, x: float, y: float) -> tuple[int, int] | None:
        row = int((y - LEGEND_HEIGHT) // ROW_HEIGHT)
        if y < LEGEND_HEIGHT or not 0 <= row < len(self._rows):
            return None
        for i, (_, rect) in enumerate(self._segments(row)):
            if rect.left() <= x <= rect.right():
                return row, i
        return row, -1

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        text = self.palette().windowText().color()
        self._paint_legend(p, fm, text)
        left, _ = self._bar_area()
        for row, r in enumerate(self._rows):
            y = LEGEND_HEIGHT + row * ROW_HEIGHT
            label_rect = QRectF(4, y, left - 12, ROW_HEIGHT)
            p.setPen(text)
            p.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(r.label, Qt.TextElideMode.ElideRight, int(label_rect.width())))
            segments = self._segments(row)
            for i, (brag, rect) in enumerate(segments):
                background, foreground = BRAG_COLOURS[brag]
                p.fillRect(rect, QColor(background))
                p.setPen(QPen(QColor("#ffffff"), 1))
                p.drawLine(rect.topRight(), rect.bottomRight())
                number = str(r.counts[brag])
                if fm.horizontalAdvance(number) + 4 <= rect.width():
                    p.setPen(QColor(foreground))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, number)
            p.setPen(text)
            words = QRectF(self.width() - self._text_width(), y, self._text_width() - 4, ROW_HEIGHT)
            p.drawText(words, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, r.breakdown())
        self._paint_focus(p)
        p.end()

    def _paint_legend(self, p: QPainter, fm: QFontMetrics, text: QColor) -> None:
        x = 4.0
        for brag in ORDER:
            background, _ = BRAG_COLOURS[brag]
            p.fillRect(QRectF(x, 8, 14, 14), QColor(background))
            p.setPen(text)
            word = BRAG_WORDS[brag]
            p.drawText(QRectF(x + 19, 0, fm.horizontalAdvance(word) + 4, LEGEND_HEIGHT), Qt.AlignmentFlag.AlignVCenter, word)
            x += 19 + fm.horizontalAdvance(word) + 18
        room = max(0, int(self.width() - x - 4))
        p.drawText(QRectF(x, 0, room, LEGEND_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(LEGEND_NOTE, Qt.TextElideMode.ElideRight, room))

    def _paint_focus(self, p: QPainter) -> None:
        if not self.hasFocus() or not self._rows:
            return
        row, seg = self._current
        segments = self._segments(row)
        if 0 <= seg < len(segments):
            rect = segments[seg][1].adjusted(-2, -2, 2, 2)
        else:
            rect = QRectF(1, LEGEND_HEIGHT + row * ROW_HEIGHT + 1, self.width() - 2, ROW_HEIGHT - 2)
        p.setPen(QPen(QColor("#000000"), 2, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)

    # -- interaction ----------------------------------------------------------------------------
    def current(self) -> tuple[int, int]:
        return self._current

    def _emit(self, row: int, seg: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        segments = self._segments(row)
        brag = segments[seg][0] if 0 <= seg < len(segments) else ""
        self.activated.emit(self._rows[row].key, brag)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position().x(), event.position().y())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self._current = hit
            self.update()
            self._emit(*hit)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position().x(), event.position().y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        if hit is None:
            if event.position().y() < LEGEND_HEIGHT:
                QToolTip.showText(event.globalPosition().toPoint(), "Red, Amber, Green, Blue " + LEGEND_NOTE, self)
            else:
                QToolTip.hideText()
            return
        row, seg = hit
        r = self._rows[row]
        segments = self._segments(row)
        if 0 <= seg < len(segments):
            brag = segments[seg][0]
            tip = f"{r.label}: {r.counts[brag]} {BRAG_WORDS[brag]} — click to list them"
        else:
            tip = f"{r.label}: {r.total} actions — click to list them"
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._rows:
            super().keyPressEvent(event)
            return
        row, seg = self._current
        key = event.key()
        if key == Qt.Key.Key_Down:
            row = min(row + 1, len(self._rows) - 1)
        elif key == Qt.Key.Key_Up:
            row = max(row - 1, 0)
        elif key == Qt.Key.Key_Right:
            seg = min(seg + 1, len(self._segments(row)) - 1)
        elif key == Qt.Key.Key_Left:
            seg = max(seg - 1, -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._emit(row, seg)
            return
        else:
            super().keyPressEvent(event)
            return
        self._current = (row, min(seg, len(self._segments(row)) - 1))
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)
