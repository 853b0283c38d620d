// Type tests of sealcard/element: compiled with `tsc --noEmit` under `strict`.
import 'sealcard/element';
import type { SealCardCardElement } from 'sealcard/element';
import type { ChangeEvent, SealCardError } from 'sealcard';

async function checkout(form: HTMLFormElement): Promise<void> {
  const card = document.createElement('sealcard-card');
  const same: SealCardCardElement = card;
  const found: SealCardCardElement | null = document.querySelector('sealcard-card');
  card.publicKey = 'pk_test_x';
  card.frameUrl = 'https://fields.example/frame/frame.html';
  card.mode = 'inline';
  card.required = true;
  card.acceptedBrands = ['visa', 'american-express'];
  card.acceptedBrands = 'visa mastercard';
  // @ts-expect-error — brand ids are a closed union
  card.acceptedBrands = ['amex'];
  const brands: string[] = card.acceptedBrands;
  card.options = { style: { color: '#111' }, showName: true };
  // @ts-expect-error — mode is an attribute, not a mount option here
  card.options = { mode: 'inline' };
  // @ts-expect-error — ready is read-only
  card.ready = true;
  card.addEventListener('change', (e) => {
    const state: ChangeEvent = e.detail;
    const complete: boolean = e.detail.complete;
    void [state, complete];
  });
  card.addEventListener('focus', (e) => {
    const field: 'number' | 'expiry' | 'cvc' | 'name' = e.detail.field;
    void field;
  });
  card.addEventListener('loaderror', (e) => {
    const error: SealCardError = e.detail.error;
    void error;
  });
  // Other events keep their DOM types.
  card.addEventListener('click', (e) => {
    const x: number = e.clientX;
    void x;
  });
  card.focus('cvc');
  card.focus();
  // @ts-expect-error — the fields are number, expiry, cvc and name
  card.focus('pan');
  const valid: boolean = card.checkValidity() && card.validity.valid && form.checkValidity();
  const result = await card.createPaymentMethod({ billing: { name: 'Juan' } });
  if (result.error) {
    const code: string = result.error.code;
    void code;
  } else {
    const id: string = result.paymentMethod.id;
    void id;
  }
  const paid = await card.confirmPayment('pi_x_client_y', { returnUrl: 'https://shop.example/done' });
  if (!paid.error) void paid.status;
  void [same, found, brands, valid];
}
void checkout;
