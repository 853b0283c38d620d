// sealcard/validate for Node.js ≥ 20: the same wasm core, compiled synchronously at import.
import { readFileSync } from 'node:fs';
import * as glue from './sealcard_validate.js';
import { makeApi } from './api.js';

glue.initSync({ module: readFileSync(new URL('./sealcard_validate_bg.wasm', import.meta.url)) });

export const { validateNumber, validateExpiry, validateCvc, formatNumber, brands } = makeApi(glue);
