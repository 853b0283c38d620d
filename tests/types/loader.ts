// Type tests of the loader API (`sealcard`): compiled with `tsc --noEmit` under `strict`.
import { loadSealCard, type ChangeEvent, type ErrorCode, type SealCardError } from 'sealcard';

async function checkout(): Promise<void> {
  const sealcard = await loadSealCard({ publicKey: 'pk_test_x', acceptedBrands: ['visa', 'american-express'] });
  // @ts-expect-error — brand ids are a closed union
  await loadSealCard({ publicKey: 'pk_test_x', acceptedBrands: ['amex'] });
  // @ts-expect-error — the key is required
  await loadSealCard({});
  const card = sealcard.mount('#card', { mode: 'isolated', style: { color: '#111' }, messages: { expired: 'Old card' } });
  // @ts-expect-error — only the two modes exist
  sealcard.mount('#card', { mode: 'popup' });
  card.on('change', (e: ChangeEvent) => {
    const complete: boolean = e.complete;
    const code: ErrorCode | undefined = e.error?.code;
    void [complete, code];
  });
  // @ts-expect-error — unknown events are refused
  card.on('keypress', () => undefined);
  card.on('loaderror', ({ error }) => {
    const retry: boolean = error.retryable;
    void retry;
  });
  const result = await card.createPaymentMethod({ billing: { name: 'Juan', address: { country: 'PH' } } });
  if (result.error) {
    const e: SealCardError = result.error;
    const api: string | undefined = e.apiCode;
    void api;
  } else {
    const id: string = result.paymentMethod.id;
    void id;
  }
  const paid = await card.confirmPayment('pi_x_client_y', { returnUrl: 'https://shop.example/done' });
  if (!paid.error) {
    const status: 'succeeded' | 'awaiting_capture' | 'processing' | 'awaiting_next_action' = paid.status;
    void status;
  }
  card.destroy();
}
void checkout;

async function appearance(): Promise<void> {
  const sealcard = await loadSealCard({ publicKey: 'pk_test_x', appearance: { theme: 'auto' } });
  const card = sealcard.mount('#card', {
    appearance: {
      theme: 'night',
      layout: 'compact',
      variables: { letterSpacing: '0.02em', iconColor: '#fff', gap: '8px', focusRingWidth: '3px', color: '#eee' },
      rules: { '.Input': { boxShadow: 'none' }, '.Input--invalid': { borderColor: 'red' }, '.Label': { textTransform: 'uppercase' } },
    },
    style: { color: '#111' },
  });
  card.update({ appearance: { theme: 'flat', fonts: [{ family: 'Shop Sans', src: 'url(https://fonts.example/shop.woff2)', weight: '400 700', display: 'swap' }] } });
  // @ts-expect-error — a font needs its src
  card.update({ appearance: { fonts: [{ family: 'Shop Sans' }] } });
  // @ts-expect-error — the themes are a closed union
  sealcard.mount('#card', { appearance: { theme: 'neon' } });
  // @ts-expect-error — rules style only the known selectors
  sealcard.mount('#card', { appearance: { rules: { body: { color: 'red' } } } });
  // @ts-expect-error — a property off the allow-list
  sealcard.mount('#card', { appearance: { rules: { '.Input': { backgroundImage: 'none' } } } });
  // @ts-expect-error — only the two layouts exist
  card.update({ appearance: { layout: 'grid' } });
}
void appearance;

async function cancellable(): Promise<void> {
  const controller = new AbortController();
  const sealcard = await loadSealCard({ publicKey: 'pk_test_x' }, { signal: controller.signal });
  const card = sealcard.mount('#card', { signal: controller.signal, loadTimeout: 5000 });
  // @ts-expect-error — a signal is an AbortSignal
  sealcard.mount('#card', { signal: true });
  card.on('loaderror', ({ error }) => {
    // Each load failure has its own code.
    const known: ErrorCode[] = ['frame_blocked', 'frame_not_found', 'frame_removed', 'load_timeout', 'wasm_blocked', 'wasm_content_type', 'wasm_not_found', 'aborted'];
    if (error.type === 'aborted' || known.includes(error.code)) return;
  });
  controller.abort();
}
void cancellable;
