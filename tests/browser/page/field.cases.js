// Browser tests of the card field (inline mode), ported case for case from tests/web_field.rs:
// typing, deleting and pasting with the caret asserted, events and their payloads, destroy and
// remount, key rules, and real round trips to the sandbox (started by the test file at `API`),
// its fault injection included. Only the public API is used: `mountCardField` from the built
// `fields.js`, the CardField it returns, and the DOM.
import { AssertionError, assert, assertEq, at, show, str, suite, thrown } from './assert.js';
import { API, mountCardField } from './env.js';

export const { cases, test } = suite();

/**
 * @typedef {{ on: (event: string, handler: Function) => void, off: Function, focus: (field?: string) => void,
 *   clear: () => void, update: (options: object) => void, destroy: () => void, getState: () => any,
 *   createPaymentMethod: (o?: object) => Promise<any>, confirmPayment: (key: string, o?: object) => Promise<any> }} CardField
 */

/** @param {string} key */
function config(key) {
  return { publicKey: key, apiBase: API };
}

/** A fresh mount target in the body. */
function target() {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}

/** @param {string} key @returns {[HTMLElement, CardField]} */
function mount(key) {
  const t = target();
  const field = mountCardField(t, config(key), undefined);
  return [t, field];
}

/** @param {Element} t @param {string} name */
function input(t, name) {
  const i = t.querySelector(`.sealcard-${name} input`);
  assert(i instanceof HTMLInputElement, 'input element');
  return i;
}

/** @param {HTMLInputElement} i */
function caret(i) {
  const c = i.selectionStart;
  assert(c !== null, 'caret');
  return c;
}

/**
 * Dispatches a `beforeinput` as a keyboard, paste or delete would; returns whether the field
 * handled it (prevented the browser's default).
 * @param {HTMLInputElement} i @param {string} inputType @param {string | null} data
 */
function beforeInput(i, inputType, data) {
  const ev = new InputEvent('beforeinput', { inputType, data, bubbles: true, cancelable: true });
  return !i.dispatchEvent(ev);
}

/**
 * Types `text` one character at a time at the caret, as a keyboard does: `beforeinput`, and
 * when the field does not handle it, the browser's own insertion followed by `input`.
 * @param {HTMLInputElement} i @param {string} text
 */
function typeText(i, text) {
  i.focus();
  for (const c of text) {
    if (!beforeInput(i, 'insertText', c)) {
      const value = i.value;
      const start = i.selectionStart ?? 0;
      const end = i.selectionEnd ?? 0;
      let next = value.slice(0, start) + c;
      const caret = next.length;
      next += value.slice(end);
      i.value = next;
      i.setSelectionRange(caret, caret);
      i.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: c, bubbles: true }));
    }
  }
}

/** @param {HTMLInputElement} i @param {number} start @param {number} end */
function select(i, start, end) {
  i.focus();
  i.setSelectionRange(start, end);
}

/**
 * Records the payloads of an event.
 * @param {CardField} field @param {string} event
 */
function record(field, event) {
  /** @type {any[]} */
  const log = [];
  field.on(event, (/** @type {unknown} */ v) => void log.push(v));
  return log;
}

