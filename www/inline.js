// The inline-mode demo: the merchant back end creates the Payment Intent, the page mounts the
// card fields (from the sealcard files this shop hosts under /sealcard/) and pays.
import { loadFields } from '/sealcard/frame/fields.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('pay-form'));
const button = /** @type {HTMLButtonElement} */ (document.getElementById('pay'));
const result = /** @type {HTMLElement} */ (document.getElementById('result'));

/** @param {string} text @param {boolean} [isError] */
function show(text, isError = false) {
  result.hidden = false;
  result.textContent = text;
  result.classList.toggle('is-error', isError);
}

async function main() {
  const params = new URLSearchParams(location.search);
  const returned = params.get('payment_intent_id');
  if (returned) {
    const r = await fetch(`/api/payments/${encodeURIComponent(returned)}`);
    const body = await r.json();
    show(`Payment ${returned}: ${body.status}`, body.status !== 'succeeded');
  }
  const checkout = await (await fetch('/api/checkout', { method: 'POST' })).json();
  const { mountCardField } = await loadFields();
  const card = mountCardField('#card', { publicKey: checkout.publicKey, apiBase: checkout.apiBase }, {});
  card.on('submit', () => undefined);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const returnUrl = new URL(location.pathname, location.origin);
    returnUrl.searchParams.set('payment_intent_id', checkout.clientKey.split('_client_')[0]);
    const outcome = await card.confirmPayment(checkout.clientKey, { returnUrl: returnUrl.href });
    button.disabled = false;
    if (outcome.error) {
      show(outcome.error.message, true);
    } else if (outcome.status === 'awaiting_next_action') {
      // Inline mode without the loader: 3-D Secure by a full-page redirect.
      location.assign(outcome.nextAction.url);
    } else {
      const pm = outcome.paymentMethod ? ` with ${outcome.paymentMethod.id}` : '';
      show(`Paid${pm}: ${outcome.paymentIntentId} is ${outcome.status}.`);
    }
  });
}

main().catch((error) => show(`The checkout could not start: ${error.message ?? error}`, true));
