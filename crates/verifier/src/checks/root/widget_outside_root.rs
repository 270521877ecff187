//! WW201: a widget rendered outside `<WorkOsWidgets>`.

use super::wrap_root_fix;
use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::questions::{app_root_file, shown, unwrapped_renders};
use crate::render_roots;
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
That every rendered widget has a `WorkOsWidgets` ancestor when React
renders it. Reported only when proven: the check follows the app the way
React renders it (the render graph) from where the framework starts (the
Vite/CRA entry's `render(...)`, Next.js layouts and pages, `_app`, the root
module and route modules of React Router 7, Remix 2 and TanStack Start)
through components, elements passed as children or props, `lazy()` and
`next/dynamic` components, render helpers (`{renderWidget()}`), both
branches of conditionals, re-exports and barrels, React Router route
tables and `<Route element>` layouts. A widget is reported when there is
a path from a root to it with no `<WorkOsWidgets>` on it, with that path.
Where the path cannot be followed (an unresolved import, a computed
component, a prop rendered where a component decides, a route table built
by code, `--staged`), the check stays quiet.

A wrapper component covers what it is given only when every place it
renders `{children}` (or `<Outlet />`) is inside `<WorkOsWidgets>`:
`{busy ? <Shell>{children}</Shell> : children}` leaves one branch bare.

An entry that calls `render(...)` more than once (a development and a
production branch, say) must wrap every one of those trees: a `render(...)`
call whose tree has no `<WorkOsWidgets>` while another call's tree has one
is reported at that call (unless something else wraps the app, such as the
`App` component or a layout route), as the widgets crash whenever that
branch runs. `--fix` wraps those trees too, with the props of the
`<WorkOsWidgets>` beside them.

Widgets are recognised through their imports, so aliases (`UserProfile as
Profile`), namespace imports and per-widget entry points
(`@workos-inc/widgets/user-profile`) count.

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
    if facts.widget_elements().next().is_none() {
        return findings;
    }
    let fix = wrap_root_fix(facts);
    let bare_renders = unwrapped_renders(facts);
    findings.extend(bare_renders.iter().map(|&(file, render)| {
        let name = file.text.get(render.span.start..render.span.end).unwrap_or("render");
        RULE.fixable_finding(
            Location::span(file, render.span),
            format!(
                "this {name}(...) call renders the app without <WorkOsWidgets> (another {name}(...) call in {} wraps it): whenever this branch runs, every widget under it throws \"useElement must be used within a WidgetsContext provider\"",
                shown(&file.path)
            ),
            fix.clone().filter(|_| app_root_file(facts) == Some(file.path.as_path())),
        )
        .with_help("wrap this tree in <WorkOsWidgets> too")
    }));
    for unwrapped in render_roots::unwrapped_widgets(facts) {
        // A bare render(...) branch is reported once, at the call.
        if let Some(entry) = unwrapped.render_file
            && bare_renders.iter().any(|(bare, _)| bare.path == entry)
        {
            continue;
        }
        findings.push(
            RULE.fixable_finding(
                Location::span(unwrapped.file, unwrapped.element.span),
                format!(
                    "<{}> renders with no <WorkOsWidgets> around it (rendered through {}) and will throw \"useElement must be used within a WidgetsContext provider\"",
                    unwrapped.widget.component,
                    unwrapped.path.join(" > ")
                ),
                fix.clone(),
            )
            .with_help("wrap the app root (or this tree) in <WorkOsWidgets>"),
        );
    }
    findings
}
