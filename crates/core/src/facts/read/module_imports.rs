//! Imports and re-exports of a module: what it imports from where, and
//! what of `@workos-inc/widgets` a barrel re-exports.

use oxc_ast::ast::{ImportDeclarationSpecifier, ModuleExportName, Program, Statement};

use crate::catalog::{self, WIDGETS_PACKAGE};
use crate::facts::{Binding, ImportFact, JsxKind, is_package};

pub(super) fn imports(program: &Program<'_>) -> Vec<ImportFact> {
    program
        .body
        .iter()
        .filter_map(|statement| match statement {
            Statement::ImportDeclaration(decl) => Some(decl),
            _ => None,
        })
        .map(|decl| ImportFact {
            source: decl.source.value.to_string(),
            span: decl.span.into(),
            type_only: decl.import_kind.is_type()
                || decl.specifiers.as_ref().is_some_and(|specifiers| {
                    !specifiers.is_empty()
                        && specifiers.iter().all(|s| {
                            matches!(s, ImportDeclarationSpecifier::ImportSpecifier(s) if s.import_kind.is_type())
                        })
                }),
            bindings: decl
                .specifiers
                .iter()
                .flatten()
                .map(|specifier| match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => Binding {
                        imported: match &s.imported {
                            ModuleExportName::IdentifierName(id) => id.name.to_string(),
                            ModuleExportName::IdentifierReference(id) => id.name.to_string(),
                            ModuleExportName::StringLiteral(s) => s.value.to_string(),
                        },
                        local: s.local.name.to_string(),
                    },
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => Binding {
                        imported: "default".to_owned(),
                        local: s.local.name.to_string(),
                    },
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => Binding {
                        imported: "*".to_owned(),
                        local: s.local.name.to_string(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// What an export of `@workos-inc/widgets` named `name` renders.
pub fn widgets_export(name: &str) -> JsxKind {
    if name == catalog::ROOT_COMPONENT {
        JsxKind::Root
    } else if let Some(widget) = catalog::find_by_component(name) {
        JsxKind::Widget(widget)
    } else if let Some(widget) = name
        .strip_suffix("Loading")
        .and_then(catalog::find_by_component)
    {
        JsxKind::Loading(widget)
    } else {
        JsxKind::Other
    }
}

/// `export { A as B } from '@workos-inc/widgets'` (as `A` imported, `B`
/// local) and `export * from '@workos-inc/widgets'` (as `*`).
pub(super) fn widget_reexports(program: &Program<'_>) -> Vec<Binding> {
    let mut found = Vec::new();
    for statement in &program.body {
        match statement {
            Statement::ExportFromDeclaration(e) if is_package(&e.source.value, WIDGETS_PACKAGE) => {
                for specifier in &e.specifiers {
                    found.push(Binding {
                        imported: specifier.local.name().to_string(),
                        local: specifier.exported.name().to_string(),
                    });
                }
            }
            Statement::ExportAllDeclaration(e)
                if e.exported.is_none() && is_package(&e.source.value, WIDGETS_PACKAGE) =>
            {
                found.push(Binding {
                    imported: "*".to_owned(),
                    local: "*".to_owned(),
                });
            }
            _ => {}
        }
    }
    found
}

/// Relative imports and the common root aliases (`@/`, `~/`, `#`).
pub fn is_local_module(source: &str) -> bool {
    crate::specifier::is_local(source)
}
