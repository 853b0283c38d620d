// End to end, in real headless Chromium (playwright-core) and Firefox (puppeteer-core), against
// the demo's three origins served by the sandbox: pay with test cards (success, 3-D Secure
// authorize and fail, a decline), inline mode, the hostile-merchant proof, forged messages,
// axe-core in the page and in the frame, CSP, and screenshots of the demo.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { join } from 'node:path';
import { INSTRUMENT } from '../../proof/hostile.mjs';
import { FIELD, FRAME, PAN, ROOT, inEachBrowser, outcome, sleep, typeCard, useAttackerPages, useDemo } from './fixture.mjs';

const shots = join(ROOT, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const BANK = 'iframe[title^="Bank authentication"]';
/** A page of a third origin, for forged messages. */
const ATTACKER_PORT = 18083;

const demo = useDemo();
useAttackerPages([ATTACKER_PORT]);

/** Console messages of a CSP refusal or an uncaught error. */
const cspOrPageErrors = (/** @type {import('./fixture.mjs').TestPage} */ page) =>
  page.console.filter((m) => /Content.Security.Policy|Refused to|pageerror/i.test(m));

inEachBrowser('checkout', (browser) => {
  const { name } = browser;

  test('pays a card; the hostile merchant realm never sees it; no CSP violation', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page, { init: [INSTRUMENT] });
    const before = await demo.stats();
    await typeCard(page, PAN);
    await page.screenshot(join(shots, `${name}-before-paying.png`));
    await page.click('#pay');
    const result = await outcome(page);
    assert.equal(result.isError, false, result.text);
    assert.match(result.text, /pm_[A-Za-z0-9]+ \(visa •••• 9300\)/);
    assert.match(result.text, /succeeded/);
    await page.screenshot(join(shots, `${name}-after-paying.png`));
    const { leaks, realm, tokenizationRequests } = await demo.findLeaks(page);
    assert.deepEqual(leaks, []);
    assert.ok(realm.messages.length > 0, 'the instrument saw the frame’s messages');
    assert.ok(realm.mutations.length > 0, 'the instrument saw DOM mutations');
    assert.equal(tokenizationRequests, 1, 'one request carried the card, to the API');
    assert.equal((await demo.stats()).tokenizations - before.tokenizations, 1, 'exactly one payment method');
    assert.deepEqual(realm.violations, []);
    assert.deepEqual(cspOrPageErrors(page), []);
    // Control: the proof does see card digits when the merchant realm gets them.
    await page.evaluate(`postMessage({ note: '4539 8172 6051 9300' }, '*'); localStorage.setItem('x', '7260-51')`);
    await sleep(100);
    const control = await demo.findLeaks(page);
    assert.ok(control.leaks.some((l) => l.startsWith('message')), control.leaks.join('; '));
    assert.ok(control.leaks.includes('storage: card number digits'), control.leaks.join('; '));
  });

  test('load() refuses a secret key before any request or frame; remounting is safe', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
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
      const sc = await SealCard.load(${demo.config()});
      for (let i = 0; i < 2; i++) sc.mount(host).destroy();
      const card = sc.mount(host);
      await new Promise((resolve) => card.on('ready', resolve));
      return [document.querySelectorAll('iframe').length, host.querySelectorAll('iframe').length].join(' ');
    })()`);
    assert.equal(outcomeText, '2 1', 'one frame per live mount');
  });

  test('3-D Secure: authorize in the modal', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await typeCard(page, '4120000000000007');
    await page.click('#pay');
    await page.waitFor(BANK);
    await page.click('form[action$="/authorize"] button', BANK);
    const result = await outcome(page);
    assert.equal(result.isError, false, result.text);
    assert.match(result.text, /succeeded/);
  });

  test('3-D Secure: fail, then pay with another card', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await typeCard(page, '4120000000000007');
    await page.click('#pay');
    await page.waitFor(BANK);
    await page.click('form[action$="/fail"] button', BANK);
    const failed = await outcome(page);
    assert.equal(failed.isError, true, failed.text);
    assert.match(failed.text, /bank could not confirm/);
    await page.screenshot(join(shots, `${name}-with-an-error.png`));
    // The shopper's input stays; they change the card and pay.
    assert.equal(await page.value(FIELD.number, FRAME), '4120 0000 0000 0007');
    await page.evaluate(`document.getElementById('result').hidden = true`);
    await page.click(FIELD.number, FRAME);
    await page.press('End');
    for (let i = 0; i < 19; i++) await page.press('Backspace');
    await page.type(FIELD.number, '5555444444444457', FRAME);
    await page.click('#pay');
    const paid = await outcome(page);
    assert.equal(paid.isError, false, paid.text);
    assert.match(paid.text, /succeeded/);
  });

  test('a declined card shows a decline and keeps the input', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await typeCard(page, '4111111111111111');
    await page.click('#pay');
    const result = await outcome(page);
    assert.equal(result.isError, true);
    assert.match(result.text, /declined/);
    assert.equal(await page.value(FIELD.cvc, FRAME), '731');
  });

  test('inline mode pays from the shop’s own page', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.merchant}/inline.html`);
    await page.waitFor(`#card ${FIELD.number}`);
    await page.type(`#card ${FIELD.number}`, '4343434343434345');
    await page.type(`#card ${FIELD.expiry}`, '1240');
    await page.type(`#card ${FIELD.cvc}`, '123');
    await page.click('#pay');
    await page.waitFor('#result');
    const text = await page.text('#result');
    assert.match(text, /succeeded/);
    assert.deepEqual(cspOrPageErrors(page), []);
  });

  test('axe-core: zero violations in the page and in the frame', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    const run = (/** @type {string} */ options) => `(async () => {
      ${axeSource}
      const r = await axe.run(document, { resultTypes: ['violations'], ...${options} });
      return r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
    })()`;
    assert.deepEqual(await page.evaluate(run('{}')), [], 'merchant page');
    // The frame is a part of the page, not a page: it has no level-one heading of its own.
    assert.deepEqual(await page.evaluate(run("{ rules: { 'page-has-heading-one': { enabled: false } } }"), FRAME), [], 'fields frame');
  });

  test('forged messages cannot make the frame tokenize, reveal state or throw', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await typeCard(page, '4343434343434345');
    const before = await demo.stats();
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
    await sleep(500);
    assert.deepEqual(page.console.filter((m) => /pageerror/.test(m)), []);
    assert.equal((await demo.stats()).tokenizations, before.tokenizations, 'no tokenization');
    assert.equal(await page.value(FIELD.number, FRAME), '4343 4343 4343 4345', 'the frame still works');
    // A page of a third origin frames the fields frame, claiming to be the merchant: the
    // frame's CSP refuses to be framed there, and nothing answers.
    const evil = await browser.newPage();
    await evil.goto(`http://127.0.0.1:${ATTACKER_PORT}/`);
    const heard = await evil.evaluate(`new Promise((resolve) => {
      const heard = [];
      addEventListener('message', (e) => heard.push(String(e.origin)));
      const f = document.createElement('iframe');
      f.src = '${demo.frameUrl}#origin=' + encodeURIComponent(location.origin) + '&channel=1-1';
      document.body.append(f);
      setTimeout(() => {
        try { f.contentWindow.postMessage({ sealcard: '1-1', type: 'init', config: { publicKey: 'pk_test_sandbox' } }, '*'); } catch {}
        setTimeout(() => resolve(heard), 1500);
      }, 1500);
    })`);
    assert.deepEqual(heard, []);
    assert.equal((await demo.stats()).tokenizations, before.tokenizations, 'no tokenization');
  });
});

test('the sealcard-proof command passes on the demo checkout', async () => {
  const { execFile } = await import('node:child_process');
  const run = (/** @type {string[]} */ args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [join(ROOT, 'proof', 'cli.mjs'), ...args], { timeout: 120000 }, (error, stdout) =>
        resolve({ code: error ? (error.code ?? 1) : 0, stdout }),
      );
    });
  const ok = /** @type {{ code: number, stdout: string }} */ (
    await run(['--url', `${demo.merchant}/`, '--api-origin', demo.api, '--browser', 'chromium', '--wait-ms', '3000'])
  );
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /chromium: 1 request\(s\) carried the card/);
  assert.match(ok.stdout, /no card digit beyond the BIN and last 4/);
  // Told that the API is elsewhere, it reports the request that carried the card as a leak.
  const leak = /** @type {{ code: number, stdout: string }} */ (
    await run(['--url', `${demo.merchant}/`, '--api-origin', 'https://api.paymongo.com', '--browser', 'chromium', '--wait-ms', '3000'])
  );
  assert.equal(leak.code, 1, leak.stdout);
  assert.match(leak.stdout, /LEAK request body to http:\/\/localhost:18082/);
});
