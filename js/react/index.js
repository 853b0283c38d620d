// @ts-check
// sealcard/react: `<SealCardProvider options>` loads sealcard, `<CardField>` mounts the card
// fields below it, `useSealCard()` gives their state and the payment calls. Plain JS
// (`createElement`, no JSX); React ≥ 18 is a peer dependency.
//
// Everything that touches the browser runs in effects, so server rendering touches no
// `window` and the client's first render is the server's (no hydration mismatch). The mount
// waits a microtask: StrictMode's simulated unmount and remount run before it, so one frame
// is created per field. Unmounting aborts a pending load and destroys the fields: no frame,
// listener or timer is left behind.
import * as React from 'react';
import { load, notLoaded, withSignal } from '../element/common.js';

/** @typedef {import('../loader/index').CardField} Field */
/** @typedef {import('../loader/index').ChangeEvent} ChangeEvent */
/** @typedef {import('../loader/index').SealCard} SealCard */
/** @typedef {import('../loader/index').SealCardError} SealCardError */
/** @typedef {import('../loader/index').EventMap} EventMap */
/** @typedef {{ ready: boolean, state: ChangeEvent | undefined, loadError: SealCardError | undefined }} Status */
/**
 * @typedef {object} Store
 * @property {SealCard | null} sealcard
 * @property {SealCardError | undefined} failure  why the provider could not load, if it could not
 * @property {Status} status
 * @property {React.Dispatch<React.SetStateAction<Status>>} setStatus
 * @property {React.MutableRefObject<Field | null>} field  the mounted fields, if any
 */
/**
 * @typedef {object} CardFieldProps
 * @property {'isolated' | 'inline'} [mode]
 * @property {Omit<import('../loader/index').MountOptions, 'mode'>} [options]
 * @property {string} [id]
 * @property {string} [className]
 * @property {(payload: EventMap['ready']) => void} [onReady]
 * @property {(state: EventMap['change']) => void} [onChange]
 * @property {(payload: EventMap['focus']) => void} [onFocus]
 * @property {(payload: EventMap['blur']) => void} [onBlur]
 * @property {(payload: EventMap['submit']) => void} [onSubmit]
 * @property {(payload: EventMap['loaderror']) => void} [onLoadError]
 */

const { createContext, createElement, useCallback, useContext, useEffect, useMemo, useRef, useState } = React;

/** @type {Status} */
const IDLE = { ready: false, state: undefined, loadError: undefined };

/** Each event of the fields and the `CardField` prop that hears it. */
const HANDLERS = /** @type {const} */ ({
  ready: 'onReady',
  change: 'onChange',
  focus: 'onFocus',
  blur: 'onBlur',
  submit: 'onSubmit',
  loaderror: 'onLoadError',
});

const Context = createContext(/** @type {Store | null} */ (null));

/** @param {string} hook */
function useStore(hook) {
  const store = useContext(Context);
  if (!store) throw new Error(`sealcard: ${hook} needs a <SealCardProvider> above it`);
  return store;
}

/**
 * Loads sealcard with `options` (the `loadSealCard` configuration) for the `CardField` below.
 * A new load happens only when a value of `options` changes, not its identity.
 * @param {{ options: import('../loader/index').SealCardConfig, children?: React.ReactNode }} props
 */
export function SealCardProvider({ options, children }) {
  const config = JSON.stringify(options ?? null);
  const [sealcard, setSealcard] = useState(/** @type {SealCard | null} */ (null));
  const [failure, setFailure] = useState(/** @type {SealCardError | undefined} */ (undefined));
  const [status, setStatus] = useState(IDLE);
  const field = useRef(/** @type {Field | null} */ (null));
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    load(JSON.parse(config), signal).then(
      (loaded) => signal.aborted || setSealcard(loaded),
      (error) => {
        if (signal.aborted) return;
        setFailure(error);
        setStatus({ ...IDLE, loadError: error });
      },
    );
    return () => {
      controller.abort();
      setSealcard(null);
      setFailure(undefined);
    };
  }, [config]);
  const store = useMemo(() => ({ sealcard, failure, status, setStatus, field }), [sealcard, failure, status]);
  return createElement(Context.Provider, { value: store }, children);
}

/**
 * The card fields, mounted in a `<div>` (with `id` and `className`) once the provider has
 * loaded. `mode`, `options.showName` and `options.loadTimeout` remount; the other `options`
 * (style, labels, placeholders, locale, messages) apply in place. One per provider.
 * @param {CardFieldProps} props
 */
export function CardField(props) {
  const { sealcard, failure, field, setStatus } = useStore('<CardField>');
  const { mode, options = {}, id, className } = props;
  const { showName, loadTimeout, ...view } = options;
  const mountKey = JSON.stringify([mode, showName, loadTimeout]);
  const viewKey = JSON.stringify(view);
  const target = useRef(/** @type {HTMLDivElement | null} */ (null));
  // The latest handlers, read when an event comes: new functions at each render remount nothing.
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });
  useEffect(() => {
    const el = target.current;
    if (!sealcard || !el) return;
    const controller = new AbortController();
    /** @type {Field | undefined} */
    let mounted;
    const report = (/** @type {keyof EventMap} */ name, /** @type {any} */ payload) => {
      if (controller.signal.aborted) return;
      setStatus((s) => nextStatus(s, name, payload));
      handlers.current[HANDLERS[name]]?.(payload);
    };
    queueMicrotask(() => {
      if (controller.signal.aborted) return;
      try {
        mounted = sealcard.mount(el, withSignal({ ...JSON.parse(viewKey), showName, loadTimeout, mode }, controller.signal));
      } catch (error) {
        return report('loaderror', { error });
      }
      field.current = mounted;
      for (const name of /** @type {(keyof EventMap)[]} */ (Object.keys(HANDLERS))) mounted.on(name, (payload) => report(name, payload));
    });
    return () => {
      controller.abort();
      if (!mounted) return;
      mounted.destroy();
      if (field.current === mounted) field.current = null;
      setStatus(IDLE);
    };
  }, [sealcard, mountKey]);
  useEffect(() => {
    field.current?.update(JSON.parse(viewKey));
  }, [viewKey]);
  // The provider's configuration error is this field's `loaderror` too.
  useEffect(() => {
    if (failure) handlers.current.onLoadError?.({ error: failure });
  }, [failure]);
  return createElement('div', { ref: target, id, className });
}

/**
 * The provider's status after an event of its fields.
 * @param {Status} status @param {keyof EventMap} name @param {any} payload
 * @returns {Status}
 */
function nextStatus(status, name, payload) {
  if (name === 'ready') return { ...status, ready: true, loadError: undefined };
  if (name === 'change') return { ...status, state: payload };
  if (name === 'loaderror') return { ...status, ready: false, loadError: payload.error };
  return status;
}

/**
 * The card fields of the nearest provider: `{ ready, state, loadError, createPaymentMethod,
 * confirmPayment }`. The calls answer `{ error: load_failed }` while no fields are mounted.
 */
export function useSealCard() {
  const { status, field } = useStore('useSealCard()');
  const createPaymentMethod = useCallback(
    (/** @type {Parameters<Field['createPaymentMethod']>[0]} */ options) => field.current?.createPaymentMethod(options) ?? notLoaded(),
    [field],
  );
  const confirmPayment = useCallback(
    (/** @type {string} */ clientKey, /** @type {Parameters<Field['confirmPayment']>[1]} */ options) =>
      field.current?.confirmPayment(clientKey, options) ?? notLoaded(),
    [field],
  );
  return { ...status, createPaymentMethod, confirmPayment };
}
