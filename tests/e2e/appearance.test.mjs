// End to end: the `appearance` option — themes (`auto` following the shopper's colour scheme,
// live), variables, rules, the compact layout — in the fields frame of the demo; hostile values
// refused with `invalid_option` and nothing applied; the `style` option as before.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { FIELD, FRAME, inEachBrowser, sleep, useDemo } from './fixture.mjs';

const PORTS = { merchantPort: 18240, framePort: 18241, apiPort: 18242 };
const demo = useDemo(PORTS);

/** A font host on loopback (CORS open, as a font CDN is), with a page that has no CSP of its
 * own, for loading fonts in inline mode. */
const FONT_PORT = 18249;
const FONT_ORIGIN = `http://127.0.0.1:${FONT_PORT}`;
const FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** @type {import('node:http').Server | undefined} */
let fontHost;
before(async () => {
  fontHost = createServer((req, res) => {
    if (req.url === '/font.ttf') {
      res.writeHead(200, { 'content-type': 'font/ttf', 'access-control-allow-origin': '*' });
      res.end(readFileSync(FONT_FILE));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>fonts</title><body><div id="own"></div></body>');
    }
  });
  await new Promise((resolve) => fontHost?.listen(FONT_PORT, '127.0.0.1', () => resolve(undefined)));
});
after(() => fontHost?.close());

/** Mounts the fields module (from the frame origin) into `#own` of the current page; resolves
 * to 'ready' or the error code. */
const mountInline = (/** @type {object} */ config, /** @type {object} */ options) => `(async () => {
  const { loadFields } = await import('${demo.frame}/frame/fields.js');
  const { mountCardField } = await loadFields();
  try {
    window.__card = mountCardField('#own', ${JSON.stringify(config)}, ${JSON.stringify(options)});
    return 'ready';
  } catch (e) {
    return e.code;
  }
})()`;

/** @typedef {import('./fixture.mjs').TestPage} TestPage */

/**
 * Replaces the demo's fields with some mounted with `options` (and `load` options given to
 * `loadSealCard`); resolves to 'ready' or the `loaderror` code.
 * @param {TestPage} page @param {object} options @param {object} [load]
 */
async function mountWith(page, options, load = {}) {
  return page.evaluate(`(async () => {
    window.__card?.destroy();
    document.querySelector('#card iframe')?.remove();
    const host = document.getElementById('card');
    const sc = await SealCard.load({ ...${demo.config()}, ...${JSON.stringify(load)} });
    window.__card = sc.mount(host, ${JSON.stringify(options)});
    return new Promise((resolve) => {
      window.__card.on('ready', () => resolve('ready'));
      window.__card.on('loaderror', (e) => resolve(e.error.code));
    });
  })()`);
}

/**
 * Computed styles of the element `selector` in the fields (in the frame, or with `frame` null in
 * the page).
 * @param {TestPage} page @param {string} selector @param {string[]} props @param {string | null} [frame]
 */
async function computed(page, selector, props, frame = FRAME) {
  return page.evaluate(`(() => {
    const s = getComputedStyle(document.querySelector('${selector}'));
    return Object.fromEntries(${JSON.stringify(props)}.map((p) => [p, s.getPropertyValue(p)]));
  })()`, frame ?? undefined);
}

/** Emulates the shopper's `prefers-color-scheme` in the page and its frames. */
async function prefer(/** @type {TestPage} */ page, /** @type {'light' | 'dark'} */ scheme) {
  const { kind, page: p } = page.driver;
  if (kind === 'playwright') await p.emulateMedia({ colorScheme: scheme });
  else await p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
}

/** Waits until `expr` (in `frame`) is true. */
async function until(/** @type {TestPage} */ page, /** @type {string} */ expr, /** @type {string | undefined} */ frame) {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate(expr, frame)) return;
    await sleep(50);
  }
  assert.fail(`never true: ${expr}`);
}

