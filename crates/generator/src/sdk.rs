//! Which `@workos-inc/node` version the generated token code targets: the
//! installed one, else the declared one, else the one npm would pick for the
//! running Node (npm picks the newest version whose `engines` match).

use std::path::Path;
use std::process::Command;

use semver::Version;
use serde::Serialize;
use workos_widgets_core::Project;
use workos_widgets_core::catalog::SDK_PACKAGE;

/// A target `@workos-inc/node` version and how it was found.
#[derive(Debug, Clone, Serialize)]
pub struct SdkTarget {
    pub version: Version,
    pub source: String,
}

impl SdkTarget {
    /// `createToken` (returns `{ token }`) from 9, `getToken` (returns the
    /// string) up to 8.
    pub fn uses_create_token(&self) -> bool {
        self.version.major >= 9
    }

    /// The name of the widgets token method.
    pub fn token_method(&self) -> &'static str {
        if self.uses_create_token() {
            "createToken"
        } else {
            "getToken"
        }
    }
}

/// Finds the target version for `project`. Runs `node --version` only when
/// the SDK is neither installed nor declared.
pub fn resolve(project: &Project) -> SdkTarget {
    if let Some(version) = project
        .installed(SDK_PACKAGE)
        .and_then(|v| Version::parse(v).ok())
    {
        return SdkTarget {
            version,
            source: "installed".to_owned(),
        };
    }
    if let Some(declared) = project
        .package(SDK_PACKAGE)
        .and_then(|p| p.declared.as_deref())
        .and_then(minimum_of_range)
    {
        return SdkTarget {
            version: declared,
            source: "declared in package.json".to_owned(),
        };
    }
    predict(&project.root)
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
pub fn predict(root: &Path) -> SdkTarget {
    let node = node_version_in(root);
    match node {
        Some(node) => SdkTarget {
            version: for_node(&node),
            source: format!("what npm installs on Node {node}"),
        },
        None => SdkTarget {
            version: Version::new(8, 13, 0),
            source: "assumed (node not found on PATH)".to_owned(),
        },
    }
}

/// The newest SDK whose `engines.node` accepts `node` (see FACTS.md).
pub fn for_node(node: &Version) -> Version {
    if *node >= Version::new(22, 11, 0) {
        Version::new(11, 0, 0)
    } else if *node >= Version::new(20, 15, 0) {
        Version::new(8, 13, 0)
    } else {
        Version::new(7, 82, 0)
    }
}

pub use workos_widgets_core::package_json::minimum_of_range;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicts_by_node_engines() {
        assert_eq!(for_node(&Version::new(20, 20, 2)), Version::new(8, 13, 0));
        assert_eq!(for_node(&Version::new(22, 11, 0)), Version::new(11, 0, 0));
        assert_eq!(for_node(&Version::new(18, 0, 0)).major, 7);
    }

    #[test]
    fn reads_range_minimums() {
        assert_eq!(minimum_of_range("^8.13.0"), Some(Version::new(8, 13, 0)));
        assert_eq!(minimum_of_range(">=9"), Some(Version::new(9, 0, 0)));
        assert_eq!(minimum_of_range("latest"), None);
    }
}
