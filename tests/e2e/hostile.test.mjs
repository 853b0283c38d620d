// The widget on hostile pages, in headless Chromium and Firefox. A script of the shop's page
// (a skimmer, a compromised third party) replaces one of `window.postMessage`,
// `EventTarget.prototype.addEventListener`, `JSON.parse`, `Promise`, `Array.prototype.push` or
// `crypto.getRandomValues` — before the loader is evaluated, or after it and before the shop
// mounts the fields — records all it sees and forges what it can. The shopper still pays; the
// card never reaches the page; no forged message is taken for the frame's. And the demo, which
// requires Trusted Types, pays with no CSP violation in the page or in the frame.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSTRUMENT, cardDataIn } from '../../proof/hostile.mjs';
import { CVC, FRAME, PAN, RECORD_UNCAUGHT, inEachBrowser, outcome, typeCard, uncaught, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18220, framePort: 18221, apiPort: 18222 };
const demo = useDemo(PORTS);

/**
 * The poisons, each a function body run in the shop's page with `saw(value)` (records what the
 * poison is handed) and `attack` (what it did: `forged`, `accepted`).
 */
const POISONS = {
  'window.postMessage': `
    const original = window.postMessage;
    window.postMessage = function (...args) { saw(args); return original.apply(this, args); };`,
  'EventTarget.prototype.addEventListener': `
    const original = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (type, fn, options) {
      if (type === 'message' && this === window && typeof fn === 'function') {
        attack.listeners++;
        // Spy on every message the listener gets, and feed it forgeries dressed as the frame's.
        const spy = function (e) { saw(e.data); return fn.apply(this, arguments); };
        setTimeout(() => {
          const frame = document.querySelector('${FRAME}');
          if (!frame) return;
          const channel = new URLSearchParams(new URL(frame.src).hash.slice(1)).get('channel');
          const source = frame.contentWindow;
          const origin = new URL(frame.src).origin;
          for (const data of [
            { sealcard: channel, type: 'ready' },
            { sealcard: channel, type: 'resize', height: 1234 },
            { sealcard: channel, type: 'change', payload: { complete: true, brand: 'forged' } },
          ]) {
            const fakes = [
              { isTrusted: true, origin, source, data },
              Object.create(MessageEvent.prototype, { isTrusted: { value: true }, origin: { value: origin }, source: { value: source }, data: { value: data } }),
              new MessageEvent('message', { origin, source, data }),
            ];
            for (const fake of fakes) {
              attack.forged++;
              try { fn.call(window, fake); } catch {}
              if ('sealcardReady' in frame.dataset || frame.style.height === '1234px') attack.accepted++;
            }
          }
        });
        return original.call(this, type, spy, options);
      }
      return original.call(this, type, fn, options);
    };`,
  'JSON.parse': `
    const original = JSON.parse;
    JSON.parse = function (text, reviver) { saw(text); return original.call(this, text, reviver); };`,
  Promise: `
    const Original = Promise;
    window.Promise = class extends Original {
      constructor(executor) {
        super((resolve, reject) => executor((value) => { saw(value); resolve(value); }, reject));
      }
    };`,
  'Array.prototype.push': `
    const original = Array.prototype.push;
    let inside = false;
    Array.prototype.push = function (...items) {
      if (!inside) { inside = true; try { for (const item of items) saw(item); } finally { inside = false; } }
      return original.apply(this, items);
    };`,
  'crypto.getRandomValues': `
    // Predictable "randomness": every channel id would be 0-0.
    crypto.getRandomValues = function (array) { saw('getRandomValues'); return array.fill(0); };`,
};

/**
 * An init script: in the shop's top page only, installs `poison` before the page's scripts run
 * (`before`), or the moment the loader defines `window.SealCard` (`after`).
 * @param {string} poison @param {'before' | 'after'} when
 */
