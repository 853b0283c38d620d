// Card fields whose frame cannot load, as a misconfigured shop has them:
//   ?case=missing  a frameUrl on the fields origin that names no file (HTTP 404)
//   ?case=blocked  a frameUrl on an origin the page's CSP frame-src does not list
// `loadTimeout` is short so that the loader reports the failure quickly.
const checkout = await (await fetch('/api/checkout', { method: 'POST' })).json();
const which = new URLSearchParams(location.search).get('case');
const frameUrl =
  which === 'blocked'
    ? 'http://127.0.0.1:18559/frame/frame.html'
    : new URL('/frame/missing.html', checkout.frameUrl).href;
const sealcard = await window.SealCard.load({ publicKey: checkout.publicKey, apiBase: checkout.apiBase, frameUrl });
sealcard.mount('#card', { loadTimeout: 1500 });
