//! The edit engine `init`, `add` and `verify --fix` share: span-based text
//! edits (the user's formatting and comments survive because only the bytes
//! at the edited spans change), syntax-tree [`transform`]s that produce
//! them, planned file [`change`]s and their all-or-nothing [`apply`].

pub mod apply;
pub mod change;
mod error;
pub mod transform;

pub use crate::line_endings::{is_crlf, keep_line_endings, to_crlf};
pub use error::EditError;

/// Replace `start..end` (byte offsets) of a text with `text`. An insertion has
/// `start == end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl TextEdit {
    /// Inserts `text` at `offset`.
    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        Self {
            start: offset,
            end: offset,
            text: text.into(),
        }
    }

    /// Replaces `start..end` with `text`.
    pub fn replace(start: usize, end: usize, text: impl Into<String>) -> Self {
        Self {
            start,
            end,
            text: text.into(),
        }
    }
}

/// The edit removing element `index` of `array` with its separator:
/// `[a, b]` loses `, b`, `[a, b]` loses `a, ` for index 0, a sole element
/// leaves `[]`.
pub fn remove_array_element(
    array: &oxc_ast::ast::ArrayExpression<'_>,
    index: usize,
) -> Option<TextEdit> {
    use oxc_span::GetSpan;
    let span = |i: usize| array.elements.get(i).map(GetSpan::span);
    let element = span(index)?;
    if let Some(previous) = index.checked_sub(1).and_then(span) {
        return Some(TextEdit::replace(
            previous.end as usize,
            element.end as usize,
            "",
        ));
    }
    if let Some(next) = span(index + 1) {
        return Some(TextEdit::replace(
            element.start as usize,
            next.start as usize,
            "",
        ));
    }
    Some(TextEdit::replace(
        array.span.start as usize,
        array.span.end as usize,
        "[]",
    ))
}

/// Applies edits to `source`. Edits are applied in offset order; insertions
/// at the same offset keep the order they were given in. Overlapping edits
/// are a bug in the caller and panic in debug builds.
pub fn apply_edits(source: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.start, edit.end));
    let mut out =
        String::with_capacity(source.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut cursor = 0;
    for edit in sorted {
        debug_assert!(edit.start >= cursor, "overlapping edits at {}", edit.start);
        let start = edit.start.max(cursor);
        out.push_str(&source[cursor..start]);
        out.push_str(&edit.text);
        cursor = edit.end.max(start);
    }
    out.push_str(&source[cursor..]);
    out
}

/// The whitespace that starts the line holding `offset`.
pub fn indent_at(source: &str, offset: usize) -> &str {
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &source[line_start..];
    let width = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..width]
}

/// The file's indentation unit: a tab, or the smallest run of leading spaces
/// (two when the file has no indented line).
pub fn indent_unit(source: &str) -> String {
    let mut smallest = usize::MAX;
    for line in source.lines() {
        if line.starts_with('\t') {
            return "\t".to_owned();
        }
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if spaces > 0 && spaces < line.len() {
            smallest = smallest.min(spaces);
        }
    }
    " ".repeat(if smallest == usize::MAX { 2 } else { smallest })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_edits_in_offset_order() {
        let edits = [
            TextEdit::insert(5, "!"),
            TextEdit::replace(0, 1, "J"),
            TextEdit::insert(5, "?"),
        ];
        assert_eq!(apply_edits("hello world", &edits), "Jello!? world");
    }

    #[test]
    fn keeps_crlf_line_endings() {
        assert!(is_crlf("a\r\nb\r\n"));
        assert!(!is_crlf("a\r\nb\n"));
        assert!(!is_crlf("a"));
        assert_eq!(
            keep_line_endings("a\r\nb\r\n", "a\r\nnew\nb\r\n".to_owned()),
            "a\r\nnew\r\nb\r\n"
        );
        assert_eq!(keep_line_endings("a\nb\n", "a\nx\n".to_owned()), "a\nx\n");
    }

    #[test]
    fn finds_indentation() {
        let src = "a\n    b\n  c\n";
        assert_eq!(indent_at(src, 7), "    ");
        assert_eq!(indent_unit(src), "  ");
        assert_eq!(indent_unit("x\n\ty"), "\t");
    }
}
