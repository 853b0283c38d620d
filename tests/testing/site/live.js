// The fields frame loaded with a live key. The loader accepts a live key only with an https
// frameUrl and API (and this test server is http on loopback), so this page speaks the
// loader's side of the frame protocol itself — the messages the loader sends on an https shop:
// `init` with the live key and PayMongo's API. No request is ever made: nothing is typed.
const checkout = await (await fetch('/api/checkout', { method: 'POST' })).json();
const frameUrl = new URL(checkout.frameUrl);
const channel = crypto.getRandomValues(new Uint32Array(2)).join('-');
const iframe = document.createElement('iframe');
frameUrl.hash = new URLSearchParams({ origin: location.origin, channel }).toString();
iframe.src = frameUrl.href;
iframe.title = 'Secure card payment input';
iframe.dataset.sealcard = 'frame';
addEventListener('message', (e) => {
  if (e.origin !== frameUrl.origin || e.source !== iframe.contentWindow || e.data?.sealcard !== channel) return;
  const post = (/** @type {object} */ msg) => iframe.contentWindow?.postMessage({ sealcard: channel, ...msg }, frameUrl.origin);
  if (e.data.type === 'hello') post({ type: 'init', config: { publicKey: 'pk_live_kitrefusal', apiBase: 'https://api.paymongo.com/v1' }, options: {} });
  if (e.data.type === 'ready') iframe.dataset.sealcardReady = '';
  if (e.data.type === 'loaderror') iframe.dataset.sealcardError = String(e.data.error?.code);
});
document.getElementById('card')?.append(iframe);
