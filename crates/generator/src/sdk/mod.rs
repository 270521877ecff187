//! Which `@workos-inc/node` the generated token code targets: the version
//! the app runs once its install is done, and why. In order: the copy
//! already installed (for an AuthKit SDK's `getWorkOS()`, the copy that SDK
//! loads), the lockfile's, the declared range's, the range an AuthKit SDK
//! depends on or peers with, else what npm picks for the running Node (the
//! newest release whose `engines` accept it).

mod lockfile;
mod releases;

use std::path::Path;
use std::process::Command;

use semver::Version;
use serde::Serialize;
use workos_widgets_core::Project;
use workos_widgets_core::catalog::SDK_PACKAGE;
use workos_widgets_core::detect;
use workos_widgets_core::node_sdk;
use workos_widgets_core::project::AuthKit;

use lockfile::Query;
use releases::Link;

/// A target `@workos-inc/node` version and how it was found.
#[derive(Debug, Clone, Serialize)]
pub struct SdkTarget {
    pub version: Version,
    /// Where the version comes from, one sentence (shown in the plan).
    pub source: String,
    /// The generated call: `getToken` or `createToken`.
    pub call: &'static str,
    /// An AuthKit SDK's peer range fixes the major: the install must ask
    /// for it (a bare `@workos-inc/node` could pick one outside the peer).
    #[serde(skip)]
    pub pinned: bool,
}

impl SdkTarget {
    fn new(version: Version, source: String) -> Self {
        let call = node_sdk::token_method(version.major);
        Self {
            version,
            source,
            call,
            pinned: false,
        }
    }

    /// `createToken` (returns `{ token }`) from 9.x (see
    /// [`node_sdk::uses_create_token`]),
    /// `getToken` (returns the string) before.
    pub fn uses_create_token(&self) -> bool {
        self.call == "createToken"
    }

    /// The name of the widgets token method.
    pub fn token_method(&self) -> &'static str {
        self.call
    }

    /// One line for the plan: the version, the call and why.
    pub fn summary(&self) -> String {
        let returns = if self.uses_create_token() {
            "{ token }"
        } else {
            "the token string"
        };
        format!(
            "the token code targets @workos-inc/node {} (widgets.{}(), which resolves to {returns}): {}",
            self.version, self.call, self.source
        )
    }
}

/// Finds the target version for `project`. `client` is the AuthKit SDK
/// whose `getWorkOS()` the token handler calls (`None`: the app's own
/// `new WorkOS()`). Runs `node --version` only when the running Node
/// decides.
pub fn resolve(project: &Project, client: Option<AuthKit>) -> SdkTarget {
    let node = std::cell::OnceCell::new();
    resolve_with(project, client, &|| {
        node.get_or_init(|| node_version_in(&project.root)).clone()
    })
}

/// [`resolve`] with the running Node's version from `node`.
fn resolve_with(
    project: &Project,
    client: Option<AuthKit>,
    node: &dyn Fn() -> Option<Version>,
) -> SdkTarget {
    let root = project.root.as_path();
    if let Some(kit) = client {
        let package = kit.package();
        if let Some(version) = detect::installed::Lookup::new(root)
            .version_from(package, SDK_PACKAGE)
            .and_then(|v| Version::parse(&v).ok())
        {
            return SdkTarget::new(
                version,
                format!("installed (the copy {package}'s getWorkOS() loads)"),
            );
        }
        if let Some((Link::Dependency(range), from)) = authkit_link(project, kit) {
            let query = Query {
                via: Some(package),
                range: Some(&range),
            };
            if let Some(locked) = lockfile::locked(root, query) {
                return SdkTarget::new(
                    locked.version,
                    format!(
                        "{} pins it for {package}, whose getWorkOS() client it is",
                        locked.file.display()
                    ),
                );
            }
            let version = in_range(&range, node);
            return SdkTarget::new(
                version,
                format!(
                    "{package}'s getWorkOS() client, its own dependency {range} ({from}), whatever the app installs"
                ),
            );
        }
    }
    own_copy(project, node)
}

