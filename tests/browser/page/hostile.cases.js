// The hostile-input catalogue, ported case for case from tests/web_hostile.rs: what shoppers,
// keyboards, clipboards and attackers produce thrown at each card field — a 1 MB paste, digits
// of other scripts, zero-width and bidi controls, NUL, emoji, lone surrogates, HTML and script
// text, numbers too long, all zeros, letters — through each way text arrives: `beforeinput`
// paste, drop, typing and IME insertion, and a value set by autofill followed by `input`.
//
// Every case must leave a clear field state (the value shown and `getState()`), raise no
// uncaught error, add nothing to the DOM, have its result in place by the next animation
// frame, and leave the field answering: typing right after it formats as usual. Each row of the
// catalogue is a case of its own here (the Rust file ran each field's rows in one test).
import { assert, assertEq, assertNe, at, str, suite } from './assert.js';
import { API, mountCardField } from './env.js';
// The barrage checks the field against sealcard/validate's verdict (Rust: sealcard::validate_number).
import { validateNumber } from '/validate/index.js';

export const { cases, test } = suite();

// ---- The page and the field. ----

/** @returns {[HTMLElement, any]} */
function mount() {
  const t = document.createElement('div');
  document.body.appendChild(t);
  const field = mountCardField(t, { publicKey: 'pk_test_sandbox', apiBase: API }, undefined);
  return [t, field];
}

/** @param {Element} t @param {string} name */
function input(t, name) {
  const i = t.querySelector(`.sealcard-${name} input`);
  assert(i instanceof HTMLInputElement, 'input element');
  return i;
}

/**
 * @param {HTMLInputElement} i @param {string} inputType @param {string | null} [data]
 */
function fireInput(i, inputType, data) {
  i.dispatchEvent(new InputEvent('input', { inputType, data: data ?? null, bubbles: true }));
}

/**
 * A `beforeinput` as the browser fires it, followed — when the field does not take the edit
 * itself — by the browser's own insertion over the selection and an `input` event.
 * @param {HTMLInputElement} i @param {string} inputType @param {string | null} [data]
 */
function beforeInput(i, inputType, data) {
  const ev = new InputEvent('beforeinput', { inputType, data: data ?? null, bubbles: true, cancelable: true });
  const handled = !i.dispatchEvent(ev);
  if (handled) return;
  const value = i.value;
  const len = value.length;
  const start = Math.min(i.selectionStart ?? len, len);
  const end = Math.min(Math.max(i.selectionEnd ?? start, start), len);
  const inserted = data ?? '';
  i.value = value.slice(0, start) + inserted + value.slice(end, len);
  const caret = start + inserted.length;
  try {
    i.setSelectionRange(caret, caret);
  } catch {
    // As the Rust helper: a caret the input refuses is not the case's concern.
  }
  fireInput(i, inputType, data);
}

/**
 * Types `text` one character (code point) at a time at the caret.
 * @param {HTMLInputElement} i @param {string} text
 */
function typeText(i, text) {
  for (const c of text) beforeInput(i, 'insertText', c);
}

/** How many elements `t` holds. @param {Element} t */
function elementCount(t) {
  return t.querySelectorAll('*').length;
}

/** Records uncaught errors and unhandled rejections on the page while it lives. */
class Uncaught {
  constructor() {
    /** @type {string[]} */
    this.log = [];
    /** @type {[string, (e: any) => void][]} */
    this.listeners = ['error', 'unhandledrejection'].map((kind) => {
      const listener = (/** @type {any} */ e) => {
        const what = str(at(e, 'message')) ?? str(at(e, 'reason', 'message')) ?? e.type;
        this.log.push(what);
      };
      window.addEventListener(kind, listener);
      return [kind, listener];
    });
  }

  static watch() {
    return new Uncaught();
  }

  take() {
    return this.log.splice(0);
  }

  drop() {
    for (const [kind, listener] of this.listeners) window.removeEventListener(kind, listener);
  }
}

/** Resolves at the next animation frame. */
function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
}

// ---- The catalogue. ----

/** How the text reaches the field. */
const How = Object.freeze({
  /** `beforeinput` `insertFromPaste` with the text as `data`. */
  Paste: 'Paste',
  /** `insertFromPaste` with `data: null` (the text only in the clipboard): the browser inserts. */
  PasteNoData: 'PasteNoData',
  /** `beforeinput` `insertFromDrop`. */
  Drop: 'Drop',
  /** One `insertText` of the whole text (an IME or a dictation commits a string). */
  InsertText: 'InsertText',
  /** One `insertText` per character, as a keyboard types. */
  TypeEach: 'TypeEach',
  /** The value set (autofill, a password manager, a script in the frame), then `input`. */
  SetValue: 'SetValue',
  /** An IME composition committed: the value set, then `compositionend`. */
  Composition: 'Composition',
});

