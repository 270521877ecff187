//! React Router's `app/routes.ts`: appends `route(path, file)` entries to
//! the exported route list, unless the list has them already.

use oxc_ast::ast::{
    Argument, ArrayExpressionElement, ExportDefaultDeclarationKind, Expression, Program, Statement,
};
use workos_widgets_core::edit::{TextEdit, indent_at, indent_unit};
use workos_widgets_core::js;

use workos_widgets_core::edit::transform::Style;

/// Where `route()`, `index()` and `layout()` come from: React Router's
/// module, and the one Remix 2 apps with a routes config import.
pub const ROUTES_PACKAGES: [&str; 2] = ["@react-router/dev/routes", "@remix-run/route-config"];

/// Local names for `route` in a routes config, in order of preference.
const ROUTE_NAMES: [&str; 3] = ["route", "routeEntry", "workosRoute"];

/// How new entries are written in one routes config: the module its
/// helpers come from and the local name of `route`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteHelper {
    pub module: String,
    /// The name the file imports `route` under, else `route` or a free
    /// alias when the file binds `route` to something else.
    pub local: String,
    /// Every local name of `route` from that module, to recognise entries.
    known: Vec<String>,
}

impl RouteHelper {
    /// The helper of `program`: the module the file already imports route
    /// helpers from (else `default_module`), and a free name for `route`.
    /// `None` when every candidate name is taken.
    pub fn of(program: &Program<'_>, default_module: &str) -> Option<Self> {
        let imports = js::imports(program);
        let module = imports
            .iter()
            .find(|i| ROUTES_PACKAGES.contains(&i.source.as_str()))
            .map_or_else(|| default_module.to_owned(), |i| i.source.clone());
        let known: Vec<String> = imports
            .iter()
            .filter(|i| i.source == module)
            .flat_map(|i| {
                i.names
                    .iter()
                    .zip(&i.locals)
                    .filter(|(name, _)| *name == "route")
                    .map(|(_, local)| local.clone())
                    .collect::<Vec<_>>()
            })
            .collect();
        let local = match known.first() {
            Some(local) => local.clone(),
            None => js::free_name(program, "route", &module, &ROUTE_NAMES)?.to_owned(),
        };
        Some(Self {
            module,
            local,
            known,
        })
    }

    /// `route(path, file)` as this file writes it.
    pub fn entry(&self, style: &Style, path: &str, file: &str) -> String {
        format!(
            "{}({}, {})",
            self.local,
            style.string(path),
            style.string(file)
        )
    }

    fn is_route(&self, callee: &str) -> bool {
        callee == self.local || self.known.iter().any(|k| k == callee)
    }
}

/// Whether the config's default export is a list the tool can append to
/// (else it builds its routes with a function: the entries are printed
/// for the user to add).
pub fn has_route_list(program: &Program<'_>) -> bool {
    route_list(program).is_some()
}

/// The `(path, file)` entries the config's list holds (empty without a
/// list), paths without their leading slash.
pub fn listed_routes(
    program: &Program<'_>,
    helper: &RouteHelper,
) -> Vec<(Option<String>, Option<String>)> {
    route_list(program).map_or_else(Vec::new, |list| {
        list.elements
            .iter()
            .filter_map(|e| route_call(e, helper))
            .map(|(path, file)| (path.map(|p| p.trim_start_matches('/').to_owned()), file))
            .collect()
    })
}

