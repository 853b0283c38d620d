// The packed package in fresh projects, as a new user gets it: `npm pack`, then one temporary
// project per bundler — Vite 6, webpack 5 (+ webpack-cli), esbuild — that installs the tarball,
// React and the bundler from npm (the versions pinned in this repository's devDependencies,
// so a warm npm cache serves them), and builds tests/bundlers/app with the bundler's default
// configuration. Each build is served on its own loopback origin and run in headless Chromium
// and Firefox against the sandbox (started with the installed package's dist/ as its fields
// origin): sealcard/validate answers at once, <sealcard-card> pays in isolated mode and
// sealcard/react's CardField pays in inline mode. publint and arethetypeswrong check the tarball.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { inEachBrowser } from '../e2e/fixture.mjs';
import { ROOT, spawnSandbox } from '../e2e/sandbox.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { CVC, EXPIRY, VISA, fill, problems, until } from '../element/shop.mjs';

const run = promisify(execFile);
const APP = join(ROOT, 'tests', 'bundlers', 'app');
const PORTS = { api: 18753, frame: 18754 };
const API = `http://localhost:${PORTS.api}`;
const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;

/**
 * Each bundler: its packages, its build command (what `npx` runs) with no options but the entry
 * and output its CLI needs, the script tag of its source or output, and its loopback port.
 */
const BUNDLERS = [
  {
    name: 'vite',
    packages: ['vite'],
    build: ['vite', 'build'],
    // Vite's entry is index.html; it writes dist/index.html itself.
    source: '<script type="module" src="/src/index.js"></script>',
    port: 18750,
  },
  {
    name: 'webpack',
    packages: ['webpack', 'webpack-cli'],
    // Defaults: ./src/index.js → ./dist/main.js, production mode.
    build: ['webpack'],
    output: '<script src="main.js"></script>',
    port: 18751,
  },
  {
    name: 'esbuild',
    packages: ['esbuild'],
    // Defaults: the IIFE format and esnext, for the browser.
    build: ['esbuild', 'src/index.js', '--bundle', '--outdir=dist'],
    output: '<script src="index.js"></script>',
    port: 18752,
  },
];

let scratch = '';
let tarball = '';
/** @type {{ close: () => Promise<void> }[]} */
const servers = [];
/** @type {{ stop: () => Promise<void> } | undefined} */
let sandbox;
/** Per bundler: install and build times (ms), the build's warnings, or why it failed. */
/** @type {Record<string, { install: number, build: number, warnings: string, error?: string }>} */
const timings = {};

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'sealcard-bundlers-'));
  tarball = await pack(scratch);
  await Promise.all(BUNDLERS.map((b) => install(b, tarball)));
  for (const b of BUNDLERS) await buildApp(b);
  for (const b of BUNDLERS) servers.push(await startStaticServer(b.port, [['/', join(scratch, b.name, 'dist')]]));
  // The shops' origins, each allowed by CORS and as the frame's ancestor.
  const origins = BUNDLERS.flatMap((b) => ['--cors-origin', `http://127.0.0.1:${b.port}`]);
  sandbox = await spawnSandbox([
    '--api-port', String(PORTS.api), '--rate-limit', '0', ...origins,
    '--frame-port', String(PORTS.frame), '--frame-dir', join(scratch, 'vite', 'node_modules', 'sealcard', 'dist'),
  ]);
});

after(async () => {
  for (const s of servers) await s.close();
  await sandbox?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** `npm pack` of the repository (dist/ as built): the tarball's path. */
async function pack(/** @type {string} */ into) {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', into], { cwd: ROOT });
  return join(into, JSON.parse(stdout)[0].filename);
}

/** A fresh project for `b`: the app, and the tarball, React and the bundler installed from npm. */
async function install(/** @type {typeof BUNDLERS[number]} */ b, /** @type {string} */ tarball) {
  const dir = join(scratch, b.name);
  mkdirSync(dir);
  cpSync(join(APP, 'src'), join(dir, 'src'), { recursive: true });
  const dependencies = { sealcard: `file:${tarball}`, react: pinned.react, 'react-dom': pinned['react-dom'] };
  const devDependencies = Object.fromEntries(b.packages.map((p) => [p, pinned[p]]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `shop-${b.name}`, private: true, dependencies, devDependencies }, null, 2));
  const started = performance.now();
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  timings[b.name] = { install: performance.now() - started, build: 0, warnings: '' };
}

/** Builds the app with the bundler's defaults; the page that loads the output goes beside it. */
async function buildApp(/** @type {typeof BUNDLERS[number]} */ b) {
  const dir = join(scratch, b.name);
  const page = readFileSync(join(APP, 'index.html'), 'utf8').replace('SCRIPT_LABEL', b.name);
  if (b.source) writeFileSync(join(dir, 'index.html'), page.replace('SCRIPT_TAG', b.source));
  const started = performance.now();
  const [command, ...args] = b.build;
  try {
    const { stdout, stderr } = await run(join(dir, 'node_modules', '.bin', command), args, { cwd: dir, maxBuffer: 16 << 20 });
    timings[b.name].warnings = `${stdout}\n${stderr}`.split('\n').filter((l) => /warn/i.test(l)).join(' | ');
  } catch (e) {
    // Reported by the tests: the other bundlers still run.
    const failed = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (e);
    timings[b.name].error = `${failed.stderr || failed.stdout || failed.message}`.trim();
    mkdirSync(join(dir, 'dist'), { recursive: true });
  }
  timings[b.name].build = performance.now() - started;
  if (b.output) writeFileSync(join(dir, 'dist', 'index.html'), page.replace('SCRIPT_TAG', b.output));
}

/** A Payment Intent of the sandbox, made with the secret key as a shop's server does: its client key. */
async function paymentIntent() {
  const answer = await fetch(`${API}/v1/payment_intents`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa('sk_test_sandbox:')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { attributes: { amount: 149900, currency: 'PHP', payment_method_allowed: ['card'], capture_type: 'automatic' } } }),
  });
  const body = await answer.json();
  return /** @type {string} */ (body.data.attributes.client_key);
}

