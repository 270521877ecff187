//! Yarn Plug'n'Play: with `nodeLinker: pnp` there is no `node_modules`;
//! which version each package resolves to is in `.pnp.data.json` (with
//! `pnpEnableInlining: false`) or in the state inlined in `.pnp.cjs` (the
//! default), as `packageRegistryData`: for every package locator (name and
//! reference, e.g. `npm:5.108.4` or `virtual:<hash>#npm:5.108.4`) its
//! location and the locators of its dependencies.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use serde_json::Value;

/// A package: its name (`None` for the top-level locator) and reference.
type Locator = (Option<String>, Option<String>);

/// A dependency as required (its name there) and what it resolves to: the
/// real package name (they differ for an alias) and its reference; `None`
/// for a missing peer.
type Dependency = (String, Option<(String, String)>);

/// A read state, by file and modification time.
type Cached = (PathBuf, Option<SystemTime>, Arc<Pnp>);

/// The resolution state of one Plug'n'Play install.
#[derive(Debug, Default)]
pub struct Pnp {
    /// The folder holding `.pnp.cjs` (the project or workspace root).
    dir: PathBuf,
    /// Each package's dependencies.
    dependencies: HashMap<Locator, Vec<Dependency>>,
    /// Workspace folders (`./`, `./apps/web/`) -> their locator.
    workspaces: HashMap<String, Locator>,
}

/// The Plug'n'Play state that governs `dir`: the nearest `.pnp.data.json`
/// or `.pnp.cjs` in `dir` or above it up to `boundary` (the workspace
/// root), without leaving its git repository; one that a link leads out of
/// `boundary` is not read. Read once per file version.
pub fn find(dir: &Path, boundary: &Path) -> Option<Arc<Pnp>> {
    for candidate in dir.ancestors().take_while(|d| d.starts_with(boundary)) {
        for name in [".pnp.data.json", ".pnp.cjs"] {
            let file = candidate.join(name);
            if file.is_file() {
                if crate::links::outside_target(boundary, &file).is_some() {
                    return None;
                }
                return load(&file);
            }
        }
        if candidate.join(".git").exists() {
            break;
        }
    }
    None
}

/// Parsed states by file, with the file's modification time.
static CACHE: Mutex<Vec<Cached>> = Mutex::new(Vec::new());

fn load(file: &Path) -> Option<Arc<Pnp>> {
    let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok();
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, _, pnp)) = cache
        .iter()
        .find(|(path, time, _)| path == file && *time == modified)
    {
        return Some(Arc::clone(pnp));
    }
    let text = std::fs::read_to_string(file).ok()?;
    let json = if file.extension().is_some_and(|e| e == "json") {
        text
    } else {
        inlined_state(&text)?
    };
    let value: Value = serde_json::from_str(&json).ok()?;
    let pnp = Arc::new(Pnp::from_state(file.parent()?, &value)?);
    cache.retain(|(path, _, _)| path != file);
    cache.push((file.to_path_buf(), modified, Arc::clone(&pnp)));
    Some(pnp)
}

/// The JSON inlined in `.pnp.cjs` as `const RAW_RUNTIME_STATE = '...'`: a
/// single-quoted JS string with `\` line continuations, `\\` and `\'`.
fn inlined_state(text: &str) -> Option<String> {
    let start = text.find("RAW_RUNTIME_STATE")?;
    let open = start + text[start..].find('\'')?;
    let mut out = String::new();
    let mut chars = text[open + 1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => return Some(out),
            '\\' => match chars.next()? {
                '\n' => {}
                '\r' => {
                    // `\` CRLF: the line feed goes too.
                    let rest = chars.as_str();
                    if let Some(after) = rest.strip_prefix('\n') {
                        chars = after.chars();
                    }
                }
                'n' => out.push('\n'),
                escaped => out.push(escaped),
            },
            other => out.push(other),
        }
    }
    None
}

