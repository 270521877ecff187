//! WW403: a scope string that is not a real widget scope.

use std::path::Path;

use workos_widgets_core::catalog::{self, Scope};
use workos_widgets_core::edit::TextEdit;

use crate::facts::{Facts, read_text};
use crate::finding::{Finding, Fix, Location, Severity, Stage, step};
use crate::questions::shown;
use crate::rule::{Check, Rule};
use workos_widgets_core::facts::read::looks_like_scope;

pub static RULE: Rule = Rule {
    code: "WW403",
    name: "unknown-scope",
    severity: Severity::Error,
    summary: "A widget scope string is not one WorkOS knows",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Every string literal that looks like a widget scope (`widgets:...`,
`widget:...`) against the nine real ones (the scope type of
`@workos-inc/node` 12): `widgets:users-table:manage`, `widgets:sso:manage`,
`widgets:domain-verification:manage`, `widgets:dsync:manage`,
`widgets:api-keys:manage`, `widgets:audit-log-streaming:manage`,
`widgets:pipes:manage` (PipesAdmin), `widgets:user-api-keys:manage-self` and
`widgets:user-api-keys:manage-all` (`<ApiKeys scope="user">`). SDK 11 and
older do not list the last three (7.x neither dsync nor audit-log-streaming):
they are still known, and sent as they are when the list is cast.

## Why it matters
The API rejects an unknown scope (422), the widget never finds it in the
token's `permissions` claim, and TypeScript rejects it against the SDK's
scope type. Typos are common (`widget:` for `widgets:`, `_` for
`-`), and some guides list invented ones such as
`widgets:user-profile:manage`: UserProfile, UserSecurity, UserSessions,
Pipes and OrganizationSwitcher need no scope at all.

## Example
```ts
// bad
scopes: ['widget:users_table:manage', 'widgets:user-profile:manage']
// good
scopes: ['widgets:users-table:manage']
```
`--fix` corrects `widget:`/`_` typos when that gives a real scope.
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for file in &facts.files {
        for string in &file.strings {
            let value = string.value.as_str();
            if !looks_like_scope(value) || Scope::parse(value).is_some() {
                continue;
            }
            let message = format!("unknown scope \"{value}\"");
            let (help, fix) = match suggestion(value) {
                Suggestion::Typo(scope) => (
                    format!("did you mean \"{}\"?", scope.as_str()),
                    Some(replace_fix(&file.path, value, scope)),
                ),
                Suggestion::NoScope(component) => (
                    format!(
                        "{component} needs no scope: remove it (only organization admin widgets have one)"
                    ),
                    None,
                ),
                Suggestion::Nearest(scope) => {
                    (format!("did you mean \"{}\"?", scope.as_str()), None)
                }
                Suggestion::None => (format!("use one of {}", all_scopes()), None),
            };
            findings.push(
                RULE.fixable_finding(Location::span(file, string.span), message, fix)
                    .with_help(help),
            );
        }
    }
    findings
}

enum Suggestion {
    /// Only `widget:`/`_`/case typos: safe to replace.
    Typo(Scope),
    /// Names a widget that needs no scope.
    NoScope(&'static str),
    /// The closest real scope by edit distance.
    Nearest(Scope),
    None,
}

fn suggestion(value: &str) -> Suggestion {
    let lower = value.to_ascii_lowercase().replace('_', "-");
    let normalized = match lower.strip_prefix("widget:") {
        Some(rest) => format!("widgets:{rest}"),
        None => lower,
    };
    if let Some(scope) = Scope::parse(&normalized) {
        return Suggestion::Typo(scope);
    }
    let middle = normalized.split(':').nth(1).unwrap_or_default();
    if let Some(widget) = catalog::find(middle) {
        return match widget.scope {
            Some(scope) => Suggestion::Nearest(scope),
            None => Suggestion::NoScope(widget.component),
        };
    }
    Scope::ALL
        .into_iter()
        .map(|s| (strsim::levenshtein(&normalized, s.as_str()), s))
        .min()
        .filter(|(distance, _)| *distance <= 8)
        .map_or(Suggestion::None, |(_, s)| Suggestion::Nearest(s))
}

fn all_scopes() -> String {
    Scope::ALL
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fix: every `from` string of the file replaced by the real scope.
fn replace_fix(path: &Path, from: &str, to: Scope) -> Fix {
    let description = format!(
        "replace \"{from}\" by \"{}\" in {}",
        to.as_str(),
        shown(path)
    );
    let from = from.to_owned();
    Fix::module(
        description,
        path,
        Stage::ScopeStrings,
        vec![step(move |path, text, program| {
            Ok(read_text(path, text, program)
                .strings
                .iter()
                .filter(|s| s.value == from && s.span.end > s.span.start + 1)
                .map(|s| TextEdit::replace(s.span.start + 1, s.span.end - 1, to.as_str()))
                .collect())
        })],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_real_scopes() {
        assert!(matches!(
            suggestion("widget:users-table:manage"),
            Suggestion::Typo(Scope::UsersTable)
        ));
        assert!(matches!(
            suggestion("widgets:users_table:manage"),
            Suggestion::Typo(Scope::UsersTable)
        ));
        assert!(matches!(
            suggestion("widgets:user-profile:manage"),
            Suggestion::NoScope("UserProfile")
        ));
        assert!(matches!(
            suggestion("widgets:organization-switcher:read"),
            Suggestion::NoScope("OrganizationSwitcher")
        ));
        assert!(matches!(
            suggestion("widgets:users-management:manage"),
            Suggestion::Nearest(Scope::UsersTable)
        ));
        assert!(matches!(
            suggestion("widgets:sso:read"),
            Suggestion::Nearest(Scope::Sso)
        ));
        assert!(matches!(
            suggestion("widgets:user_api_keys:manage_self"),
            Suggestion::Typo(Scope::UserApiKeysSelf)
        ));
        assert!(matches!(
            suggestion("widgets:user-api-keys:manage"),
            Suggestion::Nearest(Scope::UserApiKeysAll | Scope::UserApiKeysSelf)
        ));
    }
}
