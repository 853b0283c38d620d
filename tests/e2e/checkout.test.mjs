// End to end, in real headless Chromium (playwright-core) and Firefox (puppeteer-core), against
// the demo's three origins served by the sandbox: pay with test cards (success, 3-D Secure
// authorize and fail, a decline), inline mode, the hostile-merchant proof, forged messages,
// axe-core in the page and in the frame, CSP, and screenshots of the demo.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, launch } from '../../proof/browsers.mjs';
import { INSTRUMENT, findLeaks } from '../../proof/hostile.mjs';
import { startSandbox } from './sandbox.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const FRAME = 'iframe[title="Secure card payment input"]';
const BANK = 'iframe[title^="Bank authentication"]';
/** A valid Visa number with distinctive middle digits, so that any leak is unmistakable. */
const PAN = '4539817260519300';

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
/** A page of a third origin, for forged messages. */
let attacker;
const ATTACKER_PORT = 18083;

before(async () => {
  sandbox = await startSandbox();
  attacker = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>attacker</title><body></body>');
  }).listen(ATTACKER_PORT, '127.0.0.1');
});

after(async () => {
  await sandbox?.stop();
  attacker?.close();
});

/** Types a card into the frame's fields with real key presses. */
async function typeCard(/** @type {import('../../proof/browsers.mjs').TestPage} */ page, number, expiry = '1240', cvc = '731', frame = FRAME) {
  await page.type('.sealcard-number input', number, frame);
  await page.type('.sealcard-expiry input', expiry, frame);
  await page.type('.sealcard-cvc input', cvc, frame);
}

async function openCheckout(/** @type {import('../../proof/browsers.mjs').TestPage} */ page, path = '/') {
  await page.goto(`${sandbox.merchant}${path}`);
  await page.waitFor('body[data-ready="true"]');
}

