// Real apps for the end-to-end test: the app kinds table, and the steps a user
// takes: create the app from the framework's own template, run the real
// `workos-widgets init`, render the generated components, start the dev server.
//
// Every child process runs in its own process group with a time limit, and is
// killed (whole group) on timeout, on stop(), or by killAll().

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOfflineFonts } from '../real-apps/offline-fonts.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// WORKOS_WIDGETS_BIN: the binary under test (relative to the current directory);
// default target/release/workos-widgets of this repo.
export const TOOL_BIN = process.env.WORKOS_WIDGETS_BIN
  ? resolve(process.env.WORKOS_WIDGETS_BIN)
  : join(REPO_ROOT, 'target/release/workos-widgets');
export const LOG_DIR = join(REPO_ROOT, 'target/e2e/logs');
export const WIDGETS = ['user-profile', 'users-management'];
/** Scopes the token route must request for WIDGETS, exactly. */
export const EXPECTED_SCOPES = ['widgets:users-table:manage'];
/** Widget API endpoints each widget must call (with a minted token) on first render. */
export const WIDGET_ENDPOINTS = {
  'user-profile': ['/_widgets/UserProfile/me'],
  'users-management': ['/_widgets/UserManagement/members', '/_widgets/UserManagement/roles-and-config'],
};

// ---- app kinds ----------------------------------------------------------
//
// id             name of the test, the screenshots and the app folder
// create(dir)    make a fresh app in `dir` (not installed: init installs)
// entryFile      where init puts the <WorkOsWidgets> root
// render(dir, components)  add init's components to the app as a user would
// pages(components)        paths to open in the browser
// devCommand(port)         [cmd, args] of the dev server on 127.0.0.1:port
// devEnv(workDir)          extra environment of the dev server (async, optional)
// publicBaseUrlVar         the browser-side API base URL variable (-> mock)
// tokenHandlerChecks       run check-token-handler.mjs (the route's error paths)
// limits                   ms: test (whole test), init (incl. npm install), ready (dev server answers), page (email visible)

const viteKind = (id, template, ext) => ({
  id,
  create: (dir) => copyViteTemplate(template, dir),
  entryFile: `src/main.${ext}`,
  render: (dir, components) => renderInApp(dir, `src/App.${ext}`, components),
  pages: () => ['/'],
  devCommand: (port) => ['npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1']],
  publicBaseUrlVar: 'VITE_WORKOS_API_BASE_URL',
  tokenHandlerChecks: true, // check-token-handler.mjs loads server/workos-widgets/token-handler.*
  limits: { test: 120_000, init: 90_000, ready: 30_000, page: 30_000 },
});

/** create-next-app@16 with `flags`; init generates a page per widget at /workos/<widget>. */
const nextKind = (id, flags, entryFile) => ({
  id,
  create: (dir) =>
    runOk('create-next-app', 'npx', ['-y', 'create-next-app@16', basename(dir), ...flags, '--no-tailwind', '--eslint=false', '--skip-install', '--use-npm', '--yes', '--disable-git'], {
      cwd: dirname(dir),
      timeoutMs: 120_000,
      logFile: join(LOG_DIR, `${id}.create.log`),
    }),
  entryFile,
  render: () => {},
  pages: (components) => components.map((c) => `/workos/${c.widget}`),
  devCommand: (port) => ['npx', ['next', 'dev', '--port', String(port), '--hostname', '127.0.0.1']],
  devEnv: nextDevEnv,
  publicBaseUrlVar: 'NEXT_PUBLIC_WORKOS_API_BASE_URL', // inlined when a page compiles: set before the server starts
  tokenHandlerChecks: false, // the handler is workos/server/token-handler.*, served by Next's route
  limits: { test: 240_000, init: 120_000, ready: 60_000, page: 45_000 }, // each page compiles on its first request
});

/**
 * React Router 7 / Remix 2, from the hand-built templates in
 * tests/real-apps/templates/ (their generators fetch templates from GitHub,
 * unreachable here). init generates a route per widget at /workos/<widget>.
 */
