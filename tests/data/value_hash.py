#!/usr/bin/env python3
"""The values of a run's CSV files, independent of how their numbers are
written: SHA-256 over every cell, numbers as the 8 bytes of their double
(little-endian), other cells as their text. Two outputs with the same hash
hold the same doubles, whatever text form wrote them.

    python3 tests/data/value_hash.py FILE.csv...

Prints one line per file: the hash and the file's name.
"""
import csv
import hashlib
import os
import struct
import sys


def cell_bytes(text):
    try:
        v = float(text)
    except ValueError:
        return b"s" + text.encode()
    if text.strip() != text or text == "" or text.lower() in ("nan", "inf", "-inf", "infinity"):
        return b"s" + text.encode()
    digits = text.lstrip("-")
    if digits.isdigit() and len(digits) > 15:
        return b"i" + text.encode()  # seeds: integers beyond a double's 53 bits, as written
    return b"d" + struct.pack("<d", v)


def file_hash(path):
    h = hashlib.sha256()
    with open(path, newline="") as f:
        for row in csv.reader(f):
            for c in row:
                h.update(cell_bytes(c))
                h.update(b",")
            h.update(b"\n")
    return h.hexdigest()


def main():
    for p in sys.argv[1:]:
        print(file_hash(p), os.path.basename(p))


if __name__ == "__main__":
    main()
