//! `--online`: mints a real widget token with the scopes in use, against
//! `WORKOS_API_BASE_URL` (an emulator or mock) or the WorkOS API, and maps
//! each failure status to what to do. The key is never printed.

use std::time::Duration;

use serde_json::{Value, json};
use workos_widgets_core::catalog::Scope;
use workos_widgets_core::env_files;

use crate::facts::{Facts, ScopesArg};
use crate::finding::{Finding, Location, Severity};
use crate::questions::{package_location, required_scopes};
use crate::rule::{Check, Rule};

/// The API used when `WORKOS_API_BASE_URL` is unset.
pub const DEFAULT_BASE_URL: &str = "https://api.workos.com";

/// Who the test token is for.
#[derive(Debug, Clone)]
pub struct OnlineOptions {
    pub organization_id: String,
    pub user_id: Option<String>,
}

/// What a successful check minted.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Minted {
    pub base_url: String,
    pub scopes: Vec<&'static str>,
    /// Length of the token received (the token itself is never shown).
    pub token_length: usize,
}

macro_rules! online_rule {
    ($name:ident, $code:literal, $slug:literal, $summary:literal, $doc:literal) => {
        pub static $name: Rule = Rule {
            code: $code,
            name: $slug,
            severity: Severity::Error,
            summary: $summary,
            doc: $doc,
            fixable: false,
            check: Check::Online,
        };
    };
}

online_rule!(
    API_KEY_REJECTED,
    "WW801",
    "api-key-rejected",
    "The WorkOS API rejected WORKOS_API_KEY (401)",
    r#"## What it checks
With `--online`: `POST /widgets/token` with `WORKOS_API_KEY` answers 401.

## Why it matters
Every token request of the app fails the same way: the key is revoked,
mistyped, or from another WorkOS environment.

## Example
```sh
# good: a current key of the environment the organization lives in
WORKOS_API_KEY=sk_test_... workos-widgets verify --online --organization-id org_... --user-id user_...
```
"#
);

online_rule!(
    PERMISSION_MISSING,
    "WW802",
    "permission-missing",
    "The user's role lacks the permission for a widget scope (403)",
    r#"## What it checks
With `--online`: the token request answers 403. When several scopes are
asked for, each is tried alone to name the ones the role lacks.

## Why it matters
The widget needing that scope shows "permission denied" for this user.
Give the role the permission in the WorkOS Dashboard > Roles (the default
Admin role of new environments has all widget permissions).

## Example
```text
widgets:users-table:manage -> Dashboard > Roles > Admin > Permissions
```
"#
);

online_rule!(
    ORGANIZATION_NOT_FOUND,
    "WW803",
    "organization-not-found",
    "The organization does not exist in the key's environment (404)",
    r#"## What it checks
With `--online`: the token request answers 404.

## Why it matters
The organization id is wrong or belongs to another environment (test vs
live): the app's token route will fail the same way for it.

## Example
```sh
workos-widgets verify --online --organization-id org_01H... --user-id user_01H...
```
"#
);

online_rule!(
    SCOPE_REJECTED,
    "WW804",
    "scope-rejected",
    "The WorkOS API rejected the scopes or ids (422)",
    r#"## What it checks
With `--online`: the token request answers 422, which the API gives for an
invalid scope or a malformed id.

## Why it matters
The app's token route sends the same scopes, so it fails the same way.
Check them against WW403's list.

## Example
```ts
// bad
scopes: ['widgets:user-profile:manage']
// good
scopes: ['widgets:users-table:manage']
```
"#
);

online_rule!(
    REQUEST_FAILED,
    "WW805",
    "token-request-failed",
    "The token request could not be made or failed unexpectedly",
    r#"## What it checks
With `--online`: that a token request can be made at all: the key is set,
the API (or `WORKOS_API_BASE_URL`) is reachable and answers with a token.

## Why it matters
The app's token route depends on the same things.

## Example
```sh
WORKOS_API_BASE_URL=http://localhost:4100 workos-widgets verify --online --organization-id org_1
```
"#
);

