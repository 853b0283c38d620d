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
/** @typedef {[string, string][]} Declarations  CSS property (kebab-case) and checked value pairs */
/** @typedef {{ family: string, src: string, descriptors: FontFaceDescriptors }} Font  a checked `appearance.fonts` entry */
/** @typedef {{ theme: string, layout: string, variables: Declarations, rules: [string, Declarations][], fonts: Font[] }} Appearance */
/** @typedef {{ style: Declarations, appearance: Appearance, labels: FieldTexts, placeholders: FieldTexts, showName: boolean,
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

/** The `appearance.variables` keys: the style keys, and these. */
const VARIABLE_KEYS = [
  ...STYLE_KEYS,
  ['letterSpacing', '--sealcard-letter-spacing'],
  ['lineHeight', '--sealcard-line-height'],
  ['iconColor', '--sealcard-icon-color'],
  ['gap', '--sealcard-gap'],
  ['focusRingWidth', '--sealcard-focus-width'],
  ['focusRingOffset', '--sealcard-focus-offset'],
  ['disabledColor', '--sealcard-disabled-color'],
  ['disabledBackgroundColor', '--sealcard-disabled-background'],
];

/** The `appearance.fonts` descriptors and the values each may take. */
const FONT_DESCRIPTORS = {
  weight: /^(normal|bold|[1-9]00( [1-9]00)?)$/,
  style: /^(normal|italic|oblique)$/,
  display: /^(auto|block|swap|fallback|optional)$/,
};
const MAX_FONTS = 8;

/** The brand icon of each brand: a card in the brand's colour with a short mark on it. Brands
 * without a row get a card in the icon colour (`iconColor`) with no mark; the accessible name is the
 * brand's name. */
const BRAND_ICONS = /** @type {Record<string, { mark: string, color: string }>} */ ({
  visa: { mark: 'VISA', color: '#1a1f71' },
  mastercard: { mark: 'MC', color: '#a3161a' },
  'american-express': { mark: 'AMEX', color: '#1f5c99' },
  'diners-club': { mark: 'DC', color: '#004a97' },
  discover: { mark: 'DISC', color: '#8a3a00' },
  jcb: { mark: 'JCB', color: '#0b5a2b' },
  unionpay: { mark: 'UP', color: '#9b1c20' },
  maestro: { mark: 'MAE', color: '#1c4f9c' },
});
const BRAND_ICON_FALLBACK = { mark: '', color: 'currentColor' };

const THEMES = ['default', 'night', 'flat', 'auto'];
const LAYOUTS = ['stacked', 'compact'];

/** The selector each `appearance.rules` key styles. */
const RULE_SELECTORS = {
  '.Input': '.sealcard input',
  '.Input:focus': '.sealcard input:focus',
  '.Input--invalid': '.sealcard input[aria-invalid=true]',
  '.Label': '.sealcard label',
  '.Error': '.sealcard .sealcard-error',
  '.Brand': '.sealcard .sealcard-brand',
};

/** The properties a rule may set (camelCase, as in a `style` object): looks only — nothing that
 * positions, hides, overlays or loads anything. */
const RULE_PROPERTIES = new Set([
  'color', 'backgroundColor', 'borderColor', 'borderStyle', 'borderWidth', 'borderRadius',
  'borderBottomColor', 'borderBottomWidth', 'boxShadow', 'fontFamily', 'fontSize', 'fontStyle',
  'fontWeight', 'fontVariant', 'letterSpacing', 'lineHeight', 'textTransform', 'textDecoration',
  'padding', 'outlineColor', 'outlineStyle', 'outlineWidth', 'outlineOffset',
]);

/** The CSS functions a value may call: colours and arithmetic (no `url()`, `image-set()`, …). */
const CSS_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'calc', 'min', 'max', 'clamp', 'var']);

/** The night theme's variables; the auto theme takes them when the shopper prefers dark. */
const NIGHT =
  '--sealcard-color:#e6e8ef;--sealcard-background:#30313d;--sealcard-border-color:#8a8fa0;' +
  '--sealcard-label-color:#d5d8e0;--sealcard-placeholder-color:#a9aebc;--sealcard-error-color:#ff9b9b;' +
  '--sealcard-focus-color:#7cb4ff;--sealcard-disabled-color:#a9aebc;--sealcard-disabled-background:#3d3e4a';

