#!/usr/bin/env bash
# The whole test suite: lint, Rust tests (unit, snapshot, CLI), real starter
# apps fetched from npm (install + build + idempotency), the npm packages
# (packed from the debug binary, installed offline), and the browser
# end-to-end tests in headless Chromium against a mock WorkOS API.
# Installs what it needs (Chromium from Debian, playwright-core from npm).
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

stage "cargo fmt --check"
cargo fmt --all -- --check
stage "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
stage "cargo test"
cargo test --workspace

# The CLI tests above built the binary; the app tests drive that same build.
export WORKOS_WIDGETS_BIN="$PWD/target/debug/workos-widgets"
for suite in tests/real-apps/*.sh; do
  stage "real apps: $suite"
  bash "$suite"
done
stage "npm packages (tests/npm/run.sh, packing the debug binary)"
bash tests/npm/run.sh
stage "browser end-to-end"
bash tests/e2e/run.sh

printf '\nall stages passed in %ss\n' "$((SECONDS - started))"
