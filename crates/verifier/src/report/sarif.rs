//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other tools.
//! Every rule is listed in the driver; URIs are relative references to the
//! repository root (`%SRCROOT%`), percent-encoded as RFC 3986 asks.

use std::path::{Component, Path};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};
use serde_json::{Value, json};

use super::Report;
use crate::checks::RULES;
use crate::finding::{Finding, Severity};

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
            let mut result = json!({
                "ruleId": finding.code,
                "ruleIndex": index,
                "level": level(finding.severity),
                "message": { "text": message_text(finding) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": artifact_uri(&report.repo_prefix.join(&location.file)),
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
            });
            if let Some(help) = &finding.help {
                result["properties"] = json!({ "help": help });
            }
            result
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

/// What a path segment of a URI may hold as it is (RFC 3986 `pchar`:
/// unreserved, sub-delims and `@`); everything else is percent-encoded,
/// `:` too, so that a first segment never reads as a scheme.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

/// A relative path as a URI reference: its segments percent-encoded (as
/// UTF-8; a Unix name that is not UTF-8 by its bytes), joined by `/`.
fn artifact_uri(path: &Path) -> String {
    path.components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name),
            _ => None,
        })
        .map(|name| {
            #[cfg(unix)]
            let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name).to_vec();
            #[cfg(not(unix))]
            let bytes = name.to_string_lossy().into_owned().into_bytes();
            percent_encode(&bytes, SEGMENT).to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The result's message: the finding's, then its help on a line of its
/// own. GitHub code scanning shows a result's `message.text` (the first
/// sentence where space is short) and ignores result `properties` and
/// `fixes`, so the advice must be in the text to be seen; the help alone
/// is also in `properties.help` for tools that want it apart.
fn message_text(finding: &Finding) -> String {
    match &finding.help {
        Some(help) => format!("{}\nhelp: {help}", finding.message),
        None => finding.message.clone(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_uris_are_percent_encoded_relative_references() {
        assert_eq!(
            artifact_uri(Path::new("app/src/my page #1 100%/Profilé.tsx")),
            "app/src/my%20page%20%231%20100%25/Profil%C3%A9.tsx"
        );
        assert_eq!(artifact_uri(Path::new("src/a\nb?.tsx")), "src/a%0Ab%3F.tsx");
        assert_eq!(artifact_uri(Path::new("c:d/x.ts")), "c%3Ad/x.ts");
        assert_eq!(
            artifact_uri(Path::new("src/(group)/[id]/page.tsx")),
            "src/(group)/%5Bid%5D/page.tsx"
        );
    }
}
