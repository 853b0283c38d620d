/**
 * sealcard — card capture for PayMongo checkouts. The card number and security code stay in
 * the fields (a frame on another origin, by default); your page gets a `pm_…` id.
 *
 * @example
 * import { loadSealCard } from 'sealcard';
 * const sealcard = await loadSealCard({ publicKey: 'pk_test_…', frameUrl: 'https://fields.example.com/frame/frame.html' });
 * const card = sealcard.mount('#card');
 * card.on('change', (e) => { button.disabled = !e.complete; });
 * const { paymentMethod, error } = await card.createPaymentMethod();
 */

// Brand ids are those of `sealcard/validate` (this file ships as dist/index.d.ts, beside
// dist/validate/).
import type { BrandId, ValidationErrorCode } from './validate/index.js';
export type { BrandId, ValidationErrorCode };

/** The family of an error. */
export type ErrorType = 'validation_error' | 'configuration_error' | 'api_error' | 'network_error' | 'aborted';

/** Every error code; stable: renaming one is a breaking change. */
export type ErrorCode =
  /** The shopper's input: see `sealcard/validate`. */
  | ValidationErrorCode
  /** The key is not a PayMongo public key. */
  | 'invalid_public_key'
  /** A secret key was given to browser code; no request was made. */
  | 'secret_key_forbidden'
  /** A live key on a page that is not HTTPS. */
  | 'insecure_context'
  /** An API base or frame URL that is not https (http only for test keys on localhost). */
  | 'insecure_endpoint'
  /** The API refused the key (HTTP 401). */
  | 'authentication_failed'
  /** Too many requests (HTTP 429); retry later. */
  | 'rate_limited'
  /** No answer in time; retry. */
  | 'timeout'
  /** The API could not be reached; retry. */
  | 'network_error'
  /** The API failed (HTTP 5xx); retry. */
  | 'server_error'
  /** The API's answer could not be read; retry. */
  | 'invalid_response'
  /** Another API error; PayMongo's code is in `apiCode`. */
  | 'api_error'
  /** The bank declined the card; PayMongo's `failed_code` is in `apiCode`. */
  | 'card_declined'
  /** 3-D Secure was failed or cancelled. */
  | 'authentication_incomplete'
  /** The Payment Intent client key is malformed. */
  | 'invalid_client_key'
  /** The API base is not a URL. */
  | 'invalid_api_base'
  /** An option has the wrong type or value. */
  | 'invalid_option'
  /** The fields could not be loaded, or their frame was reloaded or navigated away. */
  | 'load_failed'
  /** The fields did not become ready within `loadTimeout` (a hung frame or network). */
  | 'load_timeout'
  /** The page's Content-Security-Policy refused the frame: add the fields origin to `frame-src`. */
  | 'frame_blocked'
  /** `frameUrl` loaded a page that is not the sealcard frame (an HTTP error, a wrong URL). */
  | 'frame_not_found'
  /** The frame was removed by something other than `destroy()` (a script, an extension). */
  | 'frame_removed'
  /** The fields' `.wasm` answered with an HTTP error (the files are not deployed together). */
  | 'wasm_not_found'
  /** The fields' `.wasm` is not served as `application/wasm`. */
  | 'wasm_content_type'
  /** A Content-Security-Policy blocks WebAssembly: its `script-src` needs `'wasm-unsafe-eval'`. */
  | 'wasm_blocked'
  /** The `signal` given to `loadSealCard` or `mount` was aborted (`name` is `AbortError`). */
  | 'aborted';

/** An error: a stable code, a message for the shopper, and whether a retry can help. */
export interface SealCardError {
  type: ErrorType;
  code: ErrorCode;
  /** A sentence for the shopper, in the configured language (or your override). */
  message: string;
  /** The field the error is about. */
  field?: 'number' | 'expiry' | 'cvc' | 'name';
  /** Whether trying again, unchanged, can succeed. */
  retryable: boolean;
  /** PayMongo's own error code or `failed_code`, when the API gave one. */
  apiCode?: string;
  /** PayMongo's `sub_code`, when the API gave one. */
  subCode?: string;
}

