//! `--fix`: applies the safe fixes of a run's findings with the edit engine
//! `init` uses (syntax-tree transforms that re-parse between steps and
//! refuse a result that no longer parses), then writes all files at once.

mod transforms;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use workos_widgets_core::edit::apply::write_all;
use workos_widgets_core::edit::change::{Action, FileChange};
use workos_widgets_core::edit::transform::{self, Transform};

use crate::VerifyError;
use crate::finding::{Finding, FixAction};

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
    let mut by_file: BTreeMap<PathBuf, Vec<(&FixAction, &str)>> = BTreeMap::new();
    for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
        let entry = by_file.entry(fix.action.file().to_path_buf()).or_default();
        if !entry.iter().any(|(action, _)| *action == &fix.action) {
            entry.push((&fix.action, &fix.description));
        }
    }
    let mut report = FixReport::default();
    let mut changes = Vec::new();
    for (file, mut actions) in by_file {
        actions.sort_by_key(|(action, _)| order(action));
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
        let after = match edit(&file, before.as_deref(), &actions) {
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
            changes: actions.iter().map(|(_, d)| (*d).to_owned()).collect(),
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
    let mut known: Vec<(FixAction, bool)> = Vec::new();
    for finding in findings.iter_mut() {
        let Some(fix) = &finding.fix else {
            continue;
        };
        let noop = match known.iter().find(|(action, _)| *action == fix.action) {
            Some((_, noop)) => *noop,
            None => {
                let file = fix.action.file();
                let before = std::fs::read_to_string(root.join(file)).ok();
                let noop = edit(file, before.as_deref(), &[(&fix.action, "")])
                    .is_ok_and(|after| before.as_deref() == Some(after.as_str()));
                known.push((fix.action.clone(), noop));
                noop
            }
        };
        if noop {
            finding.fix = None;
        }
    }
}

/// Edits within one file in a fixed order: props first, the root last.
fn order(action: &FixAction) -> u8 {
    match action {
        FixAction::RenameAccessToken { .. } => 0,
        FixAction::AddLoadingCount { .. } => 1,
        FixAction::ReplaceScope { .. } => 2,
        FixAction::AddScopes { .. } => 3,
        FixAction::AddStylesheets { .. } => 4,
        FixAction::WrapRoot { .. } => 5,
        FixAction::IgnoreEnvFiles { .. } => 6,
    }
}

fn edit(
    path: &Path,
    before: Option<&str>,
    actions: &[(&FixAction, &str)],
) -> Result<String, String> {
    if let [(FixAction::IgnoreEnvFiles { files }, _)] = actions {
        return Ok(transforms::ignore_env_files(
            before.unwrap_or_default(),
            files,
        ));
    }
    let text = before.ok_or_else(|| "the file no longer exists".to_owned())?;
    let list: Vec<Transform<'_>> = actions
        .iter()
        .flat_map(|(action, _)| transforms::for_action(path, action))
        .collect();
    transform::apply(path, text, &list).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::root::stylesheet_missing::RULE;
    use crate::finding::{Fix, Location};

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
            RULE.fixable_finding(
                Location::start(file),
                "missing",
                Some(Fix {
                    description: "import the widget stylesheets".to_owned(),
                    action: FixAction::AddStylesheets { file: file.into() },
                }),
            )
        };
        let mut findings = vec![finding("src/done.tsx"), finding("src/todo.tsx")];
        drop_noops(dir.path(), &mut findings);
        assert!(findings[0].fix.is_none(), "the imports are already there");
        assert!(findings[1].fix.is_some());
    }
}
