// The web edition in a real browser: Debian's chromium, headless, driven by
// puppeteer-core (no browser download). One check per call:
//
//   node browser_test.js CHECK SITE_DIR NATIVE_GREATGAME OUT_DIR
//
// CHECK is one of
//   identical    the baseline run to its end: the shares the page holds and
//                shows, and its CSV, equal `greatgame run -o -` exactly
//   slider       moving a budget slider changes the trajectory (and only
//                from a re-run: back to the old value gives the old bits)
//   save         the saved scenario passes `greatgame validate` and runs,
//                natively, to the shares the page shows
//   labels       no two label boxes overlap (map and chart), at both sizes,
//                from the page's own layout data
//   screenshots  PNGs at 1280x720 and 1920x1080 (English and Russian) in
//                OUT_DIR, and the text is never smaller than 16 px
//   link         the link (URL fragment) carries the settings to a new page
//   file         the file picker runs a class's own scenario (as the native
//                program does) and refuses a bad one with the program's message
//   ties         a GG-2 scenario: the selected state's ties and hedging
//                capacity equal the native ties.csv, as bars on one scale; a
//                GG-1 scenario shows no ties
// Exit status: 0 pass, 1 fail, 2 bad usage.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const puppeteer = require('puppeteer-core');

const CHROMIUM = process.env.GG_CHROMIUM || '/usr/bin/chromium';

function usage() {
  process.stderr.write('usage: node browser_test.js identical|slider|save|labels|screenshots|link|file|ties SITE_DIR NATIVE_GREATGAME OUT_DIR\n');
  process.exit(2);
}
if (process.argv.length !== 6) usage();
const [check, site, native, outDir] = process.argv.slice(2);
const index = path.resolve(site, 'index.html');
if (!fs.existsSync(index)) {
  process.stderr.write(index + ': no such file (build the web edition first)\n');
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
const pageUrl = 'file://' + index;

let failures = 0;
function ok(cond, what) {
  console.log((cond ? 'PASS ' : 'FAIL ') + what);
  if (!cond) failures++;
}

function nativeRun(args) {
  return execFileSync(native, ['run'].concat(args).concat(['-o', '-']), { encoding: 'utf8', maxBuffer: 1 << 28 });
}

// rows of an alignment CSV -> map "tick,state,component" -> the share's text
function csvShares(text) {
  const lines = text.trim().split('\n');
  const head = lines[0].split(',');
  const it = head.indexOf('tick'), is = head.indexOf('state'), ic = head.indexOf('component'), iv = head.indexOf('share');
  const m = new Map();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    m.set(f[it] + ',' + f[is] + ',' + f[ic], f[iv]);
  }
  return m;
}

