// <sealcard-card> inside a React tree (StrictMode, development build): React renders the form
// and the element with its attributes; the shop listens to the element through a ref.
import { StrictMode, createElement as h, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import 'sealcard/element';
import { checkout, payOnSubmit, record } from './shop.js';

/** @param {{ config: Awaited<ReturnType<typeof checkout>> }} props */
function Checkout({ config }) {
  const form = useRef(/** @type {HTMLFormElement | null} */ (null));
  const card = useRef(/** @type {HTMLElement | null} */ (null));
  useEffect(() => {
    const done = new AbortController();
    if (!form.current || !card.current) return;
    record(card.current, done.signal);
    payOnSubmit(form.current, card.current, config.clientKey, done.signal);
    return () => done.abort();
  }, [config]);
  return h(
    'form',
    { ref: form, id: 'pay-form' },
    h('sealcard-card', { ref: card, id: 'card', 'public-key': config.publicKey, 'api-base': config.apiBase, 'frame-url': config.frameUrl, required: true }),
    h('button', { id: 'pay', type: 'submit' }, 'Pay'),
  );
}

const config = await checkout();
createRoot(/** @type {HTMLElement} */ (document.getElementById('root'))).render(h(StrictMode, null, h(Checkout, { config })));
