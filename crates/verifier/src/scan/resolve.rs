//! Resolves a local import specifier (`./x`, `../x`, `@/x`, `~/x`) to a
//! file under the project root, the way bundlers do for these simple cases.

use std::path::{Component, Path, PathBuf};

/// Extensions of the JS/TS files the scan reads.
pub const SOURCE_EXTENSIONS: [&str; 8] = ["tsx", "ts", "jsx", "js", "mts", "cts", "mjs", "cjs"];

/// The file (relative to `root`) that `source`, imported from `from`
/// (relative to `root`), refers to.
pub fn resolve(root: &Path, from: &Path, source: &str) -> Option<PathBuf> {
    let bases: Vec<PathBuf> = if source.starts_with('.') {
        vec![from.parent().unwrap_or(Path::new("")).join(source)]
    } else if let Some(rest) = source
        .strip_prefix("@/")
        .or_else(|| source.strip_prefix("~/"))
    {
        vec![PathBuf::from(rest), Path::new("src").join(rest)]
    } else {
        return None;
    };
    bases
        .iter()
        .filter_map(|base| normalize(base))
        .find_map(|base| candidates(&base).find(|c| is_source(c) && root.join(c).is_file()))
}

fn is_source(path: &Path) -> bool {
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

/// Removes `.` and `..` without touching the disk; `None` when the path
/// leaves the root.
fn normalize(path: &Path) -> Option<PathBuf> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_alias_imports() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/lib")).unwrap();
        std::fs::create_dir_all(root.join("server")).unwrap();
        std::fs::write(root.join("src/lib/workos.ts"), "").unwrap();
        std::fs::write(root.join("server/index.ts"), "").unwrap();
        let from = Path::new("src/app/page.tsx");
        assert_eq!(
            resolve(root, from, "../lib/workos"),
            Some(PathBuf::from("src/lib/workos.ts"))
        );
        assert_eq!(
            resolve(root, from, "../lib/workos.js"),
            Some(PathBuf::from("src/lib/workos.ts"))
        );
        assert_eq!(
            resolve(root, from, "@/lib/workos"),
            Some(PathBuf::from("src/lib/workos.ts"))
        );
        assert_eq!(
            resolve(root, Path::new("src/main.tsx"), "../server"),
            Some(PathBuf::from("server/index.ts"))
        );
        assert_eq!(resolve(root, from, "../../../etc/passwd"), None);
        assert_eq!(resolve(root, from, "react"), None);
        std::fs::write(root.join("src/lib/a.css"), "").unwrap();
        assert_eq!(
            resolve(root, from, "../lib/a.css"),
            None,
            "only JS/TS files"
        );
    }
}
