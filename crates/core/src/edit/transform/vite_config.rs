//! Registers a plugin in `vite.config.*`: finds the config object (a plain
//! object, `defineConfig({...})`, or a function returning one) and appends
//! the plugin call to its `plugins` array.

use crate::edit::{TextEdit, indent_at, indent_unit};
use crate::js;
use oxc_ast::ast::{
    ArrayExpression, ArrayExpressionElement, ExportDefaultDeclarationKind, Expression,
    ObjectExpression, ObjectPropertyKind, Program, Statement,
};

/// Adds `call` (e.g. `workosWidgetsToken()`) to the config's plugins.
/// Returns `None` when the config's shape is not recognised.
pub fn add_plugin(text: &str, program: &Program<'_>, call: &str) -> Option<Vec<TextEdit>> {
    let callee = call.split('(').next().unwrap_or(call);
    let object = config_object(program)?;
    match plugins_property(object) {
        Some(Plugins::Array(array)) => {
            if array.span.source_text(text).contains(callee) {
                return Some(Vec::new());
            }
            Some(vec![append_element(text, array, call)])
        }
        Some(Plugins::Other {
            property,
            value,
            shorthand,
        }) => {
            // `plugins,` from a const, `[react()].concat(...)`, a helper's
            // result: spread it into a new array rather than adding a
            // second `plugins` key (which would silently win, or fail tsc).
            if property.source_text(text).contains(callee) {
                return Some(Vec::new());
            }
            let source = value.source_text(text);
            let simple = source
                .chars()
                .all(|c| c.is_alphanumeric() || "_$.".contains(c))
                || source.ends_with(')');
            let spread = if simple {
                source.to_owned()
            } else {
                format!("({source})")
            };
            let replacement = format!("[...{spread}, {call}]");
            Some(vec![if shorthand {
                TextEdit::replace(
                    property.start as usize,
                    property.end as usize,
                    format!("plugins: {replacement}"),
                )
            } else {
                TextEdit::replace(value.start as usize, value.end as usize, replacement)
            }])
        }
        None => {
            let at = object.span.start as usize + 1;
            let indent = format!(
                "{}{}",
                indent_at(text, object.span.start as usize),
                indent_unit(text)
            );
            let multiline = object.span.source_text(text).contains('\n');
            let insertion = if multiline {
                format!("\n{indent}plugins: [{call}],")
            } else {
                format!(" plugins: [{call}],")
            };
            Some(vec![TextEdit::insert(at, insertion)])
        }
    }
}

/// Removes the one `callee()` call (no arguments) from the config's
/// `plugins` array; nothing when there is none or more than one.
pub fn remove_plugin(program: &Program<'_>, callee: &str) -> Vec<TextEdit> {
    let Some(Plugins::Array(array)) = config_object(program).and_then(plugins_property) else {
        return Vec::new();
    };
    let calls: Vec<usize> = array
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(e.as_expression().map(js::unwrap_expression),
                Some(Expression::CallExpression(call))
                    if call.arguments.is_empty()
                        && matches!(&call.callee, Expression::Identifier(id) if id.name == callee))
        })
        .map(|(i, _)| i)
        .collect();
    match calls.as_slice() {
        [index] => crate::edit::remove_array_element(array, *index)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

fn append_element(text: &str, array: &ArrayExpression<'_>, call: &str) -> TextEdit {
    let open = array.span.start as usize + 1;
    let close = array.span.end as usize - 1;
    let Some(last) = array
        .elements
        .iter()
        .rfind(|e| !matches!(e, ArrayExpressionElement::Elision(_)))
    else {
        return TextEdit::insert(open, call.to_owned());
    };
    let last_end = oxc_span::GetSpan::span(last).end as usize;
    let after_last = &text[last_end..close];
    if after_last.contains('\n') {
        let indent = indent_at(text, oxc_span::GetSpan::span(last).start as usize);
        match after_last.find(',') {
            Some(comma) => TextEdit::insert(last_end + comma + 1, format!("\n{indent}{call},")),
            None => TextEdit::insert(last_end, format!(",\n{indent}{call}")),
        }
    } else {
        TextEdit::insert(last_end, format!(", {call}"))
    }
}

/// The config's `plugins` property.
enum Plugins<'b, 'a> {
    /// An array literal, appended to.
    Array(&'b ArrayExpression<'a>),
    /// Any other expression (spans of the whole property and of its value).
    Other {
        property: oxc_span::Span,
        value: oxc_span::Span,
        shorthand: bool,
    },
}

fn plugins_property<'b, 'a>(object: &'b ObjectExpression<'a>) -> Option<Plugins<'b, 'a>> {
    object
        .properties
        .iter()
        .find_map(|property| match property {
            ObjectPropertyKind::ObjectProperty(p)
                if p.key.static_name().as_deref() == Some("plugins") =>
            {
                Some(match js::unwrap_expression(&p.value) {
                    Expression::ArrayExpression(array) => Plugins::Array(array),
                    _ => Plugins::Other {
                        property: p.span,
                        value: oxc_span::GetSpan::span(&p.value),
                        shorthand: p.shorthand,
                    },
                })
            }
            _ => None,
        })
}

/// The object literal the config file exports.
fn config_object<'b, 'a>(program: &'b Program<'a>) -> Option<&'b ObjectExpression<'a>> {
    let exported = program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(decl) => match &decl.declaration {
            ExportDefaultDeclarationKind::ObjectExpression(_)
            | ExportDefaultDeclarationKind::CallExpression(_)
            | ExportDefaultDeclarationKind::Identifier(_)
            | ExportDefaultDeclarationKind::ParenthesizedExpression(_)
            | ExportDefaultDeclarationKind::TSSatisfiesExpression(_)
            | ExportDefaultDeclarationKind::TSAsExpression(_) => decl.declaration.as_expression(),
            _ => None,
        },
        _ => None,
    })?;
    object_of(program, exported)
}

