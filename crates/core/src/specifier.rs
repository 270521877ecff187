//! Import specifiers and project paths, both ways: the tsconfig/jsconfig path
//! alias (`@/*` -> `./src/*`) and plain relative specifiers.

use std::path::{Component, Path, PathBuf};

use serde::Serialize;

/// Extensions a specifier without one may resolve to, in Next/Vite order.
const SCRIPT_EXTENSIONS: [&str; 4] = ["tsx", "ts", "jsx", "js"];

/// A `compilerOptions.paths` alias such as `"@/*": ["./src/*"]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathAlias {
    /// The specifier prefix, e.g. `@/`.
    pub prefix: String,
    /// The folder it maps to, relative to the project root (empty for the
    /// root itself).
    pub dir: PathBuf,
}

impl PathAlias {
    /// The aliased specifier for a root-relative path (extension dropped),
    /// when the path lies under the alias folder.
    pub fn specifier_for(&self, path: &Path) -> Option<String> {
        let rest = path.strip_prefix(&self.dir).ok()?;
        Some(format!(
            "{}{}",
            self.prefix,
            slash(&without_extension(rest))
        ))
    }

    /// The root-relative path (without extension) an aliased specifier
    /// points at.
    pub fn resolve(&self, specifier: &str) -> Option<PathBuf> {
        let rest = specifier.strip_prefix(&self.prefix)?;
        Some(normalize(&self.dir.join(rest)))
    }
}

/// The specifier that imports `to` (root-relative, any extension) from the
/// file `from` (root-relative): through the alias when there is one and it
/// covers `to`, else relative. `ext` is appended (e.g. `.js`, or empty).
pub fn import_specifier(from: &Path, to: &Path, alias: Option<&PathAlias>, ext: &str) -> String {
    match alias.and_then(|a| a.specifier_for(to)) {
        Some(aliased) => format!("{aliased}{ext}"),
        None => relative_specifier(from, to, ext),
    }
}

/// The relative specifier from the file `from` to `to` (both root-relative),
/// without `to`'s extension, followed by `ext`.
pub fn relative_specifier(from: &Path, to: &Path, ext: &str) -> String {
    let from_dir: Vec<Component<'_>> = from
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let target = without_extension(to);
    let to_parts: Vec<Component<'_>> = target.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_dir.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    let joined = parts.join("/");
    let prefix = if joined.starts_with("..") { "" } else { "./" };
    format!("{prefix}{joined}{ext}")
}

/// The project file a local specifier (relative, or through `alias`) in the
/// file `from` refers to, if it exists under `root`. Package specifiers give
/// `None`.
pub fn resolve_local(
    root: &Path,
    from: &Path,
    specifier: &str,
    alias: Option<&PathAlias>,
) -> Option<PathBuf> {
    let stem = if specifier.starts_with("./") || specifier.starts_with("../") {
        normalize(&from.parent().unwrap_or(Path::new("")).join(specifier))
    } else {
        alias?.resolve(specifier)?
    };
    if stem.extension().is_some() && root.join(&stem).is_file() {
        return Some(stem);
    }
    let stem_text = stem.to_string_lossy();
    SCRIPT_EXTENSIONS
        .iter()
        .flat_map(|ext| {
            [
                PathBuf::from(format!("{stem_text}.{ext}")),
                stem.join(format!("index.{ext}")),
            ]
        })
        .find(|candidate| root.join(candidate).is_file())
}

/// `path` without its last extension.
pub fn without_extension(path: &Path) -> PathBuf {
    match path.extension() {
        Some(_) => path.with_extension(""),
        None => path.to_path_buf(),
    }
}

/// A relative path with `.` and `..` folded away (never above the root).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A relative path with `/` separators, as in specifiers and messages.
pub fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src_alias() -> PathAlias {
        PathAlias {
            prefix: "@/".to_owned(),
            dir: PathBuf::from("src"),
        }
    }

    #[test]
    fn computes_relative_specifiers() {
        assert_eq!(
            relative_specifier(
                Path::new("src/main.tsx"),
                Path::new("src/workos/api-options.ts"),
                ""
            ),
            "./workos/api-options"
        );
        assert_eq!(
            relative_specifier(
                Path::new("src/app/main.jsx"),
                Path::new("src/workos/api-options.js"),
                ".js"
            ),
            "../workos/api-options.js"
        );
    }

    #[test]
    fn prefers_the_alias_when_it_covers_the_target() {
        let alias = src_alias();
        let to = Path::new("src/workos/UserProfileWidget.tsx");
        assert_eq!(
            import_specifier(Path::new("src/app/page.tsx"), to, Some(&alias), ""),
            "@/workos/UserProfileWidget"
        );
        assert_eq!(
            import_specifier(
                Path::new("app/page.tsx"),
                Path::new("workos/a.ts"),
                Some(&alias),
                ""
            ),
            "../workos/a"
        );
        let root_alias = PathAlias {
            prefix: "~/".to_owned(),
            dir: PathBuf::new(),
        };
        assert_eq!(
            import_specifier(
                Path::new("app/layout.tsx"),
                Path::new("workos/a.ts"),
                Some(&root_alias),
                ""
            ),
            "~/workos/a"
        );
    }

    #[test]
    fn resolves_local_specifiers_to_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src/app")).unwrap();
        std::fs::create_dir_all(dir.path().join("src/lib/ui")).unwrap();
        std::fs::write(dir.path().join("src/app/providers.tsx"), "").unwrap();
        std::fs::write(dir.path().join("src/lib/ui/index.ts"), "").unwrap();
        let from = Path::new("src/app/layout.tsx");
        let alias = src_alias();
        assert_eq!(
            resolve_local(dir.path(), from, "./providers", None),
            Some(PathBuf::from("src/app/providers.tsx"))
        );
        assert_eq!(
            resolve_local(dir.path(), from, "@/app/providers", Some(&alias)),
            Some(PathBuf::from("src/app/providers.tsx"))
        );
        assert_eq!(
            resolve_local(dir.path(), from, "../lib/ui", None),
            Some(PathBuf::from("src/lib/ui/index.ts"))
        );
        assert_eq!(resolve_local(dir.path(), from, "react", Some(&alias)), None);
        assert_eq!(resolve_local(dir.path(), from, "./missing", None), None);
    }
}
