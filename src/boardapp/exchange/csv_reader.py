"""Reading a .csv file into SheetData: UTF-8 with or without a BOM, or Windows-1252; comma or semicolon.

Excel on a UK machine saves "CSV UTF-8" (with a BOM) or "CSV" in Windows-1252; on a
machine set to a European locale it separates with semicolons. Every value stays text
(a CSV has no types): the importer reads dates, numbers and refs from the text as written.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from boardapp.exchange.safety import MAX_ROWS, ImportRefused, refuse_unsafe
from boardapp.exchange.sheet_data import SheetData, WorkbookData

#: The longest cell a CSV field may hold (csv's default limit is 128 KB; a tracker cell is far smaller).
MAX_FIELD = 1024 * 1024


def decode(data: bytes, name: str) -> str:
    """The file's text: UTF-8 (BOM or not), else Windows-1252; ImportRefused if it is neither."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportRefused(f"{name} says it is UTF-8 but byte {exc.start + 3} is not") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportRefused(f"{name} is not readable text") from None
    if b"\x00" in data:
        raise ImportRefused(f"{name} is not a spreadsheet or a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRefused(f"{name} is neither UTF-8 nor Windows-1252 text; save it from Excel as 'CSV UTF-8'") from None


def sniff_delimiter(text: str) -> str:
    """Comma or semicolon (or tab): the one that splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t"):
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        common = max(set(wide), key=wide.count)
        score = wide.count(common) * common  # many rows of the same width beat one long row
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path) -> WorkbookData:
    """The file as one sheet, rows numbered by record as Excel numbers them (a quoted cell may span lines)."""
    path = Path(path)
    refuse_unsafe(path)
    text = decode(path.read_bytes(), path.name)
    delimiter = sniff_delimiter(text)
    rows: dict[int, tuple[str | None, ...]] = {}
    previous_limit = csv.field_size_limit(MAX_FIELD)
    number = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            values = tuple(cell if cell.strip() else None for cell in row)
            while values and values[-1] is None:
                values = values[:-1]
            if values:
                rows[number] = values
                if len(rows) > MAX_ROWS:
                    raise ImportRefused(f"{path.name} has more than {MAX_ROWS:,} rows; the importer takes up to {MAX_ROWS:,}")
    except csv.Error as exc:
        raise ImportRefused(f"{path.name} is not a well-formed CSV file (row {number + 1}: {exc})") from None
    finally:
        csv.field_size_limit(previous_limit)
    return WorkbookData(path.name, "csv", (SheetData(name=path.stem, rows=rows),), path.stem)
