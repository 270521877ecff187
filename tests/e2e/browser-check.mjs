// Open a page in headless Debian Chromium (driven by playwright-core), collect
// page errors and console errors, wait for a text to be visible, screenshot.
//
//   import { checkPage } from './browser-check.mjs'
//   const r = await checkPage({ url, expectText: 'ada.lovelace@example.test',
//                               screenshotPath: '/tmp/shot.png', timeoutMs: 30000 })
//   // r = { ok, pageErrors, consoleErrors, text, ... }
//
// CLI: node browser-check.mjs URL EXPECT_TEXT [SCREENSHOT_PATH] [TIMEOUT_MS]
//
// Chromium: `apt-get install -y chromium` (playwright's own browser download
// does not work offline). Override the binary with CHROMIUM_PATH.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {object} opts
 * @param {string} opts.url
 * @param {string} opts.expectText  text that must become visible
 * @param {string} [opts.screenshotPath]  full-page PNG written in every case
 * @param {number} [opts.timeoutMs=30000]
 * @param {number} [opts.settleMs=500]  extra wait after the text appears, to catch late errors
 * @param {boolean} [opts.allowNonLocal=false]  by default requests to hosts other than
 *   127.0.0.0/8 / localhost are aborted and listed in blockedRequests
 * @returns {Promise<{ok: boolean, pageErrors: string[], consoleErrors: string[], text: string,
 *   failedRequests: string[], blockedRequests: string[], waitError: string|null, renderMs: number|null}>}
 */
export async function checkPage({
  url,
  expectText,
  screenshotPath,
  timeoutMs = 30000,
  settleMs = 500,
  allowNonLocal = false,
}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'workos-e2e-chromium-'));
  const pageErrors = [];
  const consoleErrors = [];
  const failedRequests = [];
  const blockedRequests = [];
  let context;
  let text = '';
  let waitError = null;
  let renderMs = null;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      timeout: timeoutMs,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    if (!allowNonLocal) {
      // Never let the page reach a real service (e.g. api.workos.com).
      await context.route('**/*', (route) => {
        const { protocol, hostname } = new URL(route.request().url());
        const local =
          !/^(https?|wss?):$/.test(protocol) ||
          hostname === 'localhost' ||
          hostname === '[::1]' ||
          /^127\./.test(hostname);
        if (local) return route.continue();
        blockedRequests.push(`${route.request().method()} ${route.request().url()}`);
        return route.abort('blockedbyclient');
      });
    }
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => pageErrors.push(err?.stack || String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('requestfailed', (req) =>
      failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'failed'}`),
    );
    page.on('response', (res) => {
      if (res.status() >= 400) failedRequests.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
    });

    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    try {
      await page.getByText(expectText, { exact: false }).first().waitFor({
        state: 'visible',
        timeout: Math.max(1000, timeoutMs - (Date.now() - started)),
      });
      renderMs = Date.now() - started;
      if (settleMs > 0) await page.waitForTimeout(settleMs);
    } catch (err) {
      waitError = err?.message?.split('\n')[0] || String(err);
    }
    text = await page
      .evaluate(() => document.body?.innerText ?? '')
      .catch(() => '');
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true, timeout: 10000 }).catch(() => {});
  } finally {
    await context?.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  }
  const ok = waitError === null && pageErrors.length === 0;
  return { ok, pageErrors, consoleErrors, text, failedRequests, blockedRequests, waitError, renderMs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [url, expectText, screenshotPath, timeoutMs] = process.argv.slice(2);
  if (!url || !expectText) {
    console.error('usage: node browser-check.mjs URL EXPECT_TEXT [SCREENSHOT_PATH] [TIMEOUT_MS]');
    process.exit(2);
  }
  const result = await checkPage({
    url,
    expectText,
    screenshotPath,
    timeoutMs: timeoutMs ? Number(timeoutMs) : undefined,
  });
  console.log(JSON.stringify({ ...result, text: result.text.slice(0, 2000) }, null, 2));
  process.exit(result.ok ? 0 : 1);
}
