//! WW402: the token call does not match the installed `@workos-inc/node`.

use workos_widgets_core::node_sdk;

use crate::facts::{Facts, TokenMethod};
use crate::finding::{Finding, Location, Severity};
use crate::questions::sdk_version_in;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW402",
    name: "sdk-call-mismatch",
    severity: Severity::Error,
    summary: "The widget token call does not match the installed @workos-inc/node",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
`workos.widgets.getToken`/`createToken` calls against the installed (else
declared) `@workos-inc/node` major version. A file whose client is an
AuthKit SDK's `getWorkOS()` is judged by the copy that SDK loads
(`@workos-inc/authkit-react-router` and `-remix` depend on 7.x, whatever the
app declares); reported only when that copy is installed.

| version | method | resolves to |
|---|---|---|
| 7.x, 8.x | `getToken` | the token string |
| 9.x and later | `createToken` | `{ token }` |

It also flags `const { token } = await workos.widgets.getToken(...)`.

## Why it matters
Each version has only one of the two methods: the other is `undefined`
("workos.widgets.createToken is not a function"). Destructuring `{ token }`
from `getToken`'s string gives `undefined`, so every widget gets no token;
the public docs show exactly that.

## Example
```ts
// bad with @workos-inc/node 8.13.0
const { token } = await workos.widgets.getToken({ organizationId, userId })
// good with 8.x
const token = await workos.widgets.getToken({ organizationId, userId })
// good with 9.x and later
const { token } = await workos.widgets.createToken({ organizationId, userId })
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for file in facts.token_modules() {
        let Some((version, via)) = sdk_version_in(facts, file) else {
            continue;
        };
        let sdk = match via {
            Some(kit) => format!("@workos-inc/node {version} (the copy {kit}'s getWorkOS() loads)"),
            None => format!("@workos-inc/node {version}"),
        };
        let upgrade = if via.is_some() {
            "; for a 9+ client, use the app's own `new WorkOS()` from @workos-inc/node"
        } else {
            ", or upgrade to 9+ (Node >= 22.11)"
        };
        for call in &file.token_calls {
            let (message, help) = match (call.method, node_sdk::uses_create_token(version.major)) {
                (TokenMethod::GetToken, true) => (
                    format!(
                        "{sdk} has no widgets.getToken: since 9.0 it is widgets.createToken(...), which resolves to {{ token }}"
                    ),
                    "write `const { token } = await workos.widgets.createToken(...)`".to_owned(),
                ),
                (TokenMethod::CreateToken, false) => (
                    format!("{sdk} has no widgets.createToken (added in 9.0)"),
                    format!(
                        "call widgets.getToken(...), which resolves to the token string{upgrade}"
                    ),
                ),
                (TokenMethod::GetToken, false) if call.destructures_token => (
                    format!(
                        "widgets.getToken resolves to the token string in {sdk}: `const {{ token }} = ...` gives undefined"
                    ),
                    "write `const token = await workos.widgets.getToken(...)`".to_owned(),
                ),
                _ => continue,
            };
            findings.push(
                RULE.finding(Location::span(file, call.span), message)
                    .with_help(help),
            );
        }
    }
    findings
}
