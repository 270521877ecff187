//! Where the app starts rendering, as the framework mounts it (the input
//! the verifier and detect give [`super::RenderGraph::build`]), and which
//! packages are known to come from a registry.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::facts::render::SlotKind;

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
