// sealcard/testing for Playwright: the kit's functions, first argument a Playwright `Page`
// (from playwright, playwright-core or @playwright/test). Nothing is imported from Playwright:
// the page a test already has does everything.
import { kit, pageContexts } from './core.js';

export { testCards, testCardList, SealCardTestError } from './index.js';

/** @param {any} page @returns {import('./core.js').Driver} */
function driverOf(page) {
  if (!page || typeof page.mainFrame !== 'function' || typeof page.frames !== 'function') {
    throw new TypeError('sealcard/testing/playwright: the first argument must be a Playwright Page');
  }
  /** @param {any} ctx @param {string} selector @param {string} [within] */
  const locate = (ctx, selector, within) => (within ? ctx.locator(within).first().locator(selector) : ctx.locator(selector)).first();
  return {
    ...pageContexts(page),
    async type(ctx, selector, text, within) {
      const input = locate(ctx, selector, within);
      await input.click();
      await input.press('End');
      await input.pressSequentially(text);
    },
    async clearField(ctx, selector, within) {
      const input = locate(ctx, selector, within);
      await input.click();
      await input.press('ControlOrMeta+a');
      await input.press('Backspace');
    },
    async clickButton(ctx, text) {
      const button = /** @type {any} */ (ctx).getByRole('button', { name: text, exact: true });
      if ((await button.count()) === 0) return false;
      await button.first().click();
      return true;
    },
  };
}

export const { waitForReady, fillCard, clearCard, readState, completeThreeDSecure } = kit(driverOf);
