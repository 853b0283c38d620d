#!/usr/bin/env node
// npm run bench: sealcard side by side with what a merchant would otherwise use, every row
// measured in this one run with the alternatives interleaved, written to bench/RESULTS.md (and
// printed). Benchmarks report; they assert no times (the machines are shared and noisy).
//
//   keystroke   validateNumber / formatNumber through the wasm boundary vs card-validator and
//               credit-card-type, in Node and in headless Chromium
//   growth      validation time vs input length, up to a 1 MB paste
//   mount       mount → ready in headless Chromium and Firefox, isolated and inline, with a bare
//               iframe of an empty page as the floor; and vs the number of fields on one page
//   payment     createPaymentMethod vs a bare fetch of the same request, same sandbox
//   sandbox     tokenizations/s and latency at 1, 16 and 64 connections (sealcard-sandbox-load),
//               and the sandbox's memory after 100 000 tokenizations
//
// Installs what is missing (scripts/setup.sh), builds dist/ when it is not there, and builds
// the sandbox and its load generator in release mode. Ports 19080–19092 on loopback.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../proof/browsers.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';
import { GROWTH_LENGTHS, runGrowth, runKeystroke } from './kernel.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const env = { ...process.env, PATH: `${join(cargoHome, 'bin')}:${process.env.PATH}` };
const require = createRequire(import.meta.url);

const PORTS = { merchant: 19080, frame: 19081, api: 19082, static: 19090, load: 19092 };
const MOUNT_RUNS = 20;
const PAY_RUNS = 200;
const KEYSTROKE = { rounds: 15, calls: 5000 };

const started = Date.now();
const log = (/** @type {string} */ m) => console.error(`bench: ${m} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

function run(/** @type {string} */ cmd, /** @type {string[]} */ args) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (/** @type {number} */ x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const ns = (/** @type {number} */ x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} ms` : x >= 1e3 ? `${(x / 1e3).toFixed(2)} µs` : `${x.toFixed(0)} ns`);
const ratio = (/** @type {number} */ a, /** @type {number} */ b) => `${(a / b).toFixed(2)}×`;
const table = (/** @type {string[]} */ head, /** @type {string[][]} */ rows) =>
  [head, head.map((_, i) => (i === 0 ? '---' : '---:')), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

// --- set-up ------------------------------------------------------------------------------

log('set-up');
run('bash', ['scripts/setup.sh']);
if (!existsSync(join(dist, 'frame', 'frame.html'))) run('node', ['scripts/build.mjs']);
run('cargo', ['build', '--release', '-p', 'sealcard-sandbox', '--bins']);
const sandboxBin = join(target, 'release', 'sealcard-sandbox');
const loadBin = join(target, 'release', 'sealcard-sandbox-load');

/** @type {(() => Promise<void>)[]} */
const cleanups = [];
/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** Starts a sandbox and waits until it says it is ready. */
async function startSandbox(/** @type {string[]} */ args) {
  const child = spawn(sandboxBin, ['--quiet', '--rate-limit', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 20000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (/sealcard-sandbox: ready/.test(out)) {
        clearTimeout(timer);
        resolve(undefined);
      }
    });
  });
  return child;
}

// The frame origin serves a copy of dist/ with one more page: the empty page of the floor.
const scratch = mkdtempSync(join(tmpdir(), 'sealcard-bench-'));
cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
const served = join(scratch, 'dist');
cpSync(dist, served, { recursive: true });
writeFileSync(join(served, 'empty.html'), '<!doctype html><html lang="en"><title>empty</title></html>\n');
await startSandbox([
  '--api-port', String(PORTS.api),
  '--merchant-port', String(PORTS.merchant), '--merchant-dir', join(root, 'bench', 'www'), '--merchant-assets', served,
  '--frame-port', String(PORTS.frame), '--frame-dir', served,
]);
const merchant = `http://localhost:${PORTS.merchant}`;

