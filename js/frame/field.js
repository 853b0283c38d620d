// The card field's view: the DOM, its events, the listeners, and the requests to PayMongo. It
// decides nothing about card data: what an edit does to the text and the caret, each field's
// verdict and error, the card details sent, what an answer means and which keys, endpoints
// and 3-D Secure pages are allowed all come from the wasm engine (src/fields.rs).
//
// Inline mode runs it in the merchant's page; isolated mode in the fields frame (frame.js adds
// the message bridge). The number and the code are read from the inputs only to hand them to
// the engine or to the one request to the API.

/** @typedef {{ type: string, code: string, message: string, field?: string, retryable: boolean }} SealCardErrorObject */
/** @typedef {{ number?: string, expiry?: string, cvc?: string, name?: string }} FieldTexts */
/** @typedef {{ wrap: HTMLElement, label: HTMLElement, input: HTMLInputElement, error: HTMLElement }} FieldNodes */

/** The engine's field numbers. */
const NUMBER = 1;
const EXPIRY = 2;
const CVC = 3;
const NAME = 4;
const FIELD_NAMES = ['', 'number', 'expiry', 'cvc', 'name'];
const EVENT_NAMES = ['ready', 'change', 'focus', 'blur', 'submit', 'loaderror'];

/** PayMongo's API. */
const DEFAULT_API_BASE = 'https://api.paymongo.com/v1';
/** How long a request may take before it fails with `timeout`. */
const DEFAULT_TIMEOUT_MS = 20000;
/** How many times a `processing` or just-authenticated intent is read again. */
const MAX_READS = 10;

/** The style keys and the CSS custom property each sets. */
const STYLE_KEYS = [
  ['color', '--sealcard-color'],
  ['backgroundColor', '--sealcard-background'],
  ['borderColor', '--sealcard-border-color'],
  ['borderRadius', '--sealcard-border-radius'],
  ['errorColor', '--sealcard-error-color'],
  ['focusColor', '--sealcard-focus-color'],
  ['labelColor', '--sealcard-label-color'],
  ['placeholderColor', '--sealcard-placeholder-color'],
  ['fontFamily', '--sealcard-font-family'],
  ['fontSize', '--sealcard-font-size'],
  ['fontWeight', '--sealcard-font-weight'],
  ['padding', '--sealcard-padding'],
  ['spacing', '--sealcard-spacing'],
];

/** The base stylesheet. Every look is a CSS custom property the `style` option can set. */
const CSS =
  '.sealcard{font-family:var(--sealcard-font-family,inherit);font-size:var(--sealcard-font-size,16px);' +
  'font-weight:var(--sealcard-font-weight,400);color:var(--sealcard-color,#1a1f36)}' +
  '.sealcard-field{display:flex;flex-direction:column;margin-bottom:var(--sealcard-spacing,12px);min-width:0}' +
  '.sealcard-row{display:flex;gap:var(--sealcard-spacing,12px)}.sealcard-row>.sealcard-field{flex:1 1 0}' +
  '.sealcard label{font-size:.875em;margin-bottom:4px;color:var(--sealcard-label-color,#30313d)}' +
  '.sealcard-wrap{position:relative}' +
  '.sealcard input{font:inherit;color:inherit;width:100%;box-sizing:border-box;margin:0;' +
  'padding:var(--sealcard-padding,10px 12px);background:var(--sealcard-background,#fff);' +
  'border:1px solid var(--sealcard-border-color,#767a85);border-radius:var(--sealcard-border-radius,6px)}' +
  '.sealcard-number input{padding-right:7em}' +
  '.sealcard input::placeholder{color:var(--sealcard-placeholder-color,#6b6f7b);opacity:1}' +
  '.sealcard input:focus{outline:2px solid var(--sealcard-focus-color,#0a5cc2);outline-offset:1px}' +
  '.sealcard input[aria-invalid=true]{border-color:var(--sealcard-error-color,#c0262d)}' +
  '.sealcard-brand{position:absolute;right:12px;top:50%;transform:translateY(-50%);font-size:.75em;' +
  'color:var(--sealcard-label-color,#30313d);pointer-events:none}' +
  '.sealcard-error{color:var(--sealcard-error-color,#c0262d);font-size:.875em;min-height:1.25em;margin-top:4px}' +
  '.sealcard-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;' +
  'clip:rect(0 0 0 0);white-space:nowrap;border:0}';

/** The DOM events the fields listen to, all on the root: the inputs' events are caught on their
 * way down (so `focus` and `blur`, which do not bubble, and `input` events a script dispatches
 * without bubbling are seen too); `keydown` as it bubbles up, after the inputs' own listeners. */
const DOM_EVENTS = /** @type {const} */ ([
  ['beforeinput', true],
  ['input', true],
  ['compositionend', true],
  ['focus', true],
  ['blur', true],
  ['keydown', false],
]);

/** `v[key]` of an object, else `undefined` (a throwing getter reads as `undefined`). */
function get(/** @type {unknown} */ v, /** @type {string} */ key) {
  if (typeof v !== 'object' || v === null) return undefined;
  try {
    return /** @type {any} */ (v)[key];
  } catch {
    return undefined;
  }
}

const isObject = (/** @type {unknown} */ v) => typeof v === 'object' && v !== null;
const isNullish = (/** @type {unknown} */ v) => v === undefined || v === null;

/** Unicode white space, as the core trims it (JS's `trim` also drops U+FEFF, which is not):
 * for the cardholder's name. */
