//! React Router's `app/routes.ts`: appends `route(path, file)` entries to
//! the exported route list, unless the list has them already.

use std::path::Path;

use oxc_ast::ast::{
    Argument, ArrayExpressionElement, ExportDefaultDeclarationKind, Expression, Program, Statement,
};
use workos_widgets_core::edit::{TextEdit, indent_at, indent_unit};
use workos_widgets_core::js;

use workos_widgets_core::edit::EditError;
use workos_widgets_core::edit::transform::Style;

/// Where `route()`, `index()` and `layout()` come from.
pub const ROUTES_PACKAGE: &str = "@react-router/dev/routes";

/// Appends `route('<path>', '<file>')` for each of `routes` the config's
/// default export does not list yet (by file or by path). A one-line list
/// is laid out one entry a line first, so it stays within a formatter's width.
pub fn add_routes(
    config: &Path,
    text: &str,
    program: &Program<'_>,
    routes: &[(String, String)],
) -> Result<Vec<TextEdit>, EditError> {
    let Some(list) = route_list(program) else {
        return Err(EditError::Edit {
            path: config.to_path_buf(),
            message: "found no route list (`export default [...]`) to add the widget routes to"
                .to_owned(),
            hint: format!(
                "add {} to your routes yourself, then run again",
                routes
                    .iter()
                    .map(|(path, file)| format!("route('{path}', '{file}')"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    };
    let listed: Vec<(Option<String>, Option<String>)> =
        list.elements.iter().filter_map(route_call).collect();
    let style = Style::of(text, program);
    let missing: Vec<String> = routes
        .iter()
        .filter(|(path, file)| {
            !listed.iter().any(|(p, f)| {
                p.as_deref() == Some(path.as_str()) || f.as_deref() == Some(file.as_str())
            })
        })
        .map(|(path, file)| format!("route({}, {})", style.string(path), style.string(file)))
        .collect();
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    let (start, end) = (list.span.start as usize, list.span.end as usize);
    let source = &text[start..end];
    let unit = indent_unit(text);
    let outer = indent_at(text, start);
    if !source.contains('\n') {
        // One line: lay the list out one entry a line.
        let mut entries: Vec<String> = list
            .elements
            .iter()
            .map(|e| {
                let span = oxc_span::GetSpan::span(e);
                text[span.start as usize..span.end as usize].to_owned()
            })
            .collect();
        entries.extend(missing);
        let body: String = entries
            .iter()
            .map(|e| format!("{outer}{unit}{e},\n"))
            .collect();
        return Ok(vec![TextEdit::replace(
            start,
            end,
            format!("[\n{body}{outer}]"),
        )]);
    }
    let inner = format!("{outer}{unit}");
    let Some(last) = list.elements.last() else {
        let body: String = missing.iter().map(|e| format!("{inner}{e},\n")).collect();
        return Ok(vec![TextEdit::replace(
            start,
            end,
            format!("[\n{body}{outer}]"),
        )]);
    };
    let last_end = oxc_span::GetSpan::span(last).end as usize;
    let after_last = &text[last_end..end - 1];
    let trailing_comma = after_last.trim_start().starts_with(',');
    let added: String = missing.iter().map(|e| format!("\n{inner}{e},")).collect();
    Ok(if trailing_comma {
        let comma = last_end + after_last.find(',').unwrap_or(0) + 1;
        vec![TextEdit::insert(comma, added)]
    } else {
        let added = added.strip_suffix(',').unwrap_or(&added).to_owned();
        vec![TextEdit::insert(last_end, format!(",{added}"))]
    })
}

/// The array the module's default export is (through `satisfies`, `as`
/// and parentheses).
fn route_list<'b, 'a>(program: &'b Program<'a>) -> Option<&'b oxc_ast::ast::ArrayExpression<'a>> {
    program
        .body
        .iter()
        .find_map(|statement| {
            let Statement::ExportDefaultDeclaration(export) = statement else {
                return None;
            };
            let expression = export.declaration.as_expression()?;
            match js::unwrap_expression(expression) {
                Expression::ArrayExpression(array) => Some(&**array),
                _ => None,
            }
        })
        .or_else(|| {
            // `const routes = [...]; export default routes`
            let name = program.body.iter().find_map(|statement| match statement {
                Statement::ExportDefaultDeclaration(export) => match &export.declaration {
                    ExportDefaultDeclarationKind::Identifier(id) => Some(id.name.as_str()),
                    _ => None,
                },
                _ => None,
            })?;
            program.body.iter().find_map(|statement| {
                let Statement::VariableDeclaration(declaration) = statement else {
                    return None;
                };
                declaration.declarations.iter().find_map(|d| {
                    let bound = d.id.get_identifier_name()?;
                    if bound.as_str() != name {
                        return None;
                    }
                    match js::unwrap_expression(d.init.as_ref()?) {
                        Expression::ArrayExpression(array) => Some(&**array),
                        _ => None,
                    }
                })
            })
        })
}

/// `(path, file)` of a `route(path, file)` / `index(file)` entry.
fn route_call(element: &ArrayExpressionElement<'_>) -> Option<(Option<String>, Option<String>)> {
    let Some(Expression::CallExpression(call)) = element.as_expression() else {
        return None;
    };
    let string = |argument: Option<&Argument<'_>>| match argument? {
        Argument::StringLiteral(s) => Some(s.value.to_string()),
        _ => None,
    };
    match call.callee_name()? {
        "route" => Some((
            string(call.arguments.first()),
            string(call.arguments.get(1)),
        )),
        "index" => Some((None, string(call.arguments.first()))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use workos_widgets_core::edit::transform::{Transform, apply};

    fn add(text: &str) -> String {
        let routes = vec![
            (
                "api/workos/widgets-token".to_owned(),
                "routes/api.workos.widgets-token.ts".to_owned(),
            ),
            (
                "workos/user-profile".to_owned(),
                "routes/workos.user-profile.tsx".to_owned(),
            ),
        ];
        let path = Path::new("app/routes.ts");
        let transform: Transform<'_> = Box::new(move |t, p| add_routes(path, t, p, &routes));
        apply(path, text, &[transform]).unwrap()
    }

    #[test]
    fn lays_out_a_one_line_list_and_appends() {
        let template = "import { type RouteConfig, index } from \"@react-router/dev/routes\";\n\nexport default [index(\"routes/home.tsx\")] satisfies RouteConfig;\n";
        let out = add(template);
        assert_eq!(
            out,
            "import { type RouteConfig, index } from \"@react-router/dev/routes\";\n\nexport default [\n  index(\"routes/home.tsx\"),\n  route(\"api/workos/widgets-token\", \"routes/api.workos.widgets-token.ts\"),\n  route(\"workos/user-profile\", \"routes/workos.user-profile.tsx\"),\n] satisfies RouteConfig;\n"
        );
        assert_eq!(add(&out), out, "a second run adds nothing");
    }

    #[test]
    fn appends_to_a_multi_line_list_with_or_without_trailing_comma() {
        let with = "import { index, route } from '@react-router/dev/routes'\nexport default [\n  index('routes/home.tsx'),\n  route('about', 'routes/about.tsx'),\n] satisfies RouteConfig\n";
        let out = add(with);
        assert!(out.ends_with("  route('about', 'routes/about.tsx'),\n  route('api/workos/widgets-token', 'routes/api.workos.widgets-token.ts'),\n  route('workos/user-profile', 'routes/workos.user-profile.tsx'),\n] satisfies RouteConfig\n"), "{out}");
        let without = "import { index } from '@react-router/dev/routes'\nconst routes = [\n  index('routes/home.tsx')\n]\nexport default routes\n";
        let out = add(without);
        assert!(
            out.contains("  index('routes/home.tsx'),\n  route('api/workos/widgets-token', 'routes/api.workos.widgets-token.ts'),\n  route('workos/user-profile', 'routes/workos.user-profile.tsx')\n]"),
            "{out}"
        );
    }

    #[test]
    fn keeps_routes_listed_under_the_same_path_and_refuses_a_computed_list() {
        let listed = "import { route } from '@react-router/dev/routes'\nexport default [\n  route('api/workos/widgets-token', 'routes/token.ts'),\n  route('workos/user-profile', 'routes/profile.tsx'),\n]\n";
        assert_eq!(add(listed), listed);
        let computed = "export default flatRoutes()\n";
        let path = Path::new("app/routes.ts");
        let routes = vec![("a".to_owned(), "routes/a.ts".to_owned())];
        let transform: Transform<'_> = Box::new(move |t, p| add_routes(path, t, p, &routes));
        let error = apply(path, computed, &[transform]).unwrap_err();
        let hint = workos_widgets_core::Hint::hint(&error).unwrap_or_default();
        assert!(hint.contains("route('a', 'routes/a.ts')"), "{hint}");
    }
}
