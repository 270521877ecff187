//! WW2xx: the `WorkOsWidgets` root and the stylesheets.

pub mod providers_without_root;
pub mod stylesheet_missing;
pub mod stylesheet_order;
pub mod widget_outside_root;

use std::path::Path;

use oxc_ast::ast::Program;
use workos_widgets_core::catalog::{self, ROOT_COMPONENT, WIDGETS_PACKAGE};
use workos_widgets_core::edit::transform::{imports, root};
use workos_widgets_core::edit::{EditError, TextEdit};
use workos_widgets_core::js;

use crate::facts::{Facts, JsxKind, read_text};
use crate::finding::{Fix, Stage, step};
use crate::questions::{app_root_file, shown};

/// The fix that wraps the app root in `<WorkOsWidgets>` (WW201 and WW202
/// offer it): inside the app's `QueryClientProvider`, sharing its client,
/// where detect finds one around every page (followed through the render
/// graph, possibly in a providers file), else in the app root file.
pub fn wrap_root_fix(facts: &Facts) -> Option<Fix> {
    let providers = &facts.project.providers;
    if let Some(provider) = &providers.query_client_provider
        && provider.wraps_slot
        && !provider.partial
        && provider.client.is_some()
        && providers.workos_widgets.is_none()
    {
        return Some(wrap_fix(&provider.file));
    }
    app_root_file(facts).map(wrap_fix)
}

/// The fix: `file`'s tree wrapped in `<WorkOsWidgets>`, imported.
fn wrap_fix(file: &Path) -> Fix {
    Fix::module(
        format!("wrap the app root in <WorkOsWidgets> in {}", shown(file)),
        file,
        Stage::Root,
        vec![
            step(|_, text, program| {
                imports::ensure_named_import(text, program, ROOT_COMPONENT, WIDGETS_PACKAGE)
            }),
            step(wrap_root),
        ],
    )
}

/// Wraps the rendered tree: where the file renders what it is given (see
/// [`js::page_slot`]), else the JSX passed to `render(...)`.
fn wrap_root(path: &Path, text: &str, program: &Program<'_>) -> Result<Vec<TextEdit>, EditError> {
    let file = read_text(path, text, program);
    if file.roots().next().is_some() {
        // An entry with several render branches: wrap those that lack the
        // root (with the props of the one that has it).
        if file.render_calls.len() > 1 {
            return root::wrap_render_root(path, text, program, "");
        }
        return Ok(Vec::new());
    }
    let attributes = file
        .jsx
        .iter()
        .find(|e| e.kind == JsxKind::QueryClientProvider)
        .and_then(|e| e.attribute("client"))
        .map(|client| catalog::query_client_attribute(&client.value_text))
        .unwrap_or_default();
    // The page (a layout's `{children}` in `<body>`, `_app`'s
    // `<Component />`, a route root's `<Outlet />`), else the first tree a
    // component is given (a providers file's `{children}`).
    let slot = js::page_slot(program).or_else(|| js::children_slots(program).into_iter().next());
    match slot {
        Some(slot) => Ok(vec![root::wrap(text, slot.start, slot.end, &attributes)]),
        None => root::wrap_render_root(path, text, program, &attributes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(path: &str, text: &str) -> String {
        let fix = wrap_fix(Path::new(path));
        crate::fix::edit(Path::new(path), Some(text), &[&fix]).unwrap()
    }

    #[test]
    fn wraps_the_page_slot_of_each_kind_of_root() {
        for (path, text, wrapped_slot) in [
            (
                "app/layout.tsx",
                "export default function L({ children }) {\n  return <html><body><main>{children}</main></body></html>\n}\n",
                "<WorkOsWidgets>{children}</WorkOsWidgets>\n  </main>",
            ),
            (
                "app/root.tsx",
                "import { Outlet } from 'react-router'\nexport default function App() {\n  return <Outlet />\n}\n",
                "<WorkOsWidgets>\n      <Outlet />\n    </WorkOsWidgets>",
            ),
            (
                "src/providers.tsx",
                "export function Providers({ children }) {\n  return <Theme>{children}</Theme>\n}\n",
                "<WorkOsWidgets>{children}</WorkOsWidgets>\n  </Theme>",
            ),
        ] {
            let out = wrapped(path, text);
            assert!(out.contains(wrapped_slot), "{path}:\n{out}");
            assert!(out.contains("import { WorkOsWidgets }"), "{path}:\n{out}");
        }
    }
}
