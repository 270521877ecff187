//! WW305: PipesLoading/PipesAdminLoading without `count`.

use std::path::Path;

use oxc_ast::ast::Program;
use workos_widgets_core::catalog::Widget;
use workos_widgets_core::edit::TextEdit;

use crate::facts::{Facts, JsxFact, JsxKind, read_text};
use crate::finding::{Finding, Fix, Location, Severity, Stage, step};
use crate::questions::shown;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW305",
    name: "loading-count-missing",
    severity: Severity::Error,
    summary: "PipesLoading or PipesAdminLoading is rendered without its required count",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
`<PipesLoading>` and `<PipesAdminLoading>` (often a Suspense fallback)
without a `count` prop.

## Why it matters
Unlike the other `<Name>Loading` components they require `count: number`
(how many placeholder rows to draw): `tsc` fails without it.

## Example
```tsx
// bad
<Suspense fallback={<PipesLoading />}>
// good
<Suspense fallback={<PipesLoading count={3} />}>
```
`--fix` adds `count={3}`.
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .files
        .iter()
        .flat_map(|file| file.jsx.iter().map(move |e| (file, e)))
        .filter_map(|(file, element)| {
            let widget = lacking_count(element)?;
            let fix = element.import_source.is_none().then(|| {
                Fix::module(
                    format!(
                        "add count={{3}} to the Pipes loading placeholders in {}",
                        shown(&file.path)
                    ),
                    file.path.clone(),
                    Stage::Props,
                    vec![step(|path, text, program| {
                        Ok(add_count(path, text, program))
                    })],
                )
            });
            Some(
                RULE.fixable_finding(
                    Location::span(file, element.span),
                    format!(
                        "<{}> requires count (placeholder rows)",
                        widget.loading_component
                    ),
                    fix,
                )
                .with_help("add count={3}"),
            )
        })
        .collect()
}

/// The widget of `element` when it is a Pipes loading placeholder without
/// its `count` (and no spread that may pass it).
fn lacking_count(element: &JsxFact) -> Option<&'static Widget> {
    match element.kind {
        JsxKind::Loading(widget)
            if !widget.loading_props.is_empty()
                && !element.has_spread
                && element.attribute("count").is_none() =>
        {
            Some(widget)
        }
        _ => None,
    }
}

/// The fix: the placeholders of the file get their `count`.
fn add_count(path: &Path, text: &str, program: &Program<'_>) -> Vec<TextEdit> {
    read_text(path, text, program)
        .jsx
        .iter()
        .filter_map(|e| lacking_count(e).map(|w| TextEdit::insert(e.span.end, w.loading_props)))
        .collect()
}
