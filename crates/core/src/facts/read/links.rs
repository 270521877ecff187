//! Stylesheet links lists: a route module's `links` export, TanStack's
//! `head().links`, and the bindings they are built from.

use oxc_ast::ast::{Program, Statement};
use oxc_span::GetSpan;

use crate::facts::Span;

/// Where a module lists the `<link>`s of its route: the top-level `links`
/// export of a React Router / Remix route module (`export const links =
/// ...`, `export function links() {...}`), and every `links: [...]`
/// property (TanStack Start's `head: () => ({ links: [...] })`).
pub(super) fn link_lists(program: &Program<'_>) -> Vec<Span> {
    struct Properties(Vec<Span>);
    impl<'a> oxc_ast_visit::Visit<'a> for Properties {
        fn visit_object_property(&mut self, it: &oxc_ast::ast::ObjectProperty<'a>) {
            let is_links = match &it.key {
                oxc_ast::ast::PropertyKey::StaticIdentifier(id) => id.name == "links",
                oxc_ast::ast::PropertyKey::StringLiteral(s) => s.value == "links",
                _ => false,
            };
            if is_links {
                self.0.push(Span::from(oxc_span::GetSpan::span(&it.value)));
            }
            oxc_ast_visit::walk::walk_object_property(self, it);
        }
    }
    let mut properties = Properties(Vec::new());
    oxc_ast_visit::Visit::visit_program(&mut properties, program);
    let mut lists: Vec<Span> = links_export(program)
        .into_iter()
        .chain(properties.0)
        .collect();
    follow_link_bindings(program, &mut lists);
    lists
}

/// Adds to `lists` the initializer of every top-level variable a list
/// names (`links = () => sheets` with `const sheets = [...]`, TanStack's
/// `head: () => ({ links })` with `const links = [...]`), and so on from
/// those, each binding once.
pub(super) fn follow_link_bindings(program: &Program<'_>, lists: &mut Vec<Span>) {
    struct References(Vec<(String, usize)>);
    impl<'a> oxc_ast_visit::Visit<'a> for References {
        fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
            self.0.push((it.name.to_string(), it.span.start as usize));
        }
    }
    let mut references = References(Vec::new());
    oxc_ast_visit::Visit::visit_program(&mut references, program);
    let mut bindings: Vec<(String, Span)> = Vec::new();
    for statement in &program.body {
        let declaration = match statement {
            Statement::VariableDeclaration(d) => &**d,
            Statement::ExportDeclaration(e) => match &e.declaration {
                oxc_ast::ast::Declaration::VariableDeclaration(d) => &**d,
                _ => continue,
            },
            _ => continue,
        };
        for declarator in &declaration.declarations {
            if let (Some(name), Some(init)) =
                (declarator.id.get_identifier_name(), &declarator.init)
            {
                bindings.push((name.to_string(), Span::from(init.span())));
            }
        }
    }
    let mut next = 0;
    while next < lists.len() {
        let list = lists[next];
        next += 1;
        let named = |name: &str| {
            references
                .0
                .iter()
                .any(|(r, at)| r == name && list.start <= *at && *at < list.end)
        };
        let mut index = 0;
        while index < bindings.len() {
            if named(&bindings[index].0) {
                lists.push(bindings.swap_remove(index).1);
            } else {
                index += 1;
            }
        }
    }
}

/// The span of the top-level `links` export.
pub(super) fn links_export(program: &Program<'_>) -> Option<Span> {
    program.body.iter().find_map(|statement| {
        let Statement::ExportDeclaration(export) = statement else {
            return None;
        };
        match &export.declaration {
            oxc_ast::ast::Declaration::VariableDeclaration(d) => d
                .declarations
                .iter()
                .find(|d| d.id.get_identifier_name().is_some_and(|n| n == "links"))
                .map(|d| Span::from(d.span)),
            oxc_ast::ast::Declaration::FunctionDeclaration(f) => {
                f.id.as_ref()
                    .is_some_and(|id| id.name == "links")
                    .then(|| Span::from(f.span))
            }
            _ => None,
        }
    })
}
