// <sealcard-card> in plain HTML: loaded by a script tag (dist/element.js), configured by
// attributes, in a form that pays on submit.
import { checkout, configure, payOnSubmit, record } from './shop.js';

const card = /** @type {any} */ (document.getElementById('card'));
const form = /** @type {HTMLFormElement} */ (document.getElementById('pay-form'));
record(card);
const c = await checkout();
configure(card, c);
payOnSubmit(form, card, c.clientKey);
