// Assertions for the in-page cases, shaped like Rust's `assert!`, `assert_eq!` and `assert_ne!`
// (a failure names both sides), and the small value helpers the Rust tests had (`get`, `at`,
// `as_string`).

export class AssertionError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

/**
 * A value for a failure message: JSON where it can be (strings escaped, so NUL, bidi controls
 * and lone surrogates are visible), elements by tag and class, long values cut short.
 * @param {unknown} value
 */
export function show(value) {
  let text;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'function') text = `function ${value.name || '(anonymous)'}`;
  else if (value instanceof Element) text = `<${value.localName}${value.className ? ` class="${value.className}"` : ''}>`;
  else if (value instanceof Error) text = `${value.name}: ${value.message}`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}

/**
 * Equality as the Rust tests compared: primitives with `===`, arrays (Rust tuples) item by item.
 * @param {unknown} a @param {unknown} b
 * @returns {boolean}
 */
function equal(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => equal(x, b[k]));
  return a === b;
}

/**
 * @param {unknown} condition @param {string} [message]
 * @returns {asserts condition}
 */
export function assert(condition, message) {
  if (!condition) throw new AssertionError(message ?? 'assertion failed');
}

/** @param {unknown} left @param {unknown} right @param {string} [message] */
export function assertEq(left, right, message) {
  if (!equal(left, right)) {
    throw new AssertionError(`assertion \`left == right\` failed${message ? `: ${message}` : ''}\n  left: ${show(left)}\n right: ${show(right)}`);
  }
}

/** @param {unknown} left @param {unknown} right @param {string} [message] */
export function assertNe(left, right, message) {
  if (equal(left, right)) {
    throw new AssertionError(`assertion \`left != right\` failed${message ? `: ${message}` : ''}\n  left: ${show(left)}\n right: ${show(right)}`);
  }
}

/**
 * What `f` throws; fails when it returns (Rust: `r.err().expect(message)`).
 * @param {() => unknown} f @param {string} [message]
 * @returns {any}
 */
export function thrown(f, message = 'throws') {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new AssertionError(message);
}

/**
 * The value at `path` under `value`, or undefined when any step is missing or not an object
 * (Rust: `Reflect::get(..).unwrap_or(JsValue::UNDEFINED)` step by step).
 * @param {unknown} value @param {...string} path
 * @returns {any}
 */
export function at(value, ...path) {
  return path.reduce(
    (/** @type {any} */ o, k) => ((typeof o === 'object' && o !== null) || typeof o === 'function' ? o[k] : undefined),
    value,
  );
}

/**
 * The value if it is a string, else null (Rust: `.as_string()`, None as null).
 * @param {unknown} value
 * @returns {string | null}
 */
export function str(value) {
  return typeof value === 'string' ? value : null;
}

/**
 * @typedef {object} Case
 * @property {string} name
 * @property {() => unknown} run  throws (or rejects) on failure; may return report lines
 */

/** A list of cases and the `test(name, run)` that adds to it (Rust: `#[wasm_bindgen_test]`). */
export function suite() {
  /** @type {Case[]} */
  const cases = [];
  return {
    cases,
    /** @param {string} name @param {() => unknown} run */
    test: (name, run) => void cases.push({ name, run }),
  };
}
