// End to end: the 3-D Secure modal is a modal <dialog> in the page's colour scheme (dark on the
// demo's dark page, light on its light page), its Cancel button styled like the page's text,
// focus on Cancel, and Escape or Cancel cancel the payment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, inEachBrowser, outcome, typeCard, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18250, framePort: 18251, apiPort: 18252 };
const demo = useDemo(PORTS);

const BANK = 'iframe[title^="Bank authentication"]';
const shots = join(ROOT, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

/** @typedef {import('./fixture.mjs').TestPage} TestPage */

/** Opens the demo in `theme`, pays with the 3-D Secure card and waits for the modal. */
async function openModal(/** @type {TestPage} */ page, /** @type {string} */ theme) {
  await demo.openCheckout(page, { path: `/?theme=${theme}` });
  await typeCard(page, '4120000000000007');
  await page.click('#pay');
  await page.waitFor(BANK);
}

/** What the modal looks like: whether it is an open modal dialog, its background's luminance,
 * the Cancel button's look and whether it has focus. */
const MODAL = `(() => {
  const dialog = document.querySelector('dialog');
  const cancel = dialog.querySelector('button');
  const [r, g, b] = getComputedStyle(dialog).backgroundColor.match(/\\d+/g).map(Number);
  const c = getComputedStyle(cancel);
  return {
    modal: dialog.open && dialog.matches(':modal'),
    name: dialog.ariaLabel,
    luminance: Math.round((0.2126 * r + 0.7152 * g + 0.0722 * b) / 2.55),
    cancel: { text: cancel.textContent, radius: c.borderTopLeftRadius, font: c.fontFamily === getComputedStyle(document.body).fontFamily, color: c.color === getComputedStyle(dialog).color },
    focused: document.activeElement === cancel,
  };
})()`;

inEachBrowser('the 3-D Secure modal', (browser) => {
  for (const [theme, dark] of /** @type {const} */ ([['light', false], ['dark', true]])) {
    test(`on a ${theme} page: a modal dialog in the page's scheme, Cancel styled and focused; Cancel cancels`, async () => {
      const page = await browser.newPage();
      await openModal(page, theme);
      await page.screenshot(join(shots, `modal-${browser.name}-${theme}-page.png`));
      const modal = await page.evaluate(MODAL);
      assert.equal(modal.modal, true, 'a modal dialog');
      assert.equal(modal.name, 'Confirm with your bank');
      assert.ok(dark ? modal.luminance < 25 : modal.luminance > 90, `background luminance ${modal.luminance}%`);
      assert.deepEqual(modal.cancel, { text: 'Cancel', radius: '6px', font: true, color: true });
      assert.equal(modal.focused, true, 'focus on Cancel');
      await page.click('dialog button');
      const result = await outcome(page);
      assert.equal(result.isError, true, result.text);
      assert.equal(result.error, 'authentication_incomplete retryable');
      assert.equal(await page.evaluate(`document.querySelectorAll('dialog').length`), 0, 'the dialog is gone');
      assert.equal(result.payDisabled, false, 'the shopper may try again');
    });
  }

  test('Escape cancels the payment', async () => {
    const page = await browser.newPage();
    await openModal(page, 'light');
    // Focus is on Cancel, in the dialog: Escape goes to it.
    await page.press('Escape');
    const result = await outcome(page);
    assert.equal(result.error, 'authentication_incomplete retryable', result.text);
    assert.equal(await page.evaluate(`document.querySelectorAll('dialog').length`), 0);
  });
});
