#!/usr/bin/env bash
# Real-app test of `workos-widgets init` on create-vite's React templates,
# fetched from npm at test time: init exits 0, `npm run build` passes,
# `verify` reports no error, and a second init changes nothing.
#
#   tests/real-apps/vite.sh
#
# WORKOS_WIDGETS_BIN: the binary under test (default target/release/workos-widgets
# of this repo). Logs: target/real-apps/<kind>.*.log. Last line: "N passed, N failed".
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath -m "${WORKOS_WIDGETS_BIN:-$repo/target/release/workos-widgets}")
logs=$repo/target/real-apps
widgets=user-profile,users-management
kinds=(vite-ts:template-react-ts vite-js:template-react) # kind:create-vite template

[[ -x $bin ]] || { echo "no workos-widgets binary at $bin (cargo build --release, or set WORKOS_WIDGETS_BIN)" >&2; exit 2; }
rm -rf "$logs" && mkdir -p "$logs"
work=$(mktemp -d "${TMPDIR:-/tmp}/workos-widgets-real-apps.XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$work" && timeout 120 npm pack create-vite && tar xzf create-vite-*.tgz) >"$logs/npm-pack.log" 2>&1 \
  || { echo "npm pack create-vite failed, see $logs/npm-pack.log" >&2; exit 2; }
echo "create-vite $(node -p 'require(process.argv[1]).version' "$work/package/package.json"), binary $bin"

now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
fail() { echo "  FAIL $kind: $1 (log: $2)" >&2; tail -n 20 "$2" | sed 's/^/    | /' >&2; }

# One app kind; returns non-zero on the first failed step. Every step is
# checked explicitly (set -e does not apply inside an `if` condition).
check_app() {
  local kind=$1 template=$2 app=$work/$1 log=$logs/$1 t changes errors
  cp -r "$work/package/$template" "$app" && mv "$app/_gitignore" "$app/.gitignore"

  t=$(now)
  timeout 180 "$bin" init "$app" --widgets "$widgets" --yes >"$log.init.log" 2>&1 \
    || { fail "init exited $?" "$log.init.log"; return 1; }
  echo "  $kind: init (incl. npm install) $(since "$t")"

  t=$(now)
  (cd "$app" && timeout 180 npm run build) >"$log.build.log" 2>&1 \
    || { fail "npm run build exited $?" "$log.build.log"; return 1; }
  echo "  $kind: npm run build $(since "$t")"

  timeout 120 "$bin" init "$app" --widgets "$widgets" --yes --json >"$log.reinit.json" 2>"$log.reinit.log" \
    || { fail "second init exited $?" "$log.reinit.log"; return 1; }
  changes=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).changes)' "$log.reinit.json") \
    || { fail "second init printed no JSON" "$log.reinit.json"; return 1; }
  [[ $changes == 0 ]] || { fail "second init reported \"changes\": $changes (want 0)" "$log.reinit.json"; return 1; }
  echo "  $kind: second init: 0 changes"

  "$bin" verify "$app" --format json >"$log.verify.json" 2>"$log.verify.log"
  errors=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).summary.errors)' "$log.verify.json") \
    || { fail "verify printed no JSON" "$log.verify.log"; return 1; }
  [[ $errors == 0 ]] || { fail "verify found $errors error(s)" "$log.verify.json"; return 1; }
  echo "  $kind: verify: 0 errors"
}

passed=0 failed=0
for entry in "${kinds[@]}"; do
  kind=${entry%%:*}
  echo "$kind (create-vite ${entry#*:})"
  if check_app "$kind" "${entry#*:}"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
((failed == 0))
