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
import type { CardInput, CardState, FieldsOptions, ThreeDSecureOptions } from './index.js';
export { testCards, testCardList, SealCardTestError } from './index.js';
export type * from './index.js';

/** What the kit needs of a Puppeteer `Page` (any Page satisfies it). */
export interface PuppeteerPage {
  mainFrame(): unknown;
  keyboard: unknown;
}

/** Resolves when the fields are ready; rejects with a `SealCardTestError` naming the cause. */
export declare function waitForReady(page: PuppeteerPage, options?: FieldsOptions): Promise<CardState>;
/** Types the card into the real inputs key by key (partial cards allowed); refuses live-mode fields. */
export declare function fillCard(page: PuppeteerPage, card: CardInput, options?: FieldsOptions): Promise<CardState>;
/** Empties every field with the keyboard (select all, Backspace). */
export declare function clearCard(page: PuppeteerPage, options?: FieldsOptions): Promise<CardState>;
/** The fields' state — complete, brand, each field's error — never digits. */
export declare function readState(page: PuppeteerPage, options?: FieldsOptions): Promise<CardState>;
/** Passes or fails the 3-D Secure challenge, however many frames deep. */
export declare function completeThreeDSecure(page: PuppeteerPage, action: 'authorize' | 'fail', options?: ThreeDSecureOptions): Promise<void>;