const INPUT = FIELD.number;
const BACKGROUNDS = { default: 'rgb(255, 255, 255)', night: 'rgb(48, 49, 61)', flat: 'rgb(238, 240, 244)' };

/** Hostile or wrong appearances: each refused with invalid_option. */
const HOSTILE = {
  'a url() in a rule': { rules: { '.Input': { backgroundColor: 'red url(https://attacker.example/x)' } } },
  'url( with spaces and case': { rules: { '.Input': { backgroundColor: 'URL (https://attacker.example/x)' } } },
  'image-set()': { rules: { '.Input': { backgroundColor: 'image-set("x.png" 1x)' } } },
  expression: { rules: { '.Input': { color: 'expression(alert(1))' } } },
  'a declaration break-out': { rules: { '.Input': { color: 'red;} body{background:red' } } },
  '@import': { rules: { '.Label': { fontFamily: '@import "https://attacker.example/x.css"' } } },
  'a backslash escape': { rules: { '.Input': { color: '\\75 rl(https://attacker.example/x)' } } },
  'a property off the allow-list': { rules: { '.Input': { backgroundImage: 'none' } } },
  'a position property': { rules: { '.Label': { position: 'fixed' } } },
  'a property that hides': { rules: { '.Input': { opacity: '0' } } },
  'an unknown selector': { rules: { 'body': { color: 'red' } } },
  'a value the property does not take': { rules: { '.Input': { color: '12px' } } },
  'a url() in a variable': { variables: { backgroundColor: 'url(https://attacker.example/x)' } },
  'an unknown theme': { theme: 'neon' },
  'an http: font off loopback': { fonts: [{ family: 'Shop Sans', src: 'url(http://attacker.example/x.woff2)' }] },
  'a font src with more than one url()': { fonts: [{ family: 'Shop Sans', src: 'url(https://a.example/x.woff2) format("woff2"), url(https://attacker.example/y)' }] },
  'a local() font': { fonts: [{ family: 'Shop Sans', src: 'local(Arial)' }] },
  'a javascript: font': { fonts: [{ family: 'Shop Sans', src: 'url(javascript:alert(1))' }] },
  'a font family breaking out': { fonts: [{ family: 'X"; } body { color: red', src: 'url(https://a.example/x.woff2)' }] },
  'a font weight breaking out': { fonts: [{ family: 'Shop Sans', src: 'url(https://a.example/x.woff2)', weight: '400; }' }] },
  'an unknown layout': { layout: 'grid' },
};

