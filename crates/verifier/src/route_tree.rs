//! The route tree of a React Router 7, Remix 2 or TanStack Start app, for
//! root coverage: which route modules render inside a layout route that
//! wraps its `<Outlet />` in `<WorkOsWidgets>`, and which route modules
//! render a given component (through local imports).
//!
//! Read from `app/routes.ts` (`route`, `index`, `layout`, `prefix`), or
//! from the file names of flat routes (`dashboard.settings.tsx` nests in
//! `dashboard.tsx`, `dashboard_.edit.tsx` does not) and TanStack file
//! routes (`posts/route.tsx` is the layout of `posts/$id.tsx`). A tree it
//! cannot read (a routes config that spreads `flatRoutes()` or is built by
//! code) gives `None`: no route is then judged uncovered.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Component, Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{Argument, ArrayExpressionElement, Expression, Statement};
use workos_widgets_core::framework::FileRoutes;
use workos_widgets_core::js;
use workos_widgets_core::project::{RouteConvention, RoutesInfo};

use crate::facts::Facts;

/// A route module and the layout routes it renders inside.
#[derive(Debug, Default)]
pub struct RouteTree {
    /// Every route module (relative to the project root), with its
    /// ancestors' modules, nearest first.
    ancestors: HashMap<PathBuf, Vec<PathBuf>>,
    /// Each local module with the modules that import it.
    importers: HashMap<PathBuf, Vec<PathBuf>>,
}

impl RouteTree {
    /// Reads the tree of `facts`' app, when it has one this module can read.
    pub fn read(facts: &Facts) -> Option<Self> {
        let routes = facts.project.routes.as_ref()?;
        let ancestors = match routes.convention {
            RouteConvention::Config => from_config(&facts.project.root, routes)?,
            RouteConvention::FlatRoutesConfig
            | RouteConvention::FlatFiles
            | RouteConvention::TanstackFiles => {
                let files = facts.project.profile().file_routes?;
                from_files(facts.import_graph.keys(), routes, files)
            }
        };
        Some(Self {
            ancestors,
            importers: importers(facts),
        })
    }

    /// Every route module with the layout routes around it, nearest first.
    pub fn routes(&self) -> impl Iterator<Item = (&Path, &[PathBuf])> {
        self.ancestors
            .iter()
            .map(|(route, layouts)| (route.as_path(), layouts.as_slice()))
    }

    /// Whether `path` is a route module.
    pub fn is_route(&self, path: &Path) -> bool {
        self.ancestors.contains_key(path)
    }

    /// The route module `route` and the layout routes around it.
    pub fn route_and_layouts<'t>(&'t self, route: &'t Path) -> impl Iterator<Item = &'t Path> {
        std::iter::once(route).chain(
            self.ancestors
                .get(route)
                .into_iter()
                .flatten()
                .map(PathBuf::as_path),
        )
    }

    /// The route modules that render `file`: itself when it is one, else
    /// those that import it, directly or through other local modules.
    pub fn routes_rendering(&self, file: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut seen: HashSet<&Path> = HashSet::from([file]);
        let mut queue = VecDeque::from([file]);
        while let Some(module) = queue.pop_front() {
            if self.is_route(module) {
                found.push(module.to_path_buf());
                continue;
            }
            for importer in self.importers.get(module).into_iter().flatten() {
                if seen.insert(importer) {
                    queue.push_back(importer);
                }
            }
        }
        found.sort();
        found
    }
}

/// Each local module with the modules that import it.
fn importers(facts: &Facts) -> HashMap<PathBuf, Vec<PathBuf>> {
    let mut map: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
    for (from, targets) in &facts.import_graph {
        for target in targets {
            map.entry(target.clone()).or_default().push(from.clone());
        }
    }
    map
}

/// A tree from the route modules' file names, read back into route ids
/// as the framework's profile names them (see [`FileRoutes::route_id`]).
fn from_files<'p>(
    files: impl Iterator<Item = &'p PathBuf>,
    routes: &RoutesInfo,
    naming: FileRoutes,
) -> HashMap<PathBuf, Vec<PathBuf>> {
    let ids: HashMap<PathBuf, Vec<String>> = files
        .filter_map(|path| {
            let relative = path.strip_prefix(&routes.routes_dir).ok()?;
            Some((path.clone(), naming.route_id(relative)?))
        })
        .collect();
    let by_id: HashMap<&[String], &PathBuf> =
        ids.iter().map(|(path, id)| (id.as_slice(), path)).collect();
    ids.iter()
        .map(|(path, id)| {
            // Every shorter run of the same segments names a layout; a
            // segment ending in `_` (`dashboard_`) is not the `dashboard`
            // layout, so such a route does not nest in it.
            let layouts = (1..id.len())
                .rev()
                .filter_map(|len| by_id.get(&id[..len]).map(|p| (*p).clone()))
                .collect();
            (path.clone(), layouts)
        })
        .collect()
}

