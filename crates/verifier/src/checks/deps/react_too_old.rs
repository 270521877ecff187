//! WW104: React older than 18.

use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::npm_range;
use crate::questions::package_location;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW104",
    name: "react-too-old",
    severity: Severity::Error,
    summary: "React or React DOM is older than 18",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That the installed `react` and `react-dom` (or, when not installed, the
lowest version their declared range allows) are at least 18.

## Why it matters
`@workos-inc/widgets` declares `react >=18` and `react-dom >=18` as peers and
uses React 18 APIs (`useSyncExternalStore`, `useId`): on React 17 the
widgets fail to render.

## Example
```json
// bad
{ "react": "^17.0.2", "react-dom": "^17.0.2" }
// good
{ "react": "^19.0.0", "react-dom": "^19.0.0" }
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let project = &facts.project;
    let react_dom = project.package("react-dom");
    [("react", Some(&project.react)), ("react-dom", react_dom)]
        .into_iter()
        .filter_map(|(name, package)| {
            let package = package?;
            let (version, source) = match (&package.installed, &package.declared) {
                (Some(installed), _) => (semver::Version::parse(installed).ok()?, "installed"),
                (None, Some(declared)) => (npm_range::minimum(declared)?, "declared"),
                (None, None) => return None,
            };
            (version.major < 18).then(|| {
                RULE.finding(
                    package_location(facts, name),
                    format!("{name} {version} is {source}; the widgets need {name} 18 or newer"),
                )
                .with_help("upgrade react and react-dom together")
            })
        })
        .collect()
}