inEachBrowser('appearance', (browser) => {
  test('themes: default, night and flat colour the inputs; the style option still works', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    for (const [theme, background] of Object.entries(BACKGROUNDS)) {
      assert.equal(await mountWith(page, { appearance: { theme } }), 'ready', theme);
      assert.equal((await computed(page, INPUT, ['background-color']))['background-color'], background, theme);
    }
    // `style` keeps working, and wins over the theme's variables.
    assert.equal(await mountWith(page, { appearance: { theme: 'night' }, style: { backgroundColor: 'rgb(1, 2, 3)' } }), 'ready');
    assert.equal((await computed(page, INPUT, ['background-color']))['background-color'], 'rgb(1, 2, 3)');
    // An appearance given to loadSealCard is the default of every mount.
    assert.equal(await mountWith(page, {}, { appearance: { theme: 'flat' } }), 'ready');
    assert.equal((await computed(page, INPUT, ['background-color']))['background-color'], BACKGROUNDS.flat);
  });

  test('auto takes the shopper’s colour scheme', async () => {
    for (const [colorScheme, background] of /** @type {const} */ ([['dark', BACKGROUNDS.night], ['light', BACKGROUNDS.default]])) {
      const page = await browser.newPage({ colorScheme });
      await demo.openCheckout(page);
      assert.equal(await page.evaluate(`matchMedia('(prefers-color-scheme: ${colorScheme})').matches`), true, colorScheme);
      assert.equal(await mountWith(page, { appearance: { theme: 'auto' } }), 'ready');
      assert.equal((await computed(page, INPUT, ['background-color']))['background-color'], background, colorScheme);
    }
  });

  // Firefox driven by WebDriver BiDi has no way yet to change the colour scheme of a running
  // page (puppeteer's emulateMediaFeatures needs CDP): there, the test above covers `auto`.
  test('auto follows the shopper’s colour scheme, live', { skip: browser.name === 'firefox' && 'no colour-scheme emulation over WebDriver BiDi' }, async () => {
    const page = await browser.newPage();
    await prefer(page, 'light');
    await demo.openCheckout(page);
    assert.equal(await mountWith(page, { appearance: { theme: 'auto' } }), 'ready');
    const background = `getComputedStyle(document.querySelector('${INPUT}')).backgroundColor`;
    assert.equal(await page.evaluate(background, FRAME), BACKGROUNDS.default);
    await prefer(page, 'dark');
    await until(page, `${background} === '${BACKGROUNDS.night}'`, FRAME);
    await prefer(page, 'light');
    await until(page, `${background} === '${BACKGROUNDS.default}'`, FRAME);
  });

  test('variables and rules reach the fields', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    const appearance = {
      variables: { letterSpacing: '2px', iconColor: 'rgb(0, 128, 0)', focusRingWidth: '3px' },
      rules: {
        '.Input': { boxShadow: 'rgb(255, 0, 0) 0px 0px 0px 1px', textTransform: 'uppercase' },
        '.Label': { fontWeight: '700' },
        '.Error': { fontStyle: 'italic' },
      },
    };
    assert.equal(await mountWith(page, { appearance }), 'ready');
    assert.deepEqual(await computed(page, INPUT, ['letter-spacing', 'box-shadow', 'text-transform']), {
      'letter-spacing': '2px',
      'box-shadow': 'rgb(255, 0, 0) 0px 0px 0px 1px',
      'text-transform': 'uppercase',
    });
    assert.equal((await computed(page, '.sealcard-number label', ['font-weight']))['font-weight'], '700');
    assert.equal((await computed(page, '.sealcard-error', ['font-style']))['font-style'], 'italic');
    assert.equal((await computed(page, '.sealcard-brand', ['color'])).color, 'rgb(0, 128, 0)');
  });

  test('hostile values are refused with invalid_option: no fields, nothing fetched', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    for (const [what, appearance] of Object.entries(HOSTILE)) {
      assert.equal(await mountWith(page, { appearance }), 'invalid_option', what);
    }
    assert.deepEqual(page.requests.filter((r) => r.url.includes('attacker.example')), []);
  });

  test('inline mode: update() with a hostile value throws invalid_option and changes nothing', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.merchant}/inline.html`);
    const good = { theme: 'night', rules: { '.Input': { textTransform: 'uppercase' } } };
    // The fields module the inline demo loads, mounted again with the appearance.
    await page.evaluate(`(async () => {
      const { loadFields } = await import('/sealcard/frame/fields.js');
      const { mountCardField } = await loadFields();
      const host = document.createElement('div');
      host.id = 'own';
      document.body.append(host);
      window.__card = mountCardField(host, { publicKey: 'pk_test_sandbox', apiBase: '${demo.apiBase}' }, { appearance: ${JSON.stringify(good)} });
    })()`);
    const inline = `#own ${INPUT}`;
    const before = await page.evaluate(`(() => { const s = getComputedStyle(document.querySelector('${inline}')); return [s.backgroundColor, s.textTransform].join(' ') })()`);
    assert.equal(before, `${BACKGROUNDS.night} uppercase`);
    for (const [what, appearance] of Object.entries(HOSTILE)) {
      const code = await page.evaluate(`(() => {
        try { window.__card.update({ appearance: ${JSON.stringify({ ...appearance, theme: appearance.theme ?? 'flat' })} }); return 'applied'; }
        catch (e) { return e.code; }
      })()`);
      assert.equal(code, 'invalid_option', what);
      const now = await page.evaluate(`(() => { const s = getComputedStyle(document.querySelector('${inline}')); return [s.backgroundColor, s.textTransform].join(' ') })()`);
      assert.equal(now, before, `${what}: nothing applied`);
    }
  });

  test('fonts: loaded with FontFace from an allowed address and used by the fields; http: only for a test key on loopback', async () => {
    const page = await browser.newPage();
    await page.goto(`${FONT_ORIGIN}/`);
    const options = {
      appearance: {
        fonts: [{ family: 'Shop Sans', src: `url(${FONT_ORIGIN}/font.ttf)`, weight: '400', display: 'swap' }],
        variables: { fontFamily: '"Shop Sans", monospace' },
      },
    };
    const live = { publicKey: 'pk_live_sandbox', apiBase: 'https://api.paymongo.com/v1' };
    assert.equal(await page.evaluate(mountInline(live, options)), 'invalid_option', 'a live key: https: only');
    assert.equal(await page.evaluate('[...document.fonts].length'), 0, 'nothing added');
    assert.equal(await page.evaluate(mountInline({ publicKey: 'pk_test_sandbox', apiBase: demo.apiBase }, options)), 'ready');
    await until(page, `[...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Shop Sans' && f.status === 'loaded')`);
    assert.equal(await page.evaluate(`document.fonts.check('16px "Shop Sans"')`), true);
    assert.match((await computed(page, `#own ${INPUT}`, ['font-family'], null))['font-family'], /Shop Sans/);
    await page.evaluate('window.__card.destroy()');
    assert.equal(await page.evaluate('[...document.fonts].length'), 0, 'destroy() removes the font');
  });

  test('the brand shows as an SVG icon named for assistive technology', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    const icon = `(() => {
      const badge = document.querySelector('.sealcard-brand');
      const svg = badge.querySelector('svg');
      return badge.hidden || getComputedStyle(badge).display === 'none' ? null
        : [svg.namespaceURI, svg.getAttribute('role'), svg.getAttribute('aria-label'), svg.querySelector('text').textContent].join(' ');
    })()`;
    assert.equal(await page.evaluate(icon, FRAME), null, 'no brand, no icon shown');
    await page.type(INPUT, '4242', FRAME);
    await until(page, `${icon} === 'http://www.w3.org/2000/svg img Visa VISA'`, FRAME);
    await page.click(INPUT, FRAME);
    await page.press('End');
    for (let i = 0; i < 5; i++) await page.press('Backspace');
    await page.type(INPUT, '5555', FRAME);
    await until(page, `${icon} === 'http://www.w3.org/2000/svg img Mastercard MC'`, FRAME);
  });

  test('compact layout: number, expiry and code on one row, wrapping when narrow', async () => {
    const page = await browser.newPage();
    await demo.openCheckout(page);
    await page.evaluate(`document.getElementById('card').style.width = '560px'`);
    assert.equal(await mountWith(page, { appearance: { layout: 'compact' } }), 'ready');
    const tops = `['number', 'expiry', 'cvc'].map((f) => Math.round(document.querySelector('.sealcard-' + f).getBoundingClientRect().top))`;
    const [n, e, c] = await page.evaluate(tops, FRAME);
    assert.ok(n === e && e === c, `one row: ${[n, e, c]}`);
    await page.evaluate(`document.getElementById('card').style.width = '260px'`);
    await until(page, `(() => { const [n, e] = ${tops}; return e > n; })()`, FRAME);
    // The frame follows: as tall as its wrapped content.
    const content = await page.evaluate('Math.ceil(document.body.getBoundingClientRect().height)', FRAME);
    await until(page, `document.querySelector('${FRAME}').getBoundingClientRect().height === ${content}`);
  });
});