async function open(browser, width, height, hash) {
  const page = await browser.newPage();
  await page.setViewport({ width: width, height: height, deviceScaleFactor: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(pageUrl + (hash || ''), { waitUntil: 'load' });
  await page.waitForFunction('window.ggPage && window.ggPage.ready', { timeout: 30000 });
  page.ggErrors = errors;
  return page;
}

async function toEnd(page) {
  // Go, at the fastest speed, then wait for the last tick
  await page.click('#speeds button:last-child');
  await page.click('#go');
  await page.waitForFunction('window.ggPage.state().tick === window.ggPage.state().ticks', { timeout: 60000 });
}

async function checkIdentical(browser) {
  const page = await open(browser, 1280, 720);
  await toEnd(page);
  const st = await page.evaluate(() => window.ggPage.state());
  ok(st.scenario === 'central_asia_2020_gg2.json' && st.settings.length === 0, 'the page opens on the default (GG-2) baseline with no settings');
  const nativeCsv = nativeRun([]);
  const want = csvShares(nativeCsv);
  const got = await page.evaluate(() => {
    const ids = window.ggPage.stateIds(), comps = window.ggPage.components(), T = window.ggPage.state().ticks;
    const out = [];
    for (let t = 0; t <= T; t++) {
      const sh = window.ggPage.shares(t);
      ids.forEach((id, s) => comps.forEach((c, k) => out.push([t + ',' + id + ',' + c, sh[s][k]])));
    }
    return out;
  });
  let same = got.length === want.size, first = null;
  for (const [key, v] of got) {
    if (!want.has(key) || Number(want.get(key)) !== v) {
      same = false;
      if (!first) first = key + ': page ' + v + ', native ' + want.get(key);
    }
  }
  ok(same, 'every share of every tick in the page equals greatgame run -o - (' + got.length + ' values)' + (first ? '; first difference ' + first : ''));
  const pageCsv = await page.evaluate(() => window.ggPage.csv());
  ok(pageCsv === nativeCsv, "the page's CSV equals greatgame run -o - byte for byte (" + nativeCsv.length + ' bytes)');
  // the numbers shown in the monitors are the native final shares, rounded
  const shown = await page.evaluate(() => Array.from(document.querySelectorAll('#monitors tr[data-state]')).map((tr) => [tr.dataset.state, Array.from(tr.querySelectorAll('td[data-k]')).map((td) => td.firstChild.textContent)]));
  const comps = await page.evaluate(() => window.ggPage.components());
  const T = st.ticks;
  let shownOk = shown.length > 0;
  for (const [id, cells] of shown) {
    cells.forEach((text, k) => {
      const v = Number(want.get(T + ',' + id + ',' + comps[k]));
      if (text !== (v * 100).toFixed(1)) { shownOk = false; console.log('  shown ' + id + ' ' + comps[k] + ': ' + text + ', native ' + v); }
    });
  }
  ok(shownOk, 'the monitors show the native final shares (' + shown.length + ' states)');
  ok(page.ggErrors.length === 0, 'no error in the page' + (page.ggErrors.length ? ': ' + page.ggErrors[0] : ''));
}

async function checkSlider(browser) {
  const page = await open(browser, 1280, 720);
  const before = await page.evaluate(() => window.ggPage.shares(window.ggPage.state().ticks));
  const sel = '#sl-powers_US_budget_investment';
  const old = await page.$eval(sel, (e) => e.value);
  const max = await page.$eval(sel, (e) => e.max);
  // drag the slider with the mouse to its far right end
  const box = await (await page.$(sel)).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width + 50, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const after = await page.evaluate(() => window.ggPage.shares(window.ggPage.state().ticks));
  const st = await page.evaluate(() => window.ggPage.state());
  ok(st.settings.length === 1 && st.settings[0][0] === 'powers.US.budget.investment' && Number(st.settings[0][1]) === Number(max),
    'dragging the US investment slider to its end sets powers.US.budget.investment=' + max + ' (was ' + old + '; got ' + JSON.stringify(st.settings) + ')');
  let diff = 0;
  before.forEach((row, s) => row.forEach((v, k) => { diff = Math.max(diff, Math.abs(v - after[s][k])); }));
  ok(diff > 0.001, 'the final shares change (largest change ' + diff.toFixed(4) + ')');
  const usBefore = before.reduce((m, row) => m + row[1], 0), usAfter = after.reduce((m, row) => m + row[1], 0);
  ok(usAfter > usBefore, 'more US money gives the US a larger summed share (' + usBefore.toFixed(4) + ' -> ' + usAfter.toFixed(4) + ')');
  // the same change natively
  const want = csvShares(nativeRun(['--set', 'powers.US.budget.investment=' + st.settings[0][1]]));
  const ids = await page.evaluate(() => window.ggPage.stateIds()), comps = await page.evaluate(() => window.ggPage.components());
  let same = true;
  ids.forEach((id, s) => comps.forEach((c, k) => { if (Number(want.get(st.ticks + ',' + id + ',' + c)) !== after[s][k]) same = false; }));
  ok(same, 'the changed run equals greatgame run --set powers.US.budget.investment=' + st.settings[0][1]);
  await page.click('#reset');
  const back = await page.evaluate(() => window.ggPage.shares(window.ggPage.state().ticks));
  ok(JSON.stringify(back) === JSON.stringify(before), 'Reset settings gives the first run back, bit for bit');
  ok(page.ggErrors.length === 0, 'no error in the page' + (page.ggErrors.length ? ': ' + page.ggErrors[0] : ''));
}

async function checkSave(browser) {
  const page = await open(browser, 1280, 720, '#scenario=us_pivot.json&seed=777&set=' + encodeURIComponent('states.*.backlash.strength=3.5') +
    '&set=' + encodeURIComponent('powers.CN.budget.investment=150'));
  const st = await page.evaluate(() => window.ggPage.state());
  ok(st.scenario === 'us_pivot.json' && st.seed === '777' && st.settings.length === 2, 'the link set the scenario, seed and two settings');
  const dl = path.join(outDir, 'download');
  fs.rmSync(dl, { recursive: true, force: true });
  fs.mkdirSync(dl, { recursive: true });
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dl });
  await page.click('#save');
  const file = path.join(dl, 'us_pivot-class.json');
  for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  ok(fs.existsSync(file), 'Save scenario downloads us_pivot-class.json');
  if (!fs.existsSync(file)) return;
  let valid = true, msg = '';
  try {
    msg = execFileSync(native, ['validate', file], { encoding: 'utf8' }).trim();
  } catch (e) {
    valid = false;
    msg = String(e.stderr || e.message).trim();
  }
  ok(valid, 'greatgame validate accepts it: ' + msg);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  ok(String(saved.seed) === '777', 'the saved file carries the seed 777');
  const want = csvShares(nativeRun([file]));
  const got = await page.evaluate(() => window.ggPage.shares(window.ggPage.state().ticks));
  const ids = await page.evaluate(() => window.ggPage.stateIds()), comps = await page.evaluate(() => window.ggPage.components());
  let same = true;
  ids.forEach((id, s) => comps.forEach((c, k) => { if (Number(want.get(st.ticks + ',' + id + ',' + c)) !== got[s][k]) same = false; }));
  ok(same, 'greatgame run of the saved file ends with the shares the page computed');
  ok(page.ggErrors.length === 0, 'no error in the page' + (page.ggErrors.length ? ': ' + page.ggErrors[0] : ''));
}

