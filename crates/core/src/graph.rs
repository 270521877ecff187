//! The render graph: what renders what, across the parsed files, the way
//! React renders it. Nodes are the components and render helpers of every
//! parsed module ([`crate::facts::render`]); edges are JSX elements
//! (children, elements passed in props), components loaded with `lazy()` /
//! `next/dynamic`, render helper calls, re-exports and barrels, route
//! tables, and the framework's own mounts (a route module rendered in its
//! layout's `<Outlet />`, a Next.js page in its layout's `{children}`).
//!
//! The question it answers is a proof: is there a path from where React
//! starts rendering to an element along which no `<WorkOsWidgets>` wraps
//! it? Every hop it cannot follow (an unresolved import, a computed
//! component, a prop rendered where the component decides) counts as
//! "unknown", and an unknown hop proves nothing: the answer is then "no".

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::detect::workspace_packages::{self, WorkspacePackage, package_name};
use crate::facts::render::{Export, SlotKind};
use crate::facts::{Ancestors, JsxKind, SourceFile};
use crate::specifier::{self, ModulePaths};

/// A component of a module, as a framework names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentRef {
    /// An export (`default`, `Layout`).
    Export(String),
    /// The component a TanStack route definition names under a property
    /// (`component`, `shellComponent`).
    Route(String),
}

/// A module's component that the framework renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mounted {
    pub path: PathBuf,
    pub component: ComponentRef,
}

impl Mounted {
    /// The export `name` of `path`.
    pub fn export(path: impl Into<PathBuf>, name: &str) -> Self {
        Self {
            path: path.into(),
            component: ComponentRef::Export(name.to_owned()),
        }
    }
}

/// How the framework renders a module's component.
#[derive(Debug, Clone)]
pub enum Mount {
    /// At the top, with nothing around it (Next.js's root layout, the root
    /// module's `Layout`).
    Root(Mounted),
    /// In the `slot`s of another mounted component (a route in its
    /// layout's `<Outlet />`, a page in its layout's `{children}`).
    In {
        child: Mounted,
        parent: Mounted,
        slot: SlotKind,
    },
}

/// Where the app starts rendering.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    /// Files whose `render(...)`/`hydrateRoot(...)` trees are roots.
    pub render_files: Vec<PathBuf>,
    pub mounts: Vec<Mount>,
    /// Packages known to come from a registry (see
    /// [`third_party_packages`]): their components render what they are
    /// given without `<WorkOsWidgets>`. Any other package (a workspace
    /// package of a monorepo, a linked one) may render it: unknown.
    pub third_party: HashSet<String>,
}

/// The packages the app at `root` declares in its package.json `manifest`
/// with a registry range, whose `node_modules` copy (when installed) is not
/// a link to a folder of the workspace: `workspace:`, `file:`, `link:`,
/// `portal:` and `*` specs are the app's own code.
pub fn third_party_packages(root: &Path, manifest: &serde_json::Value) -> HashSet<String> {
    let value = manifest;
    let mut found = HashSet::new();
    for table in [
        "dependencies",
        "devDependencies",
        "peerDependencies",
        "optionalDependencies",
    ] {
        let Some(deps) = value.get(table).and_then(|t| t.as_object()) else {
            continue;
        };
        for (name, spec) in deps {
            let spec = spec.as_str().unwrap_or_default().trim();
            let own = spec == "*"
                || ["workspace:", "file:", "link:", "portal:"]
                    .iter()
                    .any(|p| spec.starts_with(p));
            if own || is_workspace_link(root, name) {
                continue;
            }
            found.insert(name.clone());
        }
    }
    found
}

/// Whether `node_modules/<name>` links to a folder outside every
/// `node_modules` (a workspace package).
fn is_workspace_link(root: &Path, name: &str) -> bool {
    let path = root.join("node_modules").join(name);
    let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    is_link
        && std::fs::canonicalize(&path)
            .is_ok_and(|target| !target.components().any(|c| c.as_os_str() == "node_modules"))
}

/// Whether the JSX element `element` of `file` is around every place its
/// component renders what it is given (`{children}`, `<Outlet />`,
/// `<Component />`, in every branch): a provider there covers the whole page.
/// `{busy ? <Shell>{children}</Shell> : children}` leaves `<Shell>` around
/// one branch only.
pub fn wraps_every_slot(file: &SourceFile, element: usize) -> bool {
    let Some(render) = file.render.elements.get(element) else {
        return false;
    };
    let mut slots = file
        .render
        .slots
        .iter()
        .filter(|slot| slot.owner == render.owner)
        .peekable();
    slots.peek().is_some() && slots.all(|slot| slot.ancestors.contains(&element))
}

/// A component: (file index, definition index).
pub type Node = (usize, usize);

