//! A module's exports, read from its top-level statements.

use oxc_ast::ast::{
    Declaration, ExportDefaultDeclarationKind, Expression, ModuleExportName, Program, Statement,
};

use super::Export;
use crate::js::unwrap_expression;

/// The module's exports, from its top-level statements.
pub(super) fn exports(program: &Program<'_>) -> Vec<Export> {
    let mut found = Vec::new();
    let local = |exported: String, local: String| Export::Local { exported, local };
    for statement in &program.body {
        match statement {
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::VariableDeclaration(d) => {
                    for declarator in &d.declarations {
                        if let Some(name) = declarator.id.get_identifier_name() {
                            found.push(local(name.to_string(), name.to_string()));
                        }
                    }
                }
                Declaration::FunctionDeclaration(f) => {
                    if let Some(id) = &f.id {
                        found.push(local(id.name.to_string(), id.name.to_string()));
                    }
                }
                Declaration::ClassDeclaration(c) => {
                    if let Some(id) = &c.id {
                        found.push(local(id.name.to_string(), id.name.to_string()));
                    }
                }
                _ => {}
            },
            Statement::ExportDefaultDeclaration(export) => {
                let name = match &export.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                        f.id.as_ref().map(|id| id.name.to_string())
                    }
                    ExportDefaultDeclarationKind::ClassDeclaration(c) => {
                        c.id.as_ref().map(|id| id.name.to_string())
                    }
                    other => other.as_expression().and_then(default_export_name),
                };
                found.push(local(
                    "default".into(),
                    name.unwrap_or_else(|| "default".into()),
                ));
            }
            Statement::ExportNamedDeclaration(export) if !export.export_kind.is_type() => {
                for specifier in &export.specifiers {
                    found.push(local(
                        export_name(&specifier.exported),
                        export_name(&specifier.local),
                    ));
                }
            }
            Statement::ExportFromDeclaration(export) if !export.export_kind.is_type() => {
                for specifier in &export.specifiers {
                    found.push(Export::From {
                        exported: export_name(&specifier.exported),
                        imported: export_name(&specifier.local),
                        source: export.source.value.to_string(),
                    });
                }
            }
            Statement::ExportAllDeclaration(export)
                if export.exported.is_none() && !export.export_kind.is_type() =>
            {
                found.push(Export::Star {
                    source: export.source.value.to_string(),
                });
            }
            _ => {}
        }
    }
    found
}

/// `export default App`, `export default memo(App)`: the local name.
fn default_export_name(expr: &Expression<'_>) -> Option<String> {
    match unwrap_expression(expr) {
        Expression::Identifier(id) => Some(id.name.to_string()),
        Expression::CallExpression(call) => call
            .arguments
            .first()
            .and_then(|a| a.as_expression())
            .and_then(default_export_name),
        _ => None,
    }
}

fn export_name(name: &ModuleExportName<'_>) -> String {
    match name {
        ModuleExportName::IdentifierName(id) => id.name.to_string(),
        ModuleExportName::IdentifierReference(id) => id.name.to_string(),
        ModuleExportName::StringLiteral(s) => s.value.to_string(),
    }
}
