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

use crate::facts::SourceFile;

/// Marks as not client the plain modules (client by their folder) that
/// nothing the browser runs imports, following `graph` (see
/// [`super::import_graph`]). `unparsed_client` holds the files read but not
/// parsed that are client by their folder: with the unparsed route modules,
/// those count as browser code (nothing says they render no component).
pub fn narrow(
    project: &Project,
    files: &mut [SourceFile],
    graph: &HashMap<PathBuf, Vec<PathBuf>>,
    unparsed_client: &[(PathBuf, Vec<String>)],
) {
    if project.routes.is_none() {
        return;
    }
    let is_route = |path: &Path| workos_widgets_core::framework::is_route_module(project, path);
    // Browser code to start from, and the modules whose imports can be in
    // a browser bundle: server modules (`*.server.*`, `createServerFn`
    // files, route modules without a component) ship nothing of what they
    // import.
    let mut queue: VecDeque<&Path> = VecDeque::new();
    let mut server: HashSet<&Path> = HashSet::new();
    for file in files.iter() {
        let component = !file.jsx.is_empty();
        if file.use_client || (component && (file.client || is_route(&file.path))) {
            queue.push_back(&file.path);
        } else if !file.client {
            server.insert(&file.path);
        }
    }
    let parsed: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let client_paths: HashSet<&Path> = unparsed_client.iter().map(|(p, _)| p.as_path()).collect();
    for path in graph.keys().map(PathBuf::as_path) {
        if parsed.contains(path) {
            continue;
        }
        if is_route(path) || client_paths.contains(path) {
            queue.push_back(path);
        } else {
            // Read but not client by its folder or its text: a
            // `createServerFn` module, a `*.server.*` one.
            server.insert(path);
        }
    }
    let mut reached: HashSet<&Path> = queue.iter().copied().collect();
    while let Some(module) = queue.pop_front() {
        if server.contains(module) {
            continue;
        }
        for target in graph.get(module).into_iter().flatten() {
            if reached.insert(target) {
                queue.push_back(target);
            }
        }
    }
    let unreached: HashSet<PathBuf> = files
        .iter()
        .filter(|f| f.client && !f.use_client && !reached.contains(f.path.as_path()))
        .map(|f| f.path.clone())
        .collect();
    for file in files.iter_mut() {
        if unreached.contains(&file.path) {
            file.client = false;
        }
    }
}
