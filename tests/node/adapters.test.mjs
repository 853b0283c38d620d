// The framework adapters on a server, as Next.js-style server rendering imports them: no
// `window`, no `document`, no custom elements. Imported by package name, as a user would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createElement as h, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';

const BROWSER_GLOBALS = ['window', 'document', 'customElements', 'HTMLElement', 'location', 'self'];

test('sealcard, sealcard/element and sealcard/react import on a server and add no globals', async () => {
  for (const name of BROWSER_GLOBALS) assert.equal(name in globalThis, false, name);
  const before = Object.keys(globalThis).sort();
  const [core, element, react] = await Promise.all([import('sealcard'), import('sealcard/element'), import('sealcard/react')]);
  assert.equal(typeof core.loadSealCard, 'function');
  assert.deepEqual(Object.keys(element), [], 'sealcard/element only defines the element, in a browser');
  assert.deepEqual(Object.keys(react).sort(), ['CardField', 'SealCardProvider', 'useSealCard']);
  assert.deepEqual(Object.keys(globalThis).sort(), before, 'no globals added');
});

test('sealcard/react renders to a string: the field is an empty <div>, the hook not ready', async () => {
  const { CardField, SealCardProvider, useSealCard } = await import('sealcard/react');
  /** @type {any} */
  let seen;
  function Status() {
    seen = useSealCard();
    return h('p', null, seen.ready ? 'ready' : 'loading');
  }
  const html = renderToString(
    h(StrictMode, null, h(SealCardProvider, { options: { publicKey: 'pk_test_x', frameUrl: 'https://fields.example/frame/frame.html' } }, h(CardField, { id: 'card', className: 'card' }), h(Status))),
  );
  assert.equal(html, '<div id="card" class="card"></div><p>loading</p>');
  assert.deepEqual([seen.ready, seen.state, seen.loadError], [false, undefined, undefined]);
  const result = await seen.createPaymentMethod();
  assert.deepEqual([result.error.code, result.error.type, result.error.retryable], ['load_failed', 'network_error', true]);
  for (const name of BROWSER_GLOBALS) assert.equal(name in globalThis, false, name);
});

test('the hooks refuse to work outside a provider, with a message that says why', async () => {
  const { CardField, useSealCard } = await import('sealcard/react');
  function Orphan() {
    useSealCard();
    return null;
  }
  assert.throws(() => renderToString(h(Orphan)), /useSealCard\(\) needs a <SealCardProvider> above it/);
  assert.throws(() => renderToString(h(CardField)), /<CardField> needs a <SealCardProvider> above it/);
});

test('the package says which files have side effects: the element entries, nothing else', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.deepEqual(pkg.sideEffects, ['./dist/element.js', './dist/element/index.js']);
  assert.deepEqual(pkg.peerDependenciesMeta.react, { optional: true });
});
