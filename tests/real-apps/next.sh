#!/usr/bin/env bash
# Real Next.js apps, end to end: for the App Router (TypeScript), the App
# Router (JavaScript) and the Pages Router (TypeScript), create an app with
# create-next-app, run `workos-widgets init --widgets user-profile,users-management --yes`
# (which installs the packages), `npm run build` with no WORKOS_* variable
# set, `verify` must report no error, and a second `init` must plan zero changes.
#
# Usage: tests/real-apps/next.sh [--next VERSION] [--only NAME] [--keep]
#   --next   create-next-app major or version (default: 16)
#   --only   run one app: app-ts, app-js or pages-ts
#   --keep   keep the apps (their folder is printed)
# WORKOS_WIDGETS_BIN: the binary under test (default target/release/workos-widgets
# of this repo). Logs: target/real-apps-next/<app>-logs/.
#
# Needs node, npm and the npm registry. Nothing else leaves 127.0.0.1: the
# templates' Google fonts are served by ./offline-fonts.mjs.
# Prints one line per app and `N passed, N failed`; exits 1 on any failure.

set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=$(realpath -m "${WORKOS_WIDGETS_BIN:-$repo/target/release/workos-widgets}")
next_version=16
only=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --next) next_version=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

# The builds must pass without secrets, as in a CI without them.
for name in $(compgen -e | grep '^WORKOS_' || true); do unset "$name"; done

[ -x "$bin" ] || { echo "no workos-widgets binary at $bin (cargo build --release, or set WORKOS_WIDGETS_BIN)" >&2; exit 2; }
logs_root=$repo/target/real-apps-next
rm -rf "$logs_root" && mkdir -p "$logs_root"
work=$(mktemp -d "${TMPDIR:-/tmp}/workos-widgets-next.XXXXXX")
fonts_pid=""
cleanup() {
  [ -n "$fonts_pid" ] && kill "$fonts_pid" 2>/dev/null
  if [ "$keep" = 1 ]; then echo "apps kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

node "$here/offline-fonts.mjs" "$work/google-fonts.cjs" > "$work/fonts.log" 2>&1 &
fonts_pid=$!
for _ in $(seq 50); do [ -s "$work/google-fonts.cjs" ] && break; sleep 0.1; done
[ -s "$work/google-fonts.cjs" ] || { echo "offline font server did not start:"; cat "$work/fonts.log"; exit 1; }
export NEXT_FONT_GOOGLE_MOCKED_RESPONSES="$work/google-fonts.cjs"
export NEXT_TELEMETRY_DISABLED=1 npm_config_fund=false npm_config_audit=false

widgets=user-profile,users-management
passed=0
failed=0

seconds_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

fail() {
  local name=$1 step=$2 log=$3
  echo "FAIL $name: $step (last lines of $log):"
  tail -n 25 "$log" | sed 's/^/    /'
  failed=$((failed + 1))
}

run_app() {
  local name=$1; shift
  local dir="$work/$name" logs="$logs_root/$name-logs"
  mkdir -p "$logs"

  if ! (cd "$work" && timeout 300 npx -y "create-next-app@$next_version" "$name" "$@" --no-tailwind \
      --eslint=false --skip-install --use-npm --yes --disable-git) > "$logs/create.log" 2>&1; then
    fail "$name" "create-next-app@$next_version" "$logs/create.log"; return
  fi

  local start init_s build_s
  start=$(date +%s.%N)
  if ! timeout 600 "$bin" init "$dir" --widgets "$widgets" --yes > "$logs/init.log" 2>&1; then
    fail "$name" "workos-widgets init" "$logs/init.log"; return
  fi
  init_s=$(seconds_since "$start")

  start=$(date +%s.%N)
  if ! (cd "$dir" && timeout 600 npm run build) > "$logs/build.log" 2>&1; then
    fail "$name" "npm run build (no WORKOS_* set)" "$logs/build.log"; return
  fi
  build_s=$(seconds_since "$start")
  for route in /api/workos/widgets-token /workos/user-profile /workos/users-management; do
    if ! grep -q -- "$route" "$logs/build.log"; then
      fail "$name" "the build lists no $route route" "$logs/build.log"; return
    fi
  done

  "$bin" verify "$dir" --format json > "$logs/verify.json" 2> "$logs/verify.log"
  local errors
  if ! errors=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).summary.errors)' \
      < "$logs/verify.json"); then
    fail "$name" "verify printed no JSON" "$logs/verify.log"; return
  fi
  if [ "$errors" != 0 ]; then
    fail "$name" "verify found $errors error(s)" "$logs/verify.json"; return
  fi

  if ! "$bin" init "$dir" --widgets "$widgets" --yes --json > "$logs/rerun.json" 2> "$logs/rerun.err"; then
    fail "$name" "second workos-widgets init" "$logs/rerun.err"; return
  fi
  local changes
  changes=$(node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(r.changes)' \
    < "$logs/rerun.json")
  if [ "$changes" != 0 ]; then
    fail "$name" "the second init planned $changes change(s), want 0" "$logs/rerun.json"; return
  fi

  echo "PASS $name: init ${init_s}s (incl. npm install), next build ${build_s}s, verify 0 errors, second init 0 changes"
  passed=$((passed + 1))
}

want() { [ -z "$only" ] || [ "$only" = "$1" ]; }
echo "create-next-app@$next_version, $("$bin" --version), node $(node --version), apps in $work"
want app-ts && run_app app-ts --ts --app
want app-js && run_app app-js --js --app --src-dir
want pages-ts && run_app pages-ts --ts --no-app

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
