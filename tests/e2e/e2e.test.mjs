// End-to-end: for each app kind, create a real app, run the real
// `workos-widgets init`, render the generated widgets, and load them in headless
// Chromium against the mock WorkOS API. Then a negative control proving that
// the same check fails on a broken setup.
//
//   node --test tests/e2e/        (after `npm ci` in tests/e2e; see README.md)
//
// Outputs: target/e2e/<name>.png and <name>.json, logs in target/e2e/logs/.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { APP_KINDS, TOOL_BIN, killAll, run as runTool, setupApp } from './apps.mjs';
import { SHOT_DIR, appFailures, loadApp, summary } from './check-app.mjs';
import { checkTokenHandler } from './check-token-handler.mjs';
import { moveRootIntoLazyWrapper } from './lazy-root.mjs';
import { TEST_USER } from './mock-workos-api.mjs';

const WIDGETS_CONTEXT_ERROR = 'useElement must be used within a WidgetsContext provider';
const workDir = mkdtempSync(join(tmpdir(), 'workos-widgets-e2e-'));
let failed = false;

const setups = new Map();
/** One app per kind, shared by the tests that use it (they run in order). */
const prepare = (kind) => {
  if (!setups.has(kind.id)) setups.set(kind.id, setupApp(kind, workDir));
  return setups.get(kind.id);
};

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function record(name, run, failures) {
  writeFileSync(join(SHOT_DIR, `${name}.json`), JSON.stringify(summary(run, failures), null, 2));
}

async function guarded(t, fn) {
  t.signal.addEventListener('abort', killAll); // on timeout: no dev server or browser outlives the test
  try {
    await fn();
  } catch (err) {
    failed = true;
    throw err;
  }
}

for (const kind of APP_KINDS) {
  test(`${kind.id}: init sets up the app, and its widgets load in Chromium with a token from the app's route`, { timeout: kind.limits.test }, (t) =>
    guarded(t, async () => {
      const app = await prepare(kind);
      t.diagnostic(`${kind.id}: create ${seconds(app.timings.createMs)}, init incl. npm install ${seconds(app.timings.initMs)} (${app.init.changes} changes)`);

      if (kind.tokenHandlerChecks) {
        const handler = await checkTokenHandler({ appDir: app.appDir });
        assert.deepEqual(handler.failures, [], 'token route error paths');
        t.diagnostic(`${kind.id}: token route answered ${handler.results.map((r) => r.status).join('/')} in its ${handler.results.length} cases`);
      }

      const run = await loadApp({ kind, appDir: app.appDir, components: app.components, tokenEndpoint: app.init.token_endpoint });
      const failures = appFailures(run);
      record(kind.id, run, failures);
      t.diagnostic(`${kind.id}: dev server ready ${seconds(run.timings.serverReadyMs)}, email visible after ${run.pages.map((p) => `${p.renderMs === null ? 'never' : seconds(p.renderMs)} (${p.path})`).join(', ')}; GET ${run.tokenEndpoint} ${run.tokenRouteGet}`);
      t.diagnostic(`${kind.id}: screenshots ${run.pages.map((p) => p.screenshot).join(', ')}`);
      assert.deepEqual(failures, [], `${kind.id}: see target/e2e/${kind.id}.json`);
    }),
  );
}

test('negative control, proves the check is real: vite-ts with seed 000 providers (no WorkOsWidgets) fails it with the WidgetsContext error', { timeout: 120_000 }, (t) =>
  guarded(t, async () => {
    const kind = APP_KINDS.find((k) => k.id === 'vite-ts');
    const app = await prepare(kind);
    const entry = join(app.appDir, kind.entryFile);
    const generated = readFileSync(entry, 'utf8');
    assert.match(generated, /<WorkOsWidgets\b/, 'init wrapped the app in <WorkOsWidgets>');
    copyFileSync(new URL('./fixtures/main.seed000.tsx', import.meta.url), entry);
    try {
      const run = await loadApp({ kind, appDir: app.appDir, components: app.components, tokenEndpoint: app.init.token_endpoint, shotName: 'vite-ts-seed000', timeoutMs: 15_000 });
      const failures = appFailures(run);
      record('vite-ts-seed000', run, failures);
      const [page] = run.pages;
      assert.ok(failures.length > 0, 'the check must fail without <WorkOsWidgets>');
      assert.ok(
        failures.some((f) => f.includes(WIDGETS_CONTEXT_ERROR)),
        `the failures name the WidgetsContext error:\n${failures.join('\n')}`,
      );
      assert.ok(page.consoleErrors.some((e) => e.includes(WIDGETS_CONTEXT_ERROR)), 'the error is in the console');
      assert.ok(page.waitError, 'the email must not become visible');
      assert.ok(!page.text.includes(TEST_USER.email), 'the email is not on the page');
      t.diagnostic(`negative control failed the check as expected: ${failures.length} failures, screenshot ${page.screenshot}`);
    } finally {
      writeFileSync(entry, generated);
    }
  }),
);

test('rr7-ts with its root in a lazily loaded wrapper in the route modules: verify reports 0 errors and the widgets render', { timeout: 300_000 }, (t) =>
  guarded(t, async () => {
    const kind = APP_KINDS.find((k) => k.id === 'rr7-ts');
    const app = await prepare(kind);
    const restore = moveRootIntoLazyWrapper(app.appDir);
    try {
      const verify = await runTool(TOOL_BIN, ['verify', app.appDir, '--format', 'json'], { timeoutMs: 60_000 });
      const report = JSON.parse(verify.stdout);
      const errors = report.findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => `${f.code} ${f.file}:${f.line} ${f.message}`), [], 'verify follows the lazily loaded root');
      t.diagnostic(`rr7-ts-lazy-root: verify ${report.summary.errors} errors, ${report.summary.warnings} warnings`);
      const run = await loadApp({ kind, appDir: app.appDir, components: app.components, tokenEndpoint: app.init.token_endpoint, shotName: 'rr7-ts-lazy-root' });
      const failures = appFailures(run);
      record('rr7-ts-lazy-root', run, failures);
      t.diagnostic(`rr7-ts-lazy-root: email visible after ${run.pages.map((p) => `${p.renderMs === null ? 'never' : seconds(p.renderMs)} (${p.path})`).join(', ')}`);
      assert.deepEqual(failures, [], 'rr7-ts-lazy-root: see target/e2e/rr7-ts-lazy-root.json');
    } finally {
      restore();
    }
  }),
);

after(() => {
  killAll();
  if (failed) console.log(`# apps kept for inspection in ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
});
