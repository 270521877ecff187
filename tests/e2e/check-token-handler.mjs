// Exercises the generated token handler (server/workos-widgets/token-handler.ts
// or .js) of an app against the mock WorkOS API, without a browser:
// status codes, { error, fix } bodies, Cache-Control, scopes.
//
//   node check-token-handler.mjs APP_DIR
//
// The handler is loaded through the app's own Vite (ssrLoadModule), so .ts
// works on Node 20 too. The handler must take (request, env).

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { startMockWorkos, decodeJwtPayload, KNOWN_SCOPES } from './mock-workos-api.mjs';

export async function checkTokenHandler({ appDir, expectedScopes = ['widgets:users-table:manage'] }) {
  appDir = resolve(appDir);
  const rel = ['ts', 'js'].map((e) => `server/workos-widgets/token-handler.${e}`).find((p) => existsSync(join(appDir, p)));
  if (!rel) throw new Error(`no server/workos-widgets/token-handler.{ts,js} in ${appDir}`);
  const { createServer } = await import(pathToFileURL(join(appDir, 'node_modules/vite/dist/node/index.js')).href);
  const vite = await createServer({
    root: appDir,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const mock = await startMockWorkos();
  const strict = await startMockWorkos({ knownScopes: KNOWN_SCOPES.filter((s) => !expectedScopes.includes(s)) });
  const results = [];
  const failures = [];
  try {
    const mod = await vite.ssrLoadModule(`/${rel}`);
    const { handleWidgetsTokenRequest, WIDGETS_SCOPES } = mod;
    if (JSON.stringify([...WIDGETS_SCOPES]) !== JSON.stringify(expectedScopes)) {
      failures.push(`WIDGETS_SCOPES ${JSON.stringify(WIDGETS_SCOPES)} != ${JSON.stringify(expectedScopes)}`);
    }
    const base = {
      WORKOS_API_KEY: 'sk_test_e2e_key',
      WORKOS_API_BASE_URL: mock.url,
      WORKOS_WIDGETS_DEV_USER_ID: 'user_e2e_ada',
      WORKOS_WIDGETS_DEV_ORGANIZATION_ID: 'org_e2e_test',
    };
    const post = () => new Request('http://127.0.0.1/api/workos/widgets-token', { method: 'POST' });
    const cases = [
      { name: 'success', env: base, status: 200 },
      { name: 'GET', env: base, status: 405, request: () => new Request('http://127.0.0.1/api/workos/widgets-token') },
      { name: 'no API key', env: { ...base, WORKOS_API_KEY: undefined }, status: 500, fixMatches: /WORKOS_API_KEY/ },
      { name: 'no session', env: { ...base, WORKOS_WIDGETS_DEV_USER_ID: undefined }, status: 401, fixMatches: /resolveWidgetsSession/ },
      { name: 'bad API key', env: { ...base, WORKOS_API_KEY: 'not_a_test_key' }, status: 401, fixMatches: /WORKOS_API_KEY/ },
      { name: 'role lacks permission', env: { ...base, WORKOS_WIDGETS_DEV_USER_ID: 'user_forbidden' }, status: 403, fixMatches: /Roles/ },
      { name: 'unknown organization', env: { ...base, WORKOS_WIDGETS_DEV_ORGANIZATION_ID: 'org_missing' }, status: 404, fixMatches: /organization/i },
      { name: 'scope rejected', env: { ...base, WORKOS_API_BASE_URL: strict.url }, status: 422, fixMatches: /WIDGETS_SCOPES/ },
      { name: 'API unreachable', env: { ...base, WORKOS_API_BASE_URL: 'http://127.0.0.1:9' }, status: 502, fixMatches: /WORKOS_API_BASE_URL|unreachable/ },
      { name: 'invalid base URL', env: { ...base, WORKOS_API_BASE_URL: 'not a url' }, status: 500, fixMatches: /WORKOS_API_BASE_URL/ },
    ];
    const quiet = console.error;
    for (const c of cases) {
      const env = Object.fromEntries(Object.entries(c.env).filter(([, v]) => v !== undefined));
      const started = Date.now();
      console.error = () => {};
      let response;
      try {
        response = await handleWidgetsTokenRequest((c.request ?? post)(), env);
      } finally {
        console.error = quiet;
      }
      const body = await response.json().catch(() => null);
      const r = { name: c.name, status: response.status, ms: Date.now() - started, cacheControl: response.headers.get('cache-control'), body };
      results.push(r);
      if (response.status !== c.status) failures.push(`${c.name}: status ${response.status} != ${c.status}`);
      if (response.headers.get('cache-control') !== 'no-store') failures.push(`${c.name}: Cache-Control ${r.cacheControl}`);
      if (c.status === 200) {
        const claims = body?.token ? decodeJwtPayload(body.token) : null;
        if (!claims || claims.sub !== 'user_e2e_ada' || claims.org_id !== 'org_e2e_test') failures.push(`${c.name}: bad token ${JSON.stringify(body)}`);
        if (JSON.stringify(claims?.permissions) !== JSON.stringify(expectedScopes)) failures.push(`${c.name}: token permissions ${JSON.stringify(claims?.permissions)}`);
      } else if (c.fixMatches) {
        if (typeof body?.error !== 'string' || typeof body?.fix !== 'string') failures.push(`${c.name}: body lacks {error, fix}: ${JSON.stringify(body)}`);
        else if (!c.fixMatches.test(`${body.error} ${body.fix}`)) failures.push(`${c.name}: message does not mention ${c.fixMatches}: ${JSON.stringify(body)}`);
      }
    }
    const sent = mock.tokenRequests().filter((r) => r.status === 200);
    for (const r of sent) {
      if (JSON.stringify(r.body?.scopes) !== JSON.stringify(expectedScopes)) failures.push(`SDK sent scopes ${JSON.stringify(r.body?.scopes)}`);
    }
  } finally {
    await vite.close();
    await mock.close();
    await strict.close();
  }
  return { ok: failures.length === 0, failures, results };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const appDir = process.argv[2];
  if (!appDir) {
    console.error('usage: node check-token-handler.mjs APP_DIR');
    process.exit(2);
  }
  const r = await checkTokenHandler({ appDir });
  for (const x of r.results) console.log(`${String(x.status).padEnd(4)} ${x.name.padEnd(22)} ${x.ms}ms ${JSON.stringify(x.body)}`);
  for (const f of r.failures) console.log(`FAIL ${f}`);
  console.log(r.ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(r.ok ? 0 : 1);
}