/// The app's own `@workos-inc/node` (also what an AuthKit SDK that peers
/// with it gets).
fn own_copy(project: &Project, node: &dyn Fn() -> Option<Version>) -> SdkTarget {
    let root = project.root.as_path();
    if let Some(version) = project
        .installed(SDK_PACKAGE)
        .and_then(|v| Version::parse(v).ok())
    {
        return SdkTarget::new(
            version,
            "installed (node_modules/@workos-inc/node)".to_owned(),
        );
    }
    let declared = project
        .package(SDK_PACKAGE)
        .and_then(|p| p.declared.as_deref());
    let peer = project
        .authkit
        .and_then(|kit| match authkit_link(project, kit)? {
            (Link::Peer(range), from) => Some((kit, range, from)),
            (Link::Dependency(_), _) => None,
        });
    // A lockfile entry counts for a declared range or a peer: an entry
    // for neither belongs to another package and goes when init adds one.
    if let Some(range) = declared.or(peer.as_ref().map(|(_, range, _)| range.as_str())) {
        let query = Query {
            via: None,
            range: Some(range),
        };
        if let Some(locked) = lockfile::locked(root, query) {
            return SdkTarget::new(
                locked.version,
                format!("{} pins it (for {range})", locked.file.display()),
            );
        }
    }
    if let Some(range) = declared
        && let Some(version) =
            releases::newest(Some(range), node().as_ref()).or_else(|| minimum_of_range(range))
    {
        return SdkTarget::new(
            version,
            format!("package.json declares {range}; {}", picked_for(node)),
        );
    }
    if let Some((kit, range, from)) = peer {
        let version = in_range(&range, node);
        return SdkTarget {
            pinned: true,
            ..SdkTarget::new(
                version,
                format!(
                    "{} peers with @workos-inc/node {range} ({from}): the newest release in range",
                    kit.package()
                ),
            )
        };
    }
    predict(node)
}

/// The `@workos-inc/node` range `kit` declares, and where it was read: the
/// installed package's package.json, else the known range of the declared
/// version.
fn authkit_link(project: &Project, kit: AuthKit) -> Option<(Link, String)> {
    let package = kit.package();
    if let Some((path, manifest)) = detect::installed::Lookup::new(&project.root).manifest(package)
    {
        let shown = path
            .strip_prefix(&project.root)
            .unwrap_or(&path)
            .display()
            .to_string();
        return releases::link_in_manifest(&manifest, SDK_PACKAGE)
            .map(|link| (link.clone(), format!("{} in {shown}", link.kind())));
    }
    let declared = project.package(package)?.declared.as_deref()?;
    let Some(version) = minimum_of_range(declared) else {
        // `workspace:*`, `link:`, a tag: no version to look up; the
        // newest release's range is the best guess for the copy it names.
        let link = releases::newest_known_link(kit)?;
        let from = format!(
            "known {} range of the newest {package}, as package.json declares {declared} (no version to look up; not installed yet)",
            link.kind()
        );
        return Some((link, from));
    };
    releases::known_link(kit, &version).map(|link| {
        let from = format!(
            "known {} range of {package} {version}, as package.json declares {declared}; not installed yet",
            link.kind()
        );
        (link, from)
    })
}

/// The newest known release in `range` (the running Node preferred), else
/// the range's minimum, else 8.13.0.
fn in_range(range: &str, node: &dyn Fn() -> Option<Version>) -> Version {
    releases::newest(Some(range), node().as_ref())
        .or_else(|| minimum_of_range(range))
        .unwrap_or_else(|| Version::new(8, 13, 0))
}

/// "npm picks X on Node N" for a declared range.
fn picked_for(node: &dyn Fn() -> Option<Version>) -> String {
    match node() {
        Some(node) => format!("the newest release in range whose engines accept Node {node}"),
        None => "the newest release in range (node not found on PATH)".to_owned(),
    }
}

/// The running Node's version (`node --version`), if node is on PATH.
pub fn node_version() -> Option<Version> {
    node_version_in(Path::new("."))
}

fn node_version_in(dir: &Path) -> Option<Version> {
    Command::new("node")
        .arg("--version")
        .current_dir(dir)
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|v| Version::parse(v.trim().trim_start_matches('v')).ok())
}

/// The version npm would install on the running Node.
fn predict(node: &dyn Fn() -> Option<Version>) -> SdkTarget {
    match node() {
        Some(node) => SdkTarget::new(
            for_node(&node),
            format!(
                "not installed, declared or locked: what npm installs on Node {node} (the newest release whose engines accept it)"
            ),
        ),
        None => SdkTarget::new(
            Version::new(8, 13, 0),
            "assumed: not installed, declared or locked, and node is not on PATH".to_owned(),
        ),
    }
}

/// The newest SDK whose `engines.node` accepts `node` (see FACTS.md).
pub fn for_node(node: &Version) -> Version {
    releases::newest(None, Some(node)).unwrap_or_else(|| Version::new(7, 82, 0))
}

pub use workos_widgets_core::package_json::minimum_of_range;

#[cfg(test)]
mod tests;
