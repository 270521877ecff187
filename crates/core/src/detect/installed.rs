//! Installed package versions, read from `node_modules/<pkg>/package.json`
//! in the project and its ancestors (hoisting), following pnpm's symlinks.

use std::path::Path;

/// The version of `name` that Node would resolve from `root`, if installed.
pub fn version(root: &Path, name: &str) -> Option<String> {
    root.ancestors().find_map(|dir| {
        let manifest = dir.join("node_modules").join(name).join("package.json");
        let text = std::fs::read_to_string(manifest).ok()?;
        let value: serde_json::Value = serde_json::from_str(&text).ok()?;
        value.get("version")?.as_str().map(str::to_owned)
    })
}
