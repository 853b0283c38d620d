// The scenarios of sealcard/testing, written once over a small driver interface (`Driver`,
// below). The adapters (playwright.js, puppeteer.js, webdriver.js) implement that interface for
// the page or driver a test already has. Everything here acts as a shopper does: it types into
// the real inputs with key presses and clicks real buttons. It reads only the stable hooks of
// the fields (data- attributes, classes, error texts) and never an input's value.

/**
 * One browsing context of the page (the page itself or a frame), as a driver knows it.
 * @typedef {unknown} Context
 */

/**
 * What an adapter implements. `within` is a CSS selector of an ancestor (the first match) in
 * which `selector` is looked up; without it, the whole document of the context.
 * @typedef {object} Driver
 * @property {() => Context} top  the page itself
 * @property {(ctx: Context, selector: string, within?: string) => Promise<Context | null>} frameOf
 *   the document inside the first iframe matching `selector` (null when there is none)
 * @property {() => Promise<Context[]>} frames  every context of the page, nested frames included
 * @property {<A, R>(ctx: Context, fn: (arg: A) => R, arg: A) => Promise<R>} evaluate
 *   runs `fn(arg)` in the context (a function without closures; JSON in and out)
 * @property {(ctx: Context, selector: string, text: string, within?: string) => Promise<void>} type
 *   focuses the element as a user does (a click) and types `text` with one key press per character
 * @property {(ctx: Context, selector: string, within?: string) => Promise<void>} clearField
 *   focuses the element, selects all of its text with the keyboard and presses Backspace
 * @property {(ctx: Context, text: string) => Promise<boolean>} clickButton
 *   clicks the visible `<button>` whose text is `text`; false when there is none
 * @property {() => Promise<void>} [done]  called after each operation (e.g. back to the top frame)
 */

/** The codes of `SealCardTestError`. */
export const TEST_ERROR_CODES = /** @type {const} */ ([
  'invalid_argument',
  'no_fields',
  'ambiguous_fields',
  'frame_load_failed',
  'frame_blocked',
  'timeout',
  'live_mode',
  'no_challenge',
]);

