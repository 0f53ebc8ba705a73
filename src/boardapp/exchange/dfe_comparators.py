"""Working out comparators from the DfE's files: England, the council's region, its statistical
neighbours' mean and the council's own value, per measure and published period.

Pure (files in, a ``ComparatorImport`` out); the command line and File › Import comparators… both
call ``work_out_comparators`` and then the services check the measures and write it.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from boardapp.exchange.dfe_stats import (
    LOCAL_AUTHORITY,
    NATIONAL,
    REGIONAL,
    EesRow,
    EesTable,
    NeighbourGroups,
    Period,
    parse_figure,
    read_ees_csv,
    read_neighbours_csv,
)
from boardapp.services.performance.comparators_write import (
    ComparatorImport,
    ComparatorImportError,
    MeasureComparators,
    PublishedPeriod,
)

#: Decimal places kept of a neighbours' mean (the published figures have one or two).
MEAN_PLACES = 4


def parse_mapping(text: str) -> tuple[str, str]:
    """``MEASURE_CODE=COLUMN`` as (code, column); ValueError if it is not that shape."""
    code, sep, column = text.partition("=")
    if not sep or not code.strip() or not column.strip():
        raise ValueError(f"expected MEASURE_CODE=COLUMN, not {text!r}")
    return code.strip(), column.strip()


def resolve_column(table: EesTable, column: str) -> str:
    """The indicator column named ``column`` (exactly, else ignoring case); ComparatorImportError if none."""
    if column in table.indicators:
        return column
    folded = [c for c in table.indicators if c.lower() == column.lower()]
    if len(folded) == 1:
        return folded[0]
    shown = ", ".join(table.indicators[:12]) + (", …" if len(table.indicators) > 12 else "")
    raise ComparatorImportError(f"unknown column {column!r}: {table.name} has the indicator columns {shown}")


def resolve_la(table: EesTable, code: str) -> str:
    """The council's three-digit LA code as the file has it; ComparatorImportError if the file has no such council."""
    if not code.strip():
        raise ComparatorImportError("no LA code: set the board's DfE LA code (Edit › Board settings) or give --la")
    found = table.resolve_la(code)
    if found is None:
        raise ComparatorImportError(f"unknown LA code {code.strip()!r}: {table.name} has no Local authority row for it")
    return found


def _value(row: EesRow | None, column: str, warnings: list[str], table: EesTable) -> float | None:
    if row is None:
        return None
    try:
        return parse_figure(row.cells.get(column, ""))
    except ValueError as exc:
        warnings.append(f"{table.name} line {row.line}, {column}: {exc}; read as not published")
        return None


def _index(table: EesTable, warnings: list[str]) -> dict[tuple[str, str, str], EesRow]:
    """(period, level, region name or LA code) → the row; a repeated one is named and the first kept."""
    rows: dict[tuple[str, str, str], EesRow] = {}
    for row in table.rows:
        where = "" if row.level == NATIONAL else row.region_name if row.level == REGIONAL else row.la_code
        key = (row.period.text, row.level, where)
        if key in rows:
            if len(warnings) < 50:
                warnings.append(f"{table.name} line {row.line}: a second {row.level} row for "
                                f"{where or 'England'} in {row.period.text}; the first (line {rows[key].line}) is used")
            continue
        rows[key] = row
    return rows