const WS = '[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const EDGE_SPACE = new RegExp(`^${WS}+|${WS}+$`, 'g');
const trim = (/** @type {string} */ s) => s.replace(EDGE_SPACE, '');

/** Today's month, from the clock. */
function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1];
}

/** Reads a BCP 47 tag: `fil`, `fil-PH`, `tl`… are Filipino (1), anything else English (0);
 * `undefined` for an empty tag. */
function localeOf(/** @type {string} */ tag) {
  const primary = tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return primary ? (primary === 'fil' || primary === 'tl' ? 1 : 0) : undefined;
}

/** A CSS value that cannot break out of its declaration or fetch anything. */
function safeCssValue(/** @type {string} */ value) {
  return (
    new TextEncoder().encode(value).length <= 200 &&
    !/[;{}<>\\@\u0000-\u001f\u007f-\u009f]/.test(value) &&
    !/url\(|image|expression/i.test(value)
  );
}

/** 16 random bytes as hex, from the browser's CSPRNG. */
function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reports an exception of a merchant's listener without stopping ours (as the DOM does). */
function report(/** @type {unknown} */ error) {
  if (typeof reportError === 'function') reportError(error);
}

let nextId = 1;

/**
 * The card field over an initialised engine (the wasm-bindgen exports of src/fields.rs).
 * @param {typeof import('./sealcard_fields.js')} engine
 */
export function createFields(engine) {
  // The engine's tables, one string: tables split by \x1d, records by \x1e, values by \x1f.
  const [errorRows, textRows, brandRows, declineRows] = /** @type {string} */ (engine.tables())
    .split('\x1d')
    .map((t) => t.split('\x1e').slice(0, -1).map((r) => r.split('\x1f')));
  /** @type {SealCardErrorObject[][]} error objects per locale, by code index - 1 */
  const errorTables = [4, 5].map((m) =>
    errorRows.map(([code, type, field, retryable, ...messages]) => ({ type, code, message: messages[m - 4], ...(field ? { field } : {}), retryable: !!retryable })),
  );
  /** @type {string[]} [id, name, id, name…] in brand order */
  const brandTable = brandRows.flat();
  const brandId = (/** @type {number} */ b) => (b ? brandTable[2 * (b - 1)] : undefined);
  const brandName = (/** @type {number} */ b) => (b ? brandTable[2 * (b - 1) + 1] : undefined);
  /** @type {string[]} */
  const codes = errorTables[0].map((e) => e.code);
  const codeIndex = (/** @type {string} */ code) => codes.indexOf(code) + 1;
  const C = /** @type {Record<string, number>} */ (Object.fromEntries(codes.map((c, i) => [c, i + 1])));

  /**
   * A `SealCardError` to throw or reject with: `type`, `code`, `retryable`; the message is the
   * detail (naming the option) or the code's own.
   * @param {number} code
   * @param {string} [detail]
   */
  function configError(code, detail) {
    const o = /** @type {SealCardErrorObject} */ (errorTables[0]?.[code - 1]);
    const e = /** @type {Error & Record<string, unknown>} */ (new Error(detail ?? o.message));
    e.name = 'SealCardError';
    e.type = o.type;
    e.code = o.code;
    e.retryable = false;
    return e;
  }
  const optionError = (/** @type {string} */ detail) => configError(C.invalid_option, detail);

  /** A string option, `undefined` when absent; another type is an `invalid_option`. */
  function optionalString(/** @type {unknown} */ v, /** @type {string} */ key, /** @type {string} */ err) {
    const x = get(v, key);
    if (isNullish(x)) return undefined;
    if (typeof x !== 'string') throw optionError(err);
    return x;
  }

  function readLocale(/** @type {unknown} */ v) {
    const tag = optionalString(v, 'locale', "locale must be a string such as 'en' or 'fil'");
    return tag === undefined ? undefined : localeOf(tag);
  }

  /** Reads `{ [code]: message }` overrides: `[code index, text]` pairs. */
  function readMessages(/** @type {unknown} */ v) {
    const ERR = 'messages must map error codes to strings';
    if (isNullish(v)) return [];
    if (!isObject(v)) throw optionError(ERR);
    return Object.entries(/** @type {object} */ (v)).map(([code, text]) => {
      const i = codeIndex(code);
      if (!i || typeof text !== 'string') throw optionError(ERR);
      return /** @type {[number, string]} */ ([i, text]);
    });
  }

  /** The API base as the browser's URL parser prints it, without a trailing slash. */
  function normalizeBase(/** @type {string} */ base) {
    let url;
    try {
      url = new URL(base);
    } catch {
      throw configError(C.invalid_api_base);
    }
    if (url.search || url.hash) throw configError(C.invalid_api_base);
    return url.href.replace(/\/+$/, '');
  }

  /** Reads `{ publicKey, apiBase?, locale?, acceptedBrands?, timeout?, messages? }`. The key is
   * checked first: a secret key is refused before anything else is looked at. */
  function readConfig(/** @type {unknown} */ v) {
    const key = get(v, 'publicKey');
    if (typeof key !== 'string') throw configError(C.invalid_public_key);
    const keyError = engine.keyError(key);
    if (keyError) throw configError(keyError);
    const apiBase = normalizeBase(optionalString(v, 'apiBase', 'apiBase must be a string URL') ?? DEFAULT_API_BASE);
    const endpointError = engine.endpointError(key, apiBase, isSecureContext);
    if (endpointError) throw configError(endpointError);
    const locale = readLocale(v) ?? 0;
    const ACCEPTED = "acceptedBrands must be an array of brand ids such as 'visa'";
    const list = get(v, 'acceptedBrands');
    // PayMongo's default acceptance: Visa and Mastercard.
    let accepted = 0;
    for (const id of isNullish(list) ? ['visa', 'mastercard'] : Array.isArray(list) && list.length ? list : [null]) {
      const b = typeof id === 'string' ? brandTable.indexOf(id) : -1;
      if (b < 0 || b % 2) throw optionError(ACCEPTED);
      accepted |= 1 << (b / 2);
    }
    const timeout = get(v, 'timeout');
    let timeoutMs = DEFAULT_TIMEOUT_MS;
    if (timeout !== undefined) {
      if (typeof timeout !== 'number' || !(timeout >= 1 && timeout <= 600000)) {
        throw optionError('timeout must be a number of milliseconds, 1 to 600000');
      }
      timeoutMs = Math.trunc(timeout);
    }
    return { publicKey: key, apiBase, locale, accepted, timeoutMs, messages: readMessages(get(v, 'messages')) };
  }

  /** @returns {FieldTexts} */
  function readTexts(/** @type {unknown} */ v, /** @type {string} */ err) {
    if (isNullish(v)) return {};
    if (!isObject(v)) throw optionError(err);
    /** @type {Record<string, string>} */
    const out = {};
    for (const k of ['number', 'expiry', 'cvc', 'name']) {
      const s = optionalString(v, k, err);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }

  /** Reads `{ style?, labels?, placeholders?, showName?, locale?, messages? }`. */
  function readMountOptions(/** @type {unknown} */ v) {
    if (isNullish(v)) return { style: [], labels: {}, placeholders: {}, showName: false, locale: undefined, messages: [] };
    if (!isObject(v)) throw optionError('mount options must be an object');
    /** @type {[string, string][]} */
    const style = [];
    const s = get(v, 'style');
    if (!isNullish(s)) {
      const ERR = "style values must be plain CSS values (no url(), no ';')";
      if (!isObject(s)) throw optionError(ERR);
      for (const [key, prop] of STYLE_KEYS) {
        const value = optionalString(s, key, ERR);
        if (value === undefined) continue;
        if (!safeCssValue(value)) throw optionError(ERR);
        style.push([prop, value]);
      }
    }
    const showName = get(v, 'showName');
    return {
      style,
      labels: readTexts(get(v, 'labels'), 'labels must map field names to strings'),
      placeholders: readTexts(get(v, 'placeholders'), 'placeholders must map field names to strings'),
      showName: typeof showName === 'boolean' && showName,
      locale: readLocale(v),
      messages: readMessages(get(v, 'messages')),
    };
  }

  /** Sends one request to the API and reads the whole answer; a transport failure rejects
   * with `network_error`, no answer within `timeoutMs` with `timeout` (code indexes). */
  async function send(
    /** @type {string} */ method,
    /** @type {string} */ url,
    /** @type {string} */ key,
    /** @type {string | undefined} */ idempotencyKey,
    /** @type {string | undefined} */ body,
    /** @type {number} */ timeoutMs,
  ) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      /** @type {Record<string, string>} */
      const headers = { Authorization: `Basic ${btoa(`${key}:`)}`, Accept: 'application/json' };
      if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
      /** @type {RequestInit} */
      const init = { method, credentials: 'omit', cache: 'no-store', signal: controller.signal, headers };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = body;
      }
      const response = await fetch(url, init);
      return { status: response.status, body: await response.text() };
    } catch {
      throw timedOut ? C.timeout : C.network_error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A JSON object body, or `undefined`. */
  function parseJson(/** @type {string} */ body) {
    try {
      const json = JSON.parse(body);
      return isObject(json) ? json : undefined;
    } catch {
      return undefined;
    }
  }

  const path = (/** @type {unknown} */ v, /** @type {string[]} */ keys) => keys.reduce(get, v);
  const str = (/** @type {unknown} */ v) => (typeof v === 'string' ? v : undefined);

  /**
   * What an API failure means: a code index, the field it lands on (engine number), PayMongo's
   * codes, and for a decline which message it shows.
   * @typedef {{ code: number, field?: number, apiCode?: string, subCode?: string, decline?: number }} Failure
   */

  /** What a failed answer means.
   * @returns {Failure} */
  function failure(/** @type {number} */ status, /** @type {string} */ body) {
    const list = get(parseJson(body), 'errors');
    const items = Array.isArray(list) ? list : undefined;
    // Records of five values for the engine; separators stripped, \x1d alone for absent.
    const value = (/** @type {unknown} */ v) => (typeof v === 'string' ? v.replace(/[\x1d-\x1f]/g, '') : '\x1d');
    const records = items?.map((e) => `${[get(e, 'code'), get(e, 'detail'), path(e, ['source', 'attribute']), path(e, ['source', 'pointer']), get(e, 'sub_code')].map(value).join('\x1f')}\x1e`);
    const bits = engine.failureFor(status, records?.join(''));
    const decided = items?.[(bits >>> 9) - 1];
    return {
      code: bits & 63,
      field: (bits >>> 6) & 7,
      apiCode: str(get(decided, 'code')) || undefined,
      subCode: str(get(decided, 'sub_code')),
    };
  }

  /** @param {Element} target @param {ReturnType<typeof readConfig>} config @param {ReturnType<typeof readMountOptions>} opts */
  function mount(target, config, opts) {
    const doc = target.ownerDocument;
    const prefix = `sealcard-${nextId++}`;
    const el = (/** @type {string} */ tag, className = '') => {
      const e = doc.createElement(tag);
      if (className) e.className = className;
      return e;
    };
    const root = el('div', 'sealcard is-empty');
    root.setAttribute('role', 'group');
    /** @returns {FieldNodes} */
    const field = (/** @type {string} */ name, /** @type {string} */ autocomplete, /** @type {boolean} */ numeric) => {
      const wrap = el('div', `sealcard-field sealcard-${name}`);
      const inputId = `${prefix}-${name}`;
      const label = el('label');
      label.setAttribute('for', inputId);
      const input = /** @type {HTMLInputElement} */ (el('input'));
      input.type = 'text';
      input.id = inputId;
      for (const [k, v] of [
        ['autocomplete', autocomplete],
        ['autocorrect', 'off'],
        ['autocapitalize', 'off'],
        ['spellcheck', 'false'],
        ['aria-invalid', 'false'],
        ['aria-describedby', `${inputId}-error`],
      ]) {
        input.setAttribute(k, v);
      }
      if (numeric) input.setAttribute('inputmode', 'numeric');
      const error = el('div', 'sealcard-error');
      error.id = `${inputId}-error`;
      const inner = el('div', 'sealcard-wrap');
      inner.append(input);
      wrap.append(label, inner, error);
      return { wrap, label, input, error };
    };
    /** @type {(FieldNodes | undefined)[]} by engine field number */
    const nodes = [undefined, field('number', 'cc-number', true), field('expiry', 'cc-exp', true), field('cvc', 'cc-csc', true)];
    if (opts.showName) {
      nodes[NAME] = field('name', 'cc-name', false);
      /** @type {FieldNodes} */ (nodes[NAME]).input.maxLength = 100;
    }
    const [, number, expiry, cvc] = /** @type {FieldNodes[]} */ (nodes);
    const badge = el('span', 'sealcard-brand');
    badge.setAttribute('aria-hidden', 'true');
    number.input.parentElement?.append(badge);
    const live = el('div', 'sealcard-sr');
    for (const [k, v] of [['role', 'status'], ['aria-live', 'polite'], ['aria-atomic', 'true']]) live.setAttribute(k, v);
    if (nodes[NAME]) root.append(nodes[NAME].wrap);
    root.append(number.wrap);
    const row = el('div', 'sealcard-row');
    row.append(expiry.wrap, cvc.wrap);
    root.append(row, live);
    // A constructed stylesheet where supported (allowed by a strict CSP), else a <style>.
    /** @type {CSSStyleSheet | HTMLElement} */
    let sheet;
    if (Array.isArray(doc.adoptedStyleSheets)) {
      const s = new CSSStyleSheet();
      s.replaceSync(CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, s];
      sheet = s;
    } else {
      sheet = el('style');
      sheet.textContent = CSS;
      doc.head?.append(sheet);
    }
    target.append(root);

    /** @type {[number, Function][]} */
    let listeners = [];
    const ui = {
      /** bit 0 number, 1 expiry, 2 code: left with something typed, or all after a submit */
      touched: 0,
      /** @type {number | undefined} */
      focused: undefined,
      /** @type {{ state: number[], key: string } | undefined} */
      last: undefined,
      announcedBrand: 0,
      announcedError: 0,
      /** @type {{ field: number, code: number } | undefined} a server error, until that field is edited */
      apiError: undefined,
      /** Bumped by every edit: an idempotency key is reused only for unchanged input. */
      generation: 0,
      /** @type {[number, string] | undefined} */
      idempotency: undefined,
      /** @type {Promise<object> | undefined} */
      inflight: undefined,
      destroyed: false,
    };

    const locale = () => opts.locale ?? config.locale;
    /** The merchant's override of a code's message, if any. */
    const override = (/** @type {number} */ code) => (opts.messages.find(([c]) => c === code) ?? config.messages.find(([c]) => c === code))?.[1];
    const messageFor = (/** @type {number} */ code) => override(code) ?? errorTables[locale()][code - 1].message;
    /** @returns {SealCardErrorObject} */
    const errorJs = (/** @type {number} */ code) => ({ ...errorTables[locale()][code - 1], message: messageFor(code) });
    const errorResult = (/** @type {number} */ code) => ({ error: errorJs(code) });

    /** Labels, placeholders, language and style custom properties. */
    function applyOptions() {
      const t = textRows[locale()];
      root.setAttribute('lang', locale() ? 'fil' : 'en');
      root.setAttribute('aria-label', t[9]);
      for (let f = NUMBER; f <= NAME; f++) {
        const n = nodes[f];
        if (!n) continue;
        const key = /** @type {keyof FieldTexts} */ (FIELD_NAMES[f]);
        n.label.textContent = opts.labels[key] ?? t[f - 1];
        n.input.placeholder = opts.placeholders[key] ?? t[f + 3];
      }
      for (const [, prop] of STYLE_KEYS) root.style.removeProperty(prop);
      for (const [prop, value] of opts.style) root.style.setProperty(prop, value);
    }

    /** The form's state from the fields' texts: `[brand, number, expiry, cvc]` (packed as the
     * engine's `formState`), a server error overlaid on its field. */
    function compute() {
      const [year, month] = today();
      const state = Array.from(/** @type {Uint32Array} */ (engine.formState(number.input.value, expiry.input.value, cvc.input.value, ui.touched, config.accepted, year, month)));
      const api = ui.apiError;
      if (api) {
        const f = Math.min(api.field, CVC);
        // Not valid, not complete; the server's code as error and problem.
        state[f] = (/** @type {number} */ (state[f]) & 9) | (api.code << 4) | (api.code << 10);
      }
      return state;
    }

    const flags = (/** @type {number} */ bits) => ({ empty: (bits & 1) === 1, complete: (bits & 2) === 2, valid: (bits & 4) === 4, potentiallyValid: (bits & 8) === 8 });
    const errorOf = (/** @type {number} */ bits) => (bits >>> 4) & 63;
    const problemOf = (/** @type {number} */ bits) => (bits >>> 10) & 63;
    /** The first code of the form in field order: shown errors, or (`problem`) any problem. */
    const firstOf = (/** @type {number[]} */ state, problem = false) => {
      for (let f = NUMBER; f <= CVC; f++) {
        const code = problem ? problemOf(/** @type {number} */ (state[f])) : errorOf(/** @type {number} */ (state[f]));
        if (code) return code;
      }
      return 0;
    };
    const isEmpty = (/** @type {number[]} */ s) => (s[1] & s[2] & s[3] & 1) === 1;
    const isComplete = (/** @type {number[]} */ s) => (s[1] & s[2] & s[3] & 2) === 2;

    /** Shows `state`: error texts, ARIA, classes, brand; announces changes. */
    function render(/** @type {number[]} */ state, /** @type {boolean} */ announce) {
      // Only what changed is written: an unchanged keystroke mutates nothing.
      const text = (/** @type {Node} */ node, /** @type {string} */ t) => node.textContent !== t && (node.textContent = t);
      const attr = (/** @type {Element} */ el, /** @type {string} */ k, /** @type {string} */ v) => el.getAttribute(k) !== v && el.setAttribute(k, v);
      for (let f = NUMBER; f <= CVC; f++) {
        const n = /** @type {FieldNodes} */ (nodes[f]);
        const code = errorOf(/** @type {number} */ (state[f]));
        text(n.error, code ? messageFor(code) : '');
        attr(n.input, 'aria-invalid', code ? 'true' : 'false');
      }
      const error = firstOf(state);
      root.classList.toggle('is-empty', isEmpty(state));
      root.classList.toggle('is-complete', isComplete(state));
      root.classList.toggle('is-invalid', error > 0);
      root.classList.toggle('is-focused', ui.focused !== undefined);
      const brand = /** @type {number} */ (state[0]);
      text(badge, brandName(brand) ?? '');
      attr(root, 'data-brand', brandId(brand) ?? 'unknown');
      if (!announce) return;
      const brandChanged = brand !== ui.announcedBrand;
      const errorChanged = error !== ui.announcedError;
      ui.announcedBrand = brand;
      ui.announcedError = error;
      if (errorChanged && error) live.textContent = messageFor(error);
      else if (brandChanged && brand) live.textContent = textRows[locale()][8] + brandName(brand);
    }

    /** The `change` payload of `state`. */
    function stateJs(/** @type {number[]} */ state) {
      /** @type {Record<string, object>} */
      const fields = {};
      for (let f = NUMBER; f <= CVC; f++) {
        const bits = /** @type {number} */ (state[f]);
        const code = errorOf(bits);
        fields[FIELD_NAMES[f]] = { ...flags(bits), error: code ? errorJs(code) : undefined };
      }
      const error = firstOf(state);
      return { empty: isEmpty(state), complete: isComplete(state), brand: brandId(/** @type {number} */ (state[0])) ?? null, fields, error: error ? errorJs(error) : undefined };
    }

    /** Calls every listener of `kind`; a throwing listener does not stop the others. */
    function emit(/** @type {number} */ kind, /** @type {object} */ payload) {
      for (const [k, f] of listeners.slice()) {
        if (k !== kind) continue;
        try {
          f.call(undefined, payload);
        } catch (e) {
          report(e);
        }
      }
    }

    /** Recomputes, renders and emits `change` when the state changed. */
    function refresh() {
      if (ui.destroyed) return;
      const state = compute();
      render(state, true);
      const key = `${state}|${ui.apiError ? `${ui.apiError.field}:${ui.apiError.code}` : ''}`;
      const changed = ui.last?.key !== key;
      ui.last = { state, key };
      if (changed) emit(1, stateJs(state));
    }

    /** The selection of an input, in UTF-16 units. */
    function selection(/** @type {HTMLInputElement} */ input) {
      const start = input.selectionStart ?? input.value.length;
      return [start, input.selectionEnd ?? start];
    }

    /** Shows `value` (the engine's answer, its caret `engine.caret()`) in `input`, whose text
     * was `old`. Only the focused input's caret moves: elsewhere it would steal the focus. */
    function show(/** @type {HTMLInputElement} */ input, /** @type {string} */ old, /** @type {string} */ value) {
      if (old !== value) input.value = value;
      if (doc.activeElement === input) {
        const at = engine.caret();
        input.setSelectionRange(at, at);
      }
    }

    /** After an edit of `f`: forget a server error on it, refresh, maybe move on. */
    function edited(/** @type {number} */ f, /** @type {boolean} */ forward) {
      ui.generation++;
      if (ui.apiError?.field === f) ui.apiError = undefined;
      refresh();
      const state = ui.last?.state;
      if (!forward || !state || (f !== NUMBER && f !== EXPIRY) || !(/** @type {number} */ (state[f]) & 2)) return;
      const input = /** @type {FieldNodes} */ (nodes[f]).input;
      const [start, end] = selection(input);
      if (start === end && end === input.value.length) /** @type {FieldNodes} */ (nodes[f + 1]).input.focus();
    }

    const EDITS = /** @type {Record<string, number>} */ ({
      insertText: 0,
      insertFromPaste: 0,
      insertFromDrop: 0,
      insertReplacementText: 0,
      insertFromYank: 0,
      deleteContentBackward: 1,
      deleteByCut: 1,
      deleteByDrag: 1,
      deleteContentForward: 2,
    });

    function onBeforeInput(/** @type {number} */ f, /** @type {InputEvent} */ ev) {
      const kind = EDITS[ev.inputType];
      if (ev.isComposing || kind === undefined || (kind === 0 && ev.data === null)) return;
      const input = /** @type {FieldNodes} */ (nodes[f]).input;
      ev.preventDefault();
      const value = input.value;
      const [start, end] = selection(input);
      show(input, value, engine.edit(f, value, start, end, kind, ev.data ?? ''));
      edited(f, kind === 0);
    }

    function onInput(/** @type {number} */ f, /** @type {Event} */ ev) {
      if (ev instanceof InputEvent && ev.isComposing) return;
      if (f !== NAME) {
        const input = /** @type {FieldNodes} */ (nodes[f]).input;
        const value = input.value;
        show(input, value, engine.format(f, value, selection(input)[0], ui.last?.state[0] ?? 0));
      }
      edited(f, true);
    }

    function onBlur(/** @type {number} */ f) {
      ui.focused = undefined;
      // Left with something typed (the engine's `empty`: only white space) the field is touched.
      if (f !== NAME && !(/** @type {number} */ (compute()[f]) & 1)) ui.touched |= 1 << (f - 1);
      refresh();
      emit(3, { field: FIELD_NAMES[f] });
    }

    function onKeydown(/** @type {KeyboardEvent} */ ev) {
      if (ev.key !== 'Enter' || ev.isComposing) return;
      ev.preventDefault();
      emit(4, {});
      // Inside a <form> (inline mode), Enter submits it as a native input would.
      try {
        root.closest('form')?.requestSubmit();
      } catch {
        // A form whose submit is refused stays as it is.
      }
    }

    /** Every DOM event of the fields, delegated from the root. */
    function onEvent(/** @type {Event} */ ev) {
      if (ui.destroyed) return;
      if (ev.type === 'keydown') {
        if (ev instanceof KeyboardEvent) onKeydown(ev);
        return;
      }
      const f = nodes.findIndex((n) => n?.input === ev.target);
      if (f < 1) return;
      switch (ev.type) {
        case 'beforeinput':
          if ((f === NUMBER || f === EXPIRY) && ev instanceof InputEvent) onBeforeInput(f, ev);
          break;
        case 'input':
        case 'compositionend':
          onInput(f, ev);
          break;
        case 'focus':
          ui.focused = f;
          root.classList.add('is-focused');
          emit(2, { field: FIELD_NAMES[f] });
          break;
        case 'blur':
          onBlur(f);
          break;
      }
    }

    /** Empties every field and forgets what the shopper did. */
    function clear() {
      for (const n of nodes) if (n) n.input.value = '';
      ui.touched = 0;
      ui.apiError = undefined;
      ui.idempotency = undefined;
      ui.generation++;
      refresh();
    }

    /** PayMongo's create-payment-method body, as JSON text, or `undefined`. */
    function requestBody(/** @type {unknown} */ billing, /** @type {unknown} */ metadata) {
      const [year, month] = today();
      const date = engine.expiryDate(expiry.input.value, year, month);
      if (!date) return undefined;
      const details = { card_number: engine.cardNumber(number.input.value), exp_month: date & 15, exp_year: date >>> 4, cvc: engine.cardCvc(cvc.input.value) };
      const name = trim(nodes[NAME]?.input.value ?? '');
      /** @type {Record<string, unknown>} */
      const attributes = { type: 'card', details };
      if (name) attributes.billing = { ...(/** @type {object | undefined} */ (billing)), name };
      else if (billing) attributes.billing = billing;
      if (metadata) attributes.metadata = metadata;
      return JSON.stringify({ data: { attributes } });
    }

    /** `{ error }` for an API failure, with PayMongo's codes kept as `apiCode` / `subCode`;
     * `decline` picks the decline message. */
    function failureResult(/** @type {Failure} */ f) {
      const e = /** @type {Record<string, unknown>} */ (errorJs(f.code));
      if (f.code === C.card_declined && override(f.code) === undefined) e.message = declineRows[locale()][f.decline ?? 0];
      if (f.field) e.field = FIELD_NAMES[f.field];
      if (f.apiCode !== undefined) e.apiCode = f.apiCode;
      if (f.subCode !== undefined) e.subCode = f.subCode;
      return { error: e };
    }

    /** A billing or metadata option: `undefined`, an object, or `null` for a wrong type. */
    function optionalObject(/** @type {unknown} */ options, /** @type {string} */ key) {
      const x = get(options, key);
      if (isNullish(x)) return undefined;
      return isObject(x) && !Array.isArray(x) ? x : null;
    }

    /** The `paymentMethod` result from PayMongo's answer, or `undefined`. */
    function paymentMethodJs(/** @type {unknown} */ json, /** @type {string | null} */ brand) {
      const id = path(json, ['data', 'id']);
      if (typeof id !== 'string' || !engine.isPaymentMethodId(id)) return undefined;
      const details = path(json, ['data', 'attributes', 'details']);
      const last4 = get(details, 'last4');
      const expMonth = get(details, 'exp_month');
      const expYear = get(details, 'exp_year');
      if (typeof last4 !== 'string' || typeof expMonth !== 'number' || typeof expYear !== 'number') return undefined;
      const livemode = path(json, ['data', 'attributes', 'livemode']);
      return { id, brand, last4, expMonth, expYear, livemode: typeof livemode === 'boolean' && livemode };
    }

    async function tokenize(/** @type {unknown} */ options, /** @type {boolean} */ clearOnSuccess) {
      if (ui.destroyed || !(isNullish(options) || isObject(options))) return errorResult(C.invalid_option);
      const billing = optionalObject(options, 'billing');
      const metadata = optionalObject(options, 'metadata');
      if (billing === null || metadata === null) return errorResult(C.invalid_option);
      // A submit attempt: every field's error may show now.
      ui.touched = 7;
      refresh();
      const state = /** @type {number[]} */ (ui.last?.state);
      const problem = firstOf(state, true);
      if (problem) return errorResult(problem);
      const brand = brandId(/** @type {number} */ (state[0])) ?? null;
      const body = requestBody(billing, metadata);
      if (body === undefined) return errorResult(C.invalid_option);
      if (ui.idempotency?.[0] !== ui.generation) ui.idempotency = [ui.generation, randomId()];
      let answer;
      try {
        answer = await send('POST', `${config.apiBase}/payment_methods`, config.publicKey, ui.idempotency[1], body, config.timeoutMs);
      } catch (code) {
        return errorResult(/** @type {number} */ (code));
      }
      if (answer.status === 200) {
        const pm = paymentMethodJs(parseJson(answer.body), brand);
        if (!pm) return errorResult(C.invalid_response);
        ui.idempotency = undefined;
        if (clearOnSuccess && !ui.destroyed) clear();
        return { paymentMethod: pm };
      }
      const f = failure(answer.status, answer.body);
      if (f.field) {
        ui.apiError = { field: f.field, code: f.code };
        refresh();
      }
      return failureResult(f);
    }

    /** Starts (or joins) the tokenization in flight. It never rejects. */
    function createPaymentMethod(/** @type {unknown} */ options, clearOnSuccess = true) {
      if (ui.inflight) return ui.inflight;
      const p = Promise.resolve()
        .then(() => tokenize(options, clearOnSuccess))
        .catch(() => errorResult(C.invalid_response))
        .then((result) => {
          ui.inflight = undefined;
          return result;
        });
      ui.inflight = p;
      return p;
    }

    /** Pays: tokenize (unless a payment method is given), attach, 3-D Secure through
     * `handleNextAction`, then read the intent until it settles. */
    async function confirm(/** @type {string} */ clientKey, /** @type {unknown} */ options) {
      const intentId = clientKey.slice(0, engine.intentIdLength(clientKey));
      if (!intentId) return errorResult(C.invalid_client_key);
      const given = get(options, 'paymentMethod');
      let pmId;
      let pm;
      if (typeof given === 'string') {
        if (!engine.isPaymentMethodId(given)) return errorResult(C.invalid_option);
        pmId = given;
      } else {
        const result = await createPaymentMethod(options, false);
        pm = get(result, 'paymentMethod');
        pmId = str(get(pm, 'id'));
        if (pmId === undefined) return result;
      }
      const returnUrl = str(get(options, 'returnUrl')) ?? location.href;
      const { publicKey: key, apiBase, timeoutMs } = config;
      const intentUrl = `${apiBase}/payment_intents/${intentId}`;
      const body = JSON.stringify({ data: { attributes: { payment_method: pmId, client_key: clientKey, return_url: returnUrl } } });
      let readUrl = intentUrl;
      try {
        const u = new URL(intentUrl);
        u.searchParams.set('client_key', clientKey);
        readUrl = u.href;
      } catch {
        // An unparsable URL fails at fetch, as a network error.
      }
      let request = send('POST', `${intentUrl}/attach`, key, randomId(), body, timeoutMs);
      let authenticated = false;
      let cancelled = false;
      for (let read = 0; read < MAX_READS; read++) {
        let a;
        try {
          a = await request;
        } catch (code) {
          return errorResult(/** @type {number} */ (code));
        }
        if (a.status !== 200) return failureResult(failure(a.status, a.body));
        const json = parseJson(a.body);
        if (!json) return errorResult(C.invalid_response);
        const attrs = path(json, ['data', 'attributes']);
        const status = get(attrs, 'status');
        if (status === 'succeeded' || status === 'awaiting_capture') {
          if (!ui.destroyed) clear();
          return { status, paymentIntentId: intentId, ...(isObject(pm) ? { paymentMethod: pm } : {}) };
        }
        if (status === 'awaiting_payment_method') {
          const last = get(attrs, 'last_payment_error');
          const failed = str(get(last, 'failed_code')) ?? '';
          const sub = str(get(last, 'sub_code'));
          if (!failed && authenticated) return failureResult({ code: C.authentication_incomplete });
          const declined = engine.declineFor(failed);
          return failureResult({ code: declined & 63, decline: declined >>> 6, apiCode: failed || undefined, subCode: sub });
        }
        if (status === 'awaiting_next_action' && !authenticated) {
          const url = str(path(attrs, ['next_action', 'redirect', 'url'])) ?? '';
          // Only a web page of the API's kind (https, or loopback http for test keys): never a
          // `javascript:` URL from a tampered answer.
          if (engine.endpointError(key, url, true)) return errorResult(C.invalid_response);
          const handler = get(options, 'handleNextAction');
          if (typeof handler !== 'function') {
            return { status: 'awaiting_next_action', paymentIntentId: intentId, nextAction: { type: 'redirect', url } };
          }
          // The handler shows the bank's page and settles when the shopper is done (or rejects
          // when they cancel): either way, the intent tells what happened.
          try {
            const p = handler.call(undefined, url);
            cancelled = false;
            if (p instanceof Promise) await p;
          } catch {
            cancelled = true;
          }
          authenticated = true;
        } else if (status === 'awaiting_next_action' && cancelled) {
          return failureResult({ code: C.authentication_incomplete });
        } else if (status === 'awaiting_next_action' || status === 'processing') {
          await new Promise((resolve) => setTimeout(resolve, 1500));
        } else {
          return errorResult(C.invalid_response);
        }
        request = send('GET', readUrl, key, undefined, undefined, timeoutMs);
      }
      return { status: 'processing', paymentIntentId: intentId };
    }

    const handler = (/** @type {Event} */ ev) => onEvent(ev);
    for (const [kind, capture] of DOM_EVENTS) root.addEventListener(kind, handler, capture);
    applyOptions();
    const first = compute();
    render(first, false);
    ui.last = { state: first, key: `${first}|` };

    /** @param {unknown} name */
    const eventKind = (name) => {
      const k = typeof name === 'string' ? EVENT_NAMES.indexOf(name) : -1;
      if (k < 0) throw new TypeError('sealcard: unknown event; use ready, change, focus, blur, submit or loaderror');
      return k;
    };
    const cardField = {
      /** Adds a listener: `ready`, `change`, `focus`, `blur`, `submit`, `loaderror`. */
      on(/** @type {string} */ event, /** @type {Function} */ listener) {
        const k = eventKind(event);
        if (typeof listener !== 'function') throw new TypeError('sealcard: on() needs a function');
        listeners.push([k, listener]);
      },
      /** Removes a listener added with `on`. */
      off(/** @type {string} */ event, /** @type {Function} */ listener) {
        const k = eventKind(event);
        listeners = listeners.filter(([kind, f]) => !(kind === k && f === listener));
      },
      /** Focuses a field: `number` (default), `expiry`, `cvc` or `name`. */
      focus(/** @type {string | undefined} */ name) {
        const f = isNullish(name) ? NUMBER : FIELD_NAMES.indexOf(/** @type {string} */ (name));
        if (f < 1) throw new TypeError('sealcard: focus() takes number, expiry, cvc or name');
        nodes[f]?.input.focus();
      },
      /** Empties every field. */
      clear() {
        clear();
      },
      /** Changes `style`, `labels`, `placeholders`, `locale` or `messages`. */
      update(/** @type {unknown} */ options) {
        const next = readMountOptions(options);
        const given = (/** @type {string} */ k) => get(options, k) !== undefined;
        if (given('style')) opts.style = next.style;
        if (given('labels')) opts.labels = next.labels;
        if (given('placeholders')) opts.placeholders = next.placeholders;
        if (given('locale')) opts.locale = next.locale;
        if (given('messages')) opts.messages = next.messages;
        applyOptions();
        // Re-render (texts of errors may have changed) and tell listeners.
        ui.last = undefined;
        refresh();
      },
      /** Removes the fields, their listeners and their stylesheet. Safe to call twice. */
      destroy() {
        if (ui.destroyed) return;
        ui.destroyed = true;
        for (const n of nodes) if (n) n.input.value = '';
        for (const [kind, capture] of DOM_EVENTS) root.removeEventListener(kind, handler, capture);
        root.remove();
        if (sheet instanceof CSSStyleSheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
        else sheet.remove();
        listeners = [];
      },
      /** The current state, as the `change` event reports it. */
      getState() {
        return stateJs(compute());
      },
      /** Tokenizes the card: `{ paymentMethod }` or `{ error }`, never rejects. A call while one
       * is in flight returns the same promise. */
      createPaymentMethod(/** @type {unknown} */ options) {
        return createPaymentMethod(options);
      },
      /** Pays the Payment Intent of `clientKey`: `{ status, paymentIntentId }` or `{ error }`. */
      confirmPayment(/** @type {unknown} */ clientKey, /** @type {unknown} */ options) {
        return Promise.resolve().then(() => confirm(typeof clientKey === 'string' ? clientKey : '', options));
      },
    };
    // `ready` fires after the caller's current task: listeners added right after mount() hear it.
    queueMicrotask(() => {
      if (!ui.destroyed) emit(0, {});
    });
    return cardField;
  }

  return {
    /** Checks a configuration without mounting: `null` when it is good, else the error. */
    checkConfig(/** @type {unknown} */ config) {
      try {
        readConfig(config);
        return null;
      } catch (e) {
        return e;
      }
    },
    /** Mounts the card fields into `target` (an element or a selector). Throws a
     * `SealCardError` (`type: 'configuration_error'`, with a `code`) for a bad key, endpoint or
     * option. */
    mountCardField(/** @type {unknown} */ target, /** @type {unknown} */ config, /** @type {unknown} */ options) {
      const c = readConfig(config);
      const opts = readMountOptions(options);
      let el = target instanceof Element ? target : null;
      if (!el && typeof target === 'string') {
        try {
          el = document.querySelector(target);
        } catch {
          el = null;
        }
      }
      if (!el) throw optionError('mount target must be an element or a selector that matches one');
      return mount(el, c, opts);
    },
  };
}
