// The five driver × browser pairs the kit is tested with, each launched once, behind one small
// interface for what a merchant's test does around the kit (open a page, click the shop's own
// buttons, read its text). All browsers are the machine's own (Debian's chromium, chromedriver,
// firefox-esr, and geckodriver on PATH); nothing is downloaded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const FIREFOX_PREFS = {
  'network.captive-portal-service.enabled': false,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
};

/** @typedef {'playwright' | 'puppeteer' | 'webdriver'} DriverName */
/** @typedef {'chromium' | 'firefox'} BrowserName */

/**
 * A launched browser with one page: `target` is what the kit's functions take (a Playwright or
 * Puppeteer Page, a selenium WebDriver); the rest is the test's own access to the page.
 * @typedef {object} Session
 * @property {string} name  e.g. 'puppeteer + firefox'
 * @property {any} kit  the adapter module (sealcard/testing/<driver>)
 * @property {any} target
 * @property {(url: string) => Promise<void>} goto
 * @property {(selector: string) => Promise<void>} click  a real click on an element of the page
 * @property {(expr: string) => Promise<any>} evaluate  an expression in the page (not its frames)
 * @property {() => Promise<void>} close
 */

/** Every pair the kit supports and is tested with. */
export const PAIRS = /** @type {const} */ ([
  ['playwright', 'chromium'],
  ['puppeteer', 'firefox'],
  ['puppeteer', 'chromium'],
  ['webdriver', 'chromium'],
  ['webdriver', 'firefox'],
]);

/**
 * Launches `browser` with `driver` and opens one page.
 * @param {DriverName} driver @param {BrowserName} browser @param {string} kitDir  where the kit's modules are
 * @returns {Promise<Session>}
 */
export async function launch(driver, browser, kitDir) {
  const kit = await import(join(kitDir, `${driver}.js`));
  const name = `${driver} + ${browser}`;
  if (driver === 'playwright') {
    if (browser !== 'chromium') throw new Error('Playwright drives Chromium here (its Firefox needs a patched build)');
    const { chromium } = await import('playwright-core');
    const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await b.newPage();
    return {
      name, kit, target: page,
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      click: (sel) => page.locator(sel).click(),
      evaluate: (expr) => page.evaluate(expr),
      close: () => b.close(),
    };
  }
  if (driver === 'puppeteer') {
    const puppeteer = (await import('puppeteer-core')).default;
    const profile = mkdtempSync(join(tmpdir(), `sealcard-kit-${browser}-`));
    const b = await puppeteer.launch(
      browser === 'firefox'
        ? { browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile, extraPrefsFirefox: FIREFOX_PREFS }
        : { executablePath: CHROMIUM, headless: true, userDataDir: profile, args: CHROMIUM_ARGS },
    );
    // A new page, not the first tab: headless Firefox over WebDriver BiDi never focuses its
    // first tab, so focus and blur (where the fields show a left field's error) would not fire.
    const page = await b.newPage();
    return {
      name, kit, target: page,
      goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
      click: (sel) => page.click(sel),
      evaluate: (expr) => page.evaluate(expr),
      close: async () => {
        await b.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  }
  const { Builder } = await import('selenium-webdriver');
  const chrome = await import('selenium-webdriver/chrome.js');
  const firefox = await import('selenium-webdriver/firefox.js');
  let d;
  if (browser === 'chromium') {
    const options = new chrome.Options().setChromeBinaryPath(CHROMIUM).addArguments('--headless=new', ...CHROMIUM_ARGS);
    const service = new chrome.ServiceBuilder(process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver');
    d = await new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
  } else {
    const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless');
    for (const [k, v] of Object.entries(FIREFOX_PREFS)) options.setPreference(k, v);
    const gecko = process.env.GECKODRIVER ?? execFileSync('sh', ['-c', 'command -v geckodriver'], { encoding: 'utf8' }).trim();
    d = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(new firefox.ServiceBuilder(gecko)).build();
  }
  const wd = d;
  return {
    name, kit, target: wd,
    goto: (url) => wd.get(url),
    click: async (sel) => {
      await wd.switchTo().defaultContent();
      await wd.findElement({ css: sel }).click();
    },
    evaluate: async (expr) => {
      await wd.switchTo().defaultContent();
      return wd.executeScript(`return (${expr});`);
    },
    close: () => wd.quit(),
  };
}
