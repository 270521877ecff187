//! The majority rule: the style of up to [`SAMPLE_FILES`] of the project's
//! own source files (quotes, semicolons, indentation steps).

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{Program, Statement};
use oxc_ast_visit::Visit;

use super::Indent;
use crate::js;

/// How many source files the majority rule reads at most.
const SAMPLE_FILES: usize = 24;
/// Bigger files are skipped by the majority rule.
const SAMPLE_MAX_BYTES: u64 = 256 * 1024;

/// Counts from the sampled source files.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) files: usize,
    pub(super) single: usize,
    pub(super) double: usize,
    pub(super) with_semi: usize,
    pub(super) without_semi: usize,
    tabs: usize,
    /// Indentation steps by width (index = width).
    steps: [usize; 9],
}

impl Tally {
    pub(super) fn indent(&self) -> Option<Indent> {
        let (width, count) = self
            .steps
            .iter()
            .enumerate()
            .skip(1)
            .max_by_key(|(w, c)| (**c, std::cmp::Reverse(*w)))?;
        if self.tabs > *count {
            return Some(Indent::Tabs);
        }
        (*count > 0).then_some(Indent::Spaces(width))
    }

    fn add(&mut self, text: &str, program: &Program<'_>) {
        self.files += 1;
        let mut counter = Counter { text, tally: self };
        counter.visit_program(program);
        let mut previous = 0usize;
        for line in text.lines() {
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with('\t') {
                self.tabs += 1;
                continue;
            }
            let spaces = line.len() - line.trim_start_matches(' ').len();
            let trimmed = line.trim_start();
            if trimmed.starts_with('*') {
                continue;
            }
            if spaces > previous && spaces - previous < self.steps.len() {
                self.steps[spaces - previous] += 1;
            }
            previous = spaces;
        }
    }
}

struct Counter<'t> {
    text: &'t str,
    tally: &'t mut Tally,
}

impl Counter<'_> {
    fn statement_end(&mut self, span: oxc_span::Span) {
        let source = span.source_text(self.text);
        if source.ends_with(';') {
            self.tally.with_semi += 1;
        } else if source.ends_with(['}', ')', ']'])
            || source
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '"' || c == '`')
        {
            self.tally.without_semi += 1;
        }
    }
}

impl<'a> Visit<'a> for Counter<'_> {
    fn visit_string_literal(&mut self, it: &oxc_ast::ast::StringLiteral<'a>) {
        let raw = it.span.source_text(self.text);
        match raw.chars().next() {
            Some('\'') if !it.value.contains('\'') => self.tally.single += 1,
            Some('"') if !it.value.contains('"') => self.tally.double += 1,
            _ => {}
        }
    }

    fn visit_jsx_attribute(&mut self, it: &oxc_ast::ast::JSXAttribute<'a>) {
        // JSX attribute strings follow their own rule (jsxSingleQuote).
        if let Some(oxc_ast::ast::JSXAttributeValue::ExpressionContainer(c)) = &it.value {
            self.visit_jsx_expression_container(c);
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        match it {
            Statement::ExpressionStatement(_)
            | Statement::VariableDeclaration(_)
            | Statement::ReturnStatement(_)
            | Statement::ThrowStatement(_)
            | Statement::ImportDeclaration(_) => self.statement_end(oxc_span::GetSpan::span(it)),
            _ => {}
        }
        oxc_ast_visit::walk::walk_statement(self, it);
    }
}

/// Reads up to [`SAMPLE_FILES`] source files under the usual folders.
pub(super) fn sample_sources(root: &Path) -> Tally {
    let mut tally = Tally::default();
    let mut files = Vec::new();
    for dir in ["src", "app", "pages", "components", "lib"] {
        let dir = root.join(dir);
        if !dir.is_dir() {
            continue;
        }
        let walker = ignore::WalkBuilder::new(&dir)
            .hidden(true)
            .max_depth(Some(6))
            .build();
        for entry in walker.flatten() {
            if files.len() >= SAMPLE_FILES {
                break;
            }
            let path = entry.path();
            let is_source = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs"));
            let small = entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= SAMPLE_MAX_BYTES);
            if is_source && small && !path.to_string_lossy().contains("/workos/") {
                files.push(path.to_path_buf());
            }
        }
    }
    files.sort();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let allocator = Allocator::default();
        if let Ok(program) = js::parse(&allocator, &path, &text) {
            tally.add(&text, &program);
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, DOUBLE_SEMI_SRC, check};
    use super::super::{Indent, Quote};

    #[test]
    fn takes_the_majority_style_of_the_sources() {
        let cases: Vec<Case> = vec![(
            "majority of sources",
            vec![DOUBLE_SEMI_SRC],
            (
                Quote::Double,
                true,
                Indent::Spaces(4),
                "majority of 1 source files",
            ),
        )];
        check(cases);
    }
}
