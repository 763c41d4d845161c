"""Shared helpers for the scripts that write scenarios/observed/ (standard library only)."""
import csv
import os

HEADER = ["date", "state", "indicator", "partner", "value", "source"]
SRC_HEADER = ["id", "title", "publisher", "version_or_commit", "table_or_path",
              "url_or_repository", "retrieved", "notes"]


def _read(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return [r for r in csv.reader(f)][1:]


def _write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def replace_indicators(observed_dir, indicators, new_rows):
    """Drop every row of `indicators` from observed.csv, add new_rows, sort, write."""
    path = os.path.join(observed_dir, "observed.csv")
    kept = [r for r in _read(path) if r and r[2] not in indicators]
    rows = sorted(kept + new_rows, key=lambda r: (r[0], r[1], r[2], r[3]))
    _write(path, HEADER, rows)


def replace_source(observed_dir, row):
    """Replace (or add) the row of sources.csv whose id is row[0]; keep ids sorted."""
    path = os.path.join(observed_dir, "sources.csv")
    rows = [r for r in _read(path) if r and r[0] != row[0]] + [row]
    _write(path, SRC_HEADER, sorted(rows, key=lambda r: r[0]))


def replace_by_source(observed_dir, source_ids, new_rows):
    """Drop every row of observed.csv whose source is in `source_ids`, add new_rows, sort, write.

    For indicators fed by more than one source (trade shares from a dataset and
    from publications), so that regenerating one source keeps the others' rows."""
    path = os.path.join(observed_dir, "observed.csv")
    kept = [r for r in _read(path) if r and r[5] not in source_ids]
    rows = sorted(kept + new_rows, key=lambda r: (r[0], r[1], r[2], r[3]))
    _write(path, HEADER, rows)
