#!/usr/bin/env bash
# Real-app test of the generated code against the app's own format and lint
# checks, on create-vite's react-ts template fetched from npm at test time:
#
#   prettier3 / prettier2: a `.prettierrc` ({"semi": true, "singleQuote": false},
#     create-next-app's and Prettier's default style), Prettier installed and
#     run once over the app; after `init` (which formats through the app's
#     own Prettier, one node process), `prettier --check .` passes and
#     `npm run lint` (create-vite's linter: oxlint in create-vite 9, ESLint before) passes.
#   biome: a `biome.json` with Biome's defaults (tabs, double quotes,
#     semicolons), Biome installed and run once; after `init`, `biome format`
#     finds nothing to change in src/, server/ and vite.config.ts, and
#     `npm run lint` passes.
#   lint, lint-js: no formatter, react-ts and react (JavaScript) templates;
#     after `init`, `npm run lint` passes and the generated files follow the
#     app's style (single quotes, no semicolons).
#
#   tests/real-apps/format-lint.sh
#
# WORKOS_WIDGETS_BIN: the binary under test (default target/release/workos-widgets
# of this repo). Logs: target/real-apps/format-lint/. Last line: "N passed, N failed".
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath -m "${WORKOS_WIDGETS_BIN:-$repo/target/release/workos-widgets}")
logs=$repo/target/real-apps/format-lint
widgets=user-profile,users-management,organization-switcher
kinds=(${FORMAT_LINT_KINDS:-prettier3:prettier@3 prettier2:prettier@2 biome:@biomejs/biome lint: lint-js:})

[[ -x $bin ]] || { echo "no workos-widgets binary at $bin (cargo build --release, or set WORKOS_WIDGETS_BIN)" >&2; exit 2; }
command -v node >/dev/null || { echo "node is not installed: skipped" >&2; exit 2; }
rm -rf "$logs" && mkdir -p "$logs"
work=$(mktemp -d "${TMPDIR:-/tmp}/workos-widgets-format-lint.XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$work" && timeout 120 npm pack create-vite && tar xzf create-vite-*.tgz) >"$logs/npm-pack.log" 2>&1 \
  || { echo "npm pack create-vite failed, see $logs/npm-pack.log" >&2; exit 2; }
echo "create-vite $(node -p 'require(process.argv[1]).version' "$work/package/package.json"), binary $bin"

fail() { echo "  FAIL $kind: $1 (log: $2)" >&2; tail -n 30 "$2" | sed 's/^/    | /' >&2; }

check_app() {
  local kind=$1 prettier=$2 app=$work/$1 log=$logs/$1 template=template-react-ts ext=tsx
  [[ $kind == *-js ]] && template=template-react ext=jsx
  cp -r "$work/package/$template" "$app" && mv "$app/_gitignore" "$app/.gitignore"
  if [[ $kind == biome ]]; then
    printf '{}\n' >"$app/biome.json"
    (cd "$app" && timeout 300 npm install --no-audit --no-fund -D "$prettier" @workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node \
      && npx biome format --write src vite.config.ts) >"$log.install.log" 2>&1 \
      || { fail "npm install / biome format --write exited $?" "$log.install.log"; return 1; }
  elif [[ -n $prettier ]]; then
    printf '{"semi": true, "singleQuote": false}\n' >"$app/.prettierrc"
    (cd "$app" && timeout 300 npm install --no-audit --no-fund -D "$prettier" @workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node \
      && npx prettier --write .) >"$log.install.log" 2>&1 \
      || { fail "npm install / prettier --write exited $?" "$log.install.log"; return 1; }
  else
    (cd "$app" && timeout 300 npm install --no-audit --no-fund @workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node) \
      >"$log.install.log" 2>&1 || { fail "npm install exited $?" "$log.install.log"; return 1; }
  fi
  local pkg=${prettier%@[0-9]*}
  [[ -n $pkg ]] && echo "  $kind: installed $pkg $(node -p 'require(process.argv[1]).version' "$app/node_modules/$pkg/package.json")"

  timeout 180 "$bin" init "$app" --widgets "$widgets" --yes --no-install --json >"$log.init.json" 2>"$log.init.log" \
    || { fail "init exited $?" "$log.init.log"; return 1; }
  if grep -q "could not run the project's" "$log.init.json"; then
    fail "init fell back from the formatter" "$log.init.json"; return 1
  fi

  if [[ $kind == biome ]]; then
    (cd "$app" && npx biome format src server vite.config.ts) >"$log.check.log" 2>&1 \
      || { fail "biome format found changes after init" "$log.check.log"; return 1; }
    echo "  $kind: biome format: clean"
    grep -qP '^\treturn' "$app/src/workos/UserProfileWidget.$ext" \
      || { fail "generated widget not indented with tabs" "$app/src/workos/UserProfileWidget.$ext"; return 1; }
  elif [[ -n $prettier ]]; then
    (cd "$app" && npx prettier --check .) >"$log.check.log" 2>&1 \
      || { fail "prettier --check failed after init" "$log.check.log"; return 1; }
    echo "  $kind: prettier --check: clean"
    grep -q 'from "@workos-inc/widgets";' "$app/src/workos/UserProfileWidget.$ext" \
      || { fail "generated widget not in the .prettierrc style" "$app/src/workos/UserProfileWidget.$ext"; return 1; }
  else
    grep -q "from '@workos-inc/widgets'$" "$app/src/workos/UserProfileWidget.$ext" \
      || { fail "generated widget not in the app's style" "$app/src/workos/UserProfileWidget.$ext"; return 1; }
  fi

  (cd "$app" && timeout 180 npm run lint) >"$log.lint.log" 2>&1 \
    || { fail "npm run lint failed after init" "$log.lint.log"; return 1; }
  # Rules apps add on top (no-useless-assignment is in ESLint 10's
  # recommended), with the app's linter: oxlint (create-vite 9) or ESLint.
  if [[ -x $app/node_modules/.bin/oxlint ]]; then
    (cd "$app" && timeout 180 npx oxlint -D no-console -D no-useless-assignment src/workos server)
  else
    (cd "$app" && timeout 180 npx eslint --max-warnings 0 --rule '{"no-console": "error", "no-useless-assignment": "error"}' src/workos server)
  fi >>"$log.lint.log" 2>&1 || { fail "no-console / no-useless-assignment in generated files" "$log.lint.log"; return 1; }
  echo "  $kind: npm run lint (+ no-console, no-useless-assignment): clean"

  timeout 120 "$bin" init "$app" --widgets "$widgets" --yes --no-install --json >"$log.reinit.json" 2>"$log.reinit.log" \
    || { fail "second init exited $?" "$log.reinit.log"; return 1; }
  [[ $(node -p 'require(process.argv[1]).changes' "$log.reinit.json") == 0 ]] \
    || { fail "second init changed files" "$log.reinit.json"; return 1; }
  echo "  $kind: second init: 0 changes"
}

passed=0 failed=0
for entry in "${kinds[@]}"; do
  kind=${entry%%:*}
  echo "$kind"
  if check_app "$kind" "${entry#*:}"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
((failed == 0))
