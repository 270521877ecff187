// Load an app set up by `workos-widgets init` in headless Chromium against the
// mock WorkOS API, and list everything that is wrong with what happened.
//
//   const run = await loadApp({ kind, appDir, components, tokenEndpoint, shotName })
//   const failures = appFailures(run)   // [] when the widgets work

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXPECTED_SCOPES, REPO_ROOT, WIDGET_ENDPOINTS, startDevServer } from './apps.mjs';
import { checkPage } from './browser-check.mjs';
import { TEST_USER, startMockWorkos } from './mock-workos-api.mjs';

export const SHOT_DIR = join(REPO_ROOT, 'target/e2e');
export const DEV_IDENTITY = { userId: 'user_e2e_ada', organizationId: 'org_e2e_test' };
export const API_KEY = 'sk_test_e2e_not_a_real_key';

/**
 * Start the mock and the kind's dev server, open each of the kind's pages, then
 * GET the token route (init's `token_endpoint`; only POST is allowed).
 * Screenshots: target/e2e/<shotName>.png (one page) or <shotName>-<last path segment>.png.
 */
export async function loadApp({ kind, appDir, components, tokenEndpoint, shotName = kind.id, timeoutMs = kind.limits.page }) {
  mkdirSync(SHOT_DIR, { recursive: true });
  const mock = await startMockWorkos({ host: '127.0.0.1' });
  const env = {
    ...process.env,
    WORKOS_API_KEY: API_KEY,
    WORKOS_API_BASE_URL: mock.url,
    [kind.publicBaseUrlVar]: mock.url,
    WORKOS_WIDGETS_DEV_USER_ID: DEV_IDENTITY.userId,
    WORKOS_WIDGETS_DEV_ORGANIZATION_ID: DEV_IDENTITY.organizationId,
    ...(await kind.devEnv?.(dirname(appDir))),
  };
  delete env.NODE_ENV; // NODE_ENV=production (e.g. from CI) refuses the dev identity
  const paths = kind.pages(components);
  const pages = [];
  const timings = {};
  let server;
  let tokenRouteGet = null;
  try {
    const t = Date.now();
    server = await startDevServer(kind, appDir, env, { timeoutMs: kind.limits.ready });
    timings.serverReadyMs = Date.now() - t;
    if (kind.warmUp) {
      // Vite's dev server optimizes the new dependencies on a fresh app's
      // first visit; with SSR that first page can load a chunk the
      // optimizer has just replaced (404) and never hydrate. A user reloads;
      // the test visits once, then forgets what the mock saw.
      const w = Date.now();
      await checkPage({ url: server.url + paths[0], expectText: TEST_USER.email, timeoutMs });
      mock.requests.length = 0;
      timings.warmUpMs = Date.now() - w;
    }
    for (const path of paths) {
      const shot = paths.length === 1 ? shotName : `${shotName}-${path.split('/').at(-1)}`;
      const screenshot = join(SHOT_DIR, `${shot}.png`);
      const page = await checkPage({ url: server.url + path, expectText: TEST_USER.email, screenshotPath: screenshot, timeoutMs });
      pages.push({ path, screenshot, ...page });
    }
    if (tokenEndpoint) {
      tokenRouteGet = await fetch(server.url + tokenEndpoint, { signal: AbortSignal.timeout(timeoutMs) }).then(
        (r) => r.status,
        (err) => String(err),
      );
    }
  } finally {
    await server?.stop();
    await mock.close();
  }
  timings.renderMs = pages.map((p) => p.renderMs);
  return { kind, pages, mock, components, tokenEndpoint, tokenRouteGet, timings, serverLog: server?.log() ?? '' };
}