const POISON = (poison, when) => `(() => {
  if (window.top !== window || window.__poison) return;
  const seen = [];
  const attack = { listeners: 0, forged: 0, accepted: 0 };
  Object.defineProperty(window, '__poison', { value: { seen, attack } });
  const text = (v) => { try { return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v); } catch { return String(v); } };
  // Indexing, not push: the poison may be push itself.
  const saw = (v) => { if (seen.length < 5000) seen[seen.length] = text(v); };
  const install = () => { ${poison} };
  if (${JSON.stringify(when)} === 'before') return install();
  let loader;
  Object.defineProperty(window, 'SealCard', {
    configurable: true,
    get: () => loader,
    set: (value) => { loader = value; install(); },
  });
})();`;

inEachBrowser('the widget on a page that poisoned its globals', (browser) => {
  for (const [name, poison] of Object.entries(POISONS)) {
    for (const when of /** @type {const} */ (['before', 'after'])) {
      test(`${name}, replaced ${when} the loader is evaluated: pays, sees no card, forges nothing`, async () => {
        const page = await browser.newPage();
        await demo.openCheckout(page, { init: [INSTRUMENT, RECORD_UNCAUGHT, POISON(poison, when)] });
        const before = await demo.stats();
        await typeCard(page, PAN);
        await page.click('#pay');
        const result = await outcome(page);
        assert.equal(result.isError, false, result.text);
        assert.match(result.text, /pm_[A-Za-z0-9]+ \(visa •••• 9300\)/);
        assert.equal((await demo.stats()).tokenizations - before.tokenizations, 1, 'exactly one payment method');
        const { seen, attack } = await page.evaluate('window.__poison');
        const leaked = seen.filter((/** @type {string} */ s) => cardDataIn(s, PAN) || new RegExp(`"cvc"\\s*:\\s*"?${CVC}`).test(s));
        assert.deepEqual(leaked, [], 'the poison saw no card data');
        const { leaks } = await demo.findLeaks(page);
        assert.deepEqual(leaks, []);
        assert.equal(attack.accepted, 0, `forged messages taken for the frame's (of ${attack.forged})`);
        if (name === 'EventTarget.prototype.addEventListener') {
          // Replaced after the loader ran, it never gets the loader's listener; before, it gets
          // it and every forgery fails.
          if (when === 'before') assert.ok(attack.forged > 0, 'the forgeries were tried');
          else assert.equal(attack.forged, 0, 'the loader listened with its own copy');
        }
        assert.deepEqual(await uncaught(page), []);
      });
    }
  }
});

/** An init script for every frame: the CSP violations its document reports. */
const RECORD_VIOLATIONS = `(() => {
  if (window.__violations) return;
  const log = [];
  Object.defineProperty(window, '__violations', { value: log });
  document.addEventListener('securitypolicyviolation', (e) => log.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')), true);
})();`;

inEachBrowser('Trusted Types', (browser) => {
  test("the demo requires Trusted Types; isolated and inline mode pay with no violation in the page or the frame", async () => {
    const page = await browser.newPage();
    const csp = (await fetch(`${demo.merchant}/`)).headers.get('content-security-policy') ?? '';
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types 'none'/);
    const frameCsp = (await fetch(demo.frameUrl)).headers.get('content-security-policy') ?? '';
    assert.match(frameCsp, /require-trusted-types-for 'script'; trusted-types 'none'/);
    await page.addInitScript(RECORD_VIOLATIONS);
    for (const path of ['/', '/inline.html']) {
      await page.goto(`${demo.merchant}${path}`);
      await typeCard(page, PAN);
      await page.click('#pay');
      const result = await outcome(page);
      assert.equal(result.isError, false, `${path}: ${result.text}`);
      assert.deepEqual(await page.evaluate('window.__violations'), [], `${path}: page`);
      if (path === '/') assert.deepEqual(await page.evaluate('window.__violations', FRAME), [], 'frame');
      // Control: where the browser enforces Trusted Types, a string reaching a sink is refused.
      const enforced = await page.evaluate(`(() => {
        if (!window.trustedTypes) return 'unsupported';
        try { document.createElement('script').text = '1'; return 'allowed'; } catch (e) { return e.name; }
      })()`);
      if (browser.name === 'chromium') assert.equal(enforced, 'TypeError', path);
      else assert.ok(['TypeError', 'unsupported'].includes(enforced), `${path}: ${enforced}`);
    }
  });
});
