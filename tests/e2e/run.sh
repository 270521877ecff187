#!/usr/bin/env bash
# CI stage: browser end-to-end test of `workos-widgets init` on real apps.
# Installs Chromium (only if /usr/bin/chromium is missing) and playwright-core,
# then runs `node --test tests/e2e/`. Needs the binary: target/release/workos-widgets
# (cargo build --release) or WORKOS_WIDGETS_BIN. Last line: "e2e stage: N s".
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
start=$EPOCHSECONDS
status=0

if [[ ! -x /usr/bin/chromium ]]; then
  sudo=$( ((EUID == 0)) || echo sudo)
  $sudo apt-get update && $sudo apt-get install -y chromium
fi
(cd "$here" && npm ci --no-audit --no-fund)
(cd "$repo" && timeout --kill-after=10 1200 node --test --test-reporter=spec tests/e2e/) || status=$?

echo "e2e stage: $((EPOCHSECONDS - start)) s"
exit "$status"
