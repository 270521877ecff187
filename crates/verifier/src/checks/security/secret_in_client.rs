//! WW501: the secret key reachable from browser code.

use workos_widgets_core::catalog::SDK_PACKAGE;

use crate::facts::{Facts, SourceFile};
use crate::finding::{Finding, Location, Severity};
use crate::questions::{local_file, shown};
use crate::rule::{Check, Rule};
use crate::scan::holds_secret;

pub static RULE: Rule = Rule {
    code: "WW501",
    name: "secret-in-client",
    severity: Severity::Error,
    summary: "Browser code reads the WorkOS secret key or imports code that does",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Client code, meaning a `"use client"` file, any module under `src/` of a
Vite or Create React App app, or a plain module of a React Router, Remix or
TanStack Start app folder (not `*.server.*`, not in a `.server/` folder,
not a route module, not defining `createServerFn`s) that the browser runs:
one that renders JSX, or one that such a module or a route module's
component imports (a module that only resource routes, server routes or
server modules import is not bundled for the browser). Reported when it
reads `WORKOS_API_KEY` (`process.env`, `import.meta.env`), imports
`@workos-inc/node`, or imports a local module that creates the WorkOS
client or imports `@workos-inc/node` for its values.

Not reported, because nothing of the secret reaches the browser:
- type-only imports, which the compiler erases: `import type { User } from
  '@workos-inc/node'`, `import { type User } from ...`, and (in TypeScript
  files) imports whose bindings are only used in type positions; this holds
  for type-only imports of a local module that holds the key too;
- imports of a `'use server'` module (Server Actions): the browser gets a
  call stub for each export, the code stays on the server;
- imports of a module that only reads `WORKOS_API_KEY` among other
  variables (an env config object): bundlers give browser code only the
  public variables (`NEXT_PUBLIC_*`, `VITE_*`), so the key's value there is
  `undefined` and nothing of it ships.

## Why it matters
Everything a client module reaches is bundled and shipped to every
visitor. The secret key (`sk_...`) can do anything in your WorkOS
environment: it must only be read by server code (the token route).

## Example
```tsx
// bad: src/Profile.tsx (Vite)
import { WorkOS } from '@workos-inc/node'
const workos = new WorkOS(import.meta.env.WORKOS_API_KEY)
// good: the browser asks your server, which holds the key
<UserProfile authToken={fetchWidgetsToken} />
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for file in facts.files.iter().filter(|f| f.client) {
        for read in file.env_reads.iter().filter(|r| r.name.contains("API_KEY")) {
            findings.push(
                RULE.finding(
                    Location::span(file, read.span),
                    format!(
                        "{} is read in client code ({}): the secret key must stay on the server",
                        read.name,
                        why_client(facts, file)
                    ),
                )
                .with_help("mint widget tokens in a server route"),
            );
        }
        // Type-only imports are erased when compiled: nothing reaches the
        // browser through them.
        for import in file.imports.iter().filter(|i| !i.type_only) {
            if import.source == SDK_PACKAGE {
                findings.push(
                    RULE.finding(
                        Location::span(file, import.span),
                        format!(
                            "{SDK_PACKAGE} is imported in client code ({}): it needs the secret key",
                            why_client(facts, file)
                        ),
                    )
                    .with_help("use it only in a server route"),
                );
            } else if let Some(module) = local_file(facts, file, &import.source)
                && !module.client
                && !module.use_server
                && ships_the_sdk(module)
            {
                findings.push(
                    RULE.finding(
                        Location::span(file, import.span),
                        format!(
                            "client code ({}) imports {}, which holds the secret key (WORKOS_API_KEY / @workos-inc/node)",
                            why_client(facts, file),
                            shown(&module.path)
                        ),
                    )
                    .with_help("call it through an HTTP route instead"),
                );
            }
        }
    }
    findings
}

/// Whether a module creates the WorkOS client or imports
/// `@workos-inc/node` for its values: bundled for the browser, the SDK and
/// the call holding the key go with it. A module that only reads
/// `WORKOS_API_KEY` ships nothing of it (browser bundles get public
/// variables only).
fn ships_the_sdk(module: &SourceFile) -> bool {
    holds_secret(module)
        && (!module.new_workos.is_empty()
            || module
                .imports
                .iter()
                .any(|i| !i.type_only && i.source == SDK_PACKAGE))
}

fn why_client(facts: &Facts, file: &SourceFile) -> String {
    if file.use_client {
        return "a \"use client\" file".to_owned();
    }
    let folder = file.path.components().next().map_or_else(String::new, |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    if facts.project.routes.is_some() {
        format!(
            "in {folder}/ and rendered or imported by browser code; only *.server.* modules, .server/ folders and what only loaders, actions and server routes import stay on the server"
        )
    } else {
        format!("bundled for the browser from {folder}/")
    }
}
