// sealcard loader: the merchant page's only sealcard code. Plain JS, no wasm, no card data.
// Importing it has no side effects and needs no `window` (server rendering is safe).
// Isolated mode (default) mounts the fields in a frame on another origin and talks to it by
// postMessage with exact origins; inline mode loads the fields module into this page.

const DEFAULT_API = 'https://api.paymongo.com/v1';
const LOAD_TIMEOUT_MS = 15000;
const MSG = 'sealcard';

/**
 * @param {string} type
 * @param {string} code
 * @param {string} message
 * @returns {Error & { type: string, code: string, retryable: boolean }}
 */
function failure(type, code, message, retryable = false) {
  return Object.assign(new Error(message), { name: 'SealCardError', type, code, retryable });
}

const config_ = (/** @type {string} */ code, /** @type {string} */ message) =>
  failure('configuration_error', code, message);

/** Whether `url` is https, or http on loopback when `live` is false. */
function secure(/** @type {URL} */ url, /** @type {boolean} */ live) {
  const host = url.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  return url.protocol === 'https:' || (url.protocol === 'http:' && !live && loopback);
}

/** The same key rules as the Rust core (src/key.rs); the frame checks again. */
function checkKey(/** @type {unknown} */ key) {
  if (/^\s*["']?(sk|rk)_/.test(String(key))) {
    throw config_('secret_key_forbidden', 'Never use a secret key in a browser; use your pk_ key.');
  }
  const m = typeof key == 'string' && /^pk_(test|live)_\w{1,240}$/.exec(key);
  if (!m) throw config_('invalid_public_key', 'Not a PayMongo public key (pk_test_… or pk_live_…).');
  return m[1] === 'live';
}

/** @param {string} name @param {unknown} value @param {boolean} live */
function checkUrl(name, value, live) {
  let url;
  try {
    url = new URL(String(value));
  } catch {
    throw config_(name === 'apiBase' ? 'invalid_api_base' : 'invalid_option', `${name}: not a URL.`);
  }
  if (!secure(url, live) || url.username || url.password) {
    throw config_('insecure_endpoint', `${name} must be https (http: test keys on localhost only).`);
  }
  return url;
}

/**
 * Checks the configuration and returns a SealCard. No request is made and no frame created.
 * @param {import('./index').SealCardConfig} config
 * @returns {Promise<import('./index').SealCard>}
 */
export async function loadSealCard(config) {
  if (typeof window === 'undefined') {
    throw config_('insecure_context', 'sealcard needs a browser.');
  }
  const c = /** @type {any} */ (config ?? {});
  const live = checkKey(c.publicKey);
  if (live && !window.isSecureContext) throw config_('insecure_context', 'Live keys need HTTPS.');
  const api = checkUrl('apiBase', c.apiBase ?? DEFAULT_API, live).href.replace(/\/+$/, '');
  let frameUrl = c.frameUrl;
  if (frameUrl === undefined && scriptSrc) frameUrl = new URL('frame/frame.html', scriptSrc).href;
  if (frameUrl === undefined) throw config_('invalid_option', 'frameUrl is required.');
  const frame = checkUrl('frameUrl', frameUrl, live);
  const settings = { ...plain(c, ['publicKey', 'locale', 'acceptedBrands', 'timeout', 'messages']), apiBase: api };
  return {
    /** @param {string | Element} target @param {any} [options] */
    mount(target, options = {}) {
      const el = typeof target === 'string' ? document.querySelector(target) : target;
      if (!(el instanceof Element)) throw config_('invalid_option', 'mount target: an element or a selector.');
      const mode = options.mode ?? 'isolated';
      if (mode === 'inline') return mountInline(el, frame, settings, options);
      if (mode !== 'isolated') throw config_('invalid_option', "mode: 'isolated' or 'inline'.");
      if (frame.origin === location.origin) {
        throw config_('invalid_option', 'frameUrl must be cross-origin.');
      }
      return mountIsolated(el, frame, settings, options);
    },
  };
}

// The loader's own address, for a default frameUrl beside it (script tag only).
const scriptSrc =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? document.currentScript.src
    : undefined;

/** Listener registry shared by both modes. */
function emitter() {
  /** @type {Map<string, Set<Function>>} */
  const map = new Map();
  const known = ['ready', 'change', 'focus', 'blur', 'submit', 'loaderror'];
  const check = (/** @type {string} */ ev) => {
    if (!known.includes(ev)) throw new TypeError(`unknown event ${ev}`);
  };
  return {
    on(/** @type {string} */ ev, /** @type {Function} */ fn) {
      check(ev);
      if (!map.has(ev)) map.set(ev, new Set());
      map.get(ev)?.add(fn);
    },
    off(/** @type {string} */ ev, /** @type {Function} */ fn) {
      check(ev);
      map.get(ev)?.delete(fn);
    },
    emit(/** @type {string} */ ev, /** @type {unknown} */ payload) {
      for (const fn of [...(map.get(ev) ?? [])]) {
        try {
          fn(payload);
        } catch (e) {
          setTimeout(() => {
            throw e;
          });
        }
      }
    },
    clear: () => map.clear(),
  };
}

const loadFailed = () =>
  failure('network_error', 'load_failed', 'The card form did not load. Reload the page.', true);

/** Shows the bank's 3-D Secure page in a modal frame; resolves when it says it is done. */
function threeDSecure(/** @type {string} */ url) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    // Only a web page: a `javascript:` URL in an API answer must never run in this page.
    if (!secure(target, false)) return reject(new Error('refused'));
    const [overlay, box, frame, cancel] = ['div', 'div', 'iframe', 'button'].map((tag) => document.createElement(tag));
    // Styles go through the CSSOM, which a strict style-src allows (a style attribute it does not).
    overlay.style.cssText = 'position:fixed;inset:0;background:#0009;display:grid;place-items:center;z-index:2147483647';
    box.style.cssText = 'background:#fff;border-radius:8px;padding:12px;width:min(480px,96vw);display:grid;gap:8px';
    frame.style.cssText = 'border:0;width:100%;height:min(600px,80vh)';
    box.role = 'dialog';
    box.ariaModal = 'true';
    box.ariaLabel = 'Confirm with your bank';
    frame.title = 'Bank authentication';
    frame.src = target.href;
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    box.append(frame, cancel);
    overlay.append(box);
    const before = document.activeElement;
    const done = (/** @type {boolean} */ ok) => {
      removeEventListener('message', onMessage);
      overlay.remove();
      if (before instanceof HTMLElement) before.focus();
      ok ? resolve(undefined) : reject(new Error('cancelled'));
    };
    const onMessage = (/** @type {MessageEvent} */ e) => {
      if (e.isTrusted && e.origin === target.origin && e.source === frame.contentWindow && e.data === '3DS-authentication-complete') done(true);
    };
    addEventListener('message', onMessage);
    cancel.addEventListener('click', () => done(false));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') done(false);
      if (e.key === 'Tab') {
        // Focus stays in the dialog: the frame and the Cancel button.
        e.preventDefault();
        (document.activeElement === cancel ? frame : cancel).focus();
      }
    });
    document.body.append(overlay);
    cancel.focus();
  });
}

