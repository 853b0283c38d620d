// End to end: the fields frame is as tall as its content — after an error appears, after the
// layout wraps on a narrow width and unwraps again — with nothing scrolling inside it; and the
// merchant page takes a `resize` message only with a finite, non-negative, bounded height.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIELD, FRAME, inEachBrowser, sleep, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18235, framePort: 18236, apiPort: 18237 };
const demo = useDemo(PORTS);

/** @typedef {import('./fixture.mjs').TestPage} TestPage */

/** The frame's height in the page and its content's, in the frame; whether anything overflows. */
async function heights(/** @type {TestPage} */ page) {
  const frame = await page.evaluate(`document.querySelector('${FRAME}').getBoundingClientRect().height`);
  const inside = await page.evaluate(`({
    content: Math.ceil(document.body.getBoundingClientRect().height),
    overflows: document.documentElement.scrollHeight > document.documentElement.clientHeight ||
      document.documentElement.scrollWidth > document.documentElement.clientWidth,
  })`, FRAME);
  return { frame, ...inside };
}

/**
 * Waits until the frame's height is its content's (the resize message is asynchronous), then
 * checks it and that nothing scrolls inside the frame. Returns the height.
 * @param {TestPage} page @param {string} when
 */
async function assertFits(page, when) {
  let h = await heights(page);
  for (let i = 0; i < 100 && h.frame !== h.content; i++) {
    await sleep(50);
    h = await heights(page);
  }
  assert.equal(h.frame, h.content, `${when}: the frame is as tall as its content`);
  assert.equal(h.overflows, false, `${when}: nothing scrolls inside the frame`);
  return h.frame;
}

/** Sets the width of the demo's card container (through the CSSOM: the demo's CSP refuses style attributes). */
const setWidth = (/** @type {TestPage} */ page, /** @type {string} */ width) =>
  page.evaluate(`document.getElementById('card').style.width = '${width}'`);

inEachBrowser('the frame fits its content', (browser) => {
  test('after an error appears, after the layout wraps and unwraps', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    const empty = await assertFits(page, 'ready');
    assert.ok(empty > 100, `the fields show (${empty}px)`);
    // Narrow: the labels and then the error wrap onto more lines.
    await setWidth(page, '170px');
    const narrow = await assertFits(page, 'narrow');
    assert.ok(narrow > empty, `the wrapped layout is taller (${narrow}px > ${empty}px)`);
    await page.type(FIELD.number, '4242', FRAME);
    await page.click(FIELD.expiry, FRAME);
    await page.evaluate(`new Promise((resolve) => {
      const check = () => (document.querySelector('.sealcard-number .sealcard-error').textContent ? resolve(undefined) : setTimeout(check, 20));
      check();
    })`, FRAME);
    const withError = await assertFits(page, 'an error shown on a narrow width');
    assert.ok(withError > narrow, `the wrapped error makes it taller (${withError}px > ${narrow}px)`);
    // Wide again: the frame shrinks back to its content.
    await setWidth(page, '');
    const wide = await assertFits(page, 'wide again, with the error');
    assert.ok(wide < withError, `the frame shrinks (${wide}px < ${withError}px)`);
  });

  test('a resize message is taken only with a finite, non-negative, bounded number', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await assertFits(page, 'ready');
    // Every height the page gives the frame from now on.
    await page.evaluate(`(() => {
      const frame = document.querySelector('${FRAME}');
      window.__heights = [];
      new MutationObserver(() => window.__heights.push(frame.style.height)).observe(frame, { attributes: true, attributeFilter: ['style'] });
    })()`);
    // Sent from the frame itself, on its channel, to the page's origin: only the value is wrong.
    const send = (/** @type {string} */ height) =>
      page.evaluate(`(() => {
        const hash = new URLSearchParams(location.hash.slice(1));
        parent.postMessage({ sealcard: hash.get('channel'), type: 'resize', height: ${height} }, hash.get('origin'));
      })()`, FRAME);
    for (const bad of ["'500'", '[500]', 'null', '-1', 'NaN', 'Infinity', '-Infinity', '1e9', '2001', 'true', '{}', '500n']) {
      await send(bad);
    }
    // A good message after the bad ones: messages arrive in order, so once it is taken, every
    // bad one has been handled.
    await send('321');
    await page.evaluate(`new Promise((resolve) => {
      const check = () => (document.querySelector('${FRAME}').style.height === '321px' ? resolve(undefined) : setTimeout(check, 20));
      check();
    })`);
    assert.deepEqual(await page.evaluate('window.__heights'), ['321px'], 'only the good height was applied');
  });
});