const templateKind = (id, template, entryFile, dev) => ({
  id,
  create: (dir) => cpSync(join(REPO_ROOT, 'tests/real-apps/templates', template), dir, { recursive: true }),
  entryFile,
  render: () => {},
  pages: (components) => components.map((c) => `/workos/${c.widget}`),
  devCommand: (port) => ['npx', [...dev, '--port', String(port), '--strictPort', '--host', '127.0.0.1']],
  publicBaseUrlVar: 'VITE_WORKOS_API_BASE_URL',
  tokenHandlerChecks: false,
  // The templates link Google Fonts: the browser blocks it (no internet here), which is not the widgets' doing.
  blockedOk: /^GET https:\/\/fonts\.(googleapis|gstatic)\.com\//,
  warmUp: true, // see loadApp
  limits: { test: 300_000, init: 180_000, ready: 60_000, page: 45_000 },
});

/** TanStack Start from its generator on the registry (`@tanstack/cli create`, no install: init installs). */
const tanstackStartKind = (id) => ({
  id,
  create: (dir) =>
    runOk('@tanstack/cli create', 'npx', ['-y', '@tanstack/cli@0.71.0', 'create', basename(dir), '--framework', 'React', '--toolchain', 'eslint', '--no-examples', '--non-interactive', '--no-git', '--no-intent', '--no-install', '--package-manager', 'npm'], {
      cwd: dirname(dir),
      timeoutMs: 120_000,
      logFile: join(LOG_DIR, `${id}.create.log`),
    }),
  entryFile: 'src/routes/__root.tsx',
  render: () => {},
  pages: (components) => components.map((c) => `/workos/${c.widget}`),
  devCommand: (port) => ['npx', ['vite', 'dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1']],
  publicBaseUrlVar: 'VITE_WORKOS_API_BASE_URL',
  tokenHandlerChecks: false,
  warmUp: true, // see loadApp
  limits: { test: 300_000, init: 180_000, ready: 60_000, page: 45_000 },
});

export const APP_KINDS = [
  viteKind('vite-ts', 'template-react-ts', 'tsx'),
  viteKind('vite-js', 'template-react', 'jsx'),
  nextKind('next-app-ts', ['--ts', '--app'], 'app/layout.tsx'),
  nextKind('next-pages-ts', ['--ts', '--no-app'], 'pages/_app.tsx'),
  nextKind('next-app-js-src', ['--js', '--app', '--src-dir'], 'src/app/layout.js'),
  templateKind('rr7-ts', 'react-router7-ts', 'app/root.tsx', ['react-router', 'dev']),
  templateKind('remix2-ts', 'remix2-ts', 'app/root.tsx', ['remix', 'vite:dev']),
  tanstackStartKind('tanstack-start-ts'),
];

let offlineFonts;
/**
 * The templates' next/font/google fonts, served on 127.0.0.1 (no internet here):
 * one server per process, see tests/real-apps/offline-fonts.mjs.
 */
async function nextDevEnv(workDir) {
  offlineFonts ??= startOfflineFonts(join(workDir, 'google-fonts.cjs')).then((fonts) => {
    fonts.server.unref();
    return fonts;
  });
  const { mockFile } = await offlineFonts;
  return { NEXT_FONT_GOOGLE_MOCKED_RESPONSES: mockFile, NEXT_TELEMETRY_DISABLED: '1' };
}

// ---- processes ------------------------------------------------------------

const live = new Set();

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

export function killAll() {
  for (const child of live) killGroup(child);
}
process.on('exit', killAll);

/** Spawn in a new process group; resolves when it ends, is killed after timeoutMs. */
export function run(cmd, args, { cwd, env = process.env, timeoutMs = 60_000, logFile } = {}) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    const finish = (code, error) => {
      clearTimeout(timer);
      live.delete(child);
      const ms = Date.now() - started;
      if (logFile) {
        mkdirSync(dirname(logFile), { recursive: true });
        writeFileSync(logFile, `$ ${cmd} ${args.join(' ')}  (cwd ${cwd ?? '.'}, exit ${code}, ${ms} ms${timedOut ? ', TIMED OUT' : ''})\n--- stdout\n${stdout}\n--- stderr\n${stderr}${error ? `\n${error}` : ''}\n`);
      }
      done({ code, stdout, stderr, ms, timedOut, error });
    };
    child.on('error', (err) => finish(null, String(err)));
    child.on('close', (code) => finish(code));
  });
}