/** The base stylesheet. Every look is a CSS custom property the `style` option and the
 * `appearance` variables can set; themes and layouts are attributes of the root. */
const CSS =
  '.sealcard{font-family:var(--sealcard-font-family,inherit);font-size:var(--sealcard-font-size,16px);' +
  'font-weight:var(--sealcard-font-weight,400);color:var(--sealcard-color,#1a1f36);' +
  'letter-spacing:var(--sealcard-letter-spacing,normal);line-height:var(--sealcard-line-height,normal)}' +
  '.sealcard-field{display:flex;flex-direction:column;margin-bottom:var(--sealcard-spacing,12px);min-width:0}' +
  '.sealcard-row{display:flex;gap:var(--sealcard-gap,var(--sealcard-spacing,12px))}.sealcard-row>.sealcard-field{flex:1 1 0}' +
  '.sealcard label{font-size:.875em;margin-bottom:4px;color:var(--sealcard-label-color,#30313d)}' +
  '.sealcard-wrap{position:relative}' +
  '.sealcard input{font:inherit;letter-spacing:inherit;color:inherit;width:100%;box-sizing:border-box;margin:0;' +
  'padding:var(--sealcard-padding,10px 12px);background:var(--sealcard-background,#fff);' +
  'border:1px solid var(--sealcard-border-color,#767a85);border-radius:var(--sealcard-border-radius,6px)}' +
  '.sealcard-number input{padding-right:7em}' +
  '.sealcard input::placeholder{color:var(--sealcard-placeholder-color,#6b6f7b);opacity:1}' +
  '.sealcard input:focus{outline:var(--sealcard-focus-width,2px) solid var(--sealcard-focus-color,#0a5cc2);' +
  'outline-offset:var(--sealcard-focus-offset,1px)}' +
  '.sealcard input:disabled{color:var(--sealcard-disabled-color,#6b6f7b);background:var(--sealcard-disabled-background,#f3f4f6)}' +
  '.sealcard input[aria-invalid=true]{border-color:var(--sealcard-error-color,#c0262d)}' +
  '.sealcard-brand{position:absolute;right:12px;top:50%;transform:translateY(-50%);font-size:.75em;' +
  'color:var(--sealcard-icon-color,var(--sealcard-label-color,#30313d));pointer-events:none;display:flex}' +
  '.sealcard-brand svg{width:2.5em;height:1.625em;display:block}.sealcard-brand[hidden]{display:none}' +
  '.sealcard-error{color:var(--sealcard-error-color,#c0262d);font-size:.875em;min-height:1.25em;margin-top:4px}' +
  '.sealcard-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;' +
  'clip:rect(0 0 0 0);white-space:nowrap;border:0}' +
  `.sealcard[data-sealcard-theme=night]{${NIGHT}}` +
  `@media (prefers-color-scheme:dark){.sealcard[data-sealcard-theme=auto]{${NIGHT}}}` +
  '.sealcard[data-sealcard-theme=flat]{--sealcard-background:#eef0f4;--sealcard-border-color:#eef0f4;' +
  '--sealcard-border-radius:4px;--sealcard-label-color:#3c3f4c}' +
  // Compact: number, expiry and code on one row; when narrow, expiry and code wrap together
  // onto a row of their own.
  '.sealcard[data-sealcard-layout=compact]{display:flex;flex-wrap:wrap;column-gap:var(--sealcard-gap,var(--sealcard-spacing,12px))}' +
  '[data-sealcard-layout=compact] .sealcard-number{flex:2 1 14em}' +
  '[data-sealcard-layout=compact] .sealcard-name{flex:1 1 100%}' +
  '[data-sealcard-layout=compact] .sealcard-row{flex:1 1 12em}';

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

/** A CSS value that cannot break out of its declaration or fetch anything: no `;{}<>\\@`, no
 * control characters, and no function but colours and arithmetic (so no `url(`, `image-set(`,
 * `expression(`). */
