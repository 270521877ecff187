//! Stylesheets loaded as `?url` imports listed in a `links` array (Remix's
//! `links` export, TanStack Start's `head().links`): the widget sheets are
//! imported the same way and listed before the app's own.

use std::path::Path;

use oxc_ast::ast::{
    ArrayExpression, ArrayExpressionElement, Expression, ObjectPropertyKind, Program, PropertyKey,
};
use oxc_ast_visit::Visit;
use workos_widgets_core::edit::{TextEdit, indent_at, indent_unit};
use workos_widgets_core::js::{self, ImportInfo};

use workos_widgets_core::edit::EditError;
use workos_widgets_core::edit::transform::Style;

/// Local names for a widget sheet's URL, in order of preference.
fn url_names(sheet: &str) -> [&'static str; 2] {
    if sheet.starts_with("@radix-ui/") {
        ["radixThemesStylesheet", "radixThemesStylesheetUrl"]
    } else {
        ["workosWidgetsStylesheet", "workosWidgetsStylesheetUrl"]
    }
}

/// Whether `text` lists a `?url` stylesheet import in a links array (then
/// the widget sheets are loaded that way too).
pub fn loads_css_by_url(path: &Path, text: &str) -> bool {
    let allocator = oxc_allocator::Allocator::default();
    js::parse(&allocator, path, text).is_ok_and(|program| {
        let urls = url_imports(&program);
        find_links(&program, &urls).is_some()
    })
}

/// `local name -> sheet` of every `import x from '<sheet>?url'`.
fn url_imports(program: &Program<'_>) -> Vec<(String, String)> {
    js::imports(program)
        .into_iter()
        .filter_map(|import: ImportInfo| {
            let sheet = import.source.strip_suffix("?url")?;
            let is_css = [".css", ".scss", ".sass", ".less"]
                .iter()
                .any(|ext| sheet.ends_with(ext));
            let local = import
                .names
                .iter()
                .position(|n| n == "default")
                .and_then(|i| import.locals.get(i))?;
            is_css.then(|| (local.clone(), sheet.to_owned()))
        })
        .collect()
}

/// A stylesheet entry of a links array: where it starts and its `href`.
struct Link {
    start: usize,
    href: String,
}

/// The links array: its span, every element's span, its stylesheet entries.
struct LinksArray {
    span: (usize, usize),
    elements: Vec<(usize, usize)>,
    sheets: Vec<Link>,
}

/// How a formatter lays out an array that no longer fits on its line.
#[derive(Debug, Clone, Copy)]
pub struct ArrayLayout {
    pub print_width: usize,
    /// A trailing comma after the last element of a multi-line array
    /// (Prettier's `es5` and `all`).
    pub trailing_comma: bool,
}

/// The first array holding `{ rel: 'stylesheet', href: <a ?url import> }`,
/// with its stylesheet entries.
fn find_links(program: &Program<'_>, urls: &[(String, String)]) -> Option<LinksArray> {
    struct Finder<'u> {
        urls: &'u [(String, String)],
        found: Option<LinksArray>,
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_array_expression(&mut self, array: &ArrayExpression<'a>) {
            if self.found.is_none() {
                let links = stylesheet_links(array);
                if links
                    .iter()
                    .any(|l| self.urls.iter().any(|(local, _)| *local == l.href))
                {
                    self.found = Some(LinksArray {
                        span: (array.span.start as usize, array.span.end as usize),
                        elements: array
                            .elements
                            .iter()
                            .map(|e| {
                                let span = oxc_span::GetSpan::span(e);
                                (span.start as usize, span.end as usize)
                            })
                            .collect(),
                        sheets: links,
                    });
                    return;
                }
            }
            oxc_ast_visit::walk::walk_array_expression(self, array);
        }
    }
    let mut finder = Finder { urls, found: None };
    finder.visit_program(program);
    finder.found
}

fn stylesheet_links(array: &ArrayExpression<'_>) -> Vec<Link> {
    array
        .elements
        .iter()
        .filter_map(|element| {
            let ArrayExpressionElement::ObjectExpression(object) = element else {
                return None;
            };
            let mut rel = None;
            let mut href = None;
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(property) = property else {
                    continue;
                };
                let key = match &property.key {
                    PropertyKey::StaticIdentifier(id) => id.name.as_str(),
                    PropertyKey::StringLiteral(s) => s.value.as_str(),
                    _ => continue,
                };
                match (key, js::unwrap_expression(&property.value)) {
                    ("rel", Expression::StringLiteral(s)) => rel = Some(s.value.as_str()),
                    ("href", Expression::Identifier(id)) => href = Some(id.name.to_string()),
                    _ => {}
                }
            }
            (rel == Some("stylesheet")).then_some(())?;
            Some(Link {
                start: object.span.start as usize,
                href: href?,
            })
        })
        .collect()
}

