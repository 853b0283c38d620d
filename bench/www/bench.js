// The in-page half of the mount and payment benchmarks (bench/run.mjs drives it): the page is
// the merchant's, on the demo's merchant origin, with the loader from a script tag.

/** @type {any} */
let checkout;

/** A SealCard. Isolated mode takes the frame from the fields origin; inline mode the fields
 * module from this shop's own copy of the sealcard files (its page policy allows only 'self'). */
async function sealcard(mode = 'isolated') {
  checkout ??= await (await fetch('/api/checkout', { method: 'POST' })).json();
  return /** @type {any} */ (window).SealCard.load({
    publicKey: checkout.publicKey,
    apiBase: checkout.apiBase,
    frameUrl: mode === 'inline' ? new URL('/sealcard/frame/frame.html', location.href).href : checkout.frameUrl,
  });
}

function host() {
  const el = document.createElement('div');
  document.getElementById('cards')?.append(el);
  return el;
}

/** Mounts `n` fields at once; milliseconds from the first mount() to the last `ready`. */
async function mount(/** @type {string} */ mode, n = 1) {
  const sc = await sealcard(mode);
  const targets = Array.from({ length: n }, host);
  const t0 = performance.now();
  const ready = targets.map(
    (el) =>
      new Promise((resolve, reject) => {
        const card = sc.mount(el, { mode });
        card.on('ready', () => resolve(performance.now() - t0));
        card.on('loaderror', (/** @type {any} */ e) => reject(new Error(e.error.code)));
      }),
  );
  return Math.max(...(await Promise.all(ready)));
}

/** The floor: milliseconds from adding a bare iframe of an empty page on the frame origin to its load. */
async function floor() {
  await sealcard();
  const frame = document.createElement('iframe');
  const t0 = performance.now();
  const loaded = new Promise((resolve) => frame.addEventListener('load', () => resolve(performance.now() - t0)));
  frame.src = new URL('/empty.html', checkout.frameUrl).href;
  host().append(frame);
  return loaded;
}

/** @type {any} */
let card;

/** Mounts one field for the payment rows. */
async function mountForPay(/** @type {string} */ mode) {
  const sc = await sealcard(mode);
  card = sc.mount(host(), { mode });
  await new Promise((resolve) => card.on('ready', resolve));
}

/** Types the test card into the inline field (this page shares its DOM). */
function fillInline() {
  for (const [name, value] of [['number', '4343434343434345'], ['expiry', '12/40'], ['cvc', '123']]) {
    const input = /** @type {HTMLInputElement} */ (document.querySelector(`.sealcard-${name} input`));
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
  }
}

/** Milliseconds of one createPaymentMethod (the field filled beforehand). */
async function pay() {
  const t0 = performance.now();
  const r = await card.createPaymentMethod();
  const ms = performance.now() - t0;
  if (!r.paymentMethod) throw new Error(`no payment method: ${JSON.stringify(r.error)}`);
  return ms;
}

/** Milliseconds of the same request by a bare fetch: same URL, headers, body and options. */
async function bareFetch() {
  const id = crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
  const body = JSON.stringify({
    data: { attributes: { type: 'card', details: { card_number: '4343434343434345', exp_month: 12, exp_year: 2040, cvc: '123' } } },
  });
  const t0 = performance.now();
  const r = await fetch(`${checkout.apiBase}/payment_methods`, {
    method: 'POST',
    credentials: 'omit',
    cache: 'no-store',
    signal: new AbortController().signal,
    headers: {
      Authorization: `Basic ${btoa(`${checkout.publicKey}:`)}`,
      Accept: 'application/json',
      'Idempotency-Key': id,
      'Content-Type': 'application/json',
    },
    body,
  });
  const json = JSON.parse(await r.text());
  const ms = performance.now() - t0;
  if (!json.data?.id) throw new Error(`bare fetch failed: ${r.status}`);
  return ms;
}

/**
 * Microseconds per keystroke in the inline field: a `beforeinput` typing one digit into the
 * number, handled end to end — the view forwards it, the Rust fields read the input, edit,
 * write the text and caret, validate the form and return the state, the view renders it.
 * Median of `rounds` rounds of typing three cards (Visa, Mastercard, Amex).
 */
function fieldKeystroke(rounds = 15) {
  const input = /** @type {HTMLInputElement} */ (document.querySelector('.sealcard-number input'));
  const per = [];
  for (let r = 0; r < rounds; r++) {
    let keys = 0;
    let took = 0;
    for (const number of ['4343434343434345', '5555444444444457', '378282246310005']) {
      card.clear();
      input.focus();
      const t0 = performance.now();
      for (const digit of number) {
        input.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: digit, bubbles: true, cancelable: true }));
      }
      took += performance.now() - t0;
      keys += number.length;
    }
    per.push((took * 1000) / keys);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

/** @type {any} */ (window).bench = { mount, floor, mountForPay, fillInline, pay, bareFetch, fieldKeystroke };
