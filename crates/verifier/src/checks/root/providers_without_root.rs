//! WW202: `QueryClientProvider` + Theme set up instead of `WorkOsWidgets`.

use super::wrap_root_fix;
use crate::facts::{Facts, JsxKind};
use crate::finding::{Finding, Location, Severity};
use crate::questions::root_wrapped;
use crate::render_roots;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW202",
    name: "providers-without-root",
    severity: Severity::Error,
    summary: "QueryClientProvider + Theme without <WorkOsWidgets>: the widgets crash at runtime",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Apps that wrap their widgets in TanStack's `QueryClientProvider` and Radix's
`Theme` (the setup some guides describe) but render no `WorkOsWidgets`
around them. Reported only when proven: no file renders `WorkOsWidgets` and
a render path from where the app starts reaches a widget with none on it
(see WW201); a root inside code the tool cannot read (a workspace package)
leaves it quiet.

## Why it matters
That setup builds and type-checks, then crashes in the browser:
`useElement must be used within a WidgetsContext provider`. The widgets need
their own context, which only `WorkOsWidgets` provides; it also mounts
`Theme` and a `QueryClientProvider` (pass yours as `queryClient` to share it).

## Example
```tsx
// bad
<QueryClientProvider client={queryClient}>
  <Theme>
    <UserProfile authToken={getToken} />
  </Theme>
</QueryClientProvider>
// good
<WorkOsWidgets queryClient={queryClient}>
  <UserProfile authToken={getToken} />
</WorkOsWidgets>
```
`--fix` wraps the app root in `<WorkOsWidgets>`.
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    // Reported only when proven: a widget that a render path shows
    // outside every root (a root from a workspace package the scan cannot
    // read is not proven absent).
    let uncovered = !render_roots::unwrapped_widgets(facts).is_empty();
    let has_theme = facts
        .files
        .iter()
        .any(|f| f.jsx.iter().any(|e| e.kind == JsxKind::Theme));
    let has_root = facts.files.iter().any(|f| f.roots().next().is_some());
    if !uncovered || !has_theme || has_root || root_wrapped(facts) {
        return Vec::new();
    }
    let fix = wrap_root_fix(facts);
    facts
        .files
        .iter()
        .flat_map(|file| {
            file.jsx
                .iter()
                .filter(|e| e.kind == JsxKind::QueryClientProvider)
                .map(move |e| (file, e))
        })
        .map(|(file, element)| {
            RULE.fixable_finding(
                Location::span(file, element.span),
                "QueryClientProvider and Theme without <WorkOsWidgets>: this builds but the widgets crash at runtime (\"useElement must be used within a WidgetsContext provider\")",
                fix.clone(),
            )
            .with_help(
                "render <WorkOsWidgets> (it mounts Theme and QueryClientProvider itself; pass your client as queryClient)",
            )
        })
        .collect()
}
