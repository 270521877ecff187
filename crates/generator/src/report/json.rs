//! The plan as JSON (`init --json`, `add --json`).

use std::path::Path;

use serde_json::Value;

use super::Outcome;
use crate::{Plan, diff};

/// The JSON document for `plan` of the app at `project_root`; a dry run's
/// files carry their diffs.
pub fn render(project_root: &Path, plan: &Plan, outcome: Outcome) -> Value {
    let files: Vec<Value> = plan
        .files
        .iter()
        .map(|f| {
            let mut v =
                serde_json::json!({ "path": f.path, "action": f.action, "reason": f.reason });
            if outcome == Outcome::DryRun {
                v["diff"] = diff::unified(f).into();
            }
            v
        })
        .collect();
    serde_json::json!({
        "project": project_root,
        "dry_run": outcome == Outcome::DryRun,
        "applied": outcome == Outcome::Applied,
        "changes": plan.files.len(),
        "strategy": plan.strategy,
        "sdk": plan.sdk,
        "files": files,
        "kept": plan.kept,
        "components": plan.components,
        "token_endpoint": plan.token_endpoint,
        "install": plan.install,
        "warnings": plan.warnings,
        "notes": plan.notes,
        "next_steps": plan.next_steps,
    })
}
