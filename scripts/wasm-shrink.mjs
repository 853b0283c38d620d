// Size passes on a wasm-bindgen output (module + JS glue), run by scripts/build.mjs between
// wasm-bindgen and wasm-opt. Each keeps behaviour; each fails the build loudly rather than ship
// a module and a glue that disagree.
//
// - immediateAbort: a panic traps at once. The release profile already aborts on panic, and on
//   wasm32-unknown-unknown std's panic message goes nowhere (there is no stderr), yet std's panic
//   handler links the whole formatting machinery to build that message. Replacing the handler's
//   body with the trap it ends in anyway lets wasm-opt drop that machinery — what nightly's
//   `panic_immediate_abort` does, on stable.
// - noFormatting: what of the formatting machinery stays after that is kept only by the function
//   table (the panic payloads' methods and the `Display`/`Debug` impls that panic messages
//   point to), which wasm-opt cannot prune. Nothing else formats: the pass checks that no code
//   reachable from the exports calls into `core::fmt` or std's panic internals, fails the build
//   if some does, and else replaces those functions' bodies with a trap too.
// - noJspi: js-sys's JSPI task code (WebAssembly promise integration) stays in the function
//   table, but runs only where wasm-bindgen's context probe says so, and in a module without
//   JSPI exports wasm-bindgen compiles that probe to `0` (or nothing spawns at all): checked,
//   then the code traps too.
// - unusedImports: imports that only the trapped code called go, from the module and the glue
//   (`JsValue`'s `Debug` takes wasm-bindgen's `debugString` helper with it).
// - shortImports: wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` in a module
//   named after the glue file; the hashes do not compress. Imports get names of one or two
//   letters, in the wasm and in the glue alike.
// - shortExports: the same for the exports (`fields_createPaymentMethod`,
//   `wasm_bindgen__convert__closures_____invoke__<hash>`…), but for the memory and the table of
//   JS values; exports the glue never uses go.
// - streamingInit: the glue's asynchronous start takes what the fields' entry gives it (js/frame/
//   fields.js), a `Response` it fetched and checked (status, content type), and compiles it as
//   it streams in. wasm-bindgen's start also takes URLs, bytes and the deprecated bare argument,
//   and falls back, warning, when a server sends the wrong content type: that code goes.
// - deadData: the data of the code that now traps — panic messages, source paths and their
//   `Location`s, formatting tables — stays in the data section, where wasm-opt cannot tell it
//   from the rest. With the link's symbol table and relocations (`--emit-relocs`), every object
//   of the data is known by its bounds, and every address the code uses is shown to fall
//   inside the object it points to. An object that no address in the code left after the
//   traps (dead calls removed, nothing folded) and no pointer in a live object reaches is
//   zeroed, and wasm-opt then leaves the zeros out. An address at an object's end reaches it
//   only if the link relocated an address to that end (a one-past-the-end pointer); else it is
//   the start of the object after it. Without the link's sections, nothing is zeroed.
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

/** Each function of `mod` with its info. */
function functions(mod) {
  const list = [];
  for (let i = 0; i < mod.getNumFunctions(); i++) {
    const fn = mod.getFunctionByIndex(i);
    list.push({ fn, info: binaryen.getFunctionInfo(fn) });
  }
  return list;
}

const isImport = (info) => info.module !== null && info.module !== '';

/** wasm-bindgen's asynchronous start (`__wbg_load`, `__wbg_init_once`) and what replaces it:
 * `streamingInit` above. Each function is matched whole, from its line to its closing brace. */
const STREAMING_INIT = [
  [
    'async function __wbg_load(',
    `async function __wbg_load(response, imports) {
    return await WebAssembly.instantiateStreaming(response, imports);
}`,
  ],
  [
    'async function __wbg_init_once(',
    `async function __wbg_init_once({ module_or_path }) {
    const { instance, module } = await __wbg_load(await module_or_path, __wbg_get_imports());
    return __wbg_finalize_init(instance, module);
}`,
  ],
];

/** The glue with `STREAMING_INIT`'s functions replaced; each must be there once. */
function streamingInit(glue) {
  let out = glue;
  for (const [head, replacement] of STREAMING_INIT) {
    const whole = new RegExp(String.raw`^${head.replace(/[()]/g, '\\$&')}[^]*?^\}$`, 'gm');
    const found = out.match(whole)?.length ?? 0;
    if (found !== 1) throw new Error(`wasm-shrink: ${head}…} is ${found} times in the glue`);
    out = out.replace(whole, replacement);
  }
  return out;
}

