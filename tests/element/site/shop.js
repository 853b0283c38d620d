// The test shop's shared steps: the checkout (a Payment Intent made by the sandbox's merchant
// back end, and the sandbox's key, API and frame), the element configured from it, its events
// recorded for the tests, and a form whose submit pays.

/** @returns {Promise<{ clientKey: string, publicKey: string, apiBase: string, frameUrl: string }>} */
export async function checkout() {
  const answer = await fetch('/api/checkout', { method: 'POST' });
  return answer.json();
}

/** Every event of `card`, as `{ type, custom, bubbles, detail }` in `window.__events`, until `signal`. */
export function record(/** @type {Element} */ card, /** @type {AbortSignal | undefined} */ signal = undefined) {
  const log = /** @type {any} */ (window).__events ?? ((/** @type {any} */ (window).__events = []));
  for (const type of ['ready', 'change', 'focus', 'blur', 'loaderror']) {
    card.addEventListener(
      type,
      (e) => {
        const detail = /** @type {CustomEvent} */ (e).detail;
        log.push({ type, custom: e instanceof CustomEvent, bubbles: e.bubbles, detail: detail && JSON.parse(JSON.stringify(detail)) });
      },
      { signal },
    );
  }
}

/** Sets the element's configuration attributes. Inline mode loads the fields' module from
 * beside the frame page: the copy of dist/ on this origin (the page's CSP allows only 'self'). */
export function configure(/** @type {Element} */ card, /** @type {Awaited<ReturnType<typeof checkout>>} */ c) {
  const inline = card.getAttribute('mode') === 'inline';
  card.setAttribute('api-base', c.apiBase);
  card.setAttribute('frame-url', inline ? new URL('/sealcard/frame/frame.html', location.href).href : c.frameUrl);
  card.setAttribute('public-key', c.publicKey);
}

/** Pays when `form` is submitted: the outcome lands in `document.body.dataset` (`paid` or `error`). */
export function payOnSubmit(/** @type {HTMLFormElement} */ form, /** @type {any} */ card, /** @type {string} */ clientKey, /** @type {AbortSignal | undefined} */ signal = undefined) {
  form.addEventListener(
    'submit',
    async (event) => {
      event.preventDefault();
      document.body.dataset.submitted = String(Number(document.body.dataset.submitted ?? 0) + 1);
      const result = await card.confirmPayment(clientKey);
      if (result.error) document.body.dataset.error = result.error.code;
      else document.body.dataset.paid = result.status;
    },
    { signal },
  );
}
