//! The exact depth of a syntax tree, measured by a walk that grows its own
//! stack as it goes (so measuring never overflows) and stops descending at
//! [`MAX_TREE_DEPTH`].

use oxc_ast::ast::{
    BindingPattern, Expression, JSXChild, JSXElement, JSXMemberExpression, Program, Statement,
    TSType, TSTypeName,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;

use super::{MAX_TREE_DEPTH, Nesting};

/// How deeply `program` nests: the levels of the node kinds every
/// recursion of a walk passes through (expressions, statements, JSX
/// elements and children, types, type names, patterns).
pub fn tree_depth(program: &Program<'_>) -> Nesting {
    let mut meter = Meter {
        depth: 0,
        max: 0,
        too_deep_at: None,
    };
    meter.visit_program(program);
    Nesting {
        depth: meter.max,
        too_deep_at: meter.too_deep_at.map(|at| at as usize),
    }
}

struct Meter {
    depth: usize,
    max: usize,
    too_deep_at: Option<u32>,
}

impl Meter {
    fn descend(&mut self, start: u32, walk: impl FnOnce(&mut Self)) {
        if self.too_deep_at.is_some() {
            return;
        }
        self.depth += 1;
        if self.depth > MAX_TREE_DEPTH {
            self.too_deep_at = Some(start);
        } else if self.depth.is_multiple_of(32) {
            // Room for the next 32 levels, checked once for them.
            self.max = self.max.max(self.depth);
            stacker::maybe_grow(256 << 10, 4 << 20, || walk(self));
        } else {
            self.max = self.max.max(self.depth);
            walk(self);
        }
        self.depth -= 1;
    }
}

impl<'a> Visit<'a> for Meter {
    fn visit_expression(&mut self, it: &Expression<'a>) {
        self.descend(it.span().start, |v| walk::walk_expression(v, it));
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        self.descend(it.span().start, |v| walk::walk_statement(v, it));
    }

    fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
        self.descend(it.span.start, |v| walk::walk_jsx_element(v, it));
    }

    fn visit_jsx_child(&mut self, it: &JSXChild<'a>) {
        self.descend(it.span().start, |v| walk::walk_jsx_child(v, it));
    }

    fn visit_jsx_member_expression(&mut self, it: &JSXMemberExpression<'a>) {
        self.descend(it.span.start, |v| walk::walk_jsx_member_expression(v, it));
    }

    fn visit_ts_type(&mut self, it: &TSType<'a>) {
        self.descend(it.span().start, |v| walk::walk_ts_type(v, it));
    }

    fn visit_ts_type_name(&mut self, it: &TSTypeName<'a>) {
        self.descend(it.span().start, |v| walk::walk_ts_type_name(v, it));
    }

    fn visit_binding_pattern(&mut self, it: &BindingPattern<'a>) {
        self.descend(it.span().start, |v| walk::walk_binding_pattern(v, it));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(text: &str) -> Nesting {
        let allocator = oxc_allocator::Allocator::default();
        let source = oxc_span::SourceType::tsx();
        let program = super::super::with_stack_for(usize::MAX, || {
            oxc_parser::Parser::new(&allocator, text, source)
                .parse()
                .program
        });
        tree_depth(&program)
    }

    #[test]
    fn left_deep_chains_are_measured_without_overflowing() {
        // The parser builds these in loops; a recursive walk would not
        // survive them. Measuring them must.
        for text in [
            format!("x = a{}", " + a".repeat(200_000)),
            format!("x = a{}", ".b".repeat(200_000)),
            format!("x = a{}", "()".repeat(200_000)),
        ] {
            let nesting = depth(&text);
            assert_eq!(nesting.depth, MAX_TREE_DEPTH);
            assert!(nesting.too_deep_at.is_some());
        }
        let shallow = depth("export const A = () => <div>{[1, 2].map((n) => n + 1)}</div>\n");
        assert!(
            shallow.depth < 30 && shallow.too_deep_at.is_none(),
            "{shallow:?}"
        );
    }
}
