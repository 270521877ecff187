//! WW303: `UserSessions` with a string token but no `currentSessionId`.

use crate::facts::{Facts, ValueKind};
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW303",
    name: "session-id-missing",
    severity: Severity::Error,
    summary: "UserSessions gets a token string but no currentSessionId",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
`<UserSessions>` elements whose token is a string (a literal, or a variable
named like one: `token`, `accessToken`) and that pass no `currentSessionId`.

## Why it matters
`UserSessions` accepts either `authToken: () => Promise<string>` (it reads
the session id from the token) or `authToken: string` together with
`currentSessionId: string`. A string alone fails `tsc`, and the widget
cannot tell which session is the current one.

## Example
```tsx
// bad
<UserSessions authToken={accessToken} />
// good
<UserSessions authToken={accessToken} currentSessionId={sessionId} />
// good: the function form needs no session id
<UserSessions authToken={getAccessToken} />
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .widget_elements()
        .filter(|(_, e, w)| {
            w.component == "UserSessions"
                && !e.has_spread
                && e.attribute("currentSessionId").is_none()
                && e.attribute("authToken")
                    .or_else(|| e.attribute("accessToken"))
                    .is_some_and(|a| a.value == ValueKind::String)
        })
        .map(|(file, element, _)| {
            RULE.finding(
                Location::span(file, element.span),
                "<UserSessions> gets a token string but no currentSessionId",
            )
            .with_help(
                "pass currentSessionId (e.g. withAuth()'s sessionId), or pass a function as authToken",
            )
        })
        .collect()
}
