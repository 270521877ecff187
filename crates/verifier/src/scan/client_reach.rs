//! Which plain modules of a React Router, Remix or TanStack Start app reach
//! the browser. Their bundlers ship a module only when something the
//! browser runs imports it: a component (a file that renders JSX, a route
//! module's component), or a module such a file imports. A module that only
//! server code imports (a resource route with a `loader`/`action` and no
//! component, a TanStack server route, a `*.server.*` module) stays on the
//! server, whatever its folder.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::specifier;

use crate::facts::SourceFile;

/// Marks as not client the plain modules (client by their folder) that
/// nothing the browser runs imports. `unparsed` holds the local import
/// specifiers of the files read but not parsed, `unparsed_client` those of
/// them that are client by their folder: with the unparsed route modules,
/// those count as browser code (nothing says they render no component).
pub fn narrow(
    project: &Project,
    files: &mut [SourceFile],
    unparsed: &[(PathBuf, Vec<String>)],
    unparsed_client: &[(PathBuf, Vec<String>)],
) {
    let Some(routes) = &project.routes else {
        return;
    };
    let is_route = |path: &Path| {
        path.starts_with(&routes.routes_dir) || project.entries.root_module.as_deref() == Some(path)
    };
    let resolve = |from: &Path, source: &str| {
        specifier::resolve_local(&project.root, from, source, project.path_alias.as_ref())
    };
    // The imports of the modules that can be in a browser bundle: server
    // modules (`*.server.*`, `createServerFn` files, route modules without
    // a component) ship nothing of what they import.
    let mut edges: HashMap<&Path, Vec<PathBuf>> = HashMap::new();
    let mut queue: VecDeque<PathBuf> = VecDeque::new();
    for file in files.iter() {
        let component = !file.jsx.is_empty();
        let browser = file.use_client || (component && (file.client || is_route(&file.path)));
        if !browser && !file.client {
            continue;
        }
        let targets = file
            .imports
            .iter()
            .filter(|i| !i.type_only)
            .filter_map(|i| resolve(&file.path, &i.source))
            .collect();
        edges.insert(&file.path, targets);
        if browser {
            queue.push_back(file.path.clone());
        }
    }
    let parsed: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let client_paths: HashSet<&Path> = unparsed_client.iter().map(|(p, _)| p.as_path()).collect();
    for (path, specifiers) in unparsed {
        // Parsed later (the second pass): its facts say more.
        if parsed.contains(path.as_path()) {
            continue;
        }
        let targets = specifiers.iter().filter_map(|s| resolve(path, s)).collect();
        edges.insert(path, targets);
        if is_route(path) || client_paths.contains(path.as_path()) {
            queue.push_back(path.clone());
        }
    }
    let mut reached: HashSet<PathBuf> = queue.iter().cloned().collect();
    while let Some(module) = queue.pop_front() {
        for target in edges.get(module.as_path()).into_iter().flatten() {
            if reached.insert(target.clone()) {
                queue.push_back(target.clone());
            }
        }
    }
    for file in files.iter_mut() {
        if file.client && !file.use_client && !reached.contains(&file.path) {
            file.client = false;
        }
    }
}