/** An error of the testing kit, with a stable `code` (see the declarations). */
export class SealCardTestError extends Error {
  /**
   * @param {(typeof TEST_ERROR_CODES)[number]} code
   * @param {string} message
   * @param {{ frameError?: string }} [details]
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'SealCardTestError';
    this.code = code;
    if (details.frameError !== undefined) this.frameError = details.frameError;
  }
}

/** The stable hooks of the product. */
export const HOOKS = Object.freeze({
  frame: 'iframe[data-sealcard="frame"]',
  fields: '[data-sealcard="fields"]',
  input: (/** @type {string} */ name) => `input[data-sealcard-field="${name}"]`,
  threeDSecureFrame: 'iframe[title="Bank authentication"]',
});

const FIELD_NAMES = /** @type {const} */ (['number', 'expiry', 'cvc', 'name']);
const DEFAULT_TIMEOUT = 20000;
const POLL_MS = 50;
/** How long a frame may show no page of its own before it counts as blocked. */
const BLOCKED_AFTER_MS = 5000;

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {unknown} options @returns {{ container?: string, timeout: number }} */
function readOptions(options) {
  const o = /** @type {Record<string, unknown>} */ (options ?? {});
  if (typeof o !== 'object') throw new SealCardTestError('invalid_argument', 'options must be an object');
  if (o.container !== undefined && (typeof o.container !== 'string' || o.container === '')) {
    throw new SealCardTestError('invalid_argument', 'container must be a CSS selector (a non-empty string)');
  }
  const timeout = o.timeout ?? DEFAULT_TIMEOUT;
  if (typeof timeout !== 'number' || !(timeout > 0)) throw new SealCardTestError('invalid_argument', 'timeout must be a positive number of milliseconds');
  return { container: /** @type {string | undefined} */ (o.container), timeout };
}

/**
 * Runs in the page: where the sealcard fields of `container` (or of the whole page) are.
 * @param {{ container?: string, frame: string, fields: string }} arg
 */
function locateInPage(arg) {
  const scope = arg.container ? document.querySelector(arg.container) : document;
  if (!scope) return { kind: 'no_container' };
  const frames = [...scope.querySelectorAll(arg.frame)];
  const roots = [...scope.querySelectorAll(arg.fields)];
  if (frames.length + roots.length > 1 && !arg.container) return { kind: 'ambiguous', count: frames.length + roots.length };
  const frame = frames[0];
  if (frame) {
    return {
      kind: 'frame',
      ready: frame.hasAttribute('data-sealcard-ready'),
      error: frame.getAttribute('data-sealcard-error'),
      src: (frame.getAttribute('src') ?? '').split('#')[0],
    };
  }
  const root = roots[0];
  if (root) return { kind: 'inline', ready: root.hasAttribute('data-sealcard-ready'), mode: root.getAttribute('data-sealcard-mode') };
  return { kind: 'none' };
}

/**
 * Runs in the fields' document (the frame, or the page in inline mode): the state the fields
 * show, from their stable hooks only — classes, data- attributes and error texts, no values.
 * @param {{ container?: string, fields: string }} arg
 */
function readFieldsState(arg) {
  const scope = arg.container ? document.querySelector(arg.container) : document;
  const root = scope && scope.querySelector(arg.fields);
  if (!root) {
    const body = document.body;
    return {
      found: false,
      href: location.href,
      complete: document.readyState === 'complete',
      title: document.title,
      text: body ? (body.textContent ?? '').trim().slice(0, 120) : '',
    };
  }
  /** @type {Record<string, { code: string, message: string }>} */
  const errors = {};
  for (const wrap of root.querySelectorAll('.sealcard-field[data-sealcard-error]')) {
    const input = wrap.querySelector('input[data-sealcard-field]');
    const name = input && input.getAttribute('data-sealcard-field');
    const text = wrap.querySelector('.sealcard-error');
    if (name) errors[name] = { code: wrap.getAttribute('data-sealcard-error') ?? '', message: text ? (text.textContent ?? '').trim() : '' };
  }
  const names = [...root.querySelectorAll('input[data-sealcard-field]')].map((i) => i.getAttribute('data-sealcard-field'));
  return {
    found: true,
    ready: root.hasAttribute('data-sealcard-ready'),
    mode: root.getAttribute('data-sealcard-mode'),
    brand: root.getAttribute('data-brand'),
    empty: root.classList.contains('is-empty'),
    complete: root.classList.contains('is-complete'),
    invalid: root.classList.contains('is-invalid'),
    focused: root.classList.contains('is-focused'),
    fields: names,
    errors,
  };
}

/** Runs in a frame: whether it shows a button with this text. */
function hasButton(/** @type {string} */ text) {
  return [...document.querySelectorAll('button')].some((b) => (b.textContent ?? '').trim() === text);
}

/**
 * Where a test acts: the fields' context, and the selector scope within it.
 * @typedef {{ ctx: Context, within?: string, mode: 'isolated' | 'inline' }} Target
 */

/**
 * Why a frame that is not ready is not ready, in words, from what its document shows.
 * @param {Driver} driver @param {string | undefined} container
 * @returns {Promise<{ blocked: boolean, text: string }>}
 */
async function diagnoseFrame(driver, container) {
  /** @type {any} */
  let seen;
  try {
    const ctx = await driver.frameOf(driver.top(), HOOKS.frame, container);
    if (ctx) seen = await driver.evaluate(ctx, readFieldsState, { fields: HOOKS.fields });
  } catch {
    seen = undefined;
  }
  if (seen?.found) return { blocked: false, text: 'its fields are there but never said they were ready' };
  const href = String(seen?.href ?? '').split('#')[0];
  if (!seen || !/^https?:/.test(href)) {
    return {
      blocked: true,
      text:
        `it shows no page of its own (${seen ? href || 'nothing' : 'unreadable'}): blocked by a Content-Security-Policy ` +
        "(the page's frame-src, or the frame's frame-ancestors), or its origin is unreachable",
    };
  }
  const what = [seen.title, seen.text].filter(Boolean).join(' — ');
  return {
    blocked: false,
    text: `the document at ${href} is not the sealcard frame page${what ? ` (it shows "${what}")` : ''}: a wrong frameUrl, or an HTTP error`,
  };
}

/** Finds the fields of `container` (or the page's only fields) and waits until they are ready.
 * @param {Driver} driver @param {unknown} options @returns {Promise<Target & { state: any }>} */
async function ready(driver, options) {
  const { container, timeout } = readOptions(options);
  const where = container ? `in ${JSON.stringify(container)}` : 'on the page';
  const deadline = Date.now() + timeout;
  /** @type {any} */
  let last;
  /** When a frame was first seen without a page of its own. */
  let blankSince = 0;
  for (let round = 0; ; round++) {
    last = await driver.evaluate(driver.top(), locateInPage, { container, frame: HOOKS.frame, fields: HOOKS.fields });
    if (last.kind === 'ambiguous') {
      throw new SealCardTestError('ambiguous_fields', `${last.count} sealcard fields are on the page: pass { container: '<selector of the mount target>' }`);
    }
    if (last.kind === 'frame' && last.error !== null) {
      const why = await diagnoseFrame(driver, container);
      throw new SealCardTestError(
        why.blocked ? 'frame_blocked' : 'frame_load_failed',
        `the sealcard frame ${where} failed to load (data-sealcard-error="${last.error}"; frame ${last.src}): ${why.text}`,
        { frameError: last.error },
      );
    }
    if (last.kind === 'frame' && last.ready) {
      const ctx = await driver.frameOf(driver.top(), HOOKS.frame, container);
      const state = ctx && /** @type {any} */ (await driver.evaluate(ctx, readFieldsState, { fields: HOOKS.fields }));
      if (ctx && state?.found && state.ready) return { ctx, mode: 'isolated', state };
    }
    if (last.kind === 'inline' && last.ready) {
      const ctx = driver.top();
      const state = await driver.evaluate(ctx, readFieldsState, { container, fields: HOOKS.fields });
      if (state.found) return { ctx, within: container, mode: 'inline', state };
    }
    // A frame without a page of its own for long: blocked (the loader's own timeout may be long).
    if (last.kind === 'frame' && round % 10 === 9) {
      const why = await diagnoseFrame(driver, container);
      blankSince = why.blocked ? blankSince || Date.now() : 0;
      if (blankSince && Date.now() - blankSince >= Math.min(BLOCKED_AFTER_MS, timeout)) {
        throw new SealCardTestError('frame_blocked', `the sealcard frame ${where} did not load (frame ${last.src}): ${why.text}`);
      }
    }
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  if (last.kind === 'no_container') throw new SealCardTestError('no_fields', `no element matches the container ${JSON.stringify(container)}`);
  if (last.kind === 'none') {
    throw new SealCardTestError('no_fields', `no sealcard fields ${where} after ${timeout} ms (neither ${HOOKS.frame} nor ${HOOKS.fields})`);
  }
  if (last.kind === 'frame') {
    const why = await diagnoseFrame(driver, container);
    throw new SealCardTestError(why.blocked ? 'frame_blocked' : 'timeout', `the sealcard frame ${where} was not ready after ${timeout} ms (frame ${last.src}): ${why.text}`);
  }
  throw new SealCardTestError('timeout', `the sealcard fields ${where} were not ready after ${timeout} ms`);
}

/**
 * The fields' state once it stops changing: the browser may deliver a blur (which shows the
 * left field's error) a moment after the last key press.
 * @param {Driver} driver @param {Target} t
 */
async function settledState(driver, t) {
  const read = () => driver.evaluate(t.ctx, readFieldsState, { container: t.within, fields: HOOKS.fields });
  let last = await read();
  for (let i = 0; i < 10; i++) {
    await sleep(POLL_MS);
    const next = await read();
    if (JSON.stringify(next) === JSON.stringify(last)) break;
    last = next;
  }
  return last;
}

/** Runs `body`, then lets the driver tidy up (e.g. back to the top frame) whatever happened.
 * @template T @param {Driver} driver @param {() => Promise<T>} body @returns {Promise<T>} */
async function session(driver, body) {
  try {
    return await body();
  } finally {
    await driver.done?.();
  }
}

/** The public state of the fields, from what `readFieldsState` saw.
 * @returns {import('./index.js').CardState} */
function publicState(/** @type {any} */ s, /** @type {'isolated' | 'inline'} */ mode) {
  return {
    mode,
    testMode: s.mode === 'test',
    ready: s.ready,
    brand: s.brand === 'unknown' || !s.brand ? null : s.brand,
    empty: s.empty,
    complete: s.complete,
    invalid: s.invalid,
    focused: s.focused,
    errors: s.errors,
  };
}

/** Refuses fields that do not say they are in test mode: a test must never type a card into
 * fields that would send it to PayMongo's live mode. */
function refuseLive(/** @type {any} */ state) {
  if (state.mode === 'test') return;
  throw new SealCardTestError(
    'live_mode',
    state.mode === 'live'
      ? 'these sealcard fields were loaded with a live key (data-sealcard-mode="live"): the testing kit types only into test-mode fields (pk_test_…)'
      : 'these sealcard fields do not say they are in test mode (no data-sealcard-mode="test"): nothing was typed',
  );
}

/** @param {unknown} card */
function readCard(card) {
  if (!card || typeof card !== 'object') throw new SealCardTestError('invalid_argument', 'fillCard needs a card: { number?, expiry?, cvc?, name? }');
  const c = /** @type {Record<string, unknown>} */ (card);
  /** @type {[string, string][]} */
  const out = [];
  for (const name of FIELD_NAMES) {
    const v = c[name];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string') throw new SealCardTestError('invalid_argument', `card.${name} must be a string`);
    out.push([name, v]);
  }
  return out;
}

/**
 * The contexts of a page whose frames are objects with `$` and `evaluate` (Playwright's and
 * Puppeteer's pages alike): the `top`, `frames`, `frameOf` and `evaluate` of a `Driver`.
 * @param {any} page
 * @returns {Pick<Driver, 'top' | 'frames' | 'frameOf' | 'evaluate'>}
 */
export function pageContexts(page) {
  return {
    top: () => page.mainFrame(),
    frames: async () => page.frames(),
    async frameOf(ctx, selector, within) {
      const scope = within ? await /** @type {any} */ (ctx).$(within) : ctx;
      const handle = scope && (await /** @type {any} */ (scope).$(selector));
      return handle ? handle.contentFrame() : null;
    },
    evaluate: (ctx, fn, arg) => /** @type {any} */ (ctx).evaluate(fn, arg),
  };
}

/**
 * The kit's functions over one driver; each adapter exports them with its page or driver type.
 * @param {(page: any) => Driver} driverOf
 */
export function kit(driverOf) {
  /** The state of the fields once ready (what waitForReady and readState answer). */
  async function readyState(/** @type {unknown} */ page, /** @type {unknown} */ options) {
    const driver = driverOf(page);
    return session(driver, async () => {
      const t = await ready(driver, options);
      return publicState(t.state, t.mode);
    });
  }
  return {
    /** @param {unknown} page @param {unknown} [options] */
    waitForReady: readyState,
    /** @param {unknown} page @param {unknown} card @param {unknown} [options] */
    async fillCard(page, card, options) {
      const entries = readCard(card);
      const driver = driverOf(page);
      return session(driver, async () => {
        const t = await ready(driver, options);
        refuseLive(t.state);
        for (const [name] of entries) {
          if (!t.state.fields.includes(name)) throw new SealCardTestError('invalid_argument', `these fields have no ${name} input (mount them with showName: true for the name)`);
        }
        for (const [name, text] of entries) await driver.type(t.ctx, HOOKS.input(name), text, t.within);
        return publicState(await settledState(driver, t), t.mode);
      });
    },
    /** @param {unknown} page @param {unknown} [options] */
    async clearCard(page, options) {
      const driver = driverOf(page);
      return session(driver, async () => {
        const t = await ready(driver, options);
        refuseLive(t.state);
        for (const name of FIELD_NAMES) {
          if (t.state.fields.includes(name)) await driver.clearField(t.ctx, HOOKS.input(name), t.within);
        }
        return publicState(await settledState(driver, t), t.mode);
      });
    },
    /** @param {unknown} page @param {unknown} [options] */
    readState: readyState,
    /** @param {unknown} page @param {unknown} action @param {unknown} [options] */
    async completeThreeDSecure(page, action, options) {
      if (action !== 'authorize' && action !== 'fail') throw new SealCardTestError('invalid_argument', "completeThreeDSecure takes 'authorize' or 'fail'");
      const { timeout } = readOptions(options);
      const button = /** @type {any} */ (options ?? {}).button;
      if (button !== undefined && (typeof button !== 'string' || button === '')) throw new SealCardTestError('invalid_argument', 'button must be the text of a button');
      // The local sandbox's buttons, unless the test names the button of another challenge page.
      const label = button ?? (action === 'authorize' ? 'Authorize test payment' : 'Fail test payment');
      const driver = driverOf(page);
      return session(driver, async () => {
        const deadline = Date.now() + timeout;
        do {
          // The challenge may be the page itself (a redirect) or a frame at any depth.
          for (const ctx of await driver.frames()) {
            let there = false;
            try {
              there = await driver.evaluate(ctx, hasButton, label);
            } catch {
              // A frame that went away or cannot be read: look at the others.
            }
            if (there && (await driver.clickButton(ctx, label))) return;
          }
          await sleep(4 * POLL_MS);
        } while (Date.now() < deadline);
        throw new SealCardTestError(
          'no_challenge',
          `no 3-D Secure challenge (a "${label}" button) appeared within ${timeout} ms; the local sandbox shows one for 4120000000000007 once the payment is confirmed`,
        );
      });
    },
  };
}
