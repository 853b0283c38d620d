// sealcard/testing for Puppeteer: the kit's functions, first argument a Puppeteer `Page`
// (puppeteer or puppeteer-core; Chromium over CDP, Firefox over WebDriver BiDi). Nothing is
// imported from Puppeteer: the page a test already has does everything.
import { kit, pageContexts } from './core.js';

export { testCards, testCardList, SealCardTestError } from './index.js';

/** Select-all is Meta+A on macOS, Control+A elsewhere. */
const SELECT_ALL_MODIFIER = /** @type {any} */ (globalThis).process?.platform === 'darwin' ? 'Meta' : 'Control';

/** @param {any} page @returns {import('./core.js').Driver} */
function driverOf(page) {
  if (!page || typeof page.mainFrame !== 'function' || !page.keyboard) {
    throw new TypeError('sealcard/testing/puppeteer: the first argument must be a Puppeteer Page');
  }
  /** @param {any} ctx @param {string} selector @param {string} [within] */
  async function find(ctx, selector, within) {
    const scope = within ? await ctx.$(within) : ctx;
    const handle = scope && (await scope.$(selector));
    if (!handle) throw new Error(`sealcard/testing: no ${selector}${within ? ` in ${within}` : ''}`);
    return handle;
  }
  /** Focuses an input with a click and puts the caret at its end, as a user does. */
  async function focus(/** @type {any} */ ctx, /** @type {string} */ selector, /** @type {string | undefined} */ within) {
    const input = await find(ctx, selector, within);
    await input.click();
    await page.keyboard.press('End');
  }
  return {
    ...pageContexts(page),
    async type(ctx, selector, text, within) {
      await focus(ctx, selector, within);
      await page.keyboard.type(text);
    },
    async clearField(ctx, selector, within) {
      await focus(ctx, selector, within);
      await page.keyboard.down(SELECT_ALL_MODIFIER);
      await page.keyboard.press('a');
      await page.keyboard.up(SELECT_ALL_MODIFIER);
      await page.keyboard.press('Backspace');
    },
    async clickButton(ctx, text) {
      for (const button of await /** @type {any} */ (ctx).$$('button')) {
        const label = await button.evaluate((/** @type {Element} */ b) => (b.textContent ?? '').trim());
        if (label !== text) continue;
        await button.click();
        return true;
      }
      return false;
    },
  };
}

export const { waitForReady, fillCard, clearCard, readState, completeThreeDSecure } = kit(driverOf);
