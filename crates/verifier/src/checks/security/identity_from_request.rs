//! WW505: the token route trusts ids sent by the browser.

use crate::facts::{Facts, SourceFile};
use crate::finding::{Finding, Location, Severity};
use crate::questions::{local_file, token_module_family};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW505",
    name: "identity-from-request",
    severity: Severity::Error,
    summary: "The token route takes the user or organization id from the request",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Token modules (files calling `widgets.getToken`/`createToken`) and the local
modules they import. Values read from the request (its body:
`await request.json()`, `await request.formData()`, `request.text()`,
`req.body`; its query and URL: `searchParams.get(...)`, `req.query`,
`new URL(request.url)`; route `params`; `headers` and `cookies`) are
followed through variables, destructuring, property access, casts
(`as`, `satisfies`, `!`), `await`, parsers (`JSON.parse`, a cookie
`parse`) and the module's own functions. It is an error when one reaches
the token call's `organizationId` or `userId` (whatever the id was called
in the request: `org`, `organization-id`, ...), an object property with
such a name, or is returned by a session function that the token module
calls (a whole body cast as the session).

A value returned by a session helper (`withAuth()`, `getSession(request)`,
`authkitLoader(args)`, `getAuth()`, an SDK method given the session
cookie) is the server's, and so is what server middleware attaches to the
request (`req.session`, `req.user`, `req.auth`). A request value that is
only compared with the session is fine.

## Why it matters
Whoever calls the route controls those values: anyone could mint a widget
token for any user or organization, e.g. an admin token for someone else's
organization. The ids must come from your server-side session. A cookie is
no better unless your session code verifies it (a signed or sealed session).

## Example
```ts
// bad
const { userId, organizationId } = await request.json()
const org = new URL(request.url).searchParams.get('org')
// good
const session = await getSession(request) // your auth, from a cookie
const { userId, organizationId } = session
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let family = token_module_family(facts);
    let mut findings: Vec<Finding> = family
        .iter()
        .flat_map(|file| {
            file.identity.reads.iter().map(move |read| {
                RULE.finding(
                    Location::span(file, read.span),
                    format!(
                        "{} comes from the request (`{}`): anyone could mint a widget token for any user or organization",
                        read.name, read.origin
                    ),
                )
                .with_help("take it from the signed-in session on the server")
            })
        })
        .collect();
    for file in &family {
        findings.extend(through_imports(facts, file));
    }
    // Two calls of one session function point at the same return.
    let mut unique: Vec<Finding> = Vec::new();
    for finding in findings {
        if !unique.iter().any(|u| u.location == finding.location) {
            unique.push(finding);
        }
    }
    unique
}

/// Ids this module takes from an imported function that returns request
/// data (`return (await request.json()) as Session`), reported at that
/// return unless the module reports it already.
fn through_imports<'f>(
    facts: &'f Facts,
    file: &'f SourceFile,
) -> impl Iterator<Item = Finding> + 'f {
    file.identity.imported.iter().filter_map(move |call| {
        let (source, imported) = file.imports.iter().find_map(|import| {
            import
                .bindings
                .iter()
                .find(|b| b.local == call.local)
                .map(|b| (import.source.as_str(), b.imported.as_str()))
        })?;
        let module = local_file(facts, file, source)?;
        let returned = module.identity.returns.iter().find(|r| r.function == imported)?;
        let reported = module
            .identity
            .reads
            .iter()
            .any(|read| read.span.start >= returned.span.start && read.span.end <= returned.span.end);
        (!reported).then(|| {
            RULE.finding(
                Location::span(module, returned.span),
                format!(
                    "{imported}() returns data from the request (`{}`), and {} takes {} from it: anyone could mint a widget token for any user or organization",
                    returned.origin,
                    file.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    call.name
                ),
            )
            .with_help("take the ids from the signed-in session on the server")
        })
    })
}
