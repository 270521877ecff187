//! The widgets package's peer ranges and the peer versions it loads, from
//! core's one lookup of installed packages ([`Lookup`]): hoisted up to the
//! workspace root, and the peers resolved from where the widgets package
//! really lives (pnpm keeps them beside it under `node_modules/.pnpm`).

use std::path::Path;

use serde_json::Value;
use workos_widgets_core::catalog::WIDGETS_PACKAGE;
use workos_widgets_core::detect::installed::Lookup;

use crate::facts::Installed;

/// Reads the widgets package's peer ranges and the peer versions it sees.
pub fn read(root: &Path) -> Installed {
    let lookup = Lookup::new(root);
    let Some((_, widgets)) = lookup.manifest(WIDGETS_PACKAGE) else {
        return Installed::default();
    };
    let widgets_peers: Vec<(String, String)> = widgets
        .get("peerDependencies")
        .and_then(Value::as_object)
        .map(|peers| {
            peers
                .iter()
                .filter_map(|(name, range)| Some((name.clone(), range.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let peer_versions = widgets_peers
        .iter()
        .filter_map(|(name, _)| Some((name.clone(), lookup.version_from(WIDGETS_PACKAGE, name)?)))
        .collect();
    Installed {
        widgets_peers,
        peer_versions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_package(dir: &Path, name: &str, version: &str, peers: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(
            dir.join("package.json"),
            format!(r#"{{"name":"{name}","version":"{version}","peerDependencies":{{{peers}}}}}"#),
        )
        .unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn follows_pnpm_symlinks_to_the_peers_beside_the_package() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let store = root.join("node_modules/.pnpm/@workos-inc+widgets@1.18.0/node_modules");
        write_package(
            &store.join("@workos-inc/widgets"),
            WIDGETS_PACKAGE,
            "1.18.0",
            r#""@radix-ui/themes":"^3.3.0""#,
        );
        write_package(
            &store.join("@radix-ui/themes"),
            "@radix-ui/themes",
            "3.2.1",
            "",
        );
        // A different version hoisted at the top must not be the one reported.
        write_package(
            &root.join("node_modules/@radix-ui/themes"),
            "@radix-ui/themes",
            "3.3.0",
            "",
        );
        std::fs::create_dir_all(root.join("node_modules/@workos-inc")).unwrap();
        std::os::unix::fs::symlink(
            store.join("@workos-inc/widgets"),
            root.join("node_modules/@workos-inc/widgets"),
        )
        .unwrap();
        let installed = read(root);
        assert_eq!(
            installed.widgets_peers,
            [("@radix-ui/themes".to_owned(), "^3.3.0".to_owned())]
        );
        assert_eq!(
            installed.peer_versions,
            [("@radix-ui/themes".to_owned(), "3.2.1".to_owned())]
        );
    }

    #[test]
    fn finds_packages_hoisted_to_the_workspace_root() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("apps/web");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"workspaces":["apps/*"]}"#,
        )
        .unwrap();
        write_package(
            &dir.path().join("node_modules/@workos-inc/widgets"),
            WIDGETS_PACKAGE,
            "1.18.0",
            r#""react":">=18""#,
        );
        write_package(
            &dir.path().join("node_modules/react"),
            "react",
            "19.2.0",
            "",
        );
        let installed = read(&app);
        assert_eq!(
            installed.peer_versions,
            [("react".to_owned(), "19.2.0".to_owned())]
        );
    }
}
