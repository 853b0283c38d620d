// Size passes on a wasm-bindgen output (module + JS glue), run by scripts/build.mjs between
// wasm-bindgen and wasm-opt. Each keeps behaviour; each fails the build loudly rather than ship
// a module and a glue that disagree.
//
// - immediateAbort: a panic traps at once. The release profile already aborts on panic, and on
//   wasm32-unknown-unknown std's panic message goes nowhere (there is no stderr), yet std's panic
//   handler links the whole formatting machinery to build that message. Replacing the handler's
//   body with the trap it ends in anyway lets wasm-opt drop that machinery — what nightly's
//   `panic_immediate_abort` does, on stable.
// - shortImports: wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` in a module
//   named after the glue file; the hashes do not compress. Imports get names of one or two
//   letters, in the wasm and in the glue alike.
import binaryen from 'binaryen';

/** Functions whose body becomes `unreachable`: std's panic and allocation-failure entries. */
const ABORTS = [
  /::rust_begin_unwind$/,
  /::__rust_alloc_error_handler$/,
  /::alloc::rust_oom$/,
  // core's panic entries (bounds checks, slice and cell misuse): they format a message for the
  // handler above, which never prints it.
  /^core\[[0-9a-f]+\]::panicking::/,
  /^core\[[0-9a-f]+\]::slice::index::slice_index_fail$/,
  /::len_mismatch_fail$/,
  /^core\[[0-9a-f]+\]::cell::panic_already_(mutably_)?borrowed$/,
];

/** `a`…`z`, `A`…`Z`, then two letters: short, valid JS identifiers, never `__proto__`. */
function shortName(i) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const n = letters.length;
  return i < n ? letters[i] : letters[Math.floor(i / n) - 1] + letters[i % n];
}

/**
 * @param {Uint8Array} wasmBytes wasm-bindgen's module (with its name section)
 * @param {string} glue wasm-bindgen's JS glue for it
 * @param {string} moduleName the import module name wasm-bindgen used (`./<out>_bg.js`)
 * @returns {{ wasm: Uint8Array, glue: string }}
 */
export function shrink(wasmBytes, glue, moduleName) {
  binaryen.setDebugInfo(true);
  const mod = binaryen.readBinary(wasmBytes);
  try {
    const imports = [];
    let aborts = 0;
    for (let i = 0; i < mod.getNumFunctions(); i++) {
      const fn = mod.getFunctionByIndex(i);
      const info = binaryen.getFunctionInfo(fn);
      if (info.module !== null && info.module !== '') {
        imports.push(info);
      } else if (ABORTS.some((re) => re.test(info.name))) {
        binaryen.Function.setBody(fn, mod.unreachable());
        aborts++;
      }
    }
    if (aborts === 0) throw new Error('wasm-shrink: no panic handler found (did the names section go?)');

    const renamed = new Map();
    for (const info of imports) {
      if (info.module !== moduleName) throw new Error(`wasm-shrink: unexpected import module ${info.module}`);
      const short = shortName(renamed.size);
      renamed.set(info.base, short);
      mod.removeFunction(info.name);
      mod.addFunctionImport(info.name, 'w', short, info.params, info.results);
    }
    const quotedModule = JSON.stringify(moduleName);
    if (glue.split(quotedModule).length !== 2) throw new Error(`wasm-shrink: ${quotedModule} is not once in the glue`);
    let out = glue.replace(quotedModule, '"w"');
    const seen = new Set();
    out = out.replace(/\b__wb(?:g|indgen)_\w+/g, (name) => {
      const short = renamed.get(name);
      if (short === undefined) return name;
      seen.add(name);
      return short;
    });
    const missing = [...renamed.keys()].filter((name) => !seen.has(name));
    if (missing.length > 0) throw new Error(`wasm-shrink: imports not in the glue: ${missing.join(', ')}`);
    if (!mod.validate()) throw new Error('wasm-shrink: the rewritten module does not validate');
    return { wasm: mod.emitBinary(), glue: out };
  } finally {
    mod.dispose();
  }
}
