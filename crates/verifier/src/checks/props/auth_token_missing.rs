//! WW301: a widget without `authToken`.

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW301",
    name: "auth-token-missing",
    severity: Severity::Error,
    summary: "A widget is rendered without an authToken prop",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That every widget element passes `authToken` (or spreads props that may
hold it).

## Why it matters
`authToken` is required on every widget (`string | (() => Promise<string>)`):
without it `tsc` fails, and in JavaScript the widget shows its loading state
forever.

## Example
```tsx
// bad
<UserProfile />
// good: the function form is called again before the token expires
<UserProfile authToken={fetchWidgetsToken} />
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .widget_elements()
        .filter(|(_, e, _)| {
            !e.has_spread && e.attribute("authToken").is_none() && e.attribute("accessToken").is_none()
        })
        .map(|(file, element, widget)| {
            RULE.finding(
                Location::span(file, element.span),
                format!("<{}> has no authToken", widget.component),
            )
            .with_help(
                "pass a token string or, better, a function that fetches one (authToken={getToken})",
            )
        })
        .collect()
}