/// A tree from `app/routes.ts`: `route(path, file, children?)`,
/// `route(path, file, options, children)`, `index(file)`,
/// `layout(file, children?)`, `prefix(path, children)`, spread or not.
fn from_config(root: &Path, routes: &RoutesInfo) -> Option<HashMap<PathBuf, Vec<PathBuf>>> {
    let config = routes.config.as_ref()?;
    let text = workos_widgets_core::links::read_inside(root, &root.join(config)).ok()?;
    let allocator = Allocator::default();
    let program = js::parse(&allocator, config, &text).ok()?;
    let list = program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(export) => export.declaration.as_expression(),
        _ => None,
    })?;
    let mut tree = HashMap::new();
    walk_list(list, &routes.app_dir, &[], &mut tree)?;
    Some(tree)
}

/// Adds the routes of a route list (an array, maybe `satisfies`/`as`
/// typed) under `layouts`; `None` for anything it cannot read.
fn walk_list(
    list: &Expression<'_>,
    app_dir: &Path,
    layouts: &[PathBuf],
    tree: &mut HashMap<PathBuf, Vec<PathBuf>>,
) -> Option<()> {
    let Expression::ArrayExpression(array) = js::unwrap_expression(list) else {
        return None;
    };
    for element in &array.elements {
        match element {
            ArrayExpressionElement::SpreadElement(spread) => {
                walk_entry(&spread.argument, app_dir, layouts, tree)?;
            }
            ArrayExpressionElement::Elision(_) => {}
            _ => walk_entry(element.as_expression()?, app_dir, layouts, tree)?,
        }
    }
    Some(())
}

/// Adds one `route(...)`/`index(...)`/`layout(...)`/`prefix(...)` entry.
fn walk_entry(
    entry: &Expression<'_>,
    app_dir: &Path,
    layouts: &[PathBuf],
    tree: &mut HashMap<PathBuf, Vec<PathBuf>>,
) -> Option<()> {
    let Expression::CallExpression(call) = js::unwrap_expression(entry) else {
        return None;
    };
    let Expression::Identifier(callee) = &call.callee else {
        return None;
    };
    let strings: Vec<&str> = call
        .arguments
        .iter()
        .filter_map(|a| match a {
            Argument::StringLiteral(s) => Some(s.value.as_str()),
            _ => None,
        })
        .collect();
    let children = call.arguments.iter().rev().find_map(|a| match a {
        Argument::ArrayExpression(_) => a.as_expression(),
        _ => None,
    });
    let file = match (callee.name.as_str(), strings.as_slice()) {
        ("route", [_, file, ..]) | ("index" | "layout", [file, ..]) => {
            Some(module_path(app_dir, file))
        }
        ("prefix", [_, ..]) => None,
        _ => return None,
    };
    let mut nested = layouts.to_vec();
    if let Some(file) = file {
        tree.insert(file.clone(), layouts.iter().rev().cloned().collect());
        nested.push(file);
    }
    match children {
        Some(children) => walk_list(children, app_dir, &nested, tree),
        None => Some(()),
    }
}

/// A route module named in the routes config (relative to the app folder).
fn module_path(app_dir: &Path, file: &str) -> PathBuf {
    app_dir
        .join(file)
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nests_a_route_in_every_layout_its_id_starts_with() {
        let routes = RoutesInfo {
            app_dir: "app".into(),
            routes_dir: "app/routes".into(),
            convention: RouteConvention::FlatFiles,
            config: None,
            version: None,
            spa: false,
            defined_routes: None,
            unresolved: None,
        };
        let files: Vec<PathBuf> = [
            "app/routes/a.tsx",
            "app/routes/a.b.tsx",
            "app/routes/a.b.c.tsx",
            "app/routes/a_.d.tsx",
            "app/workos/Widget.tsx",
        ]
        .map(PathBuf::from)
        .into();
        let tree = from_files(files.iter(), &routes, FileRoutes::Flat);
        assert!(!tree.contains_key(Path::new("app/workos/Widget.tsx")));
        let layouts = |route: &str| tree.get(Path::new(route)).cloned().unwrap_or_default();
        assert_eq!(
            layouts("app/routes/a.b.c.tsx"),
            vec![
                PathBuf::from("app/routes/a.b.tsx"),
                "app/routes/a.tsx".into()
            ]
        );
        assert!(
            layouts("app/routes/a_.d.tsx").is_empty(),
            "`a_` opts out of the `a` layout"
        );
    }
}
