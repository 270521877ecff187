//! WW001: a source file that does not parse.

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW001",
    name: "syntax-error",
    severity: Severity::Error,
    summary: "A source file does not parse, so it was not checked",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That every JS/TS file `verify` parses does parse (with oxc, as TypeScript
for `.ts`/`.tsx` and as JSX for JavaScript files). `verify` parses the app
root and every file that mentions WorkOS, widgets, a secret key,
`QueryClientProvider` or `@radix-ui/themes`; other files hold nothing it
checks and are not parsed.

## Why it matters
A file that does not parse cannot be checked: its widgets, token calls and
secrets are invisible to every other rule, and the build fails on it anyway.

## Example
```tsx
// bad
export function Profile() {
  return <UserProfile authToken={getToken} /
}
// good
export function Profile() {
  return <UserProfile authToken={getToken} />
}
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .files
        .iter()
        .filter_map(|file| {
            let (span, message) = file.syntax_error.as_ref()?;
            Some(RULE.finding(
                Location::span(file, *span),
                format!("{message}; fix the syntax so the file can be checked"),
            ))
        })
        .collect()
}
