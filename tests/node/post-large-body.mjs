// Serves a generated Node adapter (the Next.js Pages Router API route or the
// Vite plugin's middleware) on 127.0.0.1 and POSTs a large body to it in
// 64 KiB chunks, stopping as soon as the response arrives. Prints one JSON
// line: the response status and body, and how many bytes of the request the
// server had read (socket.bytesRead) and how much its RSS had grown when the
// route answered.
//
//   node post-large-body.mjs pages APP_DIR/pages/api/workos/widgets-token.js BYTES
//   node post-large-body.mjs vite  APP_DIR/server/workos-widgets/vite-plugin.js BYTES
//
// The app's node_modules must hold stand-ins for the packages the route
// imports (@workos-inc/node, and vite for the plugin): the test writes them.

import { createServer, request } from 'node:http';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

// Next.js imports local modules without their extension, as bundlers resolve
// them: so does this hook.
const resolveHook = `export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('.')) throw error;
    return next(specifier + '.js', context);
  }
}`;
register(`data:text/javascript,${encodeURIComponent(resolveHook)}`);

const [kind, file, bytesArg] = process.argv.slice(2);
const total = Number(bytesArg);
const mod = await import(pathToFileURL(file).href);

let handle;
if (kind === 'pages') {
  handle = (req, res) => mod.default(req, res);
} else if (kind === 'vite') {
  const plugin = mod.workosWidgetsToken();
  plugin.configResolved({ mode: 'development', envDir: '.' });
  let middleware;
  plugin.configureServer({ middlewares: { use: (fn) => (middleware = fn) } });
  handle = (req, res) =>
    middleware(req, res, (error) => {
      res.statusCode = error ? 500 : 404;
      res.end(String(error ?? 'not found'));
    });
} else {
  throw new Error(`unknown kind ${kind}: pages or vite`);
}

const rssBefore = process.memoryUsage().rss;
let atResponse;
const server = createServer((req, res) => {
  const end = res.end;
  res.end = function (...args) {
    atResponse ??= {
      bytesRead: req.socket.bytesRead,
      rssGrowth: process.memoryUsage().rss - rssBefore,
    };
    return end.apply(this, args);
  };
  handle(req, res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const chunk = Buffer.alloc(64 * 1024, 'a');
const result = await new Promise((resolve, reject) => {
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/workos/widgets-token',
    headers: { 'content-type': 'application/json', 'content-length': total },
  });
  let answered = false;
  req.on('response', (res) => {
    answered = true;
    const parts = [];
    res.on('data', (part) => parts.push(part));
    res.on('end', () => {
      resolve({ status: res.statusCode, body: Buffer.concat(parts).toString() });
      req.destroy();
    });
  });
  req.on('error', (error) => (answered ? undefined : reject(error)));
  let sent = 0;
  const write = () => {
    while (!answered && sent < total) {
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      if (!req.write(part)) return req.once('drain', write);
    }
    if (sent >= total) req.end();
  };
  write();
});

console.log(JSON.stringify({ ...result, ...atResponse }));
server.closeAllConnections();
server.close();
