// The web edition's page: controls, settings, what the class sees. Every
// number of the model comes from the engine compiled to WebAssembly (the gw_*
// functions of render/web/gg_web.c); this file only arranges and draws them.
'use strict';

(function () {
  const DATA = window.GG_DATA;
  // Okabe & Ito (2008), "Color Universal Design": eight colours that readers
  // with any common colour-vision deficiency can tell apart. Power p takes
  // colour p (and pattern p, so print-outs in grey work too); autonomy is grey.
  const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#F0E442', '#000000'];
  const AUTONOMY = '#BDBDBD';
  const SPEEDS = [1, 2, 4, 8, 16]; // ticks per second

  const $ = (id) => document.getElementById(id);
  const S = (key, vars) => {
    let s = (DATA.strings[page.lang] && DATA.strings[page.lang][key]) || DATA.strings.en[key] || key;
    if (vars) for (const k of Object.keys(vars)) s = s.split('{' + k + '}').join(vars[k]);
    return s;
  };

  const page = {
    lang: 'en',
    engine: null,
    scenario: null, // {file, name, text, own}
    info: null, // gw_load's answer
    settings: new Map(), // path -> value text, in the order they were made
    seed: '',
    run: null, // gw_run's answer
    tick: 0,
    playing: false,
    speed: 1,
    comp: 1, // the component the chart shows
    whyState: 0,
    whyComp: -1, // -1: the one that moved most
    kept: null, // {ticks, label}
    pendingOwn: null, // a link's settings for a file the class has yet to open
    layout: { map: null, chart: null },
    explainCache: new Map(),
  };

  // ---- the engine ----------------------------------------------------------

  function call(name, types, args) {
    const text = page.engine.ccall(name, 'string', types || [], args || []);
    return JSON.parse(text);
  }

  function message(text, isError) {
    const m = $('message');
    m.textContent = text;
    m.className = isError ? 'error' : '';
    m.hidden = false;
    clearTimeout(message.timer);
    message.timer = setTimeout(() => { m.hidden = true; }, isError ? 9000 : 4000);
  }

  // ---- names in the interface language -------------------------------------

  function stateName(s) {
    const st = page.info.states[s];
    return DATA.strings[page.lang]['state.' + st.id] || st.name;
  }
  function compName(k) {
    if (k === 0) return S('autonomy');
    const p = page.info.powers[k - 1];
    return DATA.strings[page.lang]['power.' + p.id] || p.name;
  }
  function compColour(k) {
    return k === 0 ? AUTONOMY : OKABE_ITO[(k - 1) % OKABE_ITO.length];
  }
  function compPattern(k) {
    return k === 0 ? -1 : (k - 1) % 6;
  }
  function channelName(c) {
    const id = page.info.channels[c].id;
    return DATA.strings[page.lang]['channel.' + id] || id;
  }
  function pct(v) {
    return (v * 100).toFixed(1) + '%';
  }
  function signed(v, digits) {
    const t = Math.abs(v).toFixed(digits);
    if (Number(t) === 0) return '±' + t;
    return (v > 0 ? '+' : '−') + t;
  }
  function dateText(t) {
    const d = page.info.dates[t];
    const m = /^(\d{4})-(\d{2})$/.exec(d);
    if (!m) return d;
    const when = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    return new Intl.DateTimeFormat(page.lang === 'ru' ? 'ru-RU' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(when);
  }
  function unitPerTick(c) {
    const unit = page.info.channels[c].unit || '';
    const u = DATA.strings[page.lang]['unit.' + unit] || unit;
    return S('per_' + page.info.step, { unit: u });
  }

  // ---- loading and running ---------------------------------------------------

  function loadScenario(sc, fromHash) {
    const info = call('gw_load', ['string', 'string'], [sc.text, sc.file]);
    if (!info.ok) {
      message(S('bad_scenario', { error: info.error }), true);
      return false;
    }
    page.scenario = sc;
    page.info = info;
    page.settings = new Map();
    page.seed = info.seed;
    page.tick = 0;
    page.kept = null;
    page.comp = Math.min(1, info.components.length - 1);
    page.whyState = 0;
    page.whyComp = -1;
    page.explainCache.clear();
    if (fromHash) applyHash(fromHash);
    buildScenarioControls();
    rerun();
    return true;
  }

  // The settings and seed, applied to the scenario as loaded, then a run from
  // tick 0 with the seed. Settings the engine refuses are dropped with a message.
  function rerun() {
    call('gw_reset');
    const seedAnswer = call('gw_seed', ['string'], [page.seed]);
    if (!seedAnswer.ok) {
      message(seedAnswer.error, true);
      page.seed = page.info.seed;
      call('gw_seed', ['string'], [page.seed]);
    }
    for (const [path, value] of Array.from(page.settings)) {
      const a = call('gw_set', ['string', 'string'], [path, value]);
      if (!a.ok) {
        message(a.error, true);
        page.settings.delete(path);
      }
    }
    const r = call('gw_run');
    if (!r.ok) {
      message(r.error, true);
      return;
    }
    page.run = r;
    page.explainCache.clear();
    writeHash();
    render();
  }

  // ---- the link: #scenario=FILE&seed=N&set=PATH=VALUE;... --------------------

  function writeHash() {
    const parts = ['scenario=' + encodeURIComponent(page.scenario.own ? 'own:' + page.scenario.file : page.scenario.file)];
    if (page.seed !== page.info.seed) parts.push('seed=' + page.seed);
    for (const [path, value] of page.settings) parts.push('set=' + encodeURIComponent(path + '=' + value));
    if (page.lang !== 'en') parts.push('lang=' + page.lang);
    const h = '#' + parts.join('&');
    if (location.hash !== h) history.replaceState(null, '', h);
  }

  function parseHash(h) {
    const out = { scenario: null, seed: null, set: [], lang: null };
    for (const part of h.replace(/^#/, '').split('&')) {
      if (!part) continue;
      const i = part.indexOf('=');
      const key = i < 0 ? part : part.slice(0, i);
      const value = i < 0 ? '' : decodeURIComponent(part.slice(i + 1));
      if (key === 'scenario') out.scenario = value;
      else if (key === 'seed') out.seed = value;
      else if (key === 'lang') out.lang = value;
      else if (key === 'set') {
        const j = value.lastIndexOf('=');
        if (j > 0) out.set.push([value.slice(0, j), value.slice(j + 1)]);
      }
    }
    return out;
  }

  function applyHash(h) {
    if (h.seed != null) page.seed = h.seed;
    for (const [path, value] of h.set) page.settings.set(path, value);
  }

  // ---- controls built for a scenario ----------------------------------------

  function budgetRange(c) {
    let top = 0;
    for (const p of page.info.powers) top = Math.max(top, p.budget[c]);
    return top > 0 ? Number((DATA.sliders.budget.factor * top).toPrecision(12)) : 1;
  }

  function niceStep(hi) {
    const raw = hi / 300;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    return raw / p >= 5 ? 5 * p : raw / p >= 2 ? 2 * p : p;
  }

  function trimNumber(v) {
    return String(Number(v.toPrecision(12)));
  }

  function makeSlider(parent, label, unit, path, lo, hi, step, value, original) {
    const div = document.createElement('div');
    div.className = 'slider';
    const id = 'sl-' + path.replace(/[^A-Za-z0-9]/g, '_');
    div.innerHTML = '<label for="' + id + '"><span class="name"></span> <span class="val"></span> <span class="unit"></span></label>' +
      '<input type="range" id="' + id + '">';
    div.querySelector('.name').textContent = label;
    div.querySelector('.unit').textContent = unit;
    const input = div.querySelector('input');
    // step "any": the scenario's own value stays exact (a grid would snap
    // 16.5 to 16); a moved slider is rounded to `step`, within lo..hi.
    input.min = String(lo);
    input.max = String(hi);
    input.step = 'any';
    input.value = String(value);
    input.dataset.path = path;
    const show = () => {
      const v = Number(input.value);
      div.querySelector('.val').textContent = String(Number(v.toPrecision(4)));
      div.classList.toggle('changed', page.settings.has(path));
    };
    input.addEventListener('input', () => {
      // the ends of the range are kept exact; between them, steps of `step`
      const x = Number(input.value);
      const v = x >= hi ? hi : x <= lo ? lo : Math.min(hi, Math.max(lo, Math.round(x / step) * step));
      page.settings.set(path, trimNumber(v));
      show();
      rerun();
    });
    show();
    parent.appendChild(div);
    div.dataset.original = String(original);
    return div;
  }

  function buildSliders() {
    const list = $('slider-list');
    list.textContent = '';
    const info = page.info;
    info.powers.forEach((p, i) => {
      const h = document.createElement('h3');
      h.innerHTML = '<span class="swatch"></span><span></span>';
      h.firstChild.style.background = compColour(i + 1);
      h.lastChild.textContent = S('budgets_of', { power: compName(i + 1) });
      list.appendChild(h);
      info.channels.forEach((ch, c) => {
        const path = 'powers.' + p.id + '.budget.' + ch.id;
        const hi = budgetRange(c);
        const value = page.settings.has(path) ? Number(page.settings.get(path)) : p.budget[c];
        makeSlider(list, channelName(c), unitPerTick(c), path, 0, hi, niceStep(hi), value, p.budget[c]);
      });
    });
    const h = document.createElement('h3');
    h.textContent = S('judgments');
    list.appendChild(h);
    for (const j of DATA.sliders.judgments) {
      const first = info.states.length ? info.states[0][j.key] : null;
      if (first == null) continue;
      const same = info.states.every((s) => s[j.key] === first);
      const value = page.settings.has(j.path) ? Number(page.settings.get(j.path)) : first;
      const d = makeSlider(list, S('judgment.' + j.key) + (same ? '' : ' ' + S('varies')), S('unit.judgment.' + j.key),
        j.path, j.lo, j.hi, j.step, value, first);
      d.title = j.reason;
    }
  }

  function buildScenarioControls() {
    const info = page.info;
    $('timeline').max = String(info.ticks);
    $('seed').value = page.seed;
    buildSliders();
    const cb = $('comp-buttons');
    cb.textContent = '';
    info.components.forEach((_, k) => {
      const b = document.createElement('button');
      b.textContent = compName(k);
      b.dataset.k = String(k);
      b.addEventListener('click', () => { page.comp = k; render(); });
      cb.appendChild(b);
    });
    const ws = $('why-state');
    ws.textContent = '';
    info.states.forEach((_, s) => {
      const o = document.createElement('option');
      o.value = String(s);
      o.textContent = stateName(s);
      ws.appendChild(o);
    });
    ws.value = String(page.whyState);
    const wc = $('why-comps');
    wc.textContent = '';
    info.components.forEach((_, k) => {
      const b = document.createElement('button');
      b.textContent = compName(k);
      b.dataset.k = String(k);
      b.addEventListener('click', () => { page.whyComp = k; render(); });
      wc.appendChild(b);
    });
    const sel = $('scenario');
    if (page.scenario.own) {
      let o = sel.querySelector('option[data-own]');
      if (!o) { o = document.createElement('option'); o.dataset.own = '1'; sel.appendChild(o); }
      o.value = 'own:' + page.scenario.file;
      o.textContent = S('own_file', { file: page.scenario.file });
    }
    sel.value = page.scenario.own ? 'own:' + page.scenario.file : page.scenario.file;
  }

  // ---- drawing -------------------------------------------------------------

  function shares(t) {
    return page.run.ticks[t].share;
  }

  function renderMap() {
    const info = page.info, t = page.tick, tk = page.run.ticks[t];
    const fills = info.states.map((_, s) => {
      const k = tk.dominant[s];
      return { colour: compColour(k), pattern: compPattern(k) };
    });
    const labels = info.states.map((_, s) => {
      const k = tk.dominant[s];
      return [stateName(s), compName(k) + ' ' + pct(tk.share[s][k])];
    });
    const legend = info.components.map((_, k) => ({ colour: compColour(k), pattern: compPattern(k), text: compName(k) }));
    page.layout.map = GGMap.draw($('map'), {
      states: info.states,
      outlines: DATA.outlines,
      fills: fills,
      labels: labels,
      legend: legend,
    });
    $('map').setAttribute('aria-label', S('map_label', { date: dateText(t) }));
  }

  function renderChart() {
    const info = page.info, k = page.comp;
    const series = info.states.map((st, s) => ({
      id: st.id,
      label: stateName(s),
      values: page.run.ticks.map((tk) => tk.share[s][k]),
    }));
    const compare = page.kept ? info.states.map((_, s) => ({ values: page.kept.ticks.map((tk) => tk.share[s][k]) })) : null;
    page.layout.chart = GGChart.draw($('chart'), {
      dates: info.dates,
      upto: page.tick,
      colour: compColour(k) === AUTONOMY ? '#555555' : compColour(k),
      series: series,
      compare: compare,
      compareLabel: S('kept_run'),
      // scheduled events (a random shock has no date of its own)
      eventTicks: info.events.filter((e) => e.type !== 'shock').map((e) => e.at),
    });
    for (const b of $('comp-buttons').children) b.classList.toggle('on', Number(b.dataset.k) === k);
    $('chart').setAttribute('aria-label', S('chart_label', { comp: compName(k) }));
  }

  function renderMonitors() {
    const info = page.info, t = page.tick, now = page.run.ticks[t], start = page.run.ticks[0];
    const tbl = $('monitors');
    let html = '<thead><tr><th></th>';
    info.components.forEach((_, k) => {
      const short = k === 0 ? S('autonomy_short') : info.components[k];
      html += '<th title="' + esc(compName(k)) + '"><span class="swatch" style="background:' + compColour(k) + ';width:0.8rem;height:0.8rem"></span> ' + esc(short) + '</th>';
    });
    html += '</tr></thead><tbody>';
    info.states.forEach((st, s) => {
      html += '<tr data-state="' + esc(st.id) + '"><td>' + esc(stateName(s)) + '</td>';
      info.components.forEach((_, k) => {
        const v = now.share[s][k], d = (v - start.share[s][k]) * 100;
        html += '<td' + (now.dominant[s] === k ? ' class="dom"' : '') + ' data-k="' + k + '">' + (v * 100).toFixed(1) +
          '<span class="d">' + signed(d, 1) + '</span></td>';
      });
      html += '</tr>';
    });
    html += '<tr class="region"><td>' + esc(S('region')) + '</td>';
    info.components.forEach((_, k) => {
      const v = now.region[k], d = (v - start.region[k]) * 100;
      html += '<td>' + (v * 100).toFixed(1) + '<span class="d">' + signed(d, 1) + '</span></td>';
    });
    html += '</tr></tbody>';
    tbl.innerHTML = html;
  }

  function esc(s) {
    return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  }

  function explain(s, to) {
    const key = s + '/' + to;
    if (!page.explainCache.has(key)) page.explainCache.set(key, call('gw_explain', ['number', 'number'], [s, to]));
    return page.explainCache.get(key);
  }

  function renderWhy() {
    const info = page.info, t = page.tick, s = page.whyState;
    const text = $('why-text'), bars = $('why-bars');
    bars.textContent = '';
    $('why-state').value = String(s);
    const start = page.run.ticks[0].share[s], now = page.run.ticks[t].share[s];
    let k = page.whyComp;
    if (k < 0) { // the component that moved most
      k = 0;
      for (let j = 1; j < now.length; j++) if (Math.abs(now[j] - start[j]) > Math.abs(now[k] - start[k])) k = j;
    }
    for (const b of $('why-comps').children) b.classList.toggle('on', Number(b.dataset.k) === k);
    $('why-note').textContent = '';
    if (t < 1) {
      text.textContent = S('why_start');
      return;
    }
    const ex = explain(s, t);
    if (!ex.ok) {
      text.textContent = ex.error;
      return;
    }
    const terms = ex.components[k];
    const util = terms.find((x) => x.kind === 'utility');
    // the terms that play a part here: a bloc the power does not sponsor,
    // or a channel of autonomy, is 0 at both ends and left out
    const parts = terms.filter((x) => x.kind !== 'share' && x.kind !== 'utility' && (x.from !== 0 || x.to !== 0));
    const change = (x) => x.to - x.from;
    const ranked = parts.filter((x) => Math.abs(change(x)) >= 0.0005).sort((a, b) => Math.abs(change(b)) - Math.abs(change(a)));
    const termName = (x) => {
      if (x.kind === 'channel') return channelName(x.index);
      if (x.kind === 'bloc') return S('term.bloc', { bloc: x.label.replace(/^bloc /, '') });
      if (x.kind === 'affinity' && k === 0) return S('term.autonomy');
      return S('term.' + x.kind);
    };
    const moved = now[k] - start[k];
    let words = S(moved > 0.0005 ? 'why_rose' : moved < -0.0005 ? 'why_fell' : 'why_held', {
      comp: compName(k), state: stateName(s), from: pct(start[k]), to: pct(now[k]), d0: dateText(0), d1: dateText(t),
    });
    if (ranked.length) {
      words += ' ' + S('why_most', { list: ranked.slice(0, 3).map((x) => termName(x) + ' ' + signed(change(x), 2)).join(', ') });
    }
    text.textContent = words;
    $('why-note').textContent = S('why_utility', { d: signed(change(util), 2), d0: dateText(ex.from), d1: dateText(ex.to) }) + ' ' + S('why_relative');
    const top = Math.max(1e-9, ...parts.map((x) => Math.abs(change(x))), Math.abs(change(util)));
    const colour = compColour(k) === AUTONOMY ? '#666666' : compColour(k);
    for (const x of parts.concat([util])) {
      const d = change(x);
      const row = document.createElement('div');
      row.className = 'bar' + (x.kind === 'utility' ? ' total' : '');
      row.innerHTML = '<span class="lab"></span><span class="track"><span class="fill"></span><span class="zero"></span></span><span class="num"></span>';
      row.querySelector('.lab').textContent = x.kind === 'utility' ? S('term.utility') : termName(x);
      const f = row.querySelector('.fill');
      const w = (Math.abs(d) / top) * 50;
      f.style.width = w + '%';
      f.style.left = d >= 0 ? '50%' : 50 - w + '%';
      f.style.background = d >= 0 ? colour : '#555555';
      row.querySelector('.num').textContent = signed(d, 2);
      row.dataset.kind = x.kind;
      row.dataset.change = String(d);
      bars.appendChild(row);
    }
  }

  // GG-2 only: the selected state's ties with each power and its hedging
  // capacity (the sum of its ties with all but the strongest) at this tick,
  // as bars on one scale for every state and tick of the run.
  function renderTies() {
    const info = page.info, t = page.tick, s = page.whyState, box = $('ties'), bars = $('ties-bars');
    const gg2 = info.model === 2 && Array.isArray(page.run.ticks[0].ties);
    box.hidden = !gg2;
    bars.textContent = '';
    if (!gg2) return;
    if (t < 1) {
      bars.textContent = S('ties_start');
      return;
    }
    let top = 1e-9;
    for (const tk of page.run.ticks) {
      for (const row of tk.ties) for (const v of row) top = Math.max(top, v);
      for (const v of tk.hedging) top = Math.max(top, v);
    }
    const tk = page.run.ticks[t];
    const rows = tk.ties[s].map((v, p) => ({ kind: 'tie', label: compName(p + 1), colour: compColour(p + 1), id: info.powers[p].id, v: v }));
    rows.push({ kind: 'hedge', label: S('hedging'), colour: null, id: 'hedging', v: tk.hedging[s] });
    for (const r of rows) {
      const row = document.createElement('div');
      row.className = 'bar ' + r.kind;
      row.innerHTML = '<span class="lab"></span><span class="track"><span class="fill"></span></span><span class="num"></span>';
      row.querySelector('.lab').textContent = r.label;
      if (r.kind === 'hedge') row.title = S('hedging_title');
      const f = row.querySelector('.fill');
      f.style.width = (Math.max(0, r.v) / top) * 100 + '%';
      if (r.colour) f.style.background = r.colour;
      row.querySelector('.num').textContent = r.v.toFixed(2);
      row.dataset.power = r.id;
      row.dataset.value = String(r.v);
      bars.appendChild(row);
    }
  }

  function renderLog() {
    const info = page.info, t = page.tick;
    const log = $('log');
    log.textContent = '';
    for (let u = 1; u <= t; u++) {
      for (const [e, s] of page.run.ticks[u].fired) {
        const ev = info.events[e];
        const li = document.createElement('li');
        li.innerHTML = '<span class="when"></span><span class="what"></span>';
        li.firstChild.textContent = dateText(u);
        if (ev.type === 'shock') {
          const r = document.createElement('span');
          r.className = 'random';
          r.textContent = S('random');
          li.insertBefore(r, li.lastChild);
        }
        let what = S('ev.' + ev.type);
        if (s >= 0) what += ' (' + stateName(s) + ')';
        if (ev.note) what += ': ' + ev.note;
        li.lastChild.textContent = what;
        li.dataset.tick = String(u);
        li.dataset.type = ev.type;
        log.appendChild(li);
      }
    }
    if (!log.children.length) {
      const li = document.createElement('li');
      li.textContent = S('no_events');
      log.appendChild(li);
    }
    log.scrollTop = log.scrollHeight;
  }

  function render() {
    if (!page.run) return;
    page.tick = Math.max(0, Math.min(page.tick, page.info.ticks));
    $('timeline').value = String(page.tick);
    $('date').textContent = dateText(page.tick);
    $('go').textContent = page.playing ? S('pause') : S('go');
    $('keep').textContent = page.kept ? S('unkeep') : S('keep');
    for (const b of $('speeds').children) b.classList.toggle('on', Number(b.dataset.speed) === page.speed);
    renderMap();
    renderChart();
    renderMonitors();
    renderWhy();
    renderTies();
    renderLog();
  }

  // ---- playing ----------------------------------------------------------------

  let lastFrame = 0, carry = 0;
  function frame(now) {
    if (!page.playing) return;
    if (lastFrame) carry += ((now - lastFrame) / 1000) * page.speed;
    lastFrame = now;
    if (carry >= 1) {
      const n = Math.floor(carry);
      carry -= n;
      page.tick = Math.min(page.info.ticks, page.tick + n);
      if (page.tick >= page.info.ticks) page.playing = false;
      render();
    }
    if (page.playing) requestAnimationFrame(frame);
  }
  function play(on) {
    page.playing = on && page.tick < page.info.ticks;
    lastFrame = 0;
    carry = 0;
    render();
    if (page.playing) requestAnimationFrame(frame);
  }

  // ---- files --------------------------------------------------------------------

  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function baseName() {
    return page.scenario.file.replace(/\.json$/i, '');
  }

  function savedScenario() {
    const a = call('gw_save');
    if (!a.ok) {
      message(a.error, true);
      return null;
    }
    return a.text;
  }

  // ---- language -----------------------------------------------------------------

  function setLanguage(lang) {
    page.lang = DATA.strings[lang] ? lang : 'en';
    document.documentElement.lang = page.lang;
    for (const el of document.querySelectorAll('[data-s]')) el.textContent = S(el.dataset.s);
    for (const el of document.querySelectorAll('[data-t]')) el.title = S(el.dataset.t);
    $('lang').textContent = S('lang_other');
    $('back').title = S('step_back_title');
    buildSpeeds();
    if (page.info) {
      buildScenarioControls();
      writeHash();
      render();
    }
  }

  function buildSpeeds() {
    const g = $('speeds');
    g.textContent = '';
    g.setAttribute('aria-label', S('speed'));
    for (const v of SPEEDS) {
      const b = document.createElement('button');
      b.dataset.speed = String(v);
      b.textContent = S('speed_n', { n: v });
      b.title = S('speed_title', { n: v, step: S('step_' + (page.info ? page.info.step : 'month')) });
      b.addEventListener('click', () => { page.speed = v; render(); });
      g.appendChild(b);
    }
  }

  // ---- wiring ----------------------------------------------------------------------

  function wire() {
    const sel = $('scenario');
    for (const sc of DATA.library) {
      const o = document.createElement('option');
      o.value = sc.file;
      o.textContent = sc.name;
      sel.appendChild(o);
    }
    sel.addEventListener('change', () => {
      const sc = DATA.library.find((x) => x.file === sel.value);
      if (sc) { play(false); loadScenario({ file: sc.file, name: sc.name, text: sc.text, own: false }); }
    });
    $('open').addEventListener('click', () => $('file').click());
    $('file').addEventListener('change', () => {
      const f = $('file').files[0];
      if (!f) return;
      f.text().then((text) => {
        play(false);
        // a link made with this file: its seed and settings apply now
        const pending = page.pendingOwn && page.pendingOwn.scenario === 'own:' + f.name ? page.pendingOwn : null;
        if (loadScenario({ file: f.name, name: f.name, text: text, own: true }, pending)) {
          if (pending) page.pendingOwn = null;
          message(S('loaded', { file: f.name }));
        }
        $('file').value = '';
      });
    });
    $('setup').addEventListener('click', () => { play(false); page.tick = 0; rerun(); });
    $('go').addEventListener('click', () => play(!page.playing));
    $('step').addEventListener('click', () => { play(false); page.tick = Math.min(page.info.ticks, page.tick + 1); render(); });
    $('back').addEventListener('click', () => {
      play(false);
      page.tick = Math.max(0, page.tick - 1);
      rerun(); // the run again from the seed: the same bits, shown one tick earlier
    });
    $('timeline').addEventListener('input', () => {
      page.playing = false;
      page.tick = Number($('timeline').value);
      render();
    });
    $('seed').addEventListener('change', () => {
      const v = $('seed').value.trim();
      if (!/^\d+$/.test(v)) { message(S('bad_seed'), true); $('seed').value = page.seed; return; }
      page.seed = v;
      rerun();
    });
    $('reset').addEventListener('click', () => {
      page.settings = new Map();
      page.seed = page.info.seed;
      $('seed').value = page.seed;
      buildSliders();
      rerun();
    });
    $('why-state').addEventListener('change', () => { page.whyState = Number($('why-state').value); page.whyComp = -1; render(); });
    $('save').addEventListener('click', () => {
      const text = savedScenario();
      if (text) download(baseName() + '-class.json', text, 'application/json');
    });
    $('csv').addEventListener('click', () => download(baseName() + '-alignment.csv', page.engine.ccall('gw_csv', 'string', [], []), 'text/csv'));
    $('share').addEventListener('click', () => {
      writeHash();
      const link = location.href;
      const done = () => message(S('link_copied'));
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(link).then(done, () => message(link));
      else message(S('link_here', { link: link }));
    });
    $('keep').addEventListener('click', () => {
      page.kept = page.kept ? null : { ticks: page.run.ticks };
      render();
    });
    $('lang').addEventListener('click', () => setLanguage(page.lang === 'en' ? 'ru' : 'en'));
    window.addEventListener('resize', () => render());
    window.addEventListener('keydown', (e) => {
      if (e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT')) return;
      if (e.key === ' ') { e.preventDefault(); play(!page.playing); }
      else if (e.key === 'ArrowRight') $('step').click();
      else if (e.key === 'ArrowLeft') $('back').click();
    });
  }

  // What tests and curious users can read: the layout boxes and the numbers shown.
  window.ggPage = {
    ready: false,
    state: () => ({ tick: page.tick, ticks: page.info.ticks, scenario: page.scenario.file, seed: page.seed, settings: Array.from(page.settings), lang: page.lang }),
    shares: (t) => shares(t == null ? page.tick : t),
    model: () => page.info.model,
    components: () => page.info.components.slice(),
    stateIds: () => page.info.states.map((s) => s.id),
    layout: () => ({ map: page.layout.map, chart: page.layout.chart }),
    csv: () => page.engine.ccall('gw_csv', 'string', [], []),
    savedScenario: () => savedScenario(),
    version: () => call('gw_version'),
  };

  function start() {
    wire();
    const h = parseHash(location.hash);
    setLanguage(h.lang || ((navigator.language || '').startsWith('ru') ? 'ru' : 'en'));
    let sc = DATA.library.find((x) => x.file === h.scenario);
    if (h.scenario && !sc) {
      if (/^own:/.test(h.scenario)) page.pendingOwn = h;
      message(S('link_own', { file: h.scenario.replace(/^own:/, '') }), true);
    }
    if (!sc) sc = DATA.library.find((x) => x.file === 'central_asia_2020_gg2.json') || DATA.library[0];
    loadScenario({ file: sc.file, name: sc.name, text: sc.text, own: false }, sc.file === h.scenario ? h : null);
    window.ggPage.ready = true;
  }

  createGreatgame().then((engine) => {
    page.engine = engine;
    start();
  }, (e) => message('The engine could not start: ' + e, true));
})();
