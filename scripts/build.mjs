#!/usr/bin/env node
// npm run build: the Rust core → wasm → dist/, reproducibly, with dist/sri.json.
//
//   dist/validate/   sealcard/validate: wasm, wasm-bindgen glue, browser and Node entries, types
//   dist/frame/      the fields frame (frame.html, frame.js, frame.css) and the card fields
//                    module (fields.js, glue, wasm), which inline mode also loads
//   dist/sealcard.js the script-tag loader (window.SealCard); dist/index.js + .d.ts the same as ESM
//   dist/sri.json    { "<path under dist/>": "sha384-…" } for every shipped file
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');

function run(cmd, args, env = {}) {
  execFileSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PATH: `${join(cargoHome, 'bin')}:${process.env.PATH}`, ...env },
  });
}

// Absolute paths would end up in the wasm (panic locations): map them to fixed names so two
// checkouts of one commit build the same bytes.
const rustflags = [
  `--remap-path-prefix=${root}=/sealcard`,
  `--remap-path-prefix=${join(cargoHome, 'registry')}=/cargo/registry`,
  `--remap-path-prefix=${join(cargoHome, 'git')}=/cargo/git`,
].join(' ');

/** Builds the crate with `features` for wasm32 and runs wasm-bindgen + wasm-opt into `outDir`. */
function buildWasm({ features, outName, outDir }) {
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', features], {
    RUSTFLAGS: rustflags,
  });
  const raw = join(target, 'wasm32-unknown-unknown', 'release', 'sealcard.wasm');
  const bindgenDir = join(target, 'wasm-bindgen', outName);
  rmSync(bindgenDir, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', bindgenDir, '--out-name', outName, raw]);
  mkdirSync(outDir, { recursive: true });
  run(wasmOpt, ['-Oz', '--strip-debug', '--strip-producers', join(bindgenDir, `${outName}_bg.wasm`), '-o', join(outDir, `${outName}_bg.wasm`)]);
  copyFileSync(join(bindgenDir, `${outName}.js`), join(outDir, `${outName}.js`));
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

function writeSri() {
  const sri = {};
  for (const file of listFiles(dist).sort()) {
    const name = relative(dist, file).split(sep).join('/');
    if (name === 'sri.json') continue;
    sri[name] = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
  }
  writeFileSync(join(dist, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
  return sri;
}

rmSync(dist, { recursive: true, force: true });
const validateDir = join(dist, 'validate');
buildWasm({ features: 'validate', outName: 'sealcard_validate', outDir: validateDir });
copyInto('js/validate', validateDir, ['api.js', 'index.js', 'node.js', 'index.d.ts']);
const frameDir = join(dist, 'frame');
buildWasm({ features: 'widget', outName: 'sealcard_fields', outDir: frameDir });
copyInto('js/frame', frameDir, ['fields.js', 'frame.html', 'frame.css', 'frame.js']);
const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
const minify = ['--bundle', '--minify', '--target=es2020', '--legal-comments=none', '--charset=utf8'];
run(esbuild, ['js/loader/loader.js', ...minify, '--format=esm', `--outfile=${join(dist, 'index.js')}`]);
run(esbuild, ['js/loader/script.js', ...minify, '--format=iife', `--outfile=${join(dist, 'sealcard.js')}`]);
copyFileSync(join(root, 'js/loader/index.d.ts'), join(dist, 'index.d.ts'));
const sri = writeSri();
console.log(`built dist/ (${Object.keys(sri).length} files, hashes in dist/sri.json)`);
