"""Search matches marked in a table's cells, and a hint where a row matched on something not shown.

``SearchHighlightDelegate`` paints a cell as the style would, then its text with every
search word on a yellow ground (case-insensitive), so the eye finds why a row is listed.
If the model answers ``hint_role`` for a cell (e.g. "description"), a small grey
"in description" is written at the end of it: the row matched on a column that is not on
screen. Any page with a search box can use it over its own model.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

_Index = QModelIndex | QPersistentModelIndex
MATCH_BACKGROUND = QColor("#ffdd00")  # the GOV.UK focus yellow: readable under black text, also on a selected row
MATCH_FOREGROUND = QColor("#0b0c0c")


def match_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, length) of every occurrence of any word in ``text``, case-insensitive, merged and ordered."""
    spans: list[tuple[int, int]] = []
    for word in words:
        if word:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end - start) for start, end in merged]


class SearchHighlightDelegate(QStyledItemDelegate):
    """Marks the words set by ``set_words`` in each cell's text; ``hint_role`` gives "matched in" hints."""

    def __init__(self, parent: QWidget | None = None, *, hint_role: int | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._hint_role = hint_role

    def set_words(self, text: str) -> None:
        self._words = tuple(text.split())

    def words(self) -> tuple[str, ...]:
        return self._words

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hint = index.data(self._hint_role) if self._hint_role is not None else None
        if not self._words and not hint:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(3, 0, -3, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        try:
            self._paint_text(painter, opt, index, rect, text, hint, selected)
        finally:
            painter.restore()

    def _paint_text(self, painter: QPainter, opt: QStyleOptionViewItem, index: _Index, rect: QRect, text: str,
                    hint: str | None, selected: bool) -> None:
        if hint:
            rect = self._paint_hint(painter, opt, rect, f"in {hint}", selected)
        elided = self._elide_around_match(opt, text, rect.width())
        layout = QTextLayout(elided, opt.font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(max(1, rect.width()))
        layout.endLayout()
        marked = QTextCharFormat()
        marked.setBackground(MATCH_BACKGROUND)
        marked.setForeground(MATCH_FOREGROUND)
        ranges = []
        for start, length in match_spans(elided, self._words):
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = start, length, marked
            ranges.append(span)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if selected:
            painter.setPen(opt.palette.color(opt.palette.ColorRole.HighlightedText))
        else:
            painter.setPen(QColor(foreground) if foreground is not None else opt.palette.color(opt.palette.ColorRole.Text))
        x = float(rect.left())
        if opt.displayAlignment & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - line.naturalTextWidth()
        elif opt.displayAlignment & Qt.AlignmentFlag.AlignHCenter:
            x = rect.left() + (rect.width() - line.naturalTextWidth()) / 2
        y = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(x, y), ranges)

    def _elide_around_match(self, opt: QStyleOptionViewItem, text: str, width: int) -> str:
        """The text elided to ``width``; when the first match would be cut off, the part around it
        ("…the revised threshold do…"), so a match is never hidden by the ellipsis."""
        metrics = opt.fontMetrics
        elided = metrics.elidedText(text, opt.textElideMode, width)
        spans = match_spans(text, self._words)
        if not spans or elided == text:
            return elided
        start, length = spans[0]
        if start + length <= len(elided.rstrip("…")):
            return elided  # the match is in what shows
        window = "…" + text[max(0, start - 12):]
        return metrics.elidedText(window, Qt.TextElideMode.ElideRight, width)

    @staticmethod
    def _paint_hint(painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, hint: str, selected: bool) -> QRect:
        """Write the hint at the right of ``rect`` (small, italic, grey); the room left for the text."""
        font = QFont(opt.font)
        font.setItalic(True)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        painter.setFont(font)
        width = min(painter.fontMetrics().horizontalAdvance(hint) + 6, rect.width() // 2)
        hint_rect = QRect(rect.right() - width, rect.top(), width, rect.height())
        colour = opt.palette.color(opt.palette.ColorRole.HighlightedText) if selected else QColor("#505a5f")
        painter.setPen(colour)
        painter.drawText(hint_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         painter.fontMetrics().elidedText(hint, Qt.TextElideMode.ElideRight, width))
        painter.setFont(opt.font)
        return rect.adjusted(0, 0, -width - 4, 0)
