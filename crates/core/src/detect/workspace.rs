//! Workspace roots (npm/yarn `workspaces`, `pnpm-workspace.yaml`): list the
//! member packages that use React so the user can pick one.

use std::path::{Path, PathBuf};

use crate::package_json::PackageJson;

/// When `root` is a workspace root, its React members as an indented list.
pub fn react_members(root: &Path, pkg: &PackageJson) -> Option<String> {
    let patterns = workspace_patterns(root, pkg)?;
    let mut members: Vec<PathBuf> = patterns
        .iter()
        .flat_map(|pattern| expand(root, pattern))
        .filter(|dir| {
            PackageJson::read(&root.join(dir))
                .is_ok_and(|member| member.declared("react").is_some())
        })
        .collect();
    members.sort();
    members.dedup();
    if members.is_empty() {
        return Some("  (no member declares react)".to_owned());
    }
    Some(
        members
            .iter()
            .map(|m| format!("  {}", m.display()))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn workspace_patterns(root: &Path, pkg: &PackageJson) -> Option<Vec<String>> {
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Some(ws) = pkg.value.get("workspaces") {
        let list = if ws.is_array() {
            strings(ws)
        } else {
            ws.get("packages").map(strings).unwrap_or_default()
        };
        return Some(list);
    }
    let yaml = std::fs::read_to_string(root.join("pnpm-workspace.yaml")).ok()?;
    Some(
        yaml.lines()
            .map(str::trim)
            .filter_map(|line| line.strip_prefix("- "))
            .map(|item| item.trim().trim_matches(['\'', '"']).to_owned())
            .filter(|item| !item.starts_with('!'))
            .collect(),
    )
}

/// Expands `dir/*`, `dir/**` and plain paths (the forms workspaces use).
fn expand(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let pattern = pattern.trim_end_matches('/');
    let Some(prefix) = pattern
        .strip_suffix("/**")
        .or_else(|| pattern.strip_suffix("/*"))
    else {
        return vec![PathBuf::from(pattern)];
    };
    let Ok(read) = std::fs::read_dir(root.join(prefix)) else {
        return Vec::new();
    };
    read.filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| Path::new(prefix).join(entry.file_name()))
        .collect()
}
