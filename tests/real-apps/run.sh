#!/usr/bin/env bash
# Real apps nobody on the team wrote, fetched from npm at test time (the list
# is ./apps.txt). For each app:
#   create   the generator, packed once per version and run offline-safe;
#            GENERATOR "template": a copy of ./templates/<ARGUMENTS>/, first
#            installed, built, type-checked and linted unchanged (base-* steps)
#   init     workos-widgets init APP --widgets user-profile,users-management --yes
#            (installs the packages)
#   build    the app's own `npm run build`, with no WORKOS_* variable set
#   lint     the app's own `npm run lint`, when package.json has one
#   prettier `prettier --check .`, when the app configures Prettier
#   reinit   a second init must plan 0 changes (`--json` field `changes`)
#   verify   `verify --format json` must report 0 errors
#
#   tests/real-apps/run.sh
#
# Environment:
#   WORKOS_WIDGETS_BIN    binary under test (default target/release/workos-widgets)
#   REAL_APPS             comma-separated kinds or globs to run, e.g.
#                         REAL_APPS=vite6-ts,next14-app-ts or REAL_APPS='next*'
#                         or REAL_APPS='rr7*,remix2*'
#   REAL_APPS_JOBS        apps run at once (default 2)
#   REAL_APPS_KEEP_GOING  1: run an app's later steps after a failed one (to
#                         collect every result); the run still fails
#   REAL_APPS_KEEP        1: keep the apps (their folder is printed)
#
# Logs: target/real-apps/<kind>.<step>.log (+ .json). One line per app and
# step with its time, a table at the end, then exactly one line
# "N passed, N failed"; exits 1 on any failed step.
#
# Nothing but the npm registry is needed: the Next 15/16 templates' Google
# fonts (next/font/google Geist) are answered by ./offline-fonts.mjs (canned
# CSS via NEXT_FONT_GOOGLE_MOCKED_RESPONSES and a 64-byte stand-in font file
# served on 127.0.0.1); Next 14's template uses next/font/local.

set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=$(realpath -m "${WORKOS_WIDGETS_BIN:-$repo/target/release/workos-widgets}")
logs=$repo/target/real-apps
widgets=user-profile,users-management
jobs_max=${REAL_APPS_JOBS:-2}
keep_going=${REAL_APPS_KEEP_GOING:-0}
started=$EPOCHREALTIME

[[ -x $bin ]] || { echo "no workos-widgets binary at $bin (cargo build --release, or set WORKOS_WIDGETS_BIN)" >&2; exit 2; }

