//! Questions several checks ask of the facts.

use std::path::Path;

use semver::Version;
use workos_widgets_core::catalog::{self, Scope, Widget};
use workos_widgets_core::project::Framework;
use workos_widgets_core::specifier;

use crate::facts::{Facts, JsxFact, JsxKind, SourceFile};
use crate::finding::Location;
use crate::npm_range;

/// The three packages every widget app needs.
pub const REQUIRED_PACKAGES: [&str; 3] = [
    "@workos-inc/widgets",
    "@radix-ui/themes",
    "@tanstack/react-query",
];

/// The backend SDK.
pub const SDK_PACKAGE: &str = "@workos-inc/node";

/// The file that renders the app root: the Next.js layout or `_app`, else
/// the entry module (`src/main.*`).
pub fn app_root_file(facts: &Facts) -> Option<&Path> {
    let entries = &facts.project.entries;
    match facts.project.framework {
        Framework::NextJs => entries.next_root.as_deref(),
        _ => entries.main.as_deref(),
    }
}

/// The widgets rendered anywhere, in catalog order.
pub fn rendered_widgets(facts: &Facts) -> Vec<&'static Widget> {
    catalog::WIDGETS
        .iter()
        .filter(|w| facts.widget_elements().any(|(_, _, used)| used.id == w.id))
        .collect()
}

/// The scopes the rendered widgets need. `<ApiKeys scope="user">` needs a
/// user-level permission no widget token scope grants, so it adds none.
pub fn required_scopes(facts: &Facts) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = facts
        .widget_elements()
        .filter(|(_, element, _)| !is_user_api_keys(element))
        .filter_map(|(_, _, widget)| widget.scope)
        .collect();
    scopes.sort();
    scopes.dedup();
    scopes
}

fn is_user_api_keys(element: &JsxFact) -> bool {
    element
        .attribute("scope")
        .is_some_and(|a| a.value_text.trim_matches(['"', '\'', '`']) == "user")
}

/// The `@workos-inc/node` version: installed, else the lowest the declared
/// range allows.
pub fn sdk_version(facts: &Facts) -> Option<Version> {
    let package = facts.project.package(SDK_PACKAGE)?;
    package
        .installed
        .as_deref()
        .and_then(|v| Version::parse(v).ok())
        .or_else(|| package.declared.as_deref().and_then(npm_range::minimum))
}

/// Where `"name"` appears in package.json, else its start.
pub fn package_location(facts: &Facts, name: &str) -> Location {
    Location::find(
        "package.json",
        &facts.project.package_json.text,
        &format!("\"{name}\""),
    )
}

/// Elements that only pass the tree through (a `WorkOsWidgets` below them
/// still wraps everything).
fn is_pass_through(name: &str) -> bool {
    matches!(
        name,
        "StrictMode" | "React.StrictMode" | "Fragment" | "React.Fragment" | "html" | "body"
    ) || name.ends_with("Provider")
        || name.ends_with("Router")
        || name == "Theme"
}

/// Whether the app root wraps the whole rendered tree in `WorkOsWidgets`,
/// directly or through a local wrapper component (`<Providers>`) whose
/// file wraps its `{children}`, or a layout route wraps its `<Outlet />`
/// in it (React Router route objects, TanStack Router's `__root`): the
/// child routes render inside it.
pub fn root_wrapped(facts: &Facts) -> bool {
    let layout_route = facts
        .files
        .iter()
        .any(|file| file.roots().any(|root| root.wraps_outlet));
    // Detection follows provider and layout components from the entry files
    // (as far as imports go) to a `<WorkOsWidgets>` around their children.
    let around_children = facts
        .project
        .providers
        .workos_widgets
        .as_ref()
        .is_some_and(|root| root.wraps_slot);
    layout_route
        || around_children
        || facts.root_files().any(|file| {
            file.jsx.iter().any(|element| match element.kind {
                JsxKind::Root => wraps_tree(file, element),
                JsxKind::Local if element.has_children => element
                    .import_source
                    .as_deref()
                    .and_then(|source| local_file(facts, file, source))
                    .is_some_and(|wrapper| {
                        wrapper
                            .roots()
                            .any(|root| root.has_children && root.wraps_children)
                    }),
                _ => false,
            })
        })
}

fn wraps_tree(file: &SourceFile, root: &JsxFact) -> bool {
    root.has_children
        && (root.wraps_children
            || root
                .ancestors
                .iter()
                .all(|&i| is_pass_through(&file.jsx[i].name)))
}

/// Whether a widget element has a `WorkOsWidgets` ancestor in its own file.
pub fn has_root_ancestor(file: &SourceFile, element: &JsxFact) -> bool {
    element
        .ancestors
        .iter()
        .any(|&i| file.jsx[i].kind == JsxKind::Root)
}

/// The parsed file a local import of `file` refers to.
pub fn local_file<'f>(facts: &'f Facts, file: &SourceFile, source: &str) -> Option<&'f SourceFile> {
    let project = &facts.project;
    let path = specifier::resolve_local(
        &project.root,
        &file.path,
        source,
        project.path_alias.as_ref(),
    )?;
    facts.file(&path)
}

/// Token modules and the local modules they import (their session
/// resolver, for instance).
pub fn token_module_family(facts: &Facts) -> Vec<&SourceFile> {
    let mut family: Vec<&SourceFile> = Vec::new();
    for module in facts.token_modules() {
        family.push(module);
        for import in &module.imports {
            if let Some(dep) = local_file(facts, module, &import.source) {
                family.push(dep);
            }
        }
    }
    family.sort_by(|a, b| a.path.cmp(&b.path));
    family.dedup_by(|a, b| a.path == b.path);
    family
}

/// Whether widgets can get tokens from AuthKit (`getAccessToken`,
/// `withAuth()`): some file imports an AuthKit package.
pub fn uses_authkit(facts: &Facts) -> bool {
    facts.files.iter().any(|f| {
        [
            "@workos-inc/authkit-react",
            "@workos-inc/authkit-js",
            "@workos-inc/authkit-nextjs",
        ]
        .iter()
        .any(|p| f.imports_package(p))
    })
}

/// A path for messages.
pub fn shown(path: &Path) -> String {
    crate::finding::display_path(path)
}
