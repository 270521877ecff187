//! WW201: a widget rendered outside `<WorkOsWidgets>`.

use std::collections::HashSet;
use std::path::Path;

use super::route_tree::RouteTree;
use super::wrap_root_fix;
use crate::checks::common::{
    app_root_file, app_wrapped, has_root_ancestor, layout_route_wrapped, shown, unwrapped_renders,
    wrapping_layouts,
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

In a React Router 7, Remix 2 or TanStack Start app whose root module does
not wrap the app, a layout route that wraps its `<Outlet />` covers the
routes nested in it, read from `app/routes.ts` (`layout`, `route`, `index`,
`prefix`) or from the route file names (`dashboard.team.tsx` nests in
`dashboard.tsx`, `dashboard_.profile.tsx` does not; TanStack's
`posts/route.tsx` is the layout of `posts/$id.tsx`). A widget that a route
outside every such layout renders (in the route module or in a component
it imports) is reported with that route. A routes config built by code or
spreading `flatRoutes()`, and `--staged`, leave every route counted as
covered.

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
    if app_wrapped(facts) {
        return findings;
    }
    if layout_route_wrapped(facts) {
        findings.extend(outside_wrapping_layouts(facts));
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

/// In a React Router, Remix or TanStack Start app whose root module does
/// not wrap the app but some layout routes wrap their `<Outlet />`: the
/// widgets that a route outside every such layout renders. Quiet when the
/// route tree cannot be read or only part of the app was (`--staged`).
fn outside_wrapping_layouts(facts: &Facts) -> Vec<Finding> {
    let Some(tree) = facts.complete.then(|| RouteTree::read(facts)).flatten() else {
        return Vec::new();
    };
    let wrapping: HashSet<&Path> = wrapping_layouts(facts)
        .map(|file| file.path.as_path())
        .collect();
    let mut layouts: Vec<String> = wrapping.iter().map(|p| shown(p)).collect();
    layouts.sort();
    let fix = wrap_root_fix(facts);
    facts
        .widget_elements()
        .filter(|(file, element, _)| !has_root_ancestor(file, element))
        .filter_map(|(file, element, widget)| {
            let routes = tree.routes_rendering(&file.path);
            let route = routes.iter().find(|route| {
                !tree
                    .route_and_layouts(route)
                    .any(|module| wrapping.contains(module))
            })?;
            Some(RULE.fixable_finding(
                Location::span(file, element.span),
                format!(
                    "<{}> renders in the route {}, which is outside every layout route with <WorkOsWidgets> around its <Outlet /> ({}): there it throws \"useElement must be used within a WidgetsContext provider\"; move the route under such a layout, or wrap the app root in <WorkOsWidgets>",
                    widget.component,
                    shown(route),
                    layouts.join(", ")
                ),
                fix.clone(),
            ))
        })
        .collect()
}
