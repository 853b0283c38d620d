// The client: renders the shop under StrictMode (development build), or hydrates the server's
// markup when the page carries its configuration (ssr.html). For the tests: `window.__shop`
// unmounts and mounts the tree (probe.js, loaded first, counts the window's `message` listeners
// in `window.__messageListeners`), and `?unmount=loading` unmounts the tree while the fields
// load (see below).
import { StrictMode, createElement as h } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './components.js';

const container = /** @type {HTMLElement} */ (document.getElementById('root'));
const mode = /** @type {'isolated' | 'inline'} */ (document.body.dataset.mode ?? 'isolated');
const served = document.getElementById('config')?.textContent;
// `?publicKey=` replaces the sandbox's key (a configuration error, for a test).
const given = new URLSearchParams(location.search).get('publicKey');
const config = { ...(served ? JSON.parse(served) : await checkout()), ...(given ? { publicKey: given } : {}) };
const tree = () => h(StrictMode, null, h(App, { config, mode }));

/** A Payment Intent from the sandbox's merchant back end; inline mode loads the fields from this origin. */
async function checkout() {
  const c = await (await fetch('/api/checkout', { method: 'POST' })).json();
  return mode === 'inline' ? { ...c, frameUrl: new URL('/sealcard/frame/frame.html', location.href).href } : c;
}

if (new URLSearchParams(location.search).get('unmount') === 'loading') {
  if (mode === 'inline') unmountWhenWasmStarts();
  else unmountWhenFrameInserted();
}
let root = served ? hydrateRoot(container, tree()) : createRoot(container);
if (!served) root.render(tree());

/** @type {any} */ (window).__shop = {
  unmount: () => root.unmount(),
  mount() {
    root = createRoot(container);
    root.render(tree());
  },
};

/** Isolated mode: unmounts the tree the moment the fields' frame is inserted (it has not loaded). */
function unmountWhenFrameInserted() {
  new MutationObserver((_, observer) => {
    const frame = container.querySelector('iframe');
    if (!frame) return;
    observer.disconnect();
    /** @type {any} */ (window).__unmounted = { wasReady: frame.hasAttribute('data-sealcard-ready') };
    root.unmount();
  }).observe(container, { childList: true, subtree: true });
}

/** Inline mode: the fields' wasm is slowed down by half a second; the tree is unmounted when its
 * compilation starts, and `window.__wasmDone` is set once it has finished, after the unmount. */
function unmountWhenWasmStarts() {
  const w = /** @type {any} */ (window);
  for (const name of /** @type {const} */ (['instantiateStreaming', 'instantiate'])) {
    const original = /** @type {any} */ (WebAssembly[name]);
    /** @type {any} */ (WebAssembly)[name] = async (/** @type {any[]} */ ...args) => {
      if (!w.__unmounted) {
        w.__unmounted = { wasReady: document.body.dataset.ready === 'true' };
        root.unmount();
      }
      await new Promise((r) => setTimeout(r, 500));
      try {
        return await original.apply(WebAssembly, args);
      } finally {
        w.__wasmDone = true;
      }
    };
  }
}
