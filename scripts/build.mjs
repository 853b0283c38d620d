#!/usr/bin/env node
// npm run build: the Rust core → wasm → dist/, reproducibly, with dist/sri.json.
//
//   dist/validate/   sealcard/validate: one module for browsers and Node (entry, glue and the wasm
//                    in base64, compiled synchronously at import) and its types
//   dist/frame/      the fields frame (frame.html, frame.js, frame.css) and the card fields
//                    module (fields.js, glue, wasm), which inline mode also loads
//   dist/sealcard.js the script-tag loader (window.SealCard); dist/index.js + .d.ts the same as ESM
//   dist/element.js  <sealcard-card> for a script tag; dist/element/ sealcard/element (npm)
//   dist/react/      sealcard/react: SealCardProvider, CardField, useSealCard
//   dist/testing/    sealcard/testing: test cards and the Playwright, Puppeteer, selenium adapters
//   dist/sri.json    { "<path under dist/>": "sha384-…" } for every shipped file
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shrink } from './wasm-shrink.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// SEALCARD_DIST builds elsewhere (to compare builds without touching dist/).
const dist = process.env.SEALCARD_DIST ?? join(root, 'dist');
// Built beside dist/ and swapped in at the end, so dist/ is never half-built for long.
const staging = `${dist}.building`;
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const toolEnv = { ...process.env, PATH: `${join(cargoHome, 'bin')}:${process.env.PATH}` };
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
// `--tsconfig-raw={}`: no tsconfig.json around the sources (js/frame's, for type checks, or one
// in a parent directory of the checkout) changes what ships.
const minify = ['--minify', '--target=es2020', '--legal-comments=none', '--charset=utf8', '--tsconfig-raw={}'];

function run(cmd, args, env = {}) {
  execFileSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...toolEnv, ...env },
  });
}

// Source paths end up in the wasm (panic locations): map them to short fixed names, so two
// checkouts of one commit build the same bytes and the paths cost a few bytes each.
const rustcCommit = /commit-hash: (\w+)/.exec(execFileSync('rustc', ['-vV'], { encoding: 'utf8', env: toolEnv }))?.[1];
// Each registry's sources (crates.io: registry/src/index.crates.io-<hash>/<crate>-<version>/).
const registrySources = join(cargoHome, 'registry', 'src');
const registries = existsSync(registrySources) ? readdirSync(registrySources) : [];
const rustflags = [
  `--remap-path-prefix=${root}=`,
  ...registries.map((name) => `--remap-path-prefix=${join(registrySources, name)}=`),
  `--remap-path-prefix=${join(cargoHome, 'git')}=git`,
  ...(rustcCommit ? [`--remap-path-prefix=/rustc/${rustcCommit}/library=`] : []),
  // The link's symbol table and relocations: scripts/wasm-shrink.mjs reads the bounds of the
  // data's objects from them, then drops them.
  '-C link-arg=--emit-relocs',
].join(' ');

/** Builds the crate with `features` for wasm32 and runs wasm-bindgen, the size passes of
 * scripts/wasm-shrink.mjs and wasm-opt into `outDir`; the glue is minified. */
