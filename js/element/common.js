// @ts-check
// What the element and the React adapter share: loading and mounting with an AbortSignal they
// own, and the answer of a payment call when no fields are mounted.
import { loadSealCard } from '../loader/loader.js';

/** @typedef {import('../loader/index').MountOptions} MountOptions */
/** @typedef {import('../loader/index').SealCardConfig} SealCardConfig */
/** @typedef {import('../loader/index').SealCard} SealCard */

/**
 * `loadSealCard(config, { signal })`: the loader honours `signal` where it supports it.
 * @param {SealCardConfig} config @param {AbortSignal} signal
 * @returns {Promise<SealCard>}
 */
export function load(config, signal) {
  return /** @type {(c: SealCardConfig, o: { signal: AbortSignal }) => Promise<SealCard>} */ (loadSealCard)(config, { signal });
}

/**
 * Mount options with `signal` added as a non-enumerable property: the loader reads it by name,
 * while the options it forwards to the frame by `postMessage` (their enumerable keys) stay
 * cloneable — an AbortSignal is not.
 * @param {MountOptions} options @param {AbortSignal} signal
 * @returns {MountOptions}
 */
export function withSignal(options, signal) {
  return Object.defineProperty({ ...options }, 'signal', { value: signal });
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
