// Network faults end to end, in headless Chromium and Firefox, through the demo checkout (the
// fields frame on its own origin, the shop's Pay button): for each fault the shopper sees the
// typed error with the right `retryable`, the card stays in the fields, the Pay button works
// again, and paying again after the network recovers creates exactly one payment method
// (the retry of the same input reuses its Idempotency-Key).
//
// The sandbox injects the API's own faults (latency, 500, 502 with HTML, a cut JSON body, a
// dropped connection, 401, 429 in plain text). A CORS refusal and an API that is down are
// played by a small proxy in front of a second sandbox, whose pages name the proxy as their API.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { after, before, test } from 'node:test';
import { CVC, RECORD_UNCAUGHT, fields, inEachBrowser, outcome, sleep, typeCard, uncaught, useDemo } from './fixture.mjs';

const CARD = { number: '4343434343434345', shown: '4343 4343 4343 4345' };
// Ports of their own, apart from the other end-to-end files.
const DIRECT = { merchantPort: 18180, framePort: 18181, apiPort: 18182 };
const PROXIED = { merchantPort: 18185, framePort: 18186, apiPort: 18187 };
const PROXY_PORT = 18188;

const direct = useDemo(DIRECT);
const proxied = useDemo({ ...PROXIED, extra: ['--public-url', `http://localhost:${PROXY_PORT}`] });
/** @type {Awaited<ReturnType<typeof startProxy>>} */
let proxy;

/**
 * A reverse proxy to `upstreamPort` that can refuse CORS (no Access-Control-* headers, the
 * preflight answered 403, as an API that does not know the page's origin) or be down (nothing
 * listening: connection refused). Every answer closes its connection, so that no browser keeps
 * one open across a change of mode.
 */
async function startProxy(port, upstreamPort) {
  let mode = 'pass';
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const handler = (/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) => {
    if (mode === 'nocors' && req.method === 'OPTIONS') {
      res.writeHead(403, { connection: 'close', 'content-length': '0' });
      res.end();
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        const headers = { ...answer.headers, connection: 'close' };
        delete headers['keep-alive'];
        if (mode === 'nocors') for (const name of Object.keys(headers)) if (name.startsWith('access-control-')) delete headers[name];
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  /** @type {import('node:http').Server | undefined} */
  let server;
  const up = () =>
    new Promise((resolve, reject) => {
      if (server) return resolve(undefined);
      server = createServer(handler);
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(undefined));
    });
  const down = () =>
    new Promise((resolve) => {
      if (!server) return resolve(undefined);
      server.close(() => resolve(undefined));
      for (const s of sockets) s.destroy();
      server = undefined;
    });
  await up();
  return {
    /** @param {'pass' | 'nocors'} m */
    setMode: (m) => void (mode = m),
    up,
    down,
  };
}

before(async () => {
  proxy = await startProxy(PROXY_PORT, PROXIED.apiPort);
});

after(async () => {
  await proxy?.down();
});

/**
 * One fault: open the shop, type the card, break the network, pay (the typed error, the input
 * kept, the button usable), repair it, pay again (paid, one payment method in all).
 * @param {import('../../proof/browsers.mjs').TestPage} page
 * @param {{ sandbox: typeof direct, query?: string, code: string, retryable: boolean,
 *   breakIt: () => Promise<unknown>, repair: () => Promise<unknown> }} c
 */
async function faultCase(page, c) {
  await c.sandbox.openCheckout(page, { path: `/${c.query ?? ''}`, init: [RECORD_UNCAUGHT] });
  await typeCard(page, CARD.number);
  const before = await c.sandbox.stats();
  await c.breakIt();
  await page.click('#pay');
  const failed = await outcome(page);
  assert.equal(failed.isError, true, failed.text);
  assert.equal(failed.error, `${c.code} ${c.retryable ? 'retryable' : 'final'}`, failed.text);
  assert.ok(failed.text.length > 0 && !/4343\s*4343/.test(failed.text), 'a message, without the card');
  assert.equal(failed.payDisabled, false, 'the Pay button works again');
  assert.deepEqual(await fields(page), { number: CARD.shown, expiry: '12 / 40', cvc: CVC }, 'the input stays');

  await c.repair();
  await page.evaluate(`document.getElementById('result').hidden = true`);
  await page.click('#pay');
  const paid = await outcome(page);
  assert.equal(paid.isError, false, paid.text);
  assert.match(paid.text, /pm_[A-Za-z0-9]+ \(visa •••• 4345\).*succeeded/);
  assert.equal(paid.error, '');
  const after = await c.sandbox.stats();
  assert.equal(after.tokenizations - before.tokenizations, 1, 'exactly one payment method');
  assert.deepEqual(await uncaught(page), [], 'no uncaught error');
  return { failed, paid };
}

/** Arms one sandbox fault on the tokenization call. */
const arm = (/** @type {Record<string, unknown>} */ spec) => () => direct.fault({ endpoint: 'payment_methods', count: 1, ...spec });
const clear = () => direct.clearFaults();

const CASES = [
  { name: '500 with an HTML body', code: 'server_error', retryable: true, breakIt: arm({ kind: 'status_500' }), repair: clear },
  { name: '502 with an HTML body', code: 'server_error', retryable: true, breakIt: arm({ kind: 'status_502' }), repair: clear },
  { name: 'malformed JSON (processed, then cut short)', code: 'invalid_response', retryable: true, breakIt: arm({ kind: 'malformed' }), repair: clear },
  { name: 'dropped connection', code: 'network_error', retryable: true, breakIt: arm({ kind: 'drop' }), repair: clear },
  { name: '401', code: 'authentication_failed', retryable: false, breakIt: arm({ kind: 'status', status: 401 }), repair: clear },
  { name: '429 in plain text', code: 'rate_limited', retryable: true, breakIt: arm({ kind: 'status', status: 429 }), repair: clear },
  {
    name: 'timeout (4 s of latency, a 1 s timeout)',
    code: 'timeout',
    retryable: true,
    query: '?timeout=1000',
    breakIt: arm({ kind: 'latency', latency_ms: 4000 }),
    // The slow call may still be answered after the timeout: let it finish before counting,
    // so that a second payment method, if any were made, would be seen.
    repair: () => sleep(3500),
  },
  {
    name: 'CORS refusal (the API does not allow the frame origin)',
    code: 'network_error',
    retryable: true,
    proxied: true,
    breakIt: async () => proxy.setMode('nocors'),
    repair: async () => proxy.setMode('pass'),
  },
  {
    name: 'API down (connection refused)',
    code: 'network_error',
    retryable: true,
    proxied: true,
    breakIt: () => proxy.down(),
    repair: () => proxy.up(),
  },
];

/** @type {string[]} */
const table = [];

inEachBrowser('network faults', (browser) => {
  const { name } = browser;
  for (const c of CASES) {
    test(c.name, async () => {
      const page = await browser.newPage();
      try {
        await faultCase(page, { ...c, sandbox: c.proxied ? proxied : direct });
        table.push(`${name}: ${c.name} → ${c.code} (retryable ${c.retryable}) → input kept, paid on retry, 1 payment method`);
      } finally {
        await clear();
        proxy.setMode('pass');
        await proxy.up().catch(() => undefined);
      }
    });
  }
});

after(() => {
  for (const row of table) console.log(`fault: ${row}`);
});
