//! Stylesheet imports: which name a widget stylesheet, and where a `?url`
//! import's URL is linked.

use std::path::Path;

use crate::catalog::STYLESHEETS;
use crate::facts::{ImportFact, SourceFile};
use crate::project::SheetVia;

/// Whether a path names a stylesheet (`.css`, `.scss`, `.sass`, `.less`).
pub(super) fn is_style_file(path: &str) -> bool {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["css", "scss", "sass", "less"].contains(&e))
}

/// How the URL a `?url` import binds is linked in `file`, if it is: named
/// in a links list (`links`, `head().links`), else as `<link href={url}>`.
pub(super) fn url_linked(file: &SourceFile, import: &ImportFact) -> Option<SheetVia> {
    let local = import
        .bindings
        .iter()
        .find(|b| b.imported == "default")
        .map(|b| b.local.as_str())?;
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let in_links = file.link_lists.iter().any(|span| {
        file.text.get(span.start..span.end).is_some_and(|text| {
            text.match_indices(local).any(|(at, _)| {
                !text[..at].chars().next_back().is_some_and(word)
                    && !text[at + local.len()..].chars().next().is_some_and(word)
            })
        })
    });
    let in_element = file.jsx.iter().any(|e| {
        e.name == "link"
            && e.attribute("href")
                .is_some_and(|a| a.value_text.trim() == local)
    });
    if in_links {
        Some(SheetVia::UrlInLinks)
    } else {
        in_element.then_some(SheetVia::UrlInLinkElement)
    }
}

/// The widget stylesheet an import path (its `?query` removed) loads.
pub(super) fn stylesheet(path: &str) -> Option<&'static str> {
    let path = path.strip_prefix('~').unwrap_or(path);
    STYLESHEETS.into_iter().find(|s| *s == path)
}
