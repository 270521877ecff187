//! WW201: a widget rendered outside `<WorkOsWidgets>`.

use super::wrap_root_fix;
use crate::checks::common::{
    app_root_file, has_root_ancestor, root_wrapped, shown, unwrapped_renders,
};
use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW201",
    name: "widget-outside-root",
    severity: Severity::Error,
    summary: "A widget has no <WorkOsWidgets> ancestor and crashes at runtime",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That every rendered widget has a `WorkOsWidgets` ancestor: either the app
root wraps the whole tree (the Vite entry's `render(...)`, the Next.js
`app/layout` around `{children}` or `pages/_app` around `<Component>`,
directly or through a local wrapper such as `<Providers>`), or the widget's
own file renders it inside `<WorkOsWidgets>`.

An entry that calls `render(...)` more than once (a development and a
production branch, say) must wrap every one of those trees: a `render(...)`
call whose tree has no `<WorkOsWidgets>` while another call's tree has one
is reported at that call (unless something else wraps the app, such as the
`App` component or a layout route), as the widgets crash whenever that
branch runs. `--fix` wraps those trees too, with the props of the
`<WorkOsWidgets>` beside them.

Widgets are recognised through
their imports, so aliases (`UserProfile as Profile`), namespace imports
and per-widget entry points (`@workos-inc/widgets/user-profile`) count.

## Why it matters
`WorkOsWidgets` mounts the Radix `Theme`, a TanStack `QueryClientProvider`
and the widgets' own context. Without it every widget throws
`useElement must be used within a WidgetsContext provider` on first render.

## Example
```tsx
// bad: src/main.tsx
createRoot(el).render(<App />)
// good
createRoot(el).render(
  <WorkOsWidgets>
    <App />
  </WorkOsWidgets>,
)
```
`--fix` wraps the app root, as `init` does.
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let mut findings: Vec<Finding> = Vec::new();
    if facts.widget_elements().next().is_some() {
        let fix = wrap_root_fix(facts);
        findings.extend(unwrapped_renders(facts).into_iter().map(|(file, render)| {
            let name = file.text.get(render.span.start..render.span.end).unwrap_or("render");
            RULE.fixable_finding(
                Location::span(file, render.span),
                format!(
                    "this {name}(...) call renders the app without <WorkOsWidgets> (another {name}(...) call in {} wraps it): whenever this branch runs, every widget under it throws \"useElement must be used within a WidgetsContext provider\"; wrap this tree in <WorkOsWidgets> too",
                    shown(&file.path)
                ),
                fix.clone().filter(|_| app_root_file(facts) == Some(file.path.as_path())),
            )
        }));
    }
    if root_wrapped(facts) {
        return findings;
    }
    let fix = wrap_root_fix(facts);
    findings.extend(facts
        .widget_elements()
        .filter(|(file, element, _)| !has_root_ancestor(file, element))
        .map(|(file, element, widget)| {
            RULE.fixable_finding(
                Location::span(file, element.span),
                format!(
                    "<{}> has no <WorkOsWidgets> ancestor and will throw \"useElement must be used within a WidgetsContext provider\": wrap the app root (or this tree) in <WorkOsWidgets>",
                    widget.component
                ),
                fix.clone(),
            )
        }));
    findings
}
