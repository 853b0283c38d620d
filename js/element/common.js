// @ts-check
// What the element and the React adapter share: loading and mounting with an AbortSignal they
// own, and the answer of a payment call when no fields are mounted.
import { loadSealCard } from '../loader/loader.js';

/** @typedef {import('../loader/index').MountOptions} MountOptions */
/** @typedef {import('../loader/index').SealCardConfig} SealCardConfig */
/** @typedef {import('../loader/index').SealCard} SealCard */

/**
 * `loadSealCard(config, { signal })`.
 * @param {SealCardConfig} config @param {AbortSignal} signal
 * @returns {Promise<SealCard>}
 */
export function load(config, signal) {
  return loadSealCard(config, { signal });
}

/**
 * Mount options with `signal`: aborting it removes the fields (the loader keeps the signal to
 * itself; only the other options go to the frame).
 * @param {MountOptions} options @param {AbortSignal} signal
 * @returns {MountOptions}
 */
export function withSignal(options, signal) {
  return { ...options, signal };
}

/** The answer of a payment call when no fields are mounted: the loader's `load_failed`. */
export function notLoaded() {
  const error = Object.assign(new Error('The card form did not load. Reload the page.'), {
    name: 'SealCardError',
    type: /** @type {const} */ ('network_error'),
    code: /** @type {const} */ ('load_failed'),
    retryable: true,
  });
  return Promise.resolve({ error });
}
