//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other tools.
//! Every rule is listed in the driver; URIs are relative to the repository
//! root (`%SRCROOT%`).

use serde_json::{Value, json};

use super::Report;
use crate::checks::RULES;
use crate::finding::{Severity, display_path};

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log for `report`.
pub fn render(report: &Report) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.summary },
                "help": {
                    "text": rule.doc,
                    "markdown": rule.doc,
                },
                "helpUri": format!("{}#{}", env!("CARGO_PKG_REPOSITORY"), rule.code.to_ascii_lowercase()),
                "defaultConfiguration": { "level": level(rule.severity) },
                "properties": { "tags": [rule.group()] },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let index = RULES
                .iter()
                .position(|r| r.code == finding.code)
                .unwrap_or(0);
            let location = &finding.location;
            json!({
                "ruleId": finding.code,
                "ruleIndex": index,
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": display_path(&report.repo_prefix.join(&location.file)),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": location.line,
                            "startColumn": location.column,
                            "endLine": location.end_line,
                            "endColumn": location.end_column.max(location.column),
                        },
                    },
                }],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "workos-widgets",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
