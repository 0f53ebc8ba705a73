"""A painted 5×5 risk heat map: counts per (likelihood, impact) cell; a cell filters the register.

Likelihood runs up the side (5 at the top), impact along the bottom, as boards draw it. Each
cell is filled in its rating's colour and shows its score in the corner and its count in the
middle, so nothing depends on colour alone. Choosing a cell (click, or arrows then Space/Enter)
emits ``cell_chosen((likelihood, impact))``; choosing it again, or Esc, clears it (``None``).
"""
from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from boardapp.domain.kpi import risk_rating
from boardapp.ui.common.colours import BRAG_COLOURS, BRAG_WORDS

Cell = tuple[int, int]  # (likelihood, impact)
LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}
_LEFT_AXIS = 96
_BOTTOM_AXIS = 44
_TOP = 8


def cell_text(cell: Cell, count: int) -> str:
    """What a cell says in words (its tooltip and what a screen reader hears)."""
    likelihood, impact = cell
    score = likelihood * impact
    rating = BRAG_WORDS[risk_rating(score).value]
    risks = "no risks" if count == 0 else ("1 risk" if count == 1 else f"{count} risks")
    return (f"Likelihood {likelihood} ({LIKELIHOOD_WORDS[likelihood]}) × impact {impact} "
            f"({IMPACT_WORDS[impact]}) = {score}, {rating}: {risks}")


class RiskHeatMap(QWidget):
    """The heat map; ``set_counts`` fills it, ``cell_chosen`` reports the cell that filters the list."""

    cell_chosen = Signal(object)  # (likelihood, impact), or None when the filter is cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[Cell, int] = {}
        self._chosen: Cell | None = None
        self._cursor: Cell = (3, 3)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setAccessibleName("Risk heat map")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(260, 240)
        self._describe()

    # -- state ----------------------------------------------------------------------------------
    def set_counts(self, counts: Mapping[Cell, int]) -> None:
        self._counts = {cell: n for cell, n in counts.items() if n}
        self._describe()
        self.update()

    def count(self, cell: Cell) -> int:
        return self._counts.get(cell, 0)

    def chosen(self) -> Cell | None:
        return self._chosen

    def cursor(self) -> Cell:
        return self._cursor

    def choose(self, cell: Cell | None) -> None:
        """Set (or clear) the chosen cell and say so with ``cell_chosen``."""
        if cell is not None:
            self._cursor = cell
        if cell == self._chosen:
            self._describe()
            self.update()
            return
        self._chosen = cell
        self._describe()
        self.update()
        self.cell_chosen.emit(cell)

    def toggle(self, cell: Cell) -> None:
        self.choose(None if cell == self._chosen else cell)

    def _describe(self) -> None:
        text = cell_text(self._cursor, self.count(self._cursor))
        chosen = "" if self._chosen is None else f" Filtering the list by likelihood {self._chosen[0]} × impact {self._chosen[1]}."
        self.setAccessibleDescription(
            f"{text}.{chosen} Arrow keys move; Space or Enter filters the list by the cell; Esc clears the filter."
        )

    # -- geometry -------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(380, 340)

    def _grid(self) -> QRectF:
        side = max(50.0, min(self.width() - _LEFT_AXIS - 8, self.height() - _BOTTOM_AXIS - _TOP))
        return QRectF(_LEFT_AXIS, _TOP, side, side)

    def cell_rect(self, cell: Cell) -> QRectF:
        grid = self._grid()
        size = grid.width() / 5
        likelihood, impact = cell
        return QRectF(grid.left() + (impact - 1) * size, grid.top() + (5 - likelihood) * size, size, size)

    def cell_at(self, point: QPoint) -> Cell | None:
        grid = self._grid()
        if not grid.contains(point.toPointF()):
            return None
        size = grid.width() / 5
        impact = min(5, int((point.x() - grid.left()) // size) + 1)
        likelihood = 5 - min(4, int((point.y() - grid.top()) // size))
        return (likelihood, impact)

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(6.5, base.pointSizeF() * 0.8))
        big = QFont(base)
        big.setBold(True)
        big.setPointSizeF(base.pointSizeF() * 1.5)
        ink = self.palette().color(self.foregroundRole())
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                cell = (likelihood, impact)
                rect = self.cell_rect(cell)
                fill, text = BRAG_COLOURS[risk_rating(likelihood * impact).value]
                painter.setPen(QPen(QColor("#ffffff"), 2))
                painter.setBrush(QColor(fill))
                painter.drawRect(rect)
                painter.setPen(QColor(text))
                painter.setFont(small)
                painter.drawText(rect.adjusted(3, 2, -4, -3),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                                 str(likelihood * impact))
                n = self.count(cell)
                if n:
                    painter.setFont(big)
                    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(n))
        if self._chosen is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#111111"), 4))
            painter.drawRect(self.cell_rect(self._chosen).adjusted(2, 2, -2, -2))
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.drawRect(self.cell_rect(self._chosen).adjusted(5, 5, -5, -5))
        if self.hasFocus():
            pen = QPen(QColor("#0b4a8b"), 2, Qt.PenStyle.DashLine)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(pen)
            painter.drawRect(self.cell_rect(self._cursor).adjusted(-1, -1, 1, 1))
        painter.setPen(ink)
        painter.setFont(small)
        grid = self._grid()
        size = grid.width() / 5
        for likelihood in range(1, 6):
            rect = self.cell_rect((likelihood, 1))
            label = QRect(0, int(rect.top()), _LEFT_AXIS - 6, int(rect.height()))
            painter.drawText(label, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             f"{likelihood} {LIKELIHOOD_WORDS[likelihood]}")
        for impact in range(1, 6):
            rect = self.cell_rect((1, impact))
            label = QRect(int(rect.left()), int(grid.bottom()) + 2, int(size), 30)
            painter.drawText(label, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             f"{impact}\n{IMPACT_WORDS[impact]}")
        bold = QFont(small)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRect(int(grid.left()), int(grid.bottom()) + 30, int(grid.width()), 16),
                         int(Qt.AlignmentFlag.AlignHCenter), "Impact →")
        painter.save()
        painter.translate(10, grid.center().y())
        painter.rotate(-90)
        painter.drawText(QRect(-60, -8, 120, 16), int(Qt.AlignmentFlag.AlignCenter), "Likelihood →")
        painter.restore()
        painter.end()

    # -- input ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.toggle(cell)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        likelihood, impact = self._cursor
        key = event.key()
        moves = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if key in moves:
            dl, di = moves[key]  # type: ignore[index]
            self._cursor = (min(5, max(1, likelihood + dl)), min(5, max(1, impact + di)))
            self._describe()
            self.update()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle(self._cursor)
        elif key == Qt.Key.Key_Escape and self._chosen is not None:
            self.choose(None)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), cell_text(cell, self.count(cell)) + "\nClick to show only these.",
                                  self)
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