/** Formatting and std's panic internals: reached only from a panic (which traps) once the code
 * that runs calls none of them; `noFormatting` checks that it does not. */
const FORMATTING = [/\bcore(\[[0-9a-f]+\])?::fmt::/, /\bstd(\[[0-9a-f]+\])?::panicking::/];

/** The functions each function calls directly (or takes a reference to), from the module's text. */
function directCalls(mod) {
  const name = String.raw`\$("[^"]*"|[^\s()]+)`;
  const unquote = (n) => (n.startsWith('"') ? n.slice(1, -1) : n);
  const calls = new Map();
  for (const func of mod.emitText().split('\n (func ').slice(1)) {
    const own = unquote(new RegExp(`^${name}`).exec(func)?.[1] ?? '');
    const callees = new Set();
    for (const m of func.matchAll(new RegExp(String.raw`\((?:return_)?call ${name}|\(ref\.func ${name}`, 'g'))) {
      callees.add(unquote(m[1] ?? m[2]));
    }
    calls.set(own, callees);
  }
  return calls;
}

/**
 * Traps in every formatting function, after checking that the code the exports reach — through
 * direct calls and through any table entry that is not itself formatting — never calls one
 * (`aborted`: the functions that already trap).
 */
function noFormatting(mod, aborted) {
  const formatting = (n) => FORMATTING.some((re) => re.test(n));
  const calls = directCalls(mod);
  const roots = [];
  for (let i = 0; i < mod.getNumExports(); i++) {
    const info = binaryen.getExportInfo(mod.getExportByIndex(i));
    if (info.kind === binaryen.ExternalFunction) roots.push(info.value);
  }
  for (let i = 0; i < mod.getNumElementSegments(); i++) {
    roots.push(...binaryen.getElementSegmentInfo(mod.getElementSegmentByIndex(i)).data.filter((n) => !formatting(n)));
  }
  const start = mod.getStart();
  if (start) roots.push(binaryen.getFunctionInfo(start).name);
  const live = new Set();
  const offending = [];
  for (const root of roots) {
    if (aborted.has(root)) continue;
    const todo = [root];
    while (todo.length > 0) {
      const f = /** @type {string} */ (todo.pop());
      if (live.has(f)) continue;
      live.add(f);
      for (const callee of calls.get(f) ?? []) {
        if (aborted.has(callee)) continue;
        if (formatting(callee)) offending.push(`${f} -> ${callee}`);
        else todo.push(callee);
      }
    }
  }
  if (offending.length > 0) {
    throw new Error(`wasm-shrink: code that runs formats (remove the formatting, or this pass):\n  ${offending.join('\n  ')}`);
  }
  for (const { fn, info } of functions(mod)) {
    if (!isImport(info) && formatting(info.name)) binaryen.Function.setBody(fn, mod.unreachable());
  }
}

/** The glue without the import object's entries for `names`; each must be there once. */
function dropGlueImports(glue, names) {
  let out = glue;
  for (const name of names) {
    // wasm-bindgen prints each entry from `        name: function(` to a line `        }…`.
    const entry = new RegExp(String.raw`^ {8}${name}: function\(.*\n(?: {9}.*\n|\n)*? {8}\}.*\n`, 'gm');
    const found = out.match(entry)?.length ?? 0;
    if (found !== 1) throw new Error(`wasm-shrink: import ${name} is ${found} times in the glue`);
    out = out.replace(entry, '');
  }
  return out;
}

/** js-sys's JSPI tasks: what `spawn_local` runs only when the context probe says so. */
const JSPI_TASKS = /\bjs_sys::futures::jspi::(SpawnedTask\b|spawn_promising|task_waker::|__wbindgen_jspi_spawn_)/;

/** Traps in js-sys's JSPI task functions, after checking that none can be made: no
 * `spawn_promising`, or a context probe that is `0`. */
function noJspi(mod, aborted) {
  const all = functions(mod);
  const tasks = all.filter(({ info }) => !isImport(info) && JSPI_TASKS.test(info.name));
  if (tasks.length === 0) return;
  // A JSPI task is made only by `spawn_promising`, which runs only when the probe says so.
  const spawns = all.some(({ info }) => /\bjs_sys::futures::jspi::spawn_promising\b/.test(info.name));
  const probe = all.filter(({ info }) => !isImport(info) && /__wbindgen_jspi_in_context/.test(info.name));
  const zero = (body) => {
    const e = binaryen.getExpressionInfo(body);
    return e.id === binaryen.ConstId && e.value === 0;
  };
  if (spawns && (probe.length !== 1 || !zero(probe[0].info.body))) {
    throw new Error('wasm-shrink: the JSPI context probe is not a constant 0 (does the module use JSPI?)');
  }
  for (const { fn, info } of tasks) {
    binaryen.Function.setBody(fn, mod.unreachable());
    aborted.add(info.name);
  }
}

