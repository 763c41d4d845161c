// The web edition's data files are complete and name their sources:
//   - render/web/data/outlines.json names its dataset, repository, commit and
//     path, and holds the five Central Asian states with rings of at least
//     three points inside its map window;
//   - render/web/data/sliders.json gives every slider range with its reason;
//   - every interface string the page asks for (S('key') in app.js, data-s
//     and data-t in index.html) is in strings/en.json, and every English
//     string has its Russian translation with the same {placeholders};
//   - render/web/tools/bundle.js writes the page's data file.
//
//   node tests/web/check_web_data.js REPO OUT.js
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

if (process.argv.length !== 4) {
  process.stderr.write('usage: node tests/web/check_web_data.js REPO OUT.js\n');
  process.exit(2);
}
const repo = process.argv[2], out = process.argv[3];
const web = path.join(repo, 'render', 'web');
let failed = 0;
function ok(cond, what) {
  console.log((cond ? 'PASS ' : 'FAIL ') + what);
  if (!cond) failed++;
}
const read = (p) => JSON.parse(fs.readFileSync(path.join(web, p), 'utf8'));

const o = read('data/outlines.json');
ok(/Natural Earth/.test(o.source) && /^[^/]+\/[^/]+$/.test(o.repository) && /^[0-9a-f]{40}$/.test(o.commit) && o.path.length > 0,
  'outlines.json names its source (' + o.source + '), repository, commit and path');
const [x0, y0, x1, y1] = o.window;
for (const id of ['KZ', 'KG', 'TJ', 'TM', 'UZ']) {
  const st = o.states[id];
  const good = st && st.rings.length > 0 && st.rings.every((r) => r.length >= 3 &&
    r.every((p) => p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1));
  ok(good, 'outlines.json: ' + id + (st ? ' (' + st.name + ', ' + st.rings.reduce((n, r) => n + r.length, 0) + ' points)' : '') + ' inside the window');
}

const s = read('data/sliders.json');
ok(s.budget.factor > 0 && s.budget.reason.length > 20, 'sliders.json: the budget range rule has a reason');
for (const j of s.judgments) {
  ok(/^states\.\*\./.test(j.path) && j.lo < j.hi && j.step > 0 && j.step < j.hi - j.lo && j.reason.length > 20,
    'sliders.json: ' + j.path + ' ' + j.lo + '..' + j.hi + ' with a reason');
}

const en = read('strings/en.json'), ru = read('strings/ru.json');
const app = fs.readFileSync(path.join(web, 'app.js'), 'utf8');
const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
const used = new Set();
for (const m of app.matchAll(/\bS\('([A-Za-z_.]+)'/g)) if (!m[1].endsWith('.') && !m[1].endsWith('_')) used.add(m[1]);
for (const m of html.matchAll(/data-[st]="([a-z_]+)"/g)) used.add(m[1]);
for (const j of s.judgments) { used.add('judgment.' + j.key); used.add('unit.judgment.' + j.key); }
for (const st of ['month', 'quarter', 'year']) { used.add('per_' + st); used.add('step_' + st); }
for (const t of ['budget', 'inject', 'affinity', 'join', 'leave', 'set', 'shock', 'withdraw']) used.add('ev.' + t);
for (const t of ['affinity', 'backlash', 'neighbour', 'noise']) used.add('term.' + t);
for (const k of ['why_rose', 'why_fell', 'why_held']) used.add(k);
const missing = Array.from(used).filter((k) => !(k in en));
ok(missing.length === 0, 'every string the page uses is in en.json (' + used.size + ')' + (missing.length ? ': missing ' + missing.join(', ') : ''));
const holes = (t) => (t.match(/\{[a-z0-9]+\}/g) || []).sort().join(',');
const untranslated = Object.keys(en).filter((k) => !(k in ru) || holes(en[k]) !== holes(ru[k]));
ok(untranslated.length === 0, 'every English string has a Russian one with the same placeholders' + (untranslated.length ? ': ' + untranslated.join(', ') : ''));

fs.mkdirSync(path.dirname(out), { recursive: true });
try {
  execFileSync(process.execPath, [path.join(web, 'tools', 'bundle.js'), repo, out], { stdio: 'inherit' });
  const text = fs.readFileSync(out, 'utf8');
  const lib = JSON.parse(text.slice(text.indexOf('=') + 1).trim().replace(/;$/, '')).library;
  ok(lib.length > 0 && lib.every((x) => x.file !== 'schema.json') && lib.some((x) => x.file === 'central_asia_2020.json'),
    'bundle.js writes the what-if library (' + lib.map((x) => x.file).join(', ') + ')');
} catch (e) {
  ok(false, 'bundle.js: ' + e.message);
}
console.log('web data: ' + (failed ? failed + ' failed' : 'all passed'));
process.exit(failed ? 1 : 0);
