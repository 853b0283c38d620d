// The card fields' view: the DOM, the stylesheet, the listeners and the merchant's listeners.
// It decides nothing about card data. Every edit, blur and request goes to the Rust fields
// (src/fields/, the wasm module `rust` below), which read and write the inputs themselves,
// send the card to PayMongo, and answer with the state to render.
//
// Inline mode runs it in the merchant's page; isolated mode in the fields frame (frame.js adds
// the message bridge).

/** @typedef {Pick<typeof import('./sealcard_fields.js'), 'checkConfig' | 'EditKind' | 'FieldId' | 'Fields'>} RustFields
 * the wasm-bindgen exports of src/fields/ the view uses */
/** @typedef {import('./sealcard_fields.js').Fields} Fields */
/** @typedef {{ number?: string, expiry?: string, cvc?: string, name?: string }} FieldTexts */
/** @typedef {{ wrap: HTMLElement, label: HTMLElement, input: HTMLInputElement, error: HTMLElement }} FieldNodes */
/** @typedef {{ style: [string, string][], labels: FieldTexts, placeholders: FieldTexts, showName: boolean,
 *   language: { locale?: unknown, messages?: unknown } }} ViewOptions */
/**
 * What the Rust fields answer after an event (`Update` in src/fields/mod.rs).
 * @typedef {{ state: State, changed: boolean, brandName: string | null, announcement?: string, advance: boolean }} Update
 * @typedef {{ empty: boolean, complete: boolean, brand: string | null, error?: { code: string, message: string },
 *   fields: Record<'number' | 'expiry' | 'cvc', { error?: { code: string, message: string } }> }} State
 */

const FIELD_NAMES = /** @type {const} */ (['number', 'expiry', 'cvc', 'name']);
const EVENT_NAMES = ['ready', 'change', 'focus', 'blur', 'submit', 'loaderror'];

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

