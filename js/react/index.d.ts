/**
 * sealcard/react — the card fields in React ≥ 18 (StrictMode, server rendering, hydration).
 *
 * @example
 * import { SealCardProvider, CardField, useSealCard } from 'sealcard/react';
 *
 * function Pay({ clientKey }: { clientKey: string }) {
 *   const { ready, state, confirmPayment } = useSealCard();
 *   return <button disabled={!ready || !state?.complete} onClick={() => confirmPayment(clientKey)}>Pay</button>;
 * }
 * <SealCardProvider options={{ publicKey: 'pk_test_…', frameUrl: 'https://fields.example.com/frame/frame.html' }}>
 *   <CardField onChange={(s) => console.log(s.complete)} />
 *   <Pay clientKey={clientKey} />
 * </SealCardProvider>
 */
import type { ReactElement, ReactNode } from 'react';
import type {
  CardField as Field,
  ChangeEvent,
  ConfirmResult,
  EventMap,
  MountOptions,
  PaymentMethodResult,
  SealCardConfig,
  SealCardError,
} from '../index.js';

export interface SealCardProviderProps {
  /** The configuration of `loadSealCard`; it loads again only when a value changes. */
  options: SealCardConfig;
  children?: ReactNode;
}

/** Loads sealcard (in an effect: nothing on the server) for the `CardField` below it. */
export function SealCardProvider(props: SealCardProviderProps): ReactElement;

export interface CardFieldProps {
  /** `'isolated'` (default) or `'inline'`; a change remounts the fields. */
  mode?: 'isolated' | 'inline';
  /** Mount options: style, labels, placeholders, locale and messages apply in place;
   * `showName` and `loadTimeout` remount. */
  options?: Omit<MountOptions, 'mode'>;
  /** Of the `<div>` the fields mount in. */
  id?: string;
  className?: string;
  onReady?: (payload: EventMap['ready']) => void;
  onChange?: (state: EventMap['change']) => void;
  onFocus?: (payload: EventMap['focus']) => void;
  onBlur?: (payload: EventMap['blur']) => void;
  /** Enter in a field (inside a `<form>` it also submits the form). */
  onSubmit?: (payload: EventMap['submit']) => void;
  /** The fields did not load, or the provider's configuration was refused (e.g. a secret key). */
  onLoadError?: (payload: EventMap['loaderror']) => void;
}

/** The card fields, mounted once the provider has loaded. One per provider. */
export function CardField(props: CardFieldProps): ReactElement;

export interface SealCard {
  /** The fields are mounted and ready. */
  ready: boolean;
  /** The last `change` payload. */
  state: ChangeEvent | undefined;
  /** Why the fields did not load (configuration or network), if they did not. */
  loadError: SealCardError | undefined;
  /** Tokenizes the card; `{ error }` (`load_failed`) while no fields are mounted. Never rejects. */
  createPaymentMethod(options?: Parameters<Field['createPaymentMethod']>[0]): Promise<PaymentMethodResult>;
  /** Pays the Payment Intent of `clientKey`, 3-D Secure included. Never rejects. */
  confirmPayment(clientKey: string, options?: Parameters<Field['confirmPayment']>[1]): Promise<ConfirmResult>;
}

/** The fields of the nearest `SealCardProvider`; throws outside one. */
export function useSealCard(): SealCard;
