// <sealcard-card> inside a shadow root: a shop component (<shop-checkout>) renders its form,
// the card and the pay button in its own open shadow root. The element comes from the npm ES
// module (dist/element/index.js), unbundled.
import '/sealcard/element/index.js';
import { checkout, configure, payOnSubmit, record } from './shop.js';

class ShopCheckout extends HTMLElement {
  async connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    const form = document.createElement('form');
    const card = /** @type {any} */ (document.createElement('sealcard-card'));
    const pay = document.createElement('button');
    card.id = 'card';
    card.required = true;
    pay.id = 'pay';
    pay.textContent = 'Pay';
    form.append(card, pay);
    root.append(form);
    record(card);
    const c = await checkout();
    configure(card, c);
    payOnSubmit(form, card, c.clientKey);
  }
}
customElements.define('shop-checkout', ShopCheckout);
