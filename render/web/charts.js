// The chart: every state's share of one component on one set of axes, up to
// the current tick, with an optional kept run drawn beneath it for
// comparison. Lines differ by dash and end marker and carry their state's
// name at their end; the names are moved apart so that none overlaps.
'use strict';

const GGChart = (function () {
  const DASHES = [[], [10, 5], [3, 4], [12, 4, 3, 4], [6, 3, 6, 3, 1, 3], [1, 0]];

  function marker(ctx, k, x, y, r) {
    ctx.beginPath();
    switch (k % 5) {
      case 0: ctx.arc(x, y, r, 0, 2 * Math.PI); break;
      case 1: ctx.rect(x - r, y - r, 2 * r, 2 * r); break;
      case 2: ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r); ctx.lineTo(x - r * 1.1, y + r); ctx.closePath(); break;
      case 3: ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r * 1.3, y); ctx.lineTo(x, y + r * 1.3); ctx.lineTo(x - r * 1.3, y); ctx.closePath(); break;
      default: ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r);
    }
  }

  // Spread labels (centre y, height h) so that none overlaps, keeping each
  // as close to its line's end as it can, inside [top, bottom].
  function spread(items, top, bottom) {
    const s = items.slice().sort((a, b) => a.y - b.y);
    for (let pass = 0; pass < 50; pass++) {
      let moved = false;
      for (let i = 1; i < s.length; i++) {
        const need = (s[i - 1].h + s[i].h) / 2 + 2 - (s[i].y - s[i - 1].y);
        if (need > 0) { s[i - 1].y -= need / 2; s[i].y += need / 2; moved = true; }
      }
      for (const it of s) it.y = Math.min(bottom - it.h / 2, Math.max(top + it.h / 2, it.y));
      if (!moved) break;
    }
    // a last downward sweep settles what the bounds pushed back
    for (let i = 1; i < s.length; i++) s[i].y = Math.max(s[i].y, s[i - 1].y + (s[i - 1].h + s[i].h) / 2 + 2);
    // and an upward one, if that pushed the last below the bottom
    if (s.length && s[s.length - 1].y > bottom - s[s.length - 1].h / 2) {
      s[s.length - 1].y = bottom - s[s.length - 1].h / 2;
      for (let i = s.length - 2; i >= 0; i--) s[i].y = Math.min(s[i].y, s[i + 1].y - (s[i].h + s[i + 1].h) / 2 - 2);
    }
    return s;
  }

  // view: {dates, upto, colour, series: [{id, label, values}], compare:
  // [{values}] or null, compareLabel, eventTicks, yTitle}
  function draw(canvas, view) {
    const dpr = window.devicePixelRatio || 1;
    const W = canvas.clientWidth, H = canvas.clientHeight;
    canvas.width = Math.round(W * dpr);
    canvas.height = Math.round(H * dpr);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const fs = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const family = getComputedStyle(document.body).fontFamily;
    ctx.font = fs + 'px ' + family;
    const labelW = view.series.reduce((m, s) => Math.max(m, ctx.measureText(s.label).width), 0);
    const left = ctx.measureText('100%').width + 10, right = labelW + fs * 2.2, top = fs * 0.8, bottom = fs * 1.8;
    const pw = Math.max(10, W - left - right), ph = Math.max(10, H - top - bottom);
    const T = view.dates.length - 1;
    const X = (t) => left + (T > 0 ? (t / T) * pw : 0);
    // the vertical scale: 0 to a round value above the largest share of the
    // whole run (and of the kept run), so it does not jump while playing
    let top1 = 0;
    for (const s of view.series.concat(view.compare || [])) for (const v of s.values) if (v > top1) top1 = v;
    const ymax = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1].find((m) => m >= top1 * 1.04) || 1;
    const ystep = ymax <= 0.2 ? 0.05 : ymax <= 0.6 ? 0.1 : 0.2;
    const Y = (v) => top + (1 - v / ymax) * ph;

    // grid and axes
    ctx.strokeStyle = '#dde2e7';
    ctx.lineWidth = 1;
    ctx.fillStyle = '#1b1f24';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let i = 0; i * ystep <= ymax + 1e-9; i++) {
      const v = i * ystep;
      ctx.beginPath(); ctx.moveTo(left, Y(v)); ctx.lineTo(left + pw, Y(v)); ctx.stroke();
      ctx.fillText(Math.round(v * 100) + '%', left - 5, Y(v));
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const step = Math.max(1, Math.ceil(T / Math.max(1, Math.floor(pw / (fs * 4)))));
    let years = [];
    for (let t = 0; t <= T; t++) {
      const d = view.dates[t];
      if (/^\d{4}$/.test(d) || /-01$/.test(d) || /-Q1$/.test(d)) years.push(t);
    }
    if (years.length < 2) { years = []; for (let t = 0; t <= T; t += step) years.push(t); }
    let lastX = -Infinity;
    for (const t of years) {
      const x = X(t), text = view.dates[t].slice(0, 4);
      const w = ctx.measureText(text).width;
      if (x - w / 2 < lastX + 6) continue;
      ctx.beginPath(); ctx.moveTo(x, top + ph); ctx.lineTo(x, top + ph + 4); ctx.stroke();
      ctx.fillText(text, x, top + ph + 5);
      lastX = x + w / 2;
    }
    // scheduled events: small marks along the top
    ctx.fillStyle = '#e69f00';
    for (const t of view.eventTicks) if (t >= 0 && t <= T) ctx.fillRect(X(t) - 2, top, 4, fs * 0.5);

    const upto = Math.min(view.upto, T);
    const line = (values, dash, width, alpha) => {
      ctx.setLineDash(dash);
      ctx.lineWidth = width;
      ctx.globalAlpha = alpha;
      ctx.beginPath();
      for (let t = 0; t <= upto; t++) {
        const v = values[t];
        if (v == null) continue;
        if (t === 0) ctx.moveTo(X(t), Y(v)); else ctx.lineTo(X(t), Y(v));
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.globalAlpha = 1;
    };
    ctx.strokeStyle = view.colour;
    if (view.compare) view.compare.forEach((s, i) => { ctx.strokeStyle = '#7a828a'; line(s.values, DASHES[i % DASHES.length], Math.max(2, fs / 8), 0.75); });
    ctx.strokeStyle = view.colour;
    view.series.forEach((s, i) => line(s.values, DASHES[i % DASHES.length], Math.max(2.5, fs / 6), 1));

    if (view.compare && view.compareLabel) {
      ctx.fillStyle = '#5a6169';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'top';
      ctx.fillText(view.compareLabel, left + pw - 4, top + fs * 0.6);
    }
    // current tick
    ctx.strokeStyle = '#1b1f24';
    ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(X(upto), top); ctx.lineTo(X(upto), top + ph); ctx.stroke();

    // end markers and labels
    // names at the ends of the lines: the twelve highest at this tick, at most
    const items = view.series.map((s, i) => ({ i: i, id: s.id, y: Y(s.values[upto]), h: fs * 1.15, y0: Y(s.values[upto]) }))
      .sort((a, b) => a.y - b.y).slice(0, 12);
    const placed = spread(items, top, top + ph + bottom * 0.6);
    const boxes = [];
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const it of placed) {
      const s = view.series[it.i];
      ctx.fillStyle = view.colour;
      ctx.strokeStyle = view.colour;
      ctx.lineWidth = 2;
      marker(ctx, it.i, X(upto), it.y0, fs * 0.3);
      if (it.i % 5 === 4) ctx.stroke(); else ctx.fill();
      const lx = left + pw + fs * 0.9;
      ctx.strokeStyle = '#8a949e';
      ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(X(upto) + fs * 0.4, it.y0); ctx.lineTo(lx - 2, it.y); ctx.stroke();
      ctx.fillStyle = '#1b1f24';
      marker(ctx, it.i, lx + fs * 0.35, it.y, fs * 0.3);
      if (it.i % 5 === 4) { ctx.strokeStyle = '#1b1f24'; ctx.stroke(); } else ctx.fill();
      const w = ctx.measureText(s.label).width;
      ctx.fillText(s.label, lx + fs * 0.9, it.y);
      boxes.push({ id: s.id, x: lx, y: it.y - it.h / 2, w: w + fs * 0.9, h: it.h });
    }
    return { labels: boxes, plot: { x: left, y: top, w: pw, h: ph } };
  }

  return { draw: draw, DASHES: DASHES, spread: spread };
})();
