// Load. The sandbox under 10 000 tokenizations at 64 concurrent connections (the load
// generator `sealcard-sandbox-load`): no answer but 200, and the configured 429s when a rate
// limit is set; memory bounded by the store's cap. The widget, tokenizing 100 times in a row
// in one page: no listener and no WebAssembly memory left behind (Chromium and Firefox), and
// the JS heap, measured after a forced collection through the DevTools protocol, does not grow
// (Chromium). Figures are printed as `# load: …` lines.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launch } from '../../proof/browsers.mjs';
import { FRAME, useDemo } from './fixture.mjs';
import { SANDBOX_BIN, spawnSandbox } from './sandbox.mjs';

const loadBin = join(dirname(SANDBOX_BIN), 'sealcard-sandbox-load');
const PORTS = { merchantPort: 18200, framePort: 18201, apiPort: 18202 };
const LIMITED_API_PORT = 18203;
const STORE_CAP = 2000;
const MB = 1024 * 1024;

const report = (/** @type {string} */ line) => console.log(`load: ${line}`);

const stats = async (/** @type {number} */ port) => (await fetch(`http://127.0.0.1:${port}/__admin/stats`)).json();

/** Runs the load generator against the API on `port`; resolves its JSON report. */
async function load(/** @type {number} */ port, /** @type {number} */ n, /** @type {number} */ c) {
  const { stdout } = await promisify(execFile)(loadBin, ['--url', `http://127.0.0.1:${port}/v1`, '-n', String(n), '-c', String(c), '--max-secs', '120', '--json']);
  return JSON.parse(stdout);
}

const demo = useDemo({ ...PORTS, extra: ['--max-objects', String(STORE_CAP)] });

describe('the sandbox under load', () => {
  test('10 000 tokenizations at 64 connections: all 200, memory bounded by the store cap', async () => {
    const port = PORTS.apiPort;
    const start = await stats(port);
    const rounds = [];
    for (let round = 1; round <= 2; round++) {
      const r = await load(port, 10_000, 64);
      const s = await stats(port);
      rounds.push({ r, s });
      report(
        `round ${round}: ${r.requests} tokenizations at ${r.concurrency} connections in ${r.seconds.toFixed(1)} s ` +
          `(${Math.round(r.tokenizations_per_sec)}/s, p50 ${r.p50_ms.toFixed(1)} ms, p99 ${r.p99_ms.toFixed(1)} ms, max ${r.max_ms.toFixed(1)} ms); ` +
          `statuses ${JSON.stringify(r.statuses)}; objects ${s.objects}; rss ${(s.rss_bytes / MB).toFixed(1)} MB`,
      );
      assert.deepEqual(r.statuses, { 200: 10_000 }, 'every answer a 200');
      assert.equal(r.connection_errors, 0);
      assert.ok(s.objects <= STORE_CAP, `objects ${s.objects} within the cap`);
    }
    const [one, two] = rounds;
    assert.equal(two.s.tokenizations - start.tokenizations, 20_000);
    // Memory: the store is capped, so a second round of 10 000 grows the process by little.
    const growth = (two.s.rss_bytes - one.s.rss_bytes) / MB;
    report(`rss from ${(start.rss_bytes / MB).toFixed(1)} MB to ${(one.s.rss_bytes / MB).toFixed(1)} MB after 10 000, ${(two.s.rss_bytes / MB).toFixed(1)} MB after 20 000`);
    assert.ok(growth < 32, `second round grew rss by ${growth.toFixed(1)} MB`);
    assert.ok(two.s.rss_bytes < 512 * MB, 'under 512 MB');
  });

  test('with a rate limit, the only errors are the configured 429s', async () => {
    const api = await spawnSandbox(['--api-port', String(LIMITED_API_PORT), '--rate-limit', '500', '--max-objects', String(STORE_CAP)]);
    try {
      const before = await stats(LIMITED_API_PORT);
      const r = await load(LIMITED_API_PORT, 10_000, 64);
      const s = await stats(LIMITED_API_PORT);
      report(`rate limit 500/s: ${JSON.stringify(r.statuses)} in ${r.seconds.toFixed(1)} s, ${r.connection_errors} connection errors`);
      assert.deepEqual(Object.keys(r.statuses).filter((k) => k !== '200' && k !== '429'), [], 'only 200 and 429');
      assert.equal(r.connection_errors, 0);
      assert.equal((r.statuses['200'] ?? 0) + (r.statuses['429'] ?? 0), 10_000);
      assert.equal(s.tokenizations - before.tokenizations, r.statuses['200'] ?? 0, 'a 429 creates nothing');
    } finally {
      await api.stop();
    }
  });
});

