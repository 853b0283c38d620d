// sealcard loader: the merchant page's only sealcard code. Plain JS, no wasm, no card data.
// Importing it has no side effects and needs no `window` (server rendering is safe).
// Isolated mode (default) mounts the fields in a frame on another origin and talks to it by
// postMessage with exact origins; inline mode loads the fields module into this page.

const DEFAULT_API = 'https://api.paymongo.com/v1';
const LOAD_TIMEOUT_MS = 15000;
/** How long after its page has loaded the frame may take to say hello before it is not ours. */
const HELLO_GRACE_MS = 2000;
const MSG = 'sealcard';
/** The tallest the fields frame may ask to be, in CSS px. */
const MAX_FRAME_HEIGHT = 2000;

/**
 * What the loader uses of the page's globals, taken once when it is evaluated: a script that runs
 * later and replaces them (a skimmer poisoning the page) neither sees the loader's listeners nor
 * forges the frame's messages nor picks the channel id. Messages are read through
 * `MessageEvent`'s own getters, which throw for anything but a real event. Absent outside a
 * browser (importing the loader touches no `window`).
 */
const safe = typeof window === 'undefined' ? undefined : captureGlobals();

function captureGlobals() {
  const getter = (/** @type {object} */ proto, /** @type {string} */ name) =>
    /** @type {(this: unknown) => any} */ (Object.getOwnPropertyDescriptor(proto, name)?.get);
  const { addEventListener: listen, removeEventListener: unlisten } = EventTarget.prototype;
  return {
    listen,
    unlisten,
    random: crypto.getRandomValues.bind(crypto),
    contentWindow: getter(HTMLIFrameElement.prototype, 'contentWindow'),
    event: {
      data: getter(MessageEvent.prototype, 'data'),
      origin: getter(MessageEvent.prototype, 'origin'),
      source: getter(MessageEvent.prototype, 'source'),
    },
    /** The language's own Promise, whatever `window.Promise` has become. */
    Promise: /** @type {PromiseConstructor} */ ((async () => {})().constructor),
  };
}

/** The browser's globals as the loader found them (only called in a browser). */
const globals = () => /** @type {NonNullable<typeof safe>} */ (safe);

/** `target.addEventListener(type, fn)` with the loader's own copy; returns the undo. */
function listen(/** @type {EventTarget} */ target, /** @type {string} */ type, /** @type {(e: any) => void} */ fn) {
  const { listen, unlisten } = globals();
  listen.call(target, type, fn);
  return () => unlisten.call(target, type, fn);
}

/**
 * The data of a message the browser delivered from `source` at `origin`; undefined for any other
 * message, and for an object dressed as a message event (sealcard's messages are never undefined).
 * @param {unknown} e @param {unknown} source @param {string} origin
 */
function messageFrom(e, source, origin) {
  const { event } = globals();
  try {
    if (event.origin.call(e) !== origin || event.source.call(e) !== source) return undefined;
    // A real event (the getters above threw otherwise): its own `isTrusted` cannot be redefined,
    // and is false for one a script built.
    if (/** @type {Event} */ (e).isTrusted !== true) return undefined;
    return event.data.call(e);
  } catch {
    return undefined;
  }
}

/** The window of `iframe`, read with the loader's own getter. */
const windowOf = (/** @type {HTMLIFrameElement} */ iframe) => /** @type {Window | null} */ (globals().contentWindow.call(iframe));

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
 * @param {import('./index').LoadOptions} [loadOptions]
 * @returns {Promise<import('./index').SealCard>}
 */
