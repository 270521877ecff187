//! The transforms behind each fix. Each re-reads the facts of the file as
//! it is at that step, so several fixes in one file compose.

use std::path::Path;

use oxc_ast::ast::Program;
use workos_widgets_core::catalog::{self, ROOT_COMPONENT, WIDGETS_PACKAGE};
use workos_widgets_core::edit::transform::{Transform, imports, root, scopes};
use workos_widgets_core::edit::{EditError, TextEdit};
use workos_widgets_core::facts::read;
use workos_widgets_core::js;

use crate::facts::{JsxKind, ScopesArg, SourceFile};
use crate::finding::FixAction;
use crate::scan::STYLESHEETS;

/// The transforms that carry out `action` on `path`.
pub fn for_action<'a>(path: &'a Path, action: &'a FixAction) -> Vec<Transform<'a>> {
    match action {
        FixAction::RenameAccessToken { .. } => vec![Box::new(move |t, p| {
            Ok(facts(path, t, p)
                .jsx
                .iter()
                .filter(|e| {
                    matches!(e.kind, JsxKind::Widget(_)) && e.attribute("authToken").is_none()
                })
                .filter_map(|e| e.attribute("accessToken"))
                .map(|a| TextEdit::replace(a.name_span.start, a.name_span.end, "authToken"))
                .collect())
        })],
        FixAction::AddLoadingCount { .. } => vec![Box::new(move |t, p| {
            Ok(facts(path, t, p)
                .jsx
                .iter()
                .filter_map(|e| match e.kind {
                    JsxKind::Loading(w)
                        if !w.loading_props.is_empty()
                            && !e.has_spread
                            && e.attribute("count").is_none() =>
                    {
                        Some(TextEdit::insert(e.span.end, w.loading_props))
                    }
                    _ => None,
                })
                .collect())
        })],
        FixAction::ReplaceScope { from, to, .. } => vec![Box::new(move |t, p| {
            Ok(facts(path, t, p)
                .strings
                .iter()
                .filter(|s| s.value == *from && s.span.end > s.span.start + 1)
                .map(|s| TextEdit::replace(s.span.start + 1, s.span.end - 1, *to))
                .collect())
        })],
        FixAction::AddScopes { scopes, .. } => {
            vec![Box::new(move |t, p| Ok(add_scopes(path, t, p, scopes)))]
        }
        FixAction::AddStylesheets { .. } => {
            vec![Box::new(|t, p| {
                imports::ensure_stylesheets(t, p, &STYLESHEETS)
            })]
        }
        FixAction::WrapRoot { .. } => vec![
            Box::new(|t, p| imports::ensure_named_import(t, p, ROOT_COMPONENT, WIDGETS_PACKAGE)),
            Box::new(move |t, p| wrap_root(path, t, p)),
        ],
        FixAction::IgnoreEnvFiles { .. } => Vec::new(),
    }
}

fn facts(path: &Path, text: &str, program: &Program<'_>) -> SourceFile {
    let mut file = SourceFile::new(path.to_path_buf(), text.to_owned());
    read::extract(&mut file, program);
    file
}

/// Appends `scopes` missing from the array a token call's scopes come from.
fn add_scopes(path: &Path, text: &str, program: &Program<'_>, wanted: &[&str]) -> Vec<TextEdit> {
    let file = facts(path, text, program);
    let Some((present, array)) = file.token_calls.iter().find_map(|c| match &c.scopes {
        ScopesArg::Known { scopes, array } => Some((scopes, *array)),
        _ => None,
    }) else {
        return Vec::new();
    };
    let in_array: Vec<_> = present
        .iter()
        .filter(|s| s.span.start > array.start && s.span.end < array.end)
        .collect();
    let present: Vec<&str> = present.iter().map(|s| s.value.as_str()).collect();
    scopes::append_missing_strings(
        text,
        scopes::ArraySlot {
            open: array.start,
            last_end: in_array.last().map(|s| s.span.end),
            quote: in_array
                .first()
                .and_then(|s| text[s.span.start..].chars().next()),
        },
        &present,
        wanted,
    )
}

/// Wraps the rendered tree: where the file renders what it is given (see
/// [`js::page_slot`]), else the JSX passed to `render(...)`.
fn wrap_root(path: &Path, text: &str, program: &Program<'_>) -> Result<Vec<TextEdit>, EditError> {
    let file = facts(path, text, program);
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

/// `.gitignore` with `files` appended.
pub fn ignore_env_files(before: &str, files: &[&str]) -> String {
    workos_widgets_core::env_files::append_gitignore_section(
        before,
        "WorkOS secrets (added by workos-widgets verify --fix)",
        files,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(path: &str, text: &str) -> String {
        let path = Path::new(path);
        let action = FixAction::WrapRoot { file: path.into() };
        workos_widgets_core::edit::transform::apply(path, text, &for_action(path, &action)).unwrap()
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
