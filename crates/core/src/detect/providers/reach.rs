//! Which modules detection reads, and which of their elements are around
//! what the app renders (the render graph's answer).

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;

use super::sheets::{is_style_file, stylesheet};
use super::{Inputs, holder};
use crate::ProjectError;
use crate::detect::workspace_packages;
use crate::facts::{self, SourceFile};
use crate::graph::{Node, RenderGraph};
use crate::project::{ClientAccess, QueryClientHolder};
use crate::specifier;
use crate::{js, links};

/// How many local files are followed past the entry files, at most.
const MAX_FOLLOWED: usize = 200;
/// How many imports deep files are followed from an entry file.
const MAX_DEPTH: usize = 8;

/// The modules detection reads, in the order they were reached.
pub(super) struct ReadModules {
    pub(super) files: Vec<SourceFile>,
    pub(super) entry_files: Vec<PathBuf>,
    /// The root route's context, when it declares `queryClient`.
    pub(super) route_context: Option<QueryClientHolder>,
    /// Followed modules a link leads out of the project (not read).
    pub(super) links_outside: Vec<PathBuf>,
}

/// Reads the entry files whole and the modules they import (statically,
/// through `lazy()`/`next/dynamic`, through every module path and into
/// workspace packages), as far as [`MAX_DEPTH`] and [`MAX_FOLLOWED`] allow.
pub(super) fn read_modules(inputs: &Inputs<'_>) -> Result<ReadModules, ProjectError> {
    let root = inputs.root;
    let entries = inputs.entries;
    let mut read = ReadModules {
        files: Vec::new(),
        entry_files: Vec::new(),
        route_context: None,
        links_outside: Vec::new(),
    };
    // Every entry file is read whole, also one another entry imports
    // (`main` imports `./App`): mark them all seen before following imports.
    let mut seen = HashSet::new();
    for relative in [
        &entries.main,
        &entries.app,
        &entries.next_root,
        &entries.root_module,
    ]
    .into_iter()
    .flatten()
    {
        if seen.insert(relative.clone()) {
            read.entry_files.push(relative.clone());
        }
    }
    let mut queue: VecDeque<(PathBuf, usize)> = VecDeque::new();
    for relative in &read.entry_files {
        let path = root.join(relative);
        let text = links::read_inside(root, &path)?;
        let allocator = Allocator::default();
        let program = js::parse(&allocator, &path, &text)?;
        let mut file = SourceFile::new(relative.clone(), text.clone());
        facts::read::extract(&mut file, &program);
        if entries.root_module.as_ref() == Some(relative)
            && let Some((route, at)) =
                crate::detect::router_context::root_route_with_query_client(&program)
        {
            read.route_context = Some(holder(
                relative,
                &text,
                at,
                ClientAccess::RouteContext { route },
            ));
        }
        follow(inputs, &file, 0, &mut seen, &mut queue);
        read.files.push(file);
    }
    let mut followed = 0;
    while let Some((relative, depth)) = queue.pop_front() {
        followed += 1;
        if followed > MAX_FOLLOWED {
            break;
        }
        let text = match read_module(inputs, &relative) {
            Ok(text) => text,
            Err(ProjectError::LinkOutsideProject { .. }) => {
                read.links_outside.push(relative);
                continue;
            }
            Err(_) => continue,
        };
        let allocator = Allocator::default();
        let Ok(program) = js::parse(&allocator, &relative, &text) else {
            continue;
        };
        let mut file = SourceFile::new(relative.clone(), text.clone());
        facts::read::extract(&mut file, &program);
        follow(inputs, &file, depth, &mut seen, &mut queue);
        read.files.push(file);
    }
    Ok(read)
}

/// Queues the modules `file` imports (not stylesheets), and those its
/// `lazy()` components load.
fn follow(
    inputs: &Inputs<'_>,
    file: &SourceFile,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    queue: &mut VecDeque<(PathBuf, usize)>,
) {
    if depth >= MAX_DEPTH {
        return;
    }
    let sources = file
        .imports
        .iter()
        .filter(|import| !is_style_file(import.path()) && stylesheet(import.path()).is_none())
        .map(|import| import.source.as_str())
        .chain(file.render.lazy.iter().map(|lazy| lazy.source.as_str()));
    for source in sources {
        let target = if specifier::is_local(source) {
            specifier::resolve_module(inputs.root, &file.path, source, inputs.paths)
        } else {
            specifier::resolve_module(inputs.root, &file.path, source, inputs.paths).or_else(|| {
                workspace_packages::module_file(inputs.packages, source, |p| {
                    workspace_packages::source_path(inputs.packages, p).is_some_and(|p| p.is_file())
                })
            })
        };
        if let Some(target) = target
            && seen.insert(target.clone())
        {
            queue.push_back((target, depth + 1));
        }
    }
}

/// The text of the module `relative`: from its workspace package's folder
/// when it lies under one's `node_modules` link (checked to lead into the
/// workspace), else from the app, never through a link out of it.
fn read_module(inputs: &Inputs<'_>, relative: &Path) -> Result<String, ProjectError> {
    match workspace_packages::source_path(inputs.packages, relative) {
        Some(path) => std::fs::read_to_string(&path).map_err(|e| ProjectError::read(&path, e)),
        None => links::read_inside(inputs.root, &inputs.root.join(relative)),
    }
}

/// The elements that are around what the app renders, as (file, element):
/// every element of the `entry_files`, and, in each component those (or
/// JSX outside every component, such as a route table) render
/// (followed through the render graph: imports, barrels, `lazy()`,
/// workspace packages), the elements around what it is given
/// (`{children}`, `<Outlet />`, `<Component />`), and on into the
/// components those are.
pub(super) fn around_app(
    graph: &RenderGraph<'_>,
    files: &[SourceFile],
    entry_files: &[usize],
) -> HashSet<(usize, usize)> {
    let mut counted = HashSet::new();
    let mut pending: Vec<Node> = Vec::new();
    for &file in entry_files {
        for element in 0..files[file].jsx.len() {
            counted.insert((file, element));
            pending.extend(graph.component_at(file, element));
        }
    }
    // JSX outside every component (a route table's `element: <Layout />`,
    // an element held in a module constant) renders where the app puts it.
    for (file, facts) in files.iter().enumerate() {
        for (element, jsx) in facts.jsx.iter().enumerate() {
            let owner = facts.render.elements.get(element).and_then(|e| e.owner);
            if owner.is_none() {
                if jsx.wraps_children {
                    counted.insert((file, element));
                }
                pending.extend(graph.component_at(file, element));
            }
        }
    }
    pending.extend_from_slice(graph.route_table_components());
    let mut visited = HashSet::new();
    while let Some(node @ (file, definition)) = pending.pop() {
        if !visited.insert(node) {
            continue;
        }
        let facts = &files[file];
        for (element, jsx) in facts.jsx.iter().enumerate() {
            let owner = facts.render.elements.get(element).and_then(|e| e.owner);
            if owner == Some(definition) && jsx.wraps_children && counted.insert((file, element)) {
                pending.extend(graph.component_at(file, element));
            }
        }
    }
    counted
}
