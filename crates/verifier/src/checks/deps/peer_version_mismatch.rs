//! WW103: an installed peer outside the widgets' peer range.

use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::npm_range;
use crate::questions::package_location;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW103",
    name: "peer-version-mismatch",
    severity: Severity::Error,
    summary: "An installed peer dependency is outside the range @workos-inc/widgets asks for",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That the versions of `@radix-ui/themes` and `@tanstack/react-query` that the
installed `@workos-inc/widgets` resolves satisfy its `peerDependencies`
(1.18.0: `@radix-ui/themes ^3.3.0`, `@tanstack/react-query ^5`). The ranges are
read from the installed package, so they follow its version. React is
checked by WW104.

## Why it matters
A peer outside the range installs with a warning (or not at all with
strict peers) and then breaks at runtime: TanStack Query 4 has another
API, Radix Themes before 3.3 lacks components the widgets render.

## Example
```json
// bad
{ "@tanstack/react-query": "^4.36.1" }
// good
{ "@tanstack/react-query": "^5.0.0" }
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let installed = &facts.installed;
    installed
        .widgets_peers
        .iter()
        .filter(|(name, _)| name != "react" && name != "react-dom")
        .filter_map(|(name, range)| {
            let (_, version) = installed.peer_versions.iter().find(|(n, _)| n == name)?;
            (npm_range::satisfies(range, version) == Some(false)).then(|| {
                RULE.finding(
                    package_location(facts, name),
                    format!(
                        "{name} {version} is installed, but @workos-inc/widgets needs {name}@{range}"
                    ),
                )
                .with_help("install a version in that range")
            })
        })
        .collect()
}
