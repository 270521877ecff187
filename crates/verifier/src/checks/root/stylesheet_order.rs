//! WW204: the widgets' stylesheet imported before Radix's.

use crate::checks::common::stylesheet_uses;
use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};
use crate::scan::STYLESHEETS;

pub static RULE: Rule = Rule {
    code: "WW204",
    name: "stylesheet-order",
    severity: Severity::Warning,
    summary: "@workos-inc/widgets/styles.css is imported before @radix-ui/themes/styles.css",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
In a file that imports both stylesheets (a module or a CSS file), that
`@radix-ui/themes/styles.css` comes first. For `?url` imports linked from a
`links` export (React Router / Remix), the order of the links counts.

## Why it matters
The widgets' styles build on and override Radix's: in the other order
Radix's defaults win and the widgets look wrong (spacing, colours).

## Example
```tsx
// bad
import '@workos-inc/widgets/styles.css'
import '@radix-ui/themes/styles.css'
// good
import '@radix-ui/themes/styles.css'
import '@workos-inc/widgets/styles.css'
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let [radix, widgets] = STYLESHEETS;
    let message = format!(
        "{widgets} is imported before {radix}: import Radix's first so the widgets' styles override it"
    );
    let mut findings = Vec::new();
    for file in &facts.files {
        let uses = stylesheet_uses(file);
        // Plain imports apply in import order, linked `?url` imports in
        // link order; between the two kinds the order is the framework's.
        for linked in [false, true] {
            let position = |sheet: &str| {
                uses.iter()
                    .filter(|u| u.linked_at.is_some() == linked && u.sheet == sheet)
                    .map(|u| u.linked_at.unwrap_or(u.import.span.start))
                    .min()
            };
            if let (Some(r), Some(w)) = (position(radix), position(widgets))
                && w < r
                && let Some(import) = uses
                    .iter()
                    .find(|u| u.linked_at.is_some() == linked && u.sheet == widgets)
            {
                findings
                    .push(RULE.finding(Location::span(file, import.import.span), message.clone()));
            }
        }
    }
    let css_files: std::collections::BTreeSet<_> =
        facts.css_imports.iter().map(|c| &c.file).collect();
    for css in css_files {
        let line = |sheet: &str| {
            facts
                .css_imports
                .iter()
                .find(|c| &c.file == css && c.sheet == sheet)
                .map(|c| c.line)
        };
        if let (Some(r), Some(w)) = (line(radix), line(widgets))
            && w < r
        {
            findings.push(RULE.finding(Location::line(css.clone(), w), message.clone()));
        }
    }
    findings
}
