// Browser tests of the card field, in real headless Chromium (playwright-core) and Firefox
// (puppeteer-core), against the built dist/frame/fields.js: the field catalogue (ported from
// tests/web_field.rs) and the hostile-input catalogue (from tests/web_hostile.rs). The cases run
// in the page (tests/browser/page/), served from loopback (a secure context) by
// scripts/static-server.mjs;
// the network cases talk to a sandbox of their own, started here with CORS for loopback pages.
// Each case is reported as its own subtest per browser, with the in-page assertion message.
//
// Needs `npm run build` (dist/) and the sandbox binary (`cargo build -p sealcard-sandbox`, or
// SEALCARD_SANDBOX_BIN). Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, launch } from '../../proof/browsers.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { startSandbox } from '../e2e/sandbox.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', '..', 'dist');
/** The test page at /, the built fields module at /frame/, sealcard/validate at /validate/. */
const MOUNTS = /** @type {[string, string][]} */ ([
  ['/frame/', join(dist, 'frame')],
  ['/validate/', join(dist, 'validate')],
  ['/', join(here, 'page')],
]);

// Ports of their own (18300–18320), apart from the other test files.
const SANDBOX_PORTS = { apiPort: 18300, merchantPort: 18301, framePort: 18302 };
const PAGE_PORT = 18303;
/** A case that has not finished by then is failed, and the page is reloaded for the next one. */
const CASE_TIMEOUT_MS = 180_000;

/** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
let sandbox;
/** @type {Awaited<ReturnType<typeof startStaticServer>> | undefined} */
let server;

before(async () => {
  sandbox = await startSandbox({ ...SANDBOX_PORTS, extra: ['--cors-loopback'] });
  server = await startStaticServer(PAGE_PORT, MOUNTS);
});

after(async () => {
  await server?.close();
  await sandbox?.stop();
});

/** The test page, with the sandbox's API base for the cases. */
function pageUrl() {
  const api = `http://127.0.0.1:${SANDBOX_PORTS.apiPort}/v1`;
  return `${server?.origin}/?api=${encodeURIComponent(api)}`;
}

/**
 * Opens the test page and waits for its catalogues.
 * @param {import('../../proof/browsers.mjs').TestPage} page
 * @returns {Promise<string[]>} the case names, in order
 */
async function open(page) {
  await page.goto(pageUrl());
  const loaded = await page.evaluate('window.sealcardTests.ready');
  if (loaded.error) throw new Error(`the test page did not load: ${loaded.error}\n${page.console.join('\n')}`);
  return loaded.names;
}

/**
 * `promise`, or a rejection after `ms`.
 * @template T @param {Promise<T>} promise @param {number} ms @param {string} what
 * @returns {Promise<T>}
 */
function within(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms / 1000} s`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, late])).finally(() => clearTimeout(timer));
}

for (const name of BROWSERS) {
  test(name, async (t) => {
    // A fault left armed by a failed case of the browser before must not reach this one.
    await sandbox?.clearFaults();
    const browser = await launch(name);
    try {
      const page = await browser.newPage();
      const names = await open(page);
      let reload = false;
      for (const caseName of names) {
        await t.test(`${name} › ${caseName}`, async (st) => {
          if (reload) {
            reload = false;
            await open(page);
          }
          const seen = page.console.length;
          /** @type {{ ok: boolean, message?: string, notes: string[] }} */
          let result;
          try {
            result = await within(page.evaluate(`window.sealcardTests.run(${JSON.stringify(caseName)})`), CASE_TIMEOUT_MS, caseName);
          } catch (error) {
            reload = true;
            throw error;
          }
          for (const note of result.notes) st.diagnostic(note);
          if (!result.ok) {
            const logged = page.console.slice(seen);
            assert.fail(`${result.message}${logged.length ? `\npage console:\n  ${logged.join('\n  ')}` : ''}`);
          }
        });
      }
    } finally {
      await browser.close();
    }
  });
}
