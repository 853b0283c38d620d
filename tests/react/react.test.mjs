// sealcard/react in headless Chromium and Firefox, against the sandbox: a shop (site/) built
// with React 19 in development mode under StrictMode. One frame per field and a payment; 3-D
// Secure; unmounting while the fields load (isolated and inline) leaves no frame, no listener
// and no console error; navigating away and back remounts working fields; inline mode pays; the
// server's markup (renderToString in Node) hydrates with no warning and pays.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createElement, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { inEachBrowser } from '../e2e/fixture.mjs';
import { CVC, EXPIRY, ROOT, THREE_D_SECURE, VISA, fill, paid, problems, sleep, threeDSecure, until, useShop } from '../element/shop.mjs';

const SITE = join(ROOT, 'tests', 'react', 'site');
const shop = useShop({ siteDir: SITE, ports: [18740, 18741, 18742], bundles: ['main.js'] });

/** @typedef {import('../element/shop.mjs').TestPage} TestPage */

/** Opens a page of the shop and records every fields frame ever inserted (`window.__framesAdded`). */
async function open(/** @type {TestPage} */ page, path = '/app.html') {
  await page.addInitScript(`(() => {
    window.__framesAdded = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'IFRAME' && n.dataset.sealcard === 'frame') window.__framesAdded++;
    }).observe(document, { childList: true, subtree: true });
  })()`);
  await page.goto(`${shop.merchant}${path}`);
}

const ready = (/** @type {TestPage} */ page) => until(page, `document.body.dataset.ready === 'true'`, 'useSealCard().ready');

/** What the page holds now: fields frames (ready or not), inline fields, message listeners. */
const census = (/** @type {TestPage} */ page) =>
  page.evaluate(`({ frames: document.querySelectorAll('iframe[data-sealcard="frame"]').length,
    inline: document.querySelectorAll('[data-sealcard="fields"]').length, listeners: window.__messageListeners })`);

/** Without React's development-build banner (console.info, yet some drivers report it as a log). */
const errors = (/** @type {TestPage} */ page) => problems(page).filter((m) => !/React DevTools/.test(m));

/** Fills the card, waits for the Pay button, pays. */
async function pay(/** @type {TestPage} */ page, number = VISA) {
  await fill(page, { number, expiry: EXPIRY, cvc: CVC }, '#card');
  await until(page, `!document.getElementById('pay').disabled`, 'Pay enabled once the card is complete');
  await page.click('#pay');
}

inEachBrowser('sealcard/react', ({ newPage }) => {
  test('StrictMode: one frame is created for the field, and it pays', async () => {
    const page = await newPage();
    await open(page);
    await ready(page);
    assert.equal(await page.evaluate('window.__framesAdded'), 1, 'frames ever inserted');
    assert.deepEqual(await census(page), { frames: 1, inline: 0, listeners: 1 });
    await pay(page);
    assert.equal(await paid(page), 'succeeded');
    assert.ok(Number(await page.text('#events')) >= 2, 'onReady and onChange were called');
    assert.deepEqual(errors(page), []);
  });

  test('3-D Secure: authorized, the payment succeeds', async () => {
    const page = await newPage();
    await open(page);
    await ready(page);
    await pay(page, THREE_D_SECURE);
    await threeDSecure(page, 'authorize');
    assert.equal(await paid(page), 'succeeded');
    assert.deepEqual(errors(page), []);
  });

  for (const mode of /** @type {const} */ (['isolated', 'inline'])) {
    test(`${mode}: unmounting while the fields load leaves nothing behind, and a new tree pays`, async () => {
      const page = await newPage();
      await open(page, `/${mode === 'inline' ? 'inline' : 'app'}.html?unmount=loading`);
      await until(page, 'window.__unmounted', 'the tree unmounted');
      assert.deepEqual(await page.evaluate('window.__unmounted'), { wasReady: false });
      if (mode === 'inline') await until(page, 'window.__wasmDone', 'the slowed wasm finished after the unmount');
      else await sleep(300);
      assert.deepEqual(await census(page), { frames: 0, inline: 0, listeners: 0 });
      assert.equal(await page.evaluate(`document.getElementById('root').childElementCount`), 0);
      await page.evaluate('window.__shop.mount()');
      await ready(page);
      assert.deepEqual(await census(page), { frames: mode === 'isolated' ? 1 : 0, inline: mode === 'inline' ? 1 : 0, listeners: mode === 'isolated' ? 1 : 0 });
      await pay(page);
      assert.equal(await paid(page), 'succeeded');
      assert.deepEqual(errors(page), []);
    });
  }

  test('navigating away and back (and with the browser\'s back button) remounts working fields', async () => {
    const page = await newPage();
    await open(page);
    await ready(page);
    await page.click('#to-account');
    await page.waitFor('#account');
    assert.deepEqual(await census(page), { frames: 0, inline: 0, listeners: 0 });
    await page.evaluate('history.back()');
    await page.waitFor('#pay-form');
    await ready(page);
    await page.click('#to-account');
    await page.click('#to-checkout');
    await ready(page);
    assert.deepEqual(await census(page), { frames: 1, inline: 0, listeners: 1 });
    // The provider stayed loaded: each CardField mounted at once, under StrictMode's double effects.
    assert.equal(await page.evaluate('window.__framesAdded'), 3, 'one frame per visit of the checkout');
    await pay(page);
    assert.equal(await paid(page), 'succeeded');
    assert.deepEqual(errors(page), []);
  });

  test('a configuration error (a secret key) reaches useSealCard and onLoadError; no frame, no request', async () => {
    const page = await newPage();
    await open(page, '/app.html?publicKey=sk_test_secret');
    await until(page, `document.body.dataset.fieldLoadError`, 'onLoadError called');
    const seen = await page.evaluate(`({ hook: document.body.dataset.loadError, field: document.body.dataset.fieldLoadError,
      ready: document.body.dataset.ready, frames: window.__framesAdded, pay: document.getElementById('pay').disabled })`);
    assert.deepEqual(seen, { hook: 'secret_key_forbidden', field: 'secret_key_forbidden', ready: 'false', frames: 0, pay: true });
    const elsewhere = page.requests.filter((r) => r.url.startsWith(shop.api) || r.url.startsWith(shop.frame)).map((r) => r.url);
    assert.deepEqual(elsewhere, [], 'nothing asked of the API or the fields origin');
    assert.deepEqual(errors(page), []);
  });

  test('server rendering: renderToString in Node, hydrated under StrictMode with no warning, pays', async () => {
    const page = await newPage();
    const config = await (await fetch(`${shop.merchant}/api/checkout`, { method: 'POST' })).json();
    const { App } = await import(join(SITE, 'components.js'));
    const html = renderToString(createElement(StrictMode, null, createElement(App, { config })));
    assert.match(html, /<div id="card" class="card"><\/div>/);
    const json = JSON.stringify(config).replaceAll('<', '\\u003c');
    writeFileSync(
      join(shop.dir, 'ssr.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sealcard/react, server-rendered</title><link rel="icon" href="data:,">` +
        `<script type="application/json" id="config">${json}</script><script src="/probe.js"></script><script type="module" src="/main.bundle.js"></script></head>` +
        `<body><div id="root">${html}</div></body></html>`,
    );
    await open(page, '/ssr.html');
    await ready(page);
    assert.equal(await page.evaluate('window.__framesAdded'), 1);
    await pay(page);
    assert.equal(await paid(page), 'succeeded');
    assert.deepEqual(errors(page), []);
  });
});
