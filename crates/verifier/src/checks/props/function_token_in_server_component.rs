//! WW306: a function token passed from a Next.js Server Component.

use workos_widgets_core::framework::is_server_component;

use crate::facts::{Facts, ValueKind};
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW306",
    name: "function-token-in-server-component",
    severity: Severity::Error,
    summary: "A Server Component passes a function as authToken to a client widget",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
In a Next.js App Router app, widgets rendered from a file under `app/`
without `"use client"` (a Server Component) whose `authToken` is a function.

## Why it matters
Widgets are Client Components. Props from a Server Component to a Client
Component must be serialisable: a function fails at render time with
"Functions cannot be passed directly to Client Components". Either mint the
token on the server and pass the string, or render the widget from a
`"use client"` component that passes the function.

## Example
```tsx
// bad: app/profile/page.tsx (no "use client")
<UserProfile authToken={fetchWidgetsToken} />
// good: app/profile/page.tsx
const { accessToken } = await withAuth({ ensureSignedIn: true })
<UserProfile authToken={accessToken} />
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .widget_elements()
        .filter(|(file, element, _)| {
            is_server_component(&facts.project, &file.path, file.use_client)
                && element
                    .attribute("authToken")
                    .is_some_and(|a| a.value == ValueKind::Function)
        })
        .map(|(file, element, widget)| {
            RULE.finding(
                Location::span(file, element.span),
                format!(
                    "<{}> gets a function as authToken in a Server Component: functions cannot be passed to Client Components",
                    widget.component
                ),
            )
            .with_help(
                "pass a token string minted on the server, or render the widget from a \"use client\" file",
            )
        })
        .collect()
}
