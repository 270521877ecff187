//! WW305: PipesLoading/PipesAdminLoading without `count`.

use crate::checks::common::shown;
use crate::facts::{Facts, JsxKind};
use crate::finding::{Finding, Fix, FixAction, Location, Severity};
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
            let JsxKind::Loading(widget) = element.kind else {
                return None;
            };
            (!widget.loading_props.is_empty()
                && !element.has_spread
                && element.attribute("count").is_none())
            .then(|| {
                let fix = element.import_source.is_none().then(|| Fix {
                    description: format!(
                        "add count={{3}} to the Pipes loading placeholders in {}",
                        shown(&file.path)
                    ),
                    action: FixAction::AddLoadingCount {
                        file: file.path.clone(),
                    },
                });
                RULE.fixable_finding(
                    Location::span(file, element.span),
                    format!(
                        "<{}> requires count (placeholder rows)",
                        widget.loading_component
                    ),
                    fix,
                )
                .with_help("add count={3}")
            })
        })
        .collect()
}
