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
import type { CardInput, CardState, FieldsOptions, ThreeDSecureOptions } from './index.js';
export { testCards, testCardList, SealCardTestError } from './index.js';
export type * from './index.js';

/** What the kit needs of a Playwright `Page` (any Page satisfies it). */
export interface PlaywrightPage {
  mainFrame(): unknown;
  frames(): unknown[];
}

/** Resolves when the fields are ready; rejects with a `SealCardTestError` naming the cause. */
export declare function waitForReady(page: PlaywrightPage, options?: FieldsOptions): Promise<CardState>;
/** Types the card into the real inputs key by key (partial cards allowed); refuses live-mode fields. */
export declare function fillCard(page: PlaywrightPage, card: CardInput, options?: FieldsOptions): Promise<CardState>;
/** Empties every field with the keyboard (select all, Backspace). */
export declare function clearCard(page: PlaywrightPage, options?: FieldsOptions): Promise<CardState>;
/** The fields' state — complete, brand, each field's error — never digits. */
export declare function readState(page: PlaywrightPage, options?: FieldsOptions): Promise<CardState>;
/** Passes or fails the 3-D Secure challenge, however many frames deep. */
export declare function completeThreeDSecure(page: PlaywrightPage, action: 'authorize' | 'fail', options?: ThreeDSecureOptions): Promise<void>;
