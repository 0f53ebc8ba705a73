"""Reading the DfE's published statistics: an Explore Education Statistics (EES) data CSV and the
statistical-neighbour groupings CSV. Pure: text in, plain values out (no database).

An EES data file is "tidy": one row per time period and geography, the geography in fixed columns
(``time_period``, ``time_identifier``, ``geographic_level`` National / Regional / Local authority,
``region_name``, ``old_la_code`` three digits, ``new_la_code``, ``la_name`` …) and then one column
per indicator. Suppressed figures are written as marks (``c`` confidential, ``x`` not available,
``z`` not applicable, ``u`` low reliability, ``low``) or left blank: all read as "not published",
never as zero.

The neighbour file has a row per council: ``LA num``, ``LA Name``, … then ``SN1``, ``SNP``, ``SN2``,
``SNP`` … ``SN10``, ``SNP`` (each neighbour's LA number followed by a closeness word, so the ``SNP``
header repeats), and lines may end with a trailing comma.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from boardapp.exchange.csv_reader import MAX_FIELD, decode
from boardapp.exchange.safety import ImportRefused

#: The columns that say which period and which geography a row is about (everything else is an indicator).
GEOGRAPHY_COLUMNS = frozenset({
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
    "region_name", "old_la_code", "new_la_code", "la_name", "lad_code", "lad_name", "opportunity_area_code",
    "opportunity_area_name", "local_enterprise_partnership_code", "local_enterprise_partnership_name",
    "pcon_code", "pcon_name", "english_devolved_area_code", "english_devolved_area_name",
    "school_laestab", "school_urn", "school_name", "provider_ukprn", "provider_name", "ward_code", "ward_name",
    "rsc_region_lead_name", "lsip_code", "lsip_name",
})
REQUIRED_COLUMNS = ("time_period", "time_identifier", "geographic_level", "region_name", "old_la_code")
#: The DfE's suppression marks (and the symbols older files use): "not published", never zero.
SUPPRESSION_MARKS = frozenset({"", "c", "x", "z", "u", "low", ":", "..", "-", "~", "*", "n/a", "na"})

NATIONAL = "national"
REGIONAL = "regional"
LOCAL_AUTHORITY = "local authority"

_LA_CODE = re.compile(r"^\d{3}$")


def normalise_la_code(text: str) -> str:
    """A three-digit old LA code as written ("330", "330.0", " 330 ")."""
    cleaned = (text or "").strip()
    if cleaned.endswith(".0"):
        cleaned = cleaned[:-2]
    return cleaned.zfill(3) if cleaned.isdigit() and len(cleaned) <= 3 else cleaned


def is_la_code(text: str) -> bool:
    return bool(_LA_CODE.match(text))


def parse_figure(text: str) -> float | None:
    """A published figure ("17.6", "1,234", "12%"), or None for a suppression mark or a blank.

    ValueError for anything else, so the caller can name the cell."""
    cleaned = (text or "").strip()
    if cleaned.lower() in SUPPRESSION_MARKS:
        return None
    cleaned = cleaned.replace(",", "").rstrip("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a number or a DfE suppression mark") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{text!r} is not a number")
    return value


@dataclass(frozen=True, slots=True)
class Period:
    """An EES period: its text as boards write it ("2023-24", "2023", "2023-24 Q1") and the day it ends."""

    text: str
    end: date | None


_QUARTER = re.compile(r"\bQ([1-4])\b", re.IGNORECASE)
_QUARTER_END = {1: (6, 30), 2: (9, 30), 3: (12, 31), 4: (3, 31)}  # of a financial year


def parse_period(time_period: str, time_identifier: str) -> Period:
    """``time_period`` and ``time_identifier`` of an EES row as one period.

    Six digits are a two-year period (``202324`` → "2023-24", a financial year ending 31 March 2024,
    an academic year ending 31 August 2024); four digits a year (a reporting year of the children's
    social care collections ends 31 March, a calendar year 31 December). A quarter adds "Q1".."Q4".
    """
    raw = (time_period or "").strip()
    identifier = (time_identifier or "").strip()
    lower = identifier.lower()
    quarter = _QUARTER.search(identifier)
    if len(raw) == 6 and raw.isdigit():
        first, second = int(raw[:4]), int(raw[:2] + raw[4:])
        text = f"{raw[:4]}-{raw[4:]}"
        end: date | None = date(second, 8, 31) if "academic" in lower else date(second, 3, 31)
        if quarter and "academic" not in lower:
            q = int(quarter.group(1))
            month, day = _QUARTER_END[q]
            end = date(first if q < 4 else second, month, day)
    elif len(raw) == 4 and raw.isdigit():
        year = int(raw)
        text = raw
        end = date(year, 12, 31) if "calendar" in lower else date(year, 3, 31)
        if quarter:
            q = int(quarter.group(1))
            end = date(year, (q * 3), 30 if q in (2, 3) else 31)
    else:
        return Period(raw or "(no period)", None)
    if quarter:
        text = f"{text} Q{quarter.group(1)}"
    return Period(text, end)


@dataclass(frozen=True, slots=True)
class EesRow:
    period: Period
    level: str  # national / regional / local authority (lower case)
    region_name: str
    la_code: str
    new_la_code: str
    la_name: str
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class EesTable:
    """An EES data file: its indicator columns and its rows (National, Regional and Local authority only)."""

    name: str
    columns: tuple[str, ...]
    indicators: tuple[str, ...]
    rows: tuple[EesRow, ...]
    warnings: tuple[str, ...] = ()

    def la_names(self) -> dict[str, str]:
        """Old LA code → name, for every council in the file."""
        return {r.la_code: r.la_name for r in self.rows if r.level == LOCAL_AUTHORITY and r.la_code}

    def resolve_la(self, code: str) -> str | None:
        """The three-digit code for ``code`` (an old LA code, or a new one such as E06000047), or None."""
        wanted = code.strip().upper()
        normalised = normalise_la_code(wanted)
        for r in self.rows:
            if r.level == LOCAL_AUTHORITY and (r.la_code == normalised or (wanted and r.new_la_code.upper() == wanted)):
                return r.la_code
        return None


def _read_text(source: Path | str, name: str | None = None) -> tuple[str, str]:
    if isinstance(source, Path):
        if not source.exists():
            raise ImportRefused(f"{source} does not exist")
        if not source.is_file():
            raise ImportRefused(f"{source} is not a file")
        return decode(source.read_bytes(), source.name), source.name
    text = source[1:] if source.startswith("\ufeff") else source
    return text, name or "the file"


def _csv_rows(text: str) -> list[list[str]]:
    csv.field_size_limit(MAX_FIELD)
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportRefused(f"cannot read the CSV: {exc}") from None


def read_ees_csv(source: Path | str, *, name: str | None = None) -> EesTable:
    """An EES data CSV (a path, or its text); ImportRefused naming what is missing if it is not one."""
    text, file_name = _read_text(source, name)
    lines = _csv_rows(text)
    if not lines:
        raise ImportRefused(f"{file_name} is empty")
    header = [h.strip() for h in lines[0]]
    while header and not header[-1]:
        header.pop()
    lowered = [h.lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in lowered]
    if missing:
        raise ImportRefused(f"{file_name} is not an Explore Education Statistics data file: it has no "
                            f"{', '.join(missing)} column{'s' if len(missing) > 1 else ''}")
    index = {h: i for i, h in reversed(list(enumerate(lowered)))}
    indicators = tuple(h for h, low in zip(header, lowered) if h and low not in GEOGRAPHY_COLUMNS)
    if not indicators:
        raise ImportRefused(f"{file_name} has no indicator columns after its time and geography columns")

    def cell(values: list[str], column: str) -> str:
        i = index.get(column)
        return values[i].strip() if i is not None and i < len(values) else ""

    rows: list[EesRow] = []
    warnings: list[str] = []
    for number, values in enumerate(lines[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        level = " ".join(cell(values, "geographic_level").lower().split())
        if level not in (NATIONAL, REGIONAL, LOCAL_AUTHORITY):
            continue
        cells = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header) if h in indicators}
        rows.append(EesRow(
            period=parse_period(cell(values, "time_period"), cell(values, "time_identifier")), level=level,
            region_name=cell(values, "region_name"), la_code=normalise_la_code(cell(values, "old_la_code")),
            new_la_code=cell(values, "new_la_code"), la_name=cell(values, "la_name"), line=number, cells=cells,
        ))
    if not rows:
        raise ImportRefused(f"{file_name} has no National, Regional or Local authority rows")
    return EesTable(file_name, tuple(header), indicators, tuple(rows), tuple(warnings))


@dataclass(frozen=True)
class NeighbourGroups:
    """Each council's statistical neighbours (old LA codes, closest first)."""

    name: str
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