async function runOk(what, cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    throw new Error(`${what} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}), log: ${opts.logFile}\n${r.stderr.slice(-2000)}`);
  }
  return r;
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Start the kind's dev server; resolves once it answers HTTP. */
export async function startDevServer(kind, appDir, env, { timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const [cmd, args] = kind.devCommand(port);
  const child = spawn(cmd, args, { cwd: appDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((ok) => child.once('exit', ok));
  const stop = async () => {
    killGroup(child);
    live.delete(child);
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`dev server exited early (code ${child.exitCode}):\n${log}`);
    }
    const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status && status < 500) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`dev server not ready on ${url} after ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  return { url, stop, log: () => log };
}

// ---- create, init, render ---------------------------------------------------

let createVite;
/** `npm pack create-vite` once per process (latest from the registry). */
function fetchCreateVite(workDir) {
  createVite ??= (async () => {
    const dir = join(workDir, 'create-vite');
    mkdirSync(dir, { recursive: true });
    const log = join(LOG_DIR, 'npm-pack-create-vite.log');
    await runOk('npm pack create-vite', 'npm', ['pack', 'create-vite', '--pack-destination', dir], { cwd: dir, timeoutMs: 60_000, logFile: log });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    await runOk('tar', 'tar', ['xzf', tgz], { cwd: dir, logFile: log + '.tar' });
    return join(dir, 'package');
  })();
  return createVite;
}

async function copyViteTemplate(template, appDir) {
  const pkg = await fetchCreateVite(dirname(appDir));
  cpSync(join(pkg, template), appDir, { recursive: true });
  renameSync(join(appDir, '_gitignore'), join(appDir, '.gitignore')); // as create-vite does
}

/** Import the generated components in App and render them first, as a user would. */
export function renderInApp(appDir, appRel, components) {
  const appFile = join(appDir, appRel);
  let src = readFileSync(appFile, 'utf8');
  const from = (c) => `./${relative(dirname(appFile), join(appDir, c.import_path))}`; // init's import_path is app-relative
  const imports = components.map((c) => `import { ${c.component_name} } from '${from(c)}'`).join('\n');
  const jsx = `<section id="workos-widgets">\n${components.map((c) => `        <${c.component_name} />`).join('\n')}\n      </section>`;
  const lastImport = [...src.matchAll(/^import .*$/gm)].at(-1);
  if (!lastImport || !/return \(\s*<>/.test(src)) throw new Error(`${appFile}: no import or \`return (<>\` to anchor the widgets`);
  const at = lastImport.index + lastImport[0].length;
  src = `${src.slice(0, at)}\n${imports}${src.slice(at)}`.replace(/return \(\s*<>/, (m) => `${m}\n      ${jsx}`);
  writeFileSync(appFile, src);
}

/**
 * Create the app, run the real `init --widgets ... --yes --json` (it installs the
 * packages), then render the generated components.
 * @returns {Promise<{appDir: string, init: object, components: object[], timings: object}>}
 */
export async function setupApp(kind, workDir) {
  if (!existsSync(TOOL_BIN)) throw new Error(`no workos-widgets binary at ${TOOL_BIN} (cargo build --release, or set WORKOS_WIDGETS_BIN)`);
  const appDir = join(workDir, kind.id);
  const timings = {};
  let t = Date.now();
  await kind.create(appDir);
  timings.createMs = Date.now() - t;

  const r = await runOk('workos-widgets init', TOOL_BIN, ['init', appDir, '--widgets', WIDGETS.join(','), '--yes', '--json'], {
    timeoutMs: kind.limits.init,
    logFile: join(LOG_DIR, `${kind.id}.init.log`),
  });
  timings.initMs = r.ms;
  const init = JSON.parse(r.stdout);
  if (!init.applied || !(init.changes > 0)) throw new Error(`init applied nothing: ${r.stdout.slice(0, 500)}`);
  const components = WIDGETS.map((w) => init.components?.find((c) => c.widget === w));
  if (components.some((c) => !c)) throw new Error(`init did not report a component for each of ${WIDGETS}: ${JSON.stringify(init.components)}`);

  kind.render(appDir, components);
  return { appDir, init, components, timings };
}