# The builds must pass without secrets, as in a CI without them.
for name in $(compgen -e | grep '^WORKOS_' || true); do unset "$name"; done
export NEXT_TELEMETRY_DISABLED=1 TANSTACK_CLI_TELEMETRY_DISABLED=1 CI=1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Every generator, install and npx shares the one npm cache (npm's default,
# or whatever npm_config_cache says).

rm -rf "$logs" && mkdir -p "$logs"
work=$(mktemp -d "${TMPDIR:-/tmp}/workos-widgets-real-apps.XXXXXX")
fonts_pid=""
cleanup() {
  [[ -n $fonts_pid ]] && kill "$fonts_pid" 2>/dev/null
  local pids; pids=$(jobs -p); [[ -n $pids ]] && kill $pids 2>/dev/null
  if [[ ${REAL_APPS_KEEP:-0} == 1 ]]; then echo "apps kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
json() { node -e 'let v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); for (const k of process.argv[2].split(".")) v = v?.[k]; console.log(v)' "$1" "$2"; }

# ---- the table ------------------------------------------------------------
selected() {
  [[ -z ${REAL_APPS:-} ]] && return 0
  local pat; IFS=, read -ra pats <<<"$REAL_APPS"
  for pat in "${pats[@]}"; do [[ $1 == $pat ]] && return 0; done # glob match on purpose
  return 1
}
kinds=() ; declare -A gen args
while read -r kind generator rest; do
  [[ -z $kind || $kind == \#* ]] && continue
  selected "$kind" || continue
  kinds+=("$kind"); gen[$kind]=$generator; args[$kind]=$rest
done <"$here/apps.txt"
((${#kinds[@]})) || { echo "REAL_APPS=${REAL_APPS:-} selects no kind of $here/apps.txt" >&2; exit 2; }

# ---- pack each generator once ---------------------------------------------
declare -A pkgdir tgz version
for kind in "${kinds[@]}"; do
  spec=${gen[$kind]}
  [[ -n ${pkgdir[$spec]:-} ]] && continue
  if [[ $spec == template ]]; then # hand-built apps in ./templates/, nothing to pack
    pkgdir[$spec]=$here/templates version[$spec]=local; continue
  fi
  dir=$work/generators/$spec
  mkdir -p "$dir"
  t=$(now)
  file=$(cd "$dir" && timeout 180 npm pack "$spec" 2>>"$logs/pack.log" | tail -n 1)
  if [[ -z $file || ! -f $dir/$file ]] || ! tar xzf "$dir/$file" -C "$dir"; then
    echo "npm pack $spec failed, see $logs/pack.log" >&2; exit 2
  fi
  pkgdir[$spec]=$dir/package tgz[$spec]=$dir/$file
  version[$spec]=$(node -p 'require(process.argv[1]).version' "$dir/package/package.json")
  echo "generator $spec = ${spec%@*}@${version[$spec]} (packed in $(secs "$t") s)"
done
echo "binary $bin ($("$bin" --version 2>/dev/null)), node $(node --version), npm $(npm --version), jobs $jobs_max, apps in $work"
# From here on the generators' own packages are in the cache; installs may use
# cached metadata without asking the registry again.
export npm_config_prefer_offline=true

if printf '%s\n' "${kinds[@]}" | grep -q '^next'; then
  node "$here/offline-fonts.mjs" "$work/google-fonts.cjs" >"$logs/offline-fonts.log" 2>&1 &
  fonts_pid=$!
  disown "$fonts_pid" # not one of the app jobs counted and waited for below
  for _ in $(seq 50); do [[ -s $work/google-fonts.cjs ]] && break; sleep 0.1; done
  [[ -s $work/google-fonts.cjs ]] || { echo "offline font server did not start:" >&2; cat "$logs/offline-fonts.log" >&2; exit 2; }
  export NEXT_FONT_GOOGLE_MOCKED_RESPONSES=$work/google-fonts.cjs
fi

# ---- one app ----------------------------------------------------------------
# Each step: run with a time limit, log to $logs/$kind.$step.log, print one line
# and append "step status seconds" to $logs/$kind.steps.
step_line() { # kind step status seconds [detail]
  printf '  %-28s %-12s %-4s %6s s%s\n' "$1" "$2" "$3" "$4" "${5:+  $5}"
  echo "$2 $3 $4" >>"$logs/$1.steps"
}
show_log() { tail -n "${2:-25}" "$1" | sed "s/^/    $kind | /"; }

# run_step KIND STEP LIMIT_S CMD... (in the app folder); 0 on success
run_step() {
  local kind=$1 step=$2 limit=$3; shift 3
  local log=$logs/$kind.$step.log t rc
  t=$(now)
  (cd "$work/$kind" && timeout -k 10 "$limit" "$@") >"$log" 2>&1
  rc=$?
  if ((rc == 0)); then step_line "$kind" "$step" PASS "$(secs "$t")"; return 0; fi
  ((rc == 124)) && rc="timeout after $limit s"
  step_line "$kind" "$step" FAIL "$(secs "$t")" "exit $rc, log $log"
  show_log "$log"
  return 1
}

create_app() {
  local kind=$1 spec=${gen[$1]} app=$work/$1
  local pkg=${pkgdir[$spec]} t log=$logs/$1.create.log
  read -ra a <<<"${args[$kind]}"
  t=$(now)
  case ${spec%@*} in
    create-vite)
      (cd "$work" && timeout -k 10 120 node "$pkg/index.js" "$kind" --template "${a[@]}" </dev/null) >"$log" 2>&1 ;;
    create-next-app)
      local extra=()
      # 15+: no install (init installs), no prompt, no git. 14 knows none of
      # these flags: it installs the packages itself and runs `git init`.
      [[ $(node "$pkg/dist/index.js" --help 2>&1 </dev/null) == *--skip-install* ]] && extra=(--skip-install --yes --disable-git)
      (cd "$work" && XDG_CONFIG_HOME=$work/xdg timeout -k 10 600 node "$pkg/dist/index.js" "$kind" "${a[@]}" \
        --eslint --no-tailwind --import-alias '@/*' --use-npm "${extra[@]}" </dev/null) >"$log" 2>&1 ;;
    create-tsrouter-app)
      (cd "$work" && timeout -k 10 300 npx --yes --package "${tgz[$spec]}" create-tsrouter-app "$kind" "${a[@]}" \
        --non-interactive --no-install --package-manager npm --no-git --no-intent </dev/null) >"$log" 2>&1 ;;
    @tanstack/cli)
      (cd "$work" && timeout -k 10 300 npx --yes --package "${tgz[$spec]}" tanstack create "$kind" "${a[@]}" \
        --non-interactive --no-install --package-manager npm --no-git --no-intent </dev/null) >"$log" 2>&1 ;;
    template)
      [[ -d $pkg/${a[0]} ]] && cp -r "$pkg/${a[0]}" "$app" >"$log" 2>&1 ;;
    *) echo "unknown generator $spec" >"$log"; false ;;
  esac
  local rc=$?
  if ((rc == 0)) && [[ -f $app/package.json ]]; then
    step_line "$kind" create PASS "$(secs "$t")"
  else
    step_line "$kind" create FAIL "$(secs "$t")" "exit $rc, log $log"; show_log "$log"; return 1
  fi
  if [[ $kind == vite-router-query* ]]; then prepare_vite_router_query "$kind" || return 1; fi
  if [[ $spec == template ]]; then prepare_template "$kind" || return 1; fi
}

# A hand-built template app (./templates/): the template itself must install,
# build, type-check and lint unchanged before init touches it. The install
# leaves a lockfile, as in a real project; the build output is removed.
prepare_template() {
  local kind=$1 app=$work/$1
  run_step "$kind" base-install 300 npm install || return 1
  run_step "$kind" base-build 180 npm run build || return 1
  if has_script "$app" typecheck; then run_step "$kind" base-typecheck 180 npm run typecheck || return 1; fi
  if has_script "$app" lint; then run_step "$kind" base-lint 120 npm run lint || return 1; fi
  rm -rf "$app/build" "$app/.react-router" "$app/node_modules/.cache"
}

# A project in the shape of a real one: React Router data router with a
# layout route holding the QueryClientProvider (-providers: in a providers
# file the layout imports), Prettier, installed packages
# and a lockfile; its own lint, Prettier check and build pass before init.
prepare_vite_router_query() {
  local kind=$1 app=$work/$1 src=$here/vite-router-query
  cp -r "$src/src/." "$app/src/" && cp "$src/.prettierrc.json" "$src/.prettierignore" "$app/" || return 1
  # -providers: the layout takes its QueryClientProvider from ./providers.tsx
  if [[ $kind == *-providers ]]; then cp -r "$src/providers-variant/src/." "$app/src/" || return 1; fi
  node -e '
    const fs = require("fs"), f = process.argv[1], p = JSON.parse(fs.readFileSync(f, "utf8"))
    Object.assign(p.dependencies, { "@tanstack/react-query": "^5.90.0", "react-router": "^7.9.0" })
    p.devDependencies = { ...p.devDependencies, prettier: "^3.6.0" }
    p.scripts = { ...p.scripts, format: "prettier --write .", "format:check": "prettier --check ." }
    fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' "$app/package.json" || return 1
  run_step "$kind" base-install 300 npm install || return 1
  run_step "$kind" base-format 60 npx prettier --write . || return 1
  run_step "$kind" base-lint 120 npm run lint || return 1
  run_step "$kind" base-build 180 npm run build || return 1
  rm -rf "$app/dist" "$app/node_modules/.tmp"
}

has_script() { node -e 'process.exit(require(process.argv[1]).scripts?.[process.argv[2]] ? 0 : 1)' "$1/package.json" "$2"; }
has_lint() { has_script "$1" lint; }
has_prettier() {
  compgen -G "$1/.prettierrc*" >/dev/null || compgen -G "$1/prettier.config.*" >/dev/null \
    || node -e 'process.exit(require(process.argv[1]).prettier ? 0 : 1)' "$1/package.json"
}

# prettier --check . after init, less the files already unformatted before it.
check_prettier() {
  local kind=$1 app=$work/$1 log=$logs/$1.prettier.log t rc new
  t=$(now)
  (cd "$app" && timeout -k 10 120 npx --no-install prettier --list-different .) >"$log" 2>&1
  rc=$?
  if ((rc > 1)); then
    step_line "$kind" prettier FAIL "$(secs "$t")" "prettier exited $rc, log $log"; show_log "$log"; return 1
  fi
  new=$(grep -vxF -f "$logs/$kind.prettier-baseline.txt" "$log")
  local before; before=$(grep -c . "$logs/$kind.prettier-baseline.txt")
  local note=""; ((before)) && note=" (the generator's own $before unformatted file(s) ignored: $(paste -sd' ' "$logs/$kind.prettier-baseline.txt"))"
  if [[ -z $new ]]; then
    step_line "$kind" prettier PASS "$(secs "$t")" "${note# }"; return 0
  fi
  step_line "$kind" prettier FAIL "$(secs "$t")" "not Prettier-formatted after init: $(paste -sd' ' <<<"$new")$note"
  local f
  for f in $new; do
    (cd "$app" && npx --no-install prettier "$f" | diff -u "$f" - | head -n 30) >>"$logs/$kind.prettier.diff" 2>&1
  done
  show_log "$logs/$kind.prettier.diff" 40
  return 1
}

run_app() {
  local kind=$1 app=$work/$1 failed=0 t changes errors
  : >"$logs/$kind.steps"
  create_app "$kind" || return 1

  # Files the generator itself leaves unformatted (create-tsrouter-app does)
  # are not the tool's doing: note them before init, judge only the others.
  local prettier_range=""
  if has_prettier "$app"; then
    prettier_range=$(node -p 'const p = require(process.argv[1]); p.devDependencies?.prettier ?? p.dependencies?.prettier ?? "3"' "$app/package.json")
    (cd "$app" && timeout -k 10 120 npx --yes "prettier@$prettier_range" --list-different .) \
      >"$logs/$kind.prettier-baseline.txt" 2>"$logs/$kind.prettier-baseline.log"
  fi

  run_step "$kind" init 420 "$bin" init . --widgets "$widgets" --yes || return 1

  if ! run_step "$kind" build 420 npm run build; then
    failed=1; ((keep_going)) || return 1
  elif [[ $kind == next* ]]; then
    local route
    for route in /api/workos/widgets-token /workos/user-profile /workos/users-management; do
      grep -q -- "$route" "$logs/$kind.build.log" && continue
      step_line "$kind" routes FAIL 0 "next build lists no $route route ($logs/$kind.build.log)"
      failed=1; ((keep_going)) || return 1
    done
  fi
  # The app's own type-check, after the build (React Router's typegen and
  # TanStack's route tree are written by then); TanStack Start's template
  # has no script for it, so plain tsc.
  if has_script "$app" typecheck; then
    run_step "$kind" typecheck 240 npm run typecheck || { failed=1; ((keep_going)) || return 1; }
  elif [[ $kind == tanstack-start* ]]; then
    run_step "$kind" typecheck 240 npx tsc --noEmit || { failed=1; ((keep_going)) || return 1; }
  fi
  if has_lint "$app"; then
    run_step "$kind" lint 240 npm run lint || { failed=1; ((keep_going)) || return 1; }
  else
    step_line "$kind" lint n/a 0 "no lint script"
  fi
  if [[ -n $prettier_range ]]; then
    check_prettier "$kind" || { failed=1; ((keep_going)) || return 1; }
  else
    step_line "$kind" prettier n/a 0 "no Prettier config"
  fi

  t=$(now)
  (cd "$app" && timeout -k 10 180 "$bin" init . --widgets "$widgets" --yes --json) \
    >"$logs/$kind.reinit.json" 2>"$logs/$kind.reinit.log"
  local rc=$?
  if ((rc != 0)); then
    step_line "$kind" reinit FAIL "$(secs "$t")" "exit $rc, log $logs/$kind.reinit.log"; show_log "$logs/$kind.reinit.log"
    failed=1; ((keep_going)) || return 1
  elif ! changes=$(json "$logs/$kind.reinit.json" changes) || [[ $changes != 0 ]]; then
    step_line "$kind" reinit FAIL "$(secs "$t")" "\"changes\": $changes, want 0 ($logs/$kind.reinit.json)"
    show_log "$logs/$kind.reinit.json" 40
    failed=1; ((keep_going)) || return 1
  else
    step_line "$kind" reinit PASS "$(secs "$t")" "0 changes"
  fi

  t=$(now)
  (cd "$app" && timeout -k 10 120 "$bin" verify . --format json) >"$logs/$kind.verify.json" 2>"$logs/$kind.verify.log"
  if ! errors=$(json "$logs/$kind.verify.json" summary.errors) || [[ $errors == undefined ]]; then
    step_line "$kind" verify FAIL "$(secs "$t")" "no JSON, log $logs/$kind.verify.log"; show_log "$logs/$kind.verify.log"
    failed=1
  elif [[ $errors != 0 ]]; then
    step_line "$kind" verify FAIL "$(secs "$t")" "$errors error(s), $logs/$kind.verify.json"
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
      for (const f of r.findings ?? []) if (f.severity === "error")
        console.log(`${f.code} ${f.name} ${f.file}:${f.line}:${f.column} ${f.message}${f.help ? ` (help: ${f.help})` : ""}`)' \
      "$logs/$kind.verify.json" | sed "s/^/    $kind | /"
    failed=1
  else
    step_line "$kind" verify PASS "$(secs "$t")" "0 errors"
  fi
  return "$failed"
}

# ---- run them -----------------------------------------------------------------
skip_reason() { # kind -> prints why it is skipped, or nothing
  local spec=${gen[$1]} template
  if [[ ${spec%@*} == create-vite ]]; then
    read -r template _ <<<"${args[$1]}"
    local help; help=$(NO_COLOR=1 node "${pkgdir[$spec]}/index.js" --help 2>&1 </dev/null | sed 's/\x1b\[[0-9;]*m//g')
    if ! grep -qE "(^|[[:space:]])$template([[:space:]]|$)" <<<"$help"; then
      echo "create-vite@${version[$spec]} does not offer the $template template (not in its --help)"
    fi
  fi
}

ran=() skipped=()
for kind in "${kinds[@]}"; do
  reason=$(skip_reason "$kind")
  if [[ -n $reason ]]; then
    echo "SKIP $kind: $reason"; skipped+=("$kind: $reason"); continue
  fi
  ran+=("$kind")
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n; done
  (
    t=$(now)
    echo "start $kind (${gen[$kind]%@*}@${version[${gen[$kind]}]} ${args[$kind]})"
    if run_app "$kind"; then r=PASS; else r=FAIL; fi
    echo "$r" >"$logs/$kind.result"
    echo "$r $kind ($(secs "$t") s)"
    # Remove the app now, overlapping other apps' builds: removing all the
    # node_modules at exit took minutes on a loaded 2-core machine.
    [[ ${REAL_APPS_KEEP:-0} == 1 ]] || rm -rf "${work:?}/$kind"
  ) &
done
wait

passed=0 failed=0
steps=(create init build lint prettier reinit verify)
echo
printf '%-28s' app; printf ' %-14s' "${steps[@]}"; echo
for kind in "${ran[@]}"; do
  printf '%-28s' "$kind"
  for s in "${steps[@]}"; do
    cell=$(awk -v s="$s" '$1 == s { c = $2 ($2 == "n/a" ? "" : " " $3 "s") } END { print c == "" ? "-" : c }' "$logs/$kind.steps" 2>/dev/null)
    printf ' %-14s' "$cell"
  done
  echo
  if [[ $(cat "$logs/$kind.result" 2>/dev/null) == PASS ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
for s in "${skipped[@]}"; do echo "skipped $s"; done
echo "wall time $(secs "$started") s"
echo "$passed passed, $failed failed"
((failed == 0))
