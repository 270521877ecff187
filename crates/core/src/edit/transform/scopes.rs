//! Extends the `WIDGETS_SCOPES` array of a generated token module with the
//! scopes new widgets need, keeping what is there (even if the user edited it).

use crate::edit::TextEdit;
use crate::js;
use oxc_ast::ast::{ArrayExpressionElement, Expression, Program, Statement};

/// The name of the scopes constant in generated token modules.
pub const SCOPES_CONST: &str = "WIDGETS_SCOPES";

/// The string elements of the `WIDGETS_SCOPES` array, if the file has one.
pub fn read(program: &Program<'_>) -> Option<Vec<String>> {
    let array = scopes_array(program)?;
    Some(
        array
            .elements
            .iter()
            .filter_map(|e| match e {
                ArrayExpressionElement::StringLiteral(s) => Some(s.value.to_string()),
                _ => None,
            })
            .collect(),
    )
}

/// Edits that add each of `wanted` missing from the array.
pub fn add_missing(text: &str, program: &Program<'_>, wanted: &[&str]) -> Option<Vec<TextEdit>> {
    let array = scopes_array(program)?;
    let present = read(program).unwrap_or_default();
    let quote = array.elements.iter().find_map(|e| match e {
        ArrayExpressionElement::StringLiteral(s) => s.span.source_text(text).chars().next(),
        _ => None,
    });
    let present: Vec<&str> = present.iter().map(String::as_str).collect();
    let last_end = array
        .elements
        .last()
        .map(|last| oxc_span::GetSpan::span(last).end as usize);
    Some(append_missing_strings(
        text,
        ArraySlot {
            open: array.span.start as usize,
            last_end,
            quote,
        },
        &present,
        wanted,
    ))
}

/// Where new elements go in an array literal.
#[derive(Debug, Clone, Copy)]
pub struct ArraySlot {
    /// Offset of the `[`.
    pub open: usize,
    /// End of the element the new ones follow, if any.
    pub last_end: Option<usize>,
    /// The quote its strings use (the file's style when `None`).
    pub quote: Option<char>,
}

/// The edit that appends each of `wanted` not in `present` to the array at
/// `slot`, as string literals in its quote style.
pub fn append_missing_strings(
    text: &str,
    slot: ArraySlot,
    present: &[&str],
    wanted: &[&str],
) -> Vec<TextEdit> {
    let missing: Vec<&&str> = wanted.iter().filter(|w| !present.contains(w)).collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let quote = slot.quote.unwrap_or_else(|| js::quote_style(text));
    let list = missing
        .iter()
        .map(|s| format!("{quote}{s}{quote}"))
        .collect::<Vec<_>>()
        .join(", ");
    vec![match slot.last_end {
        Some(end) => TextEdit::insert(end, format!(", {list}")),
        None => TextEdit::insert(slot.open + 1, list),
    }]
}

fn scopes_array<'b, 'a>(program: &'b Program<'a>) -> Option<&'b oxc_ast::ast::ArrayExpression<'a>> {
    program.body.iter().find_map(|statement| {
        let declaration = match statement {
            Statement::VariableDeclaration(d) => &**d,
            Statement::ExportDeclaration(e) => match &e.declaration {
                oxc_ast::ast::Declaration::VariableDeclaration(d) => &**d,
                _ => return None,
            },
            _ => return None,
        };
        declaration.declarations.iter().find_map(|d| {
            (d.id.get_identifier_name()? == SCOPES_CONST).then_some(())?;
            match js::unwrap_expression(d.init.as_ref()?) {
                Expression::ArrayExpression(array) => Some(&**array),
                _ => None,
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_edits;
    use oxc_allocator::Allocator;
    use std::path::Path;

    #[test]
    fn adds_missing_scopes_once() {
        let src = "export const WIDGETS_SCOPES = ['a'] as const\n";
        let allocator = Allocator::default();
        let program = js::parse(&allocator, Path::new("t.ts"), src).unwrap();
        assert_eq!(read(&program).unwrap(), ["a"]);
        let edits = add_missing(src, &program, &["a", "b"]).unwrap();
        assert_eq!(
            apply_edits(src, &edits),
            "export const WIDGETS_SCOPES = ['a', 'b'] as const\n"
        );
        let empty = "export const WIDGETS_SCOPES = []\n";
        let program = js::parse(&allocator, Path::new("t.ts"), empty).unwrap();
        let edits = add_missing(empty, &program, &["b"]).unwrap();
        assert_eq!(
            apply_edits(empty, &edits),
            "export const WIDGETS_SCOPES = [\"b\"]\n"
        );
    }
}
