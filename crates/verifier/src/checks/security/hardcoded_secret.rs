//! WW503: a secret key written in source code.

use super::masked_secret;
use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};
use workos_widgets_core::facts::read::looks_like_secret;

pub static RULE: Rule = Rule {
    code: "WW503",
    name: "hardcoded-secret",
    severity: Severity::Error,
    summary: "A WorkOS secret key (sk_test_/sk_live_) is written in a source file",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
String literals in source files that git does not ignore holding something
shaped like a WorkOS secret key: `sk_test_` or `sk_live_` followed by at least
eight letters or digits.

## Why it matters
Committed keys leak through the repository, its forks and CI logs; client
code also ships them to every visitor. Keep the key in `.env.local` (git
ignored) or the deployment's secrets, and rotate any key that was committed.

## Example
```ts
// bad
const workos = new WorkOS('sk_test_a1b2c3d4e5f6')
// good
const workos = new WorkOS(process.env.WORKOS_API_KEY)
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .files
        .iter()
        .flat_map(|file| {
            file.strings
                .iter()
                .filter(|s| looks_like_secret(&s.value))
                .map(move |s| {
                    RULE.finding(
                        Location::span(file, s.span),
                        format!(
                            "a secret key ({}) is written in the source",
                            masked_secret(&s.value)
                        ),
                    )
                    .with_help(
                        "move it to WORKOS_API_KEY in .env.local or the server's environment, and rotate it",
                    )
                })
        })
        .collect()
}
