/**
 * sealcard/element — `<sealcard-card>`, the card fields as a form-associated custom element.
 * Importing the module defines the element (in a browser; on a server it does nothing).
 *
 * @example
 * import 'sealcard/element';
 * // <form><sealcard-card public-key="pk_test_…" frame-url="https://fields.example.com/frame/frame.html" required></sealcard-card></form>
 * const card = document.querySelector('sealcard-card')!;
 * card.addEventListener('change', (e) => { payButton.disabled = !e.detail.complete; });
 * const { paymentMethod, error } = await card.createPaymentMethod();
 */
import type {
  BrandId,
  CardField,
  ChangeEvent,
  ConfirmResult,
  EventMap,
  MountOptions,
  PaymentMethodResult,
} from '../index.js';

/** The events of `<sealcard-card>`: the fields' payload is the event's `detail`. */
export interface SealCardCardEventMap {
  ready: CustomEvent<EventMap['ready']>;
  /** Bubbles, as an input's `change` does. */
  change: CustomEvent<EventMap['change']>;
  focus: CustomEvent<EventMap['focus']>;
  blur: CustomEvent<EventMap['blur']>;
  loaderror: CustomEvent<EventMap['loaderror']>;
}

/** `<sealcard-card>`. Its attributes are reflected by the properties of the same name. */
export interface SealCardCardElement extends HTMLElement {
  /** `public-key`: `pk_test_…` or `pk_live_…`; nothing is mounted without it. */
  publicKey: string;
  /** `api-base`: default `https://api.paymongo.com/v1`. */
  apiBase: string;
  /** `frame-url`: the address of `frame/frame.html` on your fields origin. */
  frameUrl: string;
  /** `mode`: `'isolated'` (default) or `'inline'`. */
  mode: 'isolated' | 'inline' | (string & {});
  /** `locale`: `'en'` (default) or `'fil'`; changes apply in place. */
  locale: string;
  /** `accepted-brands`, space-separated; set a list or a string. */
  get acceptedBrands(): BrandId[];
  set acceptedBrands(value: readonly BrandId[] | string | null);
  /** `required`: empty fields make the form invalid (`valueMissing`). */
  required: boolean;
  /** `disabled`: the fields cannot be focused or typed into (also inside `<fieldset disabled>`). */
  disabled: boolean;
  /** Mount options other than `mode`: style, labels, placeholders and messages apply in place;
   * `showName` and `loadTimeout` at the next mount. */
  options: Omit<MountOptions, 'mode'>;
  /** Whether the fields are ready (false again while they remount). */
  readonly ready: boolean;
  /** The last `change` payload, until the fields are destroyed. */
  readonly state: ChangeEvent | undefined;
  readonly form: HTMLFormElement | null;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  reportValidity(): boolean;
  /** Tokenizes the card; `{ error }` (`load_failed`) while no fields are mounted. Never rejects. */
  createPaymentMethod(options?: Parameters<CardField['createPaymentMethod']>[0]): Promise<PaymentMethodResult>;
  /** Pays the Payment Intent of `clientKey`, 3-D Secure included. Never rejects. */
  confirmPayment(clientKey: string, options?: Parameters<CardField['confirmPayment']>[1]): Promise<ConfirmResult>;
  /** Focuses a field: `number` by default. */
  focus(field?: 'number' | 'expiry' | 'cvc' | 'name' | FocusOptions): void;
  /** Empties the fields (a form's reset does too). */
  clear(): void;
  addEventListener<K extends keyof SealCardCardEventMap>(
    type: K,
    listener: (this: SealCardCardElement, ev: SealCardCardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: SealCardCardElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SealCardCardEventMap>(
    type: K,
    listener: (this: SealCardCardElement, ev: SealCardCardEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: SealCardCardElement, ev: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'sealcard-card': SealCardCardElement;
  }
}
