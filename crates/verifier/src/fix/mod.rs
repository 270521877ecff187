//! `--fix`: carries out the fixes the checks put on their findings (each
//! rule builds its own, see [`crate::finding::Fix`]) with the edit engine
//! `init` uses (syntax-tree transforms that re-parse between steps and
//! refuse a result that no longer parses), then writes all files at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use oxc_ast::ast::Program;
use serde::Serialize;
use workos_widgets_core::edit::apply::write_all;
use workos_widgets_core::edit::change::{Action, FileChange};
use workos_widgets_core::edit::transform::{self, Transform};

use crate::VerifyError;
use crate::finding::{Edit, Finding, Fix};

/// What `--fix` did to one file.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    #[serde(serialize_with = "crate::finding::serialize_path")]
    pub file: PathBuf,
    pub changes: Vec<String>,
}

/// A fix that could not be applied, and why.
#[derive(Debug, Clone, Serialize)]
pub struct NotApplied {
    #[serde(serialize_with = "crate::finding::serialize_path")]
    pub file: PathBuf,
    pub reason: String,
}

/// The outcome of `--fix`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FixReport {
    pub applied: Vec<Applied>,
    pub not_applied: Vec<NotApplied>,
}

/// Applies every fix in `findings` under `root`.
pub fn apply(root: &Path, findings: &[Finding]) -> Result<FixReport, VerifyError> {
    let mut by_file: BTreeMap<&Path, Vec<&Fix>> = BTreeMap::new();
    for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
        let entry = by_file.entry(&fix.file).or_default();
        if !entry.iter().any(|known| same(known, fix)) {
            entry.push(fix);
        }
    }
    let mut report = FixReport::default();
    let mut changes = Vec::new();
    for (file, mut fixes) in by_file {
        fixes.sort_by_key(|fix| stage(fix));
        let file = file.to_path_buf();
        let before = match std::fs::read_to_string(root.join(&file)) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                report.not_applied.push(NotApplied {
                    file,
                    reason: format!("cannot read it: {e}"),
                });
                continue;
            }
        };
        let after = match edit(&file, before.as_deref(), &fixes) {
            Ok(after) => after,
            Err(reason) => {
                report.not_applied.push(NotApplied { file, reason });
                continue;
            }
        };
        if before.as_deref() == Some(after.as_str()) {
            continue;
        }
        report.applied.push(Applied {
            file: file.clone(),
            changes: fixes.iter().map(|fix| fix.description.clone()).collect(),
        });
        changes.push(FileChange {
            path: file,
            action: if before.is_some() {
                Action::Modify
            } else {
                Action::Create
            },
            before,
            after,
            reason: "workos-widgets verify --fix".to_owned(),
        });
    }
    write_all(root, &changes).map_err(|e| VerifyError::Fix {
        path: root.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(report)
}

/// Removes the fixes that would change nothing (the edit they make is
/// already there, or finds nothing to edit), so no finding offers a fix
/// that does nothing. A fix that fails is kept: `--fix` reports why.
pub fn drop_noops(root: &Path, findings: &mut [Finding]) {
    let mut known: Vec<(Fix, bool)> = Vec::new();
    for finding in findings.iter_mut() {
        let Some(fix) = &finding.fix else {
            continue;
        };
        let noop = match known.iter().find(|(seen, _)| same(seen, fix)) {
            Some((_, noop)) => *noop,
            None => {
                let before = std::fs::read_to_string(root.join(&fix.file)).ok();
                let noop = edit(&fix.file, before.as_deref(), &[fix])
                    .is_ok_and(|after| before.as_deref() == Some(after.as_str()));
                known.push((fix.clone(), noop));
                noop
            }
        };
        if noop {
            finding.fix = None;
        }
    }
}

/// Whether two fixes are one: the same file, and they say they do the same.
fn same(a: &Fix, b: &Fix) -> bool {
    a.file == b.file && a.description == b.description
}

/// Where a fix runs among those of its file (text rewrites have no order:
/// they edit files no module fix edits).
fn stage(fix: &Fix) -> Option<crate::finding::Stage> {
    match &fix.edit {
        Edit::Module { stage, .. } => Some(*stage),
        Edit::Text(_) => None,
    }
}

/// `path`'s text (`before`, `None` when it does not exist) with `fixes`
/// applied in order: the module steps through the edit engine, then the
/// text rewrites.
pub(crate) fn edit(path: &Path, before: Option<&str>, fixes: &[&Fix]) -> Result<String, String> {
    let mut steps: Vec<Transform<'_>> = Vec::new();
    let mut rewrites = Vec::new();
    for fix in fixes {
        match &fix.edit {
            Edit::Module { steps: module, .. } => {
                steps.extend(module.iter().map(|step| {
                    Box::new(move |text: &str, program: &Program<'_>| step(path, text, program))
                        as Transform<'_>
                }));
            }
            Edit::Text(rewrite) => rewrites.push(rewrite),
        }
    }
    let mut text = match before {
        Some(text) => text.to_owned(),
        None if steps.is_empty() => String::new(),
        None => return Err("the file no longer exists".to_owned()),
    };
    if !steps.is_empty() {
        text = transform::apply(path, &text, &steps).map_err(|e| e.to_string())?;
    }
    for rewrite in rewrites {
        text = rewrite(&text);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::root::stylesheet_missing::{RULE, fix};
    use crate::finding::Location;

    #[test]
    fn never_offers_a_fix_that_does_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(
            dir.path().join("src/done.tsx"),
            "import '@radix-ui/themes/styles.css'\nimport '@workos-inc/widgets/styles.css'\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("src/todo.tsx"), "import './index.css'\n").unwrap();
        let finding = |file: &str| {
            RULE.fixable_finding(Location::start(file), "missing", Some(fix(Path::new(file))))
        };
        let mut findings = vec![finding("src/done.tsx"), finding("src/todo.tsx")];
        drop_noops(dir.path(), &mut findings);
        assert!(findings[0].fix.is_none(), "the imports are already there");
        assert!(findings[1].fix.is_some());
    }
}
