#!/usr/bin/env bash
# Packs the npm distribution: the launcher package `workos-widgets` and one
# platform package (the host's, or WORKOS_WIDGETS_PLATFORM's) holding the
# stripped binary. Versions come from Cargo.toml, in lockstep; the main
# package's optionalDependencies are pinned to that exact version.
#
#   scripts/npm-pack.sh OUT_DIR
#
#   WORKOS_WIDGETS_BIN=path        pack this binary instead of building one
#                                  (`cargo build --release`)
#   WORKOS_WIDGETS_PLATFORM=name   the platform package to fill, a directory
#                                  of npm/ (cli-linux-arm64-musl, ...); default:
#                                  the host's, as the launcher picks it
#   STRIP=tool                     strip program (default: strip; `none` to skip)
#
# Writes OUT_DIR/workos-widgets-V.tgz and OUT_DIR/workos-widgets-cli-*-V.tgz,
# and prints the binary's size before/after stripping and the packed sizes.
set -euo pipefail

[[ $# == 1 ]] || { echo "usage: scripts/npm-pack.sh OUT_DIR" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

# [workspace.package] version = "X"
version=$(awk '/^\[/{section=$0} section=="[workspace.package]" && /^version *=/ {gsub(/.*= *"|".*/, ""); print; exit}' "$repo/Cargo.toml")
[[ -n $version ]] || { echo "no [workspace.package] version in Cargo.toml" >&2; exit 2; }

launcher=$repo/npm/workos-widgets/bin/workos-widgets.js
platform=${WORKOS_WIDGETS_PLATFORM:-$(node -e '
  const l = require(process.argv[1]);
  const p = l.PACKAGES[l.platformKey()];
  if (!p) { console.error(`no platform package for ${l.platformKey()}`); process.exit(2); }
  console.log(p);' "$launcher")}
[[ -f $repo/npm/$platform/package.json ]] || { echo "no npm/$platform/package.json" >&2; exit 2; }
exe=workos-widgets
[[ $platform == *win32* ]] && exe=workos-widgets.exe

bin=${WORKOS_WIDGETS_BIN:-}
if [[ -z $bin ]]; then
  echo "==> cargo build --release"
  (cd "$repo" && cargo build --release --locked)
  bin=$repo/target/release/$exe
fi
[[ -f $bin ]] || { echo "no binary at $bin" >&2; exit 2; }

size() { stat -c %s "$1" 2>/dev/null || stat -f %z "$1"; }
human() { awk -v b="$1" 'BEGIN { printf (b >= 1048576 ? "%.1f MiB" : "%.0f KiB"), (b >= 1048576 ? b / 1048576 : b / 1024) }'; }

stage=$(mktemp -d "${TMPDIR:-/tmp}/workos-widgets-npm-pack.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# The platform package: its package.json and the stripped binary.
mkdir -p "$stage/$platform/bin"
cp "$repo/npm/$platform/package.json" "$stage/$platform/"
cp "$bin" "$stage/$platform/bin/$exe"
chmod 755 "$stage/$platform/bin/$exe"
before=$(size "$stage/$platform/bin/$exe")
if [[ ${STRIP:-strip} != none ]]; then
  "${STRIP:-strip}" "$stage/$platform/bin/$exe"
fi
after=$(size "$stage/$platform/bin/$exe")

# The main package: launcher, README, version and pinned optional deps.
cp -r "$repo/npm/workos-widgets" "$stage/main"
node - "$version" "$stage/main/package.json" "$stage/$platform/package.json" "$repo/npm" <<'JS'
const fs = require("fs");
const path = require("path");
const [version, mainFile, platformFile, npmDir] = process.argv.slice(2);
const read = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
const write = (f, v) => fs.writeFileSync(f, JSON.stringify(v, null, 2) + "\n");
const main = read(mainFile);
main.version = version;
// Every platform package of npm/, each pinned to this exact version.
const optional = {};
for (const dir of fs.readdirSync(npmDir).sort()) {
  const file = path.join(npmDir, dir, "package.json");
  if (dir === "workos-widgets" || !fs.existsSync(file)) continue;
  optional[read(file).name] = version;
}
main.optionalDependencies = optional;
write(mainFile, main);
const platform = read(platformFile);
platform.version = version;
write(platformFile, platform);
JS

echo "==> npm pack (version $version, platform package $platform)"
tarballs=()
for dir in "$stage/main" "$stage/$platform"; do
  name=$(cd "$dir" && npm pack --silent --pack-destination "$out")
  tarballs+=("$out/$name")
done

echo "binary: $(human "$before") ($before bytes) before strip, $(human "$after") ($after bytes) after"
for t in "${tarballs[@]}"; do
  echo "packed: $(basename "$t") $(human "$(size "$t")") ($(size "$t") bytes)"
done
