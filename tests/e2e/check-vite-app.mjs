// End-to-end check of a Vite + React app set up by `workos-widgets init`:
// starts the mock WorkOS API, runs `vite` (dev) or `vite preview` in the app,
// opens the page in headless Chromium and asserts that the widgets rendered
// real data obtained with a token minted through the app's own token route.
//
//   node check-vite-app.mjs APP_DIR [dev|preview] [--screenshot PATH] [--scopes a,b]
//                            [--node-env development] [--expect TEXT]
//                            [--expect-fail] [--expect-error SUBSTRING]
//
// --expect-fail: pass when the check fails (negative tests);
// --expect-error S: pass when the check fails AND a page/console error contains S.
// `vite preview` runs with NODE_ENV=production unless --node-env is given, so the
// generated session resolver refuses the development identity there (401).
//
// Exit code 0 when every assertion passed. `vite preview` needs a prior build.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { startMockWorkos, decodeJwtPayload, TEST_USER } from './mock-workos-api.mjs';
import { checkPage } from './browser-check.mjs';

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitForHttp(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite exited early with code ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${url}`);
}

/**
 * @returns {Promise<{ok: boolean, failures: string[], page: object, mockRequests: object[], timings: object, viteLog: string}>}
 */
export async function checkViteApp({
  appDir,
  mode = 'dev',
  expectText = TEST_USER.email,
  expectedScopes = ['widgets:users-table:manage'],
  expectWidgetPaths = [
    '/_widgets/UserProfile/me',
    '/_widgets/UserManagement/members',
    '/_widgets/UserManagement/roles-and-config',
  ],
  screenshotPath,
  timeoutMs = 45000,
  userId = 'user_e2e_ada',
  organizationId = 'org_e2e_test',
  nodeEnv, // e.g. 'development' to allow the dev identity under `vite preview`
  extraEnv = {},
  build = mode === 'preview', // VITE_* values are baked in at build time: rebuild against this mock
}) {
  appDir = resolve(appDir);
  const viteBin = join(appDir, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(viteBin)) throw new Error(`no vite in ${appDir}/node_modules (run npm install)`);
  const mock = await startMockWorkos();
  const port = await freePort();
  const env = {
    ...process.env,
    WORKOS_API_KEY: 'sk_test_e2e_key',
    WORKOS_API_BASE_URL: mock.url,
    VITE_WORKOS_API_BASE_URL: mock.url,
    WORKOS_WIDGETS_DEV_USER_ID: userId,
    WORKOS_WIDGETS_DEV_ORGANIZATION_ID: organizationId,
    ...extraEnv,
  };
  delete env.NODE_ENV;
  if (nodeEnv) env.NODE_ENV = nodeEnv;
  for (const [k, v] of Object.entries(extraEnv)) if (v === undefined) delete env[k];

  const timings = {};
  if (build) {
    const tb = Date.now();
    const buildEnv = { ...env };
    delete buildEnv.NODE_ENV; // let vite build pick production
    const out = spawnSync('npm', ['run', 'build'], { cwd: appDir, env: buildEnv, encoding: 'utf8' });
    timings.buildMs = Date.now() - tb;
    if (out.status !== 0) {
      await mock.close();
      return { ok: false, failures: [`npm run build failed:\n${out.stdout}\n${out.stderr}`], page: null, mockRequests: [], minted: [], timings, viteLog: '' };
    }
  }
  const args =
    mode === 'preview'
      ? [viteBin, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort']
      : [viteBin, '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  const t0 = Date.now();
  const child = spawn(process.execPath, args, { cwd: appDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let viteLog = '';
  child.stdout.on('data', (d) => (viteLog += d));
  child.stderr.on('data', (d) => (viteLog += d));
  const url = `http://127.0.0.1:${port}/`;
  const failures = [];
  let page = null;
  try {
    await waitForHttp(url, 30000, child);
    timings.serverReadyMs = Date.now() - t0;
    page = await checkPage({ url, expectText, screenshotPath, timeoutMs });
    timings.renderMs = page.renderMs;

    if (page.waitError) failures.push(`"${expectText}" not visible: ${page.waitError}`);
    if (page.blockedRequests.length) failures.push(`page tried to reach non-local hosts: ${[...new Set(page.blockedRequests)].join(' | ')}`);
    if (page.pageErrors.length) failures.push(`page errors: ${page.pageErrors.map((e) => e.split('\n')[0]).join(' | ')}`);

    const tokenReqs = mock.tokenRequests();
    if (!tokenReqs.length) failures.push('mock saw no POST /widgets/token');
    for (const r of tokenReqs) {
      if (r.headers.authorization !== 'Bearer sk_test_e2e_key') failures.push(`token request with wrong Authorization: ${r.headers.authorization}`);
      if (!/^workos-node\//.test(r.headers['user-agent'] || '')) failures.push(`token request not from the SDK (user-agent ${r.headers['user-agent']})`);
      const scopes = r.body?.scopes;
      if (JSON.stringify(scopes) !== JSON.stringify(expectedScopes)) failures.push(`token scopes ${JSON.stringify(scopes)} != ${JSON.stringify(expectedScopes)}`);
      if (r.body?.user_id !== userId || r.body?.organization_id !== organizationId) failures.push(`token for ${r.body?.user_id}/${r.body?.organization_id}`);
      if (r.status !== 200) failures.push(`token request answered ${r.status}`);
    }
    const widgetReqs = mock.widgetRequests();
    if (!widgetReqs.length) failures.push('mock saw no /_widgets/* request');
    // @workos-inc/widgets 1.18 with the function form of authToken fires its
    // first queries before the token has arrived (no Authorization header);
    // they fail and are retried with the token. Tolerate those, but only
    // before that widget's first authenticated request.
    const firstAuthed = new Map();
    for (const r of widgetReqs) {
      const type = r.headers['workos-widgets-type'];
      if (r.widgetAuth?.hadBearer && !r.widgetAuth.tokenMintedHere) failures.push(`${r.method} ${r.path} with a token this mock did not mint`);
      if (r.widgetAuth?.tokenMintedHere && !firstAuthed.has(type)) firstAuthed.set(type, r);
      if (!r.widgetAuth?.hadBearer && firstAuthed.has(type)) failures.push(`${r.method} ${r.path} without a token after the token was in use`);
      if (r.status === 200 && !r.widgetAuth?.tokenMintedHere) failures.push(`${r.method} ${r.path} answered 200 without a minted token`);
    }
    timings.unauthenticatedWidgetRequestsBeforeToken = widgetReqs.filter((r) => !r.widgetAuth?.hadBearer).length;
    for (const p of expectWidgetPaths) {
      if (!widgetReqs.some((r) => r.path === p && r.status === 200 && r.widgetAuth?.tokenMintedHere)) failures.push(`no authenticated 200 for ${p}`);
    }
    for (const r of mock.unhandled()) failures.push(`mock has no handler for ${r.method} ${r.path}`);
  } catch (err) {
    failures.push(String(err?.stack || err));
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await mock.close();
  }
  const t0req = mock.requests.length ? Date.parse(mock.requests[0].time) : 0;
  const mockRequests = mock.requests.map((r) => ({
    t: Date.parse(r.time) - t0req,
    method: r.method,
    path: r.path,
    query: r.query,
    status: r.status,
    auth: r.path === '/widgets/token' ? r.headers.authorization : r.widgetAuth,
    body: r.body || undefined,
    widgetHeaders:
      r.path.startsWith('/_widgets/') && r.method !== 'OPTIONS'
        ? { version: r.headers['workos-widgets-version'], type: r.headers['workos-widgets-type'] }
        : undefined,
  }));
  const minted = [...mock.mintedTokens.keys()].map((t) => decodeJwtPayload(t));
  return { ok: failures.length === 0, failures, page, mockRequests, minted, timings, viteLog };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const [, v] = argv.splice(i, 2);
    return v;
  };
  const flag = (name) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return false;
    argv.splice(i, 1);
    return true;
  };
  const screenshotPath = opt('screenshot');
  const scopes = opt('scopes');
  const nodeEnv = opt('node-env');
  const expectText = opt('expect');
  const expectError = opt('expect-error');
  const expectFail = flag('expect-fail') || Boolean(expectError);
  const [appDir, mode = 'dev'] = argv;
  const result = await checkViteApp({
    appDir,
    mode,
    screenshotPath,
    nodeEnv,
    ...(expectText ? { expectText } : {}),
    ...(scopes !== undefined ? { expectedScopes: scopes ? scopes.split(',') : [] } : {}),
    ...(expectFail ? { timeoutMs: 15000 } : {}),
  });
  const { page } = result;
  console.log(
    JSON.stringify(
      {
        ok: result.ok,
        failures: result.failures,
        timings: result.timings,
        pageErrors: page?.pageErrors,
        consoleErrors: page?.consoleErrors,
        failedRequests: page?.failedRequests,
        blockedRequests: page?.blockedRequests,
        mockRequests: result.mockRequests,
        minted: result.minted,
        text: page?.text?.slice(0, 1500),
      },
      null,
      2,
    ),
  );
  if (!result.ok && process.env.E2E_SHOW_VITE_LOG) console.error(result.viteLog);
  let passed = expectFail ? !result.ok : result.ok;
  if (expectError) {
    const all = [...(page?.pageErrors ?? []), ...(page?.consoleErrors ?? [])];
    const hit = all.find((e) => e.includes(expectError));
    console.log(hit ? `expected error seen: ${hit.split('\n').find((l) => l.includes(expectError)).trim()}` : `expected error "${expectError}" NOT seen`);
    passed = passed && Boolean(hit);
  }
  console.log(passed ? '1 passed, 0 failed' : '0 passed, 1 failed');
  process.exit(passed ? 0 : 1);
}
