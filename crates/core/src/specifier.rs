//! Import specifiers and project paths, both ways: the tsconfig/jsconfig path
//! alias (`@/*` -> `./src/*`), relative specifiers, and resolving a local
//! specifier to a file the way bundlers do for these simple cases.

use std::path::{Component, Path, PathBuf};

use serde::Serialize;

/// Extensions of JS/TS source files, in resolution order.
pub const SOURCE_EXTENSIONS: [&str; 8] = ["tsx", "ts", "jsx", "js", "mts", "cts", "mjs", "cjs"];

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
}

/// Every mapping from bare specifiers to the app's files (see
/// [`crate::detect::module_paths`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ModulePaths {
    pub entries: Vec<PathEntry>,
}

/// One `paths`/`imports` key (`@/*`, `@/w`, `#/*`) and its targets,
/// root-relative with `/` separators (a wildcard key's targets hold one `*`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathEntry {
    pub key: String,
    pub targets: Vec<String>,
}

impl ModulePaths {
    /// Adds bundler aliases (Vite's `resolve.alias`) as wildcard entries,
    /// after the keys already read.
    pub fn add_aliases(&mut self, aliases: &[PathAlias]) {
        for alias in aliases {
            let key = format!("{}*", alias.prefix);
            if self.entries.iter().any(|e| e.key == key) {
                continue;
            }
            let dir = slash(&alias.dir);
            self.entries.push(PathEntry {
                key,
                targets: vec![if dir.is_empty() {
                    "*".to_owned()
                } else {
                    format!("{dir}/*")
                }],
            });
        }
    }

    /// The root-relative bases `specifier` maps to: an exact key's
    /// targets, else those of the wildcard key with the longest prefix.
    fn bases(&self, specifier: &str) -> Option<Vec<PathBuf>> {
        if let Some(entry) = self.entries.iter().find(|e| e.key == specifier) {
            return Some(entry.targets.iter().map(PathBuf::from).collect());
        }
        let (entry, matched) = self
            .entries
            .iter()
            .filter_map(|entry| {
                let (prefix, suffix) = entry.key.split_once('*')?;
                let middle = specifier.strip_prefix(prefix)?.strip_suffix(suffix)?;
                Some((entry, (prefix.len(), middle)))
            })
            .max_by_key(|(_, (prefix, _))| *prefix)?;
        let middle = matched.1;
        Some(
            entry
                .targets
                .iter()
                .map(|target| PathBuf::from(target.replacen('*', middle, 1)))
                .collect(),
        )
    }
}

/// The JS/TS file (relative to `root`) that `specifier`, imported from the
/// file `from`, refers to, through every module path of the app (see
/// [`ModulePaths`]); a specifier no module path maps is resolved as
/// [`resolve_local`] does without an alias (relative, or the usual `@/`
/// and `~/` guesses).
pub fn resolve_module(
    root: &Path,
    from: &Path,
    specifier: &str,
    paths: &ModulePaths,
) -> Option<PathBuf> {
    resolve_module_with(from, specifier, paths, |candidate| {
        root.join(candidate).is_file()
    })
}

/// [`resolve_module`] against a set of files instead of the disk.
pub fn resolve_module_with(
    from: &Path,
    specifier: &str,
    paths: &ModulePaths,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    match paths
        .bases(specifier)
        .filter(|_| !specifier.starts_with('.'))
    {
        Some(bases) => bases
            .iter()
            .filter_map(|base| normalize(base))
            .find_map(|base| candidates(&base).find(|c| is_source(c) && exists(c))),
        None => resolve_local_with(from, specifier, None, exists),
    }
}

/// The source file a root-relative `base` names the way bundlers look it
/// up: as written, with a source extension, or as a folder's index file.
pub fn resolve_file_with(base: &Path, exists: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    candidates(base).find(|c| is_source(c) && exists(c))
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

/// Whether a module specifier names a module of the app itself: relative,
/// root-absolute, or through the usual aliases (`@/`, `~/`, `#` subpath
/// imports), as opposed to a package.
pub fn is_local(specifier: &str) -> bool {
    ["./", "../", "/", "@/", "~/", "#"]
        .iter()
        .any(|prefix| specifier.starts_with(prefix))
        || specifier == "."
        || specifier == ".."
}

/// The JS/TS file (relative to `root`) that `specifier`, imported from the
/// file `from` (relative to `root`), refers to: relative specifiers, the
/// project's path `alias`, or, when the project declares none, `@/` and `~/`
/// for the root or `src/`. Package specifiers, paths leaving the root and
/// missing files give `None`.
pub fn resolve_local(
    root: &Path,
    from: &Path,
    specifier: &str,
    alias: Option<&PathAlias>,
) -> Option<PathBuf> {
    resolve_local_with(from, specifier, alias, |candidate| {
        root.join(candidate).is_file()
    })
}

/// [`resolve_local`] against a set of files instead of the disk: `exists`
/// says whether a root-relative path is a file.
pub fn resolve_local_with(
    from: &Path,
    specifier: &str,
    alias: Option<&PathAlias>,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let bases: Vec<PathBuf> = if specifier.starts_with('.') {
        vec![from.parent().unwrap_or(Path::new("")).join(specifier)]
    } else if let Some(alias) = alias {
        vec![alias.dir.join(specifier.strip_prefix(&alias.prefix)?)]
    } else if let Some(rest) = specifier
        .strip_prefix("@/")
        .or_else(|| specifier.strip_prefix("~/"))
    {
        vec![PathBuf::from(rest), Path::new("src").join(rest)]
    } else {
        return None;
    };
    bases
        .iter()
        .filter_map(|base| normalize(base))
        .find_map(|base| candidates(&base).find(|c| is_source(c) && exists(c)))
}

/// Whether `path` has a JS/TS source extension.
pub fn is_source(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e))
}

