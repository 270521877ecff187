//! WW506: the development identity resolver is still in use.

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW506",
    name: "dev-identity",
    severity: Severity::Warning,
    summary: "Widget tokens are minted for the fixed development identity",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Code that reads `WORKOS_WIDGETS_DEV_USER_ID` or
`WORKOS_WIDGETS_DEV_ORGANIZATION_ID`: the placeholder session resolver
`workos-widgets init` generates until you connect your own auth.

## Why it matters
Every visitor gets a token for the same development user. The generated
resolver returns `null` when `NODE_ENV=production`, so production answers
401 until you replace it: fine for trying widgets, not for shipping.

## Example
```ts
// bad: server/workos-widgets/session.ts, as generated
const userId = env.WORKOS_WIDGETS_DEV_USER_ID
// good
const session = await getSessionFromCookie(request.headers.get('cookie'))
return session && { userId: session.user.id, organizationId: session.organizationId }
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .files
        .iter()
        .filter_map(|file| {
            let read = file
                .env_reads
                .iter()
                .find(|r| r.name.starts_with("WORKOS_WIDGETS_DEV_"))?;
            Some(
                RULE.finding(
                    Location::span(file, read.span),
                    format!(
                        "{} is read here: tokens are minted for a fixed development identity",
                        read.name
                    ),
                )
                .with_help(
                    "resolve the user and organization from your own session before you ship",
                ),
            )
        })
        .collect()
}
