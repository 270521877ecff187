//! WW602: a WorkOS variable with the wrong shape.

use workos_widgets_core::env_files::mask;

use super::{lookup, needed};
use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW602",
    name: "env-malformed",
    severity: Severity::Error,
    summary: "WORKOS_API_KEY does not start with sk_ or WORKOS_CLIENT_ID with client_",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That a set `WORKOS_API_KEY` starts with `sk_` and a set `WORKOS_CLIENT_ID`
with `client_`. Values are only ever printed masked.

## Why it matters
A swapped pair (the client id as the key), a publishable key or a stray
quote gives 401 on every token request.

## Example
```sh
# bad
WORKOS_API_KEY=client_01H...
# good
WORKOS_API_KEY=sk_test_...
WORKOS_CLIENT_ID=client_01H...
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    needed(facts)
        .into_iter()
        .filter_map(|n| {
            let (value, place) = lookup(facts, &n.name)?;
            if value.starts_with(n.prefix) {
                return None;
            }
            let (location, source) = match place {
                Some((file, line)) => {
                    let shown = file.display().to_string();
                    (Location::line(file, line), shown)
                }
                None => (n.used_at.clone(), "the environment".to_owned()),
            };
            Some(
                RULE.finding(
                    location,
                    format!(
                        "{} in {source} is {}, which does not start with {}",
                        n.name,
                        mask(&value),
                        n.prefix
                    ),
                )
                .with_help("copy it again from the WorkOS Dashboard"),
            )
        })
        .collect()
}