/// Requests a token and reports failures; `Ok` carries what was minted.
pub fn run(facts: &Facts, options: &OnlineOptions) -> Result<Minted, Vec<Finding>> {
    let location = token_call_location(facts);
    let Some((key, _)) = env_files::lookup(&facts.env_vars, "WORKOS_API_KEY") else {
        return Err(vec![REQUEST_FAILED.finding(
            location,
            "--online needs WORKOS_API_KEY in the environment, .env or .env.local",
        )]);
    };
    let base_url = env_files::lookup(&facts.env_vars, "WORKOS_API_BASE_URL")
        .map_or_else(|| DEFAULT_BASE_URL.to_owned(), |(v, _)| v)
        .trim_end_matches('/')
        .to_owned();
    let client = Client {
        agent: ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into(),
        url: format!("{base_url}/widgets/token"),
        key,
        options,
    };
    let scopes = scopes_in_use(facts);
    let reply = match client.request(&scopes) {
        Ok(reply) => reply,
        Err(error) => {
            return Err(vec![
                REQUEST_FAILED
                    .finding(location, format!("POST {} failed: {error}", client.url))
                    .with_help("check the network or WORKOS_API_BASE_URL"),
            ]);
        }
    };
    let finding = match reply.status {
        200..=299 => {
            return match reply.body.get("token").and_then(Value::as_str) {
                Some(token) if !token.is_empty() => Ok(Minted {
                    base_url,
                    scopes: scopes.iter().map(|s| s.as_str()).collect(),
                    token_length: token.len(),
                }),
                _ => Err(vec![REQUEST_FAILED.finding(
                    location,
                    format!("POST {} answered {} without a token", client.url, reply.status),
                )]),
            };
        }
        401 => API_KEY_REJECTED
            .finding(location, "the WorkOS API rejected WORKOS_API_KEY (401)")
            .with_help(
                "check that it is a current secret key (sk_...) of the environment the organization belongs to",
            ),
        403 => {
            let denied = client.denied_scopes(&scopes);
            let which = if denied.is_empty() {
                format!("the scopes {}", list(&scopes))
            } else {
                list(&denied)
            };
            PERMISSION_MISSING
                .finding(
                    location,
                    format!(
                        "403: the role of {} in {} lacks the permission for {which}",
                        options.user_id.as_deref().unwrap_or("the user"),
                        options.organization_id
                    ),
                )
                .with_help("add it in the WorkOS Dashboard > Roles")
        }
        404 => ORGANIZATION_NOT_FOUND
            .finding(
                location,
                format!(
                    "404: organization {} was not found in the environment of WORKOS_API_KEY",
                    options.organization_id
                ),
            )
            .with_help(
                "check the id (org_...) and that key and organization are both test or both live",
            ),
        422 => SCOPE_REJECTED
            .finding(
                location,
                format!(
                    "422: the API rejected the request{}",
                    api_message(&reply.body)
                ),
            )
            .with_help(format!("check the scopes ({}) and the ids", list(&scopes))),
        status => REQUEST_FAILED.finding(
            location,
            format!("POST {} answered {status}{}", client.url, api_message(&reply.body)),
        ),
    };
    Err(vec![finding])
}

struct Client<'o> {
    agent: ureq::Agent,
    url: String,
    key: String,
    options: &'o OnlineOptions,
}

struct Reply {
    status: u16,
    body: Value,
}

impl Client<'_> {
    fn request(&self, scopes: &[Scope]) -> Result<Reply, ureq::Error> {
        let mut body = json!({
            "organization_id": self.options.organization_id,
            "scopes": scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        });
        if let (Some(user), Some(map)) = (&self.options.user_id, body.as_object_mut()) {
            map.insert("user_id".to_owned(), Value::String(user.clone()));
        }
        let mut response = self
            .agent
            .post(&self.url)
            .header("Authorization", &format!("Bearer {}", self.key))
            .header("Accept", "application/json")
            .send_json(&body)?;
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        Ok(Reply {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        })
    }

    /// The scopes that get 403 on their own (at most one request each).
    fn denied_scopes(&self, scopes: &[Scope]) -> Vec<Scope> {
        if scopes.len() < 2 {
            return scopes.to_vec();
        }
        scopes
            .iter()
            .copied()
            .filter(|scope| {
                self.request(&[*scope])
                    .is_ok_and(|reply| reply.status == 403)
            })
            .collect()
    }
}

/// The scopes the app's token calls ask for, else those its widgets need.
fn scopes_in_use(facts: &Facts) -> Vec<Scope> {
    let mut from_code: Vec<Scope> = facts
        .token_modules()
        .flat_map(|f| &f.token_calls)
        .filter_map(|call| match &call.scopes {
            ScopesArg::Known { scopes, .. } => Some(scopes),
            _ => None,
        })
        .flatten()
        .filter_map(|s| Scope::parse(&s.value))
        .collect();
    from_code.sort();
    from_code.dedup();
    if from_code.is_empty() {
        required_scopes(facts)
            .iter()
            .map(|need| need.scope)
            .collect()
    } else {
        from_code
    }
}

fn token_call_location(facts: &Facts) -> Location {
    facts
        .token_modules()
        .find_map(|file| {
            file.token_calls
                .first()
                .map(|c| Location::span(file, c.span))
        })
        .unwrap_or_else(|| package_location(facts, "name"))
}

fn api_message(body: &Value) -> String {
    body.get("message")
        .or_else(|| body.get("error_description"))
        .and_then(Value::as_str)
        .map(|m| format!(" (\"{m}\")"))
        .unwrap_or_default()
}

fn list(scopes: &[Scope]) -> String {
    if scopes.is_empty() {
        return "no scope".to_owned();
    }
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
