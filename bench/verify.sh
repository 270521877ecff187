#!/usr/bin/env bash
# Benchmark: `workos-widgets verify` against the seed 000 checklist on a
# synthetic React app with 5,000 source files and a node_modules holding
# the relevant packages, timed with the same harness in the same run.
#
#   bash bench/verify.sh [RUNS]        (default 21 runs each)
#
# Prints the median of each and the ratio, then `verify --staged` with 5
# staged files. Needs: cargo, npm, git. Not a test: nothing here asserts.
set -euo pipefail

RUNS="${1:-21}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$REPO/target/release/workos-widgets"
FILES=5000

if [[ ! -x "$BIN" || "${REBUILD:-0}" == 1 ]]; then
  (cd "$REPO" && cargo build --release -q)
fi

APP="$(mktemp -d "${TMPDIR:-/tmp}/ww-bench.XXXXXX")"
trap 'rm -rf "$APP"' EXIT

# --- the synthetic app ------------------------------------------------------
mkdir -p "$APP/src/workos" "$APP/server"
cat > "$APP/package.json" <<'JSON'
{
  "name": "bench-app",
  "private": true,
  "type": "module",
  "scripts": { "build": "tsc -b && vite build" },
  "dependencies": {
    "@radix-ui/themes": "^3.3.0",
    "@tanstack/react-query": "^5.90.0",
    "@workos-inc/node": "^8.13.0",
    "@workos-inc/widgets": "^1.18.0",
    "react": "^19.2.0",
    "react-dom": "^19.2.0"
  }
}
JSON
printf 'node_modules\ndist\n.env\n.env.local\n' > "$APP/.gitignore"
printf '<div id="root"></div><script type="module" src="/src/main.tsx"></script>\n' > "$APP/index.html"
printf "import { defineConfig } from 'vite'\nexport default defineConfig({})\n" > "$APP/vite.config.ts"
printf 'WORKOS_API_KEY=sk_test_bench0000000000\n' > "$APP/.env.local"

install() { # name version [extra json]
  mkdir -p "$APP/node_modules/$1"
  printf '{"name":"%s","version":"%s"%s}\n' "$1" "$2" "${3:-}" > "$APP/node_modules/$1/package.json"
}
install @workos-inc/widgets 1.18.0 ',"peerDependencies":{"@radix-ui/themes":"^3.3.0","@tanstack/react-query":"^5.0.0","react":">=18","react-dom":">=18"}'
install @radix-ui/themes 3.3.0
install @tanstack/react-query 5.90.0
install @workos-inc/node 8.13.0
install react 19.2.0
install react-dom 19.2.0

cat > "$APP/src/main.tsx" <<'TSX'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { WorkOsWidgets } from '@workos-inc/widgets'
import '@radix-ui/themes/styles.css'
import '@workos-inc/widgets/styles.css'
import App from './App'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WorkOsWidgets>
      <App />
    </WorkOsWidgets>
  </StrictMode>,
)
TSX
cat > "$APP/src/App.tsx" <<'TSX'
import { UsersManagementWidget } from './workos/UsersManagementWidget'
import { UserProfileWidget } from './workos/UserProfileWidget'
import { Component0 } from './components/d0/Component0'

export default function App() {
  return (
    <main>
      <UserProfileWidget />
      <UsersManagementWidget />
      <Component0 title="home" items={[]} />
    </main>
  )
}
TSX
for w in UserProfile UsersManagement; do
  cat > "$APP/src/workos/${w}Widget.tsx" <<TSX
import { $w } from '@workos-inc/widgets'
import { fetchWidgetsToken } from './widgets-token'

export function ${w}Widget() {
  return <$w authToken={fetchWidgetsToken} />
}
TSX
done
cat > "$APP/src/workos/widgets-token.ts" <<'TS'
export async function fetchWidgetsToken(): Promise<string> {
  const response = await fetch('/api/workos/widgets-token', { method: 'POST' })
  return ((await response.json()) as { token: string }).token
}
TS
cat > "$APP/server/token-handler.ts" <<'TS'
import { WorkOS } from '@workos-inc/node'