// The keystroke page: sealcard/validate as shipped, the JS libraries and the kernel bundled.
const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
writeFileSync(
  join(scratch, 'entry.mjs'),
  `import * as sealcard from '/validate/index.js';
import cardValidator from 'card-validator';
import creditCardType from 'credit-card-type';
import { runGrowth, runKeystroke } from ${JSON.stringify(pathToFileURL(join(root, 'bench', 'kernel.mjs')).pathname)};
const libs = { sealcard, cardValidator, creditCardType };
const now = () => performance.now();
window.bench = { keystroke: (o) => runKeystroke(libs, { ...o, now }), growth: () => runGrowth(libs, { now }) };
`,
);
execFileSync(esbuild, [join(scratch, 'entry.mjs'), '--bundle', '--format=esm', '--external:/validate/index.js', `--outfile=${join(scratch, 'page.js')}`, '--log-level=warning'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...env, NODE_PATH: join(root, 'node_modules') },
});
writeFileSync(join(scratch, 'keystroke.html'), '<!doctype html><meta charset="utf-8"><title>keystroke</title><script type="module" src="/page.js"></script>\n');
const server = await startStaticServer(PORTS.static, [
  ['/validate/', join(dist, 'validate')],
  ['/', scratch],
]);
cleanups.push(() => server.close());

