//! Codegen as small syntax-tree transforms, one concern each. A transform
//! reads a parsed file and returns span edits; [`apply`] runs a list of them
//! over a file, re-parsing between steps, and refuses a result that no
//! longer parses.

pub mod express;
pub mod imports;
pub mod root;
pub mod scopes;
pub mod vite_config;

use std::path::Path;

use super::{EditError, TextEdit, apply_edits, keep_line_endings};
use crate::js;
use oxc_allocator::Allocator;
use oxc_ast::ast::Program;

/// One transform: the edits it wants on a parsed file.
pub type Transform<'f> = Box<dyn Fn(&str, &Program<'_>) -> Result<Vec<TextEdit>, EditError> + 'f>;

/// Runs `transforms` over `text` (the contents of `path`) in order.
pub fn apply(path: &Path, text: &str, transforms: &[Transform<'_>]) -> Result<String, EditError> {
    let mut current = text.to_owned();
    for transform in transforms {
        let allocator = Allocator::default();
        let program = js::parse(&allocator, path, &current)?;
        let edits = transform(&current, &program)?;
        if !edits.is_empty() {
            current = apply_edits(&current, &edits);
        }
    }
    let current = keep_line_endings(text, current);
    if current != text {
        js::check_parses(path, &current).map_err(|source| EditError::EditBrokeSyntax {
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(current)
}

/// Code style read from a file, so inserted code blends in.
#[derive(Debug, Clone)]
pub struct Style {
    pub quote: char,
    pub semicolon: &'static str,
}

impl Style {
    /// Reads the style of `text`.
    pub fn of(text: &str, program: &Program<'_>) -> Self {
        let imports = js::imports(program);
        Self {
            quote: js::quote_style(text),
            semicolon: if js::uses_semicolons(text, &imports) {
                ";"
            } else {
                ""
            },
        }
    }

    /// `source` as a string literal in this style.
    pub fn string(&self, source: &str) -> String {
        format!("{q}{source}{q}", q = self.quote)
    }
}
