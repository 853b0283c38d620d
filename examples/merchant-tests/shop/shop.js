// A tiny shop's checkout: its server creates the Payment Intent (here the sandbox's merchant
// back end, POST /api/checkout), the page mounts sealcard and pays, and shows the outcome.
const message = /** @type {HTMLElement} */ (document.getElementById('message'));
const checkout = await (await fetch('/api/checkout', { method: 'POST' })).json();
const sealcard = await window.SealCard.load({ publicKey: checkout.publicKey, apiBase: checkout.apiBase, frameUrl: checkout.frameUrl });
const card = sealcard.mount('#card');
document.getElementById('checkout')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  message.textContent = 'Processing…';
  const result = await card.confirmPayment(checkout.clientKey, { returnUrl: location.href });
  if (result.error) {
    message.textContent = `Payment failed: ${result.error.message}`;
    return;
  }
  const paid = await (await fetch(`/api/payments/${encodeURIComponent(result.paymentIntentId)}`)).json();
  message.textContent = paid.status === 'succeeded' ? 'Thank you! Your order is paid.' : `Payment ${paid.status}.`;
});
