//! WW505: the token route trusts ids sent by the browser.

use crate::checks::common::token_module_family;
use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW505",
    name: "identity-from-request",
    severity: Severity::Error,
    summary: "The token route takes the user or organization id from the request",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Token modules (files calling `widgets.getToken`/`createToken`) and the local
modules they import, for reads of `user_id`, `userId`, `organization_id`,
`organizationId`, `org_id` or `orgId` from the request: its body
(`await request.json()`, `req.body`), query (`searchParams.get(...)`,
`req.query`), params or headers.

## Why it matters
Whoever calls the route controls those values: anyone could mint a widget
token for any user or organization, e.g. an admin token for someone else's
organization. The ids must come from your server-side session.

## Example
```ts
// bad
const { userId, organizationId } = await request.json()
// good
const session = await getSession(request) // your auth, from a cookie
const { userId, organizationId } = session
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    token_module_family(facts)
        .into_iter()
        .flat_map(|file| {
            file.request_reads.iter().map(move |read| {
                RULE.finding(
                    Location::span(file, read.span),
                    format!("{} comes from the request: anyone could mint a widget token for any user or organization; take it from the signed-in session on the server", read.name),
                )
            })
        })
        .collect()
}
