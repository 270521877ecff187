//! Where a server file creates its app object: `express()`,
//! `Fastify()`/`fastify()`, `new Hono()`, `NestFactory.create(AppModule)`,
//! the callee bound to the server package by `import` or `require`.

use std::collections::HashSet;

use oxc_ast::ast::{
    Argument, BindingPattern, CallExpression, Expression, NewExpression, Program, Statement,
    VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};

use super::model::ServerKind;

/// The app object's creation in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppCreation {
    /// The variable it is bound to (`app` in `const app = express()`).
    pub binding: Option<String>,
    /// Byte offset of the creating call.
    pub start: usize,
    /// Byte offset just after the top-level statement holding it (where
    /// code that uses the app can go), when the statement is top level.
    pub statement_end: Option<usize>,
}

/// The creation of `kind`'s app object in `program`, if it has one.
pub fn find(program: &Program<'_>, kind: ServerKind) -> Option<AppCreation> {
    let package = kind.package()?;
    let mut finder = Finder {
        kind,
        package,
        locals: HashSet::new(),
        found: None,
        binding: None,
    };
    for import in crate::js::imports(program) {
        if import.source == package {
            finder.locals.extend(import.locals);
        }
    }
    finder.visit_program(program);
    let (start, binding) = finder.found?;
    let statement_end = program
        .body
        .iter()
        .find(|s| {
            let span = oxc_span::GetSpan::span(*s);
            (span.start as usize) <= start && start < span.end as usize
        })
        .filter(|s| !matches!(s, Statement::FunctionDeclaration(_)))
        .map(|s| oxc_span::GetSpan::span(s).end as usize);
    Some(AppCreation {
        binding,
        start,
        statement_end,
    })
}

/// The relative modules a program imports (`import`, `export ... from`,
/// `require`, `import()`), for following the entry to the app file.
pub fn relative_imports(program: &Program<'_>) -> Vec<String> {
    let mut collector = Relative(Vec::new());
    collector.visit_program(program);
    for statement in &program.body {
        let source = match statement {
            Statement::ImportDeclaration(d) => Some(&d.source.value),
            Statement::ExportAllDeclaration(d) => Some(&d.source.value),
            Statement::ExportFromDeclaration(d) => Some(&d.source.value),
            _ => None,
        };
        if let Some(source) = source
            && source.starts_with('.')
        {
            collector.0.push(source.to_string());
        }
    }
    collector.0
}

struct Relative(Vec<String>);

impl<'a> Visit<'a> for Relative {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Some(source) = require_source(it)
            && source.starts_with('.')
        {
            self.0.push(source.to_owned());
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_import_expression(&mut self, it: &oxc_ast::ast::ImportExpression<'a>) {
        if let Expression::StringLiteral(s) = &it.source
            && s.value.starts_with('.')
        {
            self.0.push(s.value.to_string());
        }
        walk::walk_import_expression(self, it);
    }
}

/// `'x'` of `require('x')`.
fn require_source<'b>(call: &'b CallExpression<'_>) -> Option<&'b str> {
    let Expression::Identifier(callee) = &call.callee else {
        return None;
    };
    if callee.name != "require" {
        return None;
    }
    match call.arguments.first() {
        Some(Argument::StringLiteral(s)) => Some(s.value.as_str()),
        _ => None,
    }
}

struct Finder {
    kind: ServerKind,
    package: &'static str,
    /// Local names bound to the package (imports, `require`).
    locals: HashSet<String>,
    /// The first creation: its offset and binding.
    found: Option<(usize, Option<String>)>,
    /// The variable being declared, while its initialiser is walked.
    binding: Option<String>,
}

impl Finder {
    fn bound(&self, expr: &Expression<'_>) -> bool {
        matches!(expr, Expression::Identifier(id) if self.locals.contains(id.name.as_str()))
    }

