// Type tests of sealcard/testing and its adapters: compiled with `tsc --noEmit` under `strict`.
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { testCards, testCardList, SealCardTestError, type CardState, type TestErrorCode } from 'sealcard/testing';
import * as playwright from 'sealcard/testing/playwright';
import * as puppeteer from 'sealcard/testing/puppeteer';
import * as webdriver from 'sealcard/testing/webdriver';

const visa: string = testCards.visa;
const expiry: string = testCards.expiry;
// @ts-expect-error — only the cards of PayMongo's table have names
void testCards.amex;
// @ts-expect-error — the table is read-only
testCards.visa = '4242424242424242';
const outcomes: ('succeeds' | 'three_d_secure' | 'declined')[] = testCardList.map((c) => c.outcome);
void [visa, expiry, outcomes];

async function withPlaywright(page: PlaywrightPage): Promise<void> {
  const ready: CardState = await playwright.waitForReady(page, { container: '#card', timeout: 5000 });
  const mode: 'isolated' | 'inline' = ready.mode;
  const state = await playwright.fillCard(page, { number: testCards.visa, expiry: testCards.expiry, cvc: testCards.cvc });
  const code: string | undefined = state.errors.number?.code;
  await playwright.fillCard(page, { number: '4343' });
  // @ts-expect-error — digits are strings, typed as given
  await playwright.fillCard(page, { number: 4343434343434345 });
  // @ts-expect-error — a card is required
  await playwright.fillCard(page);
  await playwright.completeThreeDSecure(page, 'authorize');
  // @ts-expect-error — 'authorize' or 'fail'
  await playwright.completeThreeDSecure(page, 'approve');
  // @ts-expect-error — a page, not a selector
  await playwright.readState('#card');
  await playwright.clearCard(page, { container: '#card' });
  void [mode, code];
}

async function withPuppeteer(page: PuppeteerPage): Promise<void> {
  await puppeteer.fillCard(page, { number: testCards.threeDSecure, expiry: '12/40', cvc: '123' }, { container: '#card' });
  await puppeteer.completeThreeDSecure(page, 'fail', { timeout: 10000 });
  await puppeteer.completeThreeDSecure(page, 'authorize', { button: 'Submit' });
  // @ts-expect-error — a button's text
  await puppeteer.completeThreeDSecure(page, 'authorize', { button: 1 });
  const brand = (await puppeteer.readState(page)).brand;
  if (brand === 'visa' || brand === null) void brand;
}

interface Locator {
  css: string;
}
declare const driver: {
  executeScript(script: string | Function, ...args: any[]): Promise<unknown>;
  switchTo(): object;
  findElements(locator: Locator): Promise<object[]>;
  get(url: string): Promise<void>;
};

async function withSelenium(): Promise<void> {
  await webdriver.fillCard(driver, { number: testCards.declined, expiry: testCards.expiry, cvc: testCards.cvc });
  // @ts-expect-error — a WebDriver, not a bare object
  await webdriver.waitForReady({});
  try {
    await webdriver.waitForReady(driver);
  } catch (e) {
    if (e instanceof SealCardTestError) {
      const code: TestErrorCode = e.code;
      const frameError: string | undefined = e.frameError;
      // @ts-expect-error — codes are a closed union
      const wrong: TestErrorCode = 'frame_missing';
      void [code, frameError, wrong];
    }
  }
}

void [withPlaywright, withPuppeteer, withSelenium];
