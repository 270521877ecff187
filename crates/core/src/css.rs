//! `@import` rules of CSS files, read the same way by `init` (which widget
//! stylesheets the app already brings) and `verify` (WW203/WW204).

use crate::catalog::STYLESHEETS;

/// What an `@import` loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CssTarget {
    /// One of the widget stylesheets.
    Sheet(&'static str),
    /// A local CSS file (`./vendor.css`, `@/styles/base.css`), as written.
    Local(String),
}

/// One `@import` of a widget stylesheet or a local file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtImport {
    pub target: CssTarget,
    /// 1-based.
    pub line: usize,
}

/// The `@import`s of `text` that load a widget stylesheet or a local file:
/// `@import "x"`, `@import 'x'`, `@import url(x)` / `url("x")`, followed or
/// not by `layer(...)`, `supports(...)` or media queries; Less's
/// `@import (css)`; a leading `~` (webpack) or a `node_modules/` path;
/// several on a line. Comments are skipped; packages other than the widget
/// stylesheets (`tailwindcss`) are left out.
pub fn at_imports(text: &str) -> Vec<AtImport> {
    if !text.to_ascii_lowercase().contains("@import") {
        return Vec::new();
    }
    let text = blank_comments(text);
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices("@import") {
        let Some(specifier) = import_specifier(&text[at + "@import".len()..]) else {
            continue;
        };
        let specifier = specifier.trim();
        let specifier = specifier.strip_prefix('~').unwrap_or(specifier);
        let specifier = specifier.split(['?', '#']).next().unwrap_or(specifier);
        let (line, _) = crate::js::line_col(&text, at);
        let target = match widget_sheet(specifier) {
            Some(sheet) => CssTarget::Sheet(sheet),
            None if crate::specifier::is_local(specifier) => CssTarget::Local(specifier.to_owned()),
            None => continue,
        };
        found.push(AtImport { target, line });
    }
    found
}

/// The widget stylesheet a CSS import path names: the package path itself
/// or a path into `node_modules/`.
fn widget_sheet(specifier: &str) -> Option<&'static str> {
    STYLESHEETS.into_iter().find(|sheet| {
        specifier == *sheet
            || specifier
                .strip_suffix(sheet)
                .is_some_and(|head| head.ends_with("node_modules/"))
    })
}

/// `text` with `/* ... */` comments replaced by spaces (newlines kept, so
/// lines and offsets do not move).
fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let comment_end = rest[start + 2..]
            .find("*/")
            .map_or(rest.len(), |end| start + 2 + end + 2);
        out.extend(
            rest[start..comment_end]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        rest = &rest[comment_end..];
    }
    out.push_str(rest);
    out
}

/// The URL of an `@import` rule, given the text after `@import`.
fn import_specifier(after: &str) -> Option<&str> {
    let mut rest = after.trim_start();
    // Less: `@import (css) "x"`.
    if rest.starts_with('(') {
        rest = rest[rest.find(')')? + 1..].trim_start();
    }
    if rest
        .get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("url("))
    {
        let inner = rest[4..].trim_start();
        return match inner.chars().next()? {
            quote @ ('"' | '\'') => {
                let body = &inner[1..];
                body.find(quote).map(|end| &body[..end])
            }
            _ => inner.find(')').map(|end| &inner[..end]),
        };
    }
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &rest[1..];
    body.find([quote, '\n']).map(|end| &body[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_css_imports_in_every_form() {
        let css = "/* @import \"@radix-ui/themes/styles.css\"; */\n\
                   @import url(\"@radix-ui/themes/styles.css\") layer(radix);\n\
                   @import 'tailwindcss'; @IMPORT url(~@workos-inc/widgets/styles.css) screen;\n\
                   @import (css) \"../node_modules/@radix-ui/themes/styles.css\";\n\
                   @import \"@workos-inc/widgets/styles.css.map\";\n\
                   @import \"./vendor.css\";\n";
        assert_eq!(
            at_imports(css),
            [
                AtImport {
                    target: CssTarget::Sheet(STYLESHEETS[0]),
                    line: 2
                },
                AtImport {
                    target: CssTarget::Sheet(STYLESHEETS[1]),
                    line: 3
                },
                AtImport {
                    target: CssTarget::Sheet(STYLESHEETS[0]),
                    line: 4
                },
                AtImport {
                    target: CssTarget::Local("./vendor.css".to_owned()),
                    line: 6
                },
            ]
        );
    }
}