/// Appends `route('<path>', '<file>')` for each of `routes` the config's
/// default export does not list yet (by file or by path). A one-line list
/// is laid out one entry a line first, so it stays within a formatter's width.
/// A config without a list is left alone ([`has_route_list`] says when).
pub fn add_routes(
    text: &str,
    program: &Program<'_>,
    helper: &RouteHelper,
    routes: &[(String, String)],
) -> Vec<TextEdit> {
    let Some(list) = route_list(program) else {
        return Vec::new();
    };
    let listed = listed_routes(program, helper);
    let style = Style::of(text, program);
    let missing: Vec<String> = routes
        .iter()
        .filter(|(path, file)| {
            !listed.iter().any(|(p, f)| {
                p.as_deref() == Some(path.as_str()) || f.as_deref() == Some(file.as_str())
            })
        })
        .map(|(path, file)| helper.entry(&style, path, file))
        .collect();
    if missing.is_empty() {
        return Vec::new();
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
        return vec![TextEdit::replace(start, end, format!("[\n{body}{outer}]"))];
    }
    let inner = format!("{outer}{unit}");
    let Some(last) = list.elements.last() else {
        let body: String = missing.iter().map(|e| format!("{inner}{e},\n")).collect();
        return vec![TextEdit::replace(start, end, format!("[\n{body}{outer}]"))];
    };
    let last_end = oxc_span::GetSpan::span(last).end as usize;
    let after_last = &text[last_end..end - 1];
    let trailing_comma = after_last.trim_start().starts_with(',');
    let added: String = missing.iter().map(|e| format!("\n{inner}{e},")).collect();
    if trailing_comma {
        let comma = last_end + after_last.find(',').unwrap_or(0) + 1;
        vec![TextEdit::insert(comma, added)]
    } else {
        let added = added.strip_suffix(',').unwrap_or(&added).to_owned();
        vec![TextEdit::insert(last_end, format!(",{added}"))]
    }
}

/// Removes the one `route(path, file)` entry (path without its leading
/// slash) from the config's list; nothing when it is not listed exactly so.
pub fn remove_route(
    program: &Program<'_>,
    helper: &RouteHelper,
    path: &str,
    file: &str,
) -> Vec<TextEdit> {
    let Some(list) = route_list(program) else {
        return Vec::new();
    };
    let found: Vec<usize> = list
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let two_arguments = matches!(e.as_expression(),
                Some(Expression::CallExpression(call)) if call.arguments.len() == 2);
            two_arguments
                && route_call(e, helper)
                    .is_some_and(|(p, f)| p.as_deref() == Some(path) && f.as_deref() == Some(file))
        })
        .map(|(i, _)| i)
        .collect();
    match found.as_slice() {
        [index] => workos_widgets_core::edit::remove_array_element(list, *index)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
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
fn route_call(
    element: &ArrayExpressionElement<'_>,
    helper: &RouteHelper,
) -> Option<(Option<String>, Option<String>)> {
    let Some(Expression::CallExpression(call)) = element.as_expression() else {
        return None;
    };
    let string = |argument: Option<&Argument<'_>>| match argument? {
        Argument::StringLiteral(s) => Some(s.value.to_string()),
        _ => None,
    };
    match call.callee_name()? {
        "index" => Some((None, string(call.arguments.first()))),
        name if helper.is_route(name) => Some((
            string(call.arguments.first()),
            string(call.arguments.get(1)),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
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
        let transform: Transform<'_> = Box::new(move |t, p| {
            let helper = RouteHelper::of(p, ROUTES_PACKAGES[0]).unwrap();
            Ok(add_routes(t, p, &helper, &routes))
        });
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
    fn keeps_routes_listed_under_the_same_path_and_leaves_a_computed_list_alone() {
        let listed = "import { route } from '@react-router/dev/routes'\nexport default [\n  route('api/workos/widgets-token', 'routes/token.ts'),\n  route('workos/user-profile', 'routes/profile.tsx'),\n]\n";
        assert_eq!(add(listed), listed);
        let computed = "export default flatRoutes()\n";
        assert_eq!(add(computed), computed);
    }

    fn helper(text: &str) -> RouteHelper {
        let allocator = oxc_allocator::Allocator::default();
        let program = js::parse(&allocator, Path::new("app/routes.ts"), text).unwrap();
        RouteHelper::of(&program, ROUTES_PACKAGES[0]).unwrap()
    }

    #[test]
    fn route_entries_come_from_the_module_the_file_imports_and_a_free_name() {
        let remix = helper(
            "import { type RouteConfig, index } from '@remix-run/route-config'\nexport default [index('routes/home.tsx')] satisfies RouteConfig\n",
        );
        assert_eq!(
            (remix.module.as_str(), remix.local.as_str()),
            ("@remix-run/route-config", "route")
        );
        let bound = helper(
            "import { index } from '@react-router/dev/routes'\nconst route = 'x'\nexport default [index('routes/home.tsx')]\n",
        );
        assert_eq!(bound.local, "routeEntry");
        let imported = helper(
            "import { index, route as r } from '@react-router/dev/routes'\nexport default [r('a', 'routes/a.tsx')]\n",
        );
        assert_eq!(imported.local, "r");
    }
}
