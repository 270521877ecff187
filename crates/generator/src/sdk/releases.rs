//! What the registry serves: the newest `@workos-inc/node` of each major
//! with its `engines.node`, and the `@workos-inc/node` range of each AuthKit
//! SDK version (both read with `npm view` on 2026-12-03; an installed
//! AuthKit package's own package.json wins over this table).

use semver::Version;
use workos_widgets_core::npm_range;
use workos_widgets_core::project::AuthKit;

/// The newest release of each major and the Node it needs.
static RELEASES: [(u64, u64, u64, Version); 6] = [
    (7, 82, 0, Version::new(16, 0, 0)),
    (8, 13, 0, Version::new(20, 15, 0)),
    (9, 3, 1, Version::new(22, 11, 0)),
    (10, 14, 0, Version::new(22, 11, 0)),
    (11, 0, 0, Version::new(22, 11, 0)),
    (12, 3, 0, Version::new(22, 11, 0)),
];

/// The version npm picks for `range` (any version when `None`): the newest
/// release in range whose engines accept `node` (npm's choice), else, for
/// a range, the newest in range (npm only warns about engines then). `None`
/// when no known release fits.
pub fn newest(range: Option<&str>, node: Option<&Version>) -> Option<Version> {
    let in_range: Vec<(Version, &Version)> = RELEASES
        .iter()
        .map(|(major, minor, patch, engines)| (Version::new(*major, *minor, *patch), engines))
        .filter(|(version, _)| {
            range.is_none_or(|r| npm_range::satisfies(r, &version.to_string()) == Some(true))
        })
        .collect();
    let engine_ok = in_range
        .iter()
        .rev()
        .find(|(_, engines)| node.is_none_or(|n| n >= *engines));
    engine_ok
        .or_else(|| range.and(in_range.last()))
        .map(|(version, _)| version.clone())
}

/// How an AuthKit SDK gets its `@workos-inc/node`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A dependency of its own: its `getWorkOS()` is that client, whatever
    /// the app installs.
    Dependency(String),
    /// A peer: the app's own `@workos-inc/node` must be in this range.
    Peer(String),
}

impl Link {
    /// `dependency` or `peer`, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Link::Dependency(_) => "dependency",
            Link::Peer(_) => "peer",
        }
    }
}

/// Known ranges: (SDK, its versions, peer?, range). authkit-nextjs 0.13 to
/// 3.x depend on their own `@workos-inc/node` (`npm view @workos-inc/authkit-nextjs@<v> dependencies`),
/// 4.1.4+ peers with it.
const KNOWN: [(AuthKit, &str, bool, &str); 14] = [
    (AuthKit::NextJs, ">=4.1.4 <5.0.0", true, "^9.0.0 || ^10.0.0"),
    (AuthKit::NextJs, ">=4.0.0 <4.1.4", false, "^9.0.0"),
    (AuthKit::NextJs, ">=2.17.0 <4.0.0", false, "^8.9.0"),
    (AuthKit::NextJs, ">=2.16.0 <2.17.0", false, "^8.7.0"),
    (AuthKit::NextJs, ">=2.14.0 <2.16.0", false, "^8.2.0"),
    (AuthKit::NextJs, ">=2.11.0 <2.14.0", false, "^7.72.0"),
    (AuthKit::NextJs, ">=2.6.0 <2.11.0", false, "^7.67.0"),
    (AuthKit::NextJs, ">=1.4.0 <2.6.0", false, "^7.37.1"),
    (AuthKit::NextJs, ">=1.1.0 <1.4.0", false, "^7.37.0"),
    (AuthKit::NextJs, ">=0.16.0 <1.1.0", false, "^7.33.0"),
    (AuthKit::NextJs, ">=0.13.0 <0.16.0", false, "^7.29.0"),
    (AuthKit::ReactRouter, ">=0.6.0 <0.9.0", false, "^7.41.0"),
    (AuthKit::Remix, ">=0.9.0 <0.18.0", false, "^7.41.0"),
    (AuthKit::TanstackStart, ">=0.11.0 <0.12.0", true, "^10.7.0"),
];

