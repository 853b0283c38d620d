// sealcard/testing in Node, without a browser: the test cards, the package's entries, the
// refusals that need no page (a fake driver stands for one), and the proof that the shipped
// frame has no way to take card values but its own inputs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../e2e/sandbox.mjs';

const KIT = join(ROOT, 'dist', 'testing');
const { testCards, testCardList, SealCardTestError } = await import(join(KIT, 'index.js'));
const { validateNumber, validateExpiry, validateCvc } = await import('sealcard/validate');

test('every card of PayMongo\'s table is in testCards, valid, under its own name', () => {
  assert.equal(testCardList.length, 23);
  assert.equal(new Set(testCardList.map((/** @type {any} */ c) => c.number)).size, 23);
  assert.deepEqual(
    [testCards.visa, testCards.mastercard, testCards.threeDSecure, testCards.declined],
    ['4343434343434345', '5555444444444457', '4120000000000007', '4111111111111111'],
  );
  for (const c of testCardList) {
    assert.equal(testCards[c.key], c.number);
    const v = validateNumber(c.number);
    assert.ok(v.valid, `${c.key} ${c.number} validates`);
    assert.ok(['visa', 'mastercard'].includes(v.brand), `${c.key} is Visa or Mastercard`);
    assert.equal(c.outcome === 'succeeds' || c.outcome === 'three_d_secure' || c.failedCode !== undefined, true);
  }
  assert.ok(Object.isFrozen(testCards));
});

test('the default expiry is in the future and the CVC valid', () => {
  assert.match(testCards.expiry, /^12\/\d\d$/);
  assert.equal(validateExpiry(testCards.expiry).valid, true);
  const now = new Date();
  assert.equal(validateExpiry(testCards.expiry, { year: now.getFullYear() + 4, month: 12 }).valid, true);
  assert.equal(validateCvc(testCards.cvc, 'visa').valid, true);
});

test('the package exports the kit; importing it needs no driver and has no side effects', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const entry of ['./testing', './testing/playwright', './testing/puppeteer', './testing/webdriver']) {
    assert.ok(pkg.exports[entry]?.types && pkg.exports[entry]?.default, entry);
  }
  for (const peer of ['playwright-core', 'puppeteer-core', 'selenium-webdriver']) {
    assert.ok(pkg.peerDependencies[peer], peer);
    assert.equal(pkg.peerDependenciesMeta[peer]?.optional, true, peer);
  }
  const names = ['waitForReady', 'fillCard', 'clearCard', 'readState', 'completeThreeDSecure', 'testCards', 'SealCardTestError'];
  for (const adapter of ['playwright', 'puppeteer', 'webdriver']) {
    const source = readFileSync(join(KIT, `${adapter}.js`), 'utf8');
    assert.doesNotMatch(source, /from ['"](playwright|puppeteer|selenium)/, `${adapter}.js imports no driver`);
    const m = await import(`sealcard/testing/${adapter}`);
    for (const name of names) assert.ok(name in m, `${adapter} exports ${name}`);
    await assert.rejects(m.fillCard({}, { number: testCards.visa }), TypeError, 'a wrong page is a TypeError');
  }
  assert.equal((await import('sealcard/testing')).testCards, testCards);
});

/**
 * A fake page for the core: one isolated frame whose fields show `mode` (nothing is typed:
 * `type` records calls).
 * @param {string | null} mode
 */
function fakePage(mode) {
  const typed = [];
  const page = {
    mainFrame: () => 'top',
    frames: () => ['top', 'frame'],
    typed,
    $: async (/** @type {string} */ sel) => (sel.includes('iframe') ? { contentFrame: async () => 'frame' } : null),
  };
  /** @param {string} ctx @param {Function} fn */
  const evaluate = (ctx, fn) => {
    if (fn.name === 'locateInPage') return { kind: 'frame', ready: true, error: null, src: 'https://fields.example/frame/frame.html' };
    if (fn.name === 'readFieldsState') {
      return { found: true, ready: true, mode, brand: 'unknown', empty: true, complete: false, invalid: false, focused: false, fields: ['number', 'expiry', 'cvc'], errors: {} };
    }
    return false;
  };
  // What playwright.js calls on frames: evaluate and locators.
  const frame = (/** @type {string} */ ctx) => ({
    evaluate: (/** @type {Function} */ fn) => evaluate(ctx, fn),
    $: page.$,
    locator: () => ({ first: () => ({ click: async () => typed.push('click'), press: async () => typed.push('press'), pressSequentially: async () => typed.push('type') }) }),
  });
  page.mainFrame = () => frame('top');
  page.$ = async (sel) => (sel.includes('iframe') ? { contentFrame: async () => frame('frame') } : null);
  return page;
}

test('fields that do not say they are in test mode are refused before anything is typed', async () => {
  const kit = await import(join(KIT, 'playwright.js'));
  for (const mode of ['live', null, 'demo']) {
    const page = fakePage(mode);
    await assert.rejects(kit.fillCard(page, { number: testCards.visa }), (e) => {
      assert.ok(e instanceof SealCardTestError);
      assert.equal(/** @type {any} */ (e).code, 'live_mode');
      return true;
    });
    assert.deepEqual(page.typed, [], `mode ${mode}: no click, no key`);
  }
  const page = fakePage('test');
  const state = await kit.fillCard(page, { number: testCards.visa });
  assert.ok(page.typed.includes('type'));
  assert.equal(state.testMode, true);
});

test('wrong arguments are typed errors', async () => {
  const kit = await import(join(KIT, 'playwright.js'));
  const page = fakePage('test');
  await assert.rejects(kit.fillCard(page, null), { code: 'invalid_argument' });
  await assert.rejects(kit.fillCard(page, { number: 4343 }), { code: 'invalid_argument' });
  await assert.rejects(kit.fillCard(page, { name: 'Juan' }), { code: 'invalid_argument' }, 'no name input unless shown');
  await assert.rejects(kit.waitForReady(page, { container: '' }), { code: 'invalid_argument' });
  await assert.rejects(kit.completeThreeDSecure(page, 'approve'), { code: 'invalid_argument' });
});

test('the frame takes no card values from outside its inputs: its messages are commands only', () => {
  const source = readFileSync(join(ROOT, 'js', 'frame', 'frame.js'), 'utf8');
  const handled = new Set([...source.matchAll(/case '([A-Za-z]+)':|d\.type === '([A-Za-z]+)'/g)].map((m) => m[1] ?? m[2]));
  // Every message the frame acts on. A new one must be reviewed here: none may carry a number,
  // an expiry or a code into the fields.
  assert.deepEqual([...handled].sort(), ['clear', 'confirmPayment', 'createPaymentMethod', 'focus', 'init', 'nextActionDone', 'update'].sort());
  // What the frame copies out of a message: configuration, view options and payment options.
  const picked = [...source.matchAll(/pick\([^,]+, \[([^\]]*)\]\)/g)].flatMap((m) => m[1].split(',').map((k) => k.trim().replace(/'/g, '')));
  for (const key of picked) assert.doesNotMatch(key, /number|card|value|cvc|csc|expiry|exp|pan|digits/i, `${key} is not a card value`);
  assert.ok(picked.includes('publicKey') && picked.includes('billing'));
});
