// Every text of the web app has its German translation, and no translation is stale:
// the static texts of index.html (text nodes, placeholders, aria-labels) and every
// t('...') of app.js against the catalogs of i18n.js. No browser needed.
//   node tests/browser/i18n-complete.mjs portal/web
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const dir = process.argv[2];
const read = (name) => readFileSync(join(dir, name), 'utf8');
const decode = (text) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const wanted = new Set();
const html = read('index.html');
const body = html.slice(html.indexOf('<body>'));
for (const [, text] of body.matchAll(/>([^<>]+)</g)) if (text.trim()) wanted.add(decode(text.trim()));
for (const [, , value] of html.matchAll(/(placeholder|aria-label)="([^"]+)"/g)) wanted.add(decode(value));
// The string literals of the first argument of every t(...) call in app.js: t('...'),
// t("...") and both texts of t(cond ? '...' : '...').
const app = read('app.js');
function firstArgument(from) {
  let depth = 0;
  let quote = '';
  for (let i = from; i < app.length; i += 1) {
    const c = app[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth += 1;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth -= 1;
    else if ((c === ',' || c === ')') && depth === 0) return app.slice(from, i);
  }
  return '';
}
const literal = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
for (const call of app.matchAll(/\bt\(/g)) {
  for (const [, single, double] of firstArgument(call.index + 2).matchAll(literal)) {
    wanted.add(vm.runInNewContext(single !== undefined ? `'${single}'` : `"${double}"`));
  }
}

// The catalogs, without a browser: i18n.js only defines things until it is called.
const { catalogs } = vm.runInNewContext(`${read('i18n.js')}; ({ catalogs })`, {
  localStorage: { getItem: () => null }, navigator: { languages: ['en'] },
});
let failed = false;
for (const [language, catalog] of Object.entries(catalogs)) {
  for (const text of wanted) {
    if (catalog[text] === undefined) { console.log(`FAIL: ${language}: no translation of ${JSON.stringify(text)}`); failed = true; }
  }
  for (const key of Object.keys(catalog)) {
    if (!wanted.has(key)) { console.log(`FAIL: ${language}: ${JSON.stringify(key)} is translated but not used`); failed = true; }
  }
  console.log(`${language}: ${Object.keys(catalog).length} entries for ${wanted.size} texts`);
}
process.exit(failed ? 1 : 0);
