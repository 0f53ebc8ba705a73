"""Long action tables that lay out fast and split cleanly with the header repeated.

Why not reportlab's ``Table``: it re-measures and copies the remainder at every page
split (a 5,000-row table costs ~11 s), applies each style command to every cell and
draws every line with its own ``drawString``. Here every cell is plain text wrapped
once with cached word widths (no Paragraphs), row heights are known before layout,
rows come in chunks, and :meth:`PackTable.split` cuts at a row boundary using those
heights, starting the remainder with the header row again.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.platypus import Flowable

from boardapp.pack import styles as st
from boardapp.services.rows import ActionRow

CHUNK_ROWS = 60


@dataclass(frozen=True)
class Column:
    """One column of an action table: header, share of the width, how its text is made."""

    key: str
    title: str
    weight: float
    text: Callable[[ActionRow, date], str]
    max_lines: int = 1


def _due(r: ActionRow, _today: date) -> str:
    if r.revised_due_date and r.revised_due_date != r.due_date:
        return f"{r.due_date:%d/%m/%Y}\nrev. {r.revised_due_date:%d/%m/%Y}"
    return f"{r.due_date:%d/%m/%Y}"


def _days(r: ActionRow, _today: date) -> str:
    if r.status == "COMPLETE":
        return "complete"
    if r.days_left < 0:
        return f"{-r.days_left} days overdue"
    if r.days_left == 0:
        return "due today"
    return f"{r.days_left} days left"


def _update(r: ActionRow, _today: date) -> str:
    if not r.latest_update:
        return "No update recorded"
    when = f"{r.latest_update_date:%d/%m/%Y}: " if r.latest_update_date else ""
    return when + r.latest_update


def _was(r: ActionRow, _today: date) -> str:
    if r.previous_brag is None:
        return "new"
    return st.brag_word(r.previous_brag)


COLUMNS: dict[str, Column] = {c.key: c for c in (
    Column("ref", "Ref", 4.6, lambda r, _t: r.ref),
    Column("title", "Action", 20, lambda r, _t: r.title, max_lines=7),
    Column("owner", "Owner", 10, lambda r, _t: r.owner_name or "Unassigned", max_lines=2),
    Column("theme", "Theme", 12, lambda r, _t: f"{r.theme_code} {r.theme_title}".strip() or "No theme", max_lines=2),
    Column("due", "Due / revised", 10, _due, max_lines=2),
    Column("brag", "BRAG", 5.4, lambda r, _t: st.brag_word(r.brag)),
    Column("was", "Was", 5.4, _was),
    Column("progress", "Progress", 5.6, lambda r, _t: f"{r.progress}%"),
    Column("days", "Days", 8, _days, max_lines=2),
    Column("update", "Latest update", 27, _update, max_lines=9),
    Column("evidence", "Evidence of impact", 24, lambda r, _t: r.evidence_of_impact or "None recorded", max_lines=8),
    # filled per row by the caller (``notes``): e.g. the exception report's other reasons
    Column("also", "Also", 9, lambda _r, _t: "", max_lines=4),
)}

HEADER_HEIGHT = st.TABLE_LEADING + 2 * st.CELL_PAD_Y + 1


@dataclass(frozen=True)
class TableSpec:
    """Columns and widths of one kind of action table (cached: built once per width)."""

    keys: tuple[str, ...]
    widths: tuple[float, ...]

    @property
    def header(self) -> list[str]:
        return [COLUMNS[k].title for k in self.keys]

    @property
    def brag_index(self) -> int | None:
        return self.keys.index("brag") if "brag" in self.keys else None


@lru_cache(maxsize=32)
def table_spec(keys: tuple[str, ...], total_width: float) -> TableSpec:
    weights = [COLUMNS[k].weight for k in keys]
    scale = total_width / sum(weights)
    return TableSpec(keys, tuple(round(w * scale, 2) for w in weights))


@dataclass(frozen=True, slots=True)
class Row:
    """A table row ready to draw: wrapped cell texts, its height and its BRAG."""

    cells: tuple[str, ...]
    height: float
    brag: str


def make_rows(actions: Sequence[ActionRow], spec: TableSpec, today: date,
              notes: dict[int, str] | None = None) -> list[Row]:
    """Wrap every cell once, with cached word widths; the row height follows from the line counts.

    ``notes`` (action id → text) fills the "also" column."""
    pad_x = 2 * st.CELL_PAD_X
    columns = [(COLUMNS[k], w - pad_x) for k, w in zip(spec.keys, spec.widths)]
    rows: list[Row] = []
    lead = st.TABLE_LEADING
    base = 2 * st.CELL_PAD_Y + 1
    for a in actions:
        cells: list[str] = []
        lines = 1
        for column, width in columns:
            value = (notes or {}).get(a.id, "") if column.key == "also" else column.text(a, today)
            wrapped = st.wrap_text(value, width, max_lines=column.max_lines)
            lines = max(lines, len(wrapped))
            cells.append("\n".join(wrapped))
        rows.append(Row(tuple(cells), lines * lead + base, a.brag))
    return rows


class PackTable(Flowable):
    """A chunk of an action table, drawn directly on the canvas.

    reportlab's ``Table`` applies every style command to every cell and draws each
    line with its own ``drawString``; for thousands of rows that dominated the pack's
    time. Here rows arrive wrapped with known heights; the grid is one path, fills are
    rectangles, and the text is one text object per chunk with each distinct string
    encoded once per document. It splits at row boundaries, and the part that goes on
    to the next page starts with the header row again (like ``repeatRows=1``).
    """

    def __init__(self, spec: TableSpec, rows: list[Row], *, header: bool) -> None:
        super().__init__()
        self._spec = spec
        self._rows = rows
        self._has_header = header
        self.width = sum(spec.widths)
        self.height = (HEADER_HEIGHT if header else 0.0) + sum(r.height for r in rows)
        self.hAlign = "LEFT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        used = HEADER_HEIGHT if self._has_header else 0.0
        count = 0
        for row in self._rows:
            if used + row.height > availHeight:
                break
            used += row.height
            count += 1
        if count == 0:
            return []
        if count == len(self._rows):
            return [self]
        return [
            PackTable(self._spec, self._rows[:count], header=self._has_header),
            PackTable(self._spec, self._rows[count:], header=True),
        ]

    def draw(self) -> None:
        canv = self.canv
        widths = self._spec.widths
        lefts = [0.0]
        for w in widths[:-1]:
            lefts.append(lefts[-1] + w)
        brag_col = self._spec.brag_index
        lines: list[tuple[float, tuple[str, ...], bool, str]] = []  # (row top, cells, is header, brag)
        top = self.height
        canv.saveState()
        if self._has_header:
            canv.setFillColor(st.HEADER_FILL)
            canv.rect(0, top - HEADER_HEIGHT, self.width, HEADER_HEIGHT, stroke=0, fill=1)
            lines.append((top, tuple(self._spec.header), True, ""))
            top -= HEADER_HEIGHT
        rules: list[float] = []
        for row in self._rows:
            if brag_col is not None and row.brag in st.BRAG_FILL:
                canv.setFillColor(st.BRAG_FILL[row.brag])
                canv.rect(lefts[brag_col], top - row.height, widths[brag_col], row.height, stroke=0, fill=1)
            lines.append((top, row.cells, False, row.brag))
            top -= row.height
            rules.append(top)
        path = canv.beginPath()
        for y in rules[:-1]:
            path.moveTo(0, y)
            path.lineTo(self.width, y)
        canv.setStrokeColor(st.GRID)
        canv.setLineWidth(0.25)
        canv.drawPath(path, stroke=1, fill=0)
        canv.setStrokeColor(st.RULE)
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        self._draw_text(lines, lefts, brag_col)
        canv.restoreState()

    def _draw_text(self, rows: list[tuple[float, tuple[str, ...], bool, str]], lefts: list[float],
                   brag_col: int | None) -> None:
        """All cell text as one text object, row by row (the reading order), each string encoded once."""
        canv = self.canv
        # Keyed by the TrueType subset current before the line too: reportlab writes a font switch into a
        # line's operators only when the line needs another subset than the current one, so a line
        # formatted after a bold header and replayed after a plain row would carry on in bold.
        cache: dict[tuple[str, str, int], tuple[str, int]] = canv.__dict__.setdefault("_pack_text_cache", {})
        first_line = st.CELL_PAD_Y + st.TABLE_SIZE * 0.93
        text = canv.beginText()
        code = text._code
        current_font = ""
        current_ink: object = None
        for top, cells, is_header, brag in rows:
            font = st.FONT_BOLD if is_header else st.FONT
            if font != current_font:
                text.setFont(font, st.TABLE_SIZE, st.TABLE_LEADING)
                current_font = font
            y = fp_str(top - first_line)
            for col, cell in enumerate(cells):
                if not cell:
                    continue
                if is_header:
                    ink = st.HEADER_INK
                elif col == brag_col and brag in st.BRAG_INK:
                    ink = st.BRAG_INK[brag]
                else:
                    ink = st.INK
                if ink is not current_ink:
                    code.append(_fill_operator(ink))
                    current_ink = ink
                code.append(f"1 0 0 1 {fp_str(lefts[col] + st.CELL_PAD_X)} {y} Tm")
                for line in cell.split("\n"):
                    key = (font, line, text._curSubset)
                    found = cache.get(key)
                    if found is None:
                        found = cache[key] = (text._formatText(line), text._curSubset)
                    formatted, text._curSubset = found
                    code.append(formatted + " T*")
        canv.drawText(text)


_FILL_OPERATORS: dict[int, str] = {}


def _fill_operator(color: Color) -> str:
    """The PDF operator that sets a fill colour (what ``setFillColor`` emits), made once per colour."""
    key = id(color)
    found = _FILL_OPERATORS.get(key)
    if found is None:
        r, g, b = color.rgb()
        found = _FILL_OPERATORS[key] = f"{fp_str(r, g, b)} rg"
    return found


def action_table(
    actions: Sequence[ActionRow], keys: tuple[str, ...], *, width: float, today: date,
    notes: dict[int, str] | None = None,
) -> list[Flowable]:
    """Flowables for an action table: chunks of rows, the first with the header row."""
    spec = table_spec(keys, width)
    rows = make_rows(actions, spec, today, notes)
    return [
        PackTable(spec, rows[i:i + CHUNK_ROWS], header=(i == 0))
        for i in range(0, len(rows), CHUNK_ROWS)
    ]
