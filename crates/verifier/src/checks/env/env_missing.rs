//! WW601: a WorkOS variable the app needs is not set.

use super::{lookup, needed};
use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW601",
    name: "env-missing",
    severity: Severity::Warning,
    summary: "WORKOS_API_KEY or WORKOS_CLIENT_ID is not set",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That `WORKOS_API_KEY` (when server code mints tokens) and the AuthKit
client id (when AuthKit is used) are set, in the process environment or in
`.env` / `.env.local`. The client id is looked for under the name the app's
code reads, else the one its framework gives the browser:
`VITE_WORKOS_CLIENT_ID` on Vite, `REACT_APP_WORKOS_CLIENT_ID` on Create
React App, `WORKOS_CLIENT_ID` on Next.js (authkit-nextjs reads it on the
server). A literal `clientId="client_..."` needs no variable. It is a
warning: CI and fresh clones often run without secrets.

## Why it matters
Without the key the token route answers 500 and every widget stays in its
loading state; without the client id AuthKit cannot sign anyone in.

## Example
```sh
# good: .env.local (git-ignored)
WORKOS_API_KEY=sk_test_...
WORKOS_CLIENT_ID=client_...
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    needed(facts)
        .into_iter()
        .filter(|n| lookup(facts, &n.name).is_none())
        .map(|n| {
            RULE.finding(
                n.used_at.clone(),
                format!(
                    "{} is not set in the environment, .env or .env.local ({})",
                    n.name, n.why
                ),
            )
            .with_help(format!(
                "add {}={}... to .env.local (WorkOS Dashboard > API Keys)",
                n.name, n.prefix
            ))
        })
        .collect()
}