/** Everything that shows the widgets did not work, as readable strings. */
export function appFailures({ kind, pages, mock, components, tokenEndpoint, tokenRouteGet }) {
  const failures = [];
  if (!tokenEndpoint) failures.push('init reported no token_endpoint');
  else if (tokenRouteGet !== 405) failures.push(`GET ${tokenEndpoint} answered ${tokenRouteGet}, want 405 (the route takes POST only)`);
  for (const p of pages) {
    const at = `page ${p.path}:`;
    if (p.waitError) failures.push(`${at} "${TEST_USER.email}" not visible (${p.waitError})`);
    for (const e of p.pageErrors) failures.push(`${at} page error: ${e.split('\n')[0]}`);
    // Not every console error: the 401s of the widgets' first, token-less requests are expected (below).
    // A hydration mismatch (server-rendered frameworks) is a failure too.
    const bad = /WidgetsContext|\[workos-widgets\]|[Hh]ydrat/;
    for (const e of p.consoleErrors) {
      const line = e.split('\n').find((l) => bad.test(l));
      if (line) failures.push(`${at} console error: ${line.trim()}`);
    }
    for (const b of new Set(p.blockedRequests)) {
      if (!kind?.blockedOk?.test(b)) failures.push(`${at} tried to reach a non-local host: ${b}`);
    }
  }

  const tokenRequests = mock.tokenRequests();
  if (!tokenRequests.length) failures.push('the mock saw no POST /widgets/token');
  for (const r of tokenRequests) {
    const b = r.body ?? {};
    if (r.headers.authorization !== `Bearer ${API_KEY}`) failures.push(`POST /widgets/token with Authorization ${r.headers.authorization}`);
    if (!/^workos-node\//.test(r.headers['user-agent'] ?? '')) failures.push(`POST /widgets/token not sent by @workos-inc/node (user-agent ${r.headers['user-agent']})`);
    if (JSON.stringify(b.scopes) !== JSON.stringify(EXPECTED_SCOPES)) failures.push(`POST /widgets/token scopes ${JSON.stringify(b.scopes)}, want exactly ${JSON.stringify(EXPECTED_SCOPES)}`);
    if (b.user_id !== DEV_IDENTITY.userId || b.organization_id !== DEV_IDENTITY.organizationId) failures.push(`POST /widgets/token for ${b.user_id}/${b.organization_id}, want the dev identity`);
    if (r.status !== 200) failures.push(`POST /widgets/token answered ${r.status}`);
  }

  // @workos-inc/widgets 1.18 with the function form of authToken sends each
  // widget type's first queries before its token arrives (no Authorization);
  // they get 401 and are retried with the token. Allow exactly that: requests
  // without a token only before that widget type's first authenticated one.
  const widgetRequests = mock.widgetRequests();
  const authed = new Set();
  for (const r of widgetRequests) {
    const type = r.headers['workos-widgets-type'];
    const { hadBearer, tokenMintedHere } = r.widgetAuth;
    if (hadBearer && !tokenMintedHere) failures.push(`${r.method} ${r.path} carried a token the mock did not mint`);
    if (!hadBearer && authed.has(type)) failures.push(`${r.method} ${r.path} without a token after ${type} had one`);
    if (r.status === 200 && !tokenMintedHere) failures.push(`${r.method} ${r.path} succeeded without a minted token`);
    if (tokenMintedHere) authed.add(type);
  }
  for (const c of components) {
    for (const path of WIDGET_ENDPOINTS[c.widget]) {
      if (!widgetRequests.some((r) => r.path === path && r.status === 200 && r.widgetAuth.tokenMintedHere)) {
        failures.push(`${c.widget}: no successful ${path} with a minted token`);
      }
    }
  }
  for (const r of mock.unhandled()) failures.push(`the mock has no handler for ${r.method} ${r.path}`);
  return failures;
}

/** A compact record of a run, for target/e2e/<name>.json. */
export function summary(run, failures) {
  return {
    failures,
    timings: run.timings,
    tokenRouteGet: run.tokenRouteGet,
    pages: run.pages.map(({ path, screenshot, waitError, pageErrors, consoleErrors, failedRequests, blockedRequests, text }) => ({
      path, screenshot, waitError, pageErrors, consoleErrors, failedRequests, blockedRequests, text: text.slice(0, 1500),
    })),
    mockRequests: run.mock.requests
      .filter((r) => r.method !== 'OPTIONS')
      .map((r) => ({ time: r.time, method: r.method, path: r.path, status: r.status, auth: r.widgetAuth, body: r.body || undefined })),
  };
}
