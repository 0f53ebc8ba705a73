"""Reading the DfE's EES data CSV and neighbour groupings, and working out England / region / neighbours."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from dfe_files import (
    ENGLAND,
    NEIGHBOUR_MEAN,
    NEIGHBOURS,
    NEIGHBOURS_USED,
    OWN,
    REGION,
    ees_text,
    neighbours_text,
    write_ees,
    write_neighbours,
)

from boardapp.exchange.dfe_comparators import parse_mapping, read_and_work_out, work_out_comparators
from boardapp.exchange.dfe_stats import parse_figure, parse_period, read_ees_csv, read_neighbours_csv
from boardapp.exchange.safety import ImportRefused
from boardapp.services.performance.comparators_write import ComparatorImportError


@pytest.mark.parametrize("bom", [False, True])
def test_ees_file_with_or_without_bom(tmp_path: Path, bom: bool) -> None:
    table = read_ees_csv(write_ees(tmp_path / "ees.csv", bom=bom))
    assert table.columns[0] == "time_period"
    assert table.indicators == ("agency_rate_fte", "caseload_fte")
    assert table.resolve_la("999") == "999" and table.resolve_la("E06000999") == "999"
    assert table.resolve_la("123") is None


@pytest.mark.parametrize("text", ["c", "x", "z", "u", "low", "", "  ", "C", "Low"])
def test_suppression_marks_are_not_published(text: str) -> None:
    assert parse_figure(text) is None


def test_figures_and_bad_figures() -> None:
    assert parse_figure("1,234.5") == 1234.5
    assert parse_figure("17.6%") == 17.6
    assert parse_figure("0") == 0.0
    with pytest.raises(ValueError, match="'abc'"):
        parse_figure("abc")


def test_periods() -> None:
    assert parse_period("202324", "Financial year") == parse_period("202324", "Financial year")
    fy = parse_period("202324", "Financial year")
    assert (fy.text, fy.end) == ("2023-24", date(2024, 3, 31))
    ay = parse_period("202324", "Academic year")
    assert (ay.text, ay.end) == ("2023-24", date(2024, 8, 31))
    ry = parse_period("2023", "Reporting year")
    assert (ry.text, ry.end) == ("2023", date(2023, 3, 31))
    q = parse_period("202324", "Financial year Q2")
    assert (q.text, q.end) == ("2023-24 Q2", date(2023, 9, 30))
    cq = parse_period("2024", "Q4")
    assert (cq.text, cq.end) == ("2024 Q4", date(2024, 12, 31))


def test_not_an_ees_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text("Ref,Title\nA1,Do it\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="tracker.csv is not an Explore Education Statistics data file.*time_period"):
        read_ees_csv(path)


@pytest.mark.parametrize("options", [{}, {"trailing_comma": False}, {"preamble": True}, {"bom": True}])
def test_neighbours_repeated_snp_and_trailing_commas(tmp_path: Path, options: dict[str, bool]) -> None:
    groups = read_neighbours_csv(write_neighbours(tmp_path / "sn.csv", **options))
    assert groups.groups["999"] == tuple(NEIGHBOURS)
    assert groups.names["999"] == "Northshire"
    assert len(groups.groups["801"]) == 10 and "801" not in groups.groups["801"][1:]


def test_not_a_neighbour_file(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="not a statistical-neighbour file"):
        read_neighbours_csv(ees_text(), name="ees.csv")


def _work_out(drop_region: str | None = None, own: bool = True, neighbours: bool = True):  # type: ignore[no-untyped-def]
    table = read_ees_csv(ees_text(drop_region=drop_region), name="ees.csv")
    groups = read_neighbours_csv(neighbours_text(), name="sn.csv") if neighbours else None
    return work_out_comparators(table, groups, "999", [("K08", "agency_rate_fte")], own=own)


def test_england_region_neighbours_and_own() -> None:
    data = _work_out()
    assert data.la == "999" and data.la_name == "Northshire"
    (measure,) = data.measures
    assert [p.period for p in measure.periods] == ["2022", "2023"]
    for p in measure.periods:
        assert p.england == float(ENGLAND[p.period])
        assert p.region == float(REGION[p.period]) and p.region_name == "North East"
        assert p.own == float(OWN[p.period])
        assert p.neighbours == pytest.approx(NEIGHBOUR_MEAN[p.period])
        assert p.neighbours_used == NEIGHBOURS_USED[p.period]
    # the suppressed and the missing neighbours are named, and counted out of the mean
    assert any("2023" in w and "2 of 10" in w and "Council 809 (809)" in w and "810" in w for w in data.warnings)


def test_suppressed_own_value_and_no_own() -> None:
    table = read_ees_csv(ees_text(), name="ees.csv")
    data = work_out_comparators(table, None, "999", [("K07", "caseload_fte")], own=True)
    assert [p.own for p in data.measures[0].periods] == [None, None]  # "x": not published, never zero
    assert [p.neighbours for p in data.measures[0].periods] == [None, None]
    assert any("no statistical-neighbour file" in w for w in data.warnings)
    assert all(p.own is None for p in _work_out(own=False).measures[0].periods)


def test_a_missing_region_row() -> None:
    data = _work_out(drop_region="2022")
    first, second = data.measures[0].periods
    assert first.region is None and first.england == 17.5
    assert second.region == 15.2
    assert any("2022" in w and "no Regional row for North East" in w for w in data.warnings)


def test_unknown_column_and_la_are_refused() -> None:
    table = read_ees_csv(ees_text(), name="ees.csv")
    with pytest.raises(ComparatorImportError, match="unknown column 'agency_rate'.*agency_rate_fte"):
        work_out_comparators(table, None, "999", [("K08", "agency_rate")])
    with pytest.raises(ComparatorImportError, match="unknown column 'la_name'"):
        work_out_comparators(table, None, "999", [("K08", "la_name")])
    with pytest.raises(ComparatorImportError, match="unknown LA code '123'"):
        work_out_comparators(table, None, "123", [("K08", "agency_rate_fte")])
    with pytest.raises(ComparatorImportError, match="no LA code"):
        work_out_comparators(table, None, "", [("K08", "agency_rate_fte")])
    groups = read_neighbours_csv(neighbours_text(), name="sn.csv")
    table_with_810 = read_ees_csv(ees_text().replace(",801,E06000801,", ",810,E06000810,"), name="ees.csv")
    with pytest.raises(ComparatorImportError, match="sn.csv lists no neighbours for it"):
        work_out_comparators(table_with_810, groups, "810", [("K08", "agency_rate_fte")])


def test_mapping_text() -> None:
    assert parse_mapping("K08=agency_rate_fte") == ("K08", "agency_rate_fte")
    with pytest.raises(ValueError, match="MEASURE_CODE=COLUMN"):
        parse_mapping("K08")


def test_read_and_work_out_from_files(tmp_path: Path) -> None:
    data = read_and_work_out(write_ees(tmp_path / "ees.csv", bom=True), write_neighbours(tmp_path / "sn.csv"), "999",
                             [("K08", "agency_rate_fte")])
    assert data.measures[0].periods[-1].neighbours_used == 8
    assert "ees.csv and sn.csv" in data.source
