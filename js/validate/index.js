// sealcard/validate, in browsers and in Node.js ≥ 20: synchronous once imported. The wasm ships
// inside sealcard_validate_wasm.js (base64, written by the build) and compiles synchronously,
// so nothing needs top-level await, `import.meta.url` or an asset rule: Vite, webpack and
// esbuild bundle it with their default settings. Under a Content-Security-Policy the page
// needs 'wasm-unsafe-eval'.
// The glue's exports by name: its unused asynchronous init (which names the .wasm through
// `import.meta.url`) is then left out of the bundle.
import { brands as brandTable, errors, formatCaret, formatNumber as format, initSync, validateCvc as cvc, validateExpiry as expiry, validateNumber as number } from './sealcard_validate.js';
import wasm from './sealcard_validate_wasm.js';
import { makeApi } from './api.js';

initSync({ module: Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0)) });

const glue = { brands: brandTable, errors, formatCaret, formatNumber: format, validateCvc: cvc, validateExpiry: expiry, validateNumber: number };
export const { validateNumber, validateExpiry, validateCvc, formatNumber, brands } = makeApi(glue);
