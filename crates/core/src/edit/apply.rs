//! Writes a plan's files all-or-nothing: every file is first written to a
//! temporary file beside its target, then renamed into place; if any step
//! fails, what was already renamed is restored.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::EditError;
use super::change::FileChange;

/// Writes every change under `root`, or none of them.
pub fn write_all(root: &Path, changes: &[FileChange]) -> Result<(), EditError> {
    // Never through a link out of the project (an edited file or a folder
    // on the way): refused before anything is staged.
    for change in changes {
        if let Some(target) = crate::links::outside_target(root, &change.path) {
            return Err(crate::links::outside_error(root, &change.path, target).into());
        }
    }
    let mut created_dirs = Vec::new();
    let staged = stage(root, changes, &mut created_dirs);
    let staged = match staged {
        Ok(staged) => staged,
        Err(e) => {
            remove_dirs(&created_dirs);
            return Err(e);
        }
    };
    let mut done: Vec<(PathBuf, Option<String>)> = Vec::new();
    for (temp, change) in staged.into_iter().zip(changes) {
        let target = write_target(&root.join(&change.path));
        if let Err(e) = temp.persist(&target) {
            rollback(&done);
            remove_dirs(&created_dirs);
            return Err(EditError::Write {
                path: target,
                source: e.error,
            });
        }
        done.push((target, change.before.clone()));
    }
    Ok(())
}

/// Phase one: a temporary file for every change, so a read-only tree or a
/// full disk fails before anything is replaced.
fn stage(
    root: &Path,
    changes: &[FileChange],
    created_dirs: &mut Vec<PathBuf>,
) -> Result<Vec<tempfile::NamedTempFile>, EditError> {
    changes
        .iter()
        .map(|change| {
            let target = write_target(&root.join(&change.path));
            let dir = target.parent().unwrap_or(root);
            create_dirs(dir, created_dirs).map_err(|source| EditError::Write {
                path: dir.to_path_buf(),
                source,
            })?;
            let write = || -> std::io::Result<tempfile::NamedTempFile> {
                let mut builder = tempfile::Builder::new();
                builder.prefix(".workos-widgets-");
                // A new file gets 0666 less the umask, like any file an
                // editor creates (tempfile's own default is 0600).
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(fs::Permissions::from_mode(0o666));
                }
                let mut temp = builder.tempfile_in(dir)?;
                temp.write_all(change.after.as_bytes())?;
                temp.flush()?;
                if let Ok(meta) = fs::metadata(&target) {
                    fs::set_permissions(temp.path(), meta.permissions())?;
                }
                Ok(temp)
            };
            write().map_err(|source| EditError::Write {
                path: target.clone(),
                source,
            })
        })
        .collect()
}

/// The file to write for `path`: a symlink's target, so editing through
/// the link keeps the link (a dangling link is replaced).
fn write_target(path: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    path.to_path_buf()
}

fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.exists())
        .map(Path::to_path_buf)
        .collect();
    for d in missing.iter().rev() {
        fs::create_dir(d)?;
        created.push(d.clone());
    }
    Ok(())
}

fn rollback(done: &[(PathBuf, Option<String>)]) {
    for (path, before) in done.iter().rev() {
        // Best effort: the original error is what the user needs to see.
        let _ = match before {
            Some(text) => fs::write(path, text),
            None => fs::remove_file(path),
        };
    }
}

fn remove_dirs(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::change::Action;

    fn change(path: &str, after: &str) -> FileChange {
        FileChange {
            path: path.into(),
            action: Action::Create,
            before: None,
            after: after.into(),
            reason: String::new(),
        }
    }

    #[test]
    fn writes_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[change("a/b/c.txt", "hi"), change("d.txt", "yo")],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("a/b/c.txt")).unwrap(),
            "hi"
        );
        assert_eq!(fs::read_to_string(dir.path().join("d.txt")).unwrap(), "yo");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_honour_the_umask_and_links_are_edited_through() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("real.ts"), "old").unwrap();
        symlink("real.ts", dir.path().join("link.ts")).unwrap();
        write_all(
            dir.path(),
            &[change("new.ts", "x"), change("link.ts", "new")],
        )
        .unwrap();
        // A file created the ordinary way gets 0666 less the umask.
        fs::File::create(dir.path().join("ordinary")).unwrap();
        let mode = |name: &str| {
            fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode("new.ts"), mode("ordinary"));
        assert!(
            fs::symlink_metadata(dir.path().join("link.ts"))
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is kept"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("real.ts")).unwrap(),
            "new"
        );
    }

    #[test]
    fn writes_nothing_when_a_target_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        // A file where a directory must go makes staging of the second change fail.
        fs::write(dir.path().join("blocker"), "").unwrap();
        let err = write_all(
            dir.path(),
            &[change("new/ok.txt", "x"), change("blocker/inner.txt", "y")],
        );
        assert!(err.is_err());
        assert!(
            !dir.path().join("new").exists(),
            "created directory was not removed"
        );
    }
}