/**
 * The text of a case: Unicode text (a string), or raw UTF-16 code units (lone surrogates).
 * @typedef {string | { units: number[] }} Text
 */

/** @param {number[]} units @returns {Text} */
const units = (units) => ({ units });

/** @param {Text} text */
function js(text) {
  return typeof text === 'string' ? text : String.fromCharCode(...text.units);
}

/**
 * @typedef {object} HostileCase
 * @property {string} name
 * @property {string} how  one of `How`
 * @property {string} before  what the field holds before, all of it selected ('': an empty field)
 * @property {Text} text
 * @property {string} value  the value shown afterwards
 * @property {boolean} valid
 * @property {boolean} potentiallyValid
 * @property {string | null} error  the error `getState()` shows on the field (errors of untouched
 *   fields show only once the input cannot become valid any more)
 */

/** @typedef {[valid: boolean, potentiallyValid: boolean, error: string | null]} Verdict */

/**
 * @param {string} name @param {string} how @param {Text} text @param {string} value @param {Verdict} verdict
 * @returns {HostileCase}
 */
function hostile(name, how, text, value, verdict) {
  return { name, how, before: '', text, value, valid: verdict[0], potentiallyValid: verdict[1], error: verdict[2] };
}

/** @type {Verdict} */
const VALID = [true, true, null];
/** @type {Verdict} */
const INCOMPLETE = [false, true, null];
/** @param {string} code @returns {Verdict} */
const invalid = (code) => [false, false, code];

/** The UTF-16 code units of `text`. @param {string} text */
function utf16(text) {
  return Array.from({ length: text.length }, (_, k) => text.charCodeAt(k));
}

/**
 * UTF-16 code units of `text` with `unit` inserted before each code unit.
 * @param {string} text @param {number} unit
 */
function interleave(text, unit) {
  return units(utf16(text).flatMap((c) => [unit, c]));
}