impl Pnp {
    fn from_state(dir: &Path, state: &Value) -> Option<Self> {
        let mut pnp = Self {
            dir: dir.to_path_buf(),
            ..Self::default()
        };
        for entry in state.get("packageRegistryData")?.as_array()? {
            let name = entry.get(0).and_then(Value::as_str).map(str::to_owned);
            let Some(stores) = entry.get(1).and_then(Value::as_array) else {
                continue;
            };
            for store in stores {
                let reference = store.get(0).and_then(Value::as_str).map(str::to_owned);
                let Some(info) = store.get(1) else {
                    continue;
                };
                let dependencies = info
                    .get("packageDependencies")
                    .and_then(Value::as_array)
                    .map(|deps| deps.iter().filter_map(dependency).collect())
                    .unwrap_or_default();
                let locator = (name.clone(), reference.clone());
                if reference
                    .as_deref()
                    .is_some_and(|r| r.starts_with("workspace:"))
                    && let Some(location) = info.get("packageLocation").and_then(Value::as_str)
                {
                    pnp.workspaces.insert(location.to_owned(), locator.clone());
                }
                pnp.dependencies.insert(locator, dependencies);
            }
        }
        Some(pnp)
    }

    /// The version of `name` that the workspace at `dir` resolves.
    pub fn version(&self, dir: &Path, name: &str) -> Option<String> {
        let workspace = self.workspace(dir)?;
        self.resolve(workspace, name)
            .and_then(|(_, reference)| version_of(reference))
    }

    /// The version of `name` that the package `dependent` loads, as the
    /// workspace at `dir` resolves `dependent`: through its locator (a
    /// virtual one for a package with peers, which lists them too).
    pub fn version_from(&self, dir: &Path, dependent: &str, name: &str) -> Option<String> {
        let workspace = self.workspace(dir)?;
        let (real, reference) = self.resolve(workspace, dependent)?;
        let locator = (Some(real.to_owned()), Some(reference.to_owned()));
        self.resolve(&locator, name)
            .and_then(|(_, reference)| version_of(reference))
    }

    /// The workspace locator for the folder `dir`.
    fn workspace(&self, dir: &Path) -> Option<&Locator> {
        let rel = relative(&self.dir, dir)?;
        let location = if rel.is_empty() {
            "./".to_owned()
        } else {
            format!("./{rel}/")
        };
        self.workspaces.get(&location)
    }

    /// The (real name, reference) `name` resolves to from `locator`.
    fn resolve(&self, locator: &Locator, name: &str) -> Option<(&str, &str)> {
        self.dependencies
            .get(locator)?
            .iter()
            .find(|(required, _)| required == name)?
            .1
            .as_ref()
            .map(|(real, reference)| (real.as_str(), reference.as_str()))
    }
}

/// One `[name, reference]` of `packageDependencies`; the reference is a
/// string, `[realName, reference]` for an alias, or `null` for a missing
/// peer.
fn dependency(entry: &Value) -> Option<Dependency> {
    let name = entry.get(0)?.as_str()?.to_owned();
    let target = match entry.get(1)? {
        Value::String(reference) => Some((name.clone(), reference.clone())),
        Value::Array(alias) => Some((
            alias.first()?.as_str()?.to_owned(),
            alias.get(1)?.as_str()?.to_owned(),
        )),
        _ => None,
    };
    Some((name, target))
}

/// The npm version of a reference: `npm:5.108.4`,
/// `virtual:<hash>#npm:5.108.4`, `patch:pkg@npm%3A5.3.3#...`; `None` for
/// workspaces, links and other protocols.
fn version_of(reference: &str) -> Option<String> {
    let reference = match reference.strip_prefix("virtual:") {
        Some(rest) => rest.split_once('#')?.1,
        None => reference,
    };
    if let Some(patch) = reference.strip_prefix("patch:") {
        let (_, range) = patch.split_once("@npm%3A")?;
        let version = range.split('#').next()?;
        return semver::Version::parse(version).ok().map(|v| v.to_string());
    }
    let version = reference.strip_prefix("npm:")?;
    semver::Version::parse(version).ok().map(|v| v.to_string())
}

