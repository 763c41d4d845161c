// The map: real outlines (Natural Earth, render/web/data/outlines.json) where
// the scenario's state ids are ISO codes it holds, else the scenario's own
// outlines, else a row of boxes. Each state is filled with its dominant
// component's colour and pattern; labels are placed so that no two overlap,
// and their boxes are returned for the page's layout data.
'use strict';

const GGMap = (function () {
  // Pattern k over a colour: lines or dots in white or black, whichever
  // contrasts with the colour.
  function ink(hex) {
    const n = parseInt(hex.slice(1), 16);
    const r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? 'rgba(0,0,0,0.55)' : 'rgba(255,255,255,0.8)';
  }

  const cache = new Map();
  function pattern(ctx, colour, k, scale) {
    const key = colour + '/' + k + '/' + scale;
    if (cache.has(key)) return cache.get(key);
    const s = Math.max(8, Math.round(12 * scale));
    const c = document.createElement('canvas');
    c.width = c.height = s;
    const g = c.getContext('2d');
    g.fillStyle = colour;
    g.fillRect(0, 0, s, s);
    g.strokeStyle = g.fillStyle = ink(colour);
    g.lineWidth = Math.max(1.5, 2 * scale);
    const line = (x0, y0, x1, y1) => { g.beginPath(); g.moveTo(x0, y0); g.lineTo(x1, y1); g.stroke(); };
    switch (k % 6) {
      case 0: // diagonal /
        line(0, s, s, 0); line(-s / 2, s / 2, s / 2, -s / 2); line(s / 2, s * 1.5, s * 1.5, s / 2);
        break;
      case 1: // dots
        g.beginPath(); g.arc(s / 2, s / 2, s / 6, 0, 2 * Math.PI); g.fill();
        break;
      case 2: // horizontal lines
        line(0, s / 2, s, s / 2);
        break;
      case 3: // diagonal \
        line(0, 0, s, s); line(-s / 2, s / 2, s / 2, s * 1.5); line(s / 2, -s / 2, s * 1.5, s / 2);
        break;
      case 4: // cross-hatch
        line(0, s / 2, s, s / 2); line(s / 2, 0, s / 2, s);
        break;
      default: // vertical lines
        line(s / 2, 0, s / 2, s);
    }
    const p = ctx.createPattern(c, 'repeat');
    cache.set(key, p);
    return p;
  }

  function ringArea(r) {
    let a = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += r[j][0] * r[i][1] - r[i][0] * r[j][1];
    return a / 2;
  }
  function ringCentroid(r) {
    let a = 0, x = 0, y = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const f = r[j][0] * r[i][1] - r[i][0] * r[j][1];
      a += f; x += (r[j][0] + r[i][0]) * f; y += (r[j][1] + r[i][1]) * f;
    }
    if (a === 0) return r[0];
    return [x / (3 * a), y / (3 * a)];
  }

  // The rings (lon, lat) of each state: Natural Earth by id, else the
  // scenario's outline; null when neither.
  function shapes(states, outlines) {
    let real = 0;
    const rings = states.map((s) => {
      if (outlines && outlines.states[s.id]) { real++; return outlines.states[s.id].rings; }
      if (s.outline && s.outline.length >= 3) return [s.outline];
      return null;
    });
    return { rings: rings, real: real };
  }

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // Place boxes of size (w, h) near their anchors so that none overlaps
  // another, an obstacle, or leaves the area. Greedy, in the given order,
  // over rings of candidate offsets growing outwards.
  function placeLabels(items, area, obstacles) {
    const placed = [];
    for (const it of items) {
      let best = null;
      for (let ring = 0; ring < 40 && !best; ring++) {
        const cands = ring === 0 ? [[0, 0]] : [];
        if (ring > 0) {
          const steps = 8 * ring;
          for (let i = 0; i < steps; i++) {
            const a = (2 * Math.PI * i) / steps - Math.PI / 2;
            cands.push([Math.cos(a) * ring * it.w * 0.3, Math.sin(a) * ring * it.h * 0.45]);
          }
        }
        for (const [dx, dy] of cands) {
          const b = { x: it.ax - it.w / 2 + dx, y: it.ay - it.h / 2 + dy, w: it.w, h: it.h };
          if (b.x < area.x || b.y < area.y || b.x + b.w > area.x + area.w || b.y + b.h > area.y + area.h) continue;
          if (placed.some((p) => overlaps(p, b)) || obstacles.some((o) => overlaps(o, b))) continue;
          best = b;
          break;
        }
      }
      if (!best) { // no room at all: stack in the corner, below the others
        const y = placed.reduce((m, p) => Math.max(m, p.y + p.h), area.y) + 2;
        best = { x: area.x, y: y, w: it.w, h: it.h };
      }
      best.id = it.id;
      best.ax = it.ax;
      best.ay = it.ay;
      placed.push(best);
    }
    return placed;
  }

  // draw(canvas, view): view = {states, outlines, fills: [{colour, pattern}],
  // labels: [[line1, line2]], legend: [{colour, pattern, text}], title}.
  // Returns {labels: [{id, x, y, w, h}], legend: {x, y, w, h}} in CSS pixels.
  function draw(canvas, view) {
    const dpr = window.devicePixelRatio || 1;
    const W = canvas.clientWidth, H = canvas.clientHeight;
    canvas.width = Math.round(W * dpr);
    canvas.height = Math.round(H * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const fs = parseFloat(getComputedStyle(document.documentElement).fontSize);
    ctx.fillStyle = '#d4e6f1'; // water and the world beyond the data
    ctx.fillRect(0, 0, W, H);

    // legend box along the bottom
    ctx.font = fs + 'px ' + getComputedStyle(document.body).fontFamily;
    const sw = Math.round(fs * 1.2), pad = 6;
    let lx = pad, ly = H - sw - pad * 2;
    const legendItems = view.legend.map((l) => {
      const w = sw + 6 + ctx.measureText(l.text).width + 14;
      return { l: l, w: w };
    });
    const legendW = legendItems.reduce((m, i) => m + i.w, 0) + pad;
    const legendRows = legendW > W - 2 * pad ? 2 : 1;
    const legendH = legendRows * (sw + pad) + pad;
    const legend = { x: 0, y: H - legendH, w: W, h: legendH };
    const mapArea = { x: 0, y: 0, w: W, h: H - legendH };

    const sh = shapes(view.states, view.outlines);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const fit = (lon, lat) => { x0 = Math.min(x0, lon); x1 = Math.max(x1, lon); y0 = Math.min(y0, lat); y1 = Math.max(y1, lat); };
    sh.rings.forEach((rs) => rs && rs.forEach((r) => r.forEach((p) => fit(p[0], p[1]))));
    const anyShape = isFinite(x0);
    const anchors = [];
    if (anyShape) {
      const lat0 = ((y0 + y1) / 2) * Math.PI / 180, k = Math.cos(lat0);
      const m = fs * 1.2;
      const sx = (mapArea.w - 2 * m) / ((x1 - x0) * k || 1), sy = (mapArea.h - 2 * m) / ((y1 - y0) || 1);
      const s = Math.min(sx, sy);
      const ox = m + (mapArea.w - 2 * m - (x1 - x0) * k * s) / 2, oy = m + (mapArea.h - 2 * m - (y1 - y0) * s) / 2;
      const P = (p) => [ox + (p[0] - x0) * k * s, oy + (y1 - p[1]) * s];
      const path = (rings) => {
        ctx.beginPath();
        for (const r of rings) {
          r.forEach((p, i) => { const q = P(p); if (i) ctx.lineTo(q[0], q[1]); else ctx.moveTo(q[0], q[1]); });
          ctx.closePath();
        }
      };
      if (sh.real > 0 && view.outlines) { // neighbours in grey for context
        ctx.lineWidth = 1;
        for (const iso of Object.keys(view.outlines.context)) {
          path(view.outlines.context[iso].rings);
          ctx.fillStyle = '#e4e4e0';
          ctx.fill();
          ctx.strokeStyle = '#a8a8a0';
          ctx.stroke();
        }
      }
      sh.rings.forEach((rs, i) => {
        if (!rs) { anchors.push(null); return; }
        const f = view.fills[i];
        path(rs);
        ctx.fillStyle = f.pattern >= 0 ? pattern(ctx, f.colour, f.pattern, fs / 16) : f.colour;
        ctx.fill();
        ctx.lineWidth = Math.max(1.5, fs / 10);
        ctx.strokeStyle = '#1b1f24';
        ctx.stroke();
        let big = rs[0];
        rs.forEach((r) => { if (Math.abs(ringArea(r)) > Math.abs(ringArea(big))) big = r; });
        anchors.push(P(ringCentroid(big)));
      });
    }
    // states with no shape: tiles in a grid over the map's area
    const missing = anchors.length ? anchors.map((a, i) => (a ? -1 : i)).filter((i) => i >= 0) : view.states.map((_, i) => i);
    if (missing.length) {
      const n = missing.length, gap = fs * 0.5;
      const cols = Math.max(1, Math.min(n, Math.ceil(Math.sqrt((n * mapArea.w) / (mapArea.h * 2)))));
      const rows = Math.ceil(n / cols);
      const tw = Math.min(fs * 14, (mapArea.w - gap) / cols - gap), th = Math.min(fs * 6, (mapArea.h - gap) / rows - gap);
      const gx = (mapArea.w - cols * (tw + gap) + gap) / 2, gy = (mapArea.h - rows * (th + gap) + gap) / 2;
      missing.forEach((i, j) => {
        const x = gx + (j % cols) * (tw + gap), y = gy + Math.floor(j / cols) * (th + gap);
        const f = view.fills[i];
        ctx.fillStyle = f.pattern >= 0 ? pattern(ctx, f.colour, f.pattern, fs / 16) : f.colour;
        ctx.fillRect(x, y, tw, th);
        ctx.strokeStyle = '#1b1f24';
        ctx.lineWidth = 1.5;
        ctx.strokeRect(x, y, tw, th);
        anchors[i] = [x + tw / 2, y + th / 2];
      });
    }

    // labels: two lines in a white box
    const bold = 'bold ' + fs + 'px ' + getComputedStyle(document.body).fontFamily;
    const norm = fs + 'px ' + getComputedStyle(document.body).fontFamily;
    const items = view.states.map((st, i) => {
      ctx.font = bold;
      const w1 = ctx.measureText(view.labels[i][0]).width;
      ctx.font = norm;
      const w2 = ctx.measureText(view.labels[i][1]).width;
      return { id: st.id, i: i, ax: anchors[i][0], ay: anchors[i][1], w: Math.max(w1, w2) + 10, h: fs * 2.5 };
    });
    // larger labels first: they need the most room; past 40 states only the
    // first 40 are labelled (the monitors list them all)
    const order = items.slice(0, 40).sort((a, b) => b.w * b.h - a.w * a.h);
    const placed = placeLabels(order, mapArea, []);
    const byId = new Map(placed.map((p) => [p.id, p]));
    for (const it of items) {
      const b = byId.get(it.id);
      if (!b) continue;
      const moved = Math.abs(b.x + b.w / 2 - it.ax) > b.w / 2 || Math.abs(b.y + b.h / 2 - it.ay) > b.h / 2;
      if (moved) { // a leader from the state to its label
        ctx.strokeStyle = '#1b1f24';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(it.ax, it.ay);
        ctx.lineTo(Math.max(b.x, Math.min(it.ax, b.x + b.w)), Math.max(b.y, Math.min(it.ay, b.y + b.h)));
        ctx.stroke();
        ctx.fillStyle = '#1b1f24';
        ctx.beginPath();
        ctx.arc(it.ax, it.ay, 3, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.strokeStyle = '#1b1f24';
      ctx.lineWidth = 1;
      ctx.fillRect(b.x, b.y, b.w, b.h);
      ctx.strokeRect(b.x, b.y, b.w, b.h);
      ctx.fillStyle = '#1b1f24';
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'center';
      ctx.font = bold;
      ctx.fillText(view.labels[it.i][0], b.x + b.w / 2, b.y + b.h * 0.28);
      ctx.font = norm;
      ctx.fillText(view.labels[it.i][1], b.x + b.w / 2, b.y + b.h * 0.72);
    }

    // legend
    ctx.fillStyle = 'rgba(255,255,255,0.95)';
    ctx.fillRect(legend.x, legend.y, legend.w, legend.h);
    ctx.strokeStyle = '#c4ccd4';
    ctx.beginPath(); ctx.moveTo(0, legend.y); ctx.lineTo(W, legend.y); ctx.stroke();
    ctx.font = norm;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    lx = pad;
    ly = legend.y + pad;
    for (const it of legendItems) {
      if (lx + it.w > W && lx > pad) { lx = pad; ly += sw + pad; }
      const l = it.l;
      ctx.fillStyle = l.pattern >= 0 ? pattern(ctx, l.colour, l.pattern, fs / 16) : l.colour;
      ctx.fillRect(lx, ly, sw, sw);
      ctx.strokeStyle = '#1b1f24';
      ctx.strokeRect(lx, ly, sw, sw);
      ctx.fillStyle = '#1b1f24';
      ctx.fillText(l.text, lx + sw + 6, ly + sw / 2);
      lx += it.w;
    }
    return {
      labels: placed.map((p) => ({ id: p.id, x: p.x, y: p.y, w: p.w, h: p.h })),
      legend: legend,
    };
  }

  return { draw: draw, placeLabels: placeLabels, pattern: pattern };
})();
