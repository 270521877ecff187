//! Workspaces (npm/yarn/bun `workspaces`, `pnpm-workspace.yaml`): the
//! workspace root an app belongs to, and, at a root, the member apps `init`
//! can set up, for the user to pick one.

use std::path::{Path, PathBuf};

use crate::package_json::PackageJson;

/// How deep `**` in a workspace pattern is followed.
const MAX_DEPTH: usize = 6;

/// The workspace root an app belongs to.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The root folder.
    pub root: PathBuf,
    /// Its package.json, when it has one that parses.
    pub package_json: Option<PackageJson>,
    /// Whether it is a pnpm workspace (`pnpm-workspace.yaml`).
    pub pnpm: bool,
}

/// The nearest folder above `app` whose workspace patterns list `app`,
/// without leaving the git repository `app` is in (an app that is itself
/// the top of a repository belongs to no workspace).
pub fn containing(app: &Path) -> Option<Workspace> {
    if app.join(".git").exists() {
        return None;
    }
    for dir in app.ancestors().skip(1) {
        let package_json = PackageJson::read(dir).ok();
        let pnpm = dir.join("pnpm-workspace.yaml").is_file();
        if let Some(patterns) = patterns(dir, package_json.as_ref())
            && let Ok(rel) = app.strip_prefix(dir)
            && lists(&patterns, &slash(rel))
        {
            return Some(Workspace {
                root: dir.to_path_buf(),
                package_json,
                pnpm,
            });
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// When `root` is a workspace root, its members that `init` can set up, as
/// an indented list (React members it cannot set up, such as component
/// libraries, are named apart).
pub fn react_members(root: &Path, pkg: &PackageJson) -> Option<String> {
    let patterns = patterns(root, Some(pkg))?;
    let mut members = members(root, &patterns);
    members.sort();
    members.dedup();
    let (apps, libraries): (Vec<PathBuf>, Vec<PathBuf>) = members
        .into_iter()
        .filter(|dir| {
            PackageJson::read(&root.join(dir))
                .is_ok_and(|member| member.declared("react").is_some())
        })
        .partition(|dir| {
            super::detect(&root.join(dir)).is_ok_and(|p| p.ensure_supported().is_ok())
        });
    let list = |dirs: &[PathBuf]| dirs.iter().map(|m| slash(m)).collect::<Vec<_>>().join(", ");
    if apps.is_empty() {
        return Some(if libraries.is_empty() {
            "  (no member declares react)".to_owned()
        } else {
            format!(
                "  (no member is an app init can set up; React packages that are not: {})",
                list(&libraries)
            )
        });
    }
    Some(
        apps.iter()
            .map(|m| format!("  {}", slash(m)))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The member folders of the workspace at `root` (relative to it, sorted).
pub fn member_dirs(root: &Path, pkg: Option<&PackageJson>) -> Vec<PathBuf> {
    let Some(patterns) = patterns(root, pkg) else {
        return Vec::new();
    };
    let mut members = members(root, &patterns);
    members.sort();
    members.dedup();
    members
}

/// The workspace patterns of `root` (`!` exclusions included): package.json
/// `workspaces` (an array, or `{ packages: [...] }`), else the `packages`
/// list of `pnpm-workspace.yaml`; `None` when `root` is no workspace root.
fn patterns(root: &Path, pkg: Option<&PackageJson>) -> Option<Vec<String>> {
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Some(ws) = pkg.and_then(|pkg| pkg.value.get("workspaces")) {
        let list = if ws.is_array() {
            strings(ws)
        } else {
            ws.get("packages").map(strings).unwrap_or_default()
        };
        return Some(list);
    }
    let yaml = std::fs::read_to_string(root.join("pnpm-workspace.yaml")).ok()?;
    Some(pnpm_packages(&yaml))
}

/// The `packages:` list of a `pnpm-workspace.yaml` (block or flow style);
/// other top-level lists (`onlyBuiltDependencies`, ...) are not members.
fn pnpm_packages(yaml: &str) -> Vec<String> {
    let unquote = |item: &str| item.trim().trim_matches(['\'', '"']).to_owned();
    let mut out = Vec::new();
    let mut inside = false;
    for line in yaml.lines() {
        let content = line.split(" #").next().unwrap_or_default();
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let top_level = !content.starts_with([' ', '\t', '-']);
        if top_level {
            inside = false;
            if let Some(rest) = content.strip_prefix("packages:") {
                let rest = rest.trim();
                if let Some(flow) = rest.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                    out.extend(flow.split(',').map(unquote).filter(|s| !s.is_empty()));
                } else {
                    inside = true;
                }
            }
            continue;
        }
        if inside && let Some(item) = content.trim().strip_prefix("- ") {
            out.push(unquote(item));
        }
    }
    out
}

/// Whether the patterns list the member at `rel` (`/`-separated): a
/// pattern matches it and no `!` pattern excludes it.
fn lists(patterns: &[String], rel: &str) -> bool {
    let rel = rel.trim_matches('/');
    let included = patterns
        .iter()
        .filter(|p| !p.starts_with('!'))
        .any(|p| glob(p, rel));
    let excluded = patterns
        .iter()
        .filter_map(|p| p.strip_prefix('!'))
        .any(|p| glob(p, rel));
    !rel.is_empty() && included && !excluded
}

/// The member folders (relative to `root`) the patterns list: folders
/// below each pattern's literal prefix, down to the pattern's depth (or
/// [`MAX_DEPTH`] for `**`), skipping `node_modules` and dot folders.
fn members(root: &Path, patterns: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for pattern in patterns.iter().filter(|p| !p.starts_with('!')) {
        let pattern = normalize_pattern(pattern);
        let segments: Vec<&str> = pattern.split('/').collect();
        let literal: Vec<&str> = segments
            .iter()
            .take_while(|s| !s.contains('*'))
            .copied()
            .collect();
        let depth = if segments.contains(&"**") {
            MAX_DEPTH
        } else {
            segments.len() - literal.len()
        };
        let start = PathBuf::from(literal.join("/"));
        walk(root, &start, depth, &mut |dir| {
            if lists(patterns, &slash(dir)) && root.join(dir).join("package.json").is_file() {
                out.push(dir.to_path_buf());
            }
        });
    }
    out
}

/// Calls `found` with `dir` and every folder below it, `depth` levels deep.
fn walk(root: &Path, dir: &Path, depth: usize, found: &mut dyn FnMut(&Path)) {
    found(dir);
    if depth == 0 {
        return;
    }
    let Ok(read) = std::fs::read_dir(root.join(dir)) else {
        return;
    };
    let mut children: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && name != "node_modules"
        })
        .map(|e| dir.join(e.file_name()))
        .collect();
    children.sort();
    for child in children {
        walk(root, &child, depth - 1, found);
    }
}

/// `./apps/*/` -> `apps/*`.
fn normalize_pattern(pattern: &str) -> String {
    pattern
        .trim()
        .trim_start_matches("./")
        .trim_end_matches('/')
        .to_owned()
}

/// Whether the `/`-separated `path` matches the workspace glob `pattern`
/// (`*` within a segment, `**` for any number of segments).
fn glob(pattern: &str, path: &str) -> bool {
    let pattern = normalize_pattern(pattern);
    let pattern: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments(&pattern, &path)
}

fn segments(pattern: &[&str], path: &[&str]) -> bool {
    match (pattern.first(), path.first()) {
        (None, None) => true,
        (Some(&"**"), _) => {
            segments(&pattern[1..], path) || (!path.is_empty() && segments(pattern, &path[1..]))
        }
        (Some(p), Some(s)) => wildcard(p, s) && segments(&pattern[1..], &path[1..]),
        _ => false,
    }
}

/// `*` matches any run of characters in one segment.
fn wildcard(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .filter(|i| rest.is_char_boundary(*i))
                .any(|i| wildcard(tail, &rest[i..]))
        }
    }
}

fn slash(path: &Path) -> String {
    crate::specifier::slash(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_workspace_globs() {
        assert!(glob("apps/*", "apps/web"));
        assert!(!glob("apps/*", "apps/web/src"));
        assert!(glob("./packages/**", "packages/a/b"));
        assert!(glob("packages/**", "packages"));
        assert!(glob("apps/web-*", "apps/web-admin"));
        assert!(!glob("apps/web-*", "apps/api"));
        let patterns = ["apps/*".to_owned(), "!apps/legacy".to_owned()];
        assert!(lists(&patterns, "apps/web"));
        assert!(!lists(&patterns, "apps/legacy"));
    }

    #[test]
    fn reads_only_the_packages_list_of_pnpm_workspace_yaml() {
        let yaml = "packages:\n  - 'apps/*'\n  - \"packages/*\" # libs\n  - '!**/test/**'\nonlyBuiltDependencies:\n  - esbuild\ncatalog:\n  react: ^19.0.0\n";
        assert_eq!(pnpm_packages(yaml), ["apps/*", "packages/*", "!**/test/**"]);
        assert_eq!(
            pnpm_packages("packages: [apps/*, 'tools/x']\n"),
            ["apps/*", "tools/x"]
        );
    }
}