def work_out_comparators(
    table: EesTable, groups: NeighbourGroups | None, la: str, mapping: Sequence[tuple[str, str]], *,
    own: bool = False, source: str | None = None,
) -> ComparatorImport:
    """Each mapped column's comparators for every period the file publishes.

    ``mapping``: (measure code, indicator column) pairs. ComparatorImportError for an unknown column or
    LA code (or an LA missing from the neighbour file), before anything is worked out."""
    if not mapping:
        raise ComparatorImportError("map at least one measure to a column (MEASURE_CODE=COLUMN)")
    columns = [(code, resolve_column(table, column)) for code, column in mapping]
    council = resolve_la(table, la)
    neighbours: tuple[str, ...] = ()
    if groups is not None:
        if council not in groups.groups:
            raise ComparatorImportError(f"unknown LA code {council!r}: {groups.name} lists no neighbours for it")
        neighbours = groups.groups[council]
    warnings: list[str] = []
    index = _index(table, warnings)
    names = table.la_names()
    periods: dict[str, Period] = {}
    for row in table.rows:
        if row.level == NATIONAL or (row.level == LOCAL_AUTHORITY and row.la_code == council):
            periods.setdefault(row.period.text, row.period)
    ordered = sorted(periods.values(), key=lambda p: (p.end is None, p.end or datetime.min.date(), p.text))
    region_of = {row.period.text: row.region_name for row in table.rows
                 if row.level == LOCAL_AUTHORITY and row.la_code == council}
    latest_region = next((region_of[p.text] for p in reversed(ordered) if region_of.get(p.text)), "")
    if groups is None:
        warnings.append("no statistical-neighbour file: the neighbours' mean is not set")

    noted_periods: set[str] = set()
    measures = []
    for code, column in columns:
        found = []
        for period in ordered:
            council_row = index.get((period.text, LOCAL_AUTHORITY, council))
            region_name = region_of.get(period.text) or latest_region
            region_row = index.get((period.text, REGIONAL, region_name)) if region_name else None
            if period.text not in noted_periods:
                noted_periods.add(period.text)
                if council_row is None:
                    warnings.append(f"{period.text}: {table.name} has no row for the council ({council}); "
                                    "its own value is not set")
                if region_row is None:
                    warnings.append(f"{period.text}: {table.name} has no Regional row for "
                                    f"{region_name or 'the council’s region'}; the region is not set")
            published = []
            missing = []
            for neighbour in neighbours:
                value = _value(index.get((period.text, LOCAL_AUTHORITY, neighbour)), column, warnings, table)
                if value is None:
                    known = names.get(neighbour) or (groups.names.get(neighbour, "") if groups else "")
                    missing.append(f"{known} ({neighbour})" if known else neighbour)
                else:
                    published.append(value)
            if neighbours and missing:
                warnings.append(f"{code} {period.text}: {len(missing)} of {len(neighbours)} neighbours published no "
                                f"{column} ({', '.join(missing)}); the mean is of the other {len(published)}")
            figures = PublishedPeriod(
                period=period.text, period_end=period.end,
                own=_value(council_row, column, warnings, table) if own else None,
                england=_value(index.get((period.text, NATIONAL, "")), column, warnings, table),
                region=_value(region_row, column, warnings, table), region_name=region_name,
                neighbours=round(sum(published) / len(published), MEAN_PLACES) if published else None,
                neighbours_used=len(published),
            )
            if figures.england is None and figures.region is None and figures.neighbours is None and figures.own is None:
                warnings.append(f"{code} {period.text}: nothing published for {column}; the period is left out")
                continue
            found.append(figures)
        measures.append(MeasureComparators(code, column, tuple(found)))
    label = source or comparator_source(table.name, groups.name if groups else None)
    return ComparatorImport(la=council, la_name=names.get(council, ""), source=label, own=own,
                            measures=tuple(measures), warnings=tuple(warnings))


def comparator_source(csv_name: str, neighbours_name: str | None, when: datetime | None = None) -> str:
    """The label every row of one import carries (which files, when): also how it is removed later."""
    stamp = (when or datetime.now()).strftime("%d/%m/%Y %H:%M:%S")
    files = f"{csv_name} and {neighbours_name}" if neighbours_name else csv_name
    return f"DfE statistics {files}, imported {stamp}"


def read_and_work_out(
    csv_path: Path, neighbours_path: Path | None, la: str, mapping: Sequence[tuple[str, str]], *, own: bool = False,
) -> ComparatorImport:
    """Both files read (ImportRefused if one is not what it should be) and the comparators worked out."""
    table = read_ees_csv(Path(csv_path))
    groups = read_neighbours_csv(Path(neighbours_path)) if neighbours_path is not None else None
    return work_out_comparators(table, groups, la, mapping, own=own)


def indicator_columns(csv_path: Path) -> tuple[str, ...]:
    """The indicator columns a user can map (the dialog's combos)."""
    return read_ees_csv(Path(csv_path)).indicators

