//! Reading inside the project only: a path under the project root that a
//! symbolic link (the file itself, or a folder on its way) leads out of the
//! root is never read, so a link such as `src/evil.tsx -> /proc/self/environ`
//! cannot bring a file from elsewhere into a code frame, a diff or an edit.
//! Links that stay inside the project work as before.

use std::path::{Component, Path, PathBuf};

use crate::ProjectError;

/// Where `relative` (a path below `root`) leads when a link on its way
/// points out of `root`: the link's target as written. `None` when no
/// link is on the way, every link stays inside, or the path does not
/// resolve (nothing can be read through it then).
pub fn outside_target(root: &Path, relative: &Path) -> Option<PathBuf> {
    let relative = relative.strip_prefix(root).unwrap_or(relative);
    let mut path = root.to_path_buf();
    let mut link = None;
    for component in relative.components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::ParentDir => {
                path.pop();
            }
            _ => {}
        }
        if link.is_none()
            && path
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        {
            link = Some(path.clone());
        }
    }
    let link = link?;
    let resolved = root.join(relative).canonicalize().ok()?;
    let inside = root
        .canonicalize()
        .is_ok_and(|root| resolved.starts_with(root));
    if inside {
        return None;
    }
    Some(std::fs::read_link(&link).unwrap_or(resolved))
}

/// The error for a file that a link leads out of the project.
pub fn outside_error(root: &Path, relative: &Path, target: PathBuf) -> ProjectError {
    ProjectError::LinkOutsideProject {
        path: root.join(relative.strip_prefix(root).unwrap_or(relative)),
        target,
    }
}

/// Reads `path` (absolute below `root`, or relative to it), refusing one
/// that a link leads out of the project.
pub fn read_inside(root: &Path, path: &Path) -> Result<String, ProjectError> {
    if let Some(target) = outside_target(root, path) {
        return Err(outside_error(root, path, target));
    }
    crate::error::read_to_string(&root.join(path))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_out_of_the_root_are_refused_and_links_inside_are_read() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.ts"), "secret").unwrap();
        let project = tempfile::tempdir().unwrap();
        let root = project.path();
        std::fs::create_dir_all(root.join("src/real")).unwrap();
        std::fs::write(root.join("src/real/a.ts"), "inside").unwrap();
        let link = |target: &Path, at: &str| std::os::unix::fs::symlink(target, root.join(at));
        link(&outside.path().join("secret.ts"), "src/evil.ts").unwrap();
        link(outside.path(), "src/shared").unwrap();
        link(Path::new("real/a.ts"), "src/near.ts").unwrap();
        link(Path::new("real"), "src/alias").unwrap();
        link(Path::new("../../.."), "src/up").unwrap();

        for escaping in ["src/evil.ts", "src/shared/secret.ts", "src/up"] {
            assert!(
                outside_target(root, Path::new(escaping)).is_some(),
                "{escaping}"
            );
            assert!(matches!(
                read_inside(root, Path::new(escaping)),
                Err(ProjectError::LinkOutsideProject { .. })
            ));
        }
        assert_eq!(
            outside_target(root, Path::new("src/evil.ts")),
            Some(outside.path().join("secret.ts"))
        );
        for inside in ["src/near.ts", "src/alias/a.ts", "src/real/a.ts"] {
            assert_eq!(outside_target(root, Path::new(inside)), None, "{inside}");
            assert_eq!(read_inside(root, &root.join(inside)).unwrap(), "inside");
        }
        assert_eq!(outside_target(root, Path::new("src/missing.ts")), None);
    }
}
