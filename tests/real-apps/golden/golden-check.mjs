// Golden check: node tests/real-apps/golden/golden-check.mjs APP_DIR rr7|remix|tss SHOT.png
// (needs tests/e2e/node_modules: cd tests/e2e && npm ci). Starts the mock WorkOS API and the
// app's dev server, opens /workos/user-profile in headless Chromium, GETs/POSTs the token route.
import { startDevServer } from '../../e2e/apps.mjs';
import { checkPage } from '../../e2e/browser-check.mjs';
import { startMockWorkos, TEST_USER } from '../../e2e/mock-workos-api.mjs';
const [appDir, fw, shot] = process.argv.slice(2);
const cmds = {
  rr7: (p) => ['npx', ['react-router', 'dev', '--port', String(p), '--strictPort', '--host', '127.0.0.1']],
  remix: (p) => ['npx', ['remix', 'vite:dev', '--port', String(p), '--strictPort', '--host', '127.0.0.1']],
  tss: (p) => ['npx', ['vite', 'dev', '--port', String(p), '--strictPort', '--host', '127.0.0.1']],
};
const mock = await startMockWorkos();
const env = { ...process.env, WORKOS_API_KEY: 'sk_test_e2e_not_a_real_key', WORKOS_API_BASE_URL: mock.url, VITE_WORKOS_API_BASE_URL: mock.url,
  WORKOS_WIDGETS_DEV_USER_ID: 'user_e2e_ada', WORKOS_WIDGETS_DEV_ORGANIZATION_ID: 'org_e2e_test' };
delete env.NODE_ENV;
const server = await startDevServer({ devCommand: cmds[fw] }, appDir, env, { timeoutMs: 60000 });
let out = {};
try {
  const ssr = await fetch(server.url + '/workos/user-profile').then(async (r) => ({ status: r.status, html: await r.text() }));
  out.ssrStatus = ssr.status;
  out.ssrHasWorkosStyles = /radix-themes|workos/i.test(ssr.html);
  out.ssrHtmlHead = ssr.html.slice(0, 1500);
  const page = await checkPage({ url: server.url + '/workos/user-profile', expectText: TEST_USER.email, screenshotPath: shot, timeoutMs: 45000, settleMs: 1500 });
  out.page = { ok: page.ok, waitError: page.waitError, pageErrors: page.pageErrors, consoleErrors: page.consoleErrors, blocked: page.blockedRequests, failed: page.failedRequests, renderMs: page.renderMs };
  out.get = await fetch(server.url + '/api/workos/widgets-token').then((r) => r.status);
  out.post = await fetch(server.url + '/api/workos/widgets-token', { method: 'POST' }).then(async (r) => [r.status, (await r.text()).slice(0, 60)]);
  out.mock = mock.requests.filter((r) => r.method !== 'OPTIONS').map((r) => `${r.method} ${r.path} ${r.status}`);
} finally {
  out.serverLog = server.log().slice(-3000);
  await server.stop(); await mock.close();
}
console.log(JSON.stringify(out, null, 2));
process.exit(0);
