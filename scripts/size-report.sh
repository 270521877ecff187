#!/usr/bin/env bash
# Prints the longest Rust functions and the largest .rs files of the
# workspace (crates/ and src/), to compare the code's shape before and after
# a refactor.
#
#   scripts/size-report.sh [N]      N rows per table (default 15)
#
# A function's length is the count of lines from its `fn` line to its closing
# brace, inclusive (nested functions and test functions count too; trait
# method declarations without a body do not). Comments, strings and char
# literals are blanked before braces are matched, so a `{` in a string does
# not confuse it. No dependencies beyond bash and python3.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
top=${1:-15}

cd "$repo"
find crates src -name '*.rs' -not -path '*/target/*' -print0 | sort -z |
python3 -c '
import re, sys

top = int(sys.argv[1])
paths = [p for p in sys.stdin.read().split("\0") if p]

def blank(src):
    """src with comments, strings and char literals replaced by spaces
    (newlines kept), so braces and `fn` can be found by position."""
    out = list(src)
    i, n = 0, len(src)
    def wipe(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j); i = j
        elif src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j): depth += 1; j += 2
                elif src.startswith("*/", j): depth -= 1; j += 2
                else: j += 1
            wipe(i, j); i = j
        elif re.match(r"b?r#*\"", src[i:i + 40]) and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            m = re.match(r"b?r(#*)\"", src[i:])
            end = "\"" + m.group(1)
            j = src.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            wipe(i, j); i = j
        elif c == "\"":
            j = i + 1
            while j < n and src[j] != "\"":
                j += 2 if src[j] == "\\" else 1
            wipe(i, j + 1); i = j + 1
        elif c == "\x27":
            # char literal (`x`, `\n`, `\u{..}`) or a lifetime
            if i + 1 < n and src[i + 1] == "\\":
                j = src.find("\x27", i + 2)
                j = n if j < 0 else j + 1
                wipe(i, j); i = j
            elif i + 2 < n and src[i + 2] == "\x27":
                wipe(i, i + 3); i += 3
            else:
                i += 1
        else:
            i += 1
    return "".join(out)

functions, files = [], []
fn_re = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")
for path in paths:
    with open(path, encoding="utf-8") as f:
        src = f.read()
    files.append((src.count("\n"), path))
    clean = blank(src)
    for m in fn_re.finditer(clean):
        # the body starts at the first `{` after the signature; a `;` first
        # means a declaration without a body
        j = m.end()
        while j < len(clean) and clean[j] not in "{;":
            j += 1
        if j >= len(clean) or clean[j] == ";":
            continue
        depth, k = 0, j
        while k < len(clean):
            if clean[k] == "{": depth += 1
            elif clean[k] == "}":
                depth -= 1
                if depth == 0: break
            k += 1
        first = clean.count("\n", 0, m.start()) + 1
        last = clean.count("\n", 0, k) + 1
        functions.append((last - first + 1, f"{path}:{first}", m.group(1)))

functions.sort(key=lambda t: (-t[0], t[1]))
files.sort(key=lambda t: (-t[0], t[1]))
total = sum(lines for lines, _ in files)

print(f"## {top} longest functions ({len(functions)} functions)")
print("lines".rjust(5) + "  " + "function".ljust(40) + "  location")
for lines, loc, name in functions[:top]:
    print(f"{lines:>5}  {name:<40}  {loc}")
print()
print(f"## {top} largest files ({len(files)} files, {total} lines)")
print("lines".rjust(5) + "  file")
for lines, path in files[:top]:
    print(f"{lines:>5}  {path}")
' "$top"
