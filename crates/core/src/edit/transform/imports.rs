//! Import transforms: side-effect style imports in the right order, and
//! named imports merged into an existing import from the same module.

use super::Style;
use crate::edit::{EditError, TextEdit};
use crate::js::{self, ImportInfo};
use oxc_ast::ast::Program;

/// Makes sure each of `sheets` is imported, in the given order, before the
/// first import that can bring the app's own CSS: a stylesheet or a local
/// module (`./App` may import `./App.css`), so the app can override them.
pub fn ensure_stylesheets(
    text: &str,
    program: &Program<'_>,
    sheets: &[&str],
) -> Result<Vec<TextEdit>, EditError> {
    let imports = js::imports(program);
    let style = Style::of(text, program);
    let mut edits = Vec::new();
    let mut anchor: Option<&ImportInfo> = None;
    for (index, sheet) in sheets.iter().enumerate() {
        if let Some(existing) = imports.iter().find(|i| i.source == *sheet) {
            anchor = Some(existing);
            continue;
        }
        let line = format!("import {}{}", style.string(sheet), style.semicolon);
        // Right after the previous sheet in the list when present, else before
        // the later sheets, else before the first stylesheet, else after the
        // last import.
        let later = sheets[index + 1..]
            .iter()
            .find_map(|s| imports.iter().find(|i| i.source == *s));
        let first_css = imports.iter().find(|i| {
            !sheets.contains(&i.source.as_str())
                && (is_stylesheet(&i.source) || crate::specifier::is_local(&i.source))
        });
        let edit = if let Some(prev) = anchor {
            TextEdit::insert(statement_line_end(text, prev.end), format!("\n{line}"))
        } else if let Some(before) = later.or(first_css) {
            TextEdit::insert(before.start, format!("{line}\n"))
        } else {
            insert_after_imports(text, &imports, &line)
        };
        edits.push(edit);
    }
    Ok(edits)
}

/// Makes sure `name` is imported from `source` (merged into an existing
/// braced import from the same module when there is one).
pub fn ensure_named_import(
    text: &str,
    program: &Program<'_>,
    name: &str,
    source: &str,
) -> Result<Vec<TextEdit>, EditError> {
    ensure_named_import_as(text, program, name, name, source)
}

/// Makes sure `name` is imported from `source` as `local`
/// (`{ name as local }` when they differ).
pub fn ensure_named_import_as(
    text: &str,
    program: &Program<'_>,
    name: &str,
    local: &str,
    source: &str,
) -> Result<Vec<TextEdit>, EditError> {
    let imports = js::imports(program);
    let same_module: Vec<&ImportInfo> = imports.iter().filter(|i| i.source == source).collect();
    if same_module.iter().any(|i| {
        i.names
            .iter()
            .zip(&i.locals)
            .any(|(n, l)| n == name && l == local)
    }) {
        return Ok(Vec::new());
    }
    let name = &if local == name {
        name.to_owned()
    } else {
        format!("{name} as {local}")
    };
    if let Some(at) = same_module.iter().find_map(|i| i.braces_end) {
        let before = text[..at].trim_end();
        let separator = if before.ends_with(',') { " " } else { ", " };
        let trimmed_at = before.len();
        return Ok(vec![TextEdit::insert(
            trimmed_at,
            format!("{separator}{name}"),
        )]);
    }
    let style = Style::of(text, program);
    let line = format!(
        "import {{ {name} }} from {}{}",
        style.string(source),
        style.semicolon
    );
    Ok(vec![insert_after_imports(text, &imports, &line)])
}

/// Removes `import { name } from "source"` (the whole line) when that is
/// exactly the declaration: one specifier, not renamed; nothing otherwise.
pub fn remove_named_import(
    text: &str,
    program: &Program<'_>,
    name: &str,
    source: &str,
) -> Vec<TextEdit> {
    let imports = js::imports(program);
    let Some(import) = imports
        .iter()
        .find(|i| i.source == source && i.names == [name] && i.locals == [name])
    else {
        return Vec::new();
    };
    // The line break before it goes too (it was inserted as "\n{line}").
    let start = if text[..import.start].ends_with('\n') {
        import.start - 1
    } else {
        import.start
    };
    let end = if start == import.start && text[import.end..].starts_with('\n') {
        import.end + 1
    } else {
        import.end
    };
    vec![TextEdit::replace(start, end, "")]
}

