#!/usr/bin/env node
// sealcard-proof: run the hostile-merchant proof against a checkout page.
//
//   npx sealcard-proof --url http://localhost:8080/ --api-origin http://localhost:8082
//
// It opens the page in headless Chromium and/or Firefox with a skimmer's instrumentation, types
// a card into the sealcard fields, presses the pay button, and reports every place the card's
// digits (beyond the BIN and last 4) reached the page — messages, DOM, inputs, storage,
// cookies, console — or any origin but the API's. Exit status 1 when anything leaked.
// Needs playwright-core (Chromium) and/or puppeteer-core (Firefox), and the browsers; it says
// which package to install when one is missing.
import { parseArgs } from 'node:util';
import { launch } from './browsers.mjs';
import { INSTRUMENT, findLeaks } from './hostile.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'api-origin': { type: 'string', default: 'https://api.paymongo.com' },
    browser: { type: 'string', default: 'both' },
    frame: { type: 'string', default: 'iframe[title="Secure card payment input"]' },
    pay: { type: 'string', default: 'button[type="submit"]' },
    card: { type: 'string', default: '4539817260519300' },
    expiry: { type: 'string', default: '1240' },
    cvc: { type: 'string', default: '731' },
    'wait-ms': { type: 'string', default: '8000' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values.url) {
  console.log(`usage: sealcard-proof --url URL [--api-origin ORIGIN] [--browser chromium|firefox|both]
       [--frame SELECTOR] [--pay SELECTOR] [--card DIGITS] [--expiry MMYY] [--cvc DIGITS] [--wait-ms N]`);
  process.exit(values.help ? 0 : 2);
}

const names = values.browser === 'both' ? ['chromium', 'firefox'] : [values.browser];
let failed = false;
for (const name of names) {
  /** @type {Awaited<ReturnType<typeof launch>>} */
  let browser;
  try {
    browser = await launch(/** @type {'chromium' | 'firefox'} */ (name));
  } catch (e) {
    // A missing driver package: say which to install (Chromium needs playwright-core, Firefox
    // puppeteer-core), not a stack trace.
    if (/** @type {any} */ (e)?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    console.error(`sealcard-proof: ${/** @type {Error} */ (e).message}`);
    process.exit(2);
  }
  try {
    const page = await browser.newPage();
    await page.addInitScript(INSTRUMENT);
    await page.goto(values.url);
    await page.waitFor(values.frame, 20000);
    await page.type('.sealcard-number input', values.card, values.frame);
    await page.type('.sealcard-expiry input', values.expiry, values.frame);
    await page.type('.sealcard-cvc input', values.cvc, values.frame);
    await page.click(values.pay);
    await new Promise((r) => setTimeout(r, Number(values['wait-ms'])));
    const { leaks, tokenizationRequests } = await findLeaks(page, {
      pan: values.card,
      cvc: values.cvc,
      apiOrigin: new URL(values['api-origin']).origin,
    });
    console.log(`${name}: ${tokenizationRequests} request(s) carried the card, to ${values['api-origin']} only`);
    if (leaks.length) {
      failed = true;
      for (const leak of leaks) console.log(`${name}: LEAK ${leak}`);
    } else {
      console.log(`${name}: no card digit beyond the BIN and last 4 reached the page or another origin`);
    }
  } finally {
    await browser.close();
  }
}
process.exit(failed ? 1 : 0);