function safeCssValue(/** @type {string} */ value) {
  return (
    new TextEncoder().encode(value).length <= 200 &&
    !/[;{}<>\\@\u0000-\u001f\u007f-\u009f]/.test(value) &&
    !/url\(|image|expression/i.test(value) &&
    [...value.matchAll(/([\w-]*)\(/g)].every(([, name]) => CSS_FUNCTIONS.has(name.toLowerCase()))
  );
}

/** `fontSize` → `font-size`. */
const kebab = (/** @type {string} */ name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

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
  const brandIcon = buildBrandIcon(doc);
  badge.append(brandIcon.icon);
  number.input.parentElement?.append(badge);
  const live = el('div', 'sealcard-sr');
  for (const [k, v] of [['role', 'status'], ['aria-live', 'polite'], ['aria-atomic', 'true']]) live.setAttribute(k, v);
  if (name) root.append(name.wrap);
  root.append(number.wrap);
  const row = el('div', 'sealcard-row');
  row.append(expiry.wrap, cvc.wrap);
  root.append(row, live);
  return { root, badge, brandIcon, live, fields: { number, expiry, cvc, name } };
}

/**
 * The brand icon, empty: an SVG card with a mark, built node by node (no markup is parsed, as
 * Trusted Types require). `showBrand` colours and names it.
 * @param {Document} doc
 */
function buildBrandIcon(doc) {
  const svg = (/** @type {string} */ tag, /** @type {Record<string, string>} */ attrs) => {
    const e = doc.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const icon = svg('svg', { viewBox: '0 0 40 26', role: 'img' });
  const card = svg('rect', { width: '40', height: '26', rx: '4' });
  const mark = svg('text', { x: '20', y: '17.5', 'text-anchor': 'middle', fill: '#fff', 'font-size': '11', 'font-weight': '700', 'font-family': 'Arial, sans-serif' });
  icon.append(card, mark);
  return { icon, card, mark };
}

/**
 * Shows `brand` (a brand id, named `name`) in the badge, or hides the badge for no brand; only
 * when the brand changes, and without adding or removing a node.
 * @param {HTMLElement} badge @param {ReturnType<typeof buildBrandIcon>} parts
 * @param {string | null} brand @param {string | null} name
 */
function showBrand(badge, { icon, card, mark }, brand, name) {
  const shown = brand && name ? brand : '';
  if (badge.dataset.brand === shown) return;
  badge.dataset.brand = shown;
  badge.hidden = !shown;
  const look = BRAND_ICONS[shown] ?? BRAND_ICON_FALLBACK;
  icon.setAttribute('aria-label', name ?? '');
  card.setAttribute('fill', look.color);
  mark.textContent = look.mark;
}

/** Adds the stylesheets to `doc`, constructed (a strict CSP allows them; every browser with
 * the `AbortSignal.timeout` the requests use has them but Safari 16.0 to 16.3): the base one,
 * and after it an empty one for the appearance rules (later, so a rule wins over the base at
 * the same specificity). Returns the rules' sheet and the removal. */
function addStylesheets(/** @type {Document} */ doc) {
  const base = new CSSStyleSheet();
  const rules = new CSSStyleSheet();
  base.replaceSync(CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, base, rules];
  return {
    rules,
    remove() {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== base && s !== rules);
    },
  };
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

  /** Reads the keys of `table` ([key, CSS custom property] rows) that `v` gives, each a safe
   * CSS value; anything else throws `error`.
   * @returns {Declarations} */
  function readVariables(/** @type {unknown} */ v, /** @type {string[][]} */ table, /** @type {string} */ error) {
    /** @type {Declarations} */
    const out = [];
    if (isNullish(v)) return out;
    if (!isObject(v)) throw optionError(error);
    for (const [key, prop] of table) {
      const value = optionalString(v, key, () => optionError(error));
      if (value === undefined) continue;
      if (!safeCssValue(value)) throw optionError(error);
      out.push([prop, value]);
    }
    return out;
  }

  /** Reads `appearance.rules`: known selectors, allowed properties, values that are safe and
   * that the browser parses for their property.
   * @returns {[string, Declarations][]} */
  function readRules(/** @type {unknown} */ v) {
    const ERR = 'appearance.rules: known selectors (.Input, .Label, …), allowed properties, plain CSS values';
    if (isNullish(v)) return [];
    if (!isObject(v)) throw optionError(ERR);
    /** @type {[string, Declarations][]} */
    const rules = [];
    for (const [selector, declarations] of Object.entries(/** @type {object} */ (v))) {
      const target = get(RULE_SELECTORS, selector);
      if (!Object.hasOwn(RULE_SELECTORS, selector) || !isObject(declarations)) throw optionError(ERR);
      /** @type {Declarations} */
      const checked = [];
      for (const [key, value] of Object.entries(declarations)) {
        const prop = kebab(key);
        if (!RULE_PROPERTIES.has(key) || typeof value !== 'string' || !safeCssValue(value) || !globalThis.CSS.supports(prop, value)) throw optionError(ERR);
        checked.push([prop, value]);
      }
      rules.push([target, checked]);
    }
    return rules;
  }

  /** The address of a font's `src`: exactly `url(…)` of an `https:` URL, or with a test key an
   * `http:` one on loopback; anything else throws. */
  function fontUrl(/** @type {unknown} */ src, /** @type {boolean} */ testMode, /** @type {() => Error} */ error) {
    const m = typeof src === 'string' ? /^url\((['"]?)([^'"()\\\s]{1,2000})\1\)$/.exec(src) : null;
    let url;
    try {
      url = new URL(m?.[2] ?? '');
    } catch {
      throw error();
    }
    const loopback = ['localhost', '[::1]'].includes(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(testMode && url.protocol === 'http:' && loopback)) throw error();
    if (url.username || url.password) throw error();
    return url.href;
  }

  /** Reads `appearance.fonts`: `[{ family, src: 'url(https://…)', weight?, style?, display? }]`.
   * @returns {Font[]} */
  function readFonts(/** @type {unknown} */ v, /** @type {boolean} */ testMode) {
    const error = () => optionError("appearance.fonts: [{ family, src: 'url(https://…)', weight?, style?, display? }]");
    if (isNullish(v)) return [];
    if (!Array.isArray(v) || v.length > MAX_FONTS) throw error();
    return v.map((font) => {
      const family = get(font, 'family');
      if (typeof family !== 'string' || !/^[\w -]{1,100}$/.test(family)) throw error();
      /** @type {Record<string, string>} */
      const descriptors = {};
      for (const [key, allowed] of Object.entries(FONT_DESCRIPTORS)) {
        const value = optionalString(font, key, error);
        if (value === undefined) continue;
        if (!allowed.test(value)) throw error();
        descriptors[key] = value;
      }
      // The URL as the URL parser wrote it, quoted: nothing of the option is CSS text.
      return { family, src: `url("${fontUrl(get(font, 'src'), testMode, error)}")`, descriptors };
    });
  }

  /** One of `allowed`, `fallback` when absent; anything else throws `error`. */
  function oneOf(/** @type {unknown} */ v, /** @type {string[]} */ allowed, /** @type {string} */ fallback, /** @type {string} */ error) {
    if (isNullish(v)) return fallback;
    if (typeof v !== 'string' || !allowed.includes(v)) throw optionError(error);
    return v;
  }

  /** Reads `appearance`: `{ theme?, layout?, variables?, rules? }`; all checked before any of it
   * is applied.
   * @returns {Appearance} */
  function readAppearance(/** @type {unknown} */ v, /** @type {boolean} */ testMode) {
    if (!isNullish(v) && !isObject(v)) throw optionError('appearance must be an object');
    return {
      fonts: readFonts(get(v, 'fonts'), testMode),
      theme: oneOf(get(v, 'theme'), THEMES, 'default', `appearance.theme: ${THEMES.join(', ')}`),
      layout: oneOf(get(v, 'layout'), LAYOUTS, 'stacked', `appearance.layout: ${LAYOUTS.join(', ')}`),
      variables: readVariables(get(v, 'variables'), VARIABLE_KEYS, "appearance.variables: plain CSS values (no url(), no ';')"),
      rules: readRules(get(v, 'rules')),
    };
  }

  /** Reads `{ style?, appearance?, labels?, placeholders?, showName?, locale?, messages? }`;
   * `appearance` defaults to the configuration's (`loadSealCard({ appearance })`).
   * @returns {ViewOptions} */
  function readViewOptions(/** @type {unknown} */ v, /** @type {boolean} */ testMode, /** @type {unknown} */ defaultAppearance = undefined) {
    if (isNullish(v)) v = {};
    if (!isObject(v)) throw optionError('mount options must be an object');
    const style = readVariables(get(v, 'style'), STYLE_KEYS, "style values must be plain CSS values (no url(), no ';')");
    const appearance = get(v, 'appearance');
    const showName = get(v, 'showName');
    return {
      style,
      appearance: readAppearance(isNullish(appearance) ? defaultAppearance : appearance, testMode),
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
   *   listeners: [number, Function][], destroyed: boolean, sheets: ReturnType<typeof addStylesheets>, fonts: FontFace[],
   *   handler: (ev: Event) => void }} View
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
    const view = /** @type {any} */ ({ dom, nodes: [number, expiry, cvc, name], opts, listeners: [], destroyed: false, fonts: [] });
    view.fields = new rust.Fields(config, number.input, expiry.input, cvc.input, name?.input, (/** @type {Update} */ u) => render(view, u));
    try {
      view.fields.setOptions(opts.language);
    } catch (e) {
      view.fields.free();
      throw e;
    }
    dom.root.dataset.sealcardMode = view.fields.testMode ? 'test' : 'live';
    view.sheets = addStylesheets(doc);
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
        // Reported as the DOM reports a listener's exception, without stopping ours.
        reportError(e);
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
    applyAppearance(view);
  }

  /** Theme, layout, variables (then the `style` option's), and the rules' stylesheet. Every
   * value goes through `setProperty`, one checked declaration at a time. */
  function applyAppearance(/** @type {View} */ view) {
    const { root } = view.dom;
    const { appearance, style } = view.opts;
    root.dataset.sealcardTheme = appearance.theme;
    root.dataset.sealcardLayout = appearance.layout;
    for (const [, prop] of VARIABLE_KEYS) root.style.removeProperty(prop);
    for (const [prop, value] of [...appearance.variables, ...style]) root.style.setProperty(prop, value);
    loadFonts(view);
    const sheet = view.sheets.rules;
    while (sheet.cssRules.length) sheet.deleteRule(0);
    for (const [selector, declarations] of appearance.rules) {
      const rule = /** @type {CSSStyleRule} */ (sheet.cssRules[sheet.insertRule(`${selector}{}`, sheet.cssRules.length)]);
      for (const [prop, value] of declarations) rule.style.setProperty(prop, value);
    }
  }

  /** Replaces the view's fonts with its appearance's, loaded by the browser (`FontFace`): the
   * fields re-lay themselves out when one arrives; one that fails is simply not used. */
  function loadFonts(/** @type {View} */ view) {
    const fonts = view.dom.root.ownerDocument.fonts;
    for (const face of view.fonts) fonts.delete(face);
    view.fonts = view.opts.appearance.fonts.map(({ family, src, descriptors }) => {
      const face = new FontFace(family, src, descriptors);
      fonts.add(face);
      face.load().catch(() => undefined);
      return face;
    });
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
    showBrand(badge, view.dom.brandIcon, state.brand, update.brandName);
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
      /** Changes `style`, `appearance`, `labels`, `placeholders`, `locale` or `messages`. */
      update(/** @type {unknown} */ options) {
        if (view.destroyed) return;
        const next = readViewOptions(options, fields.testMode);
        const given = (/** @type {string} */ k) => get(options, k) !== undefined;
        const language = { ...opts.language };
        if (given('locale')) language.locale = next.language.locale;
        if (given('messages')) language.messages = next.language.messages;
        // Throws, changing nothing, for a wrong locale or messages.
        fields.setOptions(language);
        opts.language = language;
        if (given('style')) opts.style = next.style;
        if (given('appearance')) opts.appearance = next.appearance;
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
        view.sheets.remove();
        for (const face of view.fonts) view.dom.root.ownerDocument.fonts.delete(face);
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
    /** Mounts the card fields into `target` (an element or a selector). Throws a
     * `SealCardError` (`type: 'configuration_error'`, with a `code`) for a bad key, endpoint or
     * option. */
    mountCardField(/** @type {unknown} */ target, /** @type {unknown} */ config, /** @type {unknown} */ options) {
      // `{ publicKey, apiBase?, locale?, acceptedBrands?, timeout?, messages? }`: the Rust
      // fields read it (the key first) and throw what is wrong, before the view options.
      rust.checkConfig(config);
      // A test key (the Rust fields checked it is a pk_test_ or pk_live_ one) may load fonts
      // over http from loopback.
      const testMode = String(get(config, 'publicKey')).startsWith('pk_test_');
      const opts = readViewOptions(options, testMode, get(config, 'appearance'));
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
