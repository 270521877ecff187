//! WW302: `accessToken` instead of `authToken`.

use std::path::Path;

use oxc_ast::ast::Program;
use workos_widgets_core::edit::TextEdit;

use crate::facts::{Facts, JsxFact, JsxKind, read_text};
use crate::finding::{Finding, Fix, Location, Severity, Stage, step};
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
            let fixable = renamable(element) && element.import_source.is_none();
            let fix = fixable.then(|| {
                Fix::module(
                    format!(
                        "rename accessToken to authToken in {}",
                        crate::questions::shown(&file.path)
                    ),
                    file.path.clone(),
                    Stage::Props,
                    vec![step(|path, text, program| Ok(rename(path, text, program)))],
                )
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

/// Whether `--fix` renames the `accessToken` of `element`: not when it has
/// an `authToken` as well.
fn renamable(element: &JsxFact) -> bool {
    element.attribute("authToken").is_none()
}

/// The fix: `accessToken` renamed `authToken` on the widgets of the file.
fn rename(path: &Path, text: &str, program: &Program<'_>) -> Vec<TextEdit> {
    read_text(path, text, program)
        .jsx
        .iter()
        .filter(|e| matches!(e.kind, JsxKind::Widget(_)) && renamable(e))
        .filter_map(|e| e.attribute("accessToken"))
        .map(|a| TextEdit::replace(a.name_span.start, a.name_span.end, "authToken"))
        .collect()
}
