// sealcard/testing in every driver × browser pair it supports: the built kit (dist/testing/)
// drives the demo checkout (isolated and inline), pages of its own (two fields, a frame that
// cannot load, fields loaded with a live key), and real 3-D Secure challenges of the sandbox.
// Each pair's browser is launched once and its one page reused by every scenario.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, spawnSandbox, startSandbox } from '../e2e/sandbox.mjs';
import { PAIRS, launch } from './drivers.mjs';

const KIT = join(ROOT, 'dist', 'testing');
const { testCards } = await import(join(KIT, 'index.js'));

/** The demo (www/) and the kit's own pages (tests/testing/site/), each on three origins. */
const DEMO = { merchantPort: 18500, framePort: 18501, apiPort: 18502 };
const SITE = { merchant: 'http://localhost:18503', frame: 18504, api: 18505 };

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let demo;
/** @type {{ stop: () => Promise<void> }} */
let site;
before(async () => {
  demo = await startSandbox(DEMO);
  site = await spawnSandbox([
    '--api-port', String(SITE.api), '--rate-limit', '0',
    '--merchant-port', '18503', '--merchant-dir', join(ROOT, 'tests', 'testing', 'site'), '--merchant-assets', join(ROOT, 'dist'),
    '--frame-port', String(SITE.frame), '--frame-dir', join(ROOT, 'dist'),
  ]);
});
after(async () => {
  await demo?.stop();
  await site?.stop();
});

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const card = (/** @type {string} */ number) => ({ number, expiry: testCards.expiry, cvc: testCards.cvc });

/**
 * The demo's outcome after Pay: its result text and the typed error it recorded.
 * @param {import('./drivers.mjs').Session} s
 * @returns {Promise<{ text: string, error: string, paid: string }>}
 */
async function outcome(s) {
  for (let i = 0; i < 150; i++) {
    const r = await s.evaluate(`(() => { const r = document.getElementById('result');
      return { shown: !r.hidden, text: r.textContent, error: document.body.dataset.error ?? '', paid: document.body.dataset.paid ?? '' }; })()`);
    if (r.shown && r.text !== 'Processing…') return r;
    await sleep(100);
  }
  throw new Error('the demo showed no outcome');
}

/**
 * Waits until the demo's result box shows text matching `pattern`.
 * @param {import('./drivers.mjs').Session} s @param {RegExp} pattern
 */
async function resultShows(s, pattern) {
  let text = '';
  for (let i = 0; i < 100; i++) {
    try {
      text = await s.evaluate(`document.getElementById('result')?.textContent ?? ''`);
    } catch {
      // The page is navigating.
    }
    if (pattern.test(text)) return;
    await sleep(100);
  }
  assert.match(text, pattern);
}

/** Opens a page of the demo or of the site; for the demo, a fresh checkout. */
const open = (/** @type {import('./drivers.mjs').Session} */ s, /** @type {string} */ url) => s.goto(url);

