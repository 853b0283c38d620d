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
  loading ??= instantiate().then(
    () => createFields({ checkConfig, EditKind, FieldId, Fields }),
    (/** @type {unknown} */ error) => {
      loading = undefined;
      throw error;
    },
  );
  return /** @type {Promise<ReturnType<typeof createFields>>} */ (loading);
}

/** The smallest valid module: compiling it shows whether this document may run WebAssembly. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** A load failure the developer can fix, as the loader's `loaderror` reports it. */
function loadError(/** @type {string} */ code, /** @type {string} */ message, retryable = false) {
  const type = retryable ? 'network_error' : 'configuration_error';
  return Object.assign(new Error(message), { name: 'SealCardError', type, code, retryable });
}

/** Fetches and instantiates the wasm, naming what went wrong when it cannot. */
async function instantiate() {
  try {
    new WebAssembly.Module(EMPTY_MODULE);
  } catch {
    throw loadError('wasm_blocked', "A Content-Security-Policy blocks WebAssembly here: add 'wasm-unsafe-eval' to its script-src.");
  }
  const url = new URL('./sealcard_fields_bg.wasm', import.meta.url);
  let response;
  try {
    // As the frame page's preload asks for it, so that the preloaded answer is the one used.
    response = await fetch(url);
  } catch {
    throw loadError('load_failed', 'The card form did not load. Reload the page.', true);
  }
  if (!response.ok) {
    throw loadError('wasm_not_found', `${url.href} answered HTTP ${response.status}: deploy the frame's files together.`);
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/wasm') {
    throw loadError('wasm_content_type', `${url.href} is served as "${type}": serve .wasm files as application/wasm.`);
  }
  await init({ module_or_path: response });
}
