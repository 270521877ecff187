//! WW405: a scope no rendered widget needs.

use workos_widgets_core::catalog::Scope;

use crate::facts::{Facts, ScopesArg};
use crate::finding::{Finding, Location, Severity};
use crate::questions::{is_page_token, required_scopes_for, required_scopes_for_call};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW405",
    name: "scope-unneeded",
    severity: Severity::Warning,
    summary: "The widget token asks for a scope no rendered widget needs",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Scopes in a widget token call that no widget the token reaches needs (see
WW404 for the widget-to-scope table and for which widgets a token reaches:
a page that mints its own token reaches the widgets it renders, a token
handed on by name reaches the widgets given it, through props or a React
context (`<TokenCtx.Provider value={token}>` read by `useContext(TokenCtx)`
or a hook returning it, anywhere in the app; followed only when every use
of the context can be told, and the app has one provider element of it), a
Next.js token route reaches the widgets that fetch its URL by name when
every widget is accounted for so, else the widgets no other token
reaches).

## Why it matters
Least privilege: a token is a bearer credential readable by any script on
the page. An extra admin scope (say `widgets:sso:manage` in an app that only
shows UsersManagement) lets a stolen token do more than the app needs, and
token creation fails with 403 for users whose role lacks it.

## Example
```ts
// bad: the app only renders <UsersManagement>
scopes: ['widgets:users-table:manage', 'widgets:sso:manage']
// good
scopes: ['widgets:users-table:manage']
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    if !facts.complete {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for file in facts.token_modules() {
        let required = required_scopes_for(facts, file);
        let needers = if is_page_token(facts, file) {
            "any widget this file renders (itself or through its components)"
        } else {
            "any rendered widget"
        };
        for call in &file.token_calls {
            let given = required_scopes_for_call(facts, file, call);
            let (required, needers) = match &given {
                Some(scopes) => (scopes, "the widgets this token is given to"),
                None => (&required, needers),
            };
            let ScopesArg::Known { scopes, .. } = &call.scopes else {
                continue;
            };
            for string in scopes {
                if let Some(scope) = Scope::parse(&string.value)
                    && !required.iter().any(|need| need.accepts_scope(scope))
                {
                    findings.push(
                        RULE.finding(
                            Location::span(file, string.span),
                            format!("{} is not needed by {needers}", scope.as_str()),
                        )
                        .with_help(
                            "remove it (least privilege; users whose role lacks it get 403)",
                        ),
                    );
                }
            }
        }
    }
    findings
}
