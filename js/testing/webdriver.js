// sealcard/testing for selenium-webdriver: the kit's functions, first argument a `WebDriver`
// (ChromeDriver, geckodriver, or a Selenium Grid session). Nothing is imported from
// selenium-webdriver: locators are plain `{ css }` objects and keys their WebDriver code points.
// Each function enters the frames it needs and leaves the driver in the top-level page.
import { kit } from './core.js';

export { testCards, testCardList, SealCardTestError } from './index.js';

/** WebDriver key code points (the W3C WebDriver specification's table). */
const KEY = { NULL: '\uE000', BACKSPACE: '\uE003', END: '\uE010', CONTROL: '\uE009', META: '\uE03D' };
/** Select-all is Meta+A on macOS, Control+A elsewhere. */
const SELECT_ALL = `${/** @type {any} */ (globalThis).process?.platform === 'darwin' ? KEY.META : KEY.CONTROL}a${KEY.NULL}`;

/** @param {any} driver @returns {import('./core.js').Driver} */
function driverOf(driver) {
  if (!driver || typeof driver.executeScript !== 'function' || typeof driver.switchTo !== 'function') {
    throw new TypeError('sealcard/testing/webdriver: the first argument must be a selenium-webdriver WebDriver');
  }
  /** A context is the path of frame elements from the top-level page ([] for the page). */
  async function enter(/** @type {any[]} */ path) {
    await driver.switchTo().defaultContent();
    for (const frame of path) await driver.switchTo().frame(frame);
  }
  /** @param {any[]} path @param {string} selector @param {string} [within] */
  async function findAll(path, selector, within) {
    await enter(path);
    const scope = within ? (await driver.findElements({ css: within }))[0] : driver;
    return scope ? scope.findElements({ css: selector }) : [];
  }
  /** @param {any[]} path @param {string} selector @param {string} [within] */
  async function find(path, selector, within) {
    const [el] = await findAll(path, selector, within);
    if (!el) throw new Error(`sealcard/testing: no ${selector}${within ? ` in ${within}` : ''}`);
    return el;
  }
  return {
    top: () => [],
    async frames() {
      /** @type {any[][]} */
      const all = [];
      /** @type {any[][]} */
      const queue = [[]];
      while (queue.length > 0 && all.length < 50) {
        const path = /** @type {any[]} */ (queue.shift());
        all.push(path);
        try {
          for (const frame of await findAll(path, 'iframe, frame')) queue.push([...path, frame]);
        } catch {
          // A frame that went away while we looked.
        }
      }
      return all;
    },
    async frameOf(ctx, selector, within) {
      const [frame] = await findAll(/** @type {any[]} */ (ctx), selector, within);
      return frame ? [.../** @type {any[]} */ (ctx), frame] : null;
    },
    async evaluate(ctx, fn, arg) {
      await enter(/** @type {any[]} */ (ctx));
      return driver.executeScript(`return (${fn}).apply(null, arguments);`, arg);
    },
    async type(ctx, selector, text, within) {
      const input = await find(/** @type {any[]} */ (ctx), selector, within);
      await input.click();
      await input.sendKeys(KEY.END, text);
    },
    async clearField(ctx, selector, within) {
      const input = await find(/** @type {any[]} */ (ctx), selector, within);
      await input.click();
      await input.sendKeys(SELECT_ALL, KEY.BACKSPACE);
    },
    async clickButton(ctx, text) {
      for (const button of await findAll(/** @type {any[]} */ (ctx), 'button')) {
        if ((await button.getText()).trim() !== text) continue;
        await button.click();
        return true;
      }
      return false;
    },
    done: () => driver.switchTo().defaultContent(),
  };
}

export const { waitForReady, fillCard, clearCard, readState, completeThreeDSecure } = kit(driverOf);
