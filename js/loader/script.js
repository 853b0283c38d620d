// The script-tag build: defines window.SealCard = { load }.
import { loadSealCard } from './loader.js';

if (typeof window !== 'undefined') {
  /** @type {any} */ (window).SealCard = Object.freeze({ load: loadSealCard });
}
