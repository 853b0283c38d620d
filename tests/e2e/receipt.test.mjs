// End to end: after a successful payment the demo shop shows its receipt and nothing invites a
// second payment (the Pay button stays disabled; a click does not replace the receipt).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAN, inEachBrowser, outcome, typeCard, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18230, framePort: 18231, apiPort: 18232 };
const demo = useDemo(PORTS);

inEachBrowser('the receipt', (browser) => {
  test('a paid order keeps its receipt: the Pay button is disabled and a click changes nothing', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await typeCard(page, PAN);
    await page.click('#pay');
    const paid = await outcome(page);
    assert.equal(paid.isError, false, paid.text);
    assert.match(paid.text, /succeeded/);
    assert.equal(paid.payDisabled, true, 'the Pay button stays disabled');
    assert.equal(await page.text('#pay'), 'Paid');
    const before = await demo.stats();
    // A programmatic submit (Enter, a stray script) is ignored like a click on the disabled button.
    await page.evaluate(`document.getElementById('pay-form').requestSubmit()`);
    await page.evaluate(`document.getElementById('pay').click()`);
    const after = await outcome(page);
    assert.equal(after.text, paid.text, 'the receipt stays');
    assert.equal(after.isError, false);
    assert.equal((await demo.stats()).tokenizations, before.tokenizations, 'no second payment method');
  });

  test('a failed payment leaves the Pay button enabled for another try', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await typeCard(page, '4111111111111111');
    await page.click('#pay');
    const declined = await outcome(page);
    assert.equal(declined.isError, true);
    assert.equal(declined.payDisabled, false);
  });
});
