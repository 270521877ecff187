//! Mounting a route handler on an Express app: `app.all('/path', handler)`
//! right after the app is created and after its cookie / session parsing
//! (so the handler sees the cookies), which puts it before a catch-all SPA
//! fallback (`app.get('*')`, `app.use(express.static(...))`); and taking
//! it out again.

use oxc_ast::ast::{Argument, Expression, Program, Statement};
use oxc_span::GetSpan;

use super::Style;
use crate::detect::servers::ServerKind;
use crate::detect::servers::app_object;
use crate::edit::TextEdit;

/// Mounts `handler` at `path` on the Express app `program` creates:
/// `Some(vec![])` when it is mounted already, `None` when the app's
/// creation is not in a statement list the edit can reach.
pub fn mount(
    text: &str,
    program: &Program<'_>,
    path: &str,
    handler: &str,
) -> Option<Vec<TextEdit>> {
    let creation = app_object::find(program, ServerKind::Express)?;
    let app = creation.binding.as_deref()?;
    let statements = holding(&program.body, creation.start)?;
    if statements.iter().any(|s| is_mount(s, app, path, handler)) {
        return Some(Vec::new());
    }
    let created = statements.iter().position(|s| {
        s.span().start as usize <= creation.start && creation.start < s.span().end as usize
    })?;
    let fallback = statements
        .iter()
        .enumerate()
        .skip(created + 1)
        .find(|(_, s)| is_fallback(s, app))
        .map_or(statements.len(), |(i, _)| i);
    let after = statements[created + 1..fallback]
        .iter()
        .rposition(|s| parses_cookies(s, app))
        .map_or(created, |i| created + 1 + i);
    let anchor = &statements[after];
    let end = anchor.span().end as usize;
    let indent = crate::edit::indent_at(text, anchor.span().start as usize);
    let style = Style::of(text, program);
    Some(vec![TextEdit::insert(
        end,
        format!(
            "\n\n{indent}{app}.all({}, {handler}){}",
            style.string(path),
            style.semicolon
        ),
    )])
}

/// Removes the `app.all(path, handler)` that [`mount`] wrote (nothing when
/// there is none).
pub fn unmount(text: &str, program: &Program<'_>, path: &str, handler: &str) -> Vec<TextEdit> {
    let Some(creation) = app_object::find(program, ServerKind::Express) else {
        return Vec::new();
    };
    let Some(app) = creation.binding.as_deref() else {
        return Vec::new();
    };
    let Some(statements) = holding(&program.body, creation.start) else {
        return Vec::new();
    };
    statements
        .iter()
        .filter(|s| is_mount(s, app, path, handler))
        .map(|s| {
            let span = s.span();
            // The statement and the blank line mount() put before it.
            let start = text[..span.start as usize].trim_end().len();
            TextEdit::replace(start, span.end as usize, "")
        })
        .collect()
}

/// The statement list (the program's, or a function body's) that holds
/// the statement at `offset`.
fn holding<'b, 'a>(statements: &'b [Statement<'a>], offset: usize) -> Option<&'b [Statement<'a>]> {
    let statement = statements.iter().find(|s| {
        let span = s.span();
        span.start as usize <= offset && offset < span.end as usize
    })?;
    let function_body = match statement {
        Statement::FunctionDeclaration(f) => f.body.as_ref(),
        Statement::ExportDeclaration(e) => match &e.declaration {
            oxc_ast::ast::Declaration::FunctionDeclaration(f) => f.body.as_ref(),
            _ => None,
        },
        Statement::ExportDefaultDeclaration(e) => match &e.declaration {
            oxc_ast::ast::ExportDefaultDeclarationKind::FunctionDeclaration(f) => f.body.as_ref(),
            _ => None,
        },
        _ => return Some(statements),
    };
    holding(&function_body?.statements, offset)
}