/// One step of a render path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hop {
    /// The `render(...)` tree of a file (by index).
    Render(usize),
    Component(Node),
}

/// Whether a place in the tree is inside `<WorkOsWidgets>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Wrapped,
    /// Proven not wrapped (within the component that holds the place).
    Unwrapped,
    /// Not known: something on the way cannot be followed.
    Unknown,
}

/// What a JSX element renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A DOM element.
    Intrinsic,
    /// `WorkOsWidgets`.
    Root,
    /// A component from a package (it renders what it is given inside it).
    Package,
    /// A component of the app.
    Component(Node),
    /// `<Outlet />`, `_app`'s `<Component />`.
    Slot,
    Unknown,
}

/// One place that renders a component.
#[derive(Debug, Clone)]
struct Site {
    file: usize,
    owner: Option<usize>,
    ancestors: SiteAncestors,
    /// Where the place starts.
    at: usize,
    /// The element, when the place is one.
    element: Option<usize>,
}

/// The JSX elements around a site, in either order (a verdict does not
/// depend on it): an element's shared ancestor list, or a list of the
/// render facts.
#[derive(Debug, Clone)]
enum SiteAncestors {
    Shared(Ancestors),
    Listed(Vec<usize>),
}

impl SiteAncestors {
    fn iter(&self) -> Box<dyn Iterator<Item = usize> + '_> {
        match self {
            SiteAncestors::Shared(shared) => Box::new(shared.iter().copied()),
            SiteAncestors::Listed(listed) => Box::new(listed.iter().copied()),
        }
    }
}

/// The render graph of the parsed files.
pub struct RenderGraph<'f> {
    files: &'f [SourceFile],
    targets: Vec<Vec<Target>>,
    incoming: HashMap<Node, Vec<Site>>,
    roots: HashSet<Node>,
    mounted_in: HashMap<Node, Vec<(Node, SlotKind)>>,
    /// The components route tables name.
    tabled: Vec<Node>,
    render_files: HashSet<usize>,
    slot_memo: RefCell<HashMap<(Node, SlotKind), Verdict>>,
    exposed_memo: RefCell<HashMap<Node, Option<Vec<Hop>>>>,
}

