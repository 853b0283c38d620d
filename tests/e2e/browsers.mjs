// Real headless browsers for the end-to-end tests, behind one small interface:
// Chromium through playwright-core, Firefox through puppeteer-core (WebDriver BiDi).
// Both use the browsers Debian installs (scripts/setup.sh); neither downloads anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BROWSERS = ['chromium', 'firefox'];

/**
 * @typedef {object} TestPage
 * @property {(url: string) => Promise<void>} goto
 * @property {(selector: string, text: string) => Promise<void>} type  real key presses
 * @property {(key: string) => Promise<void>} press
 * @property {(selector: string) => Promise<void>} click
 * @property {(selector: string, timeoutMs?: number) => Promise<string>} waitForText  non-empty text
 * @property {(selector: string) => Promise<string>} value
 * @property {<T>(fn: string) => Promise<T>} evaluate  an expression evaluated in the page
 * @property {(path: string) => Promise<void>} screenshot
 * @property {string[]} console  console messages and page errors, as text
 * @property {() => Promise<void>} close
 */

/** @param {'chromium' | 'firefox'} name */
export async function launch(name) {
  const profile = mkdtempSync(join(tmpdir(), `sealcard-${name}-`));
  if (name === 'chromium') {
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    return {
      name,
      /** @returns {Promise<TestPage>} */
      async newPage() {
        const page = await context.newPage();
        const log = [];
        page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
        page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
        return {
          console: log,
          goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
          type: (sel, text) => page.locator(sel).pressSequentially(text),
          press: (key) => page.keyboard.press(key),
          click: (sel) => page.locator(sel).click(),
          waitForText: async (sel, timeout = 15000) => {
            const loc = page.locator(sel);
            await loc.filter({ hasText: /\S/ }).first().waitFor({ state: 'visible', timeout });
            return (await loc.textContent()) ?? '';
          },
          value: (sel) => page.locator(sel).inputValue(),
          evaluate: (expr) => page.evaluate(expr),
          screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
          close: () => page.close(),
        };
      },
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  }
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  return {
    name,
    /** @returns {Promise<TestPage>} */
    async newPage() {
      const page = await browser.newPage();
      const log = [];
      page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => log.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
      return {
        console: log,
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        type: async (sel, text) => {
          await page.click(sel);
          await page.keyboard.type(text);
        },
        press: (key) => page.keyboard.press(/** @type {any} */ (key)),
        click: (sel) => page.click(sel),
        waitForText: async (sel, timeout = 15000) => {
          await page.waitForFunction(
            (s) => /\S/.test(document.querySelector(s)?.textContent ?? '') && !document.querySelector(s)?.hidden,
            { timeout },
            sel,
          );
          return page.$eval(sel, (el) => el.textContent ?? '');
        },
        value: (sel) => page.$eval(sel, (el) => /** @type {HTMLInputElement} */ (el).value),
        evaluate: (expr) => page.evaluate(expr),
        screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
        close: () => page.close(),
      };
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
