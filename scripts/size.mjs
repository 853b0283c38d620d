#!/usr/bin/env node
// npm run size: raw / gzip / brotli bytes of every shipped artifact in dist/, with totals per
// deliverable against the budgets of DESIGN §6: the loader ≤ 4 KB gzip, the frame payload
// (everything the frame downloads: page, stylesheet, script, wasm) ≤ 45 KB gzip, the element
// and React adapters ≤ 3 KB each (and the script-tag element, loader inside, ≤ 7 KB) are hard
// limits, and the check fails above them (exit status 1; `--report` only reports); the loader
// aims at 2 KB, the frame at 35 KB, each adapter at 2 KB. `--build` (what `npm run size` passes)
// first installs what is missing (scripts/setup.sh, no browsers) and builds dist/.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.SEALCARD_DIST ?? join(root, 'dist');

if (process.argv.includes('--build')) {
  const opts = /** @type {const} */ ({ cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  execFileSync('bash', ['scripts/setup.sh'], { ...opts, env: { ...process.env, SEALCARD_NO_BROWSERS: '1' } });
  execFileSync('node', ['scripts/build.mjs'], opts);
}

/** Deliverables: which files a browser downloads for each, the gzip hard limit and the aim. */
const GROUPS = [
  { name: 'merchant page (loader)', test: (f) => f === 'sealcard.js', limit: 4 * 1024, aim: 2 * 1024 },
  // The frame page downloads its page, stylesheet, one bundled script and the wasm.
  { name: 'frame (page + script + wasm)', test: (f) => ['frame/frame.html', 'frame/frame.css', 'frame/frame.js', 'frame/sealcard_fields_bg.wasm'].includes(f), limit: 45 * 1024, aim: 35 * 1024 },
  // The frame's script (glue included) and its wasm.
  { name: 'frame script + wasm', test: (f) => ['frame/frame.js', 'frame/sealcard_fields_bg.wasm'].includes(f), limit: null, aim: null },
  // Inline mode: the fields module, the glue and the same wasm, into the merchant's page.
  { name: 'inline fields (view + glue + wasm)', test: (f) => ['frame/fields.js', 'frame/sealcard_fields.js', 'frame/sealcard_fields_bg.wasm'].includes(f), limit: null, aim: null },
  { name: 'sealcard/validate (browser)', test: (f) => f.startsWith('validate/') && !/(\.d\.ts|node\.js)$/.test(f), limit: null, aim: null },
  // The adapters, each beside the loader (dist/index.js, which the app already has): DESIGN §6
  // aims at 2 KB each; 3 KB leaves room for readable code.
  { name: 'sealcard/element (npm, beside the loader)', test: (f) => f === 'element/index.js', limit: 3 * 1024, aim: 2 * 1024 },
  { name: 'sealcard/react (npm, beside the loader)', test: (f) => f === 'react/index.js', limit: 3 * 1024, aim: 2 * 1024 },
  // The script-tag element carries its own loader: the two limits and aims added.
  { name: 'element.js (script tag, loader inside)', test: (f) => f === 'element.js', limit: 7 * 1024, aim: 4 * 1024 },
];

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

let files;
try {
  files = listFiles(dist).map((p) => relative(dist, p).split(sep).join('/')).sort();
} catch {
  console.error('size: no dist/ — run `npm run build` first');
  process.exit(1);
}

const rows = files.map((name) => {
  const bytes = readFileSync(join(dist, name));
  return {
    name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const line = (cells) => `| ${cells.join(' | ')} |`;
const out = [line(['artifact', 'raw', 'gzip', 'brotli']), line(['---', '---:', '---:', '---:'])];
for (const r of rows) out.push(line([r.name, kb(r.raw), kb(r.gzip), kb(r.brotli)]));

let over = false;
const totals = [
  line(['deliverable', 'raw', 'gzip', 'brotli', 'gzip limit', 'gzip aim']),
  line(['---', '---:', '---:', '---:', '---', '---']),
];
for (const g of GROUPS) {
  const members = rows.filter((r) => g.test(r.name));
  if (members.length === 0) continue;
  const sum = (k) => members.reduce((s, r) => s + r[k], 0);
  const ok = g.limit === null || sum('gzip') <= g.limit;
  over ||= !ok;
  const aim = g.aim === null ? '—' : sum('gzip') <= g.aim ? `${kb(g.aim)} met` : `${kb(g.aim)}: ${kb(sum('gzip') - g.aim)} to go`;
  totals.push(line([g.name, kb(sum('raw')), kb(sum('gzip')), kb(sum('brotli')), g.limit === null ? '—' : `${kb(g.limit)} ${ok ? 'ok' : 'OVER'}`, aim]));
}
console.log([...out, '', ...totals].join('\n'));
if (over) {
  console.error('size: a deliverable is over its hard limit (see OVER above)');
  if (!process.argv.includes('--report')) process.exit(1);
}
