// A small shop in React, with sealcard/react: a provider above two routes (the checkout with
// its card field and Pay button, and an account page), as a single-page app navigates between
// them. No side effects at import: the tests render it on the server (renderToString) too.
import { createElement as h, useEffect, useState } from 'react';
import { CardField, SealCardProvider, useSealCard } from 'sealcard/react';

/** @typedef {{ clientKey: string, publicKey: string, apiBase: string, frameUrl: string }} Config */

/**
 * @param {{ config: Config, mode?: 'isolated' | 'inline' }} props
 */
export function App({ config, mode }) {
  const [route, setRoute] = useState('checkout');
  useEffect(() => {
    const back = () => setRoute(history.state?.route ?? 'checkout');
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  const go = (/** @type {string} */ to) => {
    history.pushState({ route: to }, '', `#${to}`);
    setRoute(to);
  };
  const options = { publicKey: config.publicKey, apiBase: config.apiBase, frameUrl: config.frameUrl };
  return h(
    SealCardProvider,
    { options },
    h('nav', null, h('button', { id: 'to-checkout', type: 'button', onClick: () => go('checkout') }, 'Checkout'), h('button', { id: 'to-account', type: 'button', onClick: () => go('account') }, 'Account')),
    route === 'checkout' ? h(Checkout, { clientKey: config.clientKey, mode }) : h('p', { id: 'account' }, 'Your orders'),
  );
}

/** @param {{ clientKey: string, mode?: 'isolated' | 'inline' }} props */
function Checkout({ clientKey, mode }) {
  const { ready, state, loadError, confirmPayment } = useSealCard();
  const [events, setEvents] = useState(0);
  // What the tests read: the hook's status, on the body.
  useEffect(() => {
    document.body.dataset.ready = String(ready);
    document.body.dataset.complete = String(Boolean(state?.complete));
    if (loadError) document.body.dataset.loadError = loadError.code;
  }, [ready, state, loadError]);
  const pay = async (/** @type {Event} */ event) => {
    event.preventDefault();
    const result = await confirmPayment(clientKey);
    if (result.error) document.body.dataset.error = result.error.code;
    else document.body.dataset.paid = result.status;
  };
  return h(
    'form',
    { id: 'pay-form', onSubmit: pay },
    h(CardField, {
      id: 'card',
      className: 'card',
      mode,
      onReady: () => setEvents((n) => n + 1),
      onChange: () => setEvents((n) => n + 1),
      onLoadError: ({ error }) => (document.body.dataset.fieldLoadError = error.code),
    }),
    h('button', { id: 'pay', type: 'submit', disabled: !ready || !state?.complete }, 'Pay'),
    h('output', { id: 'events' }, String(events)),
  );
}