const results = /** @type {string[]} */ ([]);
try {
  // --- keystroke path and growth, Node then Chromium --------------------------------------
  log('keystroke path in Node');
  const sealcardNode = await import(pathToFileURL(join(dist, 'validate', 'index.js')).href);
  const libs = { sealcard: sealcardNode, cardValidator: require('card-validator'), creditCardType: require('credit-card-type') };
  const now = () => performance.now();
  const keyNode = runKeystroke(libs, { ...KEYSTROKE, now });
  const growNode = runGrowth(libs, { now });

  log('keystroke path in Chromium');
  const chromium = await launch('chromium');
  let keyChrome;
  let growChrome;
  {
    const page = await chromium.newPage();
    await page.goto(`http://127.0.0.1:${PORTS.static}/keystroke.html`);
    await page.evaluate('new Promise((r) => { const t = setInterval(() => window.bench && (clearInterval(t), r()), 10); })');
    keyChrome = await page.evaluate(`window.bench.keystroke(${JSON.stringify(KEYSTROKE)})`);
    growChrome = await page.evaluate('window.bench.growth()');
    await page.close();
  }
  const keyRows = [
    ...keyNode.map((r) => ['Node', r]),
    ...keyChrome.map((/** @type {any} */ r) => ['Chromium', r]),
  ].map(([where, r]) => [where, r.op, `${r.ours}: ${ns(r.oursNs)}`, `${r.theirs}: ${ns(r.theirsNs)}`, ratio(r.oursNs, r.theirsNs)]);
  results.push(
    '## Keystroke path',
    '',
    `Time per call over the values of a field while typing three cards (Visa, Mastercard, Amex), median of ${KEYSTROKE.rounds} interleaved rounds of ${KEYSTROKE.calls} calls. sealcard's calls cross the wasm boundary (sealcard/validate as shipped); the formatter of credit-card-type is its gaps applied as a merchant would. Goal: sealcard at most a fifth (0.20×) of card-validator.`,
    '',
    table(['where', 'operation', 'sealcard', 'alternative', 'sealcard / alternative'], keyRows),
    '',
  );
  const growRows = GROWTH_LENGTHS.map((length, i) => {
    const n = growNode[i];
    const c = growChrome[i];
    const size = length >= 1024 ? `${length / 1024} KB` : `${length} chars`;
    return [size, ns(n.validateNs), ns(n.formatNs), ns(n.theirsNs), ns(c.validateNs), ns(c.formatNs), ns(c.theirsNs)];
  });
  results.push(
    '## Growth: validation time vs input length',
    '',
    'One call on a paste of the given length (a card number repeated, with spaces), median of 5 rounds. Both stay linear; sealcard stops reading digits past the longest card number but still checks every character.',
    '',
    table(['input', 'validateNumber (Node)', 'formatNumber (Node)', 'card-validator (Node)', 'validateNumber (Chromium)', 'formatNumber (Chromium)', 'card-validator (Chromium)'], growRows),
    '',
  );

  // --- mount → ready -------------------------------------------------------------------
  const firefox = await launch('firefox');
  /** @type {string[][]} */
  const mountRows = [];
  for (const browser of [chromium, firefox]) {
    log(`mount → ready in ${browser.name}`);
    /** @type {Record<string, number[]>} */
    const t = { isolated: [], inline: [], floor: [] };
    for (let i = 0; i < MOUNT_RUNS; i++) {
      for (const kind of i % 2 ? ['floor', 'inline', 'isolated'] : ['isolated', 'inline', 'floor']) {
        const page = await browser.newPage();
        await page.goto(`${merchant}/inline.html`);
        await page.evaluate('new Promise((r) => { const t = setInterval(() => window.bench && (clearInterval(t), r()), 5); })');
        t[kind].push(await page.evaluate(kind === 'floor' ? 'window.bench.floor()' : `window.bench.mount(${JSON.stringify(kind)}, 1)`));
        await page.close();
      }
    }
    mountRows.push([browser.name, ms(median(t.isolated)), ms(median(t.inline)), ms(median(t.floor)), ms(Math.min(...t.isolated)), ms(Math.min(...t.inline))]);
  }
  results.push(
    '## Mount → ready',
    '',
    `From \`mount()\` to the \`ready\` event on the demo's merchant origin (loopback, nothing cached: the sandbox serves \`no-store\`), median of ${MOUNT_RUNS} page loads, interleaved. Isolated: the frame page, its scripts and the wasm from the fields origin; inline: the fields module and the wasm into the page. The floor is a bare iframe of an empty page on the fields origin, to its \`load\`. Goal: ≤ 100 ms in Chromium.`,
    '',
    table(['browser', 'isolated (median)', 'inline (median)', 'bare iframe (floor)', 'isolated (best)', 'inline (best)'], mountRows),
    '',
  );

  log('mount → ready vs number of fields');
  /** @type {string[][]} */
  const manyRows = [];
  for (const n of [1, 5, 20]) {
    /** @type {Record<string, number[]>} */
    const t = { isolated: [], inline: [] };
    for (let i = 0; i < 5; i++) {
      for (const mode of ['isolated', 'inline']) {
        const page = await chromium.newPage();
        await page.goto(`${merchant}/inline.html`);
        await page.evaluate('new Promise((r) => { const t = setInterval(() => window.bench && (clearInterval(t), r()), 5); })');
        t[mode].push(await page.evaluate(`window.bench.mount(${JSON.stringify(mode)}, ${n})`));
        await page.close();
      }
    }
    manyRows.push([String(n), ms(median(t.isolated)), ms(median(t.isolated) / n), ms(median(t.inline)), ms(median(t.inline) / n)]);
  }
  results.push(
    '## Growth: mount time vs fields on one page (Chromium)',
    '',
    'Fields mounted at once on one page, from the first `mount()` to the last `ready`, median of 5 page loads.',
    '',
    table(['fields', 'isolated: all ready', 'isolated: per field', 'inline: all ready', 'inline: per field'], manyRows),
    '',
  );

  // --- createPaymentMethod vs bare fetch ----------------------------------------------------
  /** @type {string[][]} */
  const payRows = [];
  const FILL_IN_FRAME = `(() => {
    for (const [name, value] of [['number', '4343434343434345'], ['expiry', '12/40'], ['cvc', '123']]) {
      const input = document.querySelector('.sealcard-' + name + ' input');
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
    }
  })()`;
  /** Microseconds per keystroke in the inline field (set by the inline round below). */
  let fieldKeyUs = 0;
  for (const mode of ['inline', 'isolated']) {
    log(`createPaymentMethod vs fetch (${mode})`);
    const page = await chromium.newPage();
    await page.goto(`${merchant}/inline.html`);
    await page.evaluate('new Promise((r) => { const t = setInterval(() => window.bench && (clearInterval(t), r()), 5); })');
    await page.evaluate(`window.bench.mountForPay(${JSON.stringify(mode)})`);
    if (mode === 'inline') fieldKeyUs = await page.evaluate('window.bench.fieldKeystroke()');
    const ours = [];
    const bare = [];
    for (let i = 0; i < PAY_RUNS; i++) {
      if (mode === 'inline') await page.evaluate('window.bench.fillInline()');
      else await page.evaluate(FILL_IN_FRAME, 'iframe');
      if (i % 2) {
        ours.push(await page.evaluate('window.bench.pay()'));
        bare.push(await page.evaluate('window.bench.bareFetch()'));
      } else {
        bare.push(await page.evaluate('window.bench.bareFetch()'));
        ours.push(await page.evaluate('window.bench.pay()'));
      }
    }
    await page.close();
    payRows.push([`Chromium, ${mode}`, ms(median(ours)), ms(median(bare)), ratio(median(ours), median(bare))]);
  }
  results.push(
    '## createPaymentMethod vs a bare fetch',
    '',
    `The same \`POST /v1/payment_methods\` (URL, headers, body, options) to the same sandbox, median of ${PAY_RUNS} each, alternating. sealcard's time includes reading the fields, the request body, the answer's parsing and the result; isolated mode adds the two \`postMessage\` hops. Goal: ≤ 1.05× (DESIGN: ≤ 1.2×).`,
    '',
    table(['where', 'createPaymentMethod', 'bare fetch', 'ratio'], payRows),
    '',
  );
  const theirKey = keyChrome.find((/** @type {any} */ r) => r.op.startsWith('one keystroke'));
  results.push(
    '## A keystroke in the field',
    '',
    "One `beforeinput` typing a digit into the inline number field (Chromium), end to end: the view forwards it, the Rust fields read the input, edit it, write the text and caret, validate the form and return the state through serde-wasm-bindgen, the view renders it. Median of 15 rounds of typing three cards; beside it, card-validator + credit-card-type's validate and format of the same keystroke from the keystroke table (the libraries alone, no DOM).",
    '',
    table(['where', 'sealcard field: one keystroke', 'card-validator + credit-card-type (no DOM)', 'ratio'], [
      ['Chromium', ns(fieldKeyUs * 1000), ns(theirKey.theirsNs), ratio(fieldKeyUs * 1000, theirKey.theirsNs)],
    ]),
    '',
  );
  await chromium.close();
  await firefox.close();

  // --- the sandbox under load ---------------------------------------------------------------
  log('sandbox under load');
  const loadSandbox = await startSandbox(['--api-port', String(PORTS.load)]);
  const api = `http://127.0.0.1:${PORTS.load}`;
  const stats = async () => /** @type {any} */ (await (await fetch(`${api}/__admin/stats`)).json());
  const rssBefore = (await stats()).rss_bytes;
  /** @type {string[][]} */
  const loadRows = [];
  for (const [c, n] of [[1, 3000], [16, 20000], [64, 20000]]) {
    const out = execFileSync(loadBin, ['--url', `${api}/v1`, '-c', String(c), '-n', String(n), '--json'], { encoding: 'utf8' });
    const r = JSON.parse(out);
    loadRows.push([String(c), String(r.statuses['200'] ?? 0), r.tokenizations_per_sec.toFixed(0), r.p50_ms.toFixed(2), r.p99_ms.toFixed(2), r.max_ms.toFixed(2)]);
  }
  const done = (await stats()).tokenizations;
  if (done < 100000) {
    execFileSync(loadBin, ['--url', `${api}/v1`, '-c', '64', '-n', String(100000 - done), '--json'], { encoding: 'utf8' });
  }
  const after = await stats();
  loadSandbox.kill('SIGTERM');
  const mb = (/** @type {number | null} */ b) => (b == null ? 'n/a' : `${(b / 1024 / 1024).toFixed(1)} MB`);
  results.push(
    '## The sandbox under load',
    '',
    `\`sealcard-sandbox\` (release) on loopback, driven by \`sealcard-sandbox-load\` (release) over keep-alive connections, both on this machine's ${cpus().length} cores. Tokenizations of the test card \`4343 4343 4343 4345\`.`,
    '',
    table(['connections', 'answers (200)', 'tokenizations/s', 'p50', 'p99', 'max'], loadRows.map((r) => [r[0], r[1], r[2], `${r[3]} ms`, `${r[4]} ms`, `${r[5]} ms`])),
    '',
    `Resident memory: ${mb(rssBefore)} at start, ${mb(after.rss_bytes)} after ${after.tokenizations} tokenizations (${after.payment_methods ?? 'n/a'} payment methods kept; the store keeps at most 100 000 objects).`,
    '',
  );
} finally {
  for (const c of cleanups.reverse()) await c();
  for (const child of children) child.kill('SIGTERM');
}

// --- the report ------------------------------------------------------------------------------
const version = (/** @type {string} */ cmd, /** @type {string[]} */ args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
};
const commit = version('git', ['-C', root, 'describe', '--always', '--dirty']);
const report = [
  '# sealcard benchmarks',
  '',
  `Written by \`npm run bench\` (bench/run.mjs); every table below comes from one run. Commit ${commit}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Node ${process.version}; ${version('chromium', ['--version'])}; ${version('firefox-esr', ['--version'])}; card-validator ${require('card-validator/package.json').version}, credit-card-type ${require('credit-card-type/package.json').version}. Shared machines are noisy: compare the rows of one run, not runs.`,
  '',
  ...results,
].join('\n');
writeFileSync(join(root, 'bench', 'RESULTS.md'), report);
console.log(report);
log('done: bench/RESULTS.md');
process.exit(0);
