// The demo shop's checkout script: its back end creates the Payment Intent (secret key, server
// side); this page mounts sealcard (loaded by the script tag as window.SealCard), pays, and
// shows the payment method and the status. It never sees the card number or code.

const form = /** @type {HTMLFormElement} */ (document.getElementById('pay-form'));
const button = /** @type {HTMLButtonElement} */ (document.getElementById('pay'));
const result = /** @type {HTMLElement} */ (document.getElementById('result'));

/** @param {string} text @param {boolean} [isError] */
function show(text, isError = false) {
  result.hidden = false;
  result.textContent = text;
  result.classList.toggle('is-error', isError);
}

/** The order is paid: the receipt stays, and nothing invites a second payment. */
function showReceipt() {
  button.disabled = true;
  button.textContent = 'Paid';
  button.classList.add('is-paid');
  document.body.dataset.receipt = 'true';
}

async function newIntent() {
  const r = await fetch('/api/checkout', { method: 'POST' });
  if (!r.ok) throw new Error(`checkout answered ${r.status}`);
  return r.json();
}

async function main() {
  let checkout = await newIntent();
  const params = new URLSearchParams(location.search);
  const mode = params.get('mode') === 'inline' ? 'inline' : 'isolated';
  // `?timeout=` (ms) shortens the API timeout, for the tests of a slow network.
  const timeout = Number(params.get('timeout')) || undefined;
  const sealcard = await window.SealCard.load({
    publicKey: checkout.publicKey,
    apiBase: checkout.apiBase,
    frameUrl: checkout.frameUrl,
    timeout,
  });
  const mountedAt = performance.now();
  const card = sealcard.mount('#card', { mode });
  card.on('ready', () => {
    button.disabled = false;
    document.body.dataset.ready = 'true';
    document.body.dataset.readyMs = String(Math.round(performance.now() - mountedAt));
  });
  card.on('loaderror', (e) => show(e.error.message, true));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    show('Processing…');
    const outcome = await card.confirmPayment(checkout.clientKey, { returnUrl: location.href });
    // The typed error, for the tests (the shopper reads the message).
    document.body.dataset.error = outcome.error ? `${outcome.error.code} ${outcome.error.retryable ? 'retryable' : 'final'}` : '';
    if (outcome.error) {
      show(outcome.error.message, true);
      button.disabled = false;
      return;
    }
    // The shop trusts only its own server's reading of the payment.
    const id = outcome.paymentIntentId;
    const paid = await (await fetch(`/api/payments/${encodeURIComponent(id)}`)).json();
    const pm = outcome.paymentMethod ? `Payment method ${outcome.paymentMethod.id} (${outcome.paymentMethod.brand} •••• ${outcome.paymentMethod.last4}). ` : '';
    show(`${pm}Payment ${id}: ${paid.status}.`, paid.status !== 'succeeded');
    document.body.dataset.paid = paid.status;
    if (paid.status === 'succeeded') {
      showReceipt();
      return;
    }
    checkout = await newIntent();
    button.disabled = false;
  });
}

main().catch((error) => show(`The checkout could not start: ${error.message ?? error}`, true));
