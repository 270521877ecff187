//! The `@workos-inc/node` version an existing lockfile pins: what a clean
//! install of the app brings back. npm's `package-lock.json` (v1 to v3),
//! `pnpm-lock.yaml` (v5 to v9), `yarn.lock` (classic and berry) and the text
//! `bun.lock`; the binary `bun.lockb` is not read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use semver::Version;
use workos_widgets_core::catalog::SDK_PACKAGE;
use workos_widgets_core::npm_range;

/// A version a lockfile pins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    pub version: Version,
    /// The lockfile, relative to the app root (`package-lock.json`,
    /// `../../pnpm-lock.yaml` in a workspace).
    pub file: PathBuf,
}

/// What to look up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<'q> {
    /// The installed package whose own copy is wanted (an AuthKit SDK's
    /// dependency); the app's copy otherwise.
    pub via: Option<&'q str>,
    /// The range the entry must satisfy (yarn keys its entries by it).
    pub range: Option<&'q str>,
}

const LOCKFILES: [&str; 4] = [
    "package-lock.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "bun.lock",
];

/// The `@workos-inc/node` the lockfile nearest to `root` (up to the git
/// repository's top) pins for `query`, if it pins one in range.
pub fn locked(root: &Path, query: Query<'_>) -> Option<Locked> {
    let (dir, name) = root.ancestors().find_map(|dir| {
        let found = LOCKFILES.into_iter().find(|name| dir.join(name).is_file());
        match found {
            Some(name) => Some(Some((dir, name))),
            None if dir.join(".git").exists() => Some(None),
            None => None,
        }
    })??;
    let text = std::fs::read_to_string(dir.join(name)).ok()?;
    let member = root
        .strip_prefix(dir)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let version = match name {
        "package-lock.json" => npm(&text, &member, query),
        "pnpm-lock.yaml" => pnpm(&text, &member, query),
        "yarn.lock" => yarn(&text, query),
        _ => bun(&text, query),
    }?;
    let version = Version::parse(version.trim()).ok()?;
    if let Some(range) = query.range
        && npm_range::satisfies(range, &version.to_string()) == Some(false)
    {
        return None;
    }
    let up = root.strip_prefix(dir).ok()?.components().count();
    let mut file: PathBuf = std::iter::repeat_n("..", up).collect();
    file.push(name);
    Some(Locked { version, file })
}

/// `package-lock.json`: the `packages` table (v2, v3), else the nested
/// `dependencies` (v1).
fn npm(text: &str, member: &str, query: Query<'_>) -> Option<String> {
    let lock: serde_json::Value = serde_json::from_str(text).ok()?;
    let prefixes: Vec<String> = if member.is_empty() {
        vec![String::new()]
    } else {
        vec![format!("{member}/"), String::new()]
    };
    let mut keys = Vec::new();
    if let Some(via) = query.via {
        keys.extend(
            prefixes
                .iter()
                .map(|p| format!("{p}node_modules/{via}/node_modules/{SDK_PACKAGE}")),
        );
    }
    keys.extend(
        prefixes
            .iter()
            .map(|p| format!("{p}node_modules/{SDK_PACKAGE}")),
    );
    if let Some(packages) = lock.get("packages") {
        return keys
            .iter()
            .find_map(|key| packages.get(key)?.get("version")?.as_str())
            .map(str::to_owned);
    }
    let dependencies = lock.get("dependencies")?;
    query
        .via
        .and_then(|via| dependencies.get(via)?.get("dependencies")?.get(SDK_PACKAGE))
        .or_else(|| dependencies.get(SDK_PACKAGE))?
        .get("version")?
        .as_str()
        .map(str::to_owned)
}

/// A YAML mapping as far as lockfiles use it: `key: value` and `key:` with
/// an indented block (list items are skipped).
#[derive(Debug, Default)]
struct Yaml {
    value: Option<String>,
    children: BTreeMap<String, Yaml>,
}

impl Yaml {
    fn parse(text: &str) -> Self {
        let mut root = Yaml::default();
        let mut path: Vec<(usize, String)> = Vec::new();
        for line in text.lines() {
            let content = line.trim_start();
            if content.is_empty() || content.starts_with('#') || content.starts_with('-') {
                continue;
            }
            let indent = line.len() - content.len();
            let (key, value) = match content.split_once(": ") {
                Some((key, value)) => (key, Some(value)),
                None => match content.strip_suffix(':') {
                    Some(key) => (key, None),
                    None => continue,
                },
            };
            while path.last().is_some_and(|(i, _)| *i >= indent) {
                path.pop();
            }
            let mut node = &mut root;
            for (_, segment) in &path {
                node = node.children.entry(segment.clone()).or_default();
            }
            let key = unquote(key);
            let entry = node.children.entry(key.clone()).or_default();
            entry.value = value.map(unquote);
            path.push((indent, key));
        }
        root
    }

