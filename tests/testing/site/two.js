// Two isolated card fields on one page (a saved card and a new one, say): the kit's
// `container` option picks one.
const checkout = await (await fetch('/api/checkout', { method: 'POST' })).json();
const sealcard = await window.SealCard.load({ publicKey: checkout.publicKey, apiBase: checkout.apiBase, frameUrl: checkout.frameUrl });
sealcard.mount('#card-a');
sealcard.mount('#card-b');
