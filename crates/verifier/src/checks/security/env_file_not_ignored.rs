//! WW504: `.env`/`.env.local` not ignored by git.

use crate::facts::Facts;
use crate::finding::{Finding, Fix, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW504",
    name: "env-file-not-ignored",
    severity: Severity::Error,
    summary: "An env file that may hold the secret key is not git-ignored",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That `.env` and `.env.local`, when they exist, are ignored by git (the
project's `.gitignore` files up to the repository root).

## Why it matters
These files hold `WORKOS_API_KEY`. Not ignored, they get committed with the
next `git add .`, and the key leaks with the repository.

## Example
```gitignore
# good: .gitignore
.env
.env.local
```
`--fix` appends the files to `.gitignore`.
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    if facts.unignored_env_files.is_empty() {
        return Vec::new();
    }
    let files = facts.unignored_env_files.clone();
    let fix = Fix::text(
        format!("add {} to .gitignore", files.join(", ")),
        ".gitignore",
        move |before| {
            workos_widgets_core::env_files::append_gitignore_section(
                before,
                "WorkOS secrets (added by workos-widgets verify --fix)",
                &files,
            )
        },
    );
    facts
        .unignored_env_files
        .iter()
        .map(|file| {
            RULE.fixable_finding(
                Location::start(*file),
                format!("{file} is not git-ignored: it holds secrets and would be committed"),
                Some(fix.clone()),
            )
            .with_help("add it to .gitignore")
        })
        .collect()
}
