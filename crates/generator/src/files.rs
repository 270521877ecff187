//! Collects a plan's file changes and applies the ownership rules: a file
//! the tool generated is updated only while it still has the content the tool
//! wrote (its hash is in the manifest); a file the user edited is kept.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use workos_widgets_core::manifest::{self, Manifest};

use workos_widgets_core::code_style::CodeStyle;
use workos_widgets_core::edit::change::{Action, FileChange};
use workos_widgets_core::edit::transform::{self, Transform};

use crate::GenerateError;
use crate::format::Formatter;

/// A generated file the plan leaves alone because the user edited it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct KeptFile {
    pub path: PathBuf,
    pub reason: String,
}

/// Builds the list of file changes for one plan.
pub struct FilePlanner<'a> {
    root: &'a Path,
    pub manifest: Manifest,
    original_manifest: Option<String>,
    force: bool,
    pub changes: Vec<FileChange>,
    pub kept: Vec<KeptFile>,
    /// Every generated path this plan wants, changed or not.
    claimed: std::collections::BTreeSet<String>,
    style: CodeStyle,
    formatter: Option<Formatter>,
}

/// A generated file the manifest records, as found on disk.
pub enum Generated {
    /// As the tool wrote it (its text).
    Unedited(String),
    /// Changed since.
    Edited,
    /// Not there.
    Missing,
}

/// How to bring a user-edited generated file up to date without replacing it.
pub type Merge<'f> = Box<dyn Fn(&str) -> Result<Option<String>, GenerateError> + 'f>;

impl<'a> FilePlanner<'a> {
    /// A planner for the project at `root`, whose generated code follows
    /// `style` (and the project's own formatter, when installed).
    pub fn new(
        root: &'a Path,
        manifest: Option<&Manifest>,
        force: bool,
        style: &CodeStyle,
    ) -> Self {
        Self {
            formatter: Formatter::for_project(root, style),
            style: style.clone(),
            root,
            original_manifest: manifest.map(Manifest::to_text),
            manifest: manifest.cloned().unwrap_or_default(),
            force,
            changes: Vec::new(),
            kept: Vec::new(),
            claimed: std::collections::BTreeSet::new(),
        }
    }

    /// Generated code in the project's style: restyled, then formatted by
    /// the project's formatter when it has one.
    fn styled(&mut self, path: &str, content: String) -> Result<String, GenerateError> {
        if !is_script(path) {
            return Ok(content);
        }
        let restyled = crate::restyle::restyle(Path::new(path), &content, &self.style)?;
        Ok(match self.formatter.as_mut() {
            Some(formatter) => formatter
                .format(path, &restyled)
                .filter(|formatted| parses(path, formatted))
                .unwrap_or(restyled),
            None => restyled,
        })
    }

    /// An edited user file, formatted by the project's formatter when the
    /// original was already formatted (an unformatted file stays so).
    fn format_edit(&mut self, path: &str, before: &str, after: String) -> String {
        let Some(formatter) = self.formatter.as_mut() else {
            return after;
        };
        if !is_script(path) || !formatter.is_clean(path, before) {
            return after;
        }
        formatter
            .format(path, &after)
            .filter(|formatted| parses(path, formatted))
            .unwrap_or(after)
    }

