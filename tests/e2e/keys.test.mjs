// Key misuse in the browser, in headless Chromium and Firefox: `SealCard.load` refuses secret
// keys, keys with whitespace or of the wrong shape, live keys on `http:`, and `http:` API bases
// and frame URLs off loopback — before any request and before any frame, without echoing the
// key. The fields frame checks again when a page talks to it directly, past the loader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inEachBrowser, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18195, framePort: 18196, apiPort: 18197 };
/** A part of every misused key: it must appear in no error. */
const SECRET = 'S3CR3Tpart';

const demo = useDemo(PORTS);

/** [what, config (JS source), expected code] */
const CASES = () => {
  const api = `'${demo.apiBase}'`;
  const frame = `'${demo.frameUrl}'`;
  return [
    ['a secret test key', `{ publicKey: 'sk_test_${SECRET}', apiBase: ${api}, frameUrl: ${frame} }`, 'secret_key_forbidden'],
    ['a secret live key', `{ publicKey: 'sk_live_${SECRET}', frameUrl: ${frame} }`, 'secret_key_forbidden'],
    ['a restricted key', `{ publicKey: 'rk_live_${SECRET}', frameUrl: ${frame} }`, 'secret_key_forbidden'],
    ['a secret key with spaces and quotes', `{ publicKey: ' "sk_live_${SECRET}"\\n', frameUrl: ${frame} }`, 'secret_key_forbidden'],
    ['a public key with a trailing space', `{ publicKey: 'pk_test_${SECRET} ', apiBase: ${api}, frameUrl: ${frame} }`, 'invalid_public_key'],
    ['a public key with a leading tab', `{ publicKey: '\\tpk_test_${SECRET}', apiBase: ${api}, frameUrl: ${frame} }`, 'invalid_public_key'],
    ['a public key with a zero-width space', `{ publicKey: 'pk_test_${SECRET}\\u200b', apiBase: ${api}, frameUrl: ${frame} }`, 'invalid_public_key'],
    ['a key of the wrong shape', `{ publicKey: 'pk-test-${SECRET}', apiBase: ${api}, frameUrl: ${frame} }`, 'invalid_public_key'],
    ['an overlong key', `{ publicKey: 'pk_test_${SECRET}' + 'a'.repeat(300), apiBase: ${api}, frameUrl: ${frame} }`, 'invalid_public_key'],
    ['a key that is not a string', `{ publicKey: { toString: () => 'pk_test_${SECRET}' }, apiBase: ${api}, frameUrl: ${frame} }`, 'invalid_public_key'],
    ['no configuration at all', `undefined`, 'invalid_public_key'],
    ['a live key with an http: API on loopback', `{ publicKey: 'pk_live_${SECRET}', apiBase: ${api}, frameUrl: 'https://fields.example/frame/frame.html' }`, 'insecure_endpoint'],
    ['a live key with an http: frame', `{ publicKey: 'pk_live_${SECRET}', frameUrl: ${frame} }`, 'insecure_endpoint'],
    ['an http: API base off loopback', `{ publicKey: 'pk_test_${SECRET}', apiBase: 'http://0.0.0.0:18199/v1', frameUrl: ${frame} }`, 'insecure_endpoint'],
    ['an http: API base that only looks like loopback', `{ publicKey: 'pk_test_${SECRET}', apiBase: 'http://127.0.0.1.example.com/v1', frameUrl: ${frame} }`, 'insecure_endpoint'],
    ['credentials in the API base', `{ publicKey: 'pk_test_${SECRET}', apiBase: 'http://user:pw@localhost:18199/v1', frameUrl: ${frame} }`, 'insecure_endpoint'],
    ['an http: frame off loopback', `{ publicKey: 'pk_test_${SECRET}', apiBase: ${api}, frameUrl: 'http://0.0.0.0:18199/frame/frame.html' }`, 'insecure_endpoint'],
    ['an API base that is not a URL', `{ publicKey: 'pk_test_${SECRET}', apiBase: 'not a url', frameUrl: ${frame} }`, 'invalid_api_base'],
  ];
};