function overlapsOf(boxes) {
  const bad = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) bad.push(a.id + '/' + b.id);
    }
  }
  return bad;
}

async function checkLabels(browser) {
  for (const [w, h] of [[1280, 720], [1920, 1080], [1024, 640]]) {
    for (const lang of ['en', 'ru']) {
      const page = await open(browser, w, h, '#scenario=central_asia_2020.json&lang=' + lang);
      for (const t of [0, 66, 132]) {
        await page.evaluate((tick) => { const el = document.getElementById('timeline'); el.value = String(tick); el.dispatchEvent(new Event('input')); }, t);
        const lay = await page.evaluate(() => window.ggPage.layout());
        const map = lay.map.labels, chart = lay.chart.labels;
        const mapBad = overlapsOf(map), chartBad = overlapsOf(chart);
        const inside = map.every((b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= lay.map.legend.w && b.y + b.h <= lay.map.legend.y);
        ok(map.length === 5 && mapBad.length === 0 && inside, w + 'x' + h + ' ' + lang + ' tick ' + t + ': ' + map.length + ' map labels, none overlapping, all inside the map' + (mapBad.length ? ' (overlaps: ' + mapBad.join(', ') + ')' : ''));
        ok(chart.length === 5 && chartBad.length === 0, w + 'x' + h + ' ' + lang + ' tick ' + t + ': ' + chart.length + ' chart labels, none overlapping' + (chartBad.length ? ' (overlaps: ' + chartBad.join(', ') + ')' : ''));
      }
      await page.close();
    }
  }
}

async function checkScreenshots(browser) {
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    for (const lang of ['en', 'ru']) {
      const page = await open(browser, w, h, '#scenario=central_asia_2020.json&lang=' + lang);
      await page.evaluate(() => { const el = document.getElementById('timeline'); el.value = '75'; el.dispatchEvent(new Event('input')); });
      const small = await page.evaluate(() => {
        let min = Infinity, what = '';
        for (const el of document.querySelectorAll('body *')) {
          if (!el.offsetParent && el.tagName !== 'BODY') continue;
          const hasText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
          if (!hasText) continue;
          const fs = parseFloat(getComputedStyle(el).fontSize);
          if (fs < min) { min = fs; what = el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '"'; }
        }
        return { min: min, what: what };
      });
      ok(small.min >= 16, w + 'x' + h + ' ' + lang + ': the smallest text is ' + small.min + ' px (' + small.what + ')');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight);
      ok(!overflow, w + 'x' + h + ' ' + lang + ': the page fits the window (no scrolling of the whole page)');
      const file = path.join(outDir, 'web_' + w + 'x' + h + '_' + lang + '.png');
      await page.screenshot({ path: file });
      ok(fs.statSync(file).size > 20000, 'wrote ' + file);
      ok(page.ggErrors.length === 0, 'no error in the page' + (page.ggErrors.length ? ': ' + page.ggErrors[0] : ''));
      await page.close();
    }
  }
  // a kept run under a changed one, at the end: the comparison a class makes
  const page = await open(browser, 1920, 1080, '#scenario=central_asia_2020.json');
  await page.click('#keep');
  await page.$eval('#sl-powers_US_budget_investment', (e) => { e.value = e.max; e.dispatchEvent(new Event('input')); });
  await page.evaluate(() => { const el = document.getElementById('timeline'); el.value = el.max; el.dispatchEvent(new Event('input')); });
  await page.evaluate(() => { document.querySelector('#why-state').value = '4'; document.querySelector('#why-state').dispatchEvent(new Event('change')); });
  const file = path.join(outDir, 'web_1920x1080_compare.png');
  await page.screenshot({ path: file });
  ok(fs.statSync(file).size > 20000, 'wrote ' + file + ' (a kept run under a changed one)');
  ok(page.ggErrors.length === 0, 'no error in the page' + (page.ggErrors.length ? ': ' + page.ggErrors[0] : ''));
}

