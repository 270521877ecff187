//! The checks: one module per rule, grouped by code (WW1xx dependencies,
//! WW2xx root and styles, ...), and the registry that runs them.

pub mod deps;
pub mod env;
pub mod general;
pub mod props;
pub mod root;
pub mod security;
pub mod tokens;

use crate::build;
use crate::facts::Facts;
use crate::finding::Finding;
use crate::online;
use crate::rule::{Check, Rule};

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &general::syntax_error::RULE,
    &general::link_outside_project::RULE,
    &deps::package_not_declared::RULE,
    &deps::package_not_installed::RULE,
    &deps::peer_version_mismatch::RULE,
    &deps::react_too_old::RULE,
    &deps::node_sdk_missing::RULE,
    &root::widget_outside_root::RULE,
    &root::providers_without_root::RULE,
    &root::stylesheet_missing::RULE,
    &root::stylesheet_order::RULE,
    &props::auth_token_missing::RULE,
    &props::access_token_prop::RULE,
    &props::session_id_missing::RULE,
    &props::switch_organization_missing::RULE,
    &props::loading_count_missing::RULE,
    &props::function_token_in_server_component::RULE,
    &tokens::token_source_missing::RULE,
    &tokens::sdk_call_mismatch::RULE,
    &tokens::unknown_scope::RULE,
    &tokens::scope_missing::RULE,
    &tokens::scope_unneeded::RULE,
    &tokens::module_scope_client::RULE,
    &security::secret_in_client::RULE,
    &security::public_env_secret::RULE,
    &security::hardcoded_secret::RULE,
    &security::env_file_not_ignored::RULE,
    &security::identity_from_request::RULE,
    &security::dev_identity::RULE,
    &env::env_missing::RULE,
    &env::env_malformed::RULE,
    &build::FAILED,
    &build::TIMED_OUT,
    &build::SCRIPT_MISSING,
    &online::API_KEY_REJECTED,
    &online::PERMISSION_MISSING,
    &online::ORGANIZATION_NOT_FOUND,
    &online::SCOPE_REJECTED,
    &online::REQUEST_FAILED,
];

/// The rule with `code` (case-insensitive) or `name`.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Runs every facts-based rule, findings sorted by file, position and code.
pub fn run_all(facts: &Facts) -> Vec<Finding> {
    let mut findings: Vec<Finding> = RULES
        .iter()
        .filter_map(|rule| match rule.check {
            Check::Facts(run) => Some(run(facts)),
            Check::Build | Check::Online => None,
        })
        .flatten()
        .collect();
    sort(&mut findings);
    findings
}

/// Sorts findings by file, line, column and code.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.location.file, a.location.line, a.location.column, a.code).cmp(&(
            &b.location.file,
            b.location.line,
            b.location.column,
            b.code,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_documented() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be unique and in order");
        for rule in RULES {
            assert!(
                rule.code.starts_with("WW") && rule.code.len() == 5,
                "{}",
                rule.code
            );
            for section in ["## What it checks", "## Why it matters", "## Example"] {
                assert!(
                    rule.doc.contains(section),
                    "{} doc lacks {section}",
                    rule.code
                );
            }
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.name
            );
        }
        assert_eq!(find("ww302").map(|r| r.name), Some("access-token-prop"));
        let table = include_str!("../lib.rs");
        for rule in RULES {
            let row = format!("//! | {} | {}", rule.code, rule.name);
            assert!(table.contains(&row), "the lib doc's table lacks {row}");
            let severity = format!("| {} |", rule.severity.as_str());
            let line = table
                .lines()
                .find(|l| l.starts_with(&row))
                .unwrap_or_default();
            assert!(line.contains(&severity), "{line} should say {severity}");
        }
        assert_eq!(find("access-token-prop").map(|r| r.code), Some("WW302"));
    }
}