export async function loadSealCard(config, loadOptions) {
  if (typeof window === 'undefined') {
    throw config_('insecure_context', 'sealcard needs a browser.');
  }
  throwIfAborted(checkSignal(loadOptions?.signal));
  const c = /** @type {any} */ (config ?? {});
  const live = checkKey(c.publicKey);
  if (live && !window.isSecureContext) throw config_('insecure_context', 'Live keys need HTTPS.');
  const api = checkUrl('apiBase', c.apiBase ?? DEFAULT_API, live).href.replace(/\/+$/, '');
  let frameUrl = c.frameUrl;
  if (frameUrl === undefined && scriptSrc) frameUrl = new URL('frame/frame.html', scriptSrc).href;
  if (frameUrl === undefined) throw config_('invalid_option', 'frameUrl is required.');
  const frame = checkUrl('frameUrl', frameUrl, live);
  const settings = { ...plain(c, ['publicKey', 'locale', 'acceptedBrands', 'timeout', 'messages', 'appearance']), apiBase: api };
  return {
    /** @param {string | Element} target @param {any} [options] */
    mount(target, options = {}) {
      const el = typeof target === 'string' ? document.querySelector(target) : target;
      if (!(el instanceof Element)) throw config_('invalid_option', 'mount target: an element or a selector.');
      const signal = checkSignal(options.signal);
      const mode = options.mode ?? 'isolated';
      if (mode !== 'inline' && mode !== 'isolated') throw config_('invalid_option', "mode: 'isolated' or 'inline'.");
      if (mode === 'isolated' && frame.origin === location.origin) {
        throw config_('invalid_option', 'frameUrl must be cross-origin.');
      }
      throwIfAborted(signal);
      const { loadTimeout, mode: _, signal: __, ...viewOptions } = options;
      return (mode === 'inline' ? mountInline : mountIsolated)(el, frame, settings, viewOptions, { loadTimeout, signal });
    },
  };
}

/** The `signal` of an options object: an AbortSignal or nothing. */
function checkSignal(/** @type {unknown} */ signal) {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw config_('invalid_option', 'signal: an AbortSignal.');
}

/** The error of an aborted load or mount; `name` is `AbortError`, as for an aborted `fetch`. */
const abortedError = (/** @type {unknown} */ reason) =>
  Object.assign(failure('aborted', 'aborted', 'Loading the card form was aborted.'), { name: 'AbortError', cause: reason });