async function checkLink(browser) {
  const page = await open(browser, 1280, 720, '#scenario=great_game.json');
  await page.focus('#seed');
  await page.$eval('#seed', (e) => { e.value = '4242'; e.dispatchEvent(new Event('change')); });
  await page.$eval('#sl-states___decisiveness', (e) => { e.value = '2.5'; e.dispatchEvent(new Event('input')); });
  const link = await page.evaluate(() => location.href);
  const shares = await page.evaluate(() => window.ggPage.shares(100));
  const page2 = await open(browser, 1920, 1080, link.slice(link.indexOf('#')));
  const st2 = await page2.evaluate(() => window.ggPage.state());
  ok(st2.scenario === 'great_game.json' && st2.seed === '4242' && JSON.stringify(st2.settings) === JSON.stringify([['states.*.decisiveness', '2.5']]),
    'the link ' + link.slice(link.indexOf('#')) + ' opens the same scenario, seed and settings');
  const shares2 = await page2.evaluate(() => window.ggPage.shares(100));
  ok(JSON.stringify(shares) === JSON.stringify(shares2), 'and the same run, bit for bit');
  const kept = await page2.evaluate(() => { document.getElementById('keep').click(); return document.getElementById('keep').textContent; });
  ok(kept.length > 0, 'Keep run to compare toggles (' + kept + ')');
  const bad = await open(browser, 1280, 720, '#scenario=great_game.json&set=' + encodeURIComponent('states.*.decisiveness=-1'));
  const msg = await bad.$eval('#message', (e) => (e.hidden ? '' : e.textContent));
  const st3 = await bad.evaluate(() => window.ggPage.state());
  ok(/decisiveness/.test(msg) && st3.settings.length === 0, 'a link with a value out of range is refused with a message naming the path: ' + msg);
}

