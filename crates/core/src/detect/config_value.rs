//! Reads option values out of config files without running them: string
//! and boolean literals, top-level consts holding one, the object a config
//! exports, and the options object passed to a plugin call.

use oxc_ast::ast::{
    Argument, CallExpression, Expression, ObjectExpression, ObjectPropertyKind, Program, Statement,
};

use crate::js;

/// A string option as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A literal (or a const holding one).
    Text(String),
    /// Anything that needs running: where it is and its source text.
    Computed { line: usize, code: String },
}

/// The initializer of the top-level `const name = ...`.
fn const_init<'b, 'a>(program: &'b Program<'a>, name: &str) -> Option<&'b Expression<'a>> {
    program.body.iter().find_map(|statement| {
        let declaration = match statement {
            Statement::VariableDeclaration(d) => d,
            Statement::ExportDeclaration(e) => match &e.declaration {
                oxc_ast::ast::Declaration::VariableDeclaration(d) => d,
                _ => return None,
            },
            _ => return None,
        };
        if declaration.kind != oxc_ast::ast::VariableDeclarationKind::Const {
            return None;
        }
        declaration.declarations.iter().find_map(|d| {
            (d.id.get_identifier_name()? == name).then_some(())?;
            d.init.as_ref()
        })
    })
}

/// `expr` with parentheses, TS wrappers, `await` and identifiers bound by
/// a top-level const looked through.
pub fn resolve<'b, 'a>(program: &'b Program<'a>, expr: &'b Expression<'a>) -> &'b Expression<'a> {
    let mut expr = js::unwrap_expression(expr);
    for _ in 0..8 {
        expr = match expr {
            Expression::AwaitExpression(e) => js::unwrap_expression(&e.argument),
            Expression::Identifier(id) => match const_init(program, &id.name) {
                Some(init) => js::unwrap_expression(init),
                None => return expr,
            },
            _ => return expr,
        };
    }
    expr
}

/// The string `expr` holds.
pub fn string(program: &Program<'_>, text: &str, expr: &Expression<'_>) -> Value {
    match resolve(program, expr) {
        Expression::StringLiteral(s) => Value::Text(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => Value::Text(
            t.quasis
                .iter()
                .map(|q| q.value.cooked.as_deref().unwrap_or(q.value.raw.as_str()))
                .collect(),
        ),
        _ => {
            let span = oxc_span::GetSpan::span(expr);
            Value::Computed {
                line: js::line_col(text, span.start as usize).0,
                code: text[span.start as usize..span.end as usize].to_owned(),
            }
        }
    }
}

/// Whether `expr` is the literal `false` (or a const holding it).
pub fn is_false(program: &Program<'_>, expr: &Expression<'_>) -> bool {
    matches!(resolve(program, expr), Expression::BooleanLiteral(b) if !b.value)
}

/// The object literal `expr` is (or a const holds).
pub fn object<'b, 'a>(
    program: &'b Program<'a>,
    expr: &'b Expression<'a>,
) -> Option<&'b ObjectExpression<'a>> {
    match resolve(program, expr) {
        Expression::ObjectExpression(object) => Some(object),
        _ => None,
    }
}

/// The value of property `key` of `object` (a shorthand `{ key }` gives
/// the identifier).
pub fn property<'b, 'a>(object: &'b ObjectExpression<'a>, key: &str) -> Option<&'b Expression<'a>> {
    object.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if p.key.static_name().as_deref() == Some(key) => {
            Some(&p.value)
        }
        _ => None,
    })
}

/// The object the module exports by default: a literal, `defineConfig({...})`,
/// or a const holding either.
pub fn default_export_object<'b, 'a>(program: &'b Program<'a>) -> Option<&'b ObjectExpression<'a>> {
    let exported = default_export(program)?;
    match resolve(program, exported) {
        Expression::ObjectExpression(object) => Some(object),
        Expression::CallExpression(call) => {
            object(program, call.arguments.first()?.as_expression()?)
        }
        _ => None,
    }
}

/// The expression the module exports by default.
pub fn default_export<'b, 'a>(program: &'b Program<'a>) -> Option<&'b Expression<'a>> {
    program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(export) => export.declaration.as_expression(),
        _ => None,
    })
}

