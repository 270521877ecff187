//! Every mapping from a bare specifier to the app's own files that
//! bundlers and TypeScript apply, for resolving imports (the render graph,
//! the scan): `compilerOptions.paths` of `tsconfig.json`/`jsconfig.json`
//! and of the configs it reaches through `extends` (relative ones) and
//! `references` (create-vite keeps its paths in `tsconfig.app.json`),
//! wildcard and exact keys, and package.json `imports` (`"#/*": "./src/*"`).
//!
//! Generated imports use only an alias the bundler resolves
//! ([`super::import_alias`]): a mapping read here may be one the bundler
//! does not apply, which is harmless for reading code but not for writing it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::alias::strip_jsonc;
use crate::specifier::{ModulePaths, PathEntry, normalize};

/// How many configs (`extends` and `references`) are read, at most.
const MAX_CONFIGS: usize = 16;

/// The module paths of the app at `root` (with its package.json `value`).
pub fn detect(root: &Path, package_json: &Value) -> ModulePaths {
    let mut entries = tsconfig_paths(root);
    entries.extend(package_imports(package_json));
    ModulePaths { entries }
}

/// The `compilerOptions.paths` entries of tsconfig.json/jsconfig.json and
/// the configs they extend and reference (the mappings TypeScript applies).
pub fn tsconfig_paths(root: &Path) -> Vec<PathEntry> {
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    for name in ["tsconfig.json", "jsconfig.json"] {
        read_config(root, Path::new(name), &mut entries, &mut seen);
    }
    entries
}

/// Reads the `paths` of the config at `relative` (to `root`) and of the
/// configs it extends and references.
fn read_config(
    root: &Path,
    relative: &Path,
    entries: &mut Vec<PathEntry>,
    seen: &mut HashSet<PathBuf>,
) {
    if seen.len() >= MAX_CONFIGS || !seen.insert(relative.to_path_buf()) {
        return;
    }
    let Ok(text) = crate::links::read_inside(root, relative) else {
        return;
    };
    let Ok(config) = serde_json::from_str::<Value>(&strip_jsonc(&text)) else {
        return;
    };
    let dir = relative.parent().unwrap_or(Path::new(""));
    if let Some(options) = config.get("compilerOptions") {
        let base = options
            .get("baseUrl")
            .and_then(Value::as_str)
            .map_or_else(|| dir.to_path_buf(), |b| dir.join(b));
        for (key, targets) in options
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let targets: Vec<String> = targets
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter_map(|t| normalize(&base.join(t)))
                .map(|p| crate::specifier::slash(&p))
                .collect();
            if !targets.is_empty() && !entries.iter().any(|e| e.key == *key) {
                entries.push(PathEntry {
                    key: key.clone(),
                    targets,
                });
            }
        }
    }
    let linked = config
        .get("extends")
        .into_iter()
        .flat_map(|e| match e {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        })
        .filter(|s| s.starts_with('.'))
        .map(|s| config_file(dir, s))
        .chain(
            config
                .get("references")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|r| r.get("path").and_then(Value::as_str))
                .map(|s| config_file(dir, s)),
        )
        .collect::<Vec<_>>();
    for next in linked.into_iter().flatten() {
        read_config(root, &next, entries, seen);
    }
}

/// The config file a reference or `extends` names: a `.json` file, or a
/// folder's `tsconfig.json`.
fn config_file(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = normalize(&dir.join(target))?;
    Some(if path.extension().is_some_and(|e| e == "json") {
        path
    } else {
        path.join("tsconfig.json")
    })
}

/// package.json `imports`: `"#/*": "./src/*"`, `"#db": { "default": "./src/db.ts" }`.
pub fn package_imports(package_json: &Value) -> Vec<PathEntry> {
    let Some(imports) = package_json.get("imports").and_then(Value::as_object) else {
        return Vec::new();
    };
    imports
        .iter()
        .filter_map(|(key, target)| {
            let target = first_target(target)?;
            let path = normalize(Path::new(target))?;
            Some(PathEntry {
                key: key.clone(),
                targets: vec![crate::specifier::slash(&path)],
            })
        })
        .collect()
}

/// A conditional target's local path: the string, or the first local one
/// among `import`, `default`, `node`, ... (in document order; `types`
/// names declarations, not code).
pub(crate) fn first_target(target: &Value) -> Option<&str> {
    match target {
        Value::String(s) if s.starts_with("./") => Some(s),
        Value::Object(conditions) => conditions
            .iter()
            .filter(|(condition, _)| *condition != "types")
            .find_map(|(_, target)| first_target(target)),
        Value::Array(items) => items.iter().find_map(first_target),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_references_extends_exact_keys_and_package_imports() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("tsconfig.json"),
            r#"{ "files": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "./packages/web" }] }"#,
        )
        .unwrap();
        std::fs::write(
            root.join("tsconfig.app.json"),
            "{ // app\n \"extends\": \"./tsconfig.base.json\",\n \"compilerOptions\": { \"paths\": { \"@/w\": [\"./src/w/Widgets.tsx\"], } } }",
        )
        .unwrap();
        std::fs::write(
            root.join("tsconfig.base.json"),
            r#"{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["app/*"] } } }"#,
        )
        .unwrap();
        std::fs::create_dir_all(root.join("packages/web")).unwrap();
        std::fs::write(
            root.join("packages/web/tsconfig.json"),
            r#"{ "compilerOptions": { "paths": { "@web/*": ["./src/*"] } } }"#,
        )
        .unwrap();
        let package: Value = serde_json::from_str(
            r##"{ "imports": { "#/*": "./src/*", "#db": { "types": "./src/db.d.ts", "default": "./src/db.ts" }, "#pkg": "some-package" } }"##,
        )
        .unwrap();
        let paths = detect(root, &package);
        let keys: Vec<(&str, &str)> = paths
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e.targets[0].as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("@/w", "src/w/Widgets.tsx"),
                ("~/*", "app/*"),
                ("@web/*", "packages/web/src/*"),
                ("#/*", "src/*"),
                ("#db", "src/db.ts"),
            ]
        );
    }
}