function buildWasm({ features, outName, outDir }) {
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', features], {
    RUSTFLAGS: rustflags,
  });
  const raw = join(target, 'wasm32-unknown-unknown', 'release', 'sealcard.wasm');
  const bindgenDir = join(target, 'wasm-bindgen', outName);
  rmSync(bindgenDir, { recursive: true, force: true });
  // The entries always pass the wasm's URL (no default path in the glue) and every engine the
  // package runs on has TextEncoder#encodeInto (no fallback for it).
  run('wasm-bindgen', ['--target', 'web', '--omit-default-module-path', '--encode-into', 'always', '--out-dir', bindgenDir, '--out-name', outName, raw]);
  const shrunk = shrink(
    readFileSync(join(bindgenDir, `${outName}_bg.wasm`)),
    readFileSync(join(bindgenDir, `${outName}.js`), 'utf8'),
    `./${outName}_bg.js`,
  );
  writeFileSync(join(bindgenDir, `${outName}_shrunk.wasm`), shrunk.wasm);
  writeFileSync(join(bindgenDir, `${outName}_shrunk.js`), shrunk.glue);
  mkdirSync(outDir, { recursive: true });
  // --low-memory-unused: constant addresses fold into load and store offsets. Rust's wasm32
  // layout puts the 1 MB stack first, growing down to 0, so the first KB is never used.
  // --strip-target-features: the section tells tools which features the code uses; browsers
  // do not read it, and nothing reads the shipped module after this step.
  // --ignore-implicit-traps: loads may move past the branches that guard them. Rust's code
  // checks its bounds itself and never counts on a load outside the memory trapping (that
  // would be a wild pointer, undefined behaviour already); -0.09 KB gzip.
  // Two runs: the first also flattens the code and rebuilds its control flow from scratch
  // (--flatten --rereloop), which the second's -Oz then tightens further than -Oz alone does:
  // measured on the fields module, 78 162 -> 76 977 bytes raw, 36 009 -> 35 846 gzip.
  const opt = ['--low-memory-unused', '--ignore-implicit-traps'];
  run(wasmOpt, ['-Oz', '--flatten', '--rereloop', ...opt, join(bindgenDir, `${outName}_shrunk.wasm`), '-o', join(bindgenDir, `${outName}_rereloop.wasm`)]);
  run(wasmOpt, ['-Oz', '--converge', ...opt, '--strip-debug', '--strip-producers', '--strip-target-features', join(bindgenDir, `${outName}_rereloop.wasm`), '-o', join(outDir, `${outName}_bg.wasm`)]);
  run(esbuild, [join(bindgenDir, `${outName}_shrunk.js`), ...minify, '--format=esm', '--log-level=warning', `--outfile=${join(outDir, `${outName}.js`)}`]);
}

/** Compresses a script esbuild bundled and minified further with terser, whose compressor
 * (three passes) finds what esbuild's single pass leaves: measured on the frame script,
 * 10185 -> 9868 bytes gzip. For the frame's scripts, which count towards the frame payload. */
async function compress(file) {
  const { minify: terser } = await import('terser');
  const out = await terser(readFileSync(file, 'utf8'), { module: true, ecma: 2020, compress: { passes: 3 }, mangle: true, format: { comments: false } });
  if (typeof out.code !== 'string') throw new Error(`terser gave nothing for ${file}`);
  writeFileSync(file, out.code);
}

/** Moves a .wasm into an ES module (its bytes in base64, the default export) that the entry
 * compiles synchronously: no top-level await and no asset for a bundler to find. */
function embedWasm(wasmPath, modulePath) {
  writeFileSync(modulePath, `export default '${readFileSync(wasmPath).toString('base64')}';\n`);
  rmSync(wasmPath);
}

/** The framework adapters, built on the loader's public API:
 *   element.js        <sealcard-card> for a script tag (IIFE, the loader inside)
 *   element/index.js  sealcard/element for npm (ESM), react/index.js sealcard/react (ESM)
 * The npm entries import the loader as the package's own `../index.js` (one copy of it in an
 * app that uses both) and React as the peer dependency. ES2022: custom elements and React 18
 * need browsers that have it; a bundler lowers it further if its target asks. */
async function buildAdapters(out) {
  const { build } = await import('esbuild');
  const common = { bundle: true, minify: true, target: 'es2022', legalComments: 'none', charset: 'utf8', tsconfigRaw: {}, logLevel: 'warning' };
  const loaderAsEntry = {
    name: 'loader-as-package-entry',
    setup(b) {
      b.onResolve({ filter: /\/loader\/loader\.js$/ }, () => ({ path: '../index.js', external: true }));
    },
  };
  await build({ ...common, entryPoints: [join(root, 'js/element/index.js')], format: 'iife', outfile: join(out, 'element.js') });
  await build({ ...common, entryPoints: [join(root, 'js/element/index.js')], format: 'esm', plugins: [loaderAsEntry], outfile: join(out, 'element', 'index.js') });
  // 'use client': React Server Components frameworks (Next.js) render the adapter on the client.
  await build({ ...common, entryPoints: [join(root, 'js/react/index.js')], format: 'esm', plugins: [loaderAsEntry], external: ['react'], banner: { js: "'use client';" }, outfile: join(out, 'react', 'index.js') });
  copyFileSync(join(root, 'js/element/index.d.ts'), join(out, 'element', 'index.d.ts'));
  copyFileSync(join(root, 'js/react/index.d.ts'), join(out, 'react', 'index.d.ts'));
}

