// Starts the local PayMongo sandbox serving this shop, as a merchant's CI does:
//
//   cargo run --release -p sealcard-sandbox -- --quiet --rate-limit 0 \
//     --merchant-port 18510 --merchant-dir examples/merchant-tests/shop --merchant-assets dist \
//     --frame-port 18511 --frame-dir dist --api-port 18512
//
// The shop on :18510 (with the sealcard files under /sealcard/ and /sealcard.js), the fields
// frame on :18511, the API on :18512 (keys pk_test_sandbox / sk_test_sandbox).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.SEALCARD_SANDBOX_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug', 'sealcard-sandbox');

/** The shop's address. */
export const SHOP = 'http://localhost:18510';

/** Starts the sandbox; resolves to its stop function once it is ready. */
export async function startShop() {
  const child = spawn(bin, [
    '--quiet', '--rate-limit', '0',
    '--merchant-port', '18510', '--merchant-dir', join(root, 'examples', 'merchant-tests', 'shop'), '--merchant-assets', join(root, 'dist'),
    '--frame-port', '18511', '--frame-dir', join(root, 'dist'),
    '--api-port', '18512',
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
    child.stdout.on('data', (chunk) => /sealcard-sandbox: ready/.test(String(chunk)) && resolve(undefined));
  });
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
}
