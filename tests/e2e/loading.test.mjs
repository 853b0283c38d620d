// Why the fields did not load, in headless Chromium and Firefox: a shop's page on its own origin
// mounts the fields from a fields origin that is misconfigured one way at a time (the page's CSP
// refuses the frame, the frame URL is a 404, the .wasm is missing, served as text or blocked by
// the frame's CSP, the frame never answers, a script removes the frame), and each failure is a
// `loaderror` with its own code, before `loadTimeout` (which would give `load_timeout`). Also:
// cancelling with an AbortSignal removes everything and settles with `aborted`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, inEachBrowser, sleep } from './fixture.mjs';

const SHOP_PORT = 18210;
const FIELDS_PORT = 18211;
const SHOP = `http://127.0.0.1:${SHOP_PORT}`;
const FIELDS = `http://127.0.0.1:${FIELDS_PORT}`;
const dist = join(ROOT, 'dist');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const FRAME_CSP = `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; frame-ancestors ${SHOP}; base-uri 'none'`;

/**
 * The fields origin serves dist/ under a first path segment naming how it is misconfigured:
 * `ok` (as it should), `text-wasm` (.wasm as text/plain), `no-wasm` (.wasm missing),
 * `no-wasm-csp` (the frame's CSP without 'wasm-unsafe-eval'), `hang` (the frame page never
 * answers). Any other file is a 404 page.
 */
