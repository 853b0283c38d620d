#!/usr/bin/env node
// npm run size: raw / gzip / brotli bytes of every shipped artifact in dist/, with totals per
// deliverable and the budgets of DESIGN §6. Exits non-zero when a hard limit is exceeded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** Deliverables: which files a browser downloads for each, and the gzip hard limit. */
const GROUPS = [
  { name: 'merchant page (loader)', test: (f) => f === 'sealcard.js', limit: 3 * 1024 },
  { name: 'frame (page + glue + wasm)', test: (f) => f.startsWith('frame/') && !f.endsWith('.d.ts'), limit: 40 * 1024 },
  { name: 'sealcard/validate (browser)', test: (f) => f.startsWith('validate/') && !/(\.d\.ts|node\.js)$/.test(f), limit: null },
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
const totals = [line(['deliverable', 'raw', 'gzip', 'brotli', 'gzip limit']), line(['---', '---:', '---:', '---:', '---'])];
for (const g of GROUPS) {
  const members = rows.filter((r) => g.test(r.name));
  if (members.length === 0) continue;
  const sum = (k) => members.reduce((s, r) => s + r[k], 0);
  const ok = g.limit === null || sum('gzip') <= g.limit;
  over ||= !ok;
  totals.push(line([g.name, kb(sum('raw')), kb(sum('gzip')), kb(sum('brotli')), g.limit === null ? '—' : `${kb(g.limit)} ${ok ? 'ok' : 'OVER'}`]));
}
console.log([...out, '', ...totals].join('\n'));
if (over) {
  console.error('size: a deliverable is over its hard limit');
  if (!process.argv.includes('--report')) process.exit(1);
}
