//! WW001: a source file that does not parse.

use crate::facts::{Facts, Span};
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW001",
    name: "syntax-error",
    severity: Severity::Error,
    summary: "A source file does not parse, is not valid UTF-8, or nests too deep to check",
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

Also that every JS/TS file is valid UTF-8: a file with a byte that is not
(a Latin-1 `é` saved by an old editor, a stray binary byte) is reported at
that byte, with its line. Such a file is still checked by the other rules,
with each invalid sequence read as U+FFFD.

And that no file nests too deep to check safely: more than 1,000 levels
of open brackets, JSX elements inside JSX elements and operators that nest
(`a = b = ...`, `!!!x`, `if (a) if (b) ...`), or a syntax tree more than
10,000 levels deep (a chain such as `a + a + ...` or `a.b.b...`). Such a
file, usually generated, is reported where it passes the limit and not
checked, since parsing and walking it could exhaust the stack. Real
components nest a few dozen levels.

## Why it matters
A file that does not parse cannot be checked: its widgets, token calls and
secrets are invisible to every other rule, and the build fails on it anyway.
Bundlers and TypeScript read sources as UTF-8: an invalid byte garbles the
string it sits in or fails the build.

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
    let mut findings = Vec::new();
    for file in &facts.files {
        if let Some(at) = file.invalid_utf8 {
            let (line, _) = file.line_col(at);
            findings.push(
                RULE.finding(
                    Location::span(file, Span::new(at, at)),
                    format!(
                        "not valid UTF-8 at byte {at} (line {line}): bundlers and TypeScript read source files as UTF-8 (it was checked with the invalid bytes read as U+FFFD)"
                    ),
                )
                .with_help("re-save the file as UTF-8"),
            );
        }
        if let Some(span) = file.too_deep {
            findings.push(
                RULE.finding(
                    Location::span(file, span),
                    "nested too deep here (brackets, JSX elements, chained operators): too deep to check safely, so it was not checked",
                )
                .with_help("split the deepest element or expression into smaller components"),
            );
        }
        if let Some((span, message)) = &file.syntax_error {
            findings.push(
                RULE.finding(Location::span(file, *span), message.clone())
                    .with_help("fix the syntax so the file can be checked"),
            );
        }
    }
    findings
}