/** Inline mode: the fields module (beside the frame page) runs in this page. */
function mountInline(/** @type {Element} */ el, /** @type {URL} */ frame, /** @type {any} */ settings, /** @type {any} */ options) {
  const events = emitter();
  /** @type {any} */
  let field;
  let destroyed = false;
  const ready = import(/* webpackIgnore: true */ new URL('fields.js', frame).href)
    .then((m) => m.loadFields())
    .then((m) => {
      if (destroyed) return;
      field = m.mountCardField(el, settings, options);
      for (const ev of ['ready', 'change', 'focus', 'blur', 'submit']) field.on(ev, (/** @type {unknown} */ p) => events.emit(ev, p));
    })
    .catch((/** @type {any} */ e) => {
      const err = e?.type ? e : loadFailed();
      events.emit('loaderror', { error: err });
      return Promise.reject(err);
    });
  const call = (/** @type {(f: any) => any} */ fn) =>
    ready.then(() => (field ? fn(field) : { error: loadFailed() }), (error) => ({ error }));
  return {
    on: events.on,
    off: events.off,
    focus: (/** @type {string} */ f) => field?.focus(f),
    clear: () => field?.clear(),
    update: (/** @type {any} */ o) => field?.update(o),
    getState: () => field?.getState(),
    destroy() {
      destroyed = true;
      events.clear();
      field?.destroy();
    },
    createPaymentMethod: (/** @type {any} */ o = {}) => call((f) => f.createPaymentMethod(o)),
    confirmPayment: (/** @type {string} */ key, /** @type {any} */ o = {}) =>
      call((f) => f.confirmPayment(key, { ...o, handleNextAction: threeDSecure })),
  };
}