function numberCases() {
  const { Paste, PasteNoData, Drop, InsertText, TypeEach, SetValue, Composition } = How;
  const paste1mb = '4242 '.repeat(200_000);
  const letters1mb = 'x'.repeat(1 << 20);
  return [
    hostile('1 MB of a repeated number, pasted', Paste, paste1mb, '4242 4242 4242 4242424', invalid('invalid_number')),
    hostile('1 MB of a repeated number, set as the value', SetValue, paste1mb, '4242 4242 4242 4242424', invalid('invalid_number')),
    hostile('1 MB of letters, pasted', Paste, letters1mb, '', INCOMPLETE),
    hostile('1 MB of letters, set as the value', SetValue, letters1mb, '', INCOMPLETE),
    hostile('Arabic-Indic digits, pasted', Paste, '٤٣٤٣٤٣٤٣٤٣٤٣٤٣٤٥', '4343 4343 4343 4345', VALID),
    hostile('Persian digits, typed', TypeEach, '۴۳۴۳۴۳۴۳۴۳۴۳۴۳۴۵', '4343 4343 4343 4345', VALID),
    hostile('fullwidth digits and spaces, dropped', Drop, '４３４３　４３４３　４３４３　４３４５', '4343 4343 4343 4345', VALID),
    hostile('Devanagari digits, set as the value', SetValue, '४३४३४३४३४३४३४३४५', '4343 4343 4343 4345', VALID),
    hostile('Thai digits, committed by an IME', Composition, '๔๓๔๓๔๓๔๓๔๓๔๓๔๓๔๕', '4343 4343 4343 4345', VALID),
    hostile('zero-width spaces between the digits', Paste, interleave('4343434343434345', 0x200b), '4343 4343 4343 4345', VALID),
    hostile('zero-width joiners, set as the value', SetValue, interleave('4343434343434345', 0x200d), '4343 4343 4343 4345', VALID),
    hostile('a right-to-left override around the number', Paste, '\u202e4343434343434345\u202c', '4343 4343 4343 4345', VALID),
    hostile(
      'bidi isolates and marks, inserted as text',
      InsertText,
      '\u20664343\u2069\u200e4343\u200f4343\u20674345\u2069',
      '4343 4343 4343 4345',
      VALID,
    ),
    hostile('NUL characters, pasted', Paste, '4343\u00004343\u00004343\u00004345', '4343 4343 4343 4345', VALID),
    hostile('NUL characters, set as the value', SetValue, '\u00004343434343434345\u0000', '4343 4343 4343 4345', VALID),
    hostile('emoji around the number', Paste, '💳4343💳4343💳4343💳4345💳', '4343 4343 4343 4345', VALID),
    hostile('a lone high surrogate before the digits, pasted', Paste, interleave('5555444444444457', 0xd83d), '5555 4444 4444 4457', VALID),
    hostile('lone low surrogates, set as the value', SetValue, interleave('5555444444444457', 0xdc33), '5555 4444 4444 4457', VALID),
    hostile('a lone surrogate alone, typed', InsertText, units([0xd800]), '', INCOMPLETE),
    hostile('script and HTML text, pasted', Paste, '<script>alert(1)</script><img src=x onerror=alert(1)>', '11', invalid('invalid_number')),
    hostile('script and HTML text, set as the value', SetValue, '<svg onload=alert(1)><iframe src=javascript:alert(2)>', '12', invalid('invalid_number')),
    hostile('22 digits: a valid number with more after it', Paste, '4343434343434345000000', '4343 4343 4343 4345000', invalid('invalid_number')),
    hostile('30 nines, set as the value', SetValue, '9'.repeat(30), '9999 9999 9999 9999999', invalid('invalid_number')),
    hostile('all zeros', Paste, '0000 0000 0000 0000', '0000 0000 0000 0000', invalid('invalid_number')),
    hostile('letters, typed', TypeEach, 'abcdefgh', '', INCOMPLETE),
    hostile('letters and digits, typed', TypeEach, '4a3b4c3d', '4343', INCOMPLETE),
    hostile('dots, tabs and line breaks', Paste, '4343.4343\t4343\r\n4345', '4343 4343 4343 4345', VALID),
    hostile('no-break and ideographic spaces', SetValue, '4343\u00a04343\u30004343\u20074345', '4343 4343 4343 4345', VALID),
    hostile('superscript and mathematical digits (not digits)', Paste, '⁴³⁴³𝟒𝟑𝟒𝟑', '', INCOMPLETE),
    hostile('combining marks on the digits', Paste, '4\u03033\u03034\u03033\u0303434343434345', '4343 4343 4343 4345', VALID),
    hostile('a paste with the text only in the clipboard', PasteNoData, '4343-4343-4343-4345', '4343 4343 4343 4345', VALID),
    {
      ...hostile('a full field replaced by a Mastercard with emoji', Paste, '5555🙂4444🙂4444🙂4457', '5555 4444 4444 4457', VALID),
      before: '4343 4343 4343 4345',
    },
    {
      // The number was left complete, so it is touched: its error shows at once.
      ...hostile('a full field replaced by 1 MB of spaces', Paste, ' '.repeat(1 << 20), '', [false, true, 'incomplete_number']),
      before: '4343 4343 4343 4345',
    },
  ];
}

function expiryCases() {
  const { Paste, Drop, InsertText, TypeEach, SetValue } = How;
  return [
    hostile('12/2030, pasted', Paste, '12/2030', '12 / 30', VALID),
    hostile('12/2030, set as the value', SetValue, '12/2030', '12 / 30', VALID),
    // Typed, as pasted: a third year digit after `20` means a four-digit year is coming.
    hostile('12/2030, typed', TypeEach, '12/2030', '12 / 30', VALID),
    hostile('Arabic-Indic digits with a slash', Paste, '١٢/٣٠', '12 / 30', VALID),
    hostile('fullwidth digits and slash', InsertText, '１２／３０', '12 / 30', VALID),
    hostile('a dash for a slash', Drop, '12-30', '12 / 30', VALID),
    hostile('month 13', Paste, '13/30', '13 / 30', invalid('invalid_expiry')),
    hostile('all zeros', SetValue, '00/00', '00 / 00', invalid('invalid_expiry')),
    hostile('1 MB of ones', Paste, '1'.repeat(1 << 20), '11 / 11', invalid('expired')),
    hostile('1 MB of slashes, set as the value', SetValue, '/'.repeat(1 << 20), '', INCOMPLETE),
    hostile('a five-digit year', Paste, '12/20300', '12 / 30', VALID),
    hostile('letters, typed', TypeEach, 'ab/cd', '', INCOMPLETE),
    hostile('NUL characters', Paste, '1\u00002/3\u00000', '12 / 30', VALID),
    hostile('HTML around the date', Paste, '<b>12</b>/30', '12 / 30', VALID),
    hostile('a right-to-left embedding', SetValue, '\u202b12/30\u202c', '12 / 30', VALID),
    hostile('emoji and a lone surrogate', Paste, units([...utf16('📅12/30'), 0xd83d]), '12 / 30', VALID),
    hostile('spaces between every digit', SetValue, '1 / 2 0 3 0', '01 / 30', VALID),
    hostile('99, typed', TypeEach, '99', '09 / 9', invalid('invalid_expiry')),
  ];
}