/// Imports each of `sheets` as `?url` and lists it in the links array
/// before the app's stylesheets (Radix first). Sheets already imported,
/// either way, are left alone.
pub fn ensure_linked_stylesheets(
    path: &Path,
    text: &str,
    program: &Program<'_>,
    sheets: &[&str],
    layout: ArrayLayout,
) -> Result<Vec<TextEdit>, EditError> {
    let urls = url_imports(program);
    let Some(array) = find_links(program, &urls) else {
        return Err(EditError::Edit {
            path: path.to_path_buf(),
            message: "found no links array with the app's `?url` stylesheet".to_owned(),
            hint: "import the widget stylesheets yourself, Radix Themes first, then run again"
                .to_owned(),
        });
    };
    let side_effect = js::imports(program);
    let style = Style::of(text, program);
    // New imports go before the app's first `?url` stylesheet import.
    let first_url = side_effect
        .iter()
        .find(|i| i.source.ends_with("?url"))
        .map_or(0, |i| i.start);
    let mut edits = Vec::new();
    let mut entries = Vec::new();
    for sheet in sheets {
        if side_effect
            .iter()
            .any(|i| i.source == *sheet && i.names.is_empty())
        {
            continue;
        }
        let existing = urls
            .iter()
            .find(|(_, s)| s == sheet)
            .map(|(l, _)| l.clone());
        let local = match existing {
            Some(local) => local,
            None => {
                let url = format!("{sheet}?url");
                let names = url_names(sheet);
                let Some(local) = js::free_name(program, "default", &url, &names) else {
                    return Err(EditError::Edit {
                        path: path.to_path_buf(),
                        message: format!(
                            "{} and {} are both taken in this file",
                            names[0], names[1]
                        ),
                        hint: format!("import {url} and list it in your links yourself"),
                    });
                };
                let source = style.string(&url);
                let line = format!("import {local} from {source}{}\n", style.semicolon);
                edits.push(TextEdit::insert(first_url, line));
                local.to_owned()
            }
        };
        if !array.sheets.iter().any(|l| l.href == local) {
            entries.push(format!(
                "{{ rel: {}, href: {local} }}",
                style.string("stylesheet")
            ));
        }
    }
    if entries.is_empty() {
        return Ok(edits);
    }
    // Before the first link that is not ours (Radix before the widgets, both
    // before the app's CSS).
    let ours: Vec<String> = urls
        .iter()
        .filter(|(_, sheet)| sheets.contains(&sheet.as_str()))
        .map(|(local, _)| local.clone())
        .collect();
    let anchor = array
        .sheets
        .iter()
        .find(|l| !ours.contains(&l.href))
        .or_else(|| array.sheets.last())
        .map_or(0, |l| l.start);
    let line_start = text[..anchor].rfind('\n').map_or(0, |i| i + 1);
    let own_line = text[line_start..anchor].trim().is_empty();
    if !own_line {
        let inline = entries.iter().map(|e| e.len() + 2).sum::<usize>();
        let (start, end) = array.span;
        let first_line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let one_line = !text[start..end].contains('\n');
        let width = text[first_line_start..line_end].trim_end().chars().count() + inline;
        if one_line && width > layout.print_width {
            edits.push(one_entry_a_line(text, &array, anchor, &entries, layout));
            return Ok(edits);
        }
    }
    let separator = if own_line {
        format!(",\n{}", indent_at(text, anchor))
    } else {
        ", ".to_owned()
    };
    let mut inserted = entries.join(&separator);
    inserted.push_str(&separator);
    edits.push(TextEdit::insert(anchor, inserted));
    Ok(edits)
}