/** The configuration of `loadSealCard`. */
export interface SealCardConfig {
  /** Your PayMongo public key, `pk_test_…` or `pk_live_…`. Secret keys are refused. */
  publicKey: string;
  /** Default `https://api.paymongo.com/v1`; the sandbox's for tests. */
  apiBase?: string;
  /** The address of `frame/frame.html` on your fields origin (another origin than the page). */
  frameUrl?: string;
  /** `'en'` (default) or `'fil'`. */
  locale?: string;
  /** Brands you accept; default `['visa', 'mastercard']`. */
  acceptedBrands?: BrandId[];
  /** Request timeout in milliseconds (default 20000). */
  timeout?: number;
  /** Your wording per error code. */
  messages?: Partial<Record<ErrorCode, string>>;
  /** The look of every field mounted from this SealCard (a mount's own `appearance` replaces it). */
  appearance?: Appearance;
}

/** Texts per field. */
export interface FieldTexts {
  number?: string;
  expiry?: string;
  cvc?: string;
  name?: string;
}

/** Looks, as CSS values: each sets a CSS custom property of the fields. */
export interface Style {
  color?: string;
  backgroundColor?: string;
  borderColor?: string;
  borderRadius?: string;
  errorColor?: string;
  focusColor?: string;
  labelColor?: string;
  placeholderColor?: string;
  fontFamily?: string;
  fontSize?: string;
  fontWeight?: string;
  padding?: string;
  spacing?: string;
}

/**
 * `appearance.variables`: the `Style` keys and more, as CSS values (no `url()`, `;`, `{}`, `\\`,
 * `@`; functions: colours and `calc`/`min`/`max`/`clamp`/`var` only).
 */
export interface AppearanceVariables extends Style {
  letterSpacing?: string;
  lineHeight?: string;
  /** The brand icon's colour. */
  iconColor?: string;
  /** Space between the fields of a row. */
  gap?: string;
  /** The focus ring (its colour is `focusColor`). */
  focusRingWidth?: string;
  focusRingOffset?: string;
  disabledColor?: string;
  disabledBackgroundColor?: string;
}

/** The properties an `appearance.rules` entry may set, each a CSS value the property takes. */
export interface AppearanceRule {
  color?: string;
  backgroundColor?: string;
  borderColor?: string;
  borderStyle?: string;
  borderWidth?: string;
  borderRadius?: string;
  borderBottomColor?: string;
  borderBottomWidth?: string;
  boxShadow?: string;
  fontFamily?: string;
  fontSize?: string;
  fontStyle?: string;
  fontWeight?: string;
  fontVariant?: string;
  letterSpacing?: string;
  lineHeight?: string;
  textTransform?: string;
  textDecoration?: string;
  padding?: string;
  outlineColor?: string;
  outlineStyle?: string;
  outlineWidth?: string;
  outlineOffset?: string;
}

/** The elements and states `appearance.rules` can style. */
export type AppearanceSelector = '.Input' | '.Input:focus' | '.Input--invalid' | '.Label' | '.Error' | '.Brand';

/**
 * The look of the fields. Every value is checked before any is applied: a value that could
 * break out of its declaration or load anything (`url(`, `expression`, `;`, `}`, `@import`,
 * `\\` escapes), a property off the allow-list or an unknown key fails the mount with
 * `invalid_option` (a `loaderror` in isolated mode; `update` throws in inline mode and
 * changes nothing in isolated mode).
 */
export interface Appearance {
  /** `'default'`; `'night'` (dark); `'flat'`; `'auto'`: default or night as the shopper's `prefers-color-scheme`, live. */
  theme?: 'default' | 'night' | 'flat' | 'auto';
  /** `'stacked'` (default): one field per row, expiry and code side by side. `'compact'`:
   * number, expiry and code on one row that wraps on narrow widths. */
  layout?: 'stacked' | 'compact';
  variables?: AppearanceVariables;
  rules?: Partial<Record<AppearanceSelector, AppearanceRule>>;
  /** Up to 8 fonts, loaded in the fields (the frame) with `FontFace`; name them in `fontFamily`. */
  fonts?: AppearanceFont[];
}

/** A font for the fields. The frame page's CSP must allow its origin in `font-src`. */
export interface AppearanceFont {
  /** The family name to use in `fontFamily` (letters, digits, spaces, `-`, `_`). */
  family: string;
  /** `'url(https://…)'`; `http:` only on loopback with a test key. */
  src: string;
  /** `'normal'`, `'bold'`, `'400'`, or a range such as `'100 900'`. */
  weight?: string;
  style?: 'normal' | 'italic' | 'oblique';
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional';
}

