//! WW101: one of the three widget packages is not in package.json.

use std::path::Path;

use workos_widgets_core::catalog::{REQUIRED_PACKAGES, WIDGETS_PACKAGE};

use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::questions::package_location;
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW101",
    name: "package-not-declared",
    severity: Severity::Error,
    summary: "A package the widgets need is not declared in package.json",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That package.json declares `@workos-inc/widgets`, `@radix-ui/themes` and
`@tanstack/react-query` (in any dependency table), in an app that renders a
widget or declares `@workos-inc/widgets`. An app with neither (one that
uses AuthKit and has not set up widgets yet) needs none of them. A peer
that pnpm installs on its own (`auto-install-peers`, pnpm's default: its
`pnpm-lock.yaml` resolves the peer inside the widgets' entry) is installed
on every install and is not reported.

## Why it matters
The widgets import Radix Themes and TanStack Query as peer dependencies: a
missing one fails the build with "Cannot find module". A package that is
only installed, not declared, disappears on the next clean install.

## Example
```json
// bad
{ "dependencies": { "@workos-inc/widgets": "^1.18.0", "react": "^19.0.0" } }
// good
{ "dependencies": { "@workos-inc/widgets": "^1.18.0", "@radix-ui/themes": "^3.3.0",
                    "@tanstack/react-query": "^5.0.0", "react": "^19.0.0" } }
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    // An app that neither renders a widget nor declares the widgets (an
    // AuthKit app not set up yet) needs none of them.
    let wants_widgets = facts.widget_elements().next().is_some()
        || facts
            .project
            .package_json
            .declared(WIDGETS_PACKAGE)
            .is_some();
    if !wants_widgets {
        return Vec::new();
    }
    let pm = facts.project.package_manager.name;
    let auto_installed = pnpm_auto_installed_peers(&facts.project.root);
    let missing: Vec<&str> = REQUIRED_PACKAGES
        .into_iter()
        .filter(|name| facts.project.package_json.declared(name).is_none())
        .filter(|name| !auto_installed.contains(name))
        .collect();
    missing
        .iter()
        .map(|name| {
            RULE.finding(
                package_location(facts, "dependencies"),
                format!("{name} is not declared in package.json; the widgets need it"),
            )
            .with_help(format!(
                "run `{}`",
                std::iter::once(pm.program().to_owned())
                    .chain(
                        pm.add_args(&missing.iter().map(|m| (*m).to_owned()).collect::<Vec<_>>())
                    )
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
        })
        .collect()
}

/// How many folders above the app a workspace's `pnpm-lock.yaml` may be.
const MAX_LOCK_DEPTH: usize = 6;

/// The widgets' peers that pnpm installs on its own: with
/// `auto-install-peers` (on by default since pnpm 8, unless an `.npmrc`
/// turns it off), the lockfile resolves them inside the widgets' entry
/// (`'@workos-inc/widgets@1.2.1(@radix-ui/themes@3.2.1)(@tanstack/react-query@5.87.1)...'`).
/// Such a peer is installed on every install, declared or not.
fn pnpm_auto_installed_peers(root: &Path) -> Vec<&'static str> {
    let mut found = Vec::new();
    for dir in root.ancestors().take(MAX_LOCK_DEPTH) {
        let npmrc = std::fs::read_to_string(dir.join(".npmrc")).unwrap_or_default();
        if npmrc
            .lines()
            .any(|line| line.replace(' ', "") == "auto-install-peers=false")
        {
            return Vec::new();
        }
        let Ok(lock) = std::fs::read_to_string(dir.join("pnpm-lock.yaml")) else {
            if dir.join(".git").exists() {
                break;
            }
            continue;
        };
        for line in lock
            .lines()
            .filter(|l| l.contains(&format!("{WIDGETS_PACKAGE}@")))
        {
            found.extend(
                REQUIRED_PACKAGES
                    .into_iter()
                    .filter(|peer| line.contains(&format!("({peer}@"))),
            );
        }
        break;
    }
    found
}
