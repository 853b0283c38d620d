// sealcard/validate for browsers (ES module). Ready once imported: the wasm is compiled by
// top-level await. Under a Content-Security-Policy the page needs 'wasm-unsafe-eval'.
import init, * as glue from './sealcard_validate.js';
import { makeApi } from './api.js';

await init({ module_or_path: new URL('./sealcard_validate_bg.wasm', import.meta.url) });

export const { validateNumber, validateExpiry, validateCvc, formatNumber, brands } = makeApi(glue);