fn object_of<'b, 'a>(
    program: &'b Program<'a>,
    expr: &'b Expression<'a>,
) -> Option<&'b ObjectExpression<'a>> {
    match js::unwrap_expression(expr) {
        Expression::ObjectExpression(object) => Some(object),
        Expression::CallExpression(call) => {
            object_of(program, call.arguments.first()?.as_expression()?)
        }
        Expression::ArrowFunctionExpression(arrow) => match &arrow.body {
            oxc_ast::ast::ArrowFunctionBody::FunctionBody(body) => {
                returned_object(program, &body.statements)
            }
            other => object_of(program, other.as_expression()?),
        },
        Expression::FunctionExpression(function) => {
            returned_object(program, &function.body.as_ref()?.statements)
        }
        Expression::Identifier(id) => program.body.iter().find_map(|statement| {
            let Statement::VariableDeclaration(decl) = statement else {
                return None;
            };
            decl.declarations.iter().find_map(|d| {
                let name = d.id.get_identifier_name()?;
                (name == id.name).then_some(())?;
                object_of(program, d.init.as_ref()?)
            })
        }),
        _ => None,
    }
}

fn returned_object<'b, 'a>(
    program: &'b Program<'a>,
    statements: &'b [Statement<'a>],
) -> Option<&'b ObjectExpression<'a>> {
    statements.iter().find_map(|statement| match statement {
        Statement::ReturnStatement(r) => object_of(program, r.argument.as_ref()?),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_edits;
    use oxc_allocator::Allocator;
    use std::path::Path;

    fn run(text: &str) -> Option<String> {
        let allocator = Allocator::default();
        let program = js::parse(&allocator, Path::new("vite.config.ts"), text).unwrap();
        add_plugin(text, &program, "tokens()").map(|edits| apply_edits(text, &edits))
    }

    #[test]
    fn appends_to_the_plugins_array() {
        let src = "export default defineConfig({\n  plugins: [react()],\n})\n";
        assert_eq!(
            run(src).unwrap(),
            "export default defineConfig({\n  plugins: [react(), tokens()],\n})\n"
        );
        let done = run(src).unwrap();
        assert_eq!(run(&done).unwrap(), done);
    }

    #[test]
    fn handles_multiline_arrays_and_functions() {
        let src = "export default defineConfig(({ mode }) => {\n  return {\n    plugins: [\n      react(),\n    ],\n  }\n})\n";
        assert_eq!(
            run(src).unwrap(),
            "export default defineConfig(({ mode }) => {\n  return {\n    plugins: [\n      react(),\n      tokens(),\n    ],\n  }\n})\n"
        );
    }

    #[test]
    fn adds_a_plugins_property_when_missing() {
        assert_eq!(
            run("const config = {}\nexport default config\n").unwrap(),
            "const config = { plugins: [tokens()],}\nexport default config\n"
        );
    }

    #[test]
    fn spreads_plugins_that_are_not_an_array_literal() {
        for (src, out) in [
            (
                "const plugins = [react()]\nexport default defineConfig({\n  plugins,\n})\n",
                "const plugins = [react()]\nexport default defineConfig({\n  plugins: [...plugins, tokens()],\n})\n",
            ),
            (
                "export default defineConfig({ plugins: [react()].concat(extra) })\n",
                "export default defineConfig({ plugins: [...[react()].concat(extra), tokens()] })\n",
            ),
            (
                "export default defineConfig(() => {\n  const plugins = [react()]\n  return { plugins }\n})\n",
                "export default defineConfig(() => {\n  const plugins = [react()]\n  return { plugins: [...plugins, tokens()] }\n})\n",
            ),
            (
                "export default { plugins: cond ? [a()] : [] }\n",
                "export default { plugins: [...(cond ? [a()] : []), tokens()] }\n",
            ),
        ] {
            let done = run(src).unwrap();
            assert_eq!(done, out);
            assert_eq!(run(&done).unwrap(), done, "second run changes nothing");
            assert_eq!(
                done.matches("plugins:").count(),
                1,
                "one plugins key: {done}"
            );
        }
    }

    #[test]
    fn gives_up_on_unknown_shapes() {
        assert!(run("export default makeConfig\n").is_none());
    }
}
