// The hostile-merchant proof: instrument the merchant page as a skimming script would, type a
// card into the sealcard fields, pay, and show that no card digit beyond the BIN and last 4
// reached the merchant realm (messages, DOM, inputs, storage, cookies, console), and that the
// card went to no origin but the API's.

/**
 * Runs in the merchant page before its own scripts: records every message the page receives,
 * every DOM mutation's text, every console call and CSP violation, in a global the proof reads.
 */
export const INSTRUMENT = `(() => {
  if (window.top !== window || window.__sealcardProof) return;
  const log = { messages: [], mutations: [], console: [], violations: [] };
  Object.defineProperty(window, '__sealcardProof', { value: log });
  const text = (v) => { try { return typeof v === 'string' ? v : JSON.stringify(v); } catch { return String(v); } };
  window.addEventListener('message', (e) => log.messages.push(e.origin + ' ' + text(e.data)), true);
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[level];
    console[level] = (...args) => { log.console.push(args.map(text).join(' ')); return original.apply(console, args); };
  }
  document.addEventListener('securitypolicyviolation', (e) => log.violations.push(e.violatedDirective + ' ' + e.blockedURI), true);
  const observe = () => new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') log.mutations.push(r.target.data);
      if (r.type === 'attributes') log.mutations.push(r.attributeName + '=' + (r.target.getAttribute(r.attributeName) ?? ''));
      for (const n of r.addedNodes) log.mutations.push(n.nodeType === 1 ? n.outerHTML : n.textContent ?? '');
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  if (document.documentElement) observe(); else document.addEventListener('readystatechange', observe, { once: true });
})();`;

/**
 * What the merchant realm holds after paying: everything it could have seen.
 * @param {import('./browsers.mjs').TestPage} page
 */
export async function merchantRealm(page) {
  return page.evaluate(`(() => {
    const log = window.__sealcardProof ?? { messages: [], mutations: [], console: [], violations: [] };
    const store = (s) => { const o = {}; for (let i = 0; i < s.length; i++) { const k = s.key(i); o[k] = s.getItem(k); } return o; };
    return {
      messages: log.messages,
      mutations: log.mutations,
      console: log.console,
      violations: log.violations,
      inputs: [...document.querySelectorAll('input, textarea, select')].map((el) => el.value),
      storage: JSON.stringify({ local: store(localStorage), session: store(sessionStorage) }),
      cookies: document.cookie,
      html: document.documentElement.outerHTML,
      url: location.href,
    };
  })()`);
}

/** A pattern for `digits` in any formatting (spaces, dashes or nothing between digits). */
function spaced(/** @type {string} */ digits) {
  return new RegExp(digits.split('').join('[\\s\\u00a0-]*'));
}

/**
 * Finds card data in `haystack`: the whole number, or its middle digits (between the 6-digit
 * BIN and the last 4), in any formatting.
 * @param {string} haystack
 * @param {string} pan  digits only
 */
export function cardDataIn(haystack, pan) {
  const middle = pan.slice(6, -4);
  return spaced(pan).test(haystack) || (middle.length >= 4 && spaced(middle).test(haystack));
}

/**
 * Checks a paid page: returns a list of leaks (empty when none).
 * @param {import('./browsers.mjs').TestPage} page
 * @param {{ pan: string, cvc: string, apiOrigin: string }} card
 */
export async function findLeaks(page, { pan, cvc, apiOrigin }) {
  await page.settle();
  const realm = await merchantRealm(page);
  /** @type {string[]} */
  const leaks = [];
  const check = (/** @type {string} */ where, /** @type {string} */ value) => {
    if (cardDataIn(value, pan)) leaks.push(`${where}: card number digits`);
  };
  realm.messages.forEach((/** @type {string} */ m, /** @type {number} */ i) => {
    check(`message ${i}`, m);
    if (new RegExp(`"cvc"\\s*:\\s*"?${cvc}`).test(m)) leaks.push(`message ${i}: security code`);
  });
  realm.mutations.forEach((/** @type {string} */ m, /** @type {number} */ i) => check(`DOM mutation ${i}`, m));
  realm.console.forEach((/** @type {string} */ m, /** @type {number} */ i) => check(`console ${i}`, m));
  page.console.forEach((m, i) => check(`browser console ${i}`, m));
  realm.inputs.forEach((/** @type {string} */ v, /** @type {number} */ i) => check(`input ${i}`, v));
  check('storage', realm.storage);
  check('cookies', realm.cookies);
  check('page HTML', realm.html);
  check('page URL', realm.url);
  for (const r of page.requests) {
    const origin = new URL(r.url).origin;
    if (r.body === '<unreadable>' && origin !== apiOrigin) leaks.push(`request body to ${origin} could not be checked`);
    if (cardDataIn(r.url, pan)) leaks.push(`request URL to ${origin}`);
    const carriesCard = cardDataIn(r.body, pan) || new RegExp(`"cvc"\\s*:\\s*"${cvc}"`).test(r.body);
    if (carriesCard && origin !== apiOrigin) leaks.push(`request body to ${origin}`);
  }
  return { leaks, realm, tokenizationRequests: page.requests.filter((r) => cardDataIn(r.body, pan)).length };
}