/** Waits for the demo's result box and returns its text and whether it shows an error. */
async function outcome(/** @type {import('../../proof/browsers.mjs').TestPage} */ page) {
  for (let i = 0; i < 100; i++) {
    const state = await page.evaluate(`(() => {
      const r = document.getElementById('result');
      return { text: r.textContent, error: r.classList.contains('is-error'), shown: !r.hidden };
    })()`);
    if (state.shown && state.text !== 'Processing…') return state;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('no outcome shown');
}

for (const name of BROWSERS) {
  describe(`checkout in ${name}`, () => {
    /** @type {Awaited<ReturnType<typeof launch>>} */
    let browser;
    before(async () => {
      browser = await launch(name);
    });
    after(async () => browser?.close());

    test('pays a card; the hostile merchant realm never sees it; no CSP violation', async () => {
      const page = await browser.newPage();
      await page.addInitScript(INSTRUMENT);
      await openCheckout(page);
      const before = await sandbox.stats();
      await typeCard(page, PAN);
      await page.screenshot(join(shots, `${name}-before-paying.png`));
      await page.click('#pay');
      const result = await outcome(page);
      assert.equal(result.error, false, result.text);
      assert.match(result.text, /pm_[A-Za-z0-9]+ \(visa •••• 9300\)/);
      assert.match(result.text, /succeeded/);
      await page.screenshot(join(shots, `${name}-after-paying.png`));
      const { leaks, realm, tokenizationRequests } = await findLeaks(page, { pan: PAN, cvc: '731', apiOrigin: sandbox.api });
      assert.deepEqual(leaks, []);
      assert.ok(realm.messages.length > 0, 'the instrument saw the frame’s messages');
      assert.ok(realm.mutations.length > 0, 'the instrument saw DOM mutations');
      assert.equal(tokenizationRequests, 1, 'one request carried the card, to the API');
      assert.equal((await sandbox.stats()).tokenizations - before.tokenizations, 1, 'exactly one payment method');
      assert.deepEqual(realm.violations, []);
      assert.deepEqual(page.console.filter((m) => /Content.Security.Policy|Refused to|pageerror/i.test(m)), []);
      // Control: the proof does see card digits when the merchant realm gets them.
      await page.evaluate(`postMessage({ note: '4539 8172 6051 9300' }, '*'); localStorage.setItem('x', '7260-51')`);
      await new Promise((r) => setTimeout(r, 100));
      const control = await findLeaks(page, { pan: PAN, cvc: '731', apiOrigin: sandbox.api });
      assert.ok(control.leaks.some((l) => l.startsWith('message')), control.leaks.join('; '));
      assert.ok(control.leaks.includes('storage: card number digits'), control.leaks.join('; '));
      await page.close();
    });

    test('load() refuses a secret key before any request or frame; remounting is safe', async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      console.log(`# ${name}: mount to ready ${await page.evaluate('document.body.dataset.readyMs')} ms`);
      const requests = page.requests.length;
      const refused = await page.evaluate(`SealCard.load({ publicKey: 'sk_test_sandbox' }).then(
        () => 'loaded', (e) => [e.type, e.code, e.message.includes('sk_test') ? 'echoed' : 'not echoed'].join(' '))`);
      assert.equal(refused, 'configuration_error secret_key_forbidden not echoed');
      assert.equal(page.requests.length, requests, 'no request');
      assert.equal(await page.evaluate(`document.querySelectorAll('iframe').length`), 1, 'no new frame');
      // Mount, destroy, mount — twice, as React StrictMode does — then pay with the last one.
      const outcomeText = await page.evaluate(`(async () => {
        const host = document.createElement('div');
        document.body.append(host);
        const sc = await SealCard.load({ publicKey: 'pk_test_sandbox', apiBase: '${sandbox.api}/v1', frameUrl: '${sandbox.frame}/frame/frame.html' });
        for (let i = 0; i < 2; i++) sc.mount(host).destroy();
        const card = sc.mount(host);
        await new Promise((resolve) => card.on('ready', resolve));
        return [document.querySelectorAll('iframe').length, host.querySelectorAll('iframe').length].join(' ');
      })()`);
      assert.equal(outcomeText, '2 1', 'one frame per live mount');
      await page.close();
    });

    test('3-D Secure: authorize in the modal', async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      await typeCard(page, '4120000000000007');
      await page.click('#pay');
      await page.waitFor(BANK);
      await page.click('form[action$="/authorize"] button', BANK);
      const result = await outcome(page);
      assert.equal(result.error, false, result.text);
      assert.match(result.text, /succeeded/);
      await page.close();
    });

    test('3-D Secure: fail, then pay with another card', async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      await typeCard(page, '4120000000000007');
      await page.click('#pay');
      await page.waitFor(BANK);
      await page.click('form[action$="/fail"] button', BANK);
      const failed = await outcome(page);
      assert.equal(failed.error, true, failed.text);
      assert.match(failed.text, /bank could not confirm/);
      await page.screenshot(join(shots, `${name}-with-an-error.png`));
      // The shopper's input stays; they change the card and pay.
      assert.equal(await page.value('.sealcard-number input', FRAME), '4120 0000 0000 0007');
      await page.evaluate(`document.getElementById('result').hidden = true`);
      await page.click('.sealcard-number input', FRAME);
      await page.press('End');
      for (let i = 0; i < 19; i++) await page.press('Backspace');
      await page.type('.sealcard-number input', '5555444444444457', FRAME);
      await page.click('#pay');
      const paid = await outcome(page);
      assert.equal(paid.error, false, paid.text);
      assert.match(paid.text, /succeeded/);
      await page.close();
    });

    test('a declined card shows a decline and keeps the input', async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      await typeCard(page, '4111111111111111');
      await page.click('#pay');
      const result = await outcome(page);
      assert.equal(result.error, true);
      assert.match(result.text, /declined/);
      assert.equal(await page.value('.sealcard-cvc input', FRAME), '731');
      await page.close();
    });

    test('inline mode pays from the shop’s own page', async () => {
      const page = await browser.newPage();
      await page.goto(`${sandbox.merchant}/inline.html`);
      await page.waitFor('#card .sealcard-number input');
      await page.type('#card .sealcard-number input', '4343434343434345');
      await page.type('#card .sealcard-expiry input', '1240');
      await page.type('#card .sealcard-cvc input', '123');
      await page.click('#pay');
      await page.waitFor('#result');
      const text = await page.text('#result');
      assert.match(text, /succeeded/);
      assert.deepEqual(page.console.filter((m) => /Content.Security.Policy|Refused to|pageerror/i.test(m)), []);
      await page.close();
    });

    test('axe-core: zero violations in the page and in the frame', async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      const run = (/** @type {string} */ options) => `(async () => {
        ${axeSource}
        const r = await axe.run(document, { resultTypes: ['violations'], ...${options} });
        return r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
      })()`;
      assert.deepEqual(await page.evaluate(run('{}')), [], 'merchant page');
      // The frame is a part of the page, not a page: it has no level-one heading of its own.
      assert.deepEqual(await page.evaluate(run("{ rules: { 'page-has-heading-one': { enabled: false } } }"), FRAME), [], 'fields frame');
      await page.close();
    });

    test('forged messages cannot make the frame tokenize, reveal state or throw', async () => {
      const page = await browser.newPage();
      await openCheckout(page);
      await typeCard(page, '4343434343434345');
      const before = await sandbox.stats();
      // The merchant page itself, with wrong shapes: wrong channel, no type, junk, huge.
      await page.evaluate(`(() => {
        const w = document.querySelector('${FRAME}').contentWindow;
        const target = new URL(document.querySelector('${FRAME}').src).origin;
        for (const m of [
          null, 42, 'createPaymentMethod', [], { type: 'createPaymentMethod', id: 1 },
          { sealcard: 'wrong', type: 'createPaymentMethod', id: 1 },
          { sealcard: '1-1', type: 'confirmPayment', id: 2, clientKey: 'pi_x_client_y' },
          { sealcard: 'x'.repeat(1e6), type: 'x' },
        ]) w.postMessage(m, target);
      })()`);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(page.console.filter((m) => /pageerror/.test(m)), []);
      assert.equal((await sandbox.stats()).tokenizations, before.tokenizations, 'no tokenization');
      assert.equal(await page.value('.sealcard-number input', FRAME), '4343 4343 4343 4345', 'the frame still works');
      // A page of a third origin frames the fields frame, claiming to be the merchant: the
      // frame's CSP refuses to be framed there, and nothing answers.
      const evil = await browser.newPage();
      await evil.goto(`http://127.0.0.1:${ATTACKER_PORT}/`);
      const heard = await evil.evaluate(`new Promise((resolve) => {
        const heard = [];
        addEventListener('message', (e) => heard.push(String(e.origin)));
        const f = document.createElement('iframe');
        f.src = '${sandbox.frame}/frame/frame.html#origin=' + encodeURIComponent(location.origin) + '&channel=1-1';
        document.body.append(f);
        setTimeout(() => {
          try { f.contentWindow.postMessage({ sealcard: '1-1', type: 'init', config: { publicKey: 'pk_test_sandbox' } }, '*'); } catch {}
          setTimeout(() => resolve(heard), 1500);
        }, 1500);
      })`);
      assert.deepEqual(heard, []);
      assert.equal((await sandbox.stats()).tokenizations, before.tokenizations, 'no tokenization');
      await evil.close();
      await page.close();
    });
  });
}

test('the sealcard-proof command passes on the demo checkout', async () => {
  const { execFile } = await import('node:child_process');
  const run = (/** @type {string[]} */ args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [join(root, 'proof', 'cli.mjs'), ...args], { timeout: 120000 }, (error, stdout) =>
        resolve({ code: error ? (error.code ?? 1) : 0, stdout }),
      );
    });
  const ok = /** @type {{ code: number, stdout: string }} */ (
    await run(['--url', `${sandbox.merchant}/`, '--api-origin', sandbox.api, '--browser', 'chromium', '--wait-ms', '3000'])
  );
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /chromium: 1 request\(s\) carried the card/);
  assert.match(ok.stdout, /no card digit beyond the BIN and last 4/);
  // Told that the API is elsewhere, it reports the request that carried the card as a leak.
  const leak = /** @type {{ code: number, stdout: string }} */ (
    await run(['--url', `${sandbox.merchant}/`, '--api-origin', 'https://api.paymongo.com', '--browser', 'chromium', '--wait-ms', '3000'])
  );
  assert.equal(leak.code, 1, leak.stdout);
  assert.match(leak.stdout, /LEAK request body to http:\/\/localhost:18082/);
});
