//! WW203: a widget stylesheet is not imported.

use crate::facts::Facts;
use crate::questions::{app_root_file, rendered_widgets, shown, stylesheet_uses};
use std::path::Path;

use workos_widgets_core::edit::transform::imports;

use crate::finding::{Finding, Fix, Location, Severity, Stage, step};
use crate::rule::{Check, Rule};
use crate::scan::STYLESHEETS;

pub static RULE: Rule = Rule {
    code: "WW203",
    name: "stylesheet-missing",
    severity: Severity::Error,
    summary: "A stylesheet the widgets need is not imported",
    doc: DOC,
    fixable: true,
    check: Check::Facts(run),
};

const DOC: &str = r#"## What it checks
That an app rendering widgets (or `<WorkOsWidgets>`) imports both
`@radix-ui/themes/styles.css` and `@workos-inc/widgets/styles.css`; an app
that only declares the package is not checked yet. Any of these counts:
- a side-effect import in any module: `import '@radix-ui/themes/styles.css'`;
- a `?url` import whose URL is linked (React Router / Remix):
  `import radix from '@radix-ui/themes/styles.css?url'` with
  `export const links = () => [{ rel: 'stylesheet', href: radix }]`, or
  `<link rel="stylesheet" href={radix} />` in the same module (a `?url`
  import that is never linked applies nothing);
- an `@import` in any CSS file of the project (`@import "..."`,
  `@import url(...)`, with or without `layer(...)`/media conditions), e.g.
  `src/index.css` imported by `src/App.tsx`.

## Why it matters
Without them the widgets render unstyled: raw buttons, broken dialogs and
menus that never close.

## Example
```tsx
// bad: src/main.tsx
import '@radix-ui/themes/styles.css'
import './index.css'
// good
import '@radix-ui/themes/styles.css'
import '@workos-inc/widgets/styles.css'
import './index.css'
```
`--fix` adds the missing imports to the app root, Radix first and before
the app's own CSS.

The app root files (the entry, App, root layouts) and the local modules
and stylesheets they import are read even when `.gitignore` ignores them
(the app is built from them all the same). When the app root exists but
cannot be read, this rule says nothing rather than guess.
"#;

fn run(facts: &Facts) -> Vec<Finding> {
    // Declaring the package proves nothing: with no widget or root
    // rendered, nothing renders unstyled yet.
    let uses_widgets = !rendered_widgets(facts).is_empty()
        || facts.files.iter().any(|f| f.roots().next().is_some());
    if !uses_widgets {
        return Vec::new();
    }
    let imported = |sheet: &str| {
        facts.css_imports.iter().any(|c| c.sheet == sheet)
            || facts
                .files
                .iter()
                .any(|f| stylesheet_uses(f).iter().any(|u| u.sheet == sheet))
    };
    let missing: Vec<&str> = STYLESHEETS.into_iter().filter(|s| !imported(s)).collect();
    // Under --staged only some files were read: an import elsewhere is
    // possible, so say nothing.
    if missing.is_empty() || !facts.complete {
        return Vec::new();
    }
    let root = app_root_file(facts);
    // An app root that exists but could not be read may import them: say
    // nothing rather than claim they are missing.
    if root.is_some_and(|file| facts.file(file).is_none() && facts.project.root.join(file).exists())
    {
        return Vec::new();
    }
    let fix = root.filter(|file| facts.file(file).is_some()).map(fix);
    let location = root.and_then(|file| facts.file(file)).map_or_else(
        || Location::start("package.json"),
        |file| match file.imports.last() {
            Some(last) => Location::span(file, last.span),
            None => Location::start(file.path.clone()),
        },
    );
    missing
        .into_iter()
        .map(|sheet| {
            RULE.fixable_finding(
                location.clone(),
                format!("{sheet} is not imported anywhere, so the widgets render unstyled"),
                fix.clone(),
            )
            .with_help(format!(
                "import it in the app root{}",
                if sheet == STYLESHEETS[1] {
                    ", after @radix-ui/themes/styles.css"
                } else {
                    ""
                }
            ))
        })
        .collect()
}

/// The fix: both stylesheets imported in `root` (Radix first, before the
/// app's own CSS).
pub(crate) fn fix(root: &Path) -> Fix {
    Fix::module(
        format!("import the widget stylesheets in {}", shown(root)),
        root,
        Stage::Stylesheets,
        vec![step(|_, text, program| {
            imports::ensure_stylesheets(text, program, &STYLESHEETS)
        })],
    )
}
