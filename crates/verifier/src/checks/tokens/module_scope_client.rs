//! WW406: `new WorkOS(...)` at module scope in a Next.js route.

use crate::facts::{Facts, SourceFile};
use crate::finding::{Finding, Location, Severity};
use crate::questions::local_file;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW406",
    name: "module-scope-client",
    severity: Severity::Warning,
    summary: "A Next.js route creates the WorkOS client at module scope; next build fails without the key",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
`new WorkOS(...)` outside any function in a Next.js route handler
(`app/**/route.*`, `pages/api/**`) or in a local module such a route
imports.

## Why it matters
`next build` imports route modules to collect their configuration. A
client created at import time throws when `WORKOS_API_KEY` is absent (CI
without secrets, preview builds), so the build fails.

## Example
```ts
// bad: app/api/workos/widgets-token/route.ts
const workos = new WorkOS(process.env.WORKOS_API_KEY)
export async function POST() { /* ... */ }
// good
export async function POST() {
  const workos = new WorkOS(process.env.WORKOS_API_KEY)
  /* ... */
}
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let mut files: Vec<&SourceFile> = Vec::new();
    for route in facts.files.iter().filter(|f| f.next_route) {
        files.push(route);
        files.extend(
            route
                .imports
                .iter()
                .filter_map(|i| local_file(facts, route, &i.source)),
        );
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    files
        .into_iter()
        .flat_map(|file| {
            file.new_workos
                .iter()
                .filter(|n| n.module_scope)
                .map(move |n| {
                    RULE.finding(
                        Location::span(file, n.span),
                        "new WorkOS(...) runs when the route module is imported: `next build` fails where WORKOS_API_KEY is unset",
                    )
                    .with_help("create the client inside the handler")
                })
        })
        .collect()
}
