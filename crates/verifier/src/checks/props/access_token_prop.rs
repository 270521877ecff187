//! WW302: `accessToken` instead of `authToken`.

use crate::facts::Facts;
use crate::finding::{Finding, Fix, FixAction, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW302",
    name: "access-token-prop",
    severity: Severity::Error,
    summary: "A widget gets its token as accessToken; widgets take authToken",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Widget elements with an `accessToken` prop.

## Why it matters
No widget has an `accessToken` prop: `tsc` fails with TS2322, and in
JavaScript the token is silently ignored, so the widget never loads. Some
guides write `accessToken`; the prop is `authToken`.

## Example
```tsx
// bad
<UserProfile accessToken={token} />
// good
<UserProfile authToken={token} />
```
`--fix` renames the prop (when the element has no `authToken` already).
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .widget_elements()
        .filter_map(|(file, element, widget)| {
            let attribute = element.attribute("accessToken")?;
            // The fix re-reads the file alone: widgets that come through a
            // local barrel module are fixed by hand.
            let fixable =
                element.attribute("authToken").is_none() && element.import_source.is_none();
            let fix = fixable.then(|| Fix {
                description: format!(
                    "rename accessToken to authToken in {}",
                    crate::checks::common::shown(&file.path)
                ),
                action: FixAction::RenameAccessToken {
                    file: file.path.clone(),
                },
            });
            Some(
                RULE.fixable_finding(
                    Location::span(file, attribute.name_span),
                    format!("<{}> takes authToken, not accessToken", widget.component),
                    fix,
                )
                .with_help("rename the prop"),
            )
        })
        .collect()
}
