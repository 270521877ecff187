//! WW404: the token module's scopes miss one a rendered widget needs.

use std::collections::HashMap;
use std::path::Path;

use oxc_ast::ast::Program;
use workos_widgets_core::catalog::{Scope, ScopeNeed};
use workos_widgets_core::edit::TextEdit;
use workos_widgets_core::edit::transform::scopes;

use crate::facts::{Facts, ScopesArg, TokenCall, read_text};
use crate::finding::{Finding, Fix, Location, Severity, Stage, step};
use crate::questions::{
    is_page_token, required_scopes_for, required_scopes_for_call, sdk_version_in, shown,
};
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
DirectorySync `widgets:dsync:manage`, ApiKeys `widgets:api-keys:manage`
(`<ApiKeys scope="user">`: `widgets:user-api-keys:manage-self` or
`widgets:user-api-keys:manage-all`, either one; `--fix` adds `manage-self`,
each user managing their own keys, since `manage-all` also manages every
member's keys), AdminPortalAuditLogStreaming
`widgets:audit-log-streaming:manage`, PipesAdmin `widgets:pipes:manage`.
UserProfile, UserSecurity, UserSessions, Pipes and OrganizationSwitcher
need none. The scopes are read from the call (an array of
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
- a token bound to a variable that the file provides to a React context
  (`<TokenCtx.Provider value={token}>`, `value={{ token }}`, `value={{
  authToken: token }}`, React 19's `<TokenCtx value={token}>`), directly or
  through a local provider component given it as a prop
  (`<WidgetTokenProvider token={token}>` rendering `<TokenCtx.Provider
  value={token}>` or `value={props.token}`), reaches the widgets that read
  that context: `authToken={useContext(TokenCtx)}`, `const token =
  useContext(TokenCtx)` (or `use(TokenCtx)`, or `const { token } = ...`)
  then `authToken={token}`, or a hook of any module returning
  `useContext(TokenCtx)` or `useContext(TokenCtx).token`
  (`authToken={useWidgetToken()}`). The context is the `createContext`
  binding, followed through imports (a module re-exporting the context or
  hook leaves it unfollowed). The readers counted are
  those anywhere in the app, not only those rendered under the provider
  element: so the context is followed only when the app has one provider
  element of it (and a provider component is rendered once). It is not
  followed (the token is judged as below) when any use of the context or
  hook cannot be told: a read whose value goes elsewhere than a widget's
  `authToken` (tests such as `if (!token)` aside), `<TokenCtx.Consumer>`,
  a hook returning a hook, a module importing it that was not read, a
  provider value built otherwise;
- a token minted by a Next.js route handler (`app/**/route.ts`, its URL
  from its folders without route groups; `pages/api/**`) reaches the
  widgets whose `authToken` is a function or hook (`authToken={fetchToken}`,
  `authToken={useWidgetToken()}`, of the widget's module or imported from a
  local one) whose body fetches that URL as a literal
  (`fetch('/api/workos/widgets-token')`, also in a `useQuery`'s `queryFn`):
  two token routes serving different widgets are judged apart. Only when
  every widget that no token above reaches fetches its token from one of
  the app's token routes so (an AuthKit token, a URL built at run time, a
  dynamic route segment or a function whose body cannot be read leave the
  routes judged as below);
- a token minted in a file that renders nothing (a route handler, a token
  endpoint module, a Server Action), or in one whose JSX reaches no widget
  (a layout handing the token down through a context that cannot be
  followed), reaches every widget that no page-local token and no token
  followed by name (through props or a context) reaches.

Reported only when proven. Where several tokens share such a reach
(several calls in one page whose tokens travel in ways that cannot be
followed, or several token routes), no single one is proven to serve every
widget: only a scope that none of them carries is reported, once, at the
first of them, without `--fix` (which token the widgets get is the app's
call).

## Why it matters
The widget reads its token's `permissions` claim in the browser
(UsersManagement, DirectorySync, ApiKeys, PipesAdmin) or gets 403 from the
widget API: without the scope it shows a permission error although the
user's role is right.

## Example
```ts
// bad: the app renders <UsersManagement>
workos.widgets.getToken({ organizationId, userId, scopes: [] })
// good
workos.widgets.getToken({ organizationId, userId, scopes: ['widgets:users-table:manage'] })
```
`--fix` adds the missing scopes to the array, except a scope the installed
`@workos-inc/node`'s type lacks (`widgets:pipes:manage` and the
`user-api-keys` scopes before 12, `dsync`/`audit-log-streaming` before 8.8):
TypeScript needs a cast for those (see `workos-widgets init`'s token module).
"#;

/// The token calls whose recipients are not traced share a requirement:
/// those of one page file, or all those of files rendering nothing (the
/// shared token routes).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Pool<'f> {
    Page(&'f Path),
    Shared,
}

fn run(facts: &Facts) -> Vec<Finding> {
    if !facts.complete {
        return Vec::new();
    }
    // With several untraced tokens in one pool, no single token is proven
    // to serve every widget: only a scope none of them carries is.
    let mut pools: HashMap<Pool<'_>, Vec<&TokenCall>> = HashMap::new();
    for file in facts.token_modules() {
        let pool = if is_page_token(facts, file) {
            Pool::Page(&file.path)
        } else {
            Pool::Shared
        };
        for call in &file.token_calls {
            if required_scopes_for_call(facts, file, call).is_none() {
                pools.entry(pool).or_default().push(call);
            }
        }
    }
    let mut findings = Vec::new();
    for file in facts.token_modules() {
        let sdk = sdk_version_in(facts, file).map(|(version, _)| version);
        let required = required_scopes_for(facts, file);
        let page = is_page_token(facts, file);
        let (needers, pool) = if page {
            (
                "the widgets this file renders (itself or through its components)",
                Pool::Page(&file.path),
            )
        } else {
            ("the rendered widgets", Pool::Shared)
        };
        for call in &file.token_calls {
            let given = required_scopes_for_call(facts, file, call);
            let shared_with = match &given {
                Some(_) => &[][..],
                None => pools.get(&pool).map_or(&[][..], Vec::as_slice),
            };
            if shared_with.len() > 1 && !std::ptr::eq(shared_with[0], call) {
                // Judged once, at the pool's first call.
                continue;
            }
            let (required, needers) = match &given {
                Some(scopes) => (scopes, "the widgets this token is given to"),
                None => (&required, needers),
            };
            let one = [call];
            let Some(present) = present_scopes(if shared_with.len() > 1 {
                shared_with
            } else {
                &one
            }) else {
                continue;
            };
            let missing: Vec<ScopeNeed> = required
                .iter()
                .copied()
                .filter(|need| !need.met_by(&present))
                .collect();
            if missing.is_empty() {
                continue;
            }
            // Adding a scope the SDK's type lacks to a typed list breaks
            // `tsc`: that one needs the cast init generates, not a splice.
            let untyped: Vec<Scope> = missing
                .iter()
                .map(|need| need.scope)
                .filter(|s| sdk.as_ref().is_some_and(|v| !s.in_sdk_types(v)))
                .collect();
            // Which of several tokens should carry it is the app's call.
            let fix = (shared_with.len() <= 1
                && matches!(call.scopes, ScopesArg::Known { .. })
                && untyped.is_empty())
            .then(|| {
                add_scopes_fix(
                    &file.path,
                    missing.iter().map(|need| need.scope.as_str()).collect(),
                )
            });
            let cast = match (&sdk, untyped.as_slice()) {
                (Some(version), [_, ..]) => format!(
                    " (@workos-inc/node {version}'s scope type lacks {}: cast the list, e.g. `scopes: [...] as unknown as WidgetScopes`, or upgrade to 12)",
                    untyped
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => String::new(),
            };
            let (message, help) = if shared_with.len() > 1 {
                (
                    format!(
                        "none of the {} widget tokens minted {} carries {}, which {needers} need: without it the widget shows a permission error (it reads the token's `permissions` claim, or the widget API answers 403)",
                        shared_with.len(),
                        if page {
                            "in this file"
                        } else {
                            "by the app's token routes"
                        },
                        list(&missing)
                    ),
                    format!("add it to the scopes of the token those widgets get{cast}"),
                )
            } else {
                (
                    format!(
                        "the widget token lacks {}, which {needers} need: without it the widget shows a permission error (it reads the token's `permissions` claim, or the widget API answers 403)",
                        list(&missing)
                    ),
                    format!("add it to scopes{cast}"),
                )
            };
            findings.push(
                RULE.fixable_finding(Location::span(file, call.span), message, fix)
                    .with_help(help),
            );
        }
    }
    findings
}

/// The scopes the `calls` carry together; `None` when one's are built in
/// a way that cannot be read (it may carry any).
fn present_scopes(calls: &[&TokenCall]) -> Option<Vec<Scope>> {
    let mut present = Vec::new();
    for call in calls {
        match &call.scopes {
            ScopesArg::Absent => {}
            ScopesArg::Known { scopes, .. } => {
                present.extend(scopes.iter().filter_map(|s| Scope::parse(&s.value)));
            }
            ScopesArg::Unknown => return None,
        }
    }
    Some(present)
}

fn list(needs: &[ScopeNeed]) -> String {
    needs
        .iter()
        .map(ScopeNeed::describe)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fix: `wanted` appended to the scopes array of the file's token call.
fn add_scopes_fix(path: &Path, wanted: Vec<&'static str>) -> Fix {
    Fix::module(
        format!(
            "add {} to the token scopes in {}",
            wanted.join(", "),
            shown(path)
        ),
        path,
        Stage::ScopeLists,
        vec![step(move |path, text, program| {
            Ok(add_scopes(path, text, program, &wanted))
        })],
    )
}

/// Appends `wanted` scopes missing from the array a token call's scopes
/// come from.
fn add_scopes(path: &Path, text: &str, program: &Program<'_>, wanted: &[&str]) -> Vec<TextEdit> {
    let file = read_text(path, text, program);
    let Some((present, array)) = file.token_calls.iter().find_map(|c| match &c.scopes {
        ScopesArg::Known { scopes, array } => Some((scopes, *array)),
        _ => None,
    }) else {
        return Vec::new();
    };
    let in_array: Vec<_> = present
        .iter()
        .filter(|s| s.span.start > array.start && s.span.end < array.end)
        .collect();
    let present: Vec<&str> = present.iter().map(|s| s.value.as_str()).collect();
    scopes::append_missing_strings(
        text,
        scopes::ArraySlot {
            open: array.start,
            last_end: in_array.last().map(|s| s.span.end),
            quote: in_array
                .first()
                .and_then(|s| text[s.span.start..].chars().next()),
        },
        &present,
        wanted,
    )
}
