// Write the page's data file (data.js) for scripts/build-web.sh: the interface
// strings, the map outlines, the sliders' ranges and the what-if library
// (scenarios/*.json but the JSON Schema), as one script, because a page
// opened from disk (file://) may not fetch files next to it.
//
//   node render/web/tools/bundle.js REPO OUT.js
'use strict';
const fs = require('fs');
const path = require('path');

function fail(msg) {
  process.stderr.write('bundle.js: ' + msg + '\n');
  process.exit(1);
}

function readJson(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(file + ': cannot read: ' + e.message);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(file + ': not valid JSON: ' + e.message);
  }
  return null;
}

if (process.argv.length !== 4) {
  process.stderr.write('usage: node render/web/tools/bundle.js REPO OUT.js\n');
  process.exit(2);
}
const repo = process.argv[2];
const out = process.argv[3];
const web = path.join(repo, 'render', 'web');

const strings = {};
for (const lang of ['en', 'ru']) strings[lang] = readJson(path.join(web, 'strings', lang + '.json'));
// Every language has every key of English.
for (const key of Object.keys(strings.en)) {
  if (!(key in strings.ru)) fail('render/web/strings/ru.json: no translation of "' + key + '"');
}

const scenDir = path.join(repo, 'scenarios');
const library = fs
  .readdirSync(scenDir)
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .sort()
  .map((f) => {
    const text = fs.readFileSync(path.join(scenDir, f), 'utf8');
    let name = f;
    try {
      name = JSON.parse(text).name || f;
    } catch (e) {
      fail('scenarios/' + f + ': not valid JSON: ' + e.message);
    }
    return { file: f, name: name, text: text };
  });
if (library.length === 0) fail(scenDir + ': no scenario files');

const data = {
  strings: strings,
  outlines: readJson(path.join(web, 'data', 'outlines.json')),
  sliders: readJson(path.join(web, 'data', 'sliders.json')),
  library: library,
};
const tmp = out + '.tmp';
fs.writeFileSync(tmp, '// Made by render/web/tools/bundle.js; do not edit.\nwindow.GG_DATA = ' +
  JSON.stringify(data) + ';\n');
fs.renameSync(tmp, out);
