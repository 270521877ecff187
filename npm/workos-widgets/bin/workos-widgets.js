#!/usr/bin/env node
// Launcher of the `workos-widgets` npm package: finds the native binary in
// the platform package npm installed (one of the optionalDependencies,
// picked by their `os`/`cpu`/`libc` fields) and runs it with the same
// arguments, stdio, exit code and signals. No dependencies, no download.
//
//   WORKOS_WIDGETS_BINARY=/path/to/workos-widgets   run that binary instead
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const SCOPE = "@workos-widgets";
const EXE = process.platform === "win32" ? "workos-widgets.exe" : "workos-widgets";

// process.platform-process.arch[-abi] -> platform package (without scope).
// Keep in step with npm/platforms/ and .github/workflows/release.yml.
const PACKAGES = {
  "linux-x64-gnu": "cli-linux-x64-gnu",
  "linux-arm64-gnu": "cli-linux-arm64-gnu",
  "linux-x64-musl": "cli-linux-x64-musl",
  "linux-arm64-musl": "cli-linux-arm64-musl",
  "darwin-x64": "cli-darwin-x64",
  "darwin-arm64": "cli-darwin-arm64",
  "win32-x64": "cli-win32-x64-msvc",
};

/** "gnu" or "musl" on Linux; null elsewhere. */
function linuxLibc() {
  // Node's diagnostic report names the glibc it runs on; a Node built
  // against musl has no glibcVersionRuntime.
  try {
    if (process.report && typeof process.report.getReport === "function") {
      if ("excludeNetwork" in process.report) process.report.excludeNetwork = true;
      const header = process.report.getReport().header || {};
      return header.glibcVersionRuntime ? "gnu" : "musl";
    }
  } catch (_) {
    // fall through
  }
  try {
    return /musl/i.test(fs.readFileSync("/usr/bin/ldd", "utf8")) ? "musl" : "gnu";
  } catch (_) {
    return fs.existsSync("/etc/alpine-release") ? "musl" : "gnu";
  }
}

/** The platform this process runs on, as the key of PACKAGES. */
function platformKey() {
  // Test-only: lets tests/npm/run.sh pose as a platform without a package.
  const fake = process.env.WORKOS_WIDGETS_TEST_ONLY_PLATFORM;
  if (fake) return fake;
  const base = `${process.platform}-${process.arch}`;
  return process.platform === "linux" ? `${base}-${linuxLibc()}` : base;
}

/** Path of the binary in an installed platform package, or null. */
function installedBinary(pkg) {
  let manifest;
  try {
    manifest = require.resolve(`${SCOPE}/${pkg}/package.json`);
  } catch (_) {
    return null;
  }
  const bin = path.join(path.dirname(manifest), "bin", EXE);
  return fs.existsSync(bin) ? bin : null;
}

function version() {
  try {
    return require("../package.json").version;
  } catch (_) {
    return "";
  }
}

function fail(lines) {
  process.stderr.write(lines.map((l) => `workos-widgets: ${l}\n`).join(""));
  process.exit(2);
}

function findBinary() {
  const override = process.env.WORKOS_WIDGETS_BINARY;
  if (override) {
    if (!fs.existsSync(override)) {
      fail([`WORKOS_WIDGETS_BINARY points to ${override}, which does not exist.`]);
    }
    return override;
  }
  const key = platformKey();
  const pkg = PACKAGES[key];
  // A musl binary is static, so it also runs on glibc: use it when only
  // that one is installed.
  const candidates = pkg ? [pkg] : [];
  if (key.endsWith("-gnu") && PACKAGES[key.replace(/-gnu$/, "-musl")]) {
    candidates.push(PACKAGES[key.replace(/-gnu$/, "-musl")]);
  }
  for (const candidate of candidates) {
    const bin = installedBinary(candidate);
    if (bin) return bin;
  }
  const v = version();
  const supported = Object.keys(PACKAGES).join(", ");
  fail(
    pkg
      ? [
          `no binary for this platform (${key}): the package ${SCOPE}/${pkg} is not installed.`,
          `It is an optional dependency of workos-widgets${v ? ` ${v}` : ""}; it is skipped when installing with`,
          "--no-optional/--omit=optional, or when node_modules was copied from another platform.",
          `Fix: reinstall without those flags (npm install), or add it yourself: npm install -D ${SCOPE}/${pkg}@${v || "latest"}`,
          "Or install the binary with Rust and point WORKOS_WIDGETS_BINARY at it:",
          "  cargo install workos-widgets",
          "  cargo install --git https://github.com/workos-widgets/workos-widgets workos-widgets",
        ]
      : [
          `no prebuilt binary for this platform (${key}); prebuilt: ${supported}.`,
          "Install it with Rust (https://rustup.rs), then run `workos-widgets` from ~/.cargo/bin",
          "or set WORKOS_WIDGETS_BINARY to its path:",
          "  cargo install workos-widgets",
          "  cargo install --git https://github.com/workos-widgets/workos-widgets workos-widgets",
        ],
  );
}

function run() {
  const bin = findBinary();
  // The handlers go in before the spawn: the child runs (and may be seen to
  // be ready) before spawn() returns, and a signal that reached this
  // process without a handler would kill it and orphan the child. Handlers
  // run from the event loop, after `child` is set.
  let child = null;
  const forwarded = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handlers = {};
  for (const signal of forwarded) {
    handlers[signal] = () => {
      // A terminal's Ctrl-C reaches the whole process group, the child
      // included; forwarding covers a signal sent to this process alone.
      try {
        child.kill(signal);
      } catch (_) {
        // the child is gone already
      }
    };
    process.on(signal, handlers[signal]);
  }
  child = spawn(bin, process.argv.slice(2), { stdio: "inherit", windowsHide: false });
  child.on("error", (error) => {
    fail([`cannot run ${bin}: ${error.message}`]);
  });
  child.on("exit", (code, signal) => {
    for (const s of forwarded) process.removeListener(s, handlers[s]);
    if (signal) {
      // Die of the same signal, so the caller sees what the child saw.
      process.kill(process.pid, signal);
      // Signals that cannot be re-raised on this platform: 128 + number.
      const number = require("os").constants.signals[signal] || 1;
      process.exit(128 + number);
    }
    process.exit(code === null ? 1 : code);
  });
}

if (require.main === module) {
  run();
} else {
  // For scripts/npm-pack.sh and the tests: which package fits this host.
  module.exports = { PACKAGES, SCOPE, EXE, platformKey };
}
