//! WW105: a token module without `@workos-inc/node` declared.

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};
use workos_widgets_core::catalog::SDK_PACKAGE;

pub static RULE: Rule = Rule {
    code: "WW105",
    name: "node-sdk-missing",
    severity: Severity::Error,
    summary: "Code mints widget tokens, but @workos-inc/node is not declared",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That package.json declares `@workos-inc/node` when a file imports it or calls
`workos.widgets.getToken`/`createToken`. A file that gets its client from
an AuthKit SDK (`getWorkOS()` of `@workos-inc/authkit-nextjs`,
`-react-router` or `-remix`), with that package declared, needs
no direct dependency: AuthKit depends on the SDK and picks its version (adding
another copy can even conflict, e.g. authkit-nextjs 4 with @workos-inc/node 11).

## Why it matters
The token route fails to start ("Cannot find module '@workos-inc/node'"), or
works only by accident through another package's copy, whose version the
token call must match (see WW402).

## Example
```json
// bad: server/token.ts imports @workos-inc/node, package.json lacks it
// good
{ "dependencies": { "@workos-inc/node": "^8.13.0" } }
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let declared = |name: &str| facts.project.package_json.declared(name).is_some();
    if declared(SDK_PACKAGE) {
        return Vec::new();
    }
    let client_sdks: Vec<&str> = workos_widgets_core::framework::authkit_client_sdks()
        .into_iter()
        .filter(|sdk| declared(sdk))
        .collect();
    let add = facts
        .project
        .package_manager
        .name
        .add_args(&[SDK_PACKAGE.to_owned()])
        .join(" ");
    let program = facts.project.package_manager.name.program();
    facts
        .files
        .iter()
        .filter_map(|file| {
            let location = match (
                file.imports.iter().find(|i| i.source == SDK_PACKAGE),
                file.token_calls.first(),
            ) {
                (Some(import), _) => Location::span(file, import.span),
                (None, Some(_))
                    if file
                        .imports
                        .iter()
                        .any(|i| client_sdks.contains(&i.source.as_str())) =>
                {
                    return None;
                }
                (None, Some(call)) => Location::span(file, call.span),
                (None, None) => return None,
            };
            Some(
                RULE.finding(
                    location,
                    format!("this file mints widget tokens but {SDK_PACKAGE} is not declared in package.json"),
                )
                .with_help(format!("run `{program} {add}`")),
            )
        })
        .collect()
}
