"""Small DfE-shaped files for the comparator tests: an EES data CSV and a statistical-neighbour CSV.

The council is 999 (the demo's Northshire) in the North East; its ten neighbours are 801..810.
In 2023 neighbour 809 is suppressed ("c") and 810 has no row at all, so 8 of 10 publish.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

EES_HEADER = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
              "region_name", "old_la_code", "new_la_code", "la_name", "agency_rate_fte", "caseload_fte"]
NEIGHBOURS = [str(code) for code in range(801, 811)]

#: agency_rate_fte figures: England, the North East, the council.
ENGLAND = {"2022": "17.5", "2023": "17.9"}
REGION = {"2022": "14.0", "2023": "15.2"}
OWN = {"2022": "20.1", "2023": "18.4"}
#: 2022: 801..809 publish 11..19 (mean 15.0), 810 absent; 2023: 801..808 publish 10,12..24 (mean 17.0).
NEIGHBOUR_MEAN = {"2022": 15.0, "2023": 17.0}
NEIGHBOURS_USED = {"2022": 9, "2023": 8}


def _row(period: str, level: str, region: str = "", code: str = "", name: str = "", agency: str = "",
         caseload: str = "") -> list[str]:
    return [period, "Reporting year", level, "E92000001", "England", "E12000001" if region else "", region, code,
            f"E06000{code}" if code else "", name, agency, caseload]


def ees_rows(*, drop_region: str | None = None) -> list[list[str]]:
    rows = []
    for period in ("2022", "2023"):
        rows.append(_row(period, "National", agency=ENGLAND[period], caseload="16.3"))
        if period != drop_region:
            rows.append(_row(period, "Regional", "North East", agency=REGION[period], caseload="15.0"))
        rows.append(_row(period, "Regional", "London", agency="25.0", caseload="14.0"))
        rows.append(_row(period, "Local authority", "North East", "999", "Northshire", OWN[period], "x"))
        for i, code in enumerate(NEIGHBOURS):
            if period == "2022":
                value = "" if code == "810" else str(11 + i)
                if code == "810":
                    continue
            else:
                value = "c" if code == "809" else str(10 + 2 * i)
                if code == "810":
                    continue
            rows.append(_row(period, "Local authority", "North East", code, f"Council {code}", value, "17"))
    return rows


def ees_text(*, drop_region: str | None = None, bom: bool = False) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EES_HEADER)
    writer.writerows(ees_rows(drop_region=drop_region))
    return ("\ufeff" if bom else "") + out.getvalue()


def write_ees(path: Path, *, drop_region: str | None = None, bom: bool = False) -> Path:
    path.write_bytes(ees_text(drop_region=drop_region, bom=bom).encode("utf-8"))
    return path


def neighbours_text(*, trailing_comma: bool = True, preamble: bool = False, bom: bool = False) -> str:
    end = "," if trailing_comma else ""
    header = ["LA num", "LA Name", "Number of SNs"]
    for n in range(1, 11):
        header += [f"SN{n}", "SNP"]
    lines = []
    if preamble:
        lines.append("Children's services statistical neighbour benchmarking tool,,,")
    lines.append(",".join(header) + end)
    closeness = ["Extremely Close", "Very Close", "Close", "Somewhat Close"]
    cells = ["999", "Northshire", "10"]
    for i, code in enumerate(NEIGHBOURS):
        cells += [code, closeness[min(i // 3, 3)]]
    lines.append(",".join(cells) + end)
    other = ["801", "Council 801", "10"] + [c for code in ["999", *NEIGHBOURS[1:]] for c in (code, "Close")]
    lines.append(",".join(other) + end)
    return ("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n"


def write_neighbours(path: Path, **options: bool) -> Path:
    path.write_bytes(neighbours_text(**options).encode("utf-8"))
    return path