/** Options of `mount`. */
export interface MountOptions {
  /** `'isolated'` (default): a frame on your fields origin. `'inline'`: in this page (weaker). */
  mode?: 'isolated' | 'inline';
  /** Kept for compatibility: the same keys as `appearance.variables` had first; applied after them. */
  style?: Style;
  appearance?: Appearance;
  labels?: FieldTexts;
  placeholders?: FieldTexts;
  /** Show a cardholder-name field (sent as `billing.name`). */
  showName?: boolean;
  locale?: string;
  messages?: Partial<Record<ErrorCode, string>>;
  /** Milliseconds to wait for the frame before `loaderror` `load_timeout` (default 15000). */
  loadTimeout?: number;
  /**
   * Aborting it removes the fields (as `destroy()` does) and settles pending calls with an
   * `aborted` error; already aborted, `mount` throws that error.
   */
  signal?: AbortSignal;
}

/** Options of `loadSealCard`. */
export interface LoadOptions {
  /** Already aborted, `loadSealCard` rejects with an `aborted` error. */
  signal?: AbortSignal;
}

/** Options that `update` may change. */
export type UpdateOptions = Pick<MountOptions, 'style' | 'appearance' | 'labels' | 'placeholders' | 'locale' | 'messages'>;

/** One field's state. */
export interface FieldState {
  empty: boolean;
  complete: boolean;
  valid: boolean;
  potentiallyValid: boolean;
  /** The error shown on the field now, if any. */
  error?: SealCardError;
}

/** The `change` payload and `getState()`. */
export interface ChangeEvent {
  empty: boolean;
  /** Every field valid: ready to pay. */
  complete: boolean;
  /** The detected brand, or `null` while unknown. */
  brand: BrandId | null;
  fields: { number: FieldState; expiry: FieldState; cvc: FieldState };
  /** The first error shown, if any. */
  error?: SealCardError;
}

/** A tokenized card: only what PayMongo returns and the brand. */
export interface PaymentMethod {
  /** `pm_…` */
  id: string;
  brand: BrandId | null;
  last4: string;
  expMonth: number;
  expYear: number;
  livemode: boolean;
}

/** PayMongo's billing details. */
export interface Billing {
  name?: string;
  email?: string;
  phone?: string;
  address?: {
    line1?: string;
    line2?: string;
    city?: string;
    state?: string;
    postal_code?: string;
    /** ISO 3166-1 alpha-2. */
    country?: string;
  };
}

export type PaymentMethodResult = { paymentMethod: PaymentMethod; error?: undefined } | { error: SealCardError; paymentMethod?: undefined };

/** A Payment Intent's final (or pending) status. */
export type PaymentStatus = 'succeeded' | 'awaiting_capture' | 'processing' | 'awaiting_next_action';

export type ConfirmResult =
  | { status: PaymentStatus; paymentIntentId: string; paymentMethod?: PaymentMethod; error?: undefined }
  | { error: SealCardError; status?: undefined };

export interface EventMap {
  ready: Record<string, never>;
  change: ChangeEvent;
  focus: { field: 'number' | 'expiry' | 'cvc' | 'name' };
  blur: { field: 'number' | 'expiry' | 'cvc' | 'name' };
  submit: Record<string, never>;
  loaderror: { error: SealCardError };
}

/** Mounted card fields. */
export interface CardField {
  on<E extends keyof EventMap>(event: E, listener: (payload: EventMap[E]) => void): void;
  off<E extends keyof EventMap>(event: E, listener: (payload: EventMap[E]) => void): void;
  focus(field?: 'number' | 'expiry' | 'cvc' | 'name'): void;
  clear(): void;
  update(options: UpdateOptions): void;
  /** Removes the fields and every listener; mount again at will. */
  destroy(): void;
  /** The last state (undefined before the fields are ready in isolated mode). */
  getState(): ChangeEvent | undefined;
  /** Tokenizes the card. Never rejects; calls while one is in flight return the same promise. */
  createPaymentMethod(options?: { billing?: Billing; metadata?: Record<string, string | number | boolean> }): Promise<PaymentMethodResult>;
  /** Attaches the card to the Payment Intent of `clientKey`, runs 3-D Secure in a modal, resolves the outcome. */
  confirmPayment(
    clientKey: string,
    options?: { returnUrl?: string; paymentMethod?: string; billing?: Billing; metadata?: Record<string, string | number | boolean> },
  ): Promise<ConfirmResult>;
}

export interface SealCard {
  mount(target: string | Element, options?: MountOptions): CardField;
}

/**
 * Checks the configuration (no request, no frame) and resolves a SealCard; rejects with a
 * `configuration_error`, or an `aborted` error when `options.signal` is aborted.
 */
export function loadSealCard(config: SealCardConfig, options?: LoadOptions): Promise<SealCard>;
