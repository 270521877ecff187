//! Resolving names across the parsed files: what a JSX element renders
//! (through imports, re-exports, barrels, `lazy()`, namespace members,
//! workspace packages) and the edges of React Router route tables.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{ComponentRef, Mounted, Node, Site, SiteAncestors, Target};
use crate::detect::workspace_packages::{self, WorkspacePackage, package_name};
use crate::facts::render::{Export, SlotKind};
use crate::facts::{JsxKind, SourceFile};
use crate::specifier::{self, ModulePaths};

/// Resolves names across files.
pub(super) struct Resolver<'f> {
    pub(super) files: &'f [SourceFile],
    pub(super) index: HashMap<&'f Path, usize>,
    pub(super) root: &'f Path,
    pub(super) paths: &'f ModulePaths,
    pub(super) third_party: &'f HashSet<String>,
    pub(super) workspace: &'f [WorkspacePackage],
}

/// How many re-exports deep a name is followed.
const REEXPORT_DEPTH: usize = 8;

impl Resolver<'_> {
    fn module(&self, from: usize, source: &str) -> Option<usize> {
        let from = &self.files[from].path;
        let path = specifier::resolve_module(self.root, from, source, self.paths)?;
        self.index.get(path.as_path()).copied()
    }

    /// The definition `name` names in `file` where `owner` is: a nested
    /// helper visible there, a top-level definition, an import, or a
    /// `lazy()` binding.
    pub(super) fn name(&self, file: usize, name: &str, owner: Option<usize>) -> Option<Target> {
        let facts = &self.files[file];
        let definitions = &facts.render.definitions;
        let mut scope = owner;
        while let Some(at) = scope {
            if let Some(found) = definitions
                .iter()
                .position(|d| d.parent == Some(at) && d.name == name)
            {
                return Some(Target::Component((file, found)));
            }
            if definitions[at].name == name {
                return Some(Target::Component((file, at)));
            }
            scope = definitions[at].parent;
        }
        if let Some(found) = definitions
            .iter()
            .position(|d| d.parent.is_none() && d.name == name)
        {
            return Some(Target::Component((file, found)));
        }
        if let Some(lazy) = facts.render.lazy.iter().find(|l| l.local == name) {
            return Some(self.imported(file, &lazy.source, &lazy.imported));
        }
        let (import, imported) = facts.import_of(name)?;
        Some(if crate::specifier::is_local(&import.source) {
            self.imported(file, &import.source, imported)
        } else if let Some(module) = self.workspace_module(&import.source) {
            self.export(module, imported, 0)
                .map_or(Target::Unknown, Target::Component)
        } else {
            self.package(&import.source)
        })
    }

    /// The parsed file a workspace package specifier (`@acme/ui`,
    /// `@acme/ui/card`) leads to (see [`workspace_packages::module_file`]).
    fn workspace_module(&self, source: &str) -> Option<usize> {
        let path = workspace_packages::module_file(self.workspace, source, |p| {
            self.index.contains_key(p)
        })?;
        self.index.get(path.as_path()).copied()
    }

    /// A component of the package `source`: known to be a registry
    /// package's, else unknown.
    fn package(&self, source: &str) -> Target {
        if self.third_party.contains(package_name(source)) {
            Target::Package
        } else {
            Target::Unknown
        }
    }

    fn imported(&self, file: usize, source: &str, name: &str) -> Target {
        self.module(file, source)
            .and_then(|module| self.export(module, name, 0))
            .map_or(Target::Unknown, Target::Component)
    }

    /// The component `file` exports as `name`, through re-exports.
    fn export(&self, file: usize, name: &str, depth: usize) -> Option<Node> {
        if depth > REEXPORT_DEPTH {
            return None;
        }
        let exports = &self.files[file].render.exports;
        for export in exports {
            match export {
                Export::Local { exported, local } if exported == name => {
                    return match self.name(file, local, None)? {
                        Target::Component(node) => Some(node),
                        _ => None,
                    };
                }
                Export::From {
                    exported,
                    imported,
                    source,
                } if exported == name => {
                    let module = self.module(file, source)?;
                    return self.export(module, imported, depth + 1);
                }
                _ => {}
            }
        }
        if name == "default" {
            return None;
        }
        exports.iter().find_map(|export| match export {
            Export::Star { source } => self
                .module(file, source)
                .and_then(|module| self.export(module, name, depth + 1)),
            _ => None,
        })
    }

    pub(super) fn target(&self, file: usize, element: usize) -> Target {
        let facts = &self.files[file];
        let jsx = &facts.jsx[element];
        match jsx.kind {
            JsxKind::Root => return Target::Root,
            JsxKind::Widget(_)
            | JsxKind::Loading(_)
            | JsxKind::QueryClientProvider
            | JsxKind::Theme => return Target::Package,
            JsxKind::Local | JsxKind::Other => {}
        }
        if matches!(jsx.name.as_str(), "Outlet" | "Component") {
            return Target::Slot;
        }
        let (head, member) = match jsx.name.split_once('.') {
            Some((head, member)) => (head, Some(member)),
            None => (jsx.name.as_str(), None),
        };
        if member.is_none() && head.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Target::Intrinsic;
        }
        let owner = facts.render.elements.get(element).and_then(|e| e.owner);
        match member {
            None => self.name(file, head, owner).unwrap_or(Target::Unknown),
            Some(member) => match facts.import_of(head) {
                Some((import, "*")) if crate::specifier::is_local(&import.source) => {
                    self.imported(file, &import.source, member)
                }
                Some((import, "*")) if self.workspace_module(&import.source).is_some() => self
                    .workspace_module(&import.source)
                    .and_then(|module| self.export(module, member, 0))
                    .map_or(Target::Unknown, Target::Component),
                Some((import, _)) if !crate::specifier::is_local(&import.source) => {
                    self.package(&import.source)
                }
                _ => Target::Unknown,
            },
        }
    }

    /// What a component named in code names: `X`, or `Ns.X` through a
    /// namespace import of a local module.
    fn component_named(&self, file: usize, name: &str) -> Option<Target> {
        match name.split_once('.') {
            None => self.name(file, name, None),
            Some((head, member)) => match self.files[file].import_of(head)? {
                (import, "*") if crate::specifier::is_local(&import.source) => {
                    Some(self.imported(file, &import.source, member))
                }
                _ => None,
            },
        }
    }

    pub(super) fn mounted(&self, mounted: &Mounted) -> Option<Node> {
        let file = *self.index.get(mounted.path.as_path())?;
        match &mounted.component {
            ComponentRef::Export(name) => self.export(file, name, 0),
            ComponentRef::Route(key) => {
                let (_, name) = self.files[file]
                    .render
                    .route_components
                    .iter()
                    .find(|(k, _)| k == key)?;
                match self.name(file, name, None)? {
                    Target::Component(node) => Some(node),
                    _ => None,
                }
            }
        }
    }
}