test('each bundler builds the app with its defaults (times and warnings as diagnostics)', (t) => {
  for (const b of BUNDLERS) {
    const { install: i, build, warnings } = timings[b.name];
    t.diagnostic(`${b.name}: install ${(i / 1000).toFixed(1)} s, build ${(build / 1000).toFixed(1)} s${warnings ? `; ${warnings}` : ''}`);
  }
  assert.deepEqual(Object.fromEntries(BUNDLERS.map((b) => [b.name, timings[b.name].error ?? 'built'])), { vite: 'built', webpack: 'built', esbuild: 'built' });
  const bundled = readFileSync(join(scratch, 'esbuild', 'dist', 'index.js'), 'utf8');
  assert.ok(!bundled.includes('import.meta'), 'nothing in the bundle needs import.meta');
});

test('publint and arethetypeswrong find nothing wrong in the tarball', async (t) => {
  const bin = (/** @type {string} */ name) => join(ROOT, 'node_modules', '.bin', name);
  // Both exit with an error status (and the test fails) on a problem.
  const lint = await run(bin('publint'), ['run', tarball, '--strict'], { cwd: ROOT });
  t.diagnostic(`publint: ${lint.stdout.trim().split('\n').at(-1)}`);
  assert.match(lint.stdout, /All good!/);
  // The package is ES modules only (Node ≥ 20, `import`): CommonJS `require` and node10
  // resolution are out of scope, as the esm-only profile says.
  await run(bin('attw'), [tarball, '--profile', 'esm-only', '--summary'], { cwd: ROOT });
  t.diagnostic('arethetypeswrong: no problem for node16 (ESM) and bundler resolution of any entry');
});

inEachBrowser('the packed package, bundled', ({ newPage }) => {
  for (const b of BUNDLERS) {
    test(`${b.name}: sealcard/validate answers; the element pays (isolated) and the React field pays (inline)`, async () => {
      assert.equal(timings[b.name].error, undefined, `${b.name} did not build`);
      const page = await newPage();
      const query = new URLSearchParams({
        publicKey: 'pk_test_sandbox',
        apiBase: `${API}/v1`,
        frameUrl: `http://localhost:${PORTS.frame}/frame/frame.html`,
        elementKey: await paymentIntent(),
        reactKey: await paymentIntent(),
      });
      await page.goto(`http://127.0.0.1:${b.port}/index.html?${query}`);
      const validate = await until(page, 'window.__report?.validate', 'sealcard/validate ran');
      assert.deepEqual(validate, { visa: { brand: 'visa', valid: true, potentiallyValid: true }, formatted: '3782 822463 10005', brands: 15 });
      await until(page, 'window.__report.elementReady && window.__report.reactReady', 'both fields ready');
      assert.equal(await page.evaluate(`document.querySelector('#element-card iframe[data-sealcard="frame"]') !== null`), true);
      assert.equal(await page.evaluate(`document.querySelector('#react-card [data-sealcard="fields"]') !== null`), true);

      await fill(page, { number: VISA, expiry: EXPIRY, cvc: CVC }, '#element-card');
      await page.click('#element-pay');
      assert.equal(await until(page, 'window.__report.elementPaid', 'the element paid', 20000), 'succeeded');

      await fill(page, { number: VISA, expiry: EXPIRY, cvc: CVC }, '#react-card');
      await page.click('#react-pay');
      assert.equal(await until(page, 'window.__report.reactPaid', 'the React field paid', 20000), 'succeeded');
      assert.deepEqual(problems(page).filter((m) => !/React DevTools/.test(m)), []);
    });
  }
});
