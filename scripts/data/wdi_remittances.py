#!/usr/bin/env python3
"""Write the remittances_gdp rows of scenarios/observed/ from a World Bank WDI file.

Input: a World Bank WDI "API_BX.TRF.PWKR.DT.GD.ZS_DS2_en_csv_v2_*.csv" file
(Personal remittances, received (% of GDP)), in the layout the World Bank
publishes (4 preamble lines, then a header "Country Name","Country Code",...,
one column per year). The rows used were read from the copy kept in the
repository github.com/owid/importers at commit
222b5b882b52cfab8ce6416de5a539e1e94b34e7, path
migration/input/wb_wdi/remittances_received_share_gdp/API_BX.TRF.PWKR.DT.GD.ZS_DS2_en_csv_v2_3686014.csv
(WDI "Last Updated Date" 2022-02-15, years to 2020). Any file of that layout
(a later WDI download too) works; pass --source-id/--version to record it.

Output: rows (YYYY, state, remittances_gdp, "", value in percent, source id)
for KZ KG TJ TM UZ and every year >= 2005 with a published value; a year the
file leaves empty gets no row. Values are kept as published (rounded to 4
significant decimals), nothing is interpolated. The remittances_gdp rows of
observed.csv are replaced; other rows are kept.

Usage:
  python3 scripts/data/wdi_remittances.py FILE.csv [--observed scenarios/observed]
"""
import argparse
import csv
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import observed_io  # noqa: E402

ISO3 = {"KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "TKM": "TM", "UZB": "UZ"}
INDICATOR = "remittances_gdp"
FIRST_YEAR = 2005
HERE = os.path.dirname(os.path.abspath(__file__))


def read_rows(path, source_id):
    with open(path, newline="", encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    head = next(r for r in lines if r and r[0] == "Country Name")
    rows = []
    for r in lines:
        if len(r) < 5 or r[1] not in ISO3 or r[3] != "BX.TRF.PWKR.DT.GD.ZS":
            continue
        for col, year in enumerate(head):
            if col < 4 or not year.isdigit() or int(year) < FIRST_YEAR:
                continue
            if col < len(r) and r[col].strip():
                rows.append([year, ISO3[r[1]], INDICATOR, "",
                             "%.4f" % float(r[col]), source_id])
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--observed", default=os.path.join(HERE, "..", "..", "scenarios", "observed"))
    ap.add_argument("--source-id", default="wdi_remit_2022")
    ap.add_argument("--version", default="owid/importers@222b5b882b52cfab8ce6416de5a539e1e94b34e7; WDI Last Updated 2022-02-15")
    ap.add_argument("--path", default="migration/input/wb_wdi/remittances_received_share_gdp/API_BX.TRF.PWKR.DT.GD.ZS_DS2_en_csv_v2_3686014.csv")
    ap.add_argument("--url", default="https://github.com/owid/importers")
    a = ap.parse_args()
    rows = read_rows(a.file, a.source_id)
    observed_io.replace_indicators(a.observed, (INDICATOR,), rows)
    observed_io.replace_source(a.observed, [
        a.source_id,
        "World Development Indicators: Personal remittances, received (% of GDP), BX.TRF.PWKR.DT.GD.ZS",
        "World Bank (mirrored by Our World in Data)", a.version, a.path, a.url,
        datetime.date.today().isoformat(),
        "derived by scripts/data/wdi_remittances.py (remittances_gdp)"])
    print("remittances_gdp: %d rows from %s" % (len(rows), a.file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
