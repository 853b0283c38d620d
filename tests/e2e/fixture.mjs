// The shared setup of the end-to-end tests: the demo sandbox started once per file
// (`useDemo`), each browser launched once per file (`inEachBrowser`), pages of an attacker's
// origins (`useAttackerPages`), and the steps every test takes with the demo checkout:
// open it, type a card into the fields frame, read the outcome, check for uncaught errors.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, afterEach, before, describe } from 'node:test';
import { BROWSERS, launch } from '../../proof/browsers.mjs';
import { findLeaks } from '../../proof/hostile.mjs';
import { ROOT, startSandbox } from './sandbox.mjs';

export { ROOT };

/** @typedef {import('../../proof/browsers.mjs').TestPage} TestPage */

/** The demo's fields frame. */
export const FRAME = 'iframe[title="Secure card payment input"]';
/** The inputs of the fields, in the frame (or under `#card` in inline mode). */
export const FIELD = {
  number: '.sealcard-number input',
  expiry: '.sealcard-expiry input',
  cvc: '.sealcard-cvc input',
};
/** The demo checkout once its fields are mounted and ready. */
export const READY = 'body[data-ready="true"]';
/** A valid Visa number with distinctive middle digits, so that any leak is unmistakable. */
export const PAN = '4539817260519300';
/** The expiry (MMYY, as typed) and CVC the tests type with every card. */
export const EXPIRY = '1240';
export const CVC = '731';

export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the sandbox with the demo's three origins before the file's tests and stops it after
 * them. The handle answers only once the `before` hook has run (in tests and later hooks).
 * @param {Parameters<typeof startSandbox>[0]} [options]  ports of the file's own, sandbox flags
 */
export function useDemo(options = {}) {
  /** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
  let sandbox;
  before(async () => {
    sandbox = await startSandbox(options);
  });
  after(async () => {
    await sandbox?.stop();
  });
  const live = () => {
    if (!sandbox) throw new Error('the demo sandbox is not running (useDemo() is used outside a test or hook)');
    return sandbox;
  };
  const demo = {
    /** The shop's origin. */
    get merchant() {
      return live().merchant;
    },
    /** The fields frame's origin. */
    get frame() {
      return live().frame;
    },
    /** The API's origin. */
    get api() {
      return live().api;
    },
    /** The API base the loader is given. */
    get apiBase() {
      return `${live().api}/v1`;
    },
    /** The fields frame page. */
    get frameUrl() {
      return `${live().frame}/frame/frame.html`;
    },
    /** @returns {Promise<{ tokenizations: number, requests: number, payment_methods: number }>} */
    stats: () => live().stats(),
    /** @param {{ endpoint: string, kind: string, count?: number, latency_ms?: number, status?: number }} fault */
    fault: (fault) => live().fault(fault),
    clearFaults: () => live().clearFaults(),
    /**
     * The demo's loader configuration, as JS source for `SealCard.load(…)` in a page.
     * @param {{ apiBase?: string }} [o]  another API base (by default the sandbox's)
     */
    config: ({ apiBase = demo.apiBase } = {}) =>
      `{ publicKey: 'pk_test_sandbox', apiBase: '${apiBase}', frameUrl: '${demo.frameUrl}' }`,
    /**
     * Opens the demo checkout at `path` and waits until its fields are ready; `init` scripts
     * are added first (they run in the page and its frames before their own scripts).
     * @param {TestPage} page
     * @param {{ path?: string, init?: string[] }} [o]
     */
    async openCheckout(page, { path = '/', init = [] } = {}) {
      for (const script of init) await page.addInitScript(script);
      await page.goto(`${live().merchant}${path}`);
      await page.waitFor(READY);
    },
    /**
     * The hostile-merchant proof on a page of the demo, for a card typed with `typeCard`.
     * @param {TestPage} page
     */
    findLeaks: (page, { pan = PAN, cvc = CVC } = {}) => findLeaks(page, { pan, cvc, apiOrigin: live().api }),
  };
  return demo;
}

/** @typedef {ReturnType<typeof useDemo>} Demo */

/**
 * Registers one `describe(\`${title} in ${name}\`)` per browser (Chromium, Firefox): the browser
 * is launched once before the suite's tests and closed after them; the pages a test opens with
 * `newPage` are closed after it, whether it passed or not. `newPage({ colorScheme })` opens a
 * page whose shopper prefers that colour scheme: Chromium emulates it on the suite's browser
 * (a test may change it live, `page.driver.page.emulateMedia`); Firefox over WebDriver BiDi
 * cannot, so its page comes from a second Firefox launched with that preference (once per
 * suite and scheme).
 * @param {string} title
 * @param {(browser: { name: string, newPage: (options?: { colorScheme?: 'light' | 'dark' }) => Promise<TestPage> }) => void} body  registers the tests
 */