    /// The text of `path` as this plan leaves it so far: a change planned
    /// already, else the disk.
    fn read(&self, path: &str) -> Result<Option<String>, GenerateError> {
        if let Some(change) = self.changes.iter().find(|c| c.path == Path::new(path)) {
            return Ok((change.action != Action::Delete).then(|| change.after.clone()));
        }
        let full = self.root.join(path);
        if let Some(target) = workos_widgets_core::links::outside_target(self.root, Path::new(path))
        {
            return Err(GenerateError::Project(
                workos_widgets_core::links::outside_error(self.root, Path::new(path), target),
            ));
        }
        match std::fs::read_to_string(&full) {
            Ok(text) => Ok(Some(text)),
            // A file where a parent directory should be: the target is absent,
            // and writing it will fail with a clear message.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(GenerateError::Project(
                workos_widgets_core::ProjectError::read(full, e),
            )),
        }
    }

    /// A file the tool owns. `merge` updates a user-edited copy in place
    /// (e.g. adds scopes) instead of leaving it as it is.
    pub fn generated(
        &mut self,
        path: &str,
        content: String,
        reason: &str,
        merge: Option<Merge<'_>>,
    ) -> Result<(), GenerateError> {
        self.claimed.insert(path.to_owned());
        let content = self.styled(path, content)?;
        let hash = content_hash(&content);
        let existing = self.read(path)?;
        let Some(existing) = existing else {
            self.push(path, None, content, reason);
            self.manifest.set_generated_hash(path, &hash);
            return Ok(());
        };
        if existing == content {
            self.manifest.set_generated_hash(path, &hash);
            return Ok(());
        }
        let recorded = self.manifest.generated_hash(path).map(str::to_owned);
        let unedited = recorded.as_deref() == Some(content_hash(&existing).as_str());
        if unedited || (self.force && recorded.is_some()) {
            self.push(path, Some(existing), content, reason);
            self.manifest.set_generated_hash(path, &hash);
            return Ok(());
        }
        if let Some(merge) = merge
            && let Some(merged) = merge(&existing)?
        {
            if merged != existing {
                self.push(path, Some(existing), merged, reason);
            }
            return Ok(());
        }
        let why = if recorded.is_some() {
            "you edited it; kept your version (--force replaces it with the template, losing your edits)"
        } else {
            "a file not generated by workos-widgets is in the way; kept it (move it away and run again to get the generated version)"
        };
        self.kept.push(KeptFile {
            path: PathBuf::from(path),
            reason: why.to_owned(),
        });
        Ok(())
    }

    /// The generated files the manifest records that this plan does not
    /// generate, sorted.
    pub fn unclaimed(&self) -> Vec<String> {
        self.manifest
            .generated_paths()
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !self.claimed.contains(p))
            .collect()
    }

    /// A recorded generated file as it is on disk.
    pub fn generated_state(&self, path: &str) -> Result<Generated, GenerateError> {
        let Some(text) = self.read(path)? else {
            return Ok(Generated::Missing);
        };
        let unedited = self.manifest.generated_hash(path) == Some(content_hash(&text).as_str());
        Ok(if unedited {
            Generated::Unedited(text)
        } else {
            Generated::Edited
        })
    }

    /// Removes a generated file (`before`: its text) and forgets it.
    pub fn remove(&mut self, path: &str, before: String, reason: &str) {
        self.changes.push(FileChange {
            path: PathBuf::from(path),
            action: Action::Delete,
            before: Some(before),
            after: String::new(),
            reason: reason.to_owned(),
        });
        self.manifest.remove_generated(path);
    }

    /// Forgets a generated file that is gone already.
    pub fn forget(&mut self, path: &str) {
        self.manifest.remove_generated(path);
    }

    /// A user file edited through syntax-tree transforms.
    pub fn edit(
        &mut self,
        path: &Path,
        transforms: &[Transform<'_>],
        reason: &str,
    ) -> Result<(), GenerateError> {
        let key = path.to_string_lossy().into_owned();
        let Some(before) = self.read(&key)? else {
            return Err(GenerateError::Project(
                workos_widgets_core::ProjectError::MissingEntry {
                    dir: self.root.to_path_buf(),
                    looked_for: key,
                },
            ));
        };
        let after = transform::apply(&self.root.join(path), &before, transforms)?;
        if after != before {
            let after = self.format_edit(&key, &before, after);
            self.push(&key, Some(before), after, reason);
        }
        Ok(())
    }

    /// A plain text file (env example, .gitignore, package.json), rewritten
    /// by `update` from its current text (`None` when absent).
    pub fn text(
        &mut self,
        path: &str,
        reason: &str,
        update: impl FnOnce(Option<&str>) -> Option<String>,
    ) -> Result<(), GenerateError> {
        let before = self.read(path)?;
        let update = update(before.as_deref()).map(|after| match &before {
            Some(before) => workos_widgets_core::edit::keep_line_endings(before, after),
            None => after,
        });
        if let Some(after) = update
            && Some(&after) != before.as_ref()
        {
            self.push(path, before, after, reason);
        }
        Ok(())
    }

    /// Plans `after` for `path`; a second change of the same file is
    /// folded into the first (which keeps the file's original text).
    fn push(&mut self, path: &str, before: Option<String>, after: String, reason: &str) {
        if let Some(at) = self.changes.iter().position(|c| c.path == Path::new(path)) {
            let change = &mut self.changes[at];
            if change.before.as_deref() == Some(after.as_str()) {
                self.changes.remove(at);
                return;
            }
            change.after = after;
            change.reason = format!("{}; {reason}", change.reason);
            return;
        }
        self.changes.push(FileChange {
            path: PathBuf::from(path),
            action: if before.is_some() {
                Action::Modify
            } else {
                Action::Create
            },
            before,
            after,
            reason: reason.to_owned(),
        });
    }

    /// The changes, with the manifest's own change last (when it changed),
    /// and notes about formatting.
    pub fn finish(mut self) -> (Vec<FileChange>, Vec<KeptFile>, Vec<String>) {
        let notes = self
            .formatter
            .as_ref()
            .and_then(Formatter::failure)
            .into_iter()
            .collect();
        let text = self.manifest.to_text();
        if self.original_manifest.as_deref() != Some(text.as_str()) {
            let before = self.original_manifest.take();
            self.push(manifest::FILE_NAME, before, text, "record the setup");
        }
        (self.changes, self.kept, notes)
    }
}

/// Whether a formatter's output still parses (else the unformatted text is
/// used).
fn parses(path: &str, text: &str) -> bool {
    workos_widgets_core::js::check_parses(Path::new(path), text).is_ok()
}

/// Whether `path` holds JavaScript or TypeScript.
fn is_script(path: &str) -> bool {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            matches!(
                e,
                "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" | "mts" | "cts"
            )
        })
}

/// `sha256:<hex>` of a file's content.
pub fn content_hash(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