/// The edges of React Router route tables in `file`: a top-level route's
/// component renders where `<RouterProvider router={table} />` is, a child
/// route's in its parent route's `<Outlet />`.
pub(super) fn route_tables(
    resolver: &Resolver<'_>,
    targets: &[Vec<Target>],
    file: usize,
    incoming: &mut HashMap<Node, Vec<Site>>,
    mounted_in: &mut HashMap<Node, Vec<(Node, SlotKind)>>,
    tabled: &mut Vec<Node>,
) {
    let facts = &resolver.files[file];
    for table in &facts.render.router_tables {
        let providers: Vec<usize> = facts
            .jsx
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.name == "RouterProvider"
                    && e.attribute("router")
                        .is_some_and(|a| a.value_text.trim() == table.binding)
            })
            .map(|(i, _)| i)
            .collect();
        let nodes: Vec<Option<Node>> = table
            .routes
            .iter()
            .map(|route| {
                let from_element = route.element_start.and_then(|start| {
                    let element = facts.jsx.iter().position(|e| e.element.start == start)?;
                    match targets[file][element] {
                        Target::Component(node) => Some(node),
                        _ => None,
                    }
                });
                from_element.or_else(|| {
                    match resolver.component_named(file, route.component.as_deref()?)? {
                        Target::Component(node) => Some(node),
                        _ => None,
                    }
                })
            })
            .collect();
        tabled.extend(nodes.iter().flatten());
        for (index, route) in table.routes.iter().enumerate() {
            let Some(node) = nodes[index] else {
                continue;
            };
            // The nearest enclosing route with a component renders it.
            let mut parent = route.parent;
            while let Some(at) = parent {
                if nodes[at].is_some() {
                    break;
                }
                parent = table.routes[at].parent;
            }
            match parent.and_then(|at| nodes[at]) {
                Some(layout) => mounted_in
                    .entry(node)
                    .or_default()
                    .push((layout, SlotKind::Outlet)),
                None => {
                    for &provider in &providers {
                        let ancestors =
                            SiteAncestors::Shared(facts.jsx[provider].ancestors.with(provider));
                        incoming.entry(node).or_default().push(Site {
                            file,
                            owner: facts.render.elements.get(provider).and_then(|e| e.owner),
                            ancestors,
                            at: facts.jsx[provider].element.end,
                            element: Some(provider),
                        });
                    }
                }
            }
        }
    }
}