/** Exports that keep their names: the memory and wasm-bindgen's table of JS values, which
 * tools and the leak tests read from the instance. */
const KEEP_EXPORTS = new Set(['memory', '__wbindgen_externrefs']);

/**
 * Exports get short names too, in the module and in the glue (which reaches each as
 * `wasm.<name>`); those the glue never reaches go (nothing but the glue instantiates the
 * module). Returns the glue.
 */
function shortExports(mod, glue) {
  const used = new Set([...glue.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]));
  const add = {
    [binaryen.ExternalFunction]: (value, name) => mod.addFunctionExport(value, name),
    [binaryen.ExternalTable]: (value, name) => mod.addTableExport(value, name),
    [binaryen.ExternalMemory]: (value, name) => mod.addMemoryExport(value, name),
    [binaryen.ExternalGlobal]: (value, name) => mod.addGlobalExport(value, name),
  };
  const exports = [];
  for (let i = 0; i < mod.getNumExports(); i++) exports.push(binaryen.getExportInfo(mod.getExportByIndex(i)));
  const renamed = new Map();
  for (const { kind, name, value } of exports) {
    if (KEEP_EXPORTS.has(name)) {
      renamed.set(name, name);
      continue;
    }
    mod.removeExport(name);
    if (!used.has(name)) continue;
    const short = shortName(renamed.size);
    renamed.set(name, short);
    add[kind](value, short);
  }
  const unknown = [...used].filter((name) => !renamed.has(name));
  if (unknown.length > 0) throw new Error(`wasm-shrink: the glue uses exports the module lacks: ${unknown.join(', ')}`);
  return glue.replace(/\bwasm\.(\w+)/g, (_, name) => `wasm.${renamed.get(name)}`);
}

