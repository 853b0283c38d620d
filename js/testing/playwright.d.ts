/**
 * sealcard/testing for Playwright (playwright, playwright-core or `@playwright/test`).
 *
 * @example
 * import { test, expect } from '@playwright/test';
 * import { testCards, fillCard } from 'sealcard/testing/playwright';
 * test('pays', async ({ page }) => {
 *   await page.goto('/checkout');
 *   await fillCard(page, { number: testCards.visa, expiry: testCards.expiry, cvc: testCards.cvc });
 * });
 */
import type { CardInput, CardState, FieldsOptions } from './index.js';
export { testCards, testCardList, SealCardTestError } from './index.js';
export type * from './index.js';

/** What the kit needs of a Playwright `Page` (any Page satisfies it). */
export interface PlaywrightPage {
  mainFrame(): unknown;
  frames(): unknown[];
}

export declare function waitForReady(page: PlaywrightPage, options?: FieldsOptions): Promise<CardState>;
export declare function fillCard(page: PlaywrightPage, card: CardInput, options?: FieldsOptions): Promise<CardState>;
export declare function clearCard(page: PlaywrightPage, options?: FieldsOptions): Promise<CardState>;
export declare function readState(page: PlaywrightPage, options?: FieldsOptions): Promise<CardState>;
export declare function completeThreeDSecure(page: PlaywrightPage, action: 'authorize' | 'fail', options?: { timeout?: number }): Promise<void>;
