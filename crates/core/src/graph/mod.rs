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
use std::path::Path;

mod resolve;
mod roots;

pub use roots::{ComponentRef, Mount, Mounted, Roots, third_party_packages};

use crate::detect::workspace_packages::WorkspacePackage;
use crate::facts::render::SlotKind;
use crate::facts::{Ancestors, SourceFile};
use crate::specifier::ModulePaths;
use resolve::{Resolver, route_tables};

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
