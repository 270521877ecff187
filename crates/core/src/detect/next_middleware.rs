//! Whether a Next.js app's middleware (`middleware.*`, Next 16's `proxy.*`)
//! runs on a path: AuthKit's `withAuth()` throws in a route its middleware
//! does not run on, so a matcher that leaves out `/api` breaks the token
//! route. Next's matchers are path-to-regexp patterns; the shapes read here
//! are literal paths, `:param`, `:param*` / `:param+` / `:param?` and one
//! `/((?!a|b|c).*)` exclusion group. Any other shape is unknown: no answer.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{Declaration, Expression, ObjectPropertyKind, Program, Statement};

use crate::js;

/// Whether the middleware runs on `path`: `Some(true)` without a
/// middleware file or matcher, `None` when its matcher cannot be read.
pub fn runs_on(root: &Path, path: &str) -> Option<bool> {
    let file = ["", "src/"]
        .into_iter()
        .flat_map(|dir| {
            ["middleware", "proxy"].into_iter().flat_map(move |stem| {
                ["ts", "js", "mjs", "mts"]
                    .into_iter()
                    .map(move |ext| format!("{dir}{stem}.{ext}"))
            })
        })
        .map(|relative| root.join(relative))
        .find(|file| file.is_file());
    let Some(file) = file else {
        return Some(true);
    };
    let text = std::fs::read_to_string(&file).ok()?;
    let allocator = Allocator::default();
    let program = js::parse(&allocator, &file, &text).ok()?;
    let matchers = match matchers(&program) {
        Matcher::None => return Some(true),
        Matcher::Unread => return None,
        Matcher::Patterns(patterns) => patterns,
    };
    let mut unknown = false;
    for matcher in matchers {
        match matches(&matcher, path) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => unknown = true,
        }
    }
    (!unknown).then_some(false)
}

/// What `export const config = { matcher }` says.
enum Matcher {
    /// No matcher: the middleware runs on every path.
    None,
    /// Not a string or an array of strings.
    Unread,
    Patterns(Vec<String>),
}

fn matchers(program: &Program<'_>) -> Matcher {
    let value = program.body.iter().find_map(|statement| {
        let Statement::ExportDeclaration(export) = statement else {
            return None;
        };
        let Declaration::VariableDeclaration(declaration) = &export.declaration else {
            return None;
        };
        declaration.declarations.iter().find_map(|d| {
            let named_config = d.id.get_identifier_name().is_some_and(|n| n == "config");
            match (named_config, d.init.as_ref().map(js::unwrap_expression)) {
                (true, Some(Expression::ObjectExpression(object))) => {
                    object.properties.iter().find_map(|p| match p {
                        ObjectPropertyKind::ObjectProperty(p)
                            if p.key.static_name().as_deref() == Some("matcher") =>
                        {
                            Some(&p.value)
                        }
                        _ => None,
                    })
                }
                _ => None,
            }
        })
    });
    let Some(value) = value else {
        return Matcher::None;
    };
    let string = |e: &Expression<'_>| match e {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        _ => None,
    };
    let patterns: Option<Vec<String>> = match js::unwrap_expression(value) {
        Expression::ArrayExpression(array) => array
            .elements
            .iter()
            .map(|e| e.as_expression().and_then(string))
            .collect(),
        other => string(other).map(|s| vec![s]),
    };
    patterns.map_or(Matcher::Unread, Matcher::Patterns)
}

/// Whether `matcher` matches `path`; `None` for a shape not read here.
fn matches(matcher: &str, path: &str) -> Option<bool> {
    if let Some(group) = matcher
        .strip_prefix("/((?!")
        .and_then(|rest| rest.strip_suffix(").*)"))
    {
        if group.contains(['(', ')', '[', '\\', '^', '$', '?', '*', '+']) {
            return None;
        }
        let rest = path.trim_start_matches('/');
        return Some(!group.split('|').any(|alt| rest.starts_with(alt)));
    }
    if matcher.contains(['(', ')', '[', '{', '\\']) {
        return None;
    }
    let pattern: Vec<&str> = matcher.trim_start_matches('/').split('/').collect();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    Some(segments_match(&pattern, &segments))
}

fn segments_match(pattern: &[&str], path: &[&str]) -> bool {
    match (pattern.split_first(), path.split_first()) {
        (None, None) => true,
        (Some((head, rest)), _) if head.starts_with(':') && head.ends_with(['*', '?']) => {
            // Zero or more (`*`) / zero or one (`?`) segments.
            segments_match(rest, path)
                || path.split_first().is_some_and(|(_, tail)| {
                    if head.ends_with('*') {
                        segments_match(pattern, tail)
                    } else {
                        segments_match(rest, tail)
                    }
                })
        }
        (Some((head, rest)), Some((_, tail))) if head.starts_with(':') && head.ends_with('+') => {
            let star = format!("{}*", head.trim_end_matches('+'));
            let mut again = vec![star.as_str()];
            again.extend_from_slice(rest);
            segments_match(&again, tail)
        }
        (Some((head, rest)), Some((segment, tail))) if head.starts_with(':') => {
            !segment.is_empty() && segments_match(rest, tail)
        }
        (Some((head, rest)), Some((segment, tail))) => {
            head == segment && segments_match(rest, tail)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "/api/workos/widgets-token";

    #[test]
    fn reads_the_matcher_shapes_next_apps_write() {
        for (matcher, expected) in [
            (
                "/((?!_not-found|auth|api|_next/static|favicon.ico).*)",
                Some(false),
            ),
            ("/((?!_next/static|_next/image|favicon.ico).*)", Some(true)),
            ("/api/:path*", Some(true)),
            ("/api/workos/:name", Some(true)),
            ("/settings/:path*", Some(false)),
            ("/", Some(false)),
            ("/api/:path+", Some(true)),
            ("/(api|trpc)(.*)", None),
            ("/((?!.+\\.[\\w]+$|_next).*)", None),
        ] {
            assert_eq!(matches(matcher, TOKEN), expected, "{matcher}");
        }
    }

    #[test]
    fn answers_for_the_middleware_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(runs_on(dir.path(), TOKEN), Some(true), "no middleware");
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        let write =
            |text: &str| std::fs::write(dir.path().join("src/middleware.ts"), text).unwrap();
        write("export default authkitMiddleware();\n");
        assert_eq!(runs_on(dir.path(), TOKEN), Some(true), "no matcher");
        write(
            "export default authkitMiddleware();\nexport const config = { matcher: ['/', '/users/:path*', '/((?!auth|api|_next/static).*)'] };\n",
        );
        assert_eq!(runs_on(dir.path(), TOKEN), Some(false));
        write(
            "export default authkitMiddleware();\nexport const config = { matcher: ['/', '/(api|trpc)(.*)'] };\n",
        );
        assert_eq!(runs_on(dir.path(), TOKEN), None, "unknown shape: no answer");
        write("export const config = { matcher: '/api/:path*' };\n");
        assert_eq!(runs_on(dir.path(), TOKEN), Some(true));
    }
}
