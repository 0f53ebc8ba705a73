"""Fields whose minimum width is worked out from the texts they must show whole, in their own font.

Qt's own minimums are either too small (a line edit's is a few characters) or too large (a combo
set to a minimum contents length asks for it even when it only shows "All themes"). These say what
must fit, and leave the layout to give them more when there is room. Measured when asked, so a
larger font or a style sheet's padding is counted.
"""
from __future__ import annotations

from collections.abc import Iterable
from math import ceil

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyle, QStyleOptionComboBox, QStyleOptionFrame, QWidget


class FittedCombo(QComboBox):
    """A combo at least as wide as its ``fit`` texts (its fixed choices, e.g. "All owners") and its placeholder; longer
    choices (a person's name) are shown whole where the line has room, elided where it has not."""

    def __init__(self, fit: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fit = tuple(fit)

    def set_fit_texts(self, texts: Iterable[str]) -> None:
        self._fit = tuple(texts)
        self.updateGeometry()

    def fitted_width(self) -> int:
        """The width that shows the widest ``fit`` text whole (as QComboBox works out its size hint)."""
        self.ensurePolished()  # a style sheet's font and padding, before they are measured
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        # the placeholder too: it is what the combo shows for several choices at once ("Several statuses")
        texts = (*self._fit, self.placeholderText())
        text = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        contents = QSize(text, max(ceil(metrics.height()), 14) + 2)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, self).width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(self.fitted_width(), hint.height()) if self._fit else hint

    def sizeHint(self) -> QSize:  # noqa: N802
        return super().sizeHint().expandedTo(self.minimumSizeHint())


class SearchField(QLineEdit):
    """A search box never narrower than its placeholder (beside the clear button) or ``chars`` average
    characters: narrower, it shows too little of a query to be worth having."""

    def __init__(self, parent: QWidget | None = None, *, chars: int = 30) -> None:
        super().__init__(parent)
        self._chars = chars

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()  # polishes: the style sheet's font is the one measured
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(self.placeholderText()), metrics.averageCharWidth() * self._chars)
        margins = self.textMargins()
        width = text + margins.left() + margins.right() + 4  # QLineEdit's 2 px either side of the text
        if self.isClearButtonEnabled():  # the clear button's room, as QLineEdit reserves it
            icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self)
            width += icon + 6 + icon // 4
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, QSize(width, hint.height()), self)
        return QSize(size.width(), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return super().sizeHint().expandedTo(self.minimumSizeHint())
