/**
 * sealcard/testing for Puppeteer (puppeteer or puppeteer-core; Chromium, or Firefox over WebDriver BiDi).
 *
 * @example
 * import puppeteer from 'puppeteer-core';
 * import { testCards, fillCard } from 'sealcard/testing/puppeteer';
 * const page = await (await puppeteer.launch({ executablePath: '/usr/bin/chromium' })).newPage();
 * await page.goto('https://shop.example/checkout');
 * await fillCard(page, { number: testCards.visa, expiry: testCards.expiry, cvc: testCards.cvc });
 */
import type { CardInput, CardState, FieldsOptions } from './index.js';
export { testCards, testCardList, SealCardTestError } from './index.js';
export type * from './index.js';

/** What the kit needs of a Puppeteer `Page` (any Page satisfies it). */
export interface PuppeteerPage {
  mainFrame(): unknown;
  keyboard: unknown;
}

export declare function waitForReady(page: PuppeteerPage, options?: FieldsOptions): Promise<CardState>;
export declare function fillCard(page: PuppeteerPage, card: CardInput, options?: FieldsOptions): Promise<CardState>;
export declare function clearCard(page: PuppeteerPage, options?: FieldsOptions): Promise<CardState>;
export declare function readState(page: PuppeteerPage, options?: FieldsOptions): Promise<CardState>;
export declare function completeThreeDSecure(page: PuppeteerPage, action: 'authorize' | 'fail', options?: { timeout?: number }): Promise<void>;