/** @param {number} ms */
function tick(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Fires a plain `input` event, as autofill or an IME does after changing the value. */
function fireInput(/** @type {HTMLInputElement} */ i) {
  i.dispatchEvent(new Event('input'));
}

test('mounts accessible inputs and fires ready', async () => {
  const [t, field] = mount('pk_test_sandbox');
  const ready = record(field, 'ready');
  for (const [name, autocomplete] of [
    ['number', 'cc-number'],
    ['expiry', 'cc-exp'],
    ['cvc', 'cc-csc'],
  ]) {
    const i = input(t, name);
    assertEq(i.getAttribute('autocomplete'), autocomplete);
    assertEq(i.getAttribute('inputmode'), 'numeric');
    assert(i.getAttribute('pattern') === null);
    assert(i.getAttribute('name') === null, 'no name: a form never posts the card');
    const label = t.querySelector(`label[for='${i.id}']`);
    assert(label !== null, 'label');
    assert((label.textContent ?? '') !== '');
    const described = i.getAttribute('aria-describedby');
    assert(described !== null, 'describedby');
    assert(document.getElementById(described) !== null);
    assertEq(i.getAttribute('aria-invalid'), 'false');
  }
  const live = t.querySelector('[role=status]');
  assert(live !== null, 'live region');
  assertEq(live.getAttribute('aria-live'), 'polite');
  await tick(0);
  assertEq(ready.length, 1);
  field.destroy();
});

test('typing formats with the caret kept', () => {
  const [t, field] = mount('pk_test_sandbox');
  const n = input(t, 'number');
  typeText(n, '42424242');
  assertEq([n.value, caret(n)], ['4242 4242', 9]);
  // Insert in the middle: the caret stays after the typed digit.
  select(n, 4, 4);
  typeText(n, '1');
  assertEq([n.value, caret(n)], ['4242 1424 2', 6]);
  // Backspace right after a gap deletes the digit before the gap.
  select(n, 5, 5);
  assert(beforeInput(n, 'deleteContentBackward', null));
  assertEq([n.value, caret(n)], ['4241 4242', 3]);
  // Delete right before a gap deletes the digit after it.
  select(n, 4, 4);
  assert(beforeInput(n, 'deleteContentForward', null));
  assertEq([n.value, caret(n)], ['4241 242', 4]);
  // Select and overwrite.
  select(n, 0, 8);
  typeText(n, '3');
  assertEq([n.value, caret(n)], ['3', 1]);
  // Paste a formatted Amex: Amex gaps, cut at 15 digits.
  select(n, 0, 1);
  assert(beforeInput(n, 'insertFromPaste', '3782-822463-10005-999'));
  assertEq([n.value, caret(n)], ['3782 822463 10005', 17]);
  field.destroy();
});

test('expiry and cvc format as typed', () => {
  const [t, field] = mount('pk_test_sandbox');
  const e = input(t, 'expiry');
  typeText(e, '4');
  assertEq([e.value, caret(e)], ['04 / ', 5]);
  assert(beforeInput(e, 'deleteContentBackward', null));
  assertEq(e.value, '0');
  select(e, 0, 1);
  assert(beforeInput(e, 'insertFromPaste', '12/2040'));
  assertEq(e.value, '12 / 40');
  // Autofill or IME: the value changes first, then `input`; the field reformats.
  const c = input(t, 'cvc');
  c.focus();
  c.value = '12a34';
  fireInput(c);
  assertEq(c.value, '1234', '4 digits while no brand is known');
  const n = input(t, 'number');
  n.value = '4242424242424242';
  fireInput(n);
  assertEq(n.value, '4242 4242 4242 4242');
  c.value = '1234';
  fireInput(c);
  assertEq(c.value, '123', 'Visa codes have 3 digits');
  field.destroy();
});

test('change events carry the state', () => {
  const [t, field] = mount('pk_test_sandbox');
  const changes = record(field, 'change');
  const n = input(t, 'number');
  typeText(n, '4343434343434345');
  assert(changes.length > 0, 'a change');
  let last = changes[changes.length - 1];
  assertEq(str(at(last, 'brand')), 'visa');
  assertEq(at(last, 'fields', 'number', 'complete'), true);
  assertEq(at(last, 'complete'), false);
  assert(at(last, 'error') === undefined);
  // Auto-advance: a complete number moves focus to the expiry.
  assertEq(document.activeElement, input(t, 'expiry'));
  typeText(input(t, 'expiry'), '1240');
  assertEq(document.activeElement, input(t, 'cvc'));
  typeText(input(t, 'cvc'), '123');
  assert(changes.length > 0, 'a change');
  last = changes[changes.length - 1];
  assertEq(at(last, 'complete'), true);
  assertEq(at(last, 'empty'), false);
  const root = t.firstElementChild;
  assert(root !== null, 'root');
  assert(root instanceof HTMLElement, 'html');
  assert(root.classList.contains('is-complete'));
  // A hopeless number shows its error at once, on the field and in the payload.
  field.clear();
  typeText(n, '7777');
  assert(changes.length > 0, 'a change');
  last = changes[changes.length - 1];
  assertEq(str(at(last, 'error', 'code')), 'invalid_number');
  assertEq(str(at(last, 'error', 'type')), 'validation_error');
  assertEq(n.getAttribute('aria-invalid'), 'true');
  assert(root.classList.contains('is-invalid'));
  const describedBy = n.getAttribute('aria-describedby');
  assert(describedBy !== null, 'id');
  const errorText = document.getElementById(describedBy)?.textContent ?? '';
  assertEq(errorText, 'Your card number is invalid.');
  assertEq(at(field.getState(), 'complete'), false);
  field.destroy();
});

test('unsupported brand and filipino messages', () => {
  const t = target();
  const cfg = {
    publicKey: 'pk_test_sandbox',
    apiBase: API,
    locale: 'fil',
    messages: { invalid_cvc: 'Custom CVC text' },
  };
  const field = mountCardField(t, cfg, undefined);
  const n = input(t, 'number');
  typeText(n, '378282246310005');
  let state = field.getState();
  assertEq(str(at(state, 'fields', 'number', 'error', 'code')), 'unsupported_brand');
  assertEq(str(at(state, 'error', 'message')), 'Hindi tinatanggap ang ganitong uri ng card. Gumamit ng ibang card.');
  const c = input(t, 'cvc');
  typeText(c, '12345');
  assertEq(c.value, '1234', "cut at the brand's code length");
  c.blur();
  state = field.getState();
  assertEq(at(state, 'fields', 'cvc', 'valid'), true);
  const label = t.querySelector('.sealcard-number label');
  assert(label !== null, 'label');
  assertEq(label.textContent, 'Numero ng card');
  field.update({ locale: 'en' });
  assertEq(label.textContent, 'Card number');
  field.destroy();
});

test('focus blur and enter submit', () => {
  const [t, field] = mount('pk_test_sandbox');
  const focus = record(field, 'focus');
  const blur = record(field, 'blur');
  const submit = record(field, 'submit');
  field.focus('cvc');
  assertEq(document.activeElement, input(t, 'cvc'));
  field.focus(undefined);
  assertEq(focus.length, 2);
  assertEq(str(at(focus[0], 'field')), 'cvc');
  assertEq(str(at(blur[0], 'field')), 'cvc');
  const ev = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
  input(t, 'number').dispatchEvent(ev);
  assertEq(submit.length, 1);
  thrown(() => field.focus('pin'), 'unknown field is a TypeError');
  thrown(() => field.on('nope', function () {}));
  field.destroy();
});

test('destroy and remount twice leave nothing behind', () => {
  const sheets = () => Array.from(/** @type {any} */ (document).adoptedStyleSheets).length;
  const before = sheets();
  const t = target();
  for (let round = 0; round < 2; round++) {
    const f1 = mountCardField(t, config('pk_test_sandbox'), undefined);
    f1.destroy();
    f1.destroy();
    const f2 = mountCardField(t, config('pk_test_sandbox'), undefined);
    assertEq(t.childElementCount, 1);
    const changes = record(f2, 'change');
    typeText(input(t, 'number'), '4');
    assertEq(changes.length, 1, 'one live field answers');
    f2.destroy();
  }
  assertEq(t.childElementCount, 0);
  assertEq(sheets(), before);
});

/**
 * The code of the configuration error `mountIt` throws.
 * @param {() => unknown} mountIt
 */
function errorCodeOfThrow(mountIt) {
  const e = thrown(mountIt);
  assertEq(str(at(e, 'type')), 'configuration_error');
  const code = str(at(e, 'code'));
  assert(code !== null, 'code');
  return code;
}

test('key and endpoint rules', () => {
  const mountWith = (/** @type {string} */ key, /** @type {string} */ base) => () =>
    mountCardField(target(), { publicKey: key, apiBase: base }, undefined);
  assertEq(errorCodeOfThrow(mountWith('sk_test_sandbox', API)), 'secret_key_forbidden');
  const e = thrown(mountWith('sk_live_SECRET123', API));
  assert(!(str(at(e, 'message')) ?? '').includes('SECRET123'));
  assertEq(errorCodeOfThrow(mountWith('pk_nope', API)), 'invalid_public_key');
  assertEq(errorCodeOfThrow(mountWith('pk_test_sandbox', 'http://example.com/v1')), 'insecure_endpoint');
  assertEq(errorCodeOfThrow(mountWith('pk_test_sandbox', 'not a url')), 'invalid_api_base');
  // Live keys need an https: API even on a secure page (the test page, on loopback, is one).
  assertEq(errorCodeOfThrow(mountWith('pk_live_abc', API)), 'insecure_endpoint');
});

// ---- Round trips to the sandbox (started by the test file with --cors-loopback). ----

/** The sandbox's origin, from the API base. */
function apiOrigin() {
  return API.replace(/(\/v1)+$/, '');
}

/**
 * Calls the sandbox: `method path` with a JSON body and an optional key.
 * @param {string} method @param {string} path @param {unknown} [body] @param {string} [key]
 * @returns {Promise<[number, any]>}
 */
async function call(method, path, body, key) {
  const headers = new Headers();
  /** @type {RequestInit} */
  const init = { method };
  if (body !== undefined) {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(body);
  }
  if (key !== undefined) headers.set('authorization', `Basic ${btoa(`${key}:`)}`);
  init.headers = headers;
  const response = await fetch(new Request(`${apiOrigin()}${path}`, init));
  const status = response.status;
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return [status, json];
}

/** @param {object} spec */
async function fault(spec) {
  const [status] = await call('POST', '/__admin/faults', spec);
  assert(status < 300, 'fault armed');
}

/** @param {'tokenizations' | 'requests'} counter */
async function stat(counter) {
  const n = at((await call('GET', '/__admin/stats'))[1], counter);
  assert(typeof n === 'number', 'count');
  return n;
}

const tokenizations = () => stat('tokenizations');
const requests = () => stat('requests');

/**
 * A mounted field with a complete card typed in.
 * @param {string} key @param {string} number @param {object} [extra]
 * @returns {[HTMLElement, CardField]}
 */
function filled(key, number, extra = {}) {
  const t = target();
  const field = mountCardField(t, { publicKey: key, apiBase: API, ...extra }, undefined);
  typeText(input(t, 'number'), number);
  typeText(input(t, 'expiry'), '1240');
  typeText(input(t, 'cvc'), '123');
  assertEq(at(field.getState(), 'complete'), true);
  return [t, field];
}

/**
 * Awaits a promise that must never reject (Rust: `JsFuture::from(..).await.expect(..)`).
 * @template T @param {Promise<T>} promise @param {string} [what]
 */
async function settled(promise, what = 'never rejects') {
  try {
    return await promise;
  } catch (e) {
    throw new AssertionError(`${what}: ${show(e)}`);
  }
}

/** @param {CardField} field */
function tokenize(field) {
  return settled(field.createPaymentMethod(undefined));
}

test('tokenizes against the sandbox and clears', async () => {
  const [t, field] = filled('pk_test_sandbox', '4343434343434345');
  const before = await tokenizations();
  const r = await tokenize(field);
  const pm = at(r, 'paymentMethod');
  assert((str(at(pm, 'id')) ?? '').startsWith('pm_'), show(r));
  assertEq(str(at(pm, 'brand')), 'visa');
  assertEq(str(at(pm, 'last4')), '4345');
  assertEq(at(pm, 'expMonth'), 12);
  assertEq(at(pm, 'expYear'), 2040);
  assertEq(at(pm, 'livemode'), false);
  assertEq((await tokenizations()) - before, 1);
  assertEq(input(t, 'number').value, '', 'cleared after success');
  assertEq(input(t, 'cvc').value, '');
  field.destroy();
});

test('a tokenization empties the fields after its result; fields changed before that stay', async () => {
  const [t, field] = filled('pk_test_sandbox', '4343434343434345');
  const before = await tokenizations();
  const first = at(await tokenize(field), 'paymentMethod');
  // Right after the result the card still shows: it is emptied in a later task.
  assertEq(at(field.getState(), 'complete'), true, 'not yet emptied');
  assert(Object.is(field.createPaymentMethod(undefined), field.createPaymentMethod(undefined)));
  // Typed over before then, the fields are the shopper's: they stay, and tokenize anew.
  const number = input(t, 'number');
  number.setSelectionRange(0, number.value.length);
  typeText(number, '5555444444444457');
  await new Promise((r) => setTimeout(r, 20));
  assertEq(number.value, '5555 4444 4444 4457', 'kept');
  const second = at(await tokenize(field), 'paymentMethod');
  assert(at(second, 'id') !== at(first, 'id'), 'a second payment method');
  assertEq(str(at(second, 'brand')), 'mastercard');
  assertEq((await tokenizations()) - before, 2);
  assertEq(number.value, '', 'emptied after the second');
  field.destroy();
});

test('calls in flight share one promise and one request', async () => {
  const [, field] = filled('pk_test_sandbox', '5555444444444457');
  await fault({ endpoint: 'payment_methods', kind: 'latency', latency_ms: 300 });
  const before = await tokenizations();
  const a = field.createPaymentMethod(undefined);
  const b = field.createPaymentMethod(undefined);
  assert(Object.is(a, b), 'the same promise');
  const ra = await settled(a, 'a');
  const rb = await settled(b, 'b');
  assert(Object.is(ra, rb));
  const pm = at(ra, 'paymentMethod');
  assert(typeof pm === 'object' && pm !== null);
  assertEq((await tokenizations()) - before, 1, 'one payment method');
  field.destroy();
});

/**
 * Arms `spec` on payment_methods, tokenizes, and checks the error code, its retryable flag,
 * that the shopper's input stayed, and that a retry then succeeds.
 * @param {object} spec @param {string} code @param {boolean} retryable @param {object} [extra]
 */
async function faultCase(spec, code, retryable, extra = {}) {
  const [t, field] = filled('pk_test_sandbox', '4343434343434345', extra);
  await fault({ endpoint: 'payment_methods', ...spec });
  const r = await tokenize(field);
  const e = at(r, 'error');
  assertEq(str(at(e, 'code')), code, show(r));
  assertEq(at(e, 'retryable'), retryable, code);
  const message = str(at(e, 'message'));
  assert(message !== null && message !== '' && !message.includes('4343'));
  assertEq(input(t, 'number').value, '4343 4343 4343 4345', `${code}: input kept`);
  assertEq(input(t, 'cvc').value, '123');
  // The next attempt goes through.
  const again = await tokenize(field);
  const pm = at(again, 'paymentMethod');
  assert(typeof pm === 'object' && pm !== null, `${code}: retry succeeds: ${show(again)}`);
  field.destroy();
  return e;
}

test('every error maps to its code', async () => {
  await faultCase({ kind: 'status_500' }, 'server_error', true);
  await faultCase({ kind: 'status_502' }, 'server_error', true);
  await faultCase({ kind: 'drop' }, 'network_error', true);
  await faultCase({ kind: 'status', status: 429 }, 'rate_limited', true);
  let e = await faultCase({ kind: 'status', status: 401 }, 'authentication_failed', false);
  assertEq(str(at(e, 'type')), 'api_error');
  e = await faultCase({ kind: 'status', status: 404 }, 'api_error', false);
  assertEq(str(at(e, 'apiCode')), 'resource_not_found');
  await faultCase({ kind: 'latency', latency_ms: 1500 }, 'timeout', true, { timeout: 300 });
});

test('field errors from the api land on their field', async () => {
  for (const [attribute, code, fieldName] of [
    ['card_number', 'invalid_number', 'number'],
    ['expired', 'expired', 'expiry'],
    ['exp_month', 'invalid_expiry', 'expiry'],
    ['cvc', 'invalid_cvc', 'cvc'],
  ]) {
    const [t, field] = filled('pk_test_sandbox', '4343434343434345');
    await fault({ endpoint: 'payment_methods', kind: 'status', attribute });
    const r = await tokenize(field);
    const e = at(r, 'error');
    assertEq(str(at(e, 'code')), code, attribute);
    assertEq(str(at(e, 'field')), fieldName);
    assert(str(at(e, 'apiCode')) !== null);
    const state = field.getState();
    assertEq(str(at(state, 'fields', fieldName, 'error', 'code')), code);
    const i = input(t, fieldName);
    assertEq(i.getAttribute('aria-invalid'), 'true');
    assert(i.value !== '', 'input kept');
    field.destroy();
  }
});

test('malformed answer then retry reuses the idempotency key', async () => {
  const [, field] = filled('pk_test_sandbox', '4343434343434345');
  // The sandbox creates the payment method, then answers with a cut body.
  await fault({ endpoint: 'payment_methods', kind: 'malformed' });
  const before = await tokenizations();
  const r = await tokenize(field);
  assertEq(str(at(r, 'error', 'code')), 'invalid_response');
  // The retry of the same attempt replays the first result: still one payment method.
  const again = await tokenize(field);
  const pm = at(again, 'paymentMethod');
  assert(typeof pm === 'object' && pm !== null, show(again));
  assertEq((await tokenizations()) - before, 1, 'exactly one payment method');
  field.destroy();
});

test('an unknown key gets 401 and a secret key makes no request', async () => {
  const [, field] = filled('pk_test_nobody', '4343434343434345');
  const r = await tokenize(field);
  assertEq(str(at(r, 'error', 'code')), 'authentication_failed');
  field.destroy();

  const before = await requests();
  assertEq(errorCodeOfThrow(() => mountCardField(target(), config('sk_test_sandbox'), undefined)), 'secret_key_forbidden');
  // Only the stats call itself was made.
  assertEq((await requests()) - before, 1, 'no request for a secret key');
});

test('incomplete input makes no request and shows errors', async () => {
  const t = target();
  const field = mountCardField(t, config('pk_test_sandbox'), undefined);
  typeText(input(t, 'number'), '4343');
  const before = await requests();
  const r = await tokenize(field);
  assertEq(str(at(r, 'error', 'code')), 'incomplete_number');
  assertEq(str(at(r, 'error', 'type')), 'validation_error');
  assertEq((await requests()) - before, 1, 'no request');
  // The submit attempt shows every field's error.
  assertEq(input(t, 'expiry').getAttribute('aria-invalid'), 'true');
  field.destroy();
});

/** A payment intent for ₱1,499.00 by card; resolves to its client key. */
async function intent() {
  const body = { data: { attributes: { amount: 149900, currency: 'PHP', payment_method_allowed: ['card'] } } };
  const [status, json] = await call('POST', '/v1/payment_intents', body, 'sk_test_sandbox');
  assertEq(status, 200);
  const key = str(at(json, 'data', 'attributes', 'client_key'));
  assert(key !== null, 'client key');
  return key;
}

/** @param {CardField} field @param {string} clientKey */
function confirm(field, clientKey) {
  return settled(field.confirmPayment(clientKey, { returnUrl: 'http://localhost/done' }));
}

test('confirm payment pays declines and hands over 3ds', async () => {
  let [t, field] = filled('pk_test_sandbox', '4343434343434345');
  const key = await intent();
  let r = await confirm(field, key);
  assertEq(str(at(r, 'status')), 'succeeded', show(r));
  assertEq(str(at(r, 'paymentIntentId')), key.split('_client_')[0]);
  assertEq(input(t, 'number').value, '', 'cleared after payment');
  field.destroy();

  [t, field] = filled('pk_test_sandbox', '5100000000000198');
  r = await confirm(field, await intent());
  const e = at(r, 'error');
  assertEq(str(at(e, 'code')), 'card_declined', show(r));
  assertEq(str(at(e, 'apiCode')), 'insufficient_funds');
  assert((str(at(e, 'message')) ?? '').includes('insufficient funds'));
  assertEq(input(t, 'number').value, '5100 0000 0000 0198', 'kept to try again');
  field.destroy();

  [, field] = filled('pk_test_sandbox', '4120000000000007');
  r = await confirm(field, await intent());
  assertEq(str(at(r, 'status')), 'awaiting_next_action', show(r));
  assert((str(at(r, 'nextAction', 'url')) ?? '').includes('/3ds/'));
  r = await confirm(field, 'not-a-client-key');
  assertEq(str(at(r, 'error', 'code')), 'invalid_client_key');
  field.destroy();
});

// ---- The editing the Rust fields do, and where the card goes. ----

test('the security code is edited by the fields too', () => {
  const [t, field] = mount('pk_test_sandbox');
  const c = input(t, 'cvc');
  c.focus();
  // A paste is taken over (the default prevented) and shows formatted at once.
  assert(beforeInput(c, 'insertFromPaste', '12a34'), 'handled');
  assertEq([c.value, caret(c)], ['1234', 4], '4 digits while no brand is known');
  select(c, 1, 1);
  assert(beforeInput(c, 'deleteContentBackward', null));
  assertEq([c.value, caret(c)], ['234', 0]);
  select(c, 0, 0);
  assert(beforeInput(c, 'deleteContentForward', null));
  assertEq([c.value, caret(c)], ['34', 0]);
  field.destroy();
});

test('a four-digit year typed gives what pasting gives', () => {
  const [t, field] = mount('pk_test_sandbox');
  const e = input(t, 'expiry');
  typeText(e, '12/2030');
  assertEq([e.value, caret(e)], ['12 / 30', 7]);
  assertEq(at(field.getState(), 'fields', 'expiry', 'valid'), true);
  field.clear();
  typeText(e, '1230');
  assertEq(e.value, '12 / 30');
  field.destroy();
});

test('deleting the 0 of 02 keeps the 2 where it was', () => {
  const [t, field] = mount('pk_test_sandbox');
  const e = input(t, 'expiry');
  typeText(e, '02');
  assertEq(e.value, '02 / ');
  select(e, 1, 1);
  assert(beforeInput(e, 'deleteContentBackward', null));
  assertEq([e.value, caret(e)], ['2', 0]);
  // Typing the 1 back in front gives the month again.
  typeText(e, '1');
  assertEq(e.value.slice(0, 2), '12');
  field.destroy();
});

/** The Rust fields' prototype, as the view calls it (the same module instance as fields.js'). */
async function fieldsPrototype() {
  const glue = await import('/frame/sealcard_fields.js');
  return /** @type {Record<string, unknown>} */ (glue.Fields.prototype);
}

test('the card is sent by the wasm module, never returned by it', async () => {
  const proto = await fieldsPrototype();
  /** @type {unknown[]} every value a wasm export returned (promises: what they resolved to) */
  const returned = [];
  /** @type {[string, Function][]} */
  const wrapped = [];
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original = Object.getOwnPropertyDescriptor(proto, name)?.value;
    if (name === 'constructor' || typeof original !== 'function') continue;
    wrapped.push([name, original]);
    proto[name] = function (/** @type {unknown[]} */ ...args) {
      const v = original.apply(this, args);
      returned.push(v);
      if (v instanceof Promise) v.then((r) => returned.push(r));
      return v;
    };
  }
  /** @type {{ url: string, stack: string, body: unknown }[]} */
  const fetches = [];
  const realFetch = window.fetch;
  window.fetch = function (/** @type {RequestInfo | URL} */ resource, /** @type {RequestInit | undefined} */ init) {
    const url = resource instanceof Request ? resource.url : String(resource);
    fetches.push({ url, stack: new Error('fetch').stack ?? '', body: init?.body });
    return realFetch.call(this, resource, init);
  };
  try {
    const [t, field] = filled('pk_test_sandbox', '4539817260519300');
    input(t, 'number').focus();
    input(t, 'number').blur();
    field.getState();
    const r = await tokenize(field);
    assert((str(at(r, 'paymentMethod', 'id')) ?? '').startsWith('pm_'), show(r));
    const sent = fetches.filter((f) => f.url.endsWith('/payment_methods'));
    assertEq(sent.length, 1, 'one tokenization request');
    const stack = sent[0]?.stack ?? '';
    // Chromium names wasm frames `wasm://wasm/…` / `wasm-function[n]`, Firefox `….wasm:wasm-function[n]`.
    assert(/wasm-function|\.wasm|wasm:\/\//.test(stack), `a wasm frame on the stack of fetch:\n${stack}`);
    await tick(0);
    const seen = JSON.stringify(returned.map((v) => (v instanceof Promise ? 'promise' : v)));
    assert(returned.length > 5, 'exports were called');
    for (const secret of ['4539817260519300', '4539 8172 6051 9300', '98172605', '"123"']) {
      assert(!seen.includes(secret), `no export returned ${secret}: ${seen.slice(0, 300)}`);
    }
    field.destroy();
  } finally {
    window.fetch = realFetch;
    for (const [name, original] of wrapped) proto[name] = original;
  }
});
