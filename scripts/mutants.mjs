#!/usr/bin/env node
// npm run mutants: mutation testing of the Rust core with cargo-mutants (installed when
// missing). Every mutant of src/ (the pure core; .cargo/mutants.toml leaves out the wasm-only
// browser layer) is built and run against the host tests; bench/MUTANTS.md gets the summary and
// every mutant the tests missed. With --browser, the browser layer instead (src/fields/ and
// src/js.rs, .cargo/mutants-browser.toml): built for wasm32 and run against the
// wasm-bindgen-test suites in headless Chromium, beside a sandbox of their own (the payment
// flows of tests/web_pay.rs talk to it; its address reaches the build in SEALCARD_TEST_API);
// bench/MUTANTS-browser.md. Not part of npm test: it takes tens of minutes.
//
//   npm run mutants                    all of the core
//   npm run mutants -- src/luhn.rs     only the files named (cargo-mutants -f)
//   npm run mutants -- --browser       the browser layer
//   npm run mutants -- --summary-only  rewrite the summary from the last run
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApi } from '../tests/e2e/sandbox.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const browser = process.argv.includes('--browser');
const env = { ...process.env, PATH: `${join(cargoHome, 'bin')}:${process.env.PATH}` };
if (browser) env.CHROMEDRIVER ??= execFileSync('sh', ['-c', 'command -v chromedriver'], { encoding: 'utf8' }).trim();
const out = join(root, 'target', browser ? 'mutants-browser' : 'mutants');
const summaryFile = join(root, 'bench', browser ? 'MUTANTS-browser.md' : 'MUTANTS.md');

const installed = spawnSync('cargo', ['mutants', '--version'], { env, stdio: 'ignore' }).status === 0;
if (!installed) {
  console.log('mutants: installing cargo-mutants (a few minutes, once)');
  execFileSync('cargo', ['install', 'cargo-mutants', '--locked'], { env, stdio: 'inherit' });
}

const summaryOnly = process.argv.includes('--summary-only');
const named = process.argv.slice(2).filter((a) => !['--summary-only', '--browser'].includes(a));
const files = named.flatMap((f) => ['-f', f]);
mkdirSync(out, { recursive: true });
const started = Date.now();
let sandbox;
if (browser && !summaryOnly) {
  execFileSync('cargo', ['build', '-p', 'sealcard-sandbox'], { cwd: root, env, stdio: 'inherit' });
  sandbox = await startTestApi();
  env.SEALCARD_TEST_API = sandbox.api;
}
// Exit status 2 means mutants were missed, 3 that some timed out: the summary below says so.
const run = summaryOnly
  ? { status: 0 }
  : spawnSync('cargo', ['mutants', '-p', 'sealcard', '--jobs', browser ? '1' : '2', '--output', out, '--no-shuffle', ...(browser ? ['--config', join(root, '.cargo', 'mutants-browser.toml')] : []), ...files], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
await sandbox?.stop();
// The last mutant's build stays in the shared target directory, newer than the sources it was
// made from here: touching them makes the next build of the tree rebuild the crate, not test
// that mutant.
if (!summaryOnly) {
  const now = new Date();
  for (const file of execFileSync('git', ['ls-files', 'src'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean)) {
    utimesSync(join(root, file), now, now);
  }
}
const minutes = ((Date.now() - started) / 60000).toFixed(1);

/** @type {{ outcomes: { scenario: any, summary: string }[] }} */
const outcomes = JSON.parse(readFileSync(join(out, 'mutants.out', 'outcomes.json'), 'utf8'));
const mutants = outcomes.outcomes.filter((o) => o.scenario !== 'Baseline');
const count = (/** @type {string} */ s) => mutants.filter((o) => o.summary === s).length;
const caught = count('CaughtMutant');
const missed = mutants.filter((o) => o.summary === 'MissedMutant');
const timeouts = count('Timeout');
const unviable = count('Unviable');
const viable = caught + missed.length + timeouts;
const name = (/** @type {any} */ o) => {
  const m = o.scenario.Mutant;
  return m.name ?? `${m.file}:${m.span.start.line}`;
};
const byFile = new Map();
for (const o of mutants) {
  const file = o.scenario.Mutant.file;
  const row = byFile.get(file) ?? { caught: 0, missed: 0, timeout: 0, unviable: 0 };
  row[{ CaughtMutant: 'caught', MissedMutant: 'missed', Timeout: 'timeout', Unviable: 'unviable' }[o.summary] ?? 'unviable']++;
  byFile.set(file, row);
}
const pct = (/** @type {number} */ a, /** @type {number} */ b) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const lines = [
  browser ? '# Mutation testing of the browser layer' : '# Mutation testing of the core',
  '',
  (browser
    ? 'Written by `npm run mutants -- --browser` (scripts/mutants.mjs, cargo-mutants over src/fields/ and src/js.rs built for wasm32, against the wasm-bindgen-test suites in headless Chromium and a sandbox of their own; .cargo/mutants-browser.toml, which also lists the mutants left out as equivalent, each with its reason).'
    : 'Written by `npm run mutants` (scripts/mutants.mjs, cargo-mutants over the host tests; .cargo/mutants.toml, which also lists the mutants left out as equivalent, each with its reason).') +
    ` Commit ${commit}${summaryOnly ? '' : `; ${minutes} min`}${named.length ? `; files: ${named.join(', ')}` : ''}.`,
  '',
  `**${caught + timeouts} of ${viable} viable mutants caught (${pct(caught + timeouts, viable)})**: ${caught} by a failing test, ${timeouts} by a timeout (the mutant hangs); ${missed.length} missed; ${unviable} unviable (do not build).`,
  '',
  '| file | caught | missed | timeout | unviable | caught of viable |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...[...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, r]) => `| \`${file}\` | ${r.caught} | ${r.missed} | ${r.timeout} | ${r.unviable} | ${pct(r.caught + r.timeout, r.caught + r.missed + r.timeout)} |`),
  '',
  '## Missed',
  '',
  ...(missed.length ? missed.map((o) => `- \`${name(o)}\``) : ['None.']),
  '',
];
writeFileSync(summaryFile, `${lines.join('\n')}`);
console.log(`mutants: ${caught + timeouts} of ${viable} viable caught; ${summaryFile} written`);
process.exit([0, 2, 3].includes(run.status ?? 1) ? 0 : 1);
