// End to end: every fields theme × layout on a light and a dark demo page, with an error
// showing: screenshots (test-results/screenshots/looks-*), axe-core with zero violations, and a
// pixel check that the frame is transparent over the dark page (no white box).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIELD, FRAME, ROOT, inEachBrowser, showNumberError, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18245, framePort: 18246, apiPort: 18247 };
const demo = useDemo(PORTS);

const shots = join(ROOT, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** @typedef {import('./fixture.mjs').TestPage} TestPage */

const THEMES = ['default', 'night', 'flat', 'auto'];
const LAYOUTS = ['stacked', 'compact'];
const PAGES = ['light', 'dark'];

/** Opens the demo with the page theme, the fields theme and layout, and an error showing. */
async function openLook(/** @type {TestPage} */ page, /** @type {string} */ pageTheme, /** @type {string} */ fields, /** @type {string} */ layout) {
  await demo.openCheckout(page, { path: `/?theme=${pageTheme}&fields=${fields}&layout=${layout}` });
  await showNumberError(page);
  // The frame has taken the height of its content with the error.
  await page.evaluate(`new Promise((resolve) => {
    const check = () => (document.querySelector('${FRAME}').getBoundingClientRect().height > 150 ? resolve(undefined) : setTimeout(check, 20));
    check();
  })`);
}

/**
 * axe-core's violations in the page and in the fields frame. axe cannot see through a frame: in
 * the frame it would take the transparent canvas for white. The frame's root is given the colour
 * that shows behind it (the page's panel: what the pixel check below finds there), so contrast is
 * measured against what the shopper sees.
 */
async function axeViolations(/** @type {TestPage} */ page) {
  const run = (/** @type {string} */ options) => `(async () => {
    if (!window.axe) { ${axeSource} }
    const r = await axe.run(document, { resultTypes: ['violations'], ...${options} });
    return r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
  })()`;
  const behind = await page.evaluate(`getComputedStyle(document.querySelector('#card').closest('section')).backgroundColor`);
  await page.evaluate(`document.documentElement.style.backgroundColor = '${behind}'`, FRAME);
  return {
    page: await page.evaluate(run('{}')),
    // The frame is a part of the page, not a page: it has no level-one heading of its own.
    frame: await page.evaluate(run("{ rules: { 'page-has-heading-one': { enabled: false } } }"), FRAME),
  };
}


/** The fields themes made for each page: light and dark ones, and auto in both. */
const MATCHED = { light: ['default', 'flat', 'auto'], dark: ['night', 'auto'] };

inEachBrowser('looks', (browser) => {
  for (const pageTheme of PAGES) {
    // The shopper prefers the page's scheme (auto on a dark page is the night theme).
    const colorScheme = /** @type {'light' | 'dark'} */ (pageTheme);

    test(`screenshots of every theme and layout on a ${pageTheme} page, with an error`, async () => {
      const page = await browser.newPage({ colorScheme });
      for (const theme of THEMES) {
        for (const layout of LAYOUTS) {
          await openLook(page, pageTheme, theme, layout);
          await page.screenshot(join(shots, `looks-${browser.name}-${pageTheme}-page-${theme}-${layout}.png`));
        }
      }
    });

    test(`axe-core: no violation for the themes made for a ${pageTheme} page, in both layouts, with an error`, async () => {
      const page = await browser.newPage({ colorScheme });
      /** @type {string[]} */
      const problems = [];
      for (const theme of MATCHED[colorScheme]) {
        for (const layout of LAYOUTS) {
          await openLook(page, pageTheme === 'dark' && theme === 'auto' ? 'auto' : pageTheme, theme, layout);
          const { page: inPage, frame } = await axeViolations(page);
          for (const v of [...inPage, ...frame.map((f) => `frame ${f}`)]) problems.push(`${theme}/${layout}: ${v}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  test('the demo’s theme switcher changes the page and the fields together, live', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    const background = `getComputedStyle(document.querySelector('${FIELD.number}')).backgroundColor`;
    assert.equal(await page.evaluate(background, FRAME), 'rgb(255, 255, 255)');
    await page.evaluate(`(() => {
      const select = document.getElementById('theme');
      select.value = 'dark';
      select.dispatchEvent(new Event('change'));
    })()`);
    assert.equal(await page.evaluate('document.documentElement.dataset.theme'), 'dark');
    for (let i = 0; i < 100 && (await page.evaluate(background, FRAME)) !== 'rgb(48, 49, 61)'; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await page.evaluate(background, FRAME), 'rgb(48, 49, 61)', 'the night theme in the fields');
    assert.match(await page.evaluate('location.search'), /theme=dark/);
  });

  test('on a dark page the frame is transparent: its background is the page’s, pixel for pixel', async () => {
    const page = await browser.newPage();
    await openLook(page, 'dark', 'night', 'stacked');
    const file = join(shots, `looks-${browser.name}-dark-pixel-check.png`);
    await page.screenshot(file);
    // Points in the frame where only the background shows (its left padding, beside the
    // fields), and just outside it, on the page's panel.
    const points = await page.evaluate(`(() => {
      const r = document.querySelector('${FRAME}').getBoundingClientRect();
      return { inside: [Math.floor(r.left) + 1, Math.floor(r.top + r.height / 2)], outside: [Math.floor(r.left) - 4, Math.floor(r.top + r.height / 2)] };
    })()`);
    const png = readFileSync(file).toString('base64');
    // Decoded by the browser, in a blank page of its own.
    const decoder = await browser.newPage();
    await decoder.goto('about:blank');
    const [inside, outside] = await decoder.evaluate(`(async () => {
      const bytes = Uint8Array.from(atob('${png}'), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const dpr = bitmap.width / ${await page.evaluate('innerWidth')};
      return [${JSON.stringify(points.inside)}, ${JSON.stringify(points.outside)}].map(([x, y]) => [...ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data]);
    })()`);
    assert.deepEqual(inside, outside, `frame ${inside} vs page ${outside}`);
    const panel = await page.evaluate(`getComputedStyle(document.querySelector('section')).backgroundColor`);
    assert.equal(panel, 'rgb(28, 31, 41)', 'the dark page');
    assert.deepEqual(inside.slice(0, 3), [28, 31, 41], 'the frame shows the dark panel, not a white box');
  });
});
