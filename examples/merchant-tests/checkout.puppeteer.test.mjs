// The shop's checkout tested with Puppeteer (Firefox, over WebDriver BiDi) and sealcard/testing.
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { completeThreeDSecure, fillCard, testCards } from 'sealcard/testing/puppeteer';
import { SHOP, startShop } from './sandbox.mjs';

/** @type {() => Promise<void>} */
let stopShop;
/** @type {import('puppeteer-core').Browser} */
let browser;
/** @type {import('puppeteer-core').Page} */
let page;
before(async () => {
  stopShop = await startShop();
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr' });
  page = await browser.newPage();
});
after(async () => {
  await browser?.close();
  await stopShop?.();
});

/** Opens the checkout, types `number`, pays, and (for 3-D Secure) answers the challenge. */
async function pay(/** @type {string} */ number, /** @type {'authorize' | 'fail' | undefined} */ challenge) {
  await page.goto(`${SHOP}/`);
  await fillCard(page, { number, expiry: testCards.expiry, cvc: testCards.cvc });
  await page.click('#pay');
  if (challenge) await completeThreeDSecure(page, challenge);
}

const shows = (/** @type {string} */ text) =>
  page.waitForFunction((t) => document.getElementById('message')?.textContent?.startsWith(t), {}, text);

test('a Visa card pays', async () => {
  await pay(testCards.visa);
  await shows('Thank you');
});

test('a declined card shows why', async () => {
  await pay(testCards.declined);
  await shows('Payment failed');
});

test('3-D Secure: authorized pays, failed does not', async () => {
  await pay(testCards.threeDSecure, 'authorize');
  await shows('Thank you');
  await pay(testCards.threeDSecure, 'fail');
  await shows('Payment failed');
});