inEachBrowser('key misuse', (browser) => {
  test('SealCard.load refuses before any request or frame, and never echoes the key', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    for (const [what, config, code] of CASES()) {
      const requests = page.requests.length;
      const stats = await demo.stats();
      const r = await page.evaluate(`SealCard.load(${config}).then(
        (sc) => { try { sc.mount(document.createElement('div')); return 'mounted'; } catch (e) { return e; } },
        (e) => e,
      ).then((e) => typeof e === 'string' ? { type: e } : {
        type: e.type, code: e.code, retryable: e.retryable,
        text: [String(e), e.message, e.stack, JSON.stringify(e)].join(' '),
      })`);
      assert.equal(r.type, 'configuration_error', `${what}: ${JSON.stringify(r)}`);
      assert.equal(r.code, code, what);
      assert.equal(r.retryable, false, what);
      assert.ok(!r.text.includes(SECRET), `${what}: the key is echoed: ${r.text}`);
      assert.equal(page.requests.length, requests, `${what}: no request`);
      // (The stats call itself is the one request the API counts.)
      assert.equal((await demo.stats()).requests, stats.requests + 1, `${what}: nothing reached the API`);
      assert.equal(await page.evaluate(`document.querySelectorAll('iframe').length`), 1, `${what}: no frame (only the demo's)`);
    }
    assert.deepEqual(page.console.filter((m) => m.includes(SECRET)), [], 'the key is in no console message');
  });

  test('the fields frame refuses a misused key sent to it directly, past the loader', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    const stats = await demo.stats();
    const requests = page.requests.length;
    for (const [publicKey, apiBase, code] of [
      [`sk_live_${SECRET}`, demo.apiBase, 'secret_key_forbidden'],
      [` sk_test_${SECRET}`, demo.apiBase, 'secret_key_forbidden'],
      [`pk_test_${SECRET} `, demo.apiBase, 'invalid_public_key'],
      [`pk_live_${SECRET}`, demo.apiBase, 'insecure_endpoint'],
      [`pk_test_${SECRET}`, 'http://0.0.0.0:18199/v1', 'insecure_endpoint'],
    ]) {
      // A page script frames the fields itself and sends its own init.
      const r = await page.evaluate(`new Promise((resolve) => {
        const channel = String(Math.floor(Math.random() * 1e9)) + '-1';
        const f = document.createElement('iframe');
        f.src = '${demo.frameUrl}#' + new URLSearchParams({ origin: location.origin, channel });
        const heard = [];
        const onMessage = (e) => {
          if (e.source !== f.contentWindow || !e.data || e.data.sealcard !== channel) return;
          heard.push(e.data);
          const send = (m) => f.contentWindow.postMessage({ sealcard: channel, ...m }, '${demo.frame}');
          if (e.data.type === 'hello') {
            send({ type: 'init', config: { publicKey: ${JSON.stringify(publicKey)}, apiBase: ${JSON.stringify(apiBase)} }, options: {} });
          }
          if (e.data.type === 'loaderror') {
            // Past the refusal, a tokenization is asked for anyway: nothing answers.
            send({ type: 'createPaymentMethod', id: 1 });
            setTimeout(() => {
              removeEventListener('message', onMessage);
              f.remove();
              resolve(heard.map((d) => d.type + (d.error ? ' ' + d.error.code + ' ' + d.error.message : '')));
            }, 500);
          }
        };
        addEventListener('message', onMessage);
        document.body.append(f);
      })`);
      assert.equal(r.length, 2, JSON.stringify(r));
      assert.equal(r[0], 'hello');
      assert.ok(r[1].startsWith(`loaderror ${code} `), `${publicKey} ${apiBase}: ${r[1]}`);
      assert.ok(!r[1].includes(SECRET), `the key is echoed: ${r[1]}`);
    }
    assert.equal((await demo.stats()).tokenizations, stats.tokenizations, 'no tokenization');
    assert.deepEqual(
      page.requests.slice(requests).filter((q) => !q.url.startsWith(`${demo.frame}/frame/`)),
      [],
      'only the frame page itself was loaded',
    );
    assert.deepEqual(page.console.filter((m) => m.includes(SECRET)), []);
  });
});