/// The `@workos-inc/node` link of `kit` at `version`, from the table.
pub fn known_link(kit: AuthKit, version: &Version) -> Option<Link> {
    KNOWN
        .iter()
        .find(|(k, versions, _, _)| {
            *k == kit && npm_range::satisfies(versions, &version.to_string()) == Some(true)
        })
        .map(|(_, _, peer, range)| {
            if *peer {
                Link::Peer((*range).to_owned())
            } else {
                Link::Dependency((*range).to_owned())
            }
        })
}

/// The `@workos-inc/node` link of the newest known release of `kit` (the
/// table lists each SDK's releases newest first).
pub fn newest_known_link(kit: AuthKit) -> Option<Link> {
    KNOWN
        .iter()
        .find(|(k, _, _, _)| *k == kit)
        .and_then(|(_, versions, _, _)| {
            let floor = versions.trim_start_matches(">=").split(' ').next()?;
            known_link(kit, &Version::parse(floor).ok()?)
        })
}

/// The link an AuthKit package's package.json declares.
pub fn link_in_manifest(manifest: &serde_json::Value, sdk: &str) -> Option<Link> {
    let range = |table: &str| manifest.get(table)?.get(sdk)?.as_str().map(str::to_owned);
    range("dependencies")
        .map(Link::Dependency)
        .or_else(|| range("peerDependencies").map(Link::Peer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_picks_the_newest_release_the_running_node_accepts() {
        let node20 = Version::new(20, 20, 2);
        let node22 = Version::new(22, 11, 0);
        assert_eq!(newest(None, Some(&node20)), Some(Version::new(8, 13, 0)));
        assert_eq!(newest(None, Some(&node22)), Some(Version::new(12, 3, 0)));
        assert_eq!(
            newest(None, Some(&Version::new(18, 0, 0))),
            Some(Version::new(7, 82, 0))
        );
        // A peer range npm must honour: the newest in range, engines or not.
        assert_eq!(
            newest(Some("^9.0.0 || ^10.0.0"), Some(&node20)),
            Some(Version::new(10, 14, 0))
        );
        assert_eq!(
            newest(Some("^8.9.0"), Some(&node22)),
            Some(Version::new(8, 13, 0))
        );
        assert_eq!(newest(Some("^13.0.0"), Some(&node22)), None);
        assert_eq!(newest(None, Some(&Version::new(14, 0, 0))), None);
    }

    #[test]
    fn knows_the_authkit_sdks_node_ranges() {
        let link = |kit, v: &str| known_link(kit, &Version::parse(v).unwrap());
        assert_eq!(
            link(AuthKit::NextJs, "4.3.2"),
            Some(Link::Peer("^9.0.0 || ^10.0.0".to_owned()))
        );
        assert_eq!(
            link(AuthKit::NextJs, "3.0.1"),
            Some(Link::Dependency("^8.9.0".to_owned()))
        );
        assert_eq!(
            link(AuthKit::NextJs, "2.1.0"),
            Some(Link::Dependency("^7.37.1".to_owned())),
            "2.x before 2.14 depends on node 7"
        );
        assert_eq!(
            link(AuthKit::NextJs, "2.15.0"),
            Some(Link::Dependency("^8.2.0".to_owned()))
        );
        assert_eq!(
            link(AuthKit::ReactRouter, "0.8.1"),
            Some(Link::Dependency("^7.41.0".to_owned()))
        );
        assert_eq!(
            link(AuthKit::Remix, "0.17.0"),
            Some(Link::Dependency("^7.41.0".to_owned()))
        );
        assert_eq!(
            link(AuthKit::TanstackStart, "0.11.1"),
            Some(Link::Peer("^10.7.0".to_owned()))
        );
        assert_eq!(
            link(AuthKit::TanstackStart, "0.9.1"),
            None,
            "no node SDK at all"
        );
    }
}