/** Runs in the page and in the frame before their scripts: live listeners, the wasm memory. */
const PROBE = `(() => {
  if (window.__probe) return;
  const live = new Set();
  const ids = new WeakMap();
  let next = 0;
  const id = (o) => { if (o == null) return 0; if (!ids.has(o)) ids.set(o, ++next); return ids.get(o); };
  const key = (t, type, fn, o) => id(t) + ' ' + type + ' ' + id(fn) + ' ' + Boolean(typeof o === 'boolean' ? o : o && o.capture);
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, o) {
    if (fn && !(o && o.once)) live.add(key(this, type, fn, o));
    return add.call(this, type, fn, o);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, o) {
    live.delete(key(this, type, fn, o));
    return remove.call(this, type, fn, o);
  };
  const probe = { listeners: () => live.size, memory: null, refs: null };
  Object.defineProperty(window, '__probe', { value: probe });
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const r = await original.apply(this, args);
      const instance = r instanceof WebAssembly.Instance ? r : r.instance;
      if (instance && instance.exports.memory) {
        probe.memory = instance.exports.memory;
        // wasm-bindgen's table of the JS values Rust holds: a leaked handle would grow it.
        probe.refs = instance.exports.__wbindgen_externrefs || null;
      }
      return r;
    };
  }
})();`;

const FILL = `(() => {
  const set = (name, value) => {
    const input = document.querySelector('.sealcard-' + name + ' input');
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  set('number', '4343434343434345');
  set('expiry', '1240');
  set('cvc', '123');
  return document.querySelector('.sealcard-number input').value;
})()`;

const MEASURE = `({
  listeners: window.__probe.listeners(),
  wasm: window.__probe.memory ? window.__probe.memory.buffer.byteLength : -1,
  refs: window.__probe.refs ? window.__probe.refs.length : -1,
})`;

/**
 * Mounts the fields in the demo page and tokenizes `n` times; returns the probes before (after
 * a warm-up of 5) and after.
 * @param {{ goto: (url: string) => Promise<void>, evaluate: (expr: string, frame?: string) => Promise<any> }} page
 */
async function tokenizeInARow(page, n, between = async () => undefined) {
  await page.goto(`${demo.merchant}/`);
  await page.evaluate(`new Promise((resolve) => {
    const check = () => (document.body.dataset.ready === 'true' ? resolve(undefined) : setTimeout(check, 50));
    check();
  })`);
  await page.evaluate(`(async () => {
    document.querySelector('#card iframe').remove();
    const host = document.createElement('div');
    document.body.append(host);
    const sc = await SealCard.load(${demo.config()});
    window.__card = sc.mount(host);
    await new Promise((resolve) => window.__card.on('ready', resolve));
  })()`);
  const once = async () => {
    assert.equal(await page.evaluate(FILL, FRAME), '4343 4343 4343 4345');
    const id = await page.evaluate(`window.__card.createPaymentMethod().then((r) => r.paymentMethod ? r.paymentMethod.id : r.error.code)`);
    assert.match(id, /^pm_/);
  };
  for (let i = 0; i < 5; i++) await once();
  await between();
  const before = { page: await page.evaluate(MEASURE), frame: await page.evaluate(MEASURE, FRAME) };
  const t0 = Date.now();
  for (let i = 0; i < n; i++) await once();
  const ms = Date.now() - t0;
  await between();
  const after = { page: await page.evaluate(MEASURE), frame: await page.evaluate(MEASURE, FRAME) };
  return { before, after, ms };
}

