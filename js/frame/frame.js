// The fields frame (isolated mode): the card field, mounted in this page, plus the message
// bridge to the merchant page. It answers only its parent, at the origin the loader named in
// the URL fragment; every message is checked for origin, source and shape; anything else is
// ignored. Messages to the parent carry state and results — never the number or the code.
import { loadFields } from './fields.js';

const MSG = 'sealcard';
const params = new URLSearchParams(location.hash.slice(1));
const parentOrigin = params.get('origin') ?? '';
const channel = params.get('channel') ?? '';

/** Whether the page that frames us is the one the loader says it is. */
function trustedParent() {
  if (window.parent === window || !/^[0-9]+-[0-9]+$/.test(channel)) return false;
  let origin;
  try {
    origin = new URL(parentOrigin).origin;
  } catch {
    return false;
  }
  if (origin !== parentOrigin || origin === location.origin) return false;
  // Where the browser tells who framed us (Chromium), it must agree.
  const ancestors = location.ancestorOrigins;
  return !ancestors || ancestors.length === 0 || ancestors[0] === parentOrigin;
}

/** @param {object} msg */
function post(msg) {
  window.parent.postMessage({ [MSG]: channel, ...msg }, parentOrigin);
}

/** @type {any} */
let field;
/** @type {Map<number, (cancelled: boolean) => void>} */
const nextActions = new Map();
let nextId = 0;

/** Copies only plain, cloneable data of known keys out of a message. */
function pick(/** @type {any} */ o, /** @type {string[]} */ keys) {
  const out = /** @type {Record<string, unknown>} */ ({});
  if (!o || typeof o !== 'object') return out;
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

/** The fields module, compiling from the start (the merchant's `init` comes a round trip later). */
/** @type {ReturnType<typeof loadFields> | undefined} */
let fields;

async function init(/** @type {any} */ config, /** @type {any} */ options) {
  if (field) return;
  try {
    const { mountCardField } = await (fields ?? loadFields());
    const host = document.getElementById('fields');
    field = mountCardField(host, pick(config, ['publicKey', 'apiBase', 'locale', 'acceptedBrands', 'timeout', 'messages', 'appearance']), pick(options, ['style', 'appearance', 'labels', 'placeholders', 'showName', 'locale', 'messages']));
  } catch (e) {
    const error = /** @type {any} */ (e);
    const typed = typeof error?.type === 'string';
    post({ type: 'loaderror', error: { type: typed ? error.type : 'network_error', code: typed ? error.code : 'load_failed', message: String(error?.message ?? 'The card form could not be loaded.'), retryable: typed ? error.retryable === true : true } });
    return;
  }
  field.on('ready', () => post({ type: 'ready' }));
  field.on('change', (/** @type {unknown} */ payload) => post({ type: 'change', payload }));
  for (const ev of ['focus', 'blur', 'submit']) field.on(ev, (/** @type {unknown} */ payload) => post({ type: ev, payload }));
  followContentHeight();
}

/**
 * Tells the parent the height of the fields whenever it changes (an error shown, the layout
 * wrapping, a font loaded, a zoom), so that the frame is exactly as tall as its content, with no
 * scrollbar. The body's own box is measured: the document's `scrollHeight` is never less than the
 * frame's height, so the frame could grow but never shrink. Rounded up: no fraction of a pixel
 * is cut off.
 */
function followContentHeight() {
  let sent = -1;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== sent) post({ type: 'resize', height: (sent = height) });
  }).observe(document.body);
}

/** Asks the parent to show 3-D Secure; settles when the shopper is done or cancels. */
function handleNextAction(/** @type {string} */ url) {
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    nextActions.set(id, (cancelled) => (cancelled ? reject(new Error('cancelled')) : resolve(undefined)));
    post({ type: 'nextAction', id, url });
  });
}

async function onMessage(/** @type {MessageEvent} */ e) {
  const d = e.data;
  if (e.origin !== parentOrigin || e.source !== window.parent || !d || typeof d !== 'object' || d[MSG] !== channel || typeof d.type !== 'string') return;
  if (d.type === 'init') return init(d.config, d.options);
  if (!field) return;
  switch (d.type) {
    case 'focus':
      if (['number', 'expiry', 'cvc', 'name', undefined].includes(d.field)) field.focus(d.field);
      break;
    case 'clear':
      field.clear();
      break;
    case 'update':
      try {
        field.update(pick(d.options, ['style', 'appearance', 'labels', 'placeholders', 'locale', 'messages']));
      } catch {
        // An invalid update changes nothing.
      }
      break;
    case 'createPaymentMethod':
    case 'confirmPayment': {
      if (!Number.isSafeInteger(d.id)) return;
      const options = pick(d.options, ['billing', 'metadata', 'returnUrl', 'paymentMethod']);
      const payload =
        d.type === 'createPaymentMethod'
          ? await field.createPaymentMethod(options)
          : await field.confirmPayment(String(d.clientKey), { ...options, handleNextAction });
      post({ type: 'result', id: d.id, payload });
      break;
    }
    case 'nextActionDone': {
      const done = nextActions.get(d.id);
      nextActions.delete(d.id);
      done?.(d.cancelled === true);
      break;
    }
  }
}

if (trustedParent()) {
  fields = loadFields();
  // A failure shows when `init` awaits it, as a `loaderror`.
  fields?.catch(() => undefined);
  addEventListener('message', (e) => void onMessage(e));
  post({ type: 'hello' });
}
