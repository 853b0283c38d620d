// <sealcard-card> in headless Chromium and Firefox, against the sandbox: plain HTML (a script
// tag, isolated and inline), inside a shadow root (the npm ES module), inside a React tree; form
// validity, `required`, reset and `<fieldset disabled>` as for a native input; moves; attributes
// and properties; nothing before it is connected; configuration errors. Each browser is launched
// once for the file; the sandbox serves tests/element/site/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { inEachBrowser } from '../e2e/fixture.mjs';
import { CVC, EXPIRY, ROOT, VISA, fill, paid, problems, until, useShop } from './shop.mjs';

const shop = useShop({ siteDir: join(ROOT, 'tests', 'element', 'site'), ports: [18730, 18731, 18732], bundles: ['react-tree.js'] });

/** @typedef {import('./shop.mjs').TestPage} TestPage */

const CARD = 'document.getElementById("card")';
const FORM = 'document.getElementById("pay-form")';

/** Opens a page of the shop and waits until its card is ready. */
async function open(/** @type {TestPage} */ page, path = '/', card = CARD) {
  await page.goto(`${shop.merchant}${path}`);
  await until(page, `${card}?.ready`, 'the card is ready');
}

/** The element's validity as the form sees it. */
function validity(/** @type {TestPage} */ page, card = CARD) {
  return page.evaluate(`(() => { const c = ${card}; return {
    formValid: c.form.checkValidity(), valid: c.checkValidity(), invalidClass: c.matches(':invalid'),
    valueMissing: c.validity.valueMissing, badInput: c.validity.badInput, message: c.validationMessage,
    willValidate: c.willValidate }; })()`);
}

/** The recorded events of the card (see site/shop.js). */
const events = (/** @type {TestPage} */ page) => page.evaluate('window.__events');

/** The number of fields frames in the page, and whether each is ready. */
const frames = (/** @type {TestPage} */ page) =>
  page.evaluate(`[...document.querySelectorAll('iframe[data-sealcard="frame"]')].map((f) => f.hasAttribute('data-sealcard-ready'))`);

