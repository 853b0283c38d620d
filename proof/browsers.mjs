// Real headless browsers behind one small interface: Chromium through playwright-core,
// Firefox through puppeteer-core (WebDriver BiDi). Both drive browsers already installed
// (Debian's chromium and firefox-esr by default); neither downloads anything.
// Used by sealcard's own end-to-end tests and by the `sealcard-proof` command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BROWSERS = /** @type {const} */ (['chromium', 'firefox']);

/**
 * @typedef {object} Request
 * @property {string} url
 * @property {string} method
 * @property {string} body  the request body ('' when none)
 */

/**
 * @typedef {object} TestPage
 * @property {(url: string) => Promise<void>} goto
 * @property {(source: string) => Promise<void>} addInitScript  runs in every frame before its scripts
 * @property {(selector: string, text: string, frame?: string) => Promise<void>} type  real key presses
 * @property {(key: string) => Promise<void>} press
 * @property {(selector: string, frame?: string) => Promise<void>} click
 * @property {(selector: string, timeoutMs?: number) => Promise<void>} waitFor  until it exists and is visible
 * @property {(selector: string, frame?: string) => Promise<string>} text
 * @property {(selector: string, frame?: string) => Promise<string>} value
 * @property {(expr: string, frame?: string) => Promise<any>} evaluate  an expression, in the page or a frame
 * @property {(path: string) => Promise<void>} screenshot
 * @property {string[]} console  console messages and page errors of every frame
 * @property {Request[]} requests  every request the page and its frames made
 * @property {() => Promise<void>} settle  waits until every request body is read
 * @property {() => Promise<void>} close
 * @property {{ kind: 'playwright' | 'puppeteer', page: any }} driver  the driver's own page, for
 *   sealcard/testing (`sealcard/testing/playwright` or `sealcard/testing/puppeteer`)
 */

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Imports a browser driver, an optional peer dependency of sealcard; when it is missing, says
 * which package to install.
 * @param {string} name @param {() => Promise<any>} load
 */
export async function requirePackage(name, load) {
  try {
    return await load();
  } catch (e) {
    if (/** @type {any} */ (e)?.code !== 'ERR_MODULE_NOT_FOUND' || !String(/** @type {any} */ (e)?.message).includes(`'${name}'`)) throw e;
    const error = new Error(`sealcard needs the package ${name} to drive the browser; install it beside sealcard: npm install --save-dev ${name}`);
    /** @type {any} */ (error).code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
}

/**
 * Launches a headless browser.
 * @param {'chromium' | 'firefox'} name
 * @param {{ colorScheme?: 'light' | 'dark' }} [options]  the shopper's preferred colour scheme
 *   (`prefers-color-scheme`) in every page; by default the browser's (light, headless)
 * @returns {Promise<{ name: string, newPage: () => Promise<TestPage>, close: () => Promise<void> }>}
 */
export async function launch(name, options = {}) {
  const profile = mkdtempSync(join(tmpdir(), `sealcard-${name}-`));
  return name === 'chromium' ? launchChromium(profile, options) : launchFirefox(profile, options);
}

/** @param {string} profile @param {{ colorScheme?: 'light' | 'dark' }} options */
async function launchChromium(profile, { colorScheme }) {
  const { chromium } = await requirePackage('playwright-core', () => import('playwright-core'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...(colorScheme ? { colorScheme } : {}),
  });
  return {
    name: 'chromium',
    async newPage() {
      const page = await context.newPage();
      /** @type {string[]} */
      const log = [];
      /** @type {Request[]} */
      const requests = [];
      page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
      page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
      const scope = (/** @type {string | undefined} */ frame) => (frame ? page.frameLocator(frame) : page);
      const frameOf = async (/** @type {string} */ sel) => {
        const handle = await page.waitForSelector(sel);
        const f = await handle.contentFrame();
        if (!f) throw new Error(`no frame at ${sel}`);
        return f;
      };
      return /** @type {TestPage} */ ({
        console: log,
        requests,
        settle: async () => undefined,
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        addInitScript: (source) => page.addInitScript(source),
        type: (sel, text, frame) => scope(frame).locator(sel).pressSequentially(text),
        press: (key) => page.keyboard.press(key),
        click: (sel, frame) => scope(frame).locator(sel).click(),
        waitFor: async (sel, timeout = 15000) => void (await page.locator(sel).first().waitFor({ state: 'visible', timeout })),
        text: async (sel, frame) => (await scope(frame).locator(sel).first().textContent()) ?? '',
        value: (sel, frame) => scope(frame).locator(sel).first().inputValue(),
        evaluate: async (expr, frame) => (frame ? (await frameOf(frame)).evaluate(expr) : page.evaluate(expr)),
        screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
        close: () => page.close(),
        driver: { kind: 'playwright', page },
      });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** @param {string} profile @param {{ colorScheme?: 'light' | 'dark' }} options */
async function launchFirefox(profile, { colorScheme }) {
  const puppeteer = (await requirePackage('puppeteer-core', () => import('puppeteer-core'))).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: null,
    userDataDir: profile,
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      // The colour scheme pages see (WebDriver BiDi cannot emulate it in a running page).
      ...(colorScheme ? { 'ui.systemUsesDarkTheme': colorScheme === 'dark' ? 1 : 0 } : {}),
    },
  });
  return {
    name: 'firefox',
    async newPage() {
      const page = await browser.newPage();
      /** @type {string[]} */
      const log = [];
      /** @type {Request[]} */
      const requests = [];
      page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => log.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
      page.on('request', (r) => {
        const entry = { url: r.url(), method: r.method(), body: '' };
        requests.push(entry);
        // Firefox over WebDriver BiDi gives request bodies only on demand.
        if (r.hasPostData()) {
          pendingBodies.push(
            r.fetchPostData().then(
              (body) => void (entry.body = body ?? ''),
              () => void (entry.body = '<unreadable>'),
            ),
          );
        }
      });
      /** @type {Promise<void>[]} */
      const pendingBodies = [];
      /** @param {string | undefined} frame */
      const scope = async (frame) => {
        if (!frame) return page;
        const handle = await page.waitForSelector(frame);
        const f = await handle?.contentFrame();
        if (!f) throw new Error(`no frame at ${frame}`);
        return f;
      };
      return /** @type {TestPage} */ ({
        console: log,
        requests,
        settle: async () => void (await Promise.all(pendingBodies)),
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        addInitScript: async (source) => void (await page.evaluateOnNewDocument(source)),
        type: async (sel, text, frame) => {
          const s = await scope(frame);
          await s.click(sel);
          await page.keyboard.type(text);
        },
        press: (key) => page.keyboard.press(/** @type {any} */ (key)),
        click: async (sel, frame) => (await scope(frame)).click(sel),
        waitFor: async (sel, timeout = 15000) => void (await page.waitForSelector(sel, { visible: true, timeout })),
        text: async (sel, frame) => (await scope(frame)).$eval(sel, (el) => el.textContent ?? ''),
        value: async (sel, frame) => (await scope(frame)).$eval(sel, (el) => /** @type {HTMLInputElement} */ (el).value),
        evaluate: async (expr, frame) => (await scope(frame)).evaluate(expr),
        screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
        close: () => page.close(),
        driver: { kind: 'puppeteer', page },
      });
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
