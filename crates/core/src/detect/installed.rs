//! Installed package versions, read from `node_modules/<pkg>/package.json`
//! in the project and its ancestors (hoisting), following pnpm's symlinks;
//! under Yarn Plug'n'Play (no `node_modules`), from its resolution state.

use std::path::Path;

/// The version of `name` that Node would resolve from `root`, if installed.
pub fn version(root: &Path, name: &str) -> Option<String> {
    root.ancestors()
        .find_map(|dir| {
            let manifest = dir.join("node_modules").join(name).join("package.json");
            let text = std::fs::read_to_string(manifest).ok()?;
            let value: serde_json::Value = serde_json::from_str(&text).ok()?;
            value.get("version")?.as_str().map(str::to_owned)
        })
        .or_else(|| crate::pnp::find(root)?.version(root, name))
}

/// The installed `package.json` of `name` that Node would resolve from
/// `root`, parsed, with its path.
pub fn manifest(root: &Path, name: &str) -> Option<(std::path::PathBuf, serde_json::Value)> {
    root.ancestors().find_map(|dir| {
        let path = dir.join("node_modules").join(name).join("package.json");
        let text = std::fs::read_to_string(&path).ok()?;
        Some((path, serde_json::from_str(&text).ok()?))
    })
}

/// The version of `name` that Node resolves from inside the installed
/// package `dependent` (its own nested copy, else the one beside or above
/// it): what `dependent`'s `require(name)` loads. pnpm's symlinks are
/// followed, so a dependency in the package's virtual store is found.
pub fn version_from(root: &Path, dependent: &str, name: &str) -> Option<String> {
    let (manifest_path, _) = manifest(root, dependent)?;
    let package_dir = manifest_path.parent()?.canonicalize().ok()?;
    version(&package_dir, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, version: &str) {
        std::fs::create_dir_all(path).unwrap();
        std::fs::write(
            path.join("package.json"),
            format!(r#"{{"version":"{version}"}}"#),
        )
        .unwrap();
    }

    #[test]
    fn a_dependent_resolves_its_nested_copy_before_the_hoisted_one() {
        let dir = tempfile::tempdir().unwrap();
        let modules = dir.path().join("node_modules");
        write(&modules.join("@workos-inc/node"), "11.0.0");
        write(&modules.join("@workos-inc/authkit-remix"), "0.17.0");
        assert_eq!(
            version_from(dir.path(), "@workos-inc/authkit-remix", "@workos-inc/node").as_deref(),
            Some("11.0.0"),
            "hoisted"
        );
        write(
            &modules.join("@workos-inc/authkit-remix/node_modules/@workos-inc/node"),
            "7.82.0",
        );
        assert_eq!(
            version_from(dir.path(), "@workos-inc/authkit-remix", "@workos-inc/node").as_deref(),
            Some("7.82.0"),
            "nested"
        );
        assert_eq!(
            version(dir.path(), "@workos-inc/node").as_deref(),
            Some("11.0.0")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dependent_in_pnpms_store_resolves_its_sibling() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir
            .path()
            .join("node_modules/.pnpm/@workos-inc+authkit-react-router@0.8.1/node_modules");
        write(&store.join("@workos-inc/authkit-react-router"), "0.8.1");
        write(&store.join("@workos-inc/node"), "7.82.0");
        let link = dir.path().join("node_modules/@workos-inc");
        std::fs::create_dir_all(&link).unwrap();
        std::os::unix::fs::symlink(
            store.join("@workos-inc/authkit-react-router"),
            link.join("authkit-react-router"),
        )
        .unwrap();
        assert_eq!(
            version_from(
                dir.path(),
                "@workos-inc/authkit-react-router",
                "@workos-inc/node"
            )
            .as_deref(),
            Some("7.82.0")
        );
        assert_eq!(version(dir.path(), "@workos-inc/node"), None);
    }
}
