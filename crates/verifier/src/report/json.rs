//! `--format json`: the report as one JSON document.

use serde_json::{Value, json};

use super::Report;
use crate::finding::Severity;

/// The JSON document for `report`.
pub fn render(report: &Report) -> Value {
    let mut value = json!({
        "version": 1,
        "tool": { "name": "workos-widgets", "version": env!("CARGO_PKG_VERSION") },
        "project": {
            "framework": report.framework,
            "router": report.router,
            "staged": report.staged,
        },
        "summary": {
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "fixable": report.fixable(),
            "files_scanned": report.files_scanned,
            "files_parsed": report.files_parsed,
        },
        "findings": report.findings,
    });
    if let Some(map) = value.as_object_mut() {
        if let Some(fixes) = &report.fixes {
            map.insert("fixes".to_owned(), json!(fixes));
        }
        if let Some(online) = &report.online {
            map.insert("online".to_owned(), json!(online));
        }
    }
    value
}
