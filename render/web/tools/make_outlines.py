#!/usr/bin/env python3
"""Make render/web/data/outlines.json: the country outlines the web edition
draws, from Natural Earth's public-domain 1:50m "Admin 0 - Countries" layer.

    make_outlines.py COUNTRIES.json REPO COMMIT PATH > outlines.json

COUNTRIES.json is the layer as GeoJSON. The copy used for the committed file
comes from the GitHub repository martynafford/natural-earth-geojson (a GeoJSON
conversion of Natural Earth made with GDAL's ogr2ogr); its 1:50m file is kept
there as a 7-Zip archive:

    git clone https://github.com/martynafford/natural-earth-geojson ne
    git -C ne show COMMIT:50m/cultural/ne_50m_admin_0_countries.7z > ne50.7z
    7z x ne50.7z        # Debian package p7zip-full
    render/web/tools/make_outlines.py ne_50m_admin_0_countries.json \\
        martynafford/natural-earth-geojson COMMIT \\
        50m/cultural/ne_50m_admin_0_countries.7z > render/web/data/outlines.json

REPO, COMMIT and PATH are written into the output so that anyone can find
the exact input again. The five Central Asian states are kept in full; their
neighbours are clipped to the map's window and drawn in grey for context.
Every ring is simplified (Douglas-Peucker) and its points rounded to 0.01
degree, which keeps the file small (a pixel on a 1920-pixel-wide map of the
region is about 0.03 degree).
"""
import json
import sys

STATES = ["KZ", "KG", "TJ", "TM", "UZ"]
NEIGHBOURS = ["RU", "CN", "AF", "IR", "PK", "MN", "IN", "AZ", "GE", "AM", "NP"]
# Map window (degrees): lon 44..92, lat 33..57, the five states with a margin.
WINDOW = (44.0, 33.0, 92.0, 57.0)
TOL_STATE = 0.02  # degrees, simplification tolerance for the five states
TOL_NEIGHBOUR = 0.05


def perp_dist(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(pts, tol):
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, -1
        for k in range(i + 1, j):
            d = perp_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if at >= 0 and best > tol:
            keep[at] = True
            stack.append((i, at))
            stack.append((at, j))
    return [p for p, k in zip(pts, keep) if k]


def clip(ring, box):
    """Sutherland-Hodgman clipping of a closed ring to an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ]
    out = ring
    for inside, cross in edges:
        src, out = out, []
        if not src:
            break
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def rings_of(geom):
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return [poly[0] for poly in polys]  # outer rings; the layer has no holes here


def area(ring):
    return abs(sum(ring[i][0] * ring[i - 1][1] - ring[i - 1][0] * ring[i][1] for i in range(len(ring)))) / 2


def main(argv):
    if len(argv) != 5:
        sys.stderr.write("usage: make_outlines.py COUNTRIES.json REPO COMMIT PATH\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        layer = json.load(f)
    by_iso = {}
    for feat in layer["features"]:
        iso = feat["properties"].get("ISO_A2")
        if iso in STATES or iso in NEIGHBOURS:
            by_iso[iso] = feat
    missing = [i for i in STATES + NEIGHBOURS if i not in by_iso]
    if missing:
        sys.stderr.write("%s: no feature with ISO_A2 %s\n" % (argv[1], ", ".join(missing)))
        return 2
    out = {
        "source": "Natural Earth 1:50m Admin 0 - Countries (public domain), naturalearthdata.com",
        "repository": argv[2],
        "commit": argv[3],
        "path": argv[4],
        "tool": "render/web/tools/make_outlines.py",
        "window": list(WINDOW),
        "simplification_degrees": {"state": TOL_STATE, "neighbour": TOL_NEIGHBOUR},
        "states": {},
        "context": {},
    }
    for group, isos, tol in (("states", STATES, TOL_STATE), ("context", NEIGHBOURS, TOL_NEIGHBOUR)):
        for iso in isos:
            feat = by_iso[iso]
            rings = []
            for ring in rings_of(feat["geometry"]):
                pts = [(float(x), float(y)) for x, y in ring]
                if group == "context":
                    pts = clip(pts[:-1], WINDOW)
                    if len(pts) < 3:
                        continue
                    pts.append(pts[0])
                if area(pts) < 0.02:  # islets below ~200 km^2 vanish at this scale
                    continue
                pts = simplify(pts, tol)
                pts = [[round(x, 2), round(y, 2)] for x, y in pts[:-1]]
                if len(pts) >= 3:
                    rings.append(pts)
            if rings:
                out[group][iso] = {"name": feat["properties"]["NAME"], "rings": rings}
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
