//! WW404: the token module's scopes miss one a rendered widget needs.

use workos_widgets_core::catalog::Scope;

use crate::checks::common::{
    is_page_token, required_scopes_for, required_scopes_for_call, sdk_version, shown,
};
use crate::facts::{Facts, ScopesArg};
use crate::finding::{Finding, Fix, FixAction, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW404",
    name: "scope-missing",
    severity: Severity::Error,
    summary: "The widget token lacks a scope a rendered widget needs",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That the `scopes` of each widget token call cover the widgets the app
renders: UsersManagement needs `widgets:users-table:manage`,
AdminPortalSsoConnection `widgets:sso:manage`,
AdminPortalDomainVerification `widgets:domain-verification:manage`,
DirectorySync `widgets:dsync:manage`, ApiKeys `widgets:api-keys:manage`,
AdminPortalAuditLogStreaming `widgets:audit-log-streaming:manage`, PipesAdmin
`widgets:pipes:manage`. The scopes are read from the call (an array of
strings, possibly through a constant such as `WIDGETS_SCOPES` in the same
file); calls whose scopes are built otherwise are not checked.

Each token is judged by the widgets it reaches, not by every widget of the
app:
- a token minted in a file that renders JSX (a Next.js Server Component
  page calling `getToken`/`createToken` and passing the token down) reaches
  the widgets rendered in that file and in the local components it renders,
  transitively;
- a token bound to a variable that the file hands on in JSX
  (`authToken={teamToken}`, `<TeamPanel token={teamToken} />`) reaches
  the widgets given it and those the local components given it render:
  two tokens minted in one file are judged apart, and one token given to
  two widgets needs the scopes of both;
- a token minted in a file that renders nothing (a route handler, a token
  endpoint module, a Server Action), or in one whose JSX reaches no widget
  (a layout handing the token down through a context), reaches every widget
  that no page-local token reaches.

## Why it matters
A token without the widget's scope gets 403 from the widget API: the
widget shows "permission denied" although the user's role is right.

## Example
```ts
// bad: the app renders <UsersManagement>
workos.widgets.getToken({ organizationId, userId, scopes: [] })
// good
workos.widgets.getToken({ organizationId, userId, scopes: ['widgets:users-table:manage'] })
```
`--fix` adds the missing scopes to the array (except `widgets:pipes:manage`,
which TypeScript needs a cast for; see `workos-widgets init`'s token module).
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    if !facts.complete {
        return Vec::new();
    }
    let sdk = sdk_version(facts);
    let mut findings = Vec::new();
    for file in facts.token_modules() {
        let required = required_scopes_for(facts, file);
        let needers = if is_page_token(facts, file) {
            "the widgets this file renders (itself or through its components)"
        } else {
            "the rendered widgets"
        };
        for call in &file.token_calls {
            let given = required_scopes_for_call(facts, file, call);
            let (required, needers) = match &given {
                Some(scopes) => (scopes, "the widgets this token is given to"),
                None => (&required, needers),
            };
            let present: Vec<Scope> = match &call.scopes {
                ScopesArg::Absent => Vec::new(),
                ScopesArg::Known { scopes, .. } => scopes
                    .iter()
                    .filter_map(|s| Scope::parse(&s.value))
                    .collect(),
                ScopesArg::Unknown => continue,
            };
            let missing: Vec<Scope> = required
                .iter()
                .copied()
                .filter(|s| !present.contains(s))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let typed = |s: &Scope| sdk.as_ref().is_none_or(|v| s.in_sdk_types(v));
            let fix = (matches!(call.scopes, ScopesArg::Known { .. }) && missing.iter().all(typed))
                .then(|| Fix {
                    description: format!(
                        "add {} to the token scopes in {}",
                        list(&missing),
                        shown(&file.path)
                    ),
                    action: FixAction::AddScopes {
                        file: file.path.clone(),
                        scopes: missing.iter().map(|s| s.as_str()).collect(),
                    },
                });
            findings.push(RULE.fixable_finding(
                Location::span(file, call.span),
                format!(
                    "the widget token lacks {}, which {needers} need: the widget API answers 403 without it; add it to scopes",
                    list(&missing)
                ),
                fix,
            ));
        }
    }
    findings
}

fn list(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