function throwIfAborted(/** @type {AbortSignal | undefined} */ signal) {
  if (signal?.aborted) throw abortedError(signal.reason);
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

/**
 * Why the fields did not load, as `loaderror` gives it: a code per cause and a message saying
 * what to fix; a network failure may pass on a retry, a configuration one will not. The frame's
 * own causes (its wasm) come from the frame as `loaderror` messages.
 */
const loadError = (/** @type {string} */ code, /** @type {string} */ message, type = 'network_error') =>
  failure(type, code, message, type === 'network_error');

const loadFailed = () => loadError('load_failed', 'The card form did not load. Reload the page.');

/** A frame's `loaderror`, rebuilt from checked parts (it is a message like any other). */
function frameError(/** @type {any} */ e) {
  const code = typeof e?.code === 'string' && /^[a-z_]{1,40}$/.test(e.code) ? e.code : 'load_failed';
  const message = typeof e?.message === 'string' && e.message ? e.message.slice(0, 300) : loadFailed().message;
  // A frame fails to load for its configuration or for the network; nothing else.
  return loadError(code, message, e?.type === 'configuration_error' ? e.type : undefined);
}

/**
 * Shows the bank's 3-D Secure page in a modal `<dialog>`; resolves when it says it is done. The
 * browser keeps focus in the dialog, closes it on Escape, and draws it in the page's colour
 * scheme, light or dark.
 */
function threeDSecure(/** @type {string} */ url) {
  const { Promise } = globals();
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    // Only a web page: a `javascript:` URL in an API answer must never run in this page.
    if (!secure(target, false)) return reject(new Error('refused'));
    const dialog = document.createElement('dialog');
    const frame = document.createElement('iframe');
    const cancel = document.createElement('button');
    // Styles go through the CSSOM, which a strict style-src allows (a style attribute it does not).
    // A shadow as wide as the screen dims the page (its ::backdrop would need a stylesheet).
    dialog.style.cssText = 'border:0;border-radius:8px;padding:12px;width:min(480px,96vw);display:grid;gap:8px;box-shadow:0 0 0 100vmax #0009';
    frame.style.cssText = 'border:0;width:100%;height:min(600px,80vh)';
    cancel.style.cssText = 'font:inherit;color:inherit;background:none;border:1px solid;border-radius:6px;padding:8px';
    dialog.ariaLabel = 'Confirm with your bank';
    frame.title = 'Bank authentication';
    frame.src = target.href;
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    dialog.append(frame, cancel);
    const before = document.activeElement;
    // Settles once: a later call (the dialog's `close` as it goes) changes nothing.
    const done = (/** @type {boolean} */ ok) => {
      stopListening();
      dialog.remove();
      if (before instanceof HTMLElement) before.focus();
      ok ? resolve(undefined) : reject(new Error('cancelled'));
    };
    const stopListening = listen(window, 'message', (e) => {
      if (messageFrom(e, windowOf(frame), target.origin) === '3DS-authentication-complete') done(true);
    });
    listen(cancel, 'click', () => done(false));
    // Escape.
    listen(dialog, 'close', () => done(false));
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/**
 * @typedef {object} Lifecycle
 * @property {number | undefined} loadTimeout  ms before `load_timeout`
 * @property {AbortSignal | undefined} signal  aborting it removes the fields
 */

/** Inline mode: the fields module (beside the frame page) runs in this page. */
function mountInline(/** @type {Element} */ el, /** @type {URL} */ frame, /** @type {any} */ settings, /** @type {any} */ options, /** @type {Lifecycle} */ { signal }) {
  const events = emitter();
  /** @type {any} */
  let field;
  /** Why the fields are gone (`destroy()` or an abort), once they are. */
  /** @type {Error | undefined} */
  let gone;
  /** Why the fields did not load (`loaderror`), once known. */
  /** @type {Error | undefined} */
  let lost;
  const ready = import(/* webpackIgnore: true */ new URL('fields.js', frame).href)
    .then((m) => m.loadFields())
    .then((m) => {
      if (gone) return;
      field = m.mountCardField(el, settings, options);
      for (const ev of ['ready', 'change', 'focus', 'blur', 'submit']) field.on(ev, (/** @type {unknown} */ p) => events.emit(ev, p));
    })
    .catch((/** @type {any} */ e) => {
      lost = e?.type ? e : loadFailed();
      if (!gone) events.emit('loaderror', { error: lost });
    });
  const call = (/** @type {(f: any) => any} */ fn) => ready.then(() => (field && !gone ? fn(field) : { error: gone ?? lost ?? loadFailed() }));
  const stopAbort = signal ? listen(signal, 'abort', () => teardown(abortedError(signal.reason))) : () => {};
  const teardown = (/** @type {Error} */ why) => {
    gone ??= why;
    stopAbort();
    events.clear();
    field?.destroy();
    field = undefined;
  };
  return {
    on: events.on,
    off: events.off,
    focus: (/** @type {string | undefined} */ f) => field?.focus(f),
    clear: () => field?.clear(),
    update: (/** @type {any} */ o) => field?.update(o),
    getState: () => field?.getState(),
    destroy: () => teardown(loadFailed()),
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
function mountIsolated(/** @type {Element} */ el, /** @type {URL} */ frameUrl, /** @type {any} */ settings, /** @type {any} */ frameOptions, /** @type {Lifecycle} */ { loadTimeout = LOAD_TIMEOUT_MS, signal }) {
  const { Promise } = globals();
  const events = emitter();
  const channel = globals().random(new Uint32Array(2)).join('-');
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
  // One colour scheme on both sides of the frame (the fields' own: frame.css), the shopper's:
  // where they differ, browsers paint the frame opaque; the same, it stays transparent over the
  // page. Firefox also gives the frame this scheme as its `prefers-color-scheme`.
  iframe.style.cssText = 'border:0;width:100%;height:0;display:block;color-scheme:light dark';
  /** @type {any} */
  let state;
  let ready = false;
  let hello = false;
  /** Why the fields did not load or were lost (`loaderror`), once known. */
  /** @type {Error | undefined} */
  let lost;
  /** Why the fields are gone (`destroy()` or an abort), once they are. */
  /** @type {Error | undefined} */
  let gone;
  let seq = 0;
  /** @type {Map<number, (v: any) => void>} */
  const pending = new Map();
  /** @type {Promise<any> | undefined} */
  let inflight;
  const post = (/** @type {object} */ msg) => windowOf(iframe)?.postMessage({ [MSG]: channel, ...msg }, origin);
  const request = (/** @type {string} */ type, /** @type {object} */ body) =>
    new Promise((resolve) => {
      if (!ready) return resolve({ error: gone ?? lost ?? loadFailed() });
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
  /** Settles every pending call with `error`. */
  const abandon = (/** @type {Error} */ error) => {
    for (const resolve of pending.values()) resolve({ error });
    pending.clear();
  };
  /** The fields failed to load or were lost: `loaderror` once, pending calls settle. */
  const fail = (/** @type {Error & { code?: string }} */ error) => {
    if (gone || lost) return;
    lost = error;
    ready = false;
    state = undefined;
    clearTimers();
    removal.disconnect();
    abandon(error);
    delete iframe.dataset.sealcardReady;
    iframe.dataset.sealcardError = String(error.code);
    events.emit('loaderror', { error });
  };
  // Removed by anything but destroy() (a script, an extension): the frame and its input are gone.
  const removal = new MutationObserver(() => iframe.isConnected || fail(loadError('frame_removed', 'The card frame was removed by something other than destroy().')));
  /** @type {ReturnType<typeof setTimeout>[]} */
  const timers = [];
  const clearTimers = () => timers.splice(0).forEach(clearTimeout);
  // A page that loaded without the frame's hello is not the frame (a 404, a wrong frameUrl).
  const notFrame = () => loadError('frame_not_found', `${frameUrl} is not the sealcard frame page (a 404 or a wrong frameUrl).`, 'configuration_error');
  timers.push(setTimeout(() => fail(loads && !hello ? notFrame() : loadError('load_timeout', `The card form was not ready within ${loadTimeout} ms (loadTimeout).`)), loadTimeout));
  const onMessage = (/** @type {MessageEvent} */ e) => {
    // `messageFrom`: a page script can build a MessageEvent that claims any origin and source.
    const d = messageFrom(e, windowOf(iframe), origin);
    if (gone || lost || d?.[MSG] !== channel || typeof d.type !== 'string') return;
    switch (d.type) {
      case 'hello':
        hello = true;
        post({ type: 'init', config: settings, options: frameOptions });
        break;
      case 'ready':
        ready = true;
        clearTimers();
        iframe.dataset.sealcardReady = '';
        events.emit('ready', {});
        break;
      case 'resize':
        // The frame's content height in CSS px: a number from 0 to a bound, else ignored.
        if (typeof d.height === 'number' && d.height >= 0 && d.height <= MAX_FRAME_HEIGHT) iframe.style.height = `${d.height}px`;
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
        if (!ready) fail(frameError(d.error));
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
  const stops = [
    listen(window, 'message', onMessage),
    // The page's CSP refusing the frame (frame-src): the browser says so to this document.
    listen(document, 'securitypolicyviolation', (/** @type {SecurityPolicyViolationEvent} */ e) => {
      // `blockedURI` is the frame's URL, or its origin alone where the browser says less.
      if (/^(frame|child|default)-src/.test(e.effectiveDirective) && `${e.blockedURI}/`.startsWith(`${origin}/`)) fail(loadError('frame_blocked', "The page's CSP frame-src blocks the card frame: add its origin.", 'configuration_error'));
    }),
  ];
  // A second load means the frame was navigated (or reloaded): what was pending is lost.
  let loads = 0;
  stops.push(
    listen(iframe, 'load', () => {
      if (++loads > 1) return fail(loadFailed());
      timers.push(setTimeout(() => hello || fail(notFrame()), HELLO_GRACE_MS));
    }),
  );
  if (signal) stops.push(listen(signal, 'abort', () => teardown(abortedError(signal.reason))));
  const teardown = (/** @type {Error} */ why) => {
    if (gone) return;
    gone = why;
    ready = false;
    clearTimers();
    for (const stop of stops) stop();
    removal.disconnect();
    iframe.remove();
    events.clear();
    abandon(why);
  };
  el.append(iframe);
  // Watched from when it is in the document (a target mounted while detached is not watched).
  if (iframe.isConnected) removal.observe(document, { childList: true, subtree: true });
  return {
    on: events.on,
    off: events.off,
    focus: (/** @type {string | undefined} */ field) => {
      iframe.focus();
      post({ type: 'focus', field });
    },
    clear: () => post({ type: 'clear' }),
    update: (/** @type {any} */ o) => post({ type: 'update', options: o }),
    getState: () => state,
    destroy: () => teardown(loadFailed()),
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