/** A CSS value that cannot break out of its declaration or fetch anything. */
function safeCssValue(/** @type {string} */ value) {
  return (
    new TextEncoder().encode(value).length <= 200 &&
    !/[;{}<>\\@\u0000-\u001f\u007f-\u009f]/.test(value) &&
    !/url\(|image|expression/i.test(value)
  );
}

/** Reports an exception of a merchant's listener without stopping ours (as the DOM does). */
function report(/** @type {unknown} */ error) {
  if (typeof reportError === 'function') reportError(error);
}

let nextId = 1;

/** Builds the DOM of the fields (not yet in the page). */
function buildDom(/** @type {Document} */ doc, /** @type {boolean} */ showName) {
  const prefix = `sealcard-${nextId++}`;
  const el = (/** @type {string} */ tag, className = '') => {
    const e = doc.createElement(tag);
    if (className) e.className = className;
    return e;
  };
  /** @returns {FieldNodes} */
  const field = (/** @type {string} */ name, /** @type {string} */ autocomplete, /** @type {boolean} */ numeric) => {
    const wrap = el('div', `sealcard-field sealcard-${name}`);
    const inputId = `${prefix}-${name}`;
    const label = el('label');
    label.setAttribute('for', inputId);
    const input = /** @type {HTMLInputElement} */ (el('input'));
    input.type = 'text';
    input.id = inputId;
    input.dataset.sealcardField = name;
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
  const root = el('div', 'sealcard is-empty');
  root.setAttribute('role', 'group');
  root.dataset.sealcard = 'fields';
  const number = field('number', 'cc-number', true);
  const expiry = field('expiry', 'cc-exp', true);
  const cvc = field('cvc', 'cc-csc', true);
  const name = showName ? field('name', 'cc-name', false) : undefined;
  if (name) name.input.maxLength = 100;
  const badge = el('span', 'sealcard-brand');
  badge.setAttribute('aria-hidden', 'true');
  number.input.parentElement?.append(badge);
  const live = el('div', 'sealcard-sr');
  for (const [k, v] of [['role', 'status'], ['aria-live', 'polite'], ['aria-atomic', 'true']]) live.setAttribute(k, v);
  if (name) root.append(name.wrap);
  root.append(number.wrap);
  const row = el('div', 'sealcard-row');
  row.append(expiry.wrap, cvc.wrap);
  root.append(row, live);
  return { root, badge, live, fields: { number, expiry, cvc, name } };
}

/** Adds the stylesheet to `doc`: a constructed one where supported (a strict CSP allows it),
 * else a `<style>`. Returns its removal. */
function addStylesheet(/** @type {Document} */ doc) {
  if (Array.isArray(doc.adoptedStyleSheets)) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }
  const style = doc.createElement('style');
  style.textContent = CSS;
  doc.head?.append(style);
  return () => style.remove();
}

/**
 * The card fields over the initialised Rust fields (the wasm-bindgen exports of src/fields/).
 * @param {RustFields} rust
 */
export function createFields(rust) {
  /** An `invalid_option` error for a view option (the Rust fields word the configuration's). */
  function optionError(/** @type {string} */ detail) {
    const e = /** @type {Error & Record<string, unknown>} */ (new Error(detail));
    e.name = 'SealCardError';
    e.type = 'configuration_error';
    e.code = 'invalid_option';
    e.retryable = false;
    return e;
  }

  /** A string option, `undefined` when absent; another type throws `error()`. */
  function optionalString(/** @type {unknown} */ v, /** @type {string} */ key, /** @type {() => Error} */ error) {
    const x = get(v, key);
    if (isNullish(x)) return undefined;
    if (typeof x !== 'string') throw error();
    return x;
  }

  /** @returns {FieldTexts} */
  function readTexts(/** @type {unknown} */ v, /** @type {string} */ err) {
    if (isNullish(v)) return {};
    if (!isObject(v)) throw optionError(err);
    /** @type {Record<string, string>} */
    const out = {};
    for (const k of FIELD_NAMES) {
      const s = optionalString(v, k, () => optionError(err));
      if (s !== undefined) out[k] = s;
    }
    return out;
  }

  /** Reads `{ style?, labels?, placeholders?, showName?, locale?, messages? }`.
   * @returns {ViewOptions} */
  function readViewOptions(/** @type {unknown} */ v) {
    if (isNullish(v)) return { style: [], labels: {}, placeholders: {}, showName: false, language: {} };
    if (!isObject(v)) throw optionError('mount options must be an object');
    /** @type {[string, string][]} */
    const style = [];
    const s = get(v, 'style');
    if (!isNullish(s)) {
      const ERR = "style values must be plain CSS values (no url(), no ';')";
      if (!isObject(s)) throw optionError(ERR);
      for (const [key, prop] of STYLE_KEYS) {
        const value = optionalString(s, key, () => optionError(ERR));
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
      // Checked by the Rust fields, which word the messages.
      language: { locale: get(v, 'locale'), messages: get(v, 'messages') },
    };
  }

  /** The `beforeinput` input types the fields take over, and what each does. */
  const EDITS = /** @type {Record<string, number>} */ ({
    insertText: rust.EditKind.Insert,
    insertFromPaste: rust.EditKind.Insert,
    insertFromDrop: rust.EditKind.Insert,
    insertReplacementText: rust.EditKind.Insert,
    insertFromYank: rust.EditKind.Insert,
    deleteContentBackward: rust.EditKind.DeleteBackward,
    deleteByCut: rust.EditKind.DeleteBackward,
    deleteByDrag: rust.EditKind.DeleteBackward,
    deleteContentForward: rust.EditKind.DeleteForward,
  });
  const FIELD_IDS = [rust.FieldId.Number, rust.FieldId.Expiry, rust.FieldId.Cvc, rust.FieldId.Name];

  /**
   * One mounted form: its DOM, the Rust fields over its inputs, its options and listeners.
   * @typedef {{ dom: ReturnType<typeof buildDom>, nodes: (FieldNodes | undefined)[], fields: Fields, opts: ViewOptions,
   *   listeners: [number, Function][], destroyed: boolean, removeStylesheet: () => void, handler: (ev: Event) => void }} View
   */

  /**
   * Mounts the fields of `config` (checked) into `target`.
   * @param {Element} target @param {unknown} config @param {ViewOptions} opts
   */
  function mount(target, config, opts) {
    const doc = target.ownerDocument;
    const dom = buildDom(doc, opts.showName);
    const { number, expiry, cvc, name } = dom.fields;
    /** @type {View} */
    const view = /** @type {any} */ ({ dom, nodes: [number, expiry, cvc, name], opts, listeners: [], destroyed: false });
    view.fields = new rust.Fields(config, number.input, expiry.input, cvc.input, name?.input, (/** @type {Update} */ u) => render(view, u));
    try {
      view.fields.setOptions(opts.language);
    } catch (e) {
      view.fields.free();
      throw e;
    }
    dom.root.dataset.sealcardMode = view.fields.testMode ? 'test' : 'live';
    view.removeStylesheet = addStylesheet(doc);
    target.append(dom.root);
    view.handler = (ev) => onEvent(view, ev);
    for (const [kind, capture] of DOM_EVENTS) dom.root.addEventListener(kind, view.handler, capture);
    applyOptions(view);
    render(view, view.fields.current(), false);
    // `ready` fires after the caller's current task: listeners added right after mount() hear it.
    queueMicrotask(() => {
      if (view.destroyed) return;
      dom.root.dataset.sealcardReady = '';
      emit(view, 0, {});
    });
    return cardField(view);
  }

  /** Calls every listener of `kind`; a throwing listener does not stop the others. */
  function emit(/** @type {View} */ view, /** @type {number} */ kind, /** @type {object} */ payload) {
    for (const [k, f] of view.listeners.slice()) {
      if (k !== kind) continue;
      try {
        f.call(undefined, payload);
      } catch (e) {
        report(e);
      }
    }
  }

  /** Labels, placeholders, language and style custom properties. */
  function applyOptions(/** @type {View} */ view) {
    const { dom, opts } = view;
    const words = view.fields.texts();
    dom.root.setAttribute('lang', words.lang);
    dom.root.setAttribute('aria-label', words.groupLabel);
    view.nodes.forEach((n, i) => {
      if (!n) return;
      const key = FIELD_NAMES[i];
      n.label.textContent = opts.labels[key] ?? words.labels[key];
      n.input.placeholder = opts.placeholders[key] ?? words.placeholders[key];
    });
    for (const [, prop] of STYLE_KEYS) dom.root.style.removeProperty(prop);
    for (const [prop, value] of opts.style) dom.root.style.setProperty(prop, value);
  }

  /** Shows an update: error texts, ARIA, classes, brand; announces; emits `change`. Only what
   * changed is written: an unchanged keystroke mutates nothing. */
  function render(/** @type {View} */ view, /** @type {Update} */ update, emitChange = true) {
    if (view.destroyed) return;
    const { state } = update;
    const { root, badge, live } = view.dom;
    const text = (/** @type {Node} */ node, /** @type {string} */ t) => node.textContent !== t && (node.textContent = t);
    const attr = (/** @type {Element} */ el, /** @type {string} */ k, /** @type {string} */ v) => el.getAttribute(k) !== v && el.setAttribute(k, v);
    for (const [i, key] of /** @type {const} */ (['number', 'expiry', 'cvc']).entries()) {
      const n = /** @type {FieldNodes} */ (view.nodes[i]);
      const error = state.fields[key].error;
      text(n.error, error?.message ?? '');
      attr(n.input, 'aria-invalid', error ? 'true' : 'false');
      if (error) attr(n.wrap, 'data-sealcard-error', error.code);
      else n.wrap.removeAttribute('data-sealcard-error');
    }
    root.classList.toggle('is-empty', state.empty);
    root.classList.toggle('is-complete', state.complete);
    root.classList.toggle('is-invalid', state.error !== undefined);
    text(badge, update.brandName ?? '');
    attr(root, 'data-brand', state.brand ?? 'unknown');
    if (update.announcement !== undefined) live.textContent = update.announcement;
    if (emitChange && update.changed) emit(view, 1, state);
  }

  /** After an edit of field `i`: render, and move on to the next field when it is complete. */
  function edited(/** @type {View} */ view, /** @type {number} */ i, /** @type {Update} */ update) {
    render(view, update);
    if (update.advance && !view.destroyed) view.nodes[i + 1]?.input.focus();
  }

  /** Every DOM event of the fields, delegated from the root, forwarded to the Rust fields. */
  function onEvent(/** @type {View} */ view, /** @type {Event} */ ev) {
    if (view.destroyed) return;
    if (ev.type === 'keydown') {
      if (ev instanceof KeyboardEvent) onKeydown(view, ev);
      return;
    }
    const i = view.nodes.findIndex((n) => n?.input === ev.target);
    if (i < 0) return;
    const id = /** @type {number} */ (FIELD_IDS[i]);
    const { fields } = view;
    switch (ev.type) {
      case 'beforeinput': {
        if (!(ev instanceof InputEvent) || ev.isComposing || id === rust.FieldId.Name) return;
        const kind = EDITS[ev.inputType];
        if (kind === undefined || (kind === rust.EditKind.Insert && ev.data === null)) return;
        ev.preventDefault();
        edited(view, i, fields.edit(id, kind, ev.data ?? undefined));
        break;
      }
      case 'input':
      case 'compositionend':
        if (ev instanceof InputEvent && ev.isComposing) return;
        edited(view, i, fields.input(id));
        break;
      case 'focus':
        view.dom.root.classList.add('is-focused');
        emit(view, 2, { field: FIELD_NAMES[i] });
        break;
      case 'blur':
        view.dom.root.classList.remove('is-focused');
        render(view, fields.blur(id));
        emit(view, 3, { field: FIELD_NAMES[i] });
        break;
    }
  }

  /** Enter in a field: `submit`, and inside a `<form>` (inline mode) the form's submission. */
  function onKeydown(/** @type {View} */ view, /** @type {KeyboardEvent} */ ev) {
    if (ev.key !== 'Enter' || ev.isComposing) return;
    ev.preventDefault();
    emit(view, 4, {});
    try {
      view.dom.root.closest('form')?.requestSubmit();
    } catch {
      // A form whose submit is refused stays as it is.
    }
  }

  /** The number of an event name; a `TypeError` for an unknown one. */
  function eventKind(/** @type {unknown} */ name) {
    const k = typeof name === 'string' ? EVENT_NAMES.indexOf(name) : -1;
    if (k < 0) throw new TypeError('sealcard: unknown event; use ready, change, focus, blur, submit or loaderror');
    return k;
  }

  /** The `CardField` of a mounted view: the public API. */
  function cardField(/** @type {View} */ view) {
    const { fields, opts } = view;
    return {
      /** Adds a listener: `ready`, `change`, `focus`, `blur`, `submit`, `loaderror`. */
      on(/** @type {string} */ event, /** @type {Function} */ listener) {
        const k = eventKind(event);
        if (typeof listener !== 'function') throw new TypeError('sealcard: on() needs a function');
        view.listeners.push([k, listener]);
      },
      /** Removes a listener added with `on`. */
      off(/** @type {string} */ event, /** @type {Function} */ listener) {
        const k = eventKind(event);
        view.listeners = view.listeners.filter(([kind, f]) => !(kind === k && f === listener));
      },
      /** Focuses a field: `number` (default), `expiry`, `cvc` or `name`. */
      focus(/** @type {string | undefined} */ name) {
        const i = isNullish(name) ? 0 : FIELD_NAMES.indexOf(/** @type {any} */ (name));
        if (i < 0) throw new TypeError('sealcard: focus() takes number, expiry, cvc or name');
        view.nodes[i]?.input.focus();
      },
      /** Empties every field. */
      clear() {
        if (!view.destroyed) render(view, fields.clear());
      },
      /** Changes `style`, `labels`, `placeholders`, `locale` or `messages`. */
      update(/** @type {unknown} */ options) {
        if (view.destroyed) return;
        const next = readViewOptions(options);
        const given = (/** @type {string} */ k) => get(options, k) !== undefined;
        const language = { ...opts.language };
        if (given('locale')) language.locale = next.language.locale;
        if (given('messages')) language.messages = next.language.messages;
        // Throws, changing nothing, for a wrong locale or messages.
        fields.setOptions(language);
        opts.language = language;
        if (given('style')) opts.style = next.style;
        if (given('labels')) opts.labels = next.labels;
        if (given('placeholders')) opts.placeholders = next.placeholders;
        applyOptions(view);
        // Texts of errors may have changed: re-render and tell listeners.
        render(view, fields.current());
      },
      /** Removes the fields, their listeners and their stylesheet. Safe to call twice. */
      destroy() {
        if (view.destroyed) return;
        view.destroyed = true;
        fields.destroy();
        for (const [kind, capture] of DOM_EVENTS) view.dom.root.removeEventListener(kind, view.handler, capture);
        view.dom.root.remove();
        view.removeStylesheet();
        view.listeners = [];
      },
      /** The current state, as the `change` event reports it. */
      getState() {
        return fields.state();
      },
      /** Tokenizes the card: `{ paymentMethod }` or `{ error }`, never rejects. A call while one
       * is in flight returns the same promise. The Rust fields read the options. */
      createPaymentMethod(/** @type {unknown} */ options) {
        return fields.createPaymentMethod(options);
      },
      /** Pays the Payment Intent of `clientKey`: `{ status, paymentIntentId }` or `{ error }`.
       * The Rust fields read the options; `returnUrl` is this page's by default. */
      confirmPayment(/** @type {unknown} */ clientKey, /** @type {unknown} */ options) {
        return fields.confirmPayment(clientKey, options, location.href);
      },
    };
  }

  return {
    /** Checks a configuration without mounting: `null` when it is good, else the error. */
    checkConfig(/** @type {unknown} */ config) {
      try {
        rust.checkConfig(config);
        return null;
      } catch (e) {
        return e;
      }
    },
    /** Mounts the card fields into `target` (an element or a selector). Throws a
     * `SealCardError` (`type: 'configuration_error'`, with a `code`) for a bad key, endpoint or
     * option. */
    mountCardField(/** @type {unknown} */ target, /** @type {unknown} */ config, /** @type {unknown} */ options) {
      // `{ publicKey, apiBase?, locale?, acceptedBrands?, timeout?, messages? }`: the Rust
      // fields read it (the key first) and throw what is wrong, before the view options.
      rust.checkConfig(config);
      const opts = readViewOptions(options);
      let el = target instanceof Element ? target : null;
      if (!el && typeof target === 'string') {
        try {
          el = document.querySelector(target);
        } catch {
          el = null;
        }
      }
      if (!el) throw optionError('mount target must be an element or a selector that matches one');
      return mount(el, config, opts);
    },
  };
}