/// `dir` relative to `base`, `/`-separated (empty for `base` itself), when
/// it lies inside it.
fn relative(base: &Path, dir: &Path) -> Option<String> {
    let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let rest = dir.strip_prefix(&base).ok()?;
    Some(
        rest.components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape yarn 4.18 writes (trimmed from a real install).
    const STATE: &str = r#"{
      "packageRegistryData": [
        [null, [[null, {"packageLocation": "./", "packageDependencies": [["app", "workspace:."], ["react", "npm:19.3.1"]], "linkType": "SOFT"}]]],
        ["@tanstack/react-query", [
          ["npm:5.108.4", {"packageLocation": "../../root/.yarn/berry/cache/q.zip/node_modules/@tanstack/react-query/", "packageDependencies": [["@tanstack/react-query", "npm:5.108.4"]], "linkType": "HARD"}],
          ["virtual:0460#npm:5.108.4", {"packageLocation": "./.yarn/__virtual__/q/", "packageDependencies": [["@types/react", null], ["react", "npm:19.3.1"]], "packagePeers": ["@types/react", "react"], "linkType": "HARD"}]
        ]],
        ["app", [["workspace:.", {"packageLocation": "./", "packageDependencies": [["@tanstack/react-query", "virtual:0460#npm:5.108.4"], ["is-number", ["is-odd", "npm:3.0.1"]], ["react", "npm:19.3.1"], ["typescript", "patch:typescript@npm%3A5.9.3#optional!builtin<compat/typescript>::version=5.9.3&hash=5786d5"]], "linkType": "SOFT"}]]],
        ["web", [["workspace:apps/web", {"packageLocation": "./apps/web/", "packageDependencies": [["react", "npm:18.3.1"]], "linkType": "SOFT"}]]]
      ]
    }"#;

    fn state(dir: &Path) -> Pnp {
        Pnp::from_state(dir, &serde_json::from_str(STATE).unwrap()).unwrap()
    }

    #[test]
    fn reads_the_versions_a_workspace_resolves() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("apps/web")).unwrap();
        let pnp = state(dir.path());
        let version = |at: &Path, name| pnp.version(at, name);
        assert_eq!(version(dir.path(), "react").as_deref(), Some("19.3.1"));
        assert_eq!(
            version(dir.path(), "@tanstack/react-query").as_deref(),
            Some("5.108.4"),
            "through the virtual locator of a package with peers"
        );
        assert_eq!(
            version(dir.path(), "is-number").as_deref(),
            Some("3.0.1"),
            "an alias"
        );
        assert_eq!(
            version(dir.path(), "typescript").as_deref(),
            Some("5.9.3"),
            "a patch"
        );
        assert_eq!(version(dir.path(), "vite"), None);
        assert_eq!(
            pnp.version_from(dir.path(), "@tanstack/react-query", "react")
                .as_deref(),
            Some("19.3.1"),
            "what a package loads, through its virtual locator"
        );
        assert_eq!(
            pnp.version_from(dir.path(), "@tanstack/react-query", "@types/react"),
            None,
            "a missing peer"
        );
        assert_eq!(
            version(&dir.path().join("apps/web"), "react").as_deref(),
            Some("18.3.1"),
            "each workspace its own"
        );
    }

    #[test]
    fn reads_the_state_inlined_in_pnp_cjs() {
        let cjs = format!(
            "#!/usr/bin/env node\n\"use strict\";\n\nconst RAW_RUNTIME_STATE =\n'{}';\n\nfunction $$SETUP_STATE() {{}}\n",
            STATE
                .replace('\\', "\\\\")
                .replace('\'', "\\'")
                .replace('\n', "\\\n")
        );
        let json = inlined_state(&cjs).unwrap();
        let value: Value = serde_json::from_str(&json).unwrap();
        let expected: Value = serde_json::from_str(STATE).unwrap();
        assert_eq!(value, expected);
    }
}