/// `app.<method>(...)` as a statement: the method and the arguments.
fn app_call<'b, 'a>(
    statement: &'b Statement<'a>,
    app: &str,
) -> Option<(&'b str, &'b [Argument<'a>])> {
    let Statement::ExpressionStatement(e) = statement else {
        return None;
    };
    let Expression::CallExpression(call) = &e.expression else {
        return None;
    };
    let Expression::StaticMemberExpression(member) = &call.callee else {
        return None;
    };
    match &member.object {
        Expression::Identifier(id) if id.name == app => {
            Some((member.property.name.as_str(), call.arguments.as_slice()))
        }
        _ => None,
    }
}

fn is_mount(statement: &Statement<'_>, app: &str, path: &str, handler: &str) -> bool {
    matches!(app_call(statement, app), Some(("all", [Argument::StringLiteral(p), Argument::Identifier(h)]))
        if p.value == path && h.name == handler)
}

/// `app.use(cookieParser())`, `app.use(session({...}))`: middleware that
/// reads cookies or sessions.
fn parses_cookies(statement: &Statement<'_>, app: &str) -> bool {
    let Some(("use", args)) = app_call(statement, app) else {
        return false;
    };
    args.iter().any(|arg| match arg {
        Argument::CallExpression(call) => match &call.callee {
            Expression::Identifier(id) => {
                let name = id.name.to_ascii_lowercase();
                name.contains("cookie") || name.contains("session")
            }
            _ => false,
        },
        _ => false,
    })
}

/// A catch-all the token route must come before: `app.get('*')` and the
/// other wildcard paths, `app.use(express.static(...))`, `app.listen()`.
fn is_fallback(statement: &Statement<'_>, app: &str) -> bool {
    match app_call(statement, app) {
        Some(("listen", _)) => true,
        Some(("get" | "all" | "use", [Argument::StringLiteral(p), ..])) => {
            matches!(p.value.as_str(), "*" | "/*" | "/{*splat}" | "*splat" | "/*splat" | "{*splat}")
        }
        Some(("get" | "all", [Argument::RegExpLiteral(_), ..])) => true,
        Some(("use", args)) => args.iter().any(|arg| {
            matches!(arg, Argument::CallExpression(call)
                if matches!(&call.callee, Expression::StaticMemberExpression(m) if m.property.name == "static"))
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_edits;

    fn run(text: &str, edit: fn(&str, &Program<'_>) -> Vec<TextEdit>) -> String {
        let allocator = oxc_allocator::Allocator::default();
        let program = crate::js::parse(&allocator, std::path::Path::new("a.js"), text).unwrap();
        apply_edits(text, &edit(text, &program))
    }

    fn mounted(text: &str) -> String {
        run(text, |t, p| mount(t, p, "/api/x", "route").unwrap())
    }

    #[test]
    fn mounts_after_cookie_parsing_and_before_the_spa_fallback() {
        let text = "import express from 'express'\nimport cookieParser from 'cookie-parser'\n\nconst app = express()\napp.use(cookieParser())\n\n// SPA\napp.use(express.static('dist'))\napp.get('*', (req, res) => res.sendFile('index.html'))\napp.listen(3000)\n";
        let out = mounted(text);
        assert_eq!(
            out,
            "import express from 'express'\nimport cookieParser from 'cookie-parser'\n\nconst app = express()\napp.use(cookieParser())\n\napp.all('/api/x', route)\n\n// SPA\napp.use(express.static('dist'))\napp.get('*', (req, res) => res.sendFile('index.html'))\napp.listen(3000)\n"
        );
        assert_eq!(mounted(&out), out, "a second run changes nothing");
        assert_eq!(run(&out, |t, p| unmount(t, p, "/api/x", "route")), text);
    }

    #[test]
    fn cookie_parsing_after_the_fallback_does_not_move_the_route_past_it() {
        let text = "const express = require('express');\nconst app = express();\napp.get('*', fallback);\napp.use(cookieParser());\n";
        assert_eq!(
            mounted(text),
            "const express = require('express');\nconst app = express();\n\napp.all('/api/x', route);\napp.get('*', fallback);\napp.use(cookieParser());\n"
        );
    }

    #[test]
    fn mounts_inside_the_function_that_creates_the_app() {
        let text = "import express from 'express'\nexport function createApp() {\n  const app = express()\n  return app\n}\n";
        assert_eq!(
            mounted(text),
            "import express from 'express'\nexport function createApp() {\n  const app = express()\n\n  app.all('/api/x', route)\n  return app\n}\n"
        );
    }

    #[test]
    fn no_app_no_edit() {
        let allocator = oxc_allocator::Allocator::default();
        let text = "const app = makeApp()\n";
        let program = crate::js::parse(&allocator, std::path::Path::new("a.js"), text).unwrap();
        assert_eq!(mount(text, &program, "/api/x", "route"), None);
    }
}