export function inEachBrowser(title, body) {
  for (const name of BROWSERS) {
    describe(`${title} in ${name}`, () => {
      /** @type {Awaited<ReturnType<typeof launch>> | undefined} */
      let browser;
      /** @type {Set<TestPage>} */
      const open = new Set();
      /** @type {Map<string, ReturnType<typeof launch>>} Firefox with a colour-scheme preference */
      const schemed = new Map();
      before(async () => {
        browser = await launch(name);
      });
      afterEach(async () => {
        const pages = [...open];
        open.clear();
        for (const page of pages) await page.close();
      });
      after(async () => {
        await browser?.close();
        for (const other of schemed.values()) await (await other).close();
      });
      body({
        name,
        async newPage({ colorScheme } = {}) {
          if (!browser) throw new Error(`${name} is not running (newPage() is called outside a test)`);
          let page;
          if (colorScheme && name === 'firefox') {
            if (!schemed.has(colorScheme)) schemed.set(colorScheme, launch(name, { colorScheme }));
            page = await (await /** @type {ReturnType<typeof launch>} */ (schemed.get(colorScheme))).newPage();
          } else {
            page = await browser.newPage();
            if (colorScheme) await page.driver.page.emulateMedia({ colorScheme });
          }
          const close = page.close;
          page.close = async () => {
            open.delete(page);
            await close();
          };
          open.add(page);
          return page;
        },
      });
    });
  }
}

/**
 * Serves an attacker's page (`<title>attacker</title>`, any origin may read it) on each of
 * `ports` of 127.0.0.1 for the file's tests. Every request received is logged as
 * `METHOD port path`.
 * @param {number[]} ports
 */
export function useAttackerPages(ports) {
  /** @type {import('node:http').Server[]} */
  const servers = [];
  /** @type {string[]} */
  const log = [];
  before(async () => {
    for (const port of ports) {
      const server = createServer((req, res) => {
        log.push(`${req.method} ${port} ${req.url}`);
        req.resume();
        res.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
        res.end('<!doctype html><title>attacker</title><body></body>');
      });
      await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
      servers.push(server);
    }
  });
  after(() => {
    for (const s of servers) s.close();
  });
  return { log };
}

/** sealcard/testing, as built (dist/testing/), for each driver behind a TestPage. */
const kits = {
  playwright: () => import(join(ROOT, 'dist', 'testing', 'playwright.js')),
  puppeteer: () => import(join(ROOT, 'dist', 'testing', 'puppeteer.js')),
};

/**
 * Types a card into the fields with real key presses, with sealcard/testing's `fillCard` (the
 * kit merchants use): in the page's only fields, or those of the mount target `container`.
 * @param {TestPage} page
 * @param {string} [number]
 * @param {{ expiry?: string, cvc?: string, container?: string }} [o]
 */
export async function typeCard(page, number = PAN, { expiry = EXPIRY, cvc = CVC, container } = {}) {
  const kit = await kits[page.driver.kind]();
  await kit.fillCard(page.driver.page, { number, expiry, cvc }, container ? { container } : {});
}

/**
 * Types an incomplete number and leaves the field, then waits until the field shows its error.
 * @param {TestPage} page
 */
export async function showNumberError(page) {
  await page.type(FIELD.number, '4242', FRAME);
  await page.click(FIELD.expiry, FRAME);
  await page.evaluate(`new Promise((resolve) => {
    const check = () => (document.querySelector('.sealcard-number .sealcard-error').textContent ? resolve(undefined) : setTimeout(check, 20));
    check();
  })`, FRAME);
}

/**
 * What the fields show.
 * @param {TestPage} page
 */
export async function fields(page) {
  return {
    number: await page.value(FIELD.number, FRAME),
    expiry: await page.value(FIELD.expiry, FRAME),
    cvc: await page.value(FIELD.cvc, FRAME),
  };
}

/**
 * Waits for the demo's result box to show an outcome: its text, whether it shows an error, the
 * typed error the shop recorded (`code retryable|final`, '' when none), and whether the Pay
 * button is disabled.
 * @param {TestPage} page
 * @returns {Promise<{ text: string, isError: boolean, shown: boolean, error: string, payDisabled: boolean }>}
 */
export async function outcome(page) {
  for (let i = 0; i < 200; i++) {
    const state = await page.evaluate(`(() => {
      const r = document.getElementById('result');
      return { text: r.textContent, isError: r.classList.contains('is-error'), shown: !r.hidden,
        error: document.body.dataset.error ?? '', payDisabled: document.getElementById('pay').disabled };
    })()`);
    if (state.shown && state.text !== 'Processing…') return state;
    await sleep(100);
  }
  throw new Error('no outcome shown');
}

/** An init script (see `openCheckout`): records the uncaught errors of the page and of every frame. */
export const RECORD_UNCAUGHT = `(() => {
  if (window.__uncaught) return;
  const log = [];
  Object.defineProperty(window, '__uncaught', { value: log });
  addEventListener('error', (e) => log.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => log.push('rejection: ' + (e.reason && e.reason.message || e.reason)));
})();`;

/**
 * Uncaught errors of the page and of the fields frame, as `RECORD_UNCAUGHT` recorded them.
 * @param {TestPage} page
 */
export async function uncaught(page) {
  return [
    ...(await page.evaluate('window.__uncaught')),
    ...(await page.evaluate('window.__uncaught', FRAME)),
    // Firefox logs every refused cross-origin request ("CORS request did not succeed") as an
    // error of the page: a diagnostic of the network layer, not an exception.
    ...page.console.filter((m) => /^pageerror/.test(m) && !/^pageerror: Cross-Origin Request Blocked/.test(m)),
  ];
}