function copyInto(fromDir, toDir, names) {
  for (const name of names) copyFileSync(join(root, fromDir, name), join(toDir, name));
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function writeSri(dir) {
  const sri = {};
  for (const file of listFiles(dir).sort()) {
    const name = relative(dir, file).split(sep).join('/');
    if (name === 'sri.json') continue;
    sri[name] = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
  }
  writeFileSync(join(dir, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
  return sri;
}

rmSync(staging, { recursive: true, force: true });
const validateDir = join(staging, 'validate');
buildWasm({ features: 'validate', outName: 'sealcard_validate', outDir: validateDir });
// One module, for browsers and Node: the entry, the API, the glue and the wasm (in base64),
// bundled. The glue's asynchronous init, which names the .wasm through `import.meta.url` (an
// asset that bundlers would look for), is unused and left out.
const validateSrc = join(target, 'validate-src');
rmSync(validateSrc, { recursive: true, force: true });
mkdirSync(validateSrc, { recursive: true });
copyInto('js/validate', validateSrc, ['index.js', 'api.js']);
renameSync(join(validateDir, 'sealcard_validate.js'), join(validateSrc, 'sealcard_validate.js'));
embedWasm(join(validateDir, 'sealcard_validate_bg.wasm'), join(validateSrc, 'sealcard_validate_wasm.js'));
run(esbuild, [join(validateSrc, 'index.js'), '--bundle', ...minify, '--format=esm', '--log-level=warning', `--outfile=${join(validateDir, 'index.js')}`]);
copyInto('js/validate', validateDir, ['index.d.ts']);
const frameDir = join(staging, 'frame');
buildWasm({ features: 'fields', outName: 'sealcard_fields', outDir: frameDir });
// The declarations wasm-bindgen generates for the Rust fields' exports: what the view is
// type-checked against (tsc -p js/frame). Generated, not committed.
copyFileSync(join(target, 'wasm-bindgen', 'sealcard_fields', 'sealcard_fields.d.ts'), join(root, 'js/frame/sealcard_fields.d.ts'));
// The page without its comments (they are for whoever reads the source).
writeFileSync(join(frameDir, 'frame.html'), readFileSync(join(root, 'js/frame/frame.html'), 'utf8').replace(/\n *<!--[^]*?-->/g, ''));
run(esbuild, ['js/frame/frame.css', ...minify, '--log-level=warning', `--outfile=${join(frameDir, 'frame.css')}`]);
// The frame page runs one script: the bridge, the view and the wasm glue bundled (one
// download, one compression window). Inline mode imports fields.js (the view) and the glue.
const frameSrc = join(target, 'frame-src');
rmSync(frameSrc, { recursive: true, force: true });
mkdirSync(frameSrc, { recursive: true });
copyInto('js/frame', frameSrc, ['frame.js', 'fields.js', 'fields-view.js']);
copyFileSync(join(target, 'wasm-bindgen', 'sealcard_fields', 'sealcard_fields_shrunk.js'), join(frameSrc, 'sealcard_fields.js'));
run(esbuild, [join(frameSrc, 'frame.js'), '--bundle', ...minify, '--format=esm', '--log-level=warning', `--outfile=${join(frameDir, 'frame.js')}`]);
run(esbuild, ['js/frame/fields.js', '--bundle', ...minify, '--format=esm', '--external:./sealcard_fields.js', '--log-level=warning', `--outfile=${join(frameDir, 'fields.js')}`]);
await compress(join(frameDir, 'frame.js'));
await compress(join(frameDir, 'fields.js'));
const bundle = ['--bundle', ...minify, '--log-level=warning'];
// The npm module keeps its line breaks: minifying whitespace also drops the `webpackIgnore`
// comment of inline mode's `import()` of the fields, and webpack would then try to bundle them.
run(esbuild, ['js/loader/loader.js', ...bundle.filter((f) => f !== '--minify'), '--minify-syntax', '--minify-identifiers', '--format=esm', `--outfile=${join(staging, 'index.js')}`]);
run(esbuild, ['js/loader/script.js', ...bundle, '--format=iife', `--outfile=${join(staging, 'sealcard.js')}`]);
copyFileSync(join(root, 'js/loader/index.d.ts'), join(staging, 'index.d.ts'));
await buildAdapters(staging);
// sealcard/testing: the kit's modules and declarations, as written (no bundling: each adapter
// stays free of the drivers, which the caller passes in).
const testingDir = join(staging, 'testing');
mkdirSync(testingDir, { recursive: true });
copyInto('js/testing', testingDir, readdirSync(join(root, 'js/testing')).filter((f) => /\.(js|d\.ts)$/.test(f)).sort());
const sri = writeSri(staging);
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);
console.log(`built ${relative(root, dist) || dist}/ (${Object.keys(sri).length} files, hashes in sri.json)`);
