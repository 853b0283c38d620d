// The card fields as an ES module: loads the Rust fields (src/fields/, compiled to wasm) next to
// this file, once, and exposes the mount function of their view. Used by the fields frame
// (isolated mode) and by inline mode.
// Named imports, not the namespace: a bundle (the frame's) then leaves out what the view does
// not use of the glue, such as `initSync`.
import init, { checkConfig, EditKind, FieldId, Fields } from './sealcard_fields.js';
import { createFields } from './fields-view.js';

/** @type {Promise<ReturnType<typeof createFields>> | undefined} */
let loading;

/** Compiles the wasm once; a failed load is forgotten so that a retry can succeed. */
export function loadFields() {
  loading ??= init({ module_or_path: new URL('./sealcard_fields_bg.wasm', import.meta.url) }).then(
    () => createFields({ checkConfig, EditKind, FieldId, Fields }),
    (/** @type {unknown} */ error) => {
      loading = undefined;
      throw error;
    },
  );
  return /** @type {Promise<ReturnType<typeof createFields>>} */ (loading);
}