/// Resolves names across files.
struct Resolver<'f> {
    files: &'f [SourceFile],
    index: HashMap<&'f Path, usize>,
    root: &'f Path,
    paths: &'f ModulePaths,
    third_party: &'f HashSet<String>,
    workspace: &'f [WorkspacePackage],
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
    fn name(&self, file: usize, name: &str, owner: Option<usize>) -> Option<Target> {
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

    fn target(&self, file: usize, element: usize) -> Target {
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

    fn mounted(&self, mounted: &Mounted) -> Option<Node> {
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

impl<'f> RenderGraph<'f> {
    /// Builds the graph of `files` (sorted by path, relative to `root`).
    pub fn build(
        files: &'f [SourceFile],
        root: &'f Path,
        paths: &'f ModulePaths,
        workspace: &'f [WorkspacePackage],
        roots: &'f Roots,
    ) -> Self {
        let resolver = Resolver {
            files,
            index: files
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path.as_path(), i))
                .collect(),
            root,
            paths,
            third_party: &roots.third_party,
            workspace,
        };
        let targets: Vec<Vec<Target>> = (0..files.len())
            .map(|file| {
                (0..files[file].jsx.len())
                    .map(|element| resolver.target(file, element))
                    .collect()
            })
            .collect();
        let mut incoming: HashMap<Node, Vec<Site>> = HashMap::new();
        let mut mounted_in: HashMap<Node, Vec<(Node, SlotKind)>> = HashMap::new();
        let mut tabled = Vec::new();
        for (file, facts) in files.iter().enumerate() {
            for (element, target) in targets[file].iter().enumerate() {
                if let Target::Component(node) = *target {
                    incoming.entry(node).or_default().push(Site {
                        file,
                        owner: facts.render.elements.get(element).and_then(|e| e.owner),
                        ancestors: SiteAncestors::Shared(facts.jsx[element].ancestors.clone()),
                        at: facts.jsx[element].element.start,
                        element: Some(element),
                    });
                }
            }
            for call in &facts.render.calls {
                if let Some(Target::Component(node)) = resolver.name(file, &call.callee, call.owner)
                    && node.0 == file
                {
                    incoming.entry(node).or_default().push(Site {
                        file,
                        owner: call.owner,
                        ancestors: SiteAncestors::Listed(call.ancestors.clone()),
                        at: call.span.start,
                        element: None,
                    });
                }
            }
            route_tables(
                &resolver,
                &targets,
                file,
                &mut incoming,
                &mut mounted_in,
                &mut tabled,
            );
        }
        let mut root_nodes = HashSet::new();
        for mount in &roots.mounts {
            match mount {
                Mount::Root(mounted) => root_nodes.extend(resolver.mounted(mounted)),
                Mount::In {
                    child,
                    parent,
                    slot,
                } => {
                    if let (Some(child), Some(parent)) =
                        (resolver.mounted(child), resolver.mounted(parent))
                    {
                        mounted_in.entry(child).or_default().push((parent, *slot));
                    }
                }
            }
        }
        let render_files = roots
            .render_files
            .iter()
            .filter_map(|p| resolver.index.get(p.as_path()).copied())
            .collect();
        Self {
            files,
            targets,
            incoming,
            roots: root_nodes,
            mounted_in,
            tabled,
            render_files,
            slot_memo: RefCell::default(),
            exposed_memo: RefCell::default(),
        }
    }

    /// The path of components from where React starts rendering to the
    /// JSX element `element` of the file at index `file` (in the files the
    /// graph was built from) along which nothing wraps it in
    /// `<WorkOsWidgets>`: `Some` only when the graph proves one.
    pub fn unwrapped_path(&self, file: usize, element: usize) -> Option<Vec<Hop>> {
        let facts = self.files.get(file)?;
        let jsx = facts.jsx.get(element)?;
        let site = Site {
            file,
            owner: facts.render.elements.get(element)?.owner,
            ancestors: SiteAncestors::Shared(jsx.ancestors.clone()),
            at: jsx.element.start,
            element: Some(element),
        };
        self.site_path(&site)
    }

    /// A readable name of a hop: `Component (path)`, `render(...) in path`.
    pub fn describe(&self, hop: Hop) -> String {
        match hop {
            Hop::Render(file) => format!(
                "render(...) in {}",
                crate::specifier::slash(&self.files[file].path)
            ),
            Hop::Component((file, definition)) => {
                let file = &self.files[file];
                let name = file
                    .render
                    .definitions
                    .get(definition)
                    .map_or("?", |d| d.name.as_str());
                format!("{name} ({})", crate::specifier::slash(&file.path))
            }
        }
    }

    /// The component of the app that the JSX element `element` of the file
    /// at index `file` renders, when the graph can tell.
    pub fn component_at(&self, file: usize, element: usize) -> Option<Node> {
        match self.targets.get(file)?.get(element)? {
            Target::Component(node) => Some(*node),
            _ => None,
        }
    }

    /// The components React Router route tables render
    /// (`createBrowserRouter([{ Component: Root, children: [...] }])`).
    pub fn route_table_components(&self) -> &[Node] {
        &self.tabled
    }

    /// The path of a file (by index).
    pub fn file_path(&self, file: usize) -> &Path {
        &self.files[file].path
    }

    /// The path to a place that is proven unwrapped within its component.
    fn site_path(&self, site: &Site) -> Option<Vec<Hop>> {
        if self.verdict(site.file, site.ancestors.iter(), site.at) != Verdict::Unwrapped {
            return None;
        }
        match site.owner {
            Some(owner) => self.exposed((site.file, owner)),
            None => self
                .in_render_call(site)
                .then(|| vec![Hop::Render(site.file)]),
        }
    }

    fn in_render_call(&self, site: &Site) -> bool {
        let Some(element) = site.element else {
            return false;
        };
        self.render_files.contains(&site.file)
            && self.files[site.file]
                .render_calls
                .iter()
                .any(|call| call.jsx.contains(&element))
    }

    /// Whether a place of `file` with JSX `ancestors` (in any order),
    /// starting at `at`, is inside `<WorkOsWidgets>` within its component:
    /// wrapped when one ancestor wraps it, else unknown when one cannot be
    /// followed, else proven unwrapped.
    fn verdict(&self, file: usize, ancestors: impl Iterator<Item = usize>, at: usize) -> Verdict {
        let facts = &self.files[file];
        let mut verdict = Verdict::Unwrapped;
        for ancestor in ancestors {
            let opening_end = facts
                .render
                .elements
                .get(ancestor)
                .map_or(usize::MAX, |e| e.opening_end);
            let in_attributes = at < opening_end;
            let inherited = match self.targets[file].get(ancestor) {
                Some(Target::Root) => Verdict::Wrapped,
                Some(Target::Intrinsic | Target::Slot) => Verdict::Unwrapped,
                Some(Target::Package) if in_attributes => Verdict::Unwrapped,
                Some(Target::Package) => self.route_layout(file, ancestor),
                Some(Target::Component(_)) if in_attributes => Verdict::Unknown,
                Some(Target::Component(node)) => self.slot(*node, SlotKind::Children),
                Some(Target::Unknown) | None => Verdict::Unknown,
            };
            match inherited {
                Verdict::Wrapped => return Verdict::Wrapped,
                Verdict::Unknown => verdict = Verdict::Unknown,
                Verdict::Unwrapped => {}
            }
        }
        verdict
    }

    /// For a React Router `<Route element={<Layout />}>`: its child routes
    /// render in `Layout`'s `<Outlet />`.
    fn route_layout(&self, file: usize, route: usize) -> Verdict {
        let facts = &self.files[file];
        let is_route = facts
            .import_of(&facts.jsx[route].name)
            .is_some_and(|(import, name)| {
                name == "Route" && import.source.starts_with("react-router")
            });
        if !is_route {
            return Verdict::Unwrapped;
        }
        let opening_end = facts.render.elements[route].opening_end;
        let layout = (route + 1..facts.jsx.len())
            .take_while(|&i| facts.jsx[i].element.start < opening_end)
            .find(|&i| facts.jsx[i].ancestors.iter().next() == Some(&route));
        match layout.map(|i| self.targets[file][i]) {
            Some(Target::Component(node)) => self.slot(node, SlotKind::Outlet),
            Some(Target::Unknown) => Verdict::Unknown,
            _ => Verdict::Unwrapped,
        }
    }

    /// Whether what `node` is given to render in its `kind` slots ends up
    /// inside `<WorkOsWidgets>` within it: `Unwrapped` when one slot is
    /// not, `Unknown` when it has no such slot.
    fn slot(&self, node: Node, kind: SlotKind) -> Verdict {
        if let Some(&verdict) = self.slot_memo.borrow().get(&(node, kind)) {
            return verdict;
        }
        self.slot_memo
            .borrow_mut()
            .insert((node, kind), Verdict::Unknown);
        let facts = &self.files[node.0];
        let verdicts: Vec<Verdict> = facts
            .render
            .slots
            .iter()
            .filter(|s| s.owner == Some(node.1) && s.kind == kind)
            .map(|s| self.verdict(node.0, s.ancestors.iter().copied(), s.span.start))
            .collect();
        let verdict = if verdicts.contains(&Verdict::Unwrapped) {
            Verdict::Unwrapped
        } else if verdicts.is_empty() || verdicts.contains(&Verdict::Unknown) {
            Verdict::Unknown
        } else {
            Verdict::Wrapped
        };
        self.slot_memo.borrow_mut().insert((node, kind), verdict);
        verdict
    }

    /// A path from where React starts rendering to `node` along which
    /// nothing wraps it.
    fn exposed(&self, node: Node) -> Option<Vec<Hop>> {
        if let Some(known) = self.exposed_memo.borrow().get(&node) {
            return known.clone();
        }
        self.exposed_memo.borrow_mut().insert(node, None);
        let found = self.find_exposure(node);
        self.exposed_memo.borrow_mut().insert(node, found.clone());
        found
    }

    fn find_exposure(&self, node: Node) -> Option<Vec<Hop>> {
        let extend = |mut path: Vec<Hop>| {
            path.push(Hop::Component(node));
            path
        };
        if self.roots.contains(&node) {
            return Some(vec![Hop::Component(node)]);
        }
        for &(parent, kind) in self.mounted_in.get(&node).into_iter().flatten() {
            if self.slot(parent, kind) == Verdict::Unwrapped
                && let Some(path) = self.exposed(parent)
            {
                return Some(extend(path));
            }
        }
        for site in self.incoming.get(&node).into_iter().flatten() {
            if let Some(path) = self.site_path(site) {
                return Some(extend(path));
            }
        }
        None
    }
}

/// The edges of React Router route tables in `file`: a top-level route's
/// component renders where `<RouterProvider router={table} />` is, a child
/// route's in its parent route's `<Outlet />`.
fn route_tables(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(src: &str) -> SourceFile {
        let allocator = oxc_allocator::Allocator::default();
        let program = crate::js::parse(&allocator, Path::new("a.tsx"), src).expect("parses");
        let mut file = SourceFile::new("a.tsx".into(), src.to_owned());
        crate::facts::read::extract(&mut file, &program);
        file
    }

    #[test]
    fn a_provider_covers_the_page_only_around_every_branch() {
        let one = file(
            "export default ({ children, busy }) => <main>{busy ? <Shell>{children}</Shell> : children}</main>\n",
        );
        let shell = one.jsx.iter().position(|e| e.name == "Shell").unwrap();
        assert!(!wraps_every_slot(&one, shell));
        let main = one.jsx.iter().position(|e| e.name == "main").unwrap();
        assert!(wraps_every_slot(&one, main));
        let both = file(
            "export default ({ children, busy }) => <Shell>{busy ? <p /> : children}</Shell>\n",
        );
        assert!(wraps_every_slot(&both, 0));
        let none = file("export default () => <Shell><p /></Shell>\n");
        assert!(!wraps_every_slot(&none, 0));
    }
}
