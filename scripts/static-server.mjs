// A tiny static server on loopback, for the pages of the browser tests (tests/browser/) and of
// the benchmarks (bench/run.mjs): directories mounted at URL prefixes. http://127.0.0.1 is a
// secure context, which the field needs. Nothing is cached, so a rebuilt dist/ is always what
// runs.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, sep } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The file a URL path names, or undefined when it names none (or tries to leave its directory).
 * @param {[string, string][]} mounts
 * @param {string} pathname
 */
function fileOf(mounts, pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const mount = mounts.find(([prefix]) => path.startsWith(prefix));
  if (!mount) return undefined;
  const [prefix, dir] = mount;
  const file = join(dir, path.slice(prefix.length) || 'index.html');
  return file.startsWith(dir + sep) ? file : undefined;
}

/**
 * Starts the server on 127.0.0.1:`port` (0: any free port), serving each `[prefix, directory]`
 * of `mounts` (the first prefix that matches wins: list the longest first).
 * @param {number} port
 * @param {[string, string][]} mounts
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(port, mounts) {
  const server = createServer(async (req, res) => {
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const file = fileOf(mounts, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const type = file && TYPES[extname(file)];
    const body = type ? await readFile(file).catch(() => undefined) : undefined;
    if (!body) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}
