/**
 * sealcard/testing — PayMongo's test cards, and (in `sealcard/testing/playwright`,
 * `sealcard/testing/puppeteer`, `sealcard/testing/webdriver`) functions that type them into the
 * real sealcard fields of your checkout, key by key, as a shopper does.
 *
 * @example
 * import { testCards } from 'sealcard/testing';
 * import { fillCard } from 'sealcard/testing/playwright';
 * await fillCard(page, { number: testCards.visa, expiry: testCards.expiry, cvc: testCards.cvc });
 */

import type { BrandId } from '../validate/index.js';

/** The names of PayMongo's test cards in `testCards`. */
export type TestCardName =
  | 'visa'
  | 'visaDebit'
  | 'visaCreditPH'
  | 'visaDebitPH'
  | 'mastercard'
  | 'mastercardDebit'
  | 'mastercardPrepaid'
  | 'mastercardCreditPH'
  | 'mastercardDebitPH'
  | 'threeDSecure'
  | 'declinedBeforeAuthentication'
  | 'declinedAfterAuthentication'
  | 'threeDSecureOptional'
  | 'expiredCard'
  | 'invalidCvc'
  | 'insufficientFunds'
  | 'declined'
  | 'genericDecline'
  | 'fraudulent'
  | 'processorBlocked'
  | 'lostCard'
  | 'stolenCard'
  | 'blocked';

/**
 * PayMongo's test cards by name (digits only, e.g. `testCards.visa` is `'4343434343434345'`),
 * plus `expiry` (December five years from now, `MM/YY`) and `cvc` (`'123'`), which every test
 * card accepts. Test mode only: live mode refuses them.
 */
export declare const testCards: Readonly<Record<TestCardName, string> & { expiry: string; cvc: string }>;

/** One test card and what PayMongo (and the local sandbox) does with it. */
export interface TestCard {
  /** Its name in `testCards`. */
  readonly key: TestCardName;
  /** The number, digits only. */
  readonly number: string;
  /** Paid; 3-D Secure asked first; or declined. */
  readonly outcome: 'succeeds' | 'three_d_secure' | 'declined';
  /** PayMongo's `failed_code` of the decline (the widget's `error.apiCode`). */
  readonly failedCode?: string;
  /** In words. */
  readonly description: string;
}

/** Every test card with its outcome, in the order of PayMongo's table. */
export declare const testCardList: readonly TestCard[];

/** A card to type; any part may be left out (to test partial cards and their errors). */
export interface CardInput {
  /** Typed as given, key by key (`'4343434343434345'` or `'4343 4343 4343 4345'`). */
  number?: string;
  /** Typed as given: `'12/31'`, `'1231'`. */
  expiry?: string;
  cvc?: string;
  /** Only for fields mounted with `showName: true`. */
  name?: string;
}

/** Where the fields are. */
export interface FieldsOptions {
  /** A CSS selector of the mount target (the element given to `mount`); needed when the page
   * has more than one sealcard. Default: the only sealcard of the page. */
  container?: string;
  /** How long to wait for the fields to be ready, in ms (default 20 000). */
  timeout?: number;
}

/** Options of `completeThreeDSecure`. */
export interface ThreeDSecureOptions {
  /** How long to wait for the challenge, in ms (default 20 000). */
  timeout?: number;
  /** The text of the button to click, for a challenge page other than the local sandbox's
   * (whose buttons are "Authorize test payment" and "Fail test payment"). */
  button?: string;
}

/** An error the fields show under one input. */
export interface FieldError {
  /** The stable error code, e.g. `'incomplete_number'` (see `sealcard`'s `ErrorCode`). */
  code: string;
  /** The text the shopper reads. */
  message: string;
}

/** The fields' state as the shopper sees it — never any digit of the card. */
export interface CardState {
  /** `'isolated'` (a frame on the fields origin) or `'inline'` (in the page). */
  mode: 'isolated' | 'inline';
  /** Whether the fields were loaded with a test key (`data-sealcard-mode="test"`). */
  testMode: boolean;
  ready: boolean;
  /** The brand shown, or null while unknown. */
  brand: BrandId | null;
  empty: boolean;
  complete: boolean;
  /** Whether an error shows. */
  invalid: boolean;
  /** Whether a field has the focus. */
  focused: boolean;
  /** The errors shown, by field. */
  errors: Partial<Record<'number' | 'expiry' | 'cvc' | 'name', FieldError>>;
}

/** The codes of `SealCardTestError`; stable. */
export type TestErrorCode =
  /** A wrong argument (no card, a container that is not a selector, …). */
  | 'invalid_argument'
  /** No sealcard fields on the page (or in `container`), or no element matches `container`. */
  | 'no_fields'
  /** Several sealcard fields are on the page and no `container` says which. */
  | 'ambiguous_fields'
  /** The frame failed to load: a wrong `frameUrl`, an HTTP error, or the loader's
   * `data-sealcard-error` (in `frameError`). */
  | 'frame_load_failed'
  /** The frame shows no page of its own: blocked by a CSP (`frame-src`, `frame-ancestors`) or
   * its origin unreachable. */
  | 'frame_blocked'
  /** The fields were not ready in time. */
  | 'timeout'
  /** The fields were loaded with a live key: nothing is typed. */
  | 'live_mode'
  /** No 3-D Secure challenge appeared in time. */
  | 'no_challenge';

/** Why a function of the kit failed. */
export declare class SealCardTestError extends Error {
  name: 'SealCardTestError';
  code: TestErrorCode;
  /** The frame's `data-sealcard-error` (e.g. `'load_failed'`), when it has one. */
  frameError?: string;
}

/** The functions every adapter exports, over its driver's page (or WebDriver) type `P`. */
export interface TestingKit<P> {
  /** Resolves when the fields are ready; rejects with a `SealCardTestError` naming the cause. */
  waitForReady(page: P, options?: FieldsOptions): Promise<CardState>;
  /** Types the card into the real inputs, key by key (partial cards allowed). Refuses fields
   * loaded with a live key (`live_mode`) before typing anything. */
  fillCard(page: P, card: CardInput, options?: FieldsOptions): Promise<CardState>;
  /** Empties every field with the keyboard (select all, Backspace). */
  clearCard(page: P, options?: FieldsOptions): Promise<CardState>;
  /** The fields' state: complete, brand, each field's error — never digits. */
  readState(page: P, options?: FieldsOptions): Promise<CardState>;
  /** Passes or fails the local sandbox's 3-D Secure challenge, in a modal frame or as the page
   * itself, however many frames deep; `no_challenge` when none appears in `timeout` ms. */
  completeThreeDSecure(page: P, action: 'authorize' | 'fail', options?: ThreeDSecureOptions): Promise<void>;
}
