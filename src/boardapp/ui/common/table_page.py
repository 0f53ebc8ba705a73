"""What the read-only pages share: a heading, tables over RowTableModel, lazy loading.

A page loads when it is first shown and again after the workspace changes (only
if it is visible then; otherwise on its next show), so start-up never pays for
pages nobody has opened.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from boardapp.ui.common.row_table_model import Column, RowTableModel

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext


def make_table(name: str, columns: Sequence[Column[Any]], parent: QWidget | None = None) -> tuple[QTableView, RowTableModel[Any]]:
    """A sortable, read-only table view over a fresh RowTableModel."""
    view = QTableView(parent)
    view.setAccessibleName(name)
    model: RowTableModel[Any] = RowTableModel(columns, view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicatorShown(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view, model


def fit_columns(view: QTableView, widths: Sequence[int]) -> None:
    for i, width in enumerate(widths):
        view.setColumnWidth(i, width)


def fit_columns_to_header_and_content(
    view: QTableView, *, stretch: int | None = None, maximum: int = 320, minimums: Mapping[int, int] | None = None,
    maximums: Mapping[int, int] | None = None, sample_rows: int = 300, padding: int = 4,
) -> dict[int, int]:
    """Size every shown column to the wider of its header (with the sort arrow) and its cells.

    Headers such as "Letter published", "Stat. neighbours" or "Likelihood" are never clipped:
    a column is never narrower than its header. Cells are measured on up to ``sample_rows``
    rows (through the delegates, so painted chips count) and a column is capped at ``maximum``
    pixels, or its own cap in ``maximums`` (its header still wins; longer cells elide, the
    tooltip has them); ``minimums`` (column → pixels) keep room for values not yet shown. ``stretch``: the column (e.g. a title) that takes the width left over as the
    view resizes, instead of the last one. Returns the widths set. Call it after the model has
    rows; the user can still resize every column but the stretched one.
    """
    header = view.horizontalHeader()
    model = view.model()
    if model is None:
        return {}
    widths: dict[int, int] = {}
    with _sampling(view, sample_rows):
        for column in range(model.columnCount()):
            if header.isSectionHidden(column):
                continue
            width = _fit_width(view, column, (maximums or {}).get(column, maximum), (minimums or {}).get(column, 0),
                               padding)
            if column != stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                view.setColumnWidth(column, width)
            widths[column] = width
    if stretch is not None and stretch in widths:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return widths


def header_and_content_width(view: QTableView, column: int, *, maximum: int = 320, minimum: int = 0,
                             sample_rows: int = 300, padding: int = 4) -> int:
    """The width ``fit_columns_to_header_and_content`` gives one column (set nothing): e.g. for a
    column switched on after the fit, whose default width was a guess made for another font."""
    with _sampling(view, sample_rows):
        return _fit_width(view, column, maximum, minimum, padding)


def _fit_width(view: QTableView, column: int, cap: int, minimum: int, padding: int) -> int:
    title = view.horizontalHeader().sectionSizeHint(column)  # text, margins and the sort arrow's room already
    model = view.model()
    content = view.sizeHintForColumn(column) + padding if model is not None and model.rowCount() else 0
    return max(title, min(max(content, minimum), cap))


@contextmanager
def _sampling(view: QTableView, sample_rows: int) -> Iterator[None]:
    """sizeHintForColumn looks at ``sample_rows`` rows at most meanwhile."""
    vertical = view.verticalHeader()
    precision = vertical.resizeContentsPrecision()
    vertical.setResizeContentsPrecision(sample_rows)
    try:
        yield
    finally:
        vertical.setResizeContentsPrecision(precision)


def heading(text: str, object_name: str = "pageTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    return label


class TablePage(QWidget):
    """Base of the read-only pages: subclasses build their tables and fill them in ``load``."""

    title = ""
    blurb = ""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(8)
        self.body.addWidget(heading(self.title))
        if self.blurb:
            about = QLabel(self.blurb)
            about.setObjectName("muted")
            about.setWordWrap(True)
            self.body.addWidget(about)
        self.build()
        ctx.workspace_changed.connect(self.mark_stale)

    def build(self) -> None:
        """Create the tables and widgets (called once)."""
        raise NotImplementedError

    def load(self, session: "Session") -> None:
        """Fill the tables from the read services."""
        raise NotImplementedError

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        with self.ctx.session() as session:
            self.load(session)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()


def select_first(view: QTableView) -> None:
    """Select the first row (so detail panes show something)."""
    model = view.model()
    if model is not None and model.rowCount() > 0:
        view.selectRow(0)
        view.scrollTo(model.index(0, 0))


def align_right() -> Qt.AlignmentFlag:
    return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
