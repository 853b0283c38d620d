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

/** The shop's themes and the fields' theme that matches each. */
const FIELD_THEMES = /** @type {Record<string, 'default' | 'night' | 'auto'>} */ ({ light: 'default', dark: 'night', auto: 'auto' });

/** The page's look from `?theme=` (light, dark, auto) and `?layout=` (stacked, compact);
 * `?fields=` (default, night, flat, auto) gives the fields another theme than the page's. */
function chosenLook(/** @type {URLSearchParams} */ params) {
  const theme = params.get('theme') ?? '';
  const fields = params.get('fields') ?? '';
  return {
    theme: Object.hasOwn(FIELD_THEMES, theme) ? theme : 'light',
    fields: ['default', 'night', 'flat', 'auto'].includes(fields) ? fields : undefined,
    layout: params.get('layout') === 'compact' ? 'compact' : 'stacked',
  };
}

/** The fields' appearance for the page's look. */
const appearanceOf = (/** @type {ReturnType<typeof chosenLook>} */ look) => ({ theme: look.fields ?? FIELD_THEMES[look.theme], layout: look.layout });

/** Shows the page in `theme` and keeps the switcher and the layout link in step. */
function showLook(/** @type {ReturnType<typeof chosenLook>} */ look) {
  document.documentElement.dataset.theme = look.theme;
  themeSwitch.value = look.theme;
  const other = new URLSearchParams(location.search);
  other.set('layout', look.layout === 'compact' ? 'stacked' : 'compact');
  layoutLink.href = `?${other}`;
  layoutLink.textContent = look.layout === 'compact' ? 'Stacked layout' : 'Compact layout';
}

const themeSwitch = /** @type {HTMLSelectElement} */ (document.getElementById('theme'));
const layoutLink = /** @type {HTMLAnchorElement} */ (document.getElementById('layout-link'));

async function main() {
  let checkout = await newIntent();
  const params = new URLSearchParams(location.search);
  const look = chosenLook(params);
  showLook(look);
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
  const card = sealcard.mount('#card', { mode, appearance: appearanceOf(look) });
  themeSwitch.addEventListener('change', () => {
    look.theme = Object.hasOwn(FIELD_THEMES, themeSwitch.value) ? themeSwitch.value : 'light';
    const url = new URL(location.href);
    url.searchParams.set('theme', look.theme);
    history.replaceState(null, '', url);
    showLook(look);
    look.fields = undefined;
    card.update({ appearance: appearanceOf(look) });
  });
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