/// The one-line links array rewritten one element a line, as Prettier
/// prints an array past the line width, `entries` before `anchor`.
fn one_entry_a_line(
    text: &str,
    array: &LinksArray,
    anchor: usize,
    entries: &[String],
    layout: ArrayLayout,
) -> TextEdit {
    let (start, end) = array.span;
    let outer = indent_at(text, start);
    let inner = format!("{outer}{}", indent_unit(text));
    let mut elements: Vec<&str> = Vec::new();
    for &(from, to) in &array.elements {
        if from == anchor {
            elements.extend(entries.iter().map(String::as_str));
        }
        elements.push(&text[from..to]);
    }
    let last = elements.len().saturating_sub(1);
    let body: String = elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let comma = if i < last || layout.trailing_comma {
                ","
            } else {
                ""
            };
            format!("{inner}{e}{comma}\n")
        })
        .collect();
    TextEdit::replace(start, end, format!("[\n{body}{outer}]"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use workos_widgets_core::edit::transform::{Transform, apply};

    const SHEETS: [&str; 2] = [
        "@radix-ui/themes/styles.css",
        "@workos-inc/widgets/styles.css",
    ];

    fn link(text: &str) -> String {
        let path = Path::new("app/root.tsx");
        let layout = ArrayLayout {
            print_width: 80,
            trailing_comma: true,
        };
        let transform: Transform<'_> =
            Box::new(move |t, p| ensure_linked_stylesheets(path, t, p, &SHEETS, layout));
        apply(path, text, &[transform]).unwrap()
    }

    #[test]
    fn lists_the_widget_sheets_before_the_apps_in_a_multi_line_array() {
        let remix = "import type { LinksFunction } from \"@remix-run/node\";\nimport stylesheet from \"./tailwind.css?url\";\n\nexport const links: LinksFunction = () => [\n  { rel: \"preconnect\", href: \"https://fonts.googleapis.com\" },\n  { rel: \"stylesheet\", href: stylesheet },\n];\n";
        assert!(loads_css_by_url(Path::new("app/root.tsx"), remix));
        let out = link(remix);
        assert!(out.contains("import radixThemesStylesheet from \"@radix-ui/themes/styles.css?url\";\nimport workosWidgetsStylesheet from \"@workos-inc/widgets/styles.css?url\";\n"), "{out}");
        assert!(out.contains("  { rel: \"stylesheet\", href: radixThemesStylesheet },\n  { rel: \"stylesheet\", href: workosWidgetsStylesheet },\n  { rel: \"stylesheet\", href: stylesheet },\n"), "{out}");
        assert_eq!(link(&out), out, "a second run adds nothing");
    }

    #[test]
    fn a_one_line_array_past_the_line_width_is_laid_out_one_entry_a_line() {
        let tanstack = "import appCss from '../styles.css?url'\n\nexport const Route = createRootRoute({\n  head: () => ({\n    links: [{ rel: 'stylesheet', href: appCss }],\n  }),\n})\n";
        let out = link(tanstack);
        assert!(out.contains("    links: [\n      { rel: 'stylesheet', href: radixThemesStylesheet },\n      { rel: 'stylesheet', href: workosWidgetsStylesheet },\n      { rel: 'stylesheet', href: appCss },\n    ],\n"), "{out}");
        assert!(out.lines().all(|l| l.len() <= 80), "{out}");
        assert_eq!(link(&out), out);
    }

    #[test]
    fn a_one_line_array_that_still_fits_stays_on_its_line() {
        let short = "import a from './a.css?url'\nexport const links = () => [{ rel: 'stylesheet', href: a }]\n";
        let path = Path::new("app/root.tsx");
        let layout = ArrayLayout {
            print_width: 200,
            trailing_comma: true,
        };
        let transform: Transform<'_> =
            Box::new(move |t, p| ensure_linked_stylesheets(path, t, p, &SHEETS, layout));
        let out = apply(path, short, &[transform]).unwrap();
        assert!(out.contains("[{ rel: 'stylesheet', href: radixThemesStylesheet }, { rel: 'stylesheet', href: workosWidgetsStylesheet }, { rel: 'stylesheet', href: a }]"), "{out}");
    }

    #[test]
    fn takes_a_free_name_when_the_first_is_bound() {
        let taken = "import appCss from './app.css?url'\nconst radixThemesStylesheet = 1\nexport const links = () => [{ rel: 'stylesheet', href: appCss }]\n";
        let out = link(taken);
        assert!(
            out.contains("import radixThemesStylesheetUrl from '@radix-ui/themes/styles.css?url'"),
            "{out}"
        );
        assert!(out.contains("href: radixThemesStylesheetUrl }"), "{out}");
    }

    #[test]
    fn a_side_effect_import_is_not_loaded_by_url() {
        let rr7 = "import \"./app.css\";\nexport const links = () => [{ rel: \"preconnect\", href: \"https://fonts.googleapis.com\" }];\n";
        assert!(!loads_css_by_url(Path::new("app/root.tsx"), rr7));
    }
}