    fn get(&self, path: &[&str]) -> Option<&Yaml> {
        path.iter()
            .try_fold(self, |node, key| node.children.get(*key))
    }

    fn value(&self, path: &[&str]) -> Option<&str> {
        self.get(path)?.value.as_deref()
    }
}

fn unquote(text: &str) -> String {
    text.trim().trim_matches(['\'', '"']).to_owned()
}

/// `8.13.0(typescript@5.9.2)` -> `8.13.0`.
fn bare_version(text: &str) -> String {
    text.split('(').next().unwrap_or(text).to_owned()
}

/// `pnpm-lock.yaml`: the importer's entry (v6 to v9: `{specifier,
/// version}`; v5: the version), or the AuthKit package's snapshot (v9
/// `snapshots`, older `packages`).
fn pnpm(text: &str, member: &str, query: Query<'_>) -> Option<String> {
    let lock = Yaml::parse(text);
    if let Some(via) = query.via {
        let nested = ["snapshots", "packages"].into_iter().find_map(|table| {
            lock.get(&[table])?
                .children
                .iter()
                .filter(|(key, _)| {
                    key.trim_start_matches('/')
                        .strip_prefix(via)
                        .is_some_and(|rest| rest.starts_with('@'))
                })
                .find_map(|(_, package)| package.value(&["dependencies", SDK_PACKAGE]))
        });
        if let Some(version) = nested {
            return Some(bare_version(version));
        }
    }
    let importer = if member.is_empty() { "." } else { member };
    let tables = ["dependencies", "devDependencies", "optionalDependencies"];
    let entry = tables.into_iter().find_map(|table| {
        lock.get(&["importers", importer, table, SDK_PACKAGE])
            .or_else(|| member.is_empty().then(|| lock.get(&[table, SDK_PACKAGE]))?)
    })?;
    entry
        .children
        .get("version")
        .and_then(|v| v.value.as_deref())
        .or(entry.value.as_deref())
        .map(bare_version)
}

/// `yarn.lock`: the entry whose descriptors include the range
/// (`"@workos-inc/node@^8.9.0"`, berry's `@workos-inc/node@npm:^8.9.0`).
fn yarn(text: &str, query: Query<'_>) -> Option<String> {
    let range = query.range?;
    let wanted = [
        format!("{SDK_PACKAGE}@{range}"),
        format!("{SDK_PACKAGE}@npm:{range}"),
    ];
    let mut in_entry = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            let header = line.trim().trim_end_matches(':');
            in_entry = header
                .split(',')
                .map(unquote)
                .any(|descriptor| wanted.contains(&descriptor));
            continue;
        }
        let field = line.trim();
        if in_entry && let Some(version) = field.strip_prefix("version") {
            return Some(unquote(version.trim_start_matches(':')));
        }
    }
    None
}

