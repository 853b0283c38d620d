/**
 * sealcard/validate — the card validators of the sealcard widget, compiled from the same Rust
 * core to WebAssembly. Synchronous once imported, in browsers and in Node.js ≥ 20.
 *
 * @example
 * import { validateNumber, formatNumber } from 'sealcard/validate';
 * validateNumber('4343 4343 4343 4345'); // { brand: 'visa', valid: true, potentiallyValid: true }
 * formatNumber('4343434343', 10);       // { value: '4343 4343 43', caret: 12 }
 */

/** A brand id, as the npm package credit-card-type spells it. */
export type BrandId =
  | 'visa'
  | 'mastercard'
  | 'american-express'
  | 'diners-club'
  | 'discover'
  | 'troy'
  | 'jcb'
  | 'unionpay'
  | 'naranja'
  | 'verve'
  | 'maestro'
  | 'elo'
  | 'mir'
  | 'hiper'
  | 'hipercard';

/** The field an error is about. */
export type FieldName = 'number' | 'expiry' | 'cvc' | 'name';

/** Codes of the errors the validators report. */
export type ValidationErrorCode =
  /** The card number is not fully typed yet. */
  | 'incomplete_number'
  /** The card number cannot be valid: unknown prefix, too long, check digit, other characters. */
  | 'invalid_number'
  /** The card's brand is not accepted by the merchant. */
  | 'unsupported_brand'
  /** The expiry date is not fully typed yet. */
  | 'incomplete_expiry'
  /** The expiry date is not a date (month 13, letters). */
  | 'invalid_expiry'
  /** The card has expired. */
  | 'expired'
  /** The expiry year is more than 20 years ahead. */
  | 'expiry_too_far'
  /** The security code is too short. */
  | 'incomplete_cvc'
  /** The security code is too long or holds other characters. */
  | 'invalid_cvc';

/** A validation error: stable `code`, English `message`, and whether retrying helps. */
export interface ValidationError {
  /** Always `validation_error` for the validators. */
  type: 'validation_error';
  /** Stable snake_case code; renaming one is a breaking change. */
  code: ValidationErrorCode;
  /** A sentence for the shopper (English). */
  message: string;
  /** The field the error is about. */
  field: FieldName;
  /** Whether trying again unchanged can succeed (never, for input errors). */
  retryable: boolean;
}

/** The two-flag verdict: `valid` now, or `potentiallyValid` if more input may make it valid. */
export interface Verdict {
  /** Complete and correct. */
  valid: boolean;
  /** Valid, or may still become valid as characters are appended. */
  potentiallyValid: boolean;
  /** Set exactly when not valid. */
  error?: ValidationError;
}

/** The verdict on a card number. */
export interface NumberVerdict extends Verdict {
  /** The brand, or `null` while no brand or several brands are possible. */
  brand: BrandId | null;
}

/** The verdict on an expiry date. */
export interface ExpiryVerdict extends Verdict {
  /** The month (1–12), once month and year are both typed. */
  month?: number;
  /** The four-digit year, once month and year are both typed. */
  year?: number;
}

/** A calendar month, to validate against a fixed day (tests) instead of the clock. */
export interface YearMonth {
  /** Four-digit year. */
  year: number;
  /** Month, 1–12. */
  month: number;
}

/** A formatted number and the caret position that keeps the caret on its digit. */
export interface Formatted {
  /** The display value, e.g. `4242 4242 4242 4242` or `3782 822463 10005`. */
  value: string;
  /** The caret position in `value`. */
  caret: number;
}

/** One row of the brand table. */
export interface BrandInfo {
  /** The brand id. */
  readonly id: BrandId;
  /** Display name, e.g. `American Express`. */
  readonly name: string;
  /** Valid lengths in digits, ascending. */
  readonly lengths: readonly number[];
  /** Digit positions after which the display format puts a space. */
  readonly gaps: readonly number[];
  /** Length of the security code. */
  readonly cvcLength: number;
  /** What the brand calls its security code (`CVV`, `CVC`, `CID`…). */
  readonly cvcName: string;
  /** Whether the number ends in a Luhn check digit. */
  readonly luhn: boolean;
}

/**
 * Validates a card number. Spaces, dashes and invisible characters are ignored; non-ASCII
 * decimal digits (fullwidth, Arabic-Indic…) are read as digits.
 * @throws {TypeError} when `value` is not a string.
 */
export function validateNumber(value: string): NumberVerdict;

/**
 * Validates an expiry date: `MM/YY`, `MM / YY`, `MMYY`, `MM/YYYY` (and `M/YY`). Valid through
 * the end of the month, at most 20 years ahead. `today` defaults to the clock.
 * @throws {TypeError} when `value` is not a string; {RangeError} for a malformed `today`.
 */
export function validateExpiry(value: string, today?: YearMonth): ExpiryVerdict;

/**
 * Validates a security code for `brand` (3 or 4 digits when no brand is given).
 * @throws {TypeError} when `value` is not a string or `brand` is not a known id.
 */
export function validateCvc(value: string, brand?: BrandId | null): Verdict;

/**
 * Formats a card number by its brand's gaps and maps `caret` (UTF-16 units; default: the end)
 * onto the same digit. Other characters are dropped, digits past the longest length cut.
 * @throws {TypeError} when `value` is not a string; {RangeError} for a negative caret.
 */
export function formatNumber(value: string, caret?: number): Formatted;

/** The brand table, in detection order (frozen). */
export const brands: readonly BrandInfo[];
