// Starts the sandbox binary with the demo's three origins on test ports, as `npm start` does,
// and offers its admin API (`startSandbox`), or with arguments of the caller's (`spawnSandbox`,
// e.g. an API alone). The binary must be built: `cargo test` builds target/debug's
// (SEALCARD_SANDBOX_BIN names another). The end-to-end tests use it through ./fixture.mjs.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The sandbox binary (its directory also holds `sealcard-sandbox-load`). */
export const SANDBOX_BIN =
  process.env.SEALCARD_SANDBOX_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'sealcard-sandbox');

/**
 * Runs the sandbox binary with `--quiet` and `args`; resolves once it says it is ready, with
 * the API base it printed (`http://localhost:<port>/v1`, the port chosen when `--api-port 0`).
 * @param {string[]} args
 * @returns {Promise<{ api: string, stop: () => Promise<void> }>}
 */
export async function spawnSandbox(args) {
  const child = spawn(SANDBOX_BIN, ['--quiet', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 20000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (/sealcard-sandbox: ready/.test(out)) {
        clearTimeout(timer);
        resolve(undefined);
      }
    });
  });
  return {
    api: /sealcard-sandbox: api (\S+)/.exec(out)?.[1] ?? '',
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/**
 * The API alone, on a free loopback port, with CORS for any loopback page and no rate limit: for
 * tests whose pages another server serves (the wasm-bindgen-test runner's, through
 * scripts/with-sandbox.mjs).
 */
export function startTestApi() {
  return spawnSandbox(['--api-port', '0', '--cors-loopback', '--rate-limit', '0']);
}

/**
 * The demo's three origins (merchant, fields frame, API) on test ports, with `extra` flags.
 * @param {{ merchantPort?: number, framePort?: number, apiPort?: number, extra?: string[] }} [o]
 */
export async function startSandbox(o = {}) {
  const ports = { merchant: o.merchantPort ?? 18080, frame: o.framePort ?? 18081, api: o.apiPort ?? 18082 };
  const proc = await spawnSandbox([
    '--api-port', String(ports.api),
    '--merchant-port', String(ports.merchant), '--merchant-dir', join(ROOT, 'www'), '--merchant-assets', join(ROOT, 'dist'),
    '--frame-port', String(ports.frame), '--frame-dir', join(ROOT, 'dist'),
    '--rate-limit', '0',
    ...(o.extra ?? []),
  ]);
  const api = `http://localhost:${ports.api}`;
  const admin = async (/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body) => {
    const r = await fetch(`${api}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return r.status === 204 ? null : r.json();
  };
  return {
    merchant: `http://localhost:${ports.merchant}`,
    frame: `http://localhost:${ports.frame}`,
    api,
    /** @returns {Promise<{ tokenizations: number, requests: number, payment_methods: number }>} */
    stats: () => admin('GET', '/__admin/stats'),
    /** @param {{ endpoint: string, kind: string, count?: number, latency_ms?: number }} fault */
    fault: (fault) => admin('POST', '/__admin/faults', fault),
    clearFaults: () => admin('DELETE', '/__admin/faults'),
    stop: () => proc.stop(),
  };
}
