// The adapters' browser tests share this: a test shop served by the sandbox (its merchant
// origin serves a temporary copy of a `site/` folder, with the page scripts that need React
// bundled by esbuild, and the built dist/ under /sealcard/; its frame origin serves dist/), and
// the steps of a test with its pages: read the body's data-, fill a card, wait for a condition.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { build } from 'esbuild';
import { ROOT, spawnSandbox } from '../e2e/sandbox.mjs';

export { ROOT };

/** sealcard/testing, as built, for the driver behind a TestPage. */
const KITS = {
  playwright: () => import(join(ROOT, 'dist', 'testing', 'playwright.js')),
  puppeteer: () => import(join(ROOT, 'dist', 'testing', 'puppeteer.js')),
};

/** @typedef {import('../../proof/browsers.mjs').TestPage} TestPage */

/** The card every test pays with, and the 3-D Secure one. */
export const VISA = '4343434343434345';
export const THREE_D_SECURE = '4120000000000007';
export const EXPIRY = '1240';
export const CVC = '731';

export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Serves `siteDir` (a copy, with `bundles` — page scripts importing React or sealcard by package
 * name — bundled in development mode, as a developer's StrictMode app runs) on the sandbox's
 * merchant origin for the file's tests.
 * @param {{ siteDir: string, ports: [number, number, number], bundles?: string[] }} o
 */
export function useShop({ siteDir, ports, bundles = [] }) {
  /** @type {{ stop: () => Promise<void> } | undefined} */
  let sandbox;
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealcard-shop-'));
    cpSync(siteDir, dir, { recursive: true });
    await bundle(siteDir, dir, bundles);
    sandbox = await spawnSandbox([
      '--api-port', String(ports[2]), '--rate-limit', '0',
      '--merchant-port', String(ports[0]), '--merchant-dir', dir, '--merchant-assets', join(ROOT, 'dist'),
      '--frame-port', String(ports[1]), '--frame-dir', join(ROOT, 'dist'),
    ]);
  });
  after(async () => {
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    merchant: `http://localhost:${ports[0]}`,
    frame: `http://localhost:${ports[1]}`,
    api: `http://localhost:${ports[2]}`,
    /** The served copy of the site (to add pages rendered by a test). */
    get dir() {
      return dir;
    },
  };
}

/** Bundles each `name.js` of `entries` into `out/name.bundle.js`. */
async function bundle(/** @type {string} */ siteDir, /** @type {string} */ out, /** @type {string[]} */ entries) {
  if (entries.length === 0) return;
  await build({
    entryPoints: entries.map((e) => join(siteDir, e)),
    outdir: out,
    entryNames: '[name].bundle',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'warning',
  });
}

/**
 * Types a card key by key with sealcard/testing's `fillCard`, in the fields of `container`.
 * @param {TestPage} page
 * @param {{ number?: string, expiry?: string, cvc?: string }} card
 * @param {string} [container]
 */
export async function fill(page, card, container) {
  const kit = await KITS[page.driver.kind]();
  return kit.fillCard(page.driver.page, card, container ? { container } : {});
}

/**
 * Answers the challenge of the sandbox's 3-D Secure page with sealcard/testing.
 * @param {TestPage} page @param {'authorize' | 'fail'} answer
 */
export async function threeDSecure(page, answer) {
  const kit = await KITS[page.driver.kind]();
  await kit.completeThreeDSecure(page.driver.page, answer);
}

/**
 * Polls `expr` (in the page) until it is truthy, and returns its value.
 * @param {TestPage} page @param {string} expr @param {string} what  said when it never is
 */
export async function until(page, expr, what, timeoutMs = 15000) {
  /** @type {unknown} */
  let value;
  for (const start = Date.now(); Date.now() - start < timeoutMs; await sleep(50)) {
    value = await page.evaluate(expr);
    if (value) return value;
  }
  throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
}

/** The outcome of a payment on the shop's pages: `document.body.dataset.paid` or `.error`. */
export async function paid(/** @type {TestPage} */ page) {
  return until(page, `document.body.dataset.paid || (document.body.dataset.error && 'error: ' + document.body.dataset.error)`, 'the payment outcome', 20000);
}

/**
 * Console errors and warnings, and uncaught errors, of the page and its frames. Firefox logs
 * every refused cross-origin request as an error of the page: a network diagnostic, left out.
 * @param {TestPage} page
 */
export function problems(page) {
  return page.console.filter((m) => /^(error|warn|warning|pageerror):/.test(m) && !/Cross-Origin Request Blocked/.test(m));
}