for (const [driver, browser] of PAIRS) {
  describe(`sealcard/testing/${driver} in ${browser}`, () => {
    /** @type {import('./drivers.mjs').Session} */
    let s;
    before(async () => {
      s = await launch(driver, browser, KIT);
    });
    after(async () => s?.close());

    test('success: a Visa card typed key by key pays', async () => {
      await open(s, `${demo.merchant}/`);
      const ready = await s.kit.waitForReady(s.target);
      assert.deepEqual([ready.mode, ready.testMode, ready.empty, ready.brand], ['isolated', true, true, null]);
      const state = await s.kit.fillCard(s.target, card(testCards.visa));
      assert.deepEqual([state.complete, state.brand, state.errors], [true, 'visa', {}]);
      assert.ok(!JSON.stringify(state).includes('4345'), 'the state carries no digits');
      await s.click('#pay');
      const r = await outcome(s);
      assert.match(r.text, /visa •••• 4345.*succeeded/);
    });

    test('decline: the declined card is refused', async () => {
      await open(s, `${demo.merchant}/`);
      await s.kit.fillCard(s.target, card(testCards.declined));
      await s.click('#pay');
      const r = await outcome(s);
      assert.equal(r.error, 'card_declined final');
    });

    test('3-D Secure: authorize pays', async () => {
      await open(s, `${demo.merchant}/`);
      await s.kit.fillCard(s.target, card(testCards.threeDSecure));
      await s.click('#pay');
      await s.kit.completeThreeDSecure(s.target, 'authorize');
      const r = await outcome(s);
      assert.equal(r.paid, 'succeeded', r.text);
    });

    test('3-D Secure: fail leaves the payment unpaid', async () => {
      await open(s, `${demo.merchant}/`);
      await s.kit.fillCard(s.target, card(testCards.threeDSecure));
      await s.click('#pay');
      await s.kit.completeThreeDSecure(s.target, 'fail');
      const r = await outcome(s);
      assert.equal(r.error, 'authentication_incomplete retryable', r.text);
    });

    test('partial cards: readState shows each field error, clearCard empties the fields', async () => {
      await open(s, `${demo.merchant}/`);
      let state = await s.kit.fillCard(s.target, { number: '4343 4343', expiry: '13' });
      assert.equal(state.complete, false);
      assert.equal(state.brand, 'visa');
      assert.equal(state.errors.number?.code, 'incomplete_number');
      assert.match(state.errors.number?.message ?? '', /incomplete/);
      state = await s.kit.fillCard(s.target, { number: '4343434343434344', cvc: '1' }, {});
      state = await s.kit.readState(s.target);
      assert.equal(state.errors.number?.code, 'invalid_number', JSON.stringify(state));
      assert.equal(state.errors.expiry?.code, 'invalid_expiry', JSON.stringify(state));
      assert.equal(state.invalid, true);
      state = await s.kit.clearCard(s.target);
      assert.equal(state.empty, true);
      state = await s.kit.fillCard(s.target, card(testCards.mastercard));
      assert.deepEqual([state.complete, state.brand], [true, 'mastercard']);
    });

    test('inline mode: the fields in the page are filled and pay', async () => {
      await open(s, `${demo.merchant}/inline.html`);
      const ready = await s.kit.waitForReady(s.target, { container: '#card' });
      assert.equal(ready.mode, 'inline');
      const state = await s.kit.fillCard(s.target, card(testCards.visa));
      assert.equal(state.complete, true);
      await s.click('#pay');
      await resultShows(s, /succeeded/);
    });

    test('inline mode: 3-D Secure as a full-page redirect is answered on the page itself', async () => {
      await open(s, `${demo.merchant}/inline.html`);
      await s.kit.fillCard(s.target, card(testCards.threeDSecure));
      await s.click('#pay');
      await s.kit.completeThreeDSecure(s.target, 'authorize');
      // The challenge page returns to the shop, which reads the payment.
      await resultShows(s, /^Payment pi_\w+: succeeded$/);
    });

    test('two fields on one page: the container option picks one', async () => {
      await open(s, `${SITE.merchant}/two.html`);
      await assert.rejects(s.kit.waitForReady(s.target), { name: 'SealCardTestError', code: 'ambiguous_fields' });
      await s.kit.waitForReady(s.target, { container: '#card-a' });
      await s.kit.waitForReady(s.target, { container: '#card-b' });
      await s.kit.fillCard(s.target, card(testCards.mastercard), { container: '#card-b' });
      await s.kit.fillCard(s.target, { number: '4120' }, { container: '#card-a' });
      const a = await s.kit.readState(s.target, { container: '#card-a' });
      const b = await s.kit.readState(s.target, { container: '#card-b' });
      assert.deepEqual([a.brand, a.complete, b.brand, b.complete], ['visa', false, 'mastercard', true]);
      await assert.rejects(s.kit.readState(s.target, { container: '#card-c', timeout: 300 }), { code: 'no_fields' });
    });

    test('a frame that cannot load: a clear error naming the cause', async () => {
      await open(s, `${SITE.merchant}/broken.html?case=missing`);
      await assert.rejects(s.kit.waitForReady(s.target), (e) => {
        assert.equal(/** @type {any} */ (e).code, 'frame_load_failed');
        assert.equal(/** @type {any} */ (e).frameError, 'frame_not_found');
        assert.match(/** @type {Error} */ (e).message, /\/frame\/missing\.html.*not the sealcard frame page/);
        return true;
      });
      await open(s, `${SITE.merchant}/broken.html?case=blocked`);
      await assert.rejects(s.kit.fillCard(s.target, card(testCards.visa)), (e) => {
        assert.equal(/** @type {any} */ (e).code, 'frame_blocked');
        assert.match(/** @type {Error} */ (e).message, /Content-Security-Policy/);
        return true;
      });
    });

    test('live keys: fields loaded with a live key are refused before anything is typed', async () => {
      for (const [path, mode] of [['/live.html', 'isolated'], ['/inline.html', 'inline']]) {
        await open(s, `${SITE.merchant}${path}`);
        const ready = await s.kit.waitForReady(s.target);
        assert.deepEqual([ready.mode, ready.testMode], [mode, false]);
        await assert.rejects(s.kit.fillCard(s.target, card(testCards.visa)), { code: 'live_mode' });
        await assert.rejects(s.kit.clearCard(s.target), { code: 'live_mode' });
        const state = await s.kit.readState(s.target);
        assert.deepEqual([state.empty, state.focused], [true, false], 'nothing was typed, no field was even focused');
      }
    });

    test('no way in but typing: card data posted to the frame changes nothing', async () => {
      await open(s, `${demo.merchant}/`);
      await s.kit.waitForReady(s.target);
      const tokenizations = (await demo.stats()).tokenizations;
      // The page's own script, knowing the channel, sends every shape a "fill" message could take.
      await s.evaluate(`(() => {
        const frame = document.querySelector('iframe[data-sealcard="frame"]');
        const channel = new URLSearchParams(new URL(frame.src).hash.slice(1)).get('channel');
        const target = new URL(frame.src).origin;
        const card = { number: '4343434343434345', cardNumber: '4343434343434345', card_number: '4343434343434345', expiry: '12/40', cvc: '123' };
        for (const type of ['fill', 'fillCard', 'setValue', 'value', 'input', 'paste', 'type', 'test', 'init', 'update', 'focus', 'clear', 'autofill']) {
          frame.contentWindow.postMessage({ sealcard: channel, type, ...card, card, field: 'number', value: card.number, text: card.number,
            options: { ...card, values: card, value: card.number }, config: { publicKey: 'pk_test_sandbox', ...card } }, target);
          frame.contentWindow.postMessage({ type, ...card }, target);
        }
        frame.contentWindow.postMessage(card.number, target);
      })()`);
      await sleep(300);
      const state = await s.kit.readState(s.target);
      assert.deepEqual([state.empty, state.brand, state.complete], [true, null, false]);
      // Paying now tokenizes what the inputs hold: nothing.
      await s.evaluate(`document.getElementById('pay').disabled = false`);
      await s.click('#pay');
      const r = await outcome(s);
      assert.equal(r.error, 'incomplete_number final', r.text);
      assert.equal((await demo.stats()).tokenizations, tokenizations, 'no card reached the API');
    });

    test('no challenge: completeThreeDSecure fails clearly when none appears', async () => {
      await open(s, `${demo.merchant}/`);
      await s.kit.waitForReady(s.target);
      await assert.rejects(s.kit.completeThreeDSecure(s.target, 'authorize', { timeout: 400 }), { code: 'no_challenge' });
    });
  });
}
