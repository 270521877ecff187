//! WW102: a declared package is missing from `node_modules`.

use workos_widgets_core::catalog::{REQUIRED_PACKAGES, SDK_PACKAGE};

use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::questions::package_location;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW102",
    name: "package-not-installed",
    severity: Severity::Error,
    summary: "A declared package is not installed in node_modules",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That each widget package declared in package.json (and `@workos-inc/node`
when declared) has a `node_modules/<package>/package.json`, looking where
Node looks: the project and its ancestors (hoisted workspaces), following
pnpm's symlinks. Under Yarn Plug'n'Play, which has no `node_modules`, the
package must resolve in `.pnp.data.json` or the state inlined in
`.pnp.cjs` (the nearest one above the app).

## Why it matters
A declared but missing package fails the dev server and the build with
"Cannot find module"; it usually means the install step was skipped.

## Example
```sh
# bad: package.json declares @workos-inc/widgets, node_modules lacks it
# good
npm install
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    let install = facts.project.package_manager.name.install_command();
    REQUIRED_PACKAGES
        .iter()
        .chain(std::iter::once(&SDK_PACKAGE))
        .filter(|name| {
            facts.project.package_json.declared(name).is_some()
                && facts.project.installed(name).is_none()
        })
        .map(|name| {
            RULE.finding(
                package_location(facts, name),
                format!("{name} is declared but not installed in node_modules"),
            )
            .with_help(format!("run `{install}`"))
        })
        .collect()
}
