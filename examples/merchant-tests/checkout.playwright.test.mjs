// The shop's checkout tested with Playwright (Chromium) and sealcard/testing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { completeThreeDSecure, fillCard, readState, testCards } from 'sealcard/testing/playwright';
import { SHOP, startShop } from './sandbox.mjs';

/** @type {() => Promise<void>} */
let stopShop;
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
before(async () => {
  stopShop = await startShop();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage();
});
after(async () => {
  await browser?.close();
  await stopShop?.();
});

/** Opens the checkout, types `number` with a future expiry and a CVC, and pays. */
async function pay(/** @type {string} */ number) {
  await page.goto(`${SHOP}/`);
  await fillCard(page, { number, expiry: testCards.expiry, cvc: testCards.cvc });
  await page.getByRole('button', { name: /Pay/ }).click();
}

const message = () => page.locator('#message');

test('a Visa card pays', async () => {
  await pay(testCards.visa);
  await message().filter({ hasText: 'Thank you' }).waitFor();
});

test('a declined card shows why', async () => {
  await pay(testCards.declined);
  await message().filter({ hasText: 'Payment failed' }).waitFor();
});

test('3-D Secure, authorized, pays', async () => {
  await pay(testCards.threeDSecure);
  await completeThreeDSecure(page, 'authorize');
  await message().filter({ hasText: 'Thank you' }).waitFor();
});

test('3-D Secure, failed, does not pay', async () => {
  await pay(testCards.threeDSecure);
  await completeThreeDSecure(page, 'fail');
  await message().filter({ hasText: 'Payment failed' }).waitFor();
});

test('an incomplete card shows its error', async () => {
  await page.goto(`${SHOP}/`);
  await fillCard(page, { number: '4343 4343', expiry: testCards.expiry });
  const state = await readState(page);
  assert.equal(state.complete, false);
  assert.equal(state.errors.number?.code, 'incomplete_number');
});