/// Where a line can go after the statement ending at `end`: past a comment
/// that trails it on the same line (`import App from './App' // eslint-disable-line`),
/// which belongs to that statement.
fn statement_line_end(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let line = rest.find('\n').map_or(rest, |eol| &rest[..eol]);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let trimmed = line.trim_start();
    let single_comment =
        trimmed.starts_with("//") || (trimmed.starts_with("/*") && trimmed.ends_with("*/"));
    if single_comment {
        end + line.len()
    } else {
        end
    }
}

fn insert_after_imports(text: &str, imports: &[ImportInfo], line: &str) -> TextEdit {
    match imports.last() {
        Some(last) => TextEdit::insert(statement_line_end(text, last.end), format!("\n{line}")),
        None => {
            // After leading directives such as "use client".
            let start = leading_directives_end(text);
            if start == 0 {
                TextEdit::insert(0, format!("{line}\n"))
            } else {
                TextEdit::insert(start, format!("\n{line}"))
            }
        }
    }
}

fn leading_directives_end(text: &str) -> usize {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with("'use ") || trimmed.starts_with("\"use ") {
            end += line.trim_end_matches('\n').len();
            break;
        }
        if !trimmed.is_empty() && !trimmed.starts_with("//") {
            break;
        }
        end += line.len();
    }
    if text[..end].contains("use ") { end } else { 0 }
}

fn is_stylesheet(source: &str) -> bool {
    [".css", ".scss", ".sass", ".less"]
        .iter()
        .any(|ext| source.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::super::{Transform, apply};
    use super::*;
    use std::path::Path;

    fn run(text: &str, transform: Transform<'_>) -> String {
        apply(Path::new("main.tsx"), text, &[transform]).unwrap()
    }

    #[test]
    fn puts_stylesheets_before_app_css() {
        let src = "import { StrictMode } from 'react'\nimport { App } from './App'\nimport './index.css'\n";
        let out = run(
            src,
            Box::new(|t, p| ensure_stylesheets(t, p, &["a/styles.css", "b/styles.css"])),
        );
        assert_eq!(
            out,
            "import { StrictMode } from 'react'\nimport 'a/styles.css'\nimport 'b/styles.css'\nimport { App } from './App'\nimport './index.css'\n",
            "before ./App, which can import its own CSS"
        );
        assert_eq!(
            run(
                &out,
                Box::new(|t, p| ensure_stylesheets(t, p, &["a/styles.css", "b/styles.css"]))
            ),
            out
        );
    }

    #[test]
    fn adds_the_missing_sheet_next_to_the_present_one() {
        let src = "import \"b/styles.css\";\nimport \"./index.css\";\n";
        let out = run(
            src,
            Box::new(|t, p| ensure_stylesheets(t, p, &["a/styles.css", "b/styles.css"])),
        );
        assert_eq!(
            out,
            "import \"a/styles.css\";\nimport \"b/styles.css\";\nimport \"./index.css\";\n"
        );
    }

    #[test]
    fn keeps_trailing_comments_on_their_import() {
        let src =
            "import App from './App' // eslint-disable-line import/order\n\nrender(<App />)\n";
        let out = run(
            src,
            Box::new(|t, p| ensure_named_import(t, p, "Bar", "pkg")),
        );
        assert_eq!(
            out,
            "import App from './App' // eslint-disable-line import/order\nimport { Bar } from 'pkg'\n\nrender(<App />)\n"
        );
    }

    #[test]
    fn imports_under_an_alias() {
        let src = "import { Foo } from 'pkg'\n";
        let transform: Transform<'_> =
            Box::new(|t, p| ensure_named_import_as(t, p, "Bar", "Baz", "pkg"));
        let out = run(src, transform);
        assert_eq!(out, "import { Foo, Bar as Baz } from 'pkg'\n");
        let again: Transform<'_> =
            Box::new(|t, p| ensure_named_import_as(t, p, "Bar", "Baz", "pkg"));
        assert_eq!(run(&out, again), out);
    }

    #[test]
    fn merges_named_imports() {
        let src = "import { Foo } from 'pkg'\n";
        let out = run(
            src,
            Box::new(|t, p| ensure_named_import(t, p, "Bar", "pkg")),
        );
        assert_eq!(out, "import { Foo, Bar } from 'pkg'\n");
        let out = run(
            "const a = 1;\n",
            Box::new(|t, p| ensure_named_import(t, p, "Bar", "pkg")),
        );
        assert_eq!(out, "import { Bar } from \"pkg\";\nconst a = 1;\n");
    }
}
