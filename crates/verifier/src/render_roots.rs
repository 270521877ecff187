//! Where each framework starts rendering the app, and which of the app's
//! modules it renders in which others' slots, for the render graph
//! ([`workos_widgets_core::graph`]):
//!
//! - Vite / Create React App: the entry's `render(...)` trees;
//! - Next.js App Router: the root `app/layout`, and every other layout,
//!   template and page in the `{children}` of the nearest layout above it;
//!   Pages Router: each page in `_app`'s `<Component />`;
//! - React Router 7 / Remix 2: the root module's `Layout` (its default
//!   export in `Layout`'s `{children}`), and each route module in the
//!   `<Outlet />` of its parent layout route (read from the route tree);
//! - TanStack Start: `__root`'s `shellComponent` (its `component` inside
//!   it), and each file route's `component` in its layout's `<Outlet />`.
//!
//! Under `--staged`, or where the route tree cannot be read, route
//! modules get no mount: the graph then proves nothing through them.

use std::path::Path;

use workos_widgets_core::catalog::Widget;
use workos_widgets_core::facts::render::{Export, SlotKind};
use workos_widgets_core::graph::{
    ComponentRef, Hop, Mount, Mounted, RenderGraph, Roots, third_party_packages,
};
use workos_widgets_core::project::Framework;

use crate::facts::{Facts, JsxFact, JsxKind, SourceFile};
use crate::route_tree::RouteTree;

/// A widget element that the render graph proves is rendered outside
/// `<WorkOsWidgets>`.
#[derive(Debug, Clone)]
pub struct UnwrappedWidget<'f> {
    pub file: &'f SourceFile,
    pub element: &'f JsxFact,
    pub widget: &'static Widget,
    /// The path from where rendering starts, described (`App (src/App.tsx)`).
    pub path: Vec<String>,
    /// The file whose `render(...)` tree starts the path, when one does.
    pub render_file: Option<&'f Path>,
}

/// Every widget element of `facts` that a render path proves unwrapped.
pub fn unwrapped_widgets(facts: &Facts) -> Vec<UnwrappedWidget<'_>> {
    let roots = roots(facts);
    let graph = RenderGraph::build(
        &facts.files,
        &facts.project.root,
        &facts.project.module_paths,
        &facts.project.workspace_packages,
        &roots,
    );
    let mut found = Vec::new();
    for (at, file) in facts.files.iter().enumerate() {
        for (index, element) in file.jsx.iter().enumerate() {
            let JsxKind::Widget(widget) = element.kind else {
                continue;
            };
            let Some(path) = graph.unwrapped_path(at, index) else {
                continue;
            };
            let render_file = match path.first() {
                Some(&Hop::Render(entry)) => {
                    facts.file(graph.file_path(entry)).map(|f| f.path.as_path())
                }
                _ => None,
            };
            found.push(UnwrappedWidget {
                file,
                element,
                widget,
                path: path.iter().map(|&hop| graph.describe(hop)).collect(),
                render_file,
            });
        }
    }
    found
}

/// The roots and mounts of `facts`' app.
pub fn roots(facts: &Facts) -> Roots {
    let project = &facts.project;
    let mut roots = Roots {
        render_files: project.entries.main.iter().cloned().collect(),
        mounts: Vec::new(),
        third_party: third_party_packages(&project.root, &project.package_json.value),
    };
    if let Some(next) = &project.next {
        if let Some(app) = &next.app_dir {
            next_app(facts, app, &mut roots.mounts);
        }
        if let Some(pages) = &next.pages_dir {
            next_pages(facts, pages, &mut roots.mounts);
        }
    }
    match project.framework {
        Framework::ReactRouter | Framework::Remix => route_modules(facts, &mut roots.mounts),
        Framework::TanstackStart => tanstack(facts, &mut roots.mounts),
        _ => {}
    }
    roots
}

fn stem(path: &Path) -> Option<&str> {
    path.file_stem().and_then(|s| s.to_str())
}

