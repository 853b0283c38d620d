// The in-page runner: loads both catalogues and offers them to the test file as
// `window.sealcardTests` — `ready` (the case names, in order, or a load error) and
// `run(name)`, which runs one case and reports `{ ok, message?, notes }` (never rejects).

/** @type {Map<string, import('./assert.js').Case>} */
const byName = new Map();

/** The frames of a stack, without the assertion helpers', at most five. */
function stackFrames(/** @type {unknown} */ error) {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  return stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /:\d+:\d+\)?$/.test(line) && !line.includes('/assert.js:'))
    .slice(0, 5);
}

/** @param {unknown} error */
function describe(error) {
  const head = error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  return [head, ...stackFrames(error).map((f) => `    at ${f.replace(/^at /, '')}`)].join('\n');
}

const ready = (async () => {
  try {
    const [{ cases: field }, { cases: hostile }] = await Promise.all([import('./field.cases.js'), import('./hostile.cases.js')]);
    for (const c of [...field, ...hostile]) {
      if (byName.has(c.name)) throw new Error(`two cases are named ${c.name}`);
      byName.set(c.name, c);
    }
    return { names: [...byName.keys()] };
  } catch (error) {
    return { error: describe(error) };
  }
})();

/** @param {string} name */
async function run(name) {
  const c = byName.get(name);
  if (!c) return { ok: false, message: `no case named ${name}`, notes: [] };
  try {
    const notes = await c.run();
    return { ok: true, notes: Array.isArray(notes) ? notes.map(String) : [] };
  } catch (error) {
    return { ok: false, message: describe(error), notes: [] };
  }
}

Object.defineProperty(window, 'sealcardTests', { value: Object.freeze({ ready, run }) });