describe('the widget tokenizing 100 times in a row', () => {
  test('chromium: no listener, wasm memory or JS heap left behind', async () => {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'sealcard-load-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      await context.addInitScript(PROBE);
      const p = await context.newPage();
      const errors = /** @type {string[]} */ ([]);
      p.on('pageerror', (e) => errors.push(e.message));
      const cdp = await context.newCDPSession(p);
      const page = {
        goto: async (/** @type {string} */ url) => void (await p.goto(url, { waitUntil: 'load' })),
        evaluate: async (/** @type {string} */ expr, /** @type {string | undefined} */ frame) => {
          if (!frame) return p.evaluate(expr);
          const handle = await p.waitForSelector(frame);
          const f = await handle.contentFrame();
          if (!f) throw new Error('no frame');
          return f.evaluate(expr);
        },
      };
      /** @type {number[]} */
      const heaps = [];
      const gcAndMeasure = async () => {
        for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
        heaps.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
      };
      const before = await stats(PORTS.apiPort);
      const r = await tokenizeInARow(page, 100, gcAndMeasure);
      const after = await stats(PORTS.apiPort);
      const [heapBefore, heapAfter] = heaps;
      report(
        `chromium: 100 tokenizations in ${(r.ms / 1000).toFixed(1)} s; listeners page ${r.before.page.listeners} → ${r.after.page.listeners}, ` +
          `frame ${r.before.frame.listeners} → ${r.after.frame.listeners}; wasm memory ${r.before.frame.wasm / 1024} → ${r.after.frame.wasm / 1024} KiB; ` +
          `externref table ${r.before.frame.refs} → ${r.after.frame.refs}; JS heap after GC ${(heapBefore / MB).toFixed(2)} → ${(heapAfter / MB).toFixed(2)} MB`,
      );
      assert.equal(after.tokenizations - before.tokenizations, 105);
      assert.ok(r.before.frame.wasm > 0, 'the wasm memory was found');
      assert.equal(r.after.page.listeners, r.before.page.listeners, 'page listeners');
      assert.equal(r.after.frame.listeners, r.before.frame.listeners, 'frame listeners');
      assert.equal(r.after.frame.wasm, r.before.frame.wasm, 'wasm memory did not grow');
      assert.equal(r.after.frame.refs, r.before.frame.refs, 'no JS value handle leaked');
      assert.ok(heapAfter - heapBefore < 2 * MB, `JS heap grew by ${((heapAfter - heapBefore) / MB).toFixed(2)} MB`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('firefox: no listener or wasm memory left behind', async () => {
    const browser = await launch('firefox');
    try {
      const page = await browser.newPage();
      await page.addInitScript(PROBE);
      const r = await tokenizeInARow(page, 100);
      report(
        `firefox: 100 tokenizations in ${(r.ms / 1000).toFixed(1)} s; listeners page ${r.before.page.listeners} → ${r.after.page.listeners}, ` +
          `frame ${r.before.frame.listeners} → ${r.after.frame.listeners}; wasm memory ${r.before.frame.wasm / 1024} → ${r.after.frame.wasm / 1024} KiB; ` +
          `externref table ${r.before.frame.refs} → ${r.after.frame.refs}`,
      );
      assert.ok(r.before.frame.wasm > 0, 'the wasm memory was found');
      assert.equal(r.after.page.listeners, r.before.page.listeners, 'page listeners');
      assert.equal(r.after.frame.listeners, r.before.frame.listeners, 'frame listeners');
      assert.equal(r.after.frame.wasm, r.before.frame.wasm, 'wasm memory did not grow');
      assert.equal(r.after.frame.refs, r.before.frame.refs, 'no JS value handle leaked');
      assert.deepEqual(page.console.filter((m) => /^pageerror/.test(m)), []);
    } finally {
      await browser.close();
    }
  });
});
