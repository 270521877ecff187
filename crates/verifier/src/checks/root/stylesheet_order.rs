//! WW204: the widgets' stylesheet imported before Radix's.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use workos_widgets_core::specifier;

use crate::facts::Facts;
use crate::finding::{Finding, Location, Severity};
use crate::questions::{app_root_file, shown, stylesheet_uses};
use crate::rule::{Check, Rule};
use crate::scan::{STYLE_EXTENSIONS, STYLESHEETS};
use workos_widgets_core::facts::read::is_local_module;

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
That `@radix-ui/themes/styles.css` loads before
`@workos-inc/widgets/styles.css`:
- in a file that imports both (a module or a CSS file): the import order;
  for `?url` imports linked from a `links` export (React Router / Remix),
  the order of the links;
- across modules: the order the app loads them in, which is the
  depth-first order of the imports from the app root (the Vite/CRA entry,
  the Next.js root layout or `_app`) through local modules and the
  `@import`s of the local CSS files they import (and those CSS files'
  `@import`s of local CSS files). For instance `src/main.tsx`
  importing `./App` (which imports the widgets' stylesheet, or `./App.css`
  that `@import`s it) before `@radix-ui/themes/styles.css`.

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
    let finding = |location| {
        RULE.finding(location, format!("{widgets} is imported before {radix}"))
            .with_help("import Radix's first so the widgets' styles override it")
    };
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
                findings.push(finding(Location::span(file, import.import.span)));
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
            findings.push(finding(Location::line(css.clone(), w)));
        }
    }
    findings.extend(module_order(facts));
    findings
}

/// Where a stylesheet is loaded.
struct Loaded {
    sheet: &'static str,
    /// The module or CSS file that imports it.
    file: PathBuf,
    /// The import chain from the app root to `file`.
    chain: Vec<PathBuf>,
    location: Location,
}

/// WW204 across modules: the order the stylesheets load in when the app
/// runs, which is the depth-first order of the imports from the app root
/// (a module's imports load, in order, before the rest of the module).
/// Pairs in one file are the per-file rule's.
fn module_order(facts: &Facts) -> Vec<Finding> {
    let Some(root) = app_root_file(facts) else {
        return Vec::new();
    };
    let mut loaded: Vec<Loaded> = Vec::new();
    let mut walker = Walker {
        facts,
        visited: HashSet::new(),
        chain: Vec::new(),
        loaded: &mut loaded,
    };
    walker.walk(root);
    let [radix, widgets] = STYLESHEETS;
    let first = |sheet: &str| loaded.iter().position(|l| l.sheet == sheet);
    let (Some(r), Some(w)) = (first(radix), first(widgets)) else {
        return Vec::new();
    };
    if w > r || loaded[w].file == loaded[r].file {
        return Vec::new();
    }
    vec![
        RULE.finding(
            loaded[w].location.clone(),
            format!(
                "{widgets} loads before {radix} in the app's import order: {} imports it before {} imports Radix's",
                loaded[w]
                    .chain
                    .iter()
                    .map(|p| shown(p))
                    .collect::<Vec<_>>()
                    .join(" → "),
                shown(&loaded[r].file),
            ),
        )
        .with_help(format!(
            "import {radix} first (at the top of {}) so the widgets' styles override it",
            shown(root)
        )),
    ]
}

/// The depth-first walk over the app's imports.
struct Walker<'f, 'l> {
    facts: &'f Facts,
    visited: HashSet<PathBuf>,
    /// The files from the app root to the current one.
    chain: Vec<PathBuf>,
    loaded: &'l mut Vec<Loaded>,
}

impl Walker<'_, '_> {
    fn load(&mut self, sheet: &'static str, location: Location) {
        let file = self.chain.last().cloned().unwrap_or_default();
        self.loaded.push(Loaded {
            sheet,
            file,
            chain: self.chain.clone(),
            location,
        });
    }

    /// Appends the stylesheets `path` loads, depth first, in import order.
    fn walk(&mut self, path: &Path) {
        if !self.visited.insert(path.to_path_buf()) {
            return;
        }
        self.chain.push(path.to_path_buf());
        let facts = self.facts;
        if let Some(file) = facts.file(path) {
            let uses = stylesheet_uses(file);
            for import in file.imports.iter().filter(|i| !i.type_only) {
                if let Some(used) = uses
                    .iter()
                    .find(|u| u.linked_at.is_none() && std::ptr::eq(u.import, import))
                {
                    self.load(used.sheet, Location::span(file, import.span));
                } else if import.query().is_none() {
                    self.follow(path, &import.source);
                }
            }
        } else if let Some(specifiers) = facts.module_imports.get(path) {
            for source in specifiers {
                if let Some(sheet) = STYLESHEETS.into_iter().find(|s| s == source) {
                    self.load(sheet, Location::start(path));
                } else if !source.contains('?') {
                    self.follow(path, source);
                }
            }
        }
        self.chain.pop();
    }

    /// Follows one local import of `from`: into a CSS file (its `@import`s,
    /// of the stylesheets and of local CSS files) or a module.
    fn follow(&mut self, from: &Path, source: &str) {
        if !is_local_module(source) {
            return;
        }
        let facts = self.facts;
        let style = Path::new(source)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| STYLE_EXTENSIONS.contains(&e));
        if !style {
            let project = &facts.project;
            if let Some(module) =
                specifier::resolve_module(&project.root, from, source, &project.module_paths)
            {
                self.walk(&module);
            }
            return;
        }
        let Some(css) = css_path(facts, from, source) else {
            return;
        };
        if !self.visited.insert(css.clone()) {
            return;
        }
        self.chain.push(css.clone());
        for import in facts.css_imports.iter().filter(|c| c.file == css) {
            if import.local {
                self.follow(&css, &import.sheet);
            } else if let Some(sheet) = STYLESHEETS.into_iter().find(|s| *s == import.sheet) {
                self.load(sheet, Location::line(css.clone(), import.line));
            }
        }
        self.chain.pop();
    }
}

/// The project path of a local stylesheet import (`./App.css`, `@/x.css`).
fn css_path(facts: &Facts, from: &Path, source: &str) -> Option<PathBuf> {
    crate::scan::local_path(&facts.project, from, source)
}