_SN = re.compile(r"^sn\s*(\d{1,2})$")


def _squash(text: str) -> str:
    return " ".join(text.strip().lower().replace("\ufeff", "").split())


def read_neighbours_csv(source: Path | str, *, name: str | None = None) -> NeighbourGroups:
    """The DfE statistical-neighbour groupings CSV; ImportRefused if there is no ``LA num`` / ``SN1`` heading row."""
    text, file_name = _read_text(source, name)
    lines = _csv_rows(text)
    header_at = next((i for i, line in enumerate(lines[:30])
                      if any(_squash(c) in ("la num", "la number", "la code") for c in line)
                      and any(_SN.match(_squash(c)) for c in line)), None)
    if header_at is None:
        raise ImportRefused(f"{file_name} is not a statistical-neighbour file: no heading row with 'LA num' and 'SN1'")
    header = [_squash(c) for c in lines[header_at]]
    la_column = next(i for i, c in enumerate(header) if c in ("la num", "la number", "la code"))
    name_column = next((i for i, c in enumerate(header) if c in ("la name", "la_name", "local authority")), None)
    positions: list[tuple[int, int]] = []
    for i, c in enumerate(header):
        found = _SN.match(c)
        if found and 1 <= int(found.group(1)) <= 10:
            positions.append((int(found.group(1)), i))
    positions.sort()
    groups: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    for values in lines[header_at + 1:]:
        code = normalise_la_code(values[la_column]) if la_column < len(values) else ""
        if not is_la_code(code):
            continue
        neighbours = []
        for _, i in positions:
            neighbour = normalise_la_code(values[i]) if i < len(values) else ""
            if is_la_code(neighbour) and neighbour != code:
                neighbours.append(neighbour)
        groups[code] = tuple(neighbours)
        if name_column is not None and name_column < len(values):
            names[code] = values[name_column].strip()
    if not groups:
        raise ImportRefused(f"{file_name} has no councils under its 'LA num' heading")
    return NeighbourGroups(file_name, groups, names)