/// App Router: layouts nest by folder.
fn next_app(facts: &Facts, app: &Path, mounts: &mut Vec<Mount>) {
    let in_app: Vec<&SourceFile> = facts
        .files
        .iter()
        .filter(|f| f.path.starts_with(app))
        .collect();
    let layout_in = |dir: &Path| {
        in_app
            .iter()
            .find(|f| f.path.parent() == Some(dir) && stem(&f.path) == Some("layout"))
            .map(|f| f.path.clone())
    };
    for file in &in_app {
        let Some(kind @ ("layout" | "page" | "template")) = stem(&file.path) else {
            continue;
        };
        let Some(dir) = file.path.parent() else {
            continue;
        };
        // A page or template renders in its own folder's layout; a layout
        // in the nearest one above its folder.
        let mut search = if kind == "layout" {
            dir.parent()
        } else {
            Some(dir)
        };
        let mut parent = None;
        while let Some(at) = search {
            if !at.starts_with(app) {
                break;
            }
            if let Some(layout) = layout_in(at) {
                parent = Some(layout);
                break;
            }
            search = at.parent();
        }
        let child = Mounted::export(file.path.clone(), "default");
        mounts.push(match parent {
            Some(parent) => Mount::In {
                child,
                parent: Mounted::export(parent, "default"),
                slot: SlotKind::Children,
            },
            None => Mount::Root(child),
        });
    }
}

/// Pages Router: every page renders in `_app`'s `<Component />`.
fn next_pages(facts: &Facts, pages: &Path, mounts: &mut Vec<Mount>) {
    let app = facts
        .files
        .iter()
        .find(|f| f.path.parent() == Some(pages) && stem(&f.path) == Some("_app"))
        .map(|f| f.path.clone());
    if let Some(app) = &app {
        mounts.push(Mount::Root(Mounted::export(app.clone(), "default")));
    }
    for file in facts.files.iter().filter(|f| f.path.starts_with(pages)) {
        let relative = file.path.strip_prefix(pages).unwrap_or(&file.path);
        let special = stem(&file.path).is_some_and(|s| s.starts_with('_'));
        if special || relative.starts_with("api") {
            continue;
        }
        let child = Mounted::export(file.path.clone(), "default");
        mounts.push(match &app {
            Some(app) => Mount::In {
                child,
                parent: Mounted::export(app.clone(), "default"),
                slot: SlotKind::Page,
            },
            None => Mount::Root(child),
        });
    }
}

fn exports(file: &SourceFile, name: &str) -> bool {
    file.render.exports.iter().any(|export| match export {
        Export::Local { exported, .. } | Export::From { exported, .. } => exported == name,
        Export::Star { .. } => false,
    })
}

/// React Router / Remix: the root module, then the route tree.
fn route_modules(facts: &Facts, mounts: &mut Vec<Mount>) {
    let Some(root) = facts.project.entries.root_module.clone() else {
        return;
    };
    let app = Mounted::export(root.clone(), "default");
    match facts.file(&root) {
        Some(file) if exports(file, "Layout") => {
            let layout = Mounted::export(root.clone(), "Layout");
            mounts.push(Mount::Root(layout.clone()));
            mounts.push(Mount::In {
                child: app.clone(),
                parent: layout,
                slot: SlotKind::Children,
            });
        }
        _ => mounts.push(Mount::Root(app.clone())),
    }
    route_tree_mounts(
        facts,
        &root,
        mounts,
        |path| Mounted::export(path.to_path_buf(), "default"),
        &app,
    );
}

/// TanStack Start: `__root`'s shell and component, then the file routes.
fn tanstack(facts: &Facts, mounts: &mut Vec<Mount>) {
    let Some(root) = facts.project.entries.root_module.clone() else {
        return;
    };
    let route = |path: &Path, key: &str| Mounted {
        path: path.to_path_buf(),
        component: ComponentRef::Route(key.to_owned()),
    };
    let component = route(&root, "component");
    let has_shell = facts.file(&root).is_some_and(|f| {
        f.render
            .route_components
            .iter()
            .any(|(key, _)| key == "shellComponent")
    });
    if has_shell {
        let shell = route(&root, "shellComponent");
        mounts.push(Mount::Root(shell.clone()));
        mounts.push(Mount::In {
            child: component.clone(),
            parent: shell,
            slot: SlotKind::Children,
        });
    } else {
        mounts.push(Mount::Root(component.clone()));
    }
    route_tree_mounts(
        facts,
        &root,
        mounts,
        |path| route(path, "component"),
        &component,
    );
}

/// Each route module in its nearest layout route's `<Outlet />`, or in the
/// root's. Nothing when the tree cannot be read or only part of the app was.
fn route_tree_mounts(
    facts: &Facts,
    root: &Path,
    mounts: &mut Vec<Mount>,
    component: impl Fn(&Path) -> Mounted,
    root_component: &Mounted,
) {
    let Some(tree) = facts.complete.then(|| RouteTree::read(facts)).flatten() else {
        return;
    };
    for (route, layouts) in tree.routes() {
        if route == root {
            continue;
        }
        let parent = layouts
            .first()
            .map_or_else(|| root_component.clone(), |layout| component(layout));
        mounts.push(Mount::In {
            child: component(route),
            parent,
            slot: SlotKind::Outlet,
        });
    }
}
