//! WW002: a source file or stylesheet that a symbolic link leads out of
//! the project, which `verify` does not read.

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::rule::{Check, Rule};

pub static RULE: Rule = Rule {
    code: "WW002",
    name: "link-outside-project",
    severity: Severity::Warning,
    summary: "A source file is a link to outside the project and was not read",
    doc: DOC,
    fixable: false,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
Which source files and stylesheets `verify` skipped because a symbolic link
(the file itself, or a folder on its way) leads out of the project's
folder. `verify`, `detect`, `init` and `add` never read a file outside the
project through a link, so a link such as `src/evil.tsx -> /etc/passwd`
cannot bring another file's lines into a code frame, a diff or an edit.
Links that stay inside the project are read as before. The walk follows
no link, so a linked file is reported when something imports it, when it
is an app root file, or when the walk meets a linked source file.

`init` and `add` refuse (exit 2, nothing written) when a file they would
read or edit is such a link.

## Why it matters
The file was not checked: its widgets, token calls and secrets are
invisible to every other rule. A source file that lives outside the
project is also outside its repository, reviews and history.

## Example
```sh
# bad: a component that is a link to a file elsewhere
src/shared/Profile.tsx -> /home/me/other-project/src/Profile.tsx
# good: the file copied into the project (or a workspace package)
src/shared/Profile.tsx
```
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    facts
        .links_outside
        .iter()
        .map(|path| {
            RULE.finding(
                Location::start(path.clone()),
                "a symbolic link leads out of the project here: not read, so not checked",
            )
            .with_help("copy the file into the project or point the link inside it")
        })
        .collect()
}
