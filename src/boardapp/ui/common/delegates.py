"""Painted cells of the register: the BRAG chip (colour AND word) and a progress bar."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex


def _paint_base(painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> QStyleOptionViewItem:
    """Draw the cell's background and selection/focus as the style would, without the text."""
    opt = QStyleOptionViewItem(option)
    QStyledItemDelegate().initStyleOption(opt, index)
    opt.text = ""
    opt.backgroundBrush = QColor(0, 0, 0, 0)  # the chip carries the colour, not the cell
    style = opt.widget.style() if opt.widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
    return opt


class BragDelegate(QStyledItemDelegate):
    """A rounded chip in the BRAG colour with its word on it ("Red", "Amber"…): never colour alone."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        _paint_base(painter, option, index)
        word = index.data(Qt.ItemDataRole.DisplayRole) or ""
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if not word:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        width = min(option.rect.width() - 8, metrics.horizontalAdvance(word) + 20)
        height = min(option.rect.height() - 6, metrics.height() + 4)
        chip = QRectF(0, 0, width, height)
        chip.moveCenter(QRectF(option.rect).center())
        fill = QColor(background) if background is not None else QColor("#cccccc")
        painter.setPen(QPen(fill.darker(130), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, height / 2, height / 2)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(foreground) if foreground is not None else QColor("#000000"))
        painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), word)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        word = index.data(Qt.ItemDataRole.DisplayRole) or ""
        return QSize(option.fontMetrics.horizontalAdvance(word) + 32, option.fontMetrics.height() + 10)


class ProgressDelegate(QStyledItemDelegate):
    """A thin bar under the percentage: the number stays readable, the bar gives the shape."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = _paint_base(painter, option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        try:
            value = max(0, min(100, int(str(text).rstrip("%"))))
        except ValueError:
            value = 0
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(8, 4, -8, -4)
        bar = QRectF(rect.left(), rect.bottom() - 5, rect.width(), 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#dddddd"))
        painter.drawRoundedRect(bar, 2, 2)
        if value:
            painter.setBrush(QColor("#1d70b8"))
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * value / 100, bar.height()), 2, 2)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = opt.palette.ColorRole.HighlightedText if selected else opt.palette.ColorRole.Text
        painter.setPen(opt.palette.color(role))
        painter.drawText(rect.adjusted(0, 0, 0, -6), int(Qt.AlignmentFlag.AlignCenter), str(text))
        painter.restore()