function fieldsOrigin(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) {
  const url = new URL(req.url ?? '/', FIELDS);
  const [, setup, ...rest] = url.pathname.split('/');
  const path = normalize(rest.join('/'));
  if (setup === 'hang') return; // never answers
  const notFound = () => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Not found</title><h1>404</h1>');
  };
  if (path.startsWith('..') || (setup === 'no-wasm' && path.endsWith('.wasm'))) return notFound();
  let body;
  try {
    body = readFileSync(join(dist, path));
  } catch {
    return notFound();
  }
  const type = setup === 'text-wasm' && path.endsWith('.wasm') ? 'text/plain' : TYPES[/** @type {keyof TYPES} */ (extname(path))];
  res.writeHead(200, {
    'content-type': type ?? 'application/octet-stream',
    'content-security-policy': setup === 'no-wasm-csp' ? FRAME_CSP.replace(" 'wasm-unsafe-eval'", '') : FRAME_CSP,
    // Inline mode imports the fields module and its wasm into the shop's page.
    'access-control-allow-origin': SHOP,
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * The shop: a page that loads the loader and nothing else (the tests drive it), with a CSP that
 * lets it frame the fields origin, or `?frames=self` one that does not, or `?wasm=no` one without
 * 'wasm-unsafe-eval' (inline mode).
 */
function shopOrigin(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) {
  const url = new URL(req.url ?? '/', SHOP);
  if (url.pathname === '/sealcard.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(readFileSync(join(dist, 'sealcard.js')));
  }
  const frames = url.searchParams.get('frames') === 'self' ? "'self'" : FIELDS;
  const wasm = url.searchParams.get('wasm') === 'no' ? '' : " 'wasm-unsafe-eval'";
  res.writeHead(200, {
    'content-type': 'text/html',
    'content-security-policy': `default-src 'self'; script-src 'self' ${FIELDS}${wasm}; connect-src 'self' ${FIELDS}; frame-src ${frames}; style-src 'self'`,
  });
  res.end('<!doctype html><title>shop</title><script src="/sealcard.js"></script><div id="card"></div>');
}

/** @type {import('node:http').Server[]} */
const servers = [];
before(async () => {
  for (const [port, handler] of /** @type {const} */ ([[SHOP_PORT, shopOrigin], [FIELDS_PORT, fieldsOrigin]])) {
    const server = createServer(handler);
    await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
    servers.push(server);
  }
});
after(() => {
  for (const server of servers) server.closeAllConnections?.();
  for (const server of servers) server.close();
});

/** How long the loader waits before `load_timeout`; every other cause must be named sooner. */
const LOAD_TIMEOUT = 8000;

/**
 * Mounts the fields of `setup` in the shop's page and resolves how the mount ended: `ready`, or
 * the `loaderror`'s code, type and message, and the frame's `data-sealcard-error`.
 * @param {{ setup?: string, file?: string, mode?: string, loadTimeout?: number }} o
 */
const MOUNT = ({ setup = 'ok', file = 'frame/frame.html', mode = 'isolated', loadTimeout = LOAD_TIMEOUT }) => `(async () => {
  const sealcard = await SealCard.load({ publicKey: 'pk_test_sandbox', apiBase: '${FIELDS}/v1', frameUrl: '${FIELDS}/${setup}/${file}' });
  const card = sealcard.mount('#card', { mode: '${mode}', loadTimeout: ${loadTimeout} });
  window.__card = card;
  const outcome = new Promise((resolve) => {
    card.on('ready', () => resolve({ ready: true }));
    card.on('loaderror', ({ error }) => resolve({
      code: error.code, type: error.type, retryable: error.retryable, message: error.message,
      hook: document.querySelector('#card iframe')?.dataset.sealcardError ?? null,
    }));
  });
  return outcome;
})()`;

/** As `MOUNT`, once ready: runs `then`, and resolves the `loaderror` that follows. */
const MOUNT_THEN = (/** @type {string} */ then) => `(async () => {
  const sealcard = await SealCard.load({ publicKey: 'pk_test_sandbox', apiBase: '${FIELDS}/v1', frameUrl: '${FIELDS}/ok/frame/frame.html' });
  const card = sealcard.mount('#card', { loadTimeout: ${LOAD_TIMEOUT} });
  window.__card = card;
  await new Promise((resolve) => card.on('ready', resolve));
  const failed = new Promise((resolve) => card.on('loaderror', ({ error }) => resolve({
    code: error.code, type: error.type, retryable: error.retryable, message: error.message, hook: null,
  })));
  ${then}
  return failed;
})()`;

inEachBrowser('the fields failing to load', (browser) => {
  /** Opens the shop (with `query`) and mounts as `MOUNT` does. */
  const mount = async (/** @type {string} */ query, /** @type {Parameters<typeof MOUNT>[0]} */ o) => {
    const page = await browser.newPage();
    await page.goto(`${SHOP}/${query}`);
    return { page, outcome: await page.evaluate(MOUNT(o)) };
  };

  test('a correctly served fields origin: ready (the control for the cases below)', async () => {
    assert.deepEqual((await mount('', {})).outcome, { ready: true });
    assert.deepEqual((await mount('', { mode: 'inline' })).outcome, { ready: true });
  });

  /** Each case: the shop's query, the mount, the code and type `loaderror` must give. */
  const CASES = /** @type {const} */ ([
    ["the page's CSP frame-src does not list the fields origin", '?frames=self', {}, 'frame_blocked', 'configuration_error', /frame-src/],
    ['frameUrl names no page (HTTP 404)', '', { file: 'frame/missing.html' }, 'frame_not_found', 'configuration_error', /missing\.html is not the sealcard frame page/],
    ['the .wasm is missing (HTTP 404)', '', { setup: 'no-wasm' }, 'wasm_not_found', 'configuration_error', /sealcard_fields_bg\.wasm answered HTTP 404/],
    ['the .wasm is served as text/plain', '', { setup: 'text-wasm' }, 'wasm_content_type', 'configuration_error', /served as "text\/plain".*application\/wasm/],
    ["the frame's CSP blocks WebAssembly", '', { setup: 'no-wasm-csp' }, 'wasm_blocked', 'configuration_error', /'wasm-unsafe-eval'/],
    ["inline mode: the page's CSP blocks WebAssembly", '?wasm=no', { mode: 'inline' }, 'wasm_blocked', 'configuration_error', /'wasm-unsafe-eval'/],
    ['the frame never answers', '', { setup: 'hang', loadTimeout: 1500 }, 'load_timeout', 'network_error', /within 1500 ms \(loadTimeout\)/],
  ]);
  for (const [title, query, o, code, type, message] of CASES) {
    test(`${title}: loaderror ${code}`, async () => {
      const { page, outcome } = await mount(query, o);
      assert.equal(outcome.code, code, JSON.stringify(outcome));
      assert.equal(outcome.type, type);
      assert.match(outcome.message, message);
      assert.equal(outcome.retryable, type === 'network_error');
      // The hook test tooling reads (isolated mode).
      if (o.mode !== 'inline') assert.equal(outcome.hook, code);
      // Nothing thrown or rejected unhandled, with no call waiting on the fields (Firefox logs
      // the CSP's own refusals as page errors: the browser's report, not an exception).
      await sleep(200);
      assert.deepEqual(page.console.filter((m) => /^pageerror/.test(m) && !/^pageerror: Content-Security-Policy:/.test(m)), []);
    });
  }

  test('a script removes the ready frame (as an extension might): loaderror frame_removed', async () => {
    const page = await browser.newPage();
    await page.goto(`${SHOP}/`);
    const outcome = await page.evaluate(MOUNT_THEN(`document.querySelector('#card').replaceChildren();`));
    assert.equal(outcome.code, 'frame_removed', JSON.stringify(outcome));
    assert.equal(outcome.type, 'network_error');
    assert.match(outcome.message, /removed by something other than destroy\(\)/);
    const call = await page.evaluate(`window.__card.createPaymentMethod().then((r) => r.error.code)`);
    assert.equal(call, 'frame_removed');
  });

  test('after a loaderror, calls settle with that error', async () => {
    const { page } = await mount('', { setup: 'no-wasm' });
    const r = await page.evaluate(`window.__card.createPaymentMethod().then((r) => r.error.code)`);
    assert.equal(r, 'wasm_not_found');
  });
});

inEachBrowser('cancelling with an AbortSignal', (browser) => {
  const open = async () => {
    const page = await browser.newPage();
    await page.goto(`${SHOP}/`);
    return page;
  };
  const LOAD = `SealCard.load({ publicKey: 'pk_test_sandbox', apiBase: '${FIELDS}/v1', frameUrl: '${FIELDS}/ok/frame/frame.html' })`;

  test('an aborted signal: loadSealCard rejects and mount throws, typed `aborted`, nothing added', async () => {
    const page = await open();
    const r = await page.evaluate(`(async () => {
      const error = (e) => ({ name: e.name, type: e.type, code: e.code, cause: String(e.cause) });
      const controller = new AbortController();
      controller.abort(new Error('navigated away'));
      const load = await ${LOAD.replace(/\)$/, ', { signal: controller.signal })')}.then(() => 'resolved', error);
      const sealcard = await ${LOAD};
      let mount;
      try { sealcard.mount('#card', { signal: controller.signal }); mount = 'mounted'; } catch (e) { mount = error(e); }
      let notSignal;
      try { sealcard.mount('#card', { signal: {} }); } catch (e) { notSignal = e.code; }
      return { load, mount, notSignal, frames: document.querySelectorAll('iframe').length };
    })()`);
    const aborted = { name: 'AbortError', type: 'aborted', code: 'aborted', cause: 'Error: navigated away' };
    assert.deepEqual(r, { load: aborted, mount: aborted, notSignal: 'invalid_option', frames: 0 });
  });

  for (const mode of ['isolated', 'inline']) {
    test(`${mode}: aborting while loading removes the fields; no event after, calls settle with aborted`, async () => {
      const page = await open();
      const r = await page.evaluate(`(async () => {
        const sealcard = await ${LOAD};
        const controller = new AbortController();
        const card = sealcard.mount('#card', { mode: '${mode}', signal: controller.signal });
        const events = [];
        for (const ev of ['ready', 'loaderror', 'change']) card.on(ev, () => events.push(ev));
        const pending = card.createPaymentMethod();
        controller.abort();
        const settled = await pending;
        // Long enough for the fields to have loaded, had they not been removed.
        await new Promise((r) => setTimeout(r, 1500));
        const later = await card.createPaymentMethod();
        return {
          settled: settled.error?.code ?? 'paid', later: later.error?.code ?? 'paid', events,
          left: document.querySelector('#card').children.length,
        };
      })()`);
      // Isolated mode settles a call made before ready at once (load_failed); aborting first
      // gives aborted: what matters is that nothing is left and nothing fires.
      assert.ok(['aborted', 'load_failed'].includes(r.settled), r.settled);
      assert.deepEqual({ later: r.later, events: r.events, left: r.left }, { later: 'aborted', events: [], left: 0 });
    });
  }

  test('aborting after ready removes the frame like destroy(); calls then settle with aborted', async () => {
    const page = await open();
    const r = await page.evaluate(`(async () => {
      const sealcard = await ${LOAD};
      const controller = new AbortController();
      const card = sealcard.mount('#card', { signal: controller.signal });
      await new Promise((resolve) => card.on('ready', resolve));
      const before = document.querySelectorAll('iframe').length;
      controller.abort();
      return { before, after: document.querySelectorAll('iframe').length, call: (await card.createPaymentMethod()).error.code };
    })()`);
    assert.deepEqual(r, { before: 1, after: 0, call: 'aborted' });
  });
});