function cvcCases() {
  const { Paste, TypeEach, SetValue } = How;
  return [
    hostile('Arabic-Indic digits, pasted', Paste, '١٢٣', '123', VALID),
    hostile('eight digits, set as the value', SetValue, '12345678', '1234', VALID),
    hostile('script text, pasted', Paste, '<script>1</script>', '1', INCOMPLETE),
    hostile('1 MB of nines, pasted', Paste, '9'.repeat(1 << 20), '9999', VALID),
    hostile('lone surrogates between digits', SetValue, interleave('12', 0xdfff), '12', INCOMPLETE),
    hostile('zero-width spaces and NUL', Paste, '1\u200b2\u00003', '123', VALID),
    hostile('letters, typed', TypeEach, 'abc', '', INCOMPLETE),
  ];
}

/**
 * Applies `c` to the field `name`, then checks its state, the page and the field's answer.
 * Returns the time the handling took (for the report; nothing asserts a wall-clock time).
 * @param {string} name @param {HostileCase} c
 */
async function run(name, c) {
  const [t, field] = mount();
  const uncaught = Uncaught.watch();
  try {
    const i = input(t, name);
    i.focus();
    if (c.before !== '') {
      typeText(i, c.before);
      assertEq(i.value, c.before, `${c.name}: prefilled`);
      // A complete number moves the focus on: come back, as the shopper would.
      i.focus();
      i.setSelectionRange(0, i.value.length);
    }
    const nodes = elementCount(t);
    const text = js(c.text);
    await nextFrame();

    const started = performance.now();
    switch (c.how) {
      case How.Paste:
        beforeInput(i, 'insertFromPaste', text);
        break;
      case How.PasteNoData: {
        // The browser inserts the clipboard's text itself: emulate it after the event.
        const ev = new InputEvent('beforeinput', { inputType: 'insertFromPaste', bubbles: true, cancelable: true });
        const handled = !i.dispatchEvent(ev);
        assert(!handled, `${c.name}: without data the browser inserts`);
        i.value = text;
        fireInput(i, 'insertFromPaste', null);
        break;
      }
      case How.Drop:
        beforeInput(i, 'insertFromDrop', text);
        break;
      case How.InsertText:
        beforeInput(i, 'insertText', text);
        break;
      case How.TypeEach:
        if (typeof c.text === 'string') typeText(i, c.text);
        else for (const unit of c.text.units) beforeInput(i, 'insertText', String.fromCharCode(unit));
        break;
      case How.SetValue:
        i.value = text;
        fireInput(i, 'insertReplacementText', null);
        break;
      case How.Composition:
        i.value = text;
        i.dispatchEvent(new Event('compositionend'));
        break;
      default:
        throw new Error(`unknown way in: ${c.how}`);
    }
    const took = performance.now() - started;
    // Nothing is left for later: by the next animation frame the field shows its result.
    await nextFrame();

    const label = c.name;
    assertEq(i.value, c.value, `${name}: ${label}: value`);
    const allowed = name === 'number' ? ' ' : name === 'expiry' ? ' /' : '';
    assert(
      [...i.value].every((ch) => /^[0-9]$/.test(ch) || allowed.includes(ch)),
      `${name}: ${label}: only digits and the field's separators are shown`,
    );
    const state = field.getState();
    const f = at(state, 'fields', name);
    assertEq(at(f, 'valid'), c.valid, `${name}: ${label}: valid`);
    assertEq(at(f, 'potentiallyValid'), c.potentiallyValid, `${name}: ${label}: potentiallyValid`);
    assertEq(str(at(f, 'error', 'code')), c.error, `${name}: ${label}: error shown`);
    assertEq(at(f, 'empty'), c.value === '', `${name}: ${label}: empty`);
    assertEq(i.getAttribute('aria-invalid'), c.error !== null ? 'true' : 'false', `${name}: ${label}: aria-invalid`);
    const uncaughtErrors = uncaught.take();
    assert(uncaughtErrors.length === 0, `${name}: ${label}: uncaught ${JSON.stringify(uncaughtErrors)}`);
    assertEq(elementCount(t), nodes, `${name}: ${label}: no element added`);
    // The fields' own brand icon (an <svg> in the badge, there from the mount) aside.
    const markup = [...t.querySelectorAll('script, img, svg, iframe')].filter((e) => e.parentElement?.className !== 'sealcard-brand');
    assert(markup.length === 0, `${name}: ${label}: no markup interpreted`);
    const messages = t.textContent ?? '';
    assert(!messages.includes('script') && !messages.includes('\u0000'), `${name}: ${label}: the input is never echoed in messages`);

    // The field still answers: emptied and typed into, it formats as usual.
    field.clear();
    i.focus();
    const [typed, shown] = name === 'number' ? ['42424', '4242 4'] : name === 'expiry' ? ['4', '04 / '] : ['73', '73'];
    typeText(i, typed);
    assertEq(i.value, shown, `${name}: ${label}: answers after`);
    assertEq(at(field.getState(), 'fields', name, 'empty'), false, `${name}: ${label}: state follows`);
    assert(uncaught.take().length === 0, `${name}: ${label}: clean after`);
    field.destroy();
    t.remove();
    return took;
  } finally {
    // Rust: `drop(uncaught)`; here also when an assertion failed, so the next case starts clean.
    uncaught.drop();
  }
}