async function checkFile(browser) {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const good = path.join(repo, 'tests', 'good', 'every_event.json');
  const page = await open(browser, 1280, 720);
  const input = await page.$('#file');
  await input.uploadFile(good);
  await page.waitForFunction(() => window.ggPage.state().scenario === 'every_event.json', { timeout: 10000 });
  const st = await page.evaluate(() => window.ggPage.state());
  ok(st.ticks === 24, "the file picker loads the class's own scenario every_event.json (" + st.ticks + ' ticks)');
  const pageCsv = await page.evaluate(() => window.ggPage.csv());
  ok(pageCsv === nativeRun([good]), 'its run equals greatgame run tests/good/every_event.json -o - byte for byte');
  const lay = await page.evaluate(() => window.ggPage.layout());
  ok(lay.map.labels.length > 0 && overlapsOf(lay.map.labels).length === 0, 'its states (no outlines) are drawn with labels that do not overlap');
  const file = path.join(outDir, 'web_1280x720_own_file.png');
  await page.screenshot({ path: file });
  ok(fs.statSync(file).size > 10000, 'wrote ' + file);
  // a bad file: the one-line message the program prints, and the page keeps its scenario
  const expected = fs.readFileSync(path.join(repo, 'tests', 'bad', 'EXPECTED'), 'utf8').split('\n').find((l) => l.startsWith('alignment_negative.json\t'));
  await input.uploadFile(path.join(repo, 'tests', 'bad', 'alignment_negative.json'));
  await page.waitForFunction(() => !document.getElementById('message').hidden && /alignment/.test(document.getElementById('message').textContent), { timeout: 10000 });
  const msg = await page.$eval('#message', (e) => e.textContent);
  const want = expected.split('\t')[1];
  ok(msg.indexOf(want) >= 0, 'a bad file is refused with the line greatgame validate prints: ' + msg);
  const st2 = await page.evaluate(() => window.ggPage.state());
  ok(st2.scenario === 'every_event.json', 'and the page keeps the scenario it had');
  // a link made with an own file: its settings wait for that file
  const p2 = await open(browser, 1280, 720, '#scenario=own:every_event.json&seed=5&set=' + encodeURIComponent('powers.US.budget.inv=2'));
  const asked = await p2.$eval('#message', (e) => (e.hidden ? '' : e.textContent));
  ok(/every_event\.json/.test(asked), 'a link made with an own file asks for it: ' + asked);
  await (await p2.$('#file')).uploadFile(good);
  await p2.waitForFunction(() => window.ggPage.state().scenario === 'every_event.json', { timeout: 10000 });
  const st3 = await p2.evaluate(() => window.ggPage.state());
  ok(st3.seed === '5' && JSON.stringify(st3.settings) === JSON.stringify([['powers.US.budget.inv', '2']]), 'opening that file applies the link\'s seed and settings');
  const csv3 = await p2.evaluate(() => window.ggPage.csv());
  ok(csv3 === nativeRun([good, '--seed', '5', '--set', 'powers.US.budget.inv=2']), 'and runs as greatgame run --seed 5 --set powers.US.budget.inv=2');
}

// rows of a ties.csv at tick T -> map "state,power" -> [ties, hedging_capacity]
function csvTies(text, T) {
  const lines = text.trim().split('\n');
  const head = lines[0].split(',');
  const it = head.indexOf('tick'), is = head.indexOf('state'), ip = head.indexOf('power');
  const ie = head.indexOf('ties'), ih = head.indexOf('hedging_capacity');
  const m = new Map();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (Number(f[it]) === T) m.set(f[is] + ',' + f[ip], [Number(f[ie]), Number(f[ih])]);
  }
  return m;
}