export const WIDGETS_SCOPES = ['widgets:users-table:manage'] as const

declare function getSession(request: Request): Promise<{ userId: string; organizationId: string } | null>

export async function handleWidgetsTokenRequest(request: Request): Promise<Response> {
  const session = await getSession(request)
  if (!session) return new Response(null, { status: 401 })
  const workos = new WorkOS(process.env.WORKOS_API_KEY)
  const token = await workos.widgets.getToken({ ...session, scopes: [...WIDGETS_SCOPES] })
  return Response.json({ token })
}
TS

# Generic components, 100 per folder, until the app has $FILES source files.
existing=6
for ((i = 0; i < FILES - existing; i++)); do
  dir="$APP/src/components/d$((i / 100))"
  [[ -d "$dir" ]] || mkdir -p "$dir"
  cat > "$dir/Component$i.tsx" <<TSX
import { useMemo, useState } from 'react'

export interface Component${i}Props {
  title: string
  items: { id: string; label: string; done: boolean }[]
  onSelect?: (id: string) => void
}

export function Component$i({ title, items, onSelect }: Component${i}Props) {
  const [filter, setFilter] = useState('')
  const [expanded, setExpanded] = useState(false)
  const visible = useMemo(
    () => items.filter((item) => item.label.toLowerCase().includes(filter.toLowerCase())),
    [items, filter],
  )
  return (
    <section className="card card-$i">
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Collapse' : 'Expand'}
        </button>
      </header>
      <input value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Filter" />
      {expanded && (
        <ul>
          {visible.map((item) => (
            <li key={item.id} className={item.done ? 'done' : undefined}>
              <button type="button" onClick={() => onSelect?.(item.id)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <footer>{visible.length} of {items.length} shown</footer>
    </section>
  )
}
TSX
done
count=$(find "$APP/src" "$APP/server" -name '*.ts' -o -name '*.tsx' | wc -l)

# --- the harness --------------------------------------------------------------
now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1e6 }'; }
# time_runs NAME COMMAND...: prints one duration (ns) per run after 2 warm-ups
time_runs() {
  local i start
  for i in 1 2; do "$@" > /dev/null 2>&1 || true; done
  for ((i = 0; i < RUNS; i++)); do
    start=$(now)
    "$@" > /dev/null 2>&1 || true
    echo $(($(now) - start))
  done
}

checklist() { # seed 000's "Verification Checklist" steps 1 and 2
  npm list @workos-inc/widgets @radix-ui/themes @tanstack/react-query
  grep -E "(QueryClientProvider|Theme)" src/App.* src/index.* src/main.* 2> /dev/null
}
verify() { "$BIN" verify . --format json; }
verify_staged() { "$BIN" verify . --staged --format json; }

cd "$APP"
echo "app: $count source files in $APP"
"$BIN" verify . | tail -n 2

verify_ms=$(time_runs verify | median)
checklist_ms=$(time_runs checklist | median)

git init -q
git -c user.name=bench -c user.email=bench@example.com add -A > /dev/null
git -c user.name=bench -c user.email=bench@example.com commit -qm init
for i in 1 2 3 4 5; do echo "// edited" >> "src/components/d$i/Component$((i * 100)).tsx"; done
git add src/components
staged=$(git diff --cached --name-only | wc -l)
staged_ms=$(time_runs verify_staged | median)

echo
echo "runs each: $RUNS (median wall time)"
printf 'verify (no build, no online):     %8s ms\n' "$verify_ms"
printf 'seed checklist (npm list + grep): %8s ms\n' "$checklist_ms"
printf 'ratio checklist / verify:         %8.1fx\n' "$(awk -v a="$checklist_ms" -v b="$verify_ms" 'BEGIN { print a / b }')"
printf 'verify --staged (%s staged files): %8s ms\n' "$staged" "$staged_ms"