inEachBrowser('<sealcard-card>', ({ newPage }) => {
  test('plain HTML: the form is invalid until the card is complete, then the card pays on submit', async () => {
    const page = await newPage();
    await open(page);
    assert.deepEqual(await validity(page), {
      formValid: false, valid: false, invalidClass: true, valueMissing: true, badInput: false,
      message: 'Enter your card details.', willValidate: true,
    });
    await fill(page, { number: VISA.slice(0, 8) }, '#card');
    const partial = await validity(page);
    assert.deepEqual([partial.formValid, partial.valueMissing, partial.badInput], [false, false, true]);
    assert.ok(partial.message.length > 0);
    await fill(page, { number: VISA.slice(8), expiry: EXPIRY, cvc: CVC }, '#card');
    const complete = await validity(page);
    assert.deepEqual([complete.formValid, complete.invalidClass, complete.message], [true, false, '']);
    assert.equal(await page.evaluate(`document.getElementById('card').matches(':valid')`), true);

    const log = await events(page);
    assert.deepEqual(log[0], { type: 'ready', custom: true, bubbles: false, detail: {} });
    assert.ok(log.every((/** @type {any} */ e) => e.custom), 'only the element\'s CustomEvents');
    const changes = log.filter((/** @type {any} */ e) => e.type === 'change');
    assert.ok(changes.every((/** @type {any} */ e) => e.bubbles));
    assert.deepEqual([changes.at(-1).detail.complete, changes.at(-1).detail.brand], [true, 'visa']);
    const focused = log.filter((/** @type {any} */ e) => e.type === 'focus').map((/** @type {any} */ e) => e.detail.field);
    assert.deepEqual(focused, ['number', 'expiry', 'cvc']);
    assert.deepEqual(log.filter((/** @type {any} */ e) => e.type === 'blur').map((/** @type {any} */ e) => e.detail.field), ['number', 'expiry']);
    assert.ok(!JSON.stringify(log).includes(VISA.slice(6, 12)), 'no card digits in the events');

    await page.click('#pay');
    assert.equal(await paid(page), 'succeeded');
    assert.deepEqual(problems(page), []);
  });

  test('reset empties the card; a disabled fieldset disables it and bars it from validation', async () => {
    const page = await newPage();
    await open(page);
    await fill(page, { number: VISA, expiry: EXPIRY, cvc: CVC }, '#card');
    assert.equal((await validity(page)).formValid, true);
    await page.click('#reset');
    await until(page, `${CARD}.state?.empty`, 'the card is empty after reset');
    assert.deepEqual(await validity(page).then((v) => [v.formValid, v.valueMissing]), [false, true]);

    await page.evaluate(`document.getElementById('card-set').disabled = true`);
    const disabled = await page.evaluate(`(() => { const c = ${CARD}; c.focus(); return {
      disabled: c.matches(':disabled'), willValidate: c.willValidate, formValid: c.form.checkValidity(),
      inert: c.querySelector('iframe').closest('[inert]') !== null,
      focusedFrame: document.activeElement === c.querySelector('iframe') }; })()`);
    assert.deepEqual(disabled, { disabled: true, willValidate: false, formValid: true, inert: true, focusedFrame: false });

    await page.evaluate(`document.getElementById('card-set').disabled = false`);
    const enabled = await page.evaluate(`(() => { const c = ${CARD}; c.focus(); return {
      disabled: c.matches(':disabled'), formValid: c.form.checkValidity(), focusedFrame: document.activeElement === c.querySelector('iframe') }; })()`);
    assert.deepEqual(enabled, { disabled: false, formValid: false, focusedFrame: true });
    await fill(page, { number: VISA, expiry: EXPIRY, cvc: CVC }, '#card');
    assert.equal((await validity(page)).formValid, true);
  });

  test('without required, an empty card is valid and a partial one is not', async () => {
    const page = await newPage();
    await open(page);
    await page.evaluate(`${CARD}.required = false`);
    assert.equal(await page.evaluate(`${CARD}.hasAttribute('required')`), false);
    assert.deepEqual(await validity(page).then((v) => [v.formValid, v.valueMissing]), [true, false]);
    await fill(page, { number: '4343' }, '#card');
    assert.deepEqual(await validity(page).then((v) => [v.formValid, v.badInput]), [false, true]);
  });

  test('a move remounts one frame that becomes ready again; moveBefore keeps the frame and the typed card', async () => {
    const page = await newPage();
    await open(page);
    await page.evaluate(`document.getElementById('elsewhere').append(${CARD})`);
    await until(page, `window.__events.filter((e) => e.type === 'ready').length === 2`, 'a second ready after the move');
    assert.deepEqual(await frames(page), [true]);
    assert.equal(await page.evaluate(`${CARD}.parentElement.id`), 'elsewhere');

    await fill(page, { number: VISA, expiry: EXPIRY, cvc: CVC }, '#card');
    const moved = await page.evaluate(`(async () => {
      const card = ${CARD};
      if (!('moveBefore' in Element.prototype)) return 'no moveBefore';
      const frame = card.querySelector('iframe');
      ${FORM}.moveBefore(card, document.getElementById('pay'));
      await new Promise((r) => setTimeout(r, 200));
      return { sameFrame: card.querySelector('iframe') === frame, ready: card.ready, complete: card.state.complete,
        readies: window.__events.filter((e) => e.type === 'ready').length, valid: card.form.checkValidity() };
    })()`);
    if (moved !== 'no moveBefore') assert.deepEqual(moved, { sameFrame: true, ready: true, complete: true, readies: 2, valid: true });
    await page.click('#pay');
    assert.equal(await paid(page), 'succeeded');
    assert.deepEqual(problems(page), []);
  });

  test('attributes are reflected; accepted-brands remounts, locale updates in place', async () => {
    const page = await newPage();
    await open(page);
    const props = await page.evaluate(`(() => { const c = ${CARD}; return [c.publicKey, c.mode, c.acceptedBrands, c.required, c.disabled, c.locale]; })()`);
    assert.deepEqual(props, ['pk_test_sandbox', 'isolated', [], true, false, '']);

    await page.evaluate(`${CARD}.acceptedBrands = ['visa', 'american-express']`);
    assert.equal(await page.evaluate(`${CARD}.getAttribute('accepted-brands')`), 'visa american-express');
    await until(page, `window.__events.filter((e) => e.type === 'ready').length === 2`, 'ready after the remount');
    assert.deepEqual(await frames(page), [true]);
    const amex = await fill(page, { number: '378282246310005', expiry: EXPIRY, cvc: '1234' }, '#card');
    assert.deepEqual([amex.brand, amex.complete], ['american-express', true]);

    await page.evaluate(`(() => { const c = ${CARD}; window.__frame = c.querySelector('iframe'); c.locale = 'fil'; c.clear(); })()`);
    await fill(page, { number: '4343' }, '#card');
    await page.evaluate(`${CARD}.focus('cvc')`);
    const fil = await until(page, `${CARD}.state?.error?.message`, 'an error shown in Filipino');
    assert.match(String(fil), /Kulang ang numero/);
    assert.equal(await page.evaluate(`${CARD}.querySelector('iframe') === window.__frame`), true, 'the same frame');
    assert.equal(await page.evaluate(`${CARD}.validationMessage`), fil);
  });

  test('nothing happens before the element is connected; a secret key is refused with loaderror', async () => {
    const page = await newPage();
    await open(page);
    const detached = await page.evaluate(`(async () => {
      const c = document.createElement('sealcard-card');
      for (const a of ['public-key', 'api-base', 'frame-url']) c.setAttribute(a, ${CARD}.getAttribute(a));
      await new Promise((r) => setTimeout(r, 100));
      window.__detached = c;
      return { children: c.childElementCount, frames: document.querySelectorAll('iframe').length, ready: c.ready };
    })()`);
    assert.deepEqual(detached, { children: 0, frames: 1, ready: false });
    await page.evaluate(`document.body.append(window.__detached)`);
    await until(page, `window.__detached.ready`, 'the detached card is ready once connected');
    assert.deepEqual(await frames(page), [true, true]);
    await page.evaluate(`window.__detached.remove()`);
    assert.deepEqual(await frames(page), [true]);

    const refused = await page.evaluate(`(async () => {
      const c = ${CARD};
      const error = new Promise((r) => c.addEventListener('loaderror', (e) => r(e.detail.error), { once: true }));
      c.publicKey = 'sk_test_secret';
      const e = await error;
      const pay = await c.createPaymentMethod();
      return { code: e.code, type: e.type, echoed: e.message.includes('sk_test'), frames: c.querySelectorAll('iframe').length,
        ready: c.ready, pay: pay.error.code };
    })()`);
    assert.deepEqual(refused, { code: 'secret_key_forbidden', type: 'configuration_error', echoed: false, frames: 0, ready: false, pay: 'load_failed' });
    assert.ok(!page.requests.some((r) => r.url.includes('/payment_methods')), 'no request was made');
  });

  test('inline mode in plain HTML pays', async () => {
    const page = await newPage();
    await open(page, '/inline.html');
    assert.equal(await page.evaluate(`${CARD}.querySelector('[data-sealcard="fields"]') !== null`), true);
    assert.equal((await validity(page)).valueMissing, true);
    await fill(page, { number: VISA, expiry: EXPIRY, cvc: CVC }, '#card');
    assert.equal((await validity(page)).formValid, true);
    assert.ok((await events(page)).every((/** @type {any} */ e) => e.custom), 'the inputs\' own change events stay inside');
    await page.click('#pay');
    assert.equal(await paid(page), 'succeeded');
    assert.deepEqual(problems(page), []);
  });

  test('inside a shadow root: the form of the shadow tree validates it, and it pays', async () => {
    const page = await newPage();
    const card = `document.querySelector('shop-checkout').shadowRoot.getElementById('card')`;
    await open(page, '/shadow.html', card);
    assert.deepEqual(await validity(page, card).then((v) => [v.formValid, v.valueMissing]), [false, true]);
    await fillInShadow(page, { number: VISA, expiry: EXPIRY, cvc: CVC });
    await until(page, `${card}.state?.complete`, 'the card is complete');
    assert.equal((await validity(page, card)).formValid, true);
    await page.evaluate(`document.querySelector('shop-checkout').shadowRoot.getElementById('pay').click()`);
    assert.equal(await paid(page), 'succeeded');
    assert.deepEqual(problems(page), []);
  });

  test('inside a React tree (StrictMode): one frame, and it pays', async () => {
    const page = await newPage();
    await open(page, '/react-tree.html');
    assert.deepEqual(await frames(page), [true]);
    await fill(page, { number: VISA, expiry: EXPIRY, cvc: CVC }, '#card');
    assert.equal((await validity(page)).formValid, true);
    await page.click('#pay');
    assert.equal(await paid(page), 'succeeded');
    assert.equal(await page.evaluate('document.body.dataset.submitted'), '1', 'one submit handler after StrictMode');
    assert.deepEqual(problems(page).filter((m) => !/React DevTools/.test(m)), []);
  });
});

/**
 * Types a card into the frame inside `<shop-checkout>`'s shadow root, key by key. (The testing
 * kit looks up its fields with `document.querySelector`, which does not enter shadow roots.)
 * @param {TestPage} page @param {{ number: string, expiry: string, cvc: string }} card
 */
async function fillInShadow(page, card) {
  const input = (/** @type {string} */ name) => `input[data-sealcard-field="${name}"]`;
  if (page.driver.kind === 'playwright') {
    // Playwright's CSS engine enters open shadow roots.
    const frame = page.driver.page.frameLocator('shop-checkout iframe[data-sealcard="frame"]');
    for (const [name, text] of Object.entries(card)) await frame.locator(input(name)).pressSequentially(text);
    return;
  }
  const handle = await page.driver.page.waitForSelector('shop-checkout >>> iframe[data-sealcard="frame"]');
  const frame = await handle.contentFrame();
  for (const [name, text] of Object.entries(card)) {
    await frame.click(input(name));
    await page.driver.page.keyboard.type(text);
  }
}