/** Reads a LEB128 number at `at` of `bytes`: `[value, next position]`. */
function leb(bytes, at, signed = false) {
  let value = 0n;
  let shift = 0n;
  let byte;
  do {
    byte = bytes[at++];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  if (signed && byte & 0x40) value -= 1n << shift;
  return [Number(value), at];
}

/** The top-level sections of a wasm binary: `{ id, name?, start, end, bodyStart }` each. */
function sections(bytes) {
  const list = [];
  for (let at = 8; at < bytes.length; ) {
    const start = at;
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    let name;
    let bodyStart = at;
    if (id === 0) {
      let len;
      [len, bodyStart] = leb(bytes, at);
      name = new TextDecoder().decode(bytes.subarray(bodyStart, bodyStart + len));
      bodyStart += len;
    }
    list.push({ id, name, start, end, bodyStart });
    at = end;
  }
  return list;
}

/** The binary without the custom sections `drop` names. */
function withoutSections(bytes, drop) {
  const kept = sections(bytes).filter((s) => !(s.id === 0 && drop(s.name)));
  const parts = [bytes.subarray(0, 8), ...kept.map((s) => bytes.subarray(s.start, s.end))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The active data segments of a binary: `{ base, at, length }` (`at`: where the bytes are). */
function dataSegments(bytes) {
  const section = sections(bytes).find((s) => s.id === 11);
  if (!section) return [];
  let [count, at] = leb(bytes, section.bodyStart);
  const list = [];
  for (; count > 0; count--) {
    let flags;
    [flags, at] = leb(bytes, at);
    if (flags !== 0 || bytes[at] !== 0x41) throw new Error('wasm-shrink: a data segment that is not active at a constant address');
    let base;
    [base, at] = leb(bytes, at + 1, true);
    if (bytes[at++] !== 0x0b) throw new Error('wasm-shrink: a data segment address that is not a constant');
    let length;
    [length, at] = leb(bytes, at);
    list.push({ base, at, length });
    at += length;
  }
  return list;
}

/** The link's data objects `{ start, end }` (absolute addresses, `end` excluded), checked
 * against the segments, and the check that every relocated address stays in its object. */
function dataObjects(bytes) {
  const byName = new Map(sections(bytes).filter((s) => s.id === 0).map((s) => [s.name, s]));
  const linking = byName.get('linking');
  if (!linking) return null;
  const segments = dataSegments(bytes);
  const symbols = [];
  let [version, at] = leb(bytes, linking.bodyStart);
  if (version !== 2) throw new Error(`wasm-shrink: linking section version ${version}`);
  while (at < linking.end) {
    const type = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    const end = at + size;
    if (type === 5) {
      // WASM_SEGMENT_INFO: the symbols number the segments as the module still has them
      const [count] = leb(bytes, at);
      if (count !== segments.length) throw new Error('wasm-shrink: the data segments are not those of the link');
    } else if (type === 8) {
      // WASM_SYMBOL_TABLE
      let count;
      [count, at] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        const kind = bytes[at++];
        let flags;
        [flags, at] = leb(bytes, at);
        const undefinedSymbol = (flags & 0x10) !== 0;
        const named = !undefinedSymbol || (flags & 0x40) !== 0;
        const symbol = { kind };
        if (kind === 1) {
          // data: name, then segment, offset and size when defined
          let len;
          [len, at] = leb(bytes, at);
          at += len;
          if (!undefinedSymbol) {
            let segment, offset, length;
            [segment, at] = leb(bytes, at);
            [offset, at] = leb(bytes, at);
            [length, at] = leb(bytes, at);
            const seg = segments[segment];
            if (!seg || offset + length > seg.length) throw new Error('wasm-shrink: a data symbol outside its segment');
            Object.assign(symbol, { start: seg.base + offset, end: seg.base + offset + length });
          }
        } else if (kind === 3) {
          [, at] = leb(bytes, at);
        } else {
          [, at] = leb(bytes, at);
          if (named) {
            let len;
            [len, at] = leb(bytes, at);
            at += len;
          }
        }
        symbols.push(symbol);
      }
    }
    at = end;
  }
  // Every address the code or the data holds is `symbol + addend`: within the object (its end
  // included, for one-past-the-end pointers), else this pass could not tell what it points to.
  // An object's end is also the next object's start: `endTaken` marks the objects whose end
  // some relocation points to.
  const ADDRESS = new Set([3, 4, 5, 11, 14, 15, 16, 17, 21, 23, 25]);
  const ADDEND = new Set([...ADDRESS, 8, 9, 22]);
  for (const [name, section] of byName) {
    if (!name.startsWith('reloc.')) continue;
    let [, at] = leb(bytes, section.bodyStart);
    let count;
    [count, at] = leb(bytes, at);
    for (; count > 0; count--) {
      const type = bytes[at++];
      let index;
      [, at] = leb(bytes, at);
      [index, at] = leb(bytes, at);
      if (!ADDEND.has(type)) continue;
      let addend;
      [addend, at] = leb(bytes, at, true);
      const symbol = symbols[index];
      if (ADDRESS.has(type) && symbol?.start !== undefined && (addend < 0 || symbol.start + addend > symbol.end)) {
        throw new Error(`wasm-shrink: an address ${addend} bytes from the start of its ${symbol.end - symbol.start}-byte object`);
      }
      if (ADDRESS.has(type) && symbol?.start !== undefined && symbol.start + addend === symbol.end) symbol.endTaken = true;
    }
  }
  return symbols.filter((s) => s.start !== undefined && s.end > s.start).sort((a, b) => a.start - b.start);
}

/** Every constant the code of `mod` holds that may be an address: `i32.const` values, both
 * halves of `i64.const` values, load and store offsets, globals' initial values. */
function addressesInCode(mod) {
  const text = mod.emitText();
  const found = new Set();
  for (const m of text.matchAll(/\(i32\.const (-?\d+)\)|offset=(\d+)/g)) found.add(Number(BigInt.asUintN(32, BigInt(m[1] ?? m[2]))));
  for (const m of text.matchAll(/\(i64\.const (-?\d+)\)/g)) {
    const v = BigInt.asUintN(64, BigInt(m[1]));
    found.add(Number(v & 0xffffffffn));
    found.add(Number(v >> 32n));
  }
  return found;
}

/**
 * The address ranges of the objects nothing live reaches. `objects` are the link's data
 * objects; `addresses` what the code holds; `word(address)` the 32-bit word of the data there.
 */
function deadRanges(objects, addresses, word) {
  const starts = objects.map((o) => o.start);
  const longest = Math.max(0, ...objects.map((o) => o.end - o.start));
  const containing = (address) => {
    const found = [];
    let hi = starts.length;
    let lo = 0;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= address) lo = mid + 1;
      else hi = mid;
    }
    // Objects may overlap (aliases): look back while they could still contain the address.
    for (let i = lo - 1; i >= 0 && objects[i].start >= address - longest; i--) {
      const o = objects[i];
      // Its end reaches an object only where the link took that end (else the address is the
      // start of the object after it).
      if (o.start <= address && (address < o.end || (address === o.end && o.endTaken))) found.push(i);
    }
    return found;
  };
  const live = new Set();
  const todo = [];
  const reach = (address) => {
    for (const i of containing(address)) {
      if (!live.has(i)) {
        live.add(i);
        todo.push(i);
      }
    }
  };
  for (const address of addresses) reach(address);
  while (todo.length > 0) {
    const o = objects[/** @type {number} */ (todo.pop())];
    for (let at = (o.start + 3) & ~3; at + 4 <= o.end; at += 4) reach(word(at));
  }
  // A dead object's bytes, but for those another object shares with a live one.
  const keep = objects.filter((_, i) => live.has(i));
  return objects
    .filter((_, i) => !live.has(i))
    .filter((o) => !keep.some((k) => k.start < o.end && o.start < k.end));
}