/** The cloneable options of known keys (functions and the rest stay on this side). */
function plain(/** @type {any} */ o, /** @type {string[]} */ keys) {
  const out = /** @type {Record<string, unknown>} */ ({});
  for (const k of keys) if (o && o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Isolated mode: the fields run in a frame on `frame`'s origin. */
function mountIsolated(/** @type {Element} */ el, /** @type {URL} */ frameUrl, /** @type {any} */ settings, /** @type {any} */ options) {
  const events = emitter();
  const channel = crypto.getRandomValues(new Uint32Array(2)).join('-');
  const origin = frameUrl.origin;
  const iframe = document.createElement('iframe');
  const url = new URL(frameUrl);
  url.hash = new URLSearchParams({ origin: location.origin, channel }).toString();
  iframe.src = url.href;
  iframe.title = 'Secure card payment input';
  // Stable hooks for test tooling (sealcard/testing): the frame, and once known its readiness
  // or why it failed to load.
  iframe.dataset.sealcard = 'frame';
  // 'payment' only: Chromium rejects an 'autofill' feature as unknown and warns in the console.
  iframe.allow = 'payment';
  iframe.style.cssText = 'border:0;width:100%;height:0;display:block;overflow:hidden';
  /** @type {any} */
  let state;
  let ready = false;
  let seq = 0;
  /** @type {Map<number, (v: any) => void>} */
  const pending = new Map();
  /** @type {Promise<any> | undefined} */
  let inflight;
  const post = (/** @type {object} */ msg) => iframe.contentWindow?.postMessage({ [MSG]: channel, ...msg }, origin);
  const request = (/** @type {string} */ type, /** @type {object} */ body) =>
    new Promise((resolve) => {
      if (!ready) return resolve({ error: loadFailed() });
      const id = ++seq;
      pending.set(id, resolve);
      try {
        post({ type, id, ...body });
      } catch {
        // Options that cannot be sent (not plain data).
        pending.delete(id);
        resolve({ error: config_('invalid_option', 'Invalid option.') });
      }
    });
  const timer = setTimeout(() => {
    if (ready) return;
    iframe.dataset.sealcardError = 'load_failed';
    events.emit('loaderror', { error: loadFailed() });
  }, options.loadTimeout ?? LOAD_TIMEOUT_MS);
  const { loadTimeout, mode, ...frameOptions } = options;
  const onMessage = (/** @type {MessageEvent} */ e) => {
    const d = e.data;
    // `isTrusted`: a page script can build a MessageEvent that claims any origin and source.
    if (!e.isTrusted || e.origin !== origin || e.source !== iframe.contentWindow || d?.[MSG] !== channel || typeof d.type !== 'string') return;
    switch (d.type) {
      case 'hello':
        post({ type: 'init', config: settings, options: frameOptions });
        break;
      case 'ready':
        ready = true;
        clearTimeout(timer);
        iframe.dataset.sealcardReady = '';
        events.emit('ready', {});
        break;
      case 'resize':
        iframe.style.height = `${Math.min(+d.height || 0, 2000)}px`;
        break;
      case 'change':
        state = d.payload;
        events.emit('change', d.payload);
        break;
      case 'focus':
      case 'blur':
      case 'submit':
        events.emit(d.type, d.payload);
        if (d.type === 'submit') iframe.closest('form')?.requestSubmit();
        break;
      case 'loaderror':
        clearTimeout(timer);
        iframe.dataset.sealcardError = String(d.error?.code);
        events.emit('loaderror', { error: d.error });
        break;
      case 'nextAction':
        threeDSecure(String(d.url))
          .then(() => false, () => true)
          .then((cancelled) => post({ type: 'nextActionDone', id: d.id, cancelled }));
        break;
      case 'result': {
        const resolve = pending.get(d.id);
        pending.delete(d.id);
        resolve?.(d.payload);
        break;
      }
    }
  };
  addEventListener('message', onMessage);
  /** Settles every pending call with `load_failed`. */
  const abandon = () => {
    for (const resolve of pending.values()) resolve({ error: loadFailed() });
    pending.clear();
  };
  // A second load means the frame was navigated (or reloaded): what was pending is lost.
  let loads = 0;
  iframe.addEventListener('load', () => {
    if (++loads < 2) return;
    ready = false;
    state = undefined;
    abandon();
    delete iframe.dataset.sealcardReady;
    iframe.dataset.sealcardError = 'load_failed';
    events.emit('loaderror', { error: loadFailed() });
  });
  el.append(iframe);
  return {
    on: events.on,
    off: events.off,
    focus: (/** @type {string} */ field) => {
      iframe.focus();
      post({ type: 'focus', field });
    },
    clear: () => post({ type: 'clear' }),
    update: (/** @type {any} */ o) => post({ type: 'update', options: o }),
    getState: () => state,
    destroy() {
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      iframe.remove();
      events.clear();
      abandon();
    },
    createPaymentMethod(/** @type {any} */ o = {}) {
      inflight ??= request('createPaymentMethod', { options: plain(o, ['billing', 'metadata']) }).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    confirmPayment: (/** @type {string} */ clientKey, /** @type {any} */ o = {}) =>
      request('confirmPayment', { clientKey, options: plain(o, ['billing', 'metadata', 'returnUrl', 'paymentMethod']) }),
  };
}
