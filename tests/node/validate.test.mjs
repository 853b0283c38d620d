// Node tests of the built package, imported by its name as a user would: `sealcard/validate`.
// Run by `npm test` after `npm run build` (node --test).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { brands, formatNumber, validateCvc, validateExpiry, validateNumber } from 'sealcard/validate';

const require = createRequire(import.meta.url);
const cardValidator = require('card-validator');
const creditCardType = require('credit-card-type');

const TODAY = { year: 2026, month: 11 };

test('the README example', () => {
  assert.deepEqual(validateNumber('4343 4343 4343 4345'), {
    brand: 'visa',
    valid: true,
    potentiallyValid: true,
  });
});

test('errors are typed objects with stable codes', () => {
  const v = validateNumber('4242 4242 4242 4241');
  assert.equal(v.valid, false);
  assert.deepEqual(v.error, {
    type: 'validation_error',
    code: 'invalid_number',
    message: 'Your card number is invalid.',
    field: 'number',
    retryable: false,
  });
  assert.equal(validateNumber('4343').error?.code, 'incomplete_number');
  assert.equal(validateNumber('').brand, null);
});

test('PayMongo test cards validate; 5123000000000002 does not', () => {
  for (const n of ['4343434343434345', '4120000000000007', '5555444444444457', '5234000000000106', '4600000000000014']) {
    assert.equal(validateNumber(n).valid, true, n);
  }
  assert.equal(validateNumber('5123000000000002').valid, false);
});

test('the brand table is credit-card-type’s: ids, order, lengths, gaps, code sizes', () => {
  const theirs = creditCardType('');
  assert.deepEqual(
    brands.map((b) => b.id),
    theirs.map((t) => t.type),
  );
  for (const ours of brands) {
    const t = creditCardType.getTypeInfo(ours.id);
    assert.equal(ours.name, t.niceType, ours.id);
    assert.deepEqual([...ours.lengths], t.lengths, ours.id);
    assert.deepEqual([...ours.gaps], t.gaps, ours.id);
    assert.equal(ours.cvcLength, t.code.size, ours.id);
    assert.equal(ours.cvcName, t.code.name, ours.id);
    assert.equal(ours.luhn, ours.id !== 'unionpay', ours.id);
  }
  assert.ok(Object.isFrozen(brands) && Object.isFrozen(brands[0]) && Object.isFrozen(brands[0].lengths));
});

test('the README brand table matches the brand table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| (\d) \| (yes|no) \|$/gm)];
  assert.deepEqual(
    rows.map((r) => [r[1], r[2].trim(), r[3].trim(), r[4].trim(), Number(r[5]), r[6] === 'yes']),
    brands.map((b) => [b.id, b.name, b.lengths.join(', '), b.gaps.join(', '), b.cvcLength, b.luhn]),
  );
});

/** Deterministic pseudo-random inputs: every brand's prefixes, extended by random digits. */
function* numberInputs() {
  let seed = 42;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const prefixes = [];
  for (const t of creditCardType('')) {
    for (const p of t.patterns) prefixes.push(String(Array.isArray(p) ? p[rand(2)] : p));
  }
  for (let i = 0; i < 20000; i++) {
    let s = prefixes[rand(prefixes.length)];
    const extra = rand(18);
    for (let j = 0; j < extra; j++) s += String(rand(10));
    yield s.slice(0, 1 + rand(20));
  }
  for (let i = 0; i < 2000; i++) yield String(rand(10 ** 9)).padEnd(1 + rand(19), String(rand(10)));
}

test('validateNumber agrees with card-validator on brand, valid and potentiallyValid', () => {
  let checked = 0;
  for (const input of numberInputs()) {
    const ours = validateNumber(input);
    const theirs = cardValidator.number(input);
    assert.deepEqual(
      [ours.brand, ours.valid, ours.potentiallyValid],
      [theirs.card?.type ?? null, theirs.isValid, theirs.isPotentiallyValid],
      `input ${input}`,
    );
    checked++;
  }
  assert.ok(checked > 20000);
});

test('validateExpiry takes a fixed today and the documented formats', () => {
  for (const s of ['12/30', '12 / 30', '1230', '12/2030']) {
    assert.deepEqual(validateExpiry(s, TODAY), { valid: true, potentiallyValid: true, month: 12, year: 2030 }, s);
  }
  assert.equal(validateExpiry('10/26', TODAY).error?.code, 'expired');
  assert.equal(validateExpiry('11/26', TODAY).valid, true);
  assert.equal(validateExpiry('07/20', { year: 2020, month: 7 }).valid, true);
  assert.equal(validateExpiry('01/47', TODAY).error?.code, 'expiry_too_far');
  assert.equal(validateExpiry('13/30', TODAY).error?.code, 'invalid_expiry');
  assert.equal(validateExpiry('1', TODAY).error?.code, 'incomplete_expiry');
  // Without `today`, the clock decides: a date two years ahead is valid.
  const next = new Date().getFullYear() + 2;
  assert.equal(validateExpiry(`01/${next}`).valid, true);
});

test('validateCvc by brand', () => {
  assert.equal(validateCvc('123', 'visa').valid, true);
  assert.equal(validateCvc('123', 'american-express').error?.code, 'incomplete_cvc');
  assert.equal(validateCvc('1234', 'american-express').valid, true);
  assert.equal(validateCvc('1234').valid, true);
  assert.equal(validateCvc('12345').error?.code, 'invalid_cvc');
  assert.equal(validateCvc('123', null).valid, true);
});

test('formatNumber keeps the caret on its digit', () => {
  assert.deepEqual(formatNumber('4242424242424242', 16), { value: '4242 4242 4242 4242', caret: 19 });
  assert.deepEqual(formatNumber('378282246310005', 5), { value: '3782 822463 10005', caret: 6 });
  assert.deepEqual(formatNumber('42424'), { value: '4242 4', caret: 6 });
  assert.deepEqual(formatNumber('4242 ', 5), { value: '4242', caret: 4 });
  // UTF-16 carets: an emoji counts as two units before the digits.
  assert.deepEqual(formatNumber('💳4242', 4), { value: '4242', caret: 2 });
  assert.deepEqual(formatNumber('', 0), { value: '', caret: 0 });
});

test('misuse throws typed errors; bad input never does', () => {
  assert.throws(() => validateNumber(/** @type {any} */ (4242)), TypeError);
  assert.throws(() => validateNumber(/** @type {any} */ (null)), TypeError);
  assert.throws(() => validateCvc('123', /** @type {any} */ ('amex')), TypeError);
  assert.throws(() => validateExpiry('12/30', /** @type {any} */ ({ year: 2026, month: 13 })), RangeError);
  assert.throws(() => formatNumber('4242', -1), RangeError);
  const hostile = ['\u0000', '\u202e4242', '\ud800', '😀'.repeat(1000), '<script>alert(1)</script>', '٤٣٤٣'];
  for (const s of hostile) {
    validateNumber(s);
    validateExpiry(s, TODAY);
    validateCvc(s);
    formatNumber(s, 1);
  }
  const paste = '4242 '.repeat(200_000);
  assert.equal(formatNumber(paste, paste.length).value, '4242 4242 4242 4242424');
});