/** `bytes` (a binary) with the data in `ranges` zeroed. */
function zeroData(bytes, ranges) {
  const out = bytes.slice();
  for (const seg of dataSegments(out)) {
    for (const { start, end } of ranges) {
      const from = Math.max(start, seg.base);
      const to = Math.min(end, seg.base + seg.length);
      if (from < to) out.fill(0, seg.at + (from - seg.base), seg.at + (to - seg.base));
    }
  }
  return out;
}

/** The data objects no code left after the traps reaches (see deadData above). */
function deadData(mod, objects) {
  // A copy where the calls to trapping functions are gone with their arguments: inlined (each
  // body is one `unreachable`), and the dead code after it removed; then the arguments no
  // function reads (such as a caller's location that a `#[track_caller]` function never uses)
  // are dropped at every call (`dae`: a constant every call passes moves into the function
  // whole). Nothing is folded, so the addresses left are those the link relocated.
  const copy = binaryen.readBinary(mod.emitBinary());
  const levels = [binaryen.getOptimizeLevel(), binaryen.getShrinkLevel()];
  try {
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(2);
    copy.runPasses(['inlining', 'dce', 'vacuum', 'simplify-locals', 'vacuum', 'dae', 'dce', 'vacuum', 'remove-unused-module-elements']);
    const bytes = copy.emitBinary();
    const segments = dataSegments(bytes);
    const word = (address) => {
      const seg = segments.find((s) => s.base <= address && address + 4 <= s.base + s.length);
      if (!seg) return 0;
      const at = seg.at + (address - seg.base);
      return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
    };
    return deadRanges(objects, addressesInCode(copy), word);
  } finally {
    binaryen.setOptimizeLevel(levels[0]);
    binaryen.setShrinkLevel(levels[1]);
    copy.dispose();
  }
}

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
  // The link's sections describe the data (deadData); binaryen does not read them.
  const objects = dataObjects(wasmBytes);
  const mod = binaryen.readBinary(withoutSections(wasmBytes, (name) => name === 'linking' || name.startsWith('reloc.')));
  try {
    // immediateAbort
    const aborted = new Set();
    for (const { fn, info } of functions(mod)) {
      if (!isImport(info) && ABORTS.some((re) => re.test(info.name))) {
        binaryen.Function.setBody(fn, mod.unreachable());
        aborted.add(info.name);
      }
    }
    if (aborted.size === 0) throw new Error('wasm-shrink: no panic handler found (did the names section go?)');

    noFormatting(mod, aborted);
    noJspi(mod, aborted);

    // unusedImports
    const importsBefore = functions(mod).filter(({ info }) => isImport(info)).map(({ info }) => info.base);
    mod.runPasses(['remove-unused-module-elements']);
    const imports = functions(mod).filter(({ info }) => isImport(info)).map(({ info }) => info);
    const kept = new Set(imports.map((info) => info.base));
    glue = dropGlueImports(glue, importsBefore.filter((base) => !kept.has(base)));

    // shortImports
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
    // Each import as a method (`a(arg0) {…}`, not `a: function(arg0) {…}`): the same function,
    // which nothing constructs, without the keyword; minifiers keep what they are given.
    const entry = /^( {8})(\w+): function\(/gm;
    const entries = out.match(entry)?.length ?? 0;
    if (entries !== imports.length) throw new Error(`wasm-shrink: ${entries} import entries in the glue for ${imports.length} imports`);
    out = out.replace(entry, '$1$2(');

    out = shortExports(mod, out);
    out = streamingInit(out);
    if (!mod.validate()) throw new Error('wasm-shrink: the rewritten module does not validate');
    const dead = objects ? deadData(mod, objects) : [];
    return { wasm: zeroData(mod.emitBinary(), dead), glue: out };
  } finally {
    mod.dispose();
  }
}
