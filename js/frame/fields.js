// The card fields as an ES module: loads the sealcard wasm next to this file (once) and
// exposes the mount function. Used by the fields frame (isolated mode) and by inline mode.
import init, { checkConfig, mountCardField } from './sealcard_fields.js';

/** @type {Promise<{ mountCardField: typeof mountCardField, checkConfig: typeof checkConfig }> | undefined} */
let loading;

/** Compiles the wasm once; a failed load is forgotten so that a retry can succeed. */
export function loadFields() {
  loading ??= init({ module_or_path: new URL('./sealcard_fields_bg.wasm', import.meta.url) }).then(
    () => ({ mountCardField, checkConfig }),
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