    /// `express()`, `fastify()`, `require('express')()`, `NestFactory.create()`.
    fn creates(&self, call: &CallExpression<'_>) -> bool {
        match self.kind {
            ServerKind::Express | ServerKind::Fastify => {
                self.bound(&call.callee)
                    || matches!(&call.callee, Expression::CallExpression(inner) if require_source(inner) == Some(self.package))
            }
            ServerKind::NestJs => match &call.callee {
                Expression::StaticMemberExpression(member) => {
                    member.property.name == "create" && self.bound(&member.object)
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn record(&mut self, start: u32) {
        if self.found.is_none() {
            self.found = Some((start as usize, self.binding.clone()));
        }
    }
}

impl<'a> Visit<'a> for Finder {
    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        let name = match &it.id {
            BindingPattern::BindingIdentifier(id) => Some(id.name.to_string()),
            _ => None,
        };
        if let (Some(name), Some(Expression::CallExpression(call))) = (&name, &it.init)
            && require_source(call) == Some(self.package)
        {
            self.locals.insert(name.clone());
        }
        // `const { Hono } = require('hono')`, `const { NestFactory } = require(...)`.
        if let (BindingPattern::ObjectPattern(pattern), Some(Expression::CallExpression(call))) =
            (&it.id, &it.init)
            && require_source(call) == Some(self.package)
        {
            for property in &pattern.properties {
                if let BindingPattern::BindingIdentifier(id) = &property.value {
                    self.locals.insert(id.name.to_string());
                }
            }
        }
        let outer = std::mem::replace(&mut self.binding, name);
        walk::walk_variable_declarator(self, it);
        self.binding = outer;
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if self.creates(it) {
            self.record(it.span.start);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if self.kind == ServerKind::Hono && self.bound(&it.callee) {
            self.record(it.span.start);
        }
        walk::walk_new_expression(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &str, text: &str, kind: ServerKind) -> Option<AppCreation> {
        let allocator = oxc_allocator::Allocator::default();
        let program = crate::js::parse(&allocator, std::path::Path::new(path), text).unwrap();
        find(&program, kind)
    }

    #[test]
    fn finds_each_kind_of_app_creation() {
        let express = found(
            "a.js",
            "import express from 'express'\nconst app = express()\napp.listen(3000)\n",
            ServerKind::Express,
        )
        .unwrap();
        assert_eq!(express.binding.as_deref(), Some("app"));
        assert_eq!(express.statement_end, Some(51));
        let cjs = found(
            "a.cjs",
            "const app = require('express')()\n",
            ServerKind::Express,
        );
        assert_eq!(cjs.unwrap().binding.as_deref(), Some("app"));
        let fastify = found(
            "a.ts",
            "import Fastify from 'fastify'\nexport const server = Fastify({ logger: true })\n",
            ServerKind::Fastify,
        );
        assert_eq!(fastify.unwrap().binding.as_deref(), Some("server"));
        let hono = found(
            "a.ts",
            "import { Hono } from 'hono'\nconst app = new Hono()\nexport default app\n",
            ServerKind::Hono,
        );
        assert_eq!(hono.unwrap().binding.as_deref(), Some("app"));
        let nest = found(
            "main.ts",
            "import { NestFactory } from '@nestjs/core'\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule)\n}\nbootstrap()\n",
            ServerKind::NestJs,
        )
        .unwrap();
        assert_eq!(nest.binding.as_deref(), Some("app"));
        assert_eq!(nest.statement_end, None, "inside a function");
    }

    #[test]
    fn a_call_not_bound_to_the_package_is_no_app() {
        assert_eq!(
            found("a.js", "const app = express()\n", ServerKind::Express),
            None
        );
        assert_eq!(
            found(
                "a.js",
                "import express from 'not-express'\nconst app = express()\n",
                ServerKind::Express
            ),
            None
        );
    }

    #[test]
    fn lists_relative_imports_and_requires() {
        let allocator = oxc_allocator::Allocator::default();
        let text = "import a from './a.js'\nimport b from 'b'\nconst c = require('./c')\nexport * from './d'\n";
        let program = crate::js::parse(&allocator, std::path::Path::new("x.js"), text).unwrap();
        let mut imports = relative_imports(&program);
        imports.sort();
        assert_eq!(imports, ["./a.js", "./c", "./d"]);
    }
}
