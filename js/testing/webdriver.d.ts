/**
 * sealcard/testing for selenium-webdriver (ChromeDriver, geckodriver, Selenium Grid). Each
 * function leaves the driver in the top-level page.
 *
 * @example
 * import { Builder } from 'selenium-webdriver';
 * import { testCards, fillCard } from 'sealcard/testing/webdriver';
 * const driver = await new Builder().forBrowser('firefox').build();
 * await driver.get('https://shop.example/checkout');
 * await fillCard(driver, { number: testCards.visa, expiry: testCards.expiry, cvc: testCards.cvc });
 */
import type { CardInput, CardState, FieldsOptions, ThreeDSecureOptions } from './index.js';
export { testCards, testCardList, SealCardTestError } from './index.js';
export type * from './index.js';

/** What the kit needs of a selenium-webdriver `WebDriver` (any WebDriver satisfies it). */
export interface SeleniumDriver {
  executeScript(script: string, ...args: any[]): PromiseLike<unknown>;
  switchTo(): unknown;
  findElements(locator: any): PromiseLike<unknown[]>;
}

/** Resolves when the fields are ready; rejects with a `SealCardTestError` naming the cause. */
export declare function waitForReady(driver: SeleniumDriver, options?: FieldsOptions): Promise<CardState>;
/** Types the card into the real inputs key by key (partial cards allowed); refuses live-mode fields. */
export declare function fillCard(driver: SeleniumDriver, card: CardInput, options?: FieldsOptions): Promise<CardState>;
/** Empties every field with the keyboard (select all, Backspace). */
export declare function clearCard(driver: SeleniumDriver, options?: FieldsOptions): Promise<CardState>;
/** The fields' state — complete, brand, each field's error — never digits. */
export declare function readState(driver: SeleniumDriver, options?: FieldsOptions): Promise<CardState>;
/** Passes or fails the 3-D Secure challenge, however many frames deep. */
export declare function completeThreeDSecure(driver: SeleniumDriver, action: 'authorize' | 'fail', options?: ThreeDSecureOptions): Promise<void>;