/// `base` as written, with a source extension, with `.js` swapped for the
/// TypeScript extensions, and as a folder's index file.
fn candidates(base: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    let text = base.to_string_lossy().into_owned();
    let swapped: Vec<PathBuf> = ["js", "jsx", "mjs", "cjs"]
        .iter()
        .filter_map(|ext| text.strip_suffix(&format!(".{ext}")))
        .flat_map(|stem| ["ts", "tsx", "mts", "cts"].map(|e| PathBuf::from(format!("{stem}.{e}"))))
        .collect();
    std::iter::once(base.to_path_buf())
        .chain(
            SOURCE_EXTENSIONS
                .iter()
                .map(move |ext| PathBuf::from(format!("{text}.{ext}"))),
        )
        .chain(swapped)
        .chain(
            SOURCE_EXTENSIONS
                .iter()
                .map(move |ext| base.join(format!("index.{ext}"))),
        )
}

/// A relative path with `.` and `..` folded away, without touching the
/// disk; `None` when it leaves the root or is absolute.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(part) => out.push(part),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// `path` without its last extension.
pub fn without_extension(path: &Path) -> PathBuf {
    match path.extension() {
        Some(_) => path.with_extension(""),
        None => path.to_path_buf(),
    }
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
    fn resolves_through_every_module_path() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/w")).unwrap();
        std::fs::write(root.join("src/w/Widgets.tsx"), "").unwrap();
        std::fs::write(root.join("src/w/index.ts"), "").unwrap();
        std::fs::write(root.join("src/db.ts"), "").unwrap();
        let paths = ModulePaths {
            entries: vec![
                PathEntry {
                    key: "@/w".into(),
                    targets: vec!["src/w/Widgets.tsx".into()],
                },
                PathEntry {
                    key: "@/*".into(),
                    targets: vec!["lib/*".into(), "src/*".into()],
                },
                PathEntry {
                    key: "#db".into(),
                    targets: vec!["src/db.ts".into()],
                },
            ],
        };
        let from = Path::new("src/app/page.tsx");
        let resolve = |s: &str| resolve_module(root, from, s, &paths);
        assert_eq!(
            resolve("@/w"),
            Some(PathBuf::from("src/w/Widgets.tsx")),
            "exact key"
        );
        assert_eq!(
            resolve("@/w/index"),
            Some(PathBuf::from("src/w/index.ts")),
            "second target"
        );
        assert_eq!(resolve("#db"), Some(PathBuf::from("src/db.ts")));
        assert_eq!(resolve("../db"), Some(PathBuf::from("src/db.ts")));
        assert_eq!(resolve("react"), None);
    }

    #[test]
    fn resolves_relative_and_alias_imports() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/lib")).unwrap();
        std::fs::create_dir_all(root.join("server")).unwrap();
        std::fs::write(root.join("src/lib/workos.ts"), "").unwrap();
        std::fs::write(root.join("server/index.ts"), "").unwrap();
        let from = Path::new("src/app/page.tsx");
        let resolve = |from: &Path, specifier: &str, alias: Option<&PathAlias>| {
            resolve_local(root, from, specifier, alias)
        };
        let workos = Some(PathBuf::from("src/lib/workos.ts"));
        assert_eq!(resolve(from, "../lib/workos", None), workos);
        assert_eq!(resolve(from, "../lib/workos.js", None), workos);
        assert_eq!(resolve(from, "@/lib/workos", None), workos, "guessed alias");
        assert_eq!(resolve(from, "@/lib/workos", Some(&src_alias())), workos);
        let root_alias = PathAlias {
            prefix: "@/".to_owned(),
            dir: PathBuf::new(),
        };
        assert_eq!(
            resolve(from, "@/lib/workos", Some(&root_alias)),
            None,
            "the declared alias wins over guesses"
        );
        assert_eq!(
            resolve(Path::new("src/main.tsx"), "../server", None),
            Some(PathBuf::from("server/index.ts"))
        );
        assert_eq!(resolve(from, "../../../etc/passwd", None), None);
        assert_eq!(resolve(from, "react", Some(&src_alias())), None);
        std::fs::write(root.join("src/lib/a.css"), "").unwrap();
        assert_eq!(
            resolve(from, "../lib/a.css", None),
            None,
            "only JS/TS files"
        );
    }
}
