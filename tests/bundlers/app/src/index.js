// A shop built by a bundler with its default configuration, from the packed sealcard package.
// sealcard/validate runs at import; <sealcard-card> (isolated mode) and sealcard/react's
// CardField (inline mode) mount with the configuration given in the page's query, and each pays
// its own Payment Intent. What happened is in `window.__report`, for the test.
import { brands, formatNumber, validateNumber } from 'sealcard/validate';
import 'sealcard/element';
import { createElement as h, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { CardField, SealCardProvider, useSealCard } from 'sealcard/react';

const query = new URLSearchParams(location.search);
const config = { publicKey: query.get('publicKey'), apiBase: query.get('apiBase'), frameUrl: query.get('frameUrl') };
const report = {};
window.__report = report;

report.validate = {
  visa: validateNumber('4343 4343 4343 4345'),
  formatted: formatNumber('378282246310005').value,
  brands: brands.length,
};

/** The outcome of a payment call, as one string. */
const outcome = (result) => (result.error ? `error: ${result.error.code}` : result.status);

function mountElement() {
  const form = document.getElementById('element-form');
  const card = document.createElement('sealcard-card');
  card.id = 'element-card';
  card.required = true;
  Object.assign(card, config);
  card.addEventListener('ready', () => (report.elementReady = true));
  form.prepend(card);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    report.elementPaid = outcome(await card.confirmPayment(query.get('elementKey')));
  });
}

function Pay() {
  const { ready, confirmPayment } = useSealCard();
  useEffect(() => {
    report.reactReady = ready;
  }, [ready]);
  const pay = async () => {
    report.reactPaid = outcome(await confirmPayment(query.get('reactKey')));
  };
  return h('button', { id: 'react-pay', type: 'button', onClick: pay }, 'Pay');
}

mountElement();
createRoot(document.getElementById('react-root')).render(
  h(SealCardProvider, { options: config }, h(CardField, { id: 'react-card', mode: 'inline' }), h(Pay)),
);