/// The local names `program` imports `export` of `package` under
/// (`default` for a default import).
pub fn imported_as(program: &Program<'_>, packages: &[&str], export: &str) -> Vec<String> {
    js::imports(program)
        .into_iter()
        .filter(|i| packages.contains(&i.source.as_str()))
        .flat_map(|i| {
            i.names
                .into_iter()
                .zip(i.locals)
                .filter(|(name, _)| name == export)
                .map(|(_, local)| local)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every call in `program`'s top-level statements (and the functions,
/// arrays and objects they hold) whose callee is one of `names`.
pub fn calls_to<'b, 'a>(program: &'b Program<'a>, names: &[String]) -> Vec<&'b CallExpression<'a>> {
    let mut found = Vec::new();
    for statement in &program.body {
        statement_calls(statement, names, &mut found);
    }
    found
}

/// Every call inside `expr` whose callee is one of `names`.
pub fn calls_within<'b, 'a>(
    expr: &'b Expression<'a>,
    names: &[String],
) -> Vec<&'b CallExpression<'a>> {
    let mut found = Vec::new();
    expression_calls(expr, names, &mut found);
    found
}

fn statement_calls<'b, 'a>(
    statement: &'b Statement<'a>,
    names: &[String],
    found: &mut Vec<&'b CallExpression<'a>>,
) {
    match statement {
        Statement::ExpressionStatement(s) => expression_calls(&s.expression, names, found),
        Statement::ReturnStatement(r) => {
            if let Some(argument) = &r.argument {
                expression_calls(argument, names, found);
            }
        }
        Statement::VariableDeclaration(d) => {
            for init in d.declarations.iter().filter_map(|d| d.init.as_ref()) {
                expression_calls(init, names, found);
            }
        }
        Statement::BlockStatement(b) => {
            for s in &b.body {
                statement_calls(s, names, found);
            }
        }
        Statement::IfStatement(s) => {
            statement_calls(&s.consequent, names, found);
            if let Some(alternate) = &s.alternate {
                statement_calls(alternate, names, found);
            }
        }
        Statement::ExportDefaultDeclaration(export) => {
            if let Some(expr) = export.declaration.as_expression() {
                expression_calls(expr, names, found);
            }
        }
        Statement::ExportDeclaration(export) => {
            if let oxc_ast::ast::Declaration::VariableDeclaration(d) = &export.declaration {
                for init in d.declarations.iter().filter_map(|d| d.init.as_ref()) {
                    expression_calls(init, names, found);
                }
            }
        }
        _ => {}
    }
}

fn expression_calls<'b, 'a>(
    expr: &'b Expression<'a>,
    names: &[String],
    found: &mut Vec<&'b CallExpression<'a>>,
) {
    match js::unwrap_expression(expr) {
        Expression::CallExpression(call) => {
            if call
                .callee_name()
                .is_some_and(|n| names.iter().any(|m| m == n))
            {
                found.push(call);
            }
            expression_calls(&call.callee, names, found);
            for argument in &call.arguments {
                match argument {
                    Argument::SpreadElement(s) => expression_calls(&s.argument, names, found),
                    other => {
                        if let Some(e) = other.as_expression() {
                            expression_calls(e, names, found);
                        }
                    }
                }
            }
        }
        Expression::AwaitExpression(e) => expression_calls(&e.argument, names, found),
        Expression::ArrayExpression(array) => {
            for element in &array.elements {
                match element {
                    oxc_ast::ast::ArrayExpressionElement::SpreadElement(s) => {
                        expression_calls(&s.argument, names, found);
                    }
                    other => {
                        if let Some(e) = other.as_expression() {
                            expression_calls(e, names, found);
                        }
                    }
                }
            }
        }
        Expression::ObjectExpression(object) => {
            for property in &object.properties {
                match property {
                    ObjectPropertyKind::ObjectProperty(p) => {
                        expression_calls(&p.value, names, found);
                    }
                    ObjectPropertyKind::SpreadProperty(s) => {
                        expression_calls(&s.argument, names, found);
                    }
                }
            }
        }
        Expression::ArrowFunctionExpression(arrow) => match &arrow.body {
            oxc_ast::ast::ArrowFunctionBody::FunctionBody(body) => {
                for s in &body.statements {
                    statement_calls(s, names, found);
                }
            }
            other => {
                if let Some(e) = other.as_expression() {
                    expression_calls(e, names, found);
                }
            }
        },
        Expression::FunctionExpression(function) => {
            if let Some(body) = &function.body {
                for s in &body.statements {
                    statement_calls(s, names, found);
                }
            }
        }
        Expression::ConditionalExpression(c) => {
            expression_calls(&c.consequent, names, found);
            expression_calls(&c.alternate, names, found);
        }
        Expression::LogicalExpression(l) => {
            expression_calls(&l.left, names, found);
            expression_calls(&l.right, names, found);
        }
        Expression::StaticMemberExpression(m) => expression_calls(&m.object, names, found),
        _ => {}
    }
}

/// The first argument of `call` as an object literal.
pub fn first_object<'b, 'a>(
    program: &'b Program<'a>,
    call: &'b CallExpression<'a>,
) -> Option<&'b ObjectExpression<'a>> {
    match call.arguments.first()? {
        Argument::ObjectExpression(object) => Some(object),
        argument => object(program, argument.as_expression()?),
    }
}