async function checkTies(browser) {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const file = 'history_2005_gg2.json';
  const page = await open(browser, 1280, 720, '#scenario=' + file);
  ok((await page.evaluate(() => window.ggPage.model())) === 2, file + ' loads as model GG-2');
  await toEnd(page);
  const st = await page.evaluate(() => window.ggPage.state());
  const dir = fs.mkdtempSync(path.join(outDir, 'ties-'));
  execFileSync(native, ['run', path.join(repo, 'scenarios', file), '--out', dir, '--quiet', '--force']);
  const want = csvTies(fs.readFileSync(path.join(dir, 'ties.csv'), 'utf8'), st.ticks);
  ok(want.size > 0, 'greatgame run --out wrote the ties of tick ' + st.ticks + ' (' + want.size + ' rows)');
  const ids = await page.evaluate(() => window.ggPage.stateIds());
  for (const s of [0, 2]) {
    await page.select('#why-state', String(s));
    const shown = await page.evaluate(() => ({
      hidden: document.getElementById('ties').hidden,
      rows: Array.from(document.querySelectorAll('#ties-bars .bar')).map((r) => ({
        power: r.dataset.power, value: Number(r.dataset.value), text: r.querySelector('.num').textContent,
        fill: r.querySelector('.fill').getBoundingClientRect().width, track: r.querySelector('.track').getBoundingClientRect().width,
      })),
    }));
    ok(!shown.hidden && shown.rows.length === 4, ids[s] + ': the ties panel shows 3 powers and the hedging capacity (' + shown.rows.length + ' rows)');
    let same = shown.rows.length === 4;
    for (const r of shown.rows) {
      const w = r.power === 'hedging' ? want.get(ids[s] + ',US')[1] : (want.get(ids[s] + ',' + r.power) || [NaN])[0];
      if (r.value !== w || r.text !== w.toFixed(2)) {
        same = false;
        console.log('  ' + ids[s] + ' ' + r.power + ': page ' + r.value + ' (' + r.text + '), native ' + w);
      }
    }
    ok(same, ids[s] + ': every tie and the hedging capacity equal greatgame run --out ties.csv at the last tick');
    // one scale: the bars' lengths are in proportion to the values
    const big = shown.rows.reduce((a, b) => (b.value > a.value ? b : a));
    let prop = big.fill > 10;
    for (const r of shown.rows) if (Math.abs(r.fill - (big.fill * r.value) / big.value) > 2) prop = false;
    ok(prop, ids[s] + ': bar lengths are in proportion to the ties (' + shown.rows.map((r) => r.fill.toFixed(0)).join(', ') + ' px)');
  }
  const png = path.join(outDir, 'web_1280x720_ties_gg2.png');
  await page.screenshot({ path: png });
  ok(fs.statSync(png).size > 10000, 'wrote ' + png);
  ok(page.ggErrors.length === 0, 'no error in the page' + (page.ggErrors.length ? ': ' + page.ggErrors[0] : ''));
  const gg1 = await open(browser, 1280, 720, '#scenario=central_asia_2020.json');
  await toEnd(gg1);
  const hidden = await gg1.evaluate(() => document.getElementById('ties').hidden && document.getElementById('ties').offsetParent === null);
  ok(hidden && (await gg1.evaluate(() => window.ggPage.model())) === 1, 'a GG-1 scenario shows no ties panel');
}

(async () => {
  const checks = { file: checkFile, identical: checkIdentical, slider: checkSlider, save: checkSave, labels: checkLabels, screenshots: checkScreenshots, link: checkLink, ties: checkTies };
  if (!checks[check]) usage();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--lang=en-US', '--font-render-hinting=none'],
  });
  try {
    await checks[check](browser);
  } catch (e) {
    ok(false, check + ': ' + (e && e.stack ? e.stack : e));
  } finally {
    await browser.close();
  }
  console.log(check + ': ' + (failures ? failures + ' failed' : 'all passed'));
  process.exit(failures ? 1 : 0);
})();
