"""Freeze the first columns of a table (e.g. Ref and Title) so they stay on screen when it scrolls sideways.

A register with ten columns whose headers are never clipped is wider than a 1280-pixel
window; scrolling right used to take the Ref and Title away, leaving rows nobody could
name. ``FrozenColumns`` lays a second QTableView over the left edge of the table, on the
same model and selection model, showing only the frozen columns (the pattern of Qt's
"Frozen Column" example). It follows the table's scrolling, row heights, column widths,
sort order and delegates; the frozen columns cannot be dragged away from the left, and
keyboard moves scroll so the current cell is never hidden under them.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QTableView


class FrozenColumns(QObject):
    """Keeps ``columns`` (logical indexes, shown first in this order) of ``table`` always visible."""

    def __init__(self, table: QTableView, columns: Sequence[int]) -> None:
        super().__init__(table)
        self.table = table
        self.columns = tuple(columns)
        view = self.view = QTableView(table)
        view.setObjectName("frozenColumns")
        view.setAccessibleName(f"{table.accessibleName()}: columns kept in view")
        view.setModel(table.model())
        view.setSelectionModel(table.selectionModel())
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setSelectionBehavior(table.selectionBehavior())
        view.setSelectionMode(table.selectionMode())
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(table.alternatingRowColors())
        view.setWordWrap(table.wordWrap())
        view.verticalHeader().hide()
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setFrameShape(QTableView.Shape.NoFrame)
        view.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        header.setAccessibleName(f"{table.horizontalHeader().accessibleName() or 'Columns'} (kept in view)")
        view.verticalHeader().setAccessibleName("Rows")
        corner = view.findChild(QAbstractButton)
        if corner is not None:
            corner.setAccessibleName("Select all")
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(table.horizontalHeader().isSortIndicatorShown())
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.viewport().stackUnder(view)
        for column in self.columns:
            delegate = table.itemDelegateForColumn(column)
            if delegate is not None:
                view.setItemDelegateForColumn(column, delegate)

        main = table.horizontalHeader()
        main.sectionResized.connect(self._main_resized)
        main.sectionMoved.connect(lambda *_: self._keep_first())
        main.sortIndicatorChanged.connect(lambda column, order: header.setSortIndicator(column, order))
        header.sectionClicked.connect(self._sort_by)
        header.sectionResized.connect(self._frozen_resized)
        header.customContextMenuRequested.connect(
            lambda pos: main.customContextMenuRequested.emit(main.mapFromGlobal(header.mapToGlobal(pos))))
        view.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.doubleClicked.connect(table.doubleClicked)
        view.pressed.connect(lambda _index: table.setFocus(Qt.FocusReason.MouseFocusReason))
        model = table.model()
        model.modelReset.connect(self.sync)
        model.layoutChanged.connect(self.sync)
        table.installEventFilter(self)
        self._keep_first()
        self.sync()
        view.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self._place()
        return False

    def width(self) -> int:
        """Pixels the frozen columns cover."""
        return sum(self.table.columnWidth(c) for c in self.columns if not self.table.isColumnHidden(c))

    def sync(self) -> None:
        """Show exactly the frozen columns, as wide as in the table, in the right place."""
        view, table = self.view, self.table
        for column in range(table.model().columnCount()):
            view.setColumnHidden(column, column not in self.columns or table.isColumnHidden(column))
            if column in self.columns:
                view.setColumnWidth(column, table.columnWidth(column))
        main = table.horizontalHeader()
        view.horizontalHeader().setSortIndicator(main.sortIndicatorSection(), main.sortIndicatorOrder())
        view.horizontalHeader().setFixedHeight(main.height())
        self._place()

    def _place(self) -> None:
        table = self.table
        frame = table.frameWidth()
        self.view.setGeometry(table.verticalHeader().width() + frame, frame, self.width(),
                              table.viewport().height() + table.horizontalHeader().height())
        self.view.horizontalHeader().setFixedHeight(table.horizontalHeader().height())
        self.view.verticalScrollBar().setValue(table.verticalScrollBar().value())

    def _keep_first(self) -> None:
        """The frozen columns stay first, in order, whatever the user drags."""
        main = self.table.horizontalHeader()
        blocked = main.blockSignals(True)
        try:
            for position, column in enumerate(self.columns):
                if main.visualIndex(column) != position:
                    main.moveSection(main.visualIndex(column), position)
        finally:
            main.blockSignals(blocked)

    def _main_resized(self, column: int, _old: int, new: int) -> None:
        if column in self.columns:
            self.view.setColumnWidth(column, new)
            self._place()

    def _frozen_resized(self, column: int, _old: int, new: int) -> None:
        if column in self.columns and self.table.columnWidth(column) != new and new > 0:
            self.table.setColumnWidth(column, new)

    def _sort_by(self, column: int) -> None:
        main = self.table.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = (Qt.SortOrder.DescendingOrder if main.sortIndicatorSection() == column
                 and main.sortIndicatorOrder() == ascending else ascending)
        self.table.sortByColumn(column, order)

    def reveal(self, index: QModelIndex) -> None:
        """Scroll sideways so a cell right of the frozen columns is not under them."""
        if not index.isValid() or index.column() in self.columns:
            return
        rect = self.table.visualRect(index)
        if rect.left() < self.width():
            bar = self.table.horizontalScrollBar()
            bar.setValue(bar.value() + rect.left() - self.width())

    def reveal_column(self, column: int) -> None:
        """Scroll sideways so the whole of ``column`` is on screen, right of the frozen columns.

        For a column just switched on, which may otherwise sit off to the right of a narrow
        window; a column wider than the room left shows from its left edge."""
        table = self.table
        if column in self.columns or table.isColumnHidden(column):
            return
        table.updateGeometries()  # the scroll range lags a column just shown (Qt updates it on a timer)
        header = table.horizontalHeader()
        left = header.sectionViewportPosition(column)
        right = left + header.sectionSize(column)
        shift = max(0, right - table.viewport().width())
        if left - shift < self.width():
            shift = left - self.width()
        if shift:
            bar = table.horizontalScrollBar()
            bar.setValue(bar.value() + shift)