/** Every row of `rows` as a case of its own, reported as the Rust `run_all` logged them. */
function runAll(/** @type {string} */ name, /** @type {string} */ title, /** @type {HostileCase[]} */ rows) {
  let slowest = { took: 0, name: '' };
  rows.forEach((c, k) => {
    test(`${title} › ${c.name}`, async () => {
      if (k === 0) slowest = { took: 0, name: '' };
      const took = await run(name, c);
      if (took > slowest.took) slowest = { took, name: c.name };
      const notes = [`${name}: ${took.toFixed(1)} ms: ${c.name}`];
      if (k === rows.length - 1) {
        notes.push(`${name}: ${rows.length} hostile cases; slowest handled in ${slowest.took.toFixed(1)} ms (${slowest.name})`);
      }
      return notes;
    });
  });
}

runAll('number', 'hostile input in the number field', numberCases());
runAll('expiry', 'hostile input in the expiry field', expiryCases());
runAll('cvc', 'hostile input in the security code field', cvcCases());

test('the catalogue has at least thirty cases', () => {
  const n = numberCases().length + expiryCases().length + cvcCases().length;
  assert(n >= 30, `${n} cases`);
});

/**
 * Hostile input one after another into one field, with no clearing in between: the state
 * always follows the value shown, and the number can then be corrected and completed.
 */
test('a barrage into one field then a real card', () => {
  const [t, field] = mount();
  const uncaught = Uncaught.watch();
  try {
    const n = input(t, 'number');
    n.focus();
    const barrage = [
      '4242 '.repeat(200_000),
      String.fromCharCode(0xd800, 0x0034, 0xdc00, 0x0000, 0x202e),
      "<script>document.title='x'</script>",
      '٤٣٤٣',
    ];
    for (const text of barrage) {
      const len = n.value.length;
      const caret = n.selectionStart ?? len;
      n.setSelectionRange(Math.floor(caret / 2), caret);
      beforeInput(n, 'insertFromPaste', text);
      const shown = n.value;
      const digits = [...shown].filter((ch) => /^[0-9]$/.test(ch)).length;
      assert(digits <= 19, 'cut to the longest number');
      const verdict = validateNumber(shown);
      const state = field.getState();
      assertEq(at(state, 'fields', 'number', 'valid'), verdict.valid, 'the state follows the value');
    }
    assertNe(document.title, 'x');
    n.setSelectionRange(0, n.value.length);
    beforeInput(n, 'insertFromPaste', '4343 4343 4343 4345');
    typeText(input(t, 'expiry'), '1240');
    typeText(input(t, 'cvc'), '123');
    assertEq(at(field.getState(), 'complete'), true, 'a real card completes the form');
    assert(uncaught.take().length === 0);
    field.destroy();
  } finally {
    uncaught.drop();
  }
});
