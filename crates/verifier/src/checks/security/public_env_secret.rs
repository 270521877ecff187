//! WW502: the secret key in a public env variable.

use super::masked_secret;
use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};
use workos_widgets_core::framework::public_env_prefixes;

pub static RULE: Rule = Rule {
    code: "WW502",
    name: "public-env-secret",
    severity: Severity::Error,
    summary: "The WorkOS secret key is in a public env variable (NEXT_PUBLIC_, VITE_, REACT_APP_)",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Env variables with a public prefix (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`,
`PUBLIC_`, `EXPO_PUBLIC_`) that hold the WorkOS secret key: a name such as
`VITE_WORKOS_API_KEY` read in code or set in `.env`/`.env.local`, or any
public variable whose value starts with `sk_`.

## Why it matters
Bundlers inline public variables into the JavaScript sent to browsers:
the key becomes readable by anyone who opens the site.

## Example
```sh
# bad: .env.local
NEXT_PUBLIC_WORKOS_API_KEY=sk_test_...
# good
WORKOS_API_KEY=sk_test_...
```
"#;

fn is_public(name: &str) -> bool {
    public_env_prefixes().iter().any(|p| name.starts_with(p))
}

fn is_secret_name(name: &str) -> bool {
    name.contains("WORKOS") && (name.contains("API_KEY") || name.contains("SECRET"))
}

fn run(facts: &Facts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for file in &facts.files {
        for read in &file.env_reads {
            if is_public(&read.name) && is_secret_name(&read.name) {
                findings.push(
                    RULE.finding(
                        Location::span(file, read.span),
                        format!(
                            "{} is a public variable: its value is bundled into browser code",
                            read.name
                        ),
                    )
                    .with_help("read WORKOS_API_KEY (no prefix) on the server only"),
                );
            }
        }
    }
    for var in &facts.env_vars {
        if !is_public(&var.name) {
            continue;
        }
        let (message, help) = if var.value.starts_with("sk_") {
            (
                format!(
                    "{} holds a secret key ({}) in a public variable: it is bundled into browser code",
                    var.name,
                    masked_secret(&var.value)
                ),
                "rename it WORKOS_API_KEY and rotate the key",
            )
        } else if is_secret_name(&var.name) {
            (
                format!(
                    "{} is a public variable: its value is bundled into browser code",
                    var.name
                ),
                "use WORKOS_API_KEY (no prefix)",
            )
        } else {
            continue;
        };
        findings.push(
            RULE.finding(Location::line(var.file.clone(), var.line), message)
                .with_help(help),
        );
    }
    findings
}
