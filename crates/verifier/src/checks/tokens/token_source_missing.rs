//! WW401: widgets without any token source.

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::questions::uses_authkit;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW401",
    name: "token-source-missing",
    severity: Severity::Error,
    summary: "Widgets are rendered but nothing mints widget tokens",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
When widgets are rendered, that the app has a token source: a backend
module calling `workos.widgets.getToken(...)`/`createToken(...)`, or AuthKit
(`@workos-inc/authkit-react`/`-js`'s `getAccessToken`, `authkit-nextjs`'s
`withAuth()`).

## Why it matters
A widget without a valid token shows its loading state or an error; a
token cannot be made in the browser (it needs the secret key).

## Example
```tsx
// bad: a token from nowhere
<UsersManagement authToken={localStorage.getItem('token')!} />
// good: AuthKit React
const { getAccessToken } = useAuth()
<UsersManagement authToken={getAccessToken} />
```
Run `workos-widgets init` to generate a token route.
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    if !facts.complete || facts.token_modules().next().is_some() || uses_authkit(facts) {
        return Vec::new();
    }
    facts
        .widget_elements()
        .map(|(file, element, widget)| {
            RULE.finding(
                Location::span(file, element.span),
                format!(
                    "<{}> needs a widget token, but no file mints one (workos.widgets.getToken/createToken) and AuthKit is not used",
                    widget.component
                ),
            )
            .with_help("add a token route (`workos-widgets init`) or use AuthKit's getAccessToken")
        })
        .collect()
}