/// `bun.lock`: `"<path>": ["@workos-inc/node@<version>", ...]` in
/// `packages`, the AuthKit package's own copy keyed `<via>/@workos-inc/node`.
fn bun(text: &str, query: Query<'_>) -> Option<String> {
    let own = format!("\"{SDK_PACKAGE}\"");
    let keys: Vec<String> = query
        .via
        .map(|via| format!("\"{via}/{SDK_PACKAGE}\""))
        .into_iter()
        .chain(std::iter::once(own))
        .collect();
    let value_prefix = format!("[\"{SDK_PACKAGE}@");
    keys.iter().find_map(|key| {
        text.lines().find_map(|line| {
            let rest = line.trim().strip_prefix(key.as_str())?.trim_start();
            let rest = rest
                .strip_prefix(':')?
                .trim_start()
                .strip_prefix(&value_prefix)?;
            rest.split('"').next().map(str::to_owned)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_with(name: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        dir
    }

    fn version(dir: &Path, query: Query<'_>) -> Option<String> {
        locked(dir, query).map(|l| l.version.to_string())
    }

    const VIA: Query<'static> = Query {
        via: Some("@workos-inc/authkit-react-router"),
        range: Some("^7.41.0"),
    };

    #[test]
    fn reads_package_lock_v3_and_v1() {
        let v3 = app_with(
            "package-lock.json",
            r#"{"lockfileVersion":3,"packages":{
              "node_modules/@workos-inc/node":{"version":"11.0.0"},
              "node_modules/@workos-inc/authkit-react-router/node_modules/@workos-inc/node":{"version":"7.82.0"}}}"#,
        );
        assert_eq!(
            version(v3.path(), Query::default()).as_deref(),
            Some("11.0.0")
        );
        assert_eq!(version(v3.path(), VIA).as_deref(), Some("7.82.0"));
        let out_of_range = Query {
            range: Some("^8.9.0"),
            ..Query::default()
        };
        assert_eq!(version(v3.path(), out_of_range), None);
        let v1 = app_with(
            "package-lock.json",
            r#"{"lockfileVersion":1,"dependencies":{"@workos-inc/node":{"version":"8.13.0"}}}"#,
        );
        assert_eq!(
            version(v1.path(), Query::default()).as_deref(),
            Some("8.13.0")
        );
    }

    #[test]
    fn reads_a_workspace_members_entry_in_the_root_package_lock() {
        let root = app_with(
            "package-lock.json",
            r#"{"packages":{
              "apps/web/node_modules/@workos-inc/node":{"version":"10.14.0"},
              "node_modules/@workos-inc/node":{"version":"8.13.0"}}}"#,
        );
        let app = root.path().join("apps/web");
        std::fs::create_dir_all(&app).unwrap();
        let locked = locked(&app, Query::default()).unwrap();
        assert_eq!(locked.version, Version::new(10, 14, 0));
        assert_eq!(locked.file, Path::new("../../package-lock.json"));
    }

    #[test]
    fn reads_pnpm_lock_v9_importers_and_snapshots() {
        let dir = app_with(
            "pnpm-lock.yaml",
            "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      '@workos-inc/authkit-react-router':\n        specifier: ^0.8.1\n        version: 0.8.1(react-router@7.9.0)\n      '@workos-inc/node':\n        specifier: ^11.0.0\n        version: 11.0.0\n\npackages:\n\n  '@workos-inc/node@7.82.0':\n    resolution: {integrity: sha512-x}\n\nsnapshots:\n\n  '@workos-inc/authkit-react-router@0.8.1(react-router@7.9.0)':\n    dependencies:\n      '@workos-inc/node': 7.82.0\n      react-router: 7.9.0\n",
        );
        assert_eq!(
            version(dir.path(), Query::default()).as_deref(),
            Some("11.0.0")
        );
        assert_eq!(version(dir.path(), VIA).as_deref(), Some("7.82.0"));
    }

    #[test]
    fn reads_pnpm_lock_v5() {
        let dir = app_with(
            "pnpm-lock.yaml",
            "lockfileVersion: 5.4\n\nspecifiers:\n  '@workos-inc/node': ^8.9.0\n\ndependencies:\n  '@workos-inc/node': 8.13.0\n",
        );
        assert_eq!(
            version(dir.path(), Query::default()).as_deref(),
            Some("8.13.0")
        );
    }

    #[test]
    fn reads_yarn_classic_and_berry_by_range() {
        let classic = app_with(
            "yarn.lock",
            "# yarn lockfile v1\n\n\"@workos-inc/node@^7.41.0\":\n  version \"7.82.0\"\n  resolved \"https://x\"\n\n\"@workos-inc/node@^8.9.0\", \"@workos-inc/node@^8.10.0\":\n  version \"8.13.0\"\n",
        );
        let declared = Query {
            via: None,
            range: Some("^8.9.0"),
        };
        assert_eq!(version(classic.path(), declared).as_deref(), Some("8.13.0"));
        assert_eq!(version(classic.path(), VIA).as_deref(), Some("7.82.0"));
        assert_eq!(
            version(classic.path(), Query::default()),
            None,
            "no range, no entry"
        );
        let berry = app_with(
            "yarn.lock",
            "__metadata:\n  version: 8\n\n\"@workos-inc/node@npm:^10.7.0\":\n  version: 10.14.0\n  resolution: \"@workos-inc/node@npm:10.14.0\"\n",
        );
        let peer = Query {
            via: None,
            range: Some("^10.7.0"),
        };
        assert_eq!(version(berry.path(), peer).as_deref(), Some("10.14.0"));
    }

    #[test]
    fn reads_bun_lock() {
        let dir = app_with(
            "bun.lock",
            "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"@workos-inc/authkit-react-router/@workos-inc/node\": [\"@workos-inc/node@7.82.0\", \"\", {}, \"sha512-x\"],\n    \"@workos-inc/node\": [\"@workos-inc/node@12.3.0\", \"\", {}, \"sha512-y\"],\n  }\n}\n",
        );
        assert_eq!(
            version(dir.path(), Query::default()).as_deref(),
            Some("12.3.0")
        );
        assert_eq!(version(dir.path(), VIA).as_deref(), Some("7.82.0"));
    }
}
