#!/usr/bin/env node
// Runs a command beside a sandbox of its own: the API alone, on a free loopback port, with CORS
// for any loopback page and no rate limit. The command gets the sandbox's API base
// (`http://localhost:<port>/v1`) in SEALCARD_TEST_API: the wasm-bindgen-test suite of the
// payment flows (tests/web_pay.rs) reads it when it is compiled. Exits with the command's
// status, after stopping the sandbox.
//
//   node scripts/with-sandbox.mjs cargo test -p sealcard --target wasm32-unknown-unknown ...
//
// Needs the sandbox binary (`cargo build -p sealcard-sandbox`, or SEALCARD_SANDBOX_BIN).
import { spawn } from 'node:child_process';
import { startTestApi } from '../tests/e2e/sandbox.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-sandbox.mjs COMMAND [ARGS…]');
  process.exit(2);
}
const sandbox = await startTestApi();
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, SEALCARD_TEST_API: sandbox.api },
});
const status = await new Promise((resolve) => {
  child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  child.once('error', (e) => {
    console.error(`with-sandbox: ${e.message}`);
    resolve(1);
  });
});
await sandbox.stop();
process.exit(status);
