// Supply chain and tamper detection (PCI DSS 6.4.3 and 11.6.1): every file the fields origin
// serves is the one `dist/sri.json` names, byte for byte; the frame page comes with its
// security headers; and the browsers, Chromium and Firefox, run the loader only with its
// published hash and refuse it once tampered with (on a page requiring Trusted Types).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ROOT, inEachBrowser, useDemo } from './fixture.mjs';

const dist = join(ROOT, 'dist');
const PORTS = { merchantPort: 18205, framePort: 18206, apiPort: 18207 };

const demo = useDemo(PORTS);
/** @type {Record<string, string>} */
let sri;

before(async () => {
  sri = JSON.parse(readFileSync(join(dist, 'sri.json'), 'utf8'));
});

const sha384 = (/** @type {Buffer} */ bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

function listFiles(/** @type {string} */ dir) {
  return readdirSync(dir).flatMap((/** @type {string} */ name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('published hashes', () => {
  test('sri.json names every built file, with its SHA-384', () => {
    const files = listFiles(dist)
      .map((f) => relative(dist, f).split(sep).join('/'))
      .filter((f) => f !== 'sri.json')
      .sort();
    assert.deepEqual(Object.keys(sri).sort(), files);
    for (const [name, hash] of Object.entries(sri)) {
      assert.match(hash, /^sha384-[A-Za-z0-9+/]{64}$/, name);
      assert.equal(sha384(readFileSync(join(dist, name))), hash, name);
    }
  });

  test('the fields origin serves exactly the published files (a monitor’s check)', async () => {
    for (const [name, hash] of Object.entries(sri)) {
      const r = await fetch(`${demo.frame}/${name}`);
      assert.equal(r.status, 200, name);
      assert.equal(sha384(Buffer.from(await r.arrayBuffer())), hash, `${name} as served`);
    }
  });

  test('the frame page carries its security headers', async () => {
    const r = await fetch(demo.frameUrl);
    const csp = r.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    // Where the card may go: the frame's own origin (its .wasm) and the API, nothing else.
    assert.deepEqual(directives['connect-src'], ["'self'", demo.api, demo.api.replace('localhost', '127.0.0.1')]);
    assert.ok(directives['frame-ancestors']?.includes(demo.merchant), csp);
    assert.ok(!directives['frame-ancestors']?.includes('*'), csp);
    assert.deepEqual(directives['form-action'], ["'none'"]);
    assert.deepEqual(directives['base-uri'], ["'none'"]);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    const wasm = await fetch(`${demo.frame}/frame/sealcard_fields_bg.wasm`);
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  });
});

/**
 * A shop's page on its own origin that loads the loader as a script tag with `?integrity=…`,
 * under Trusted Types (a script tag written in the HTML uses no sink). It serves dist/sealcard.js.
 */
const SRI_PORT = 18208;
/** @type {import('node:http').Server | undefined} */
let shop;
before(async () => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${SRI_PORT}`);
    if (url.pathname === '/sealcard.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(join(dist, 'sealcard.js')));
    }
    const integrity = (url.searchParams.get('integrity') ?? '').replace(/[^A-Za-z0-9+/=-]/g, '');
    res.writeHead(200, {
      'content-type': 'text/html',
      'content-security-policy': "script-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'",
    });
    res.end(`<!doctype html><title>shop</title><script src="/sealcard.js" integrity="${integrity}" crossorigin="anonymous"></script>`);
  });
  await new Promise((resolve) => server.listen(SRI_PORT, '127.0.0.1', () => resolve(undefined)));
  shop = server;
});
after(() => shop?.close());

inEachBrowser('subresource integrity', (browser) => {
  test('the loader runs with its published hash and is refused with any other', async () => {
    const page = await browser.newPage();
    const load = async (/** @type {string} */ integrity) => {
      await page.goto(`http://127.0.0.1:${SRI_PORT}/?integrity=${encodeURIComponent(integrity)}`);
      return page.evaluate('typeof window.SealCard');
    };
    assert.equal(await load(sri['sealcard.js']), 'object', 'runs with the published hash');
    const tampered = `sha384-${Buffer.alloc(48, 7).toString('base64')}`;
    assert.equal(await load(tampered), 'undefined', 'refused with another hash');
  });
});
