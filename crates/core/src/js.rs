//! JS/TS parsing helpers on top of oxc: parse a file with the right source
//! type, turn parser errors into `file:line:col` messages, and read the small
//! facts (imports, JSX names) that detection and edits need.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Expression, ImportDeclarationSpecifier, JSXElementName, JSXMemberExpressionObject,
    ModuleExportName, Program, Statement,
};
use oxc_parser::Parser;
use oxc_span::SourceType;

use crate::{ProjectError, nesting};

/// The source type for a path: TS for `.ts`/`.mts`/`.cts`, TSX for `.tsx`,
/// and JSX for every JavaScript extension (plain `.js` files in React apps
/// often hold JSX).
pub fn source_type_for(path: &Path) -> SourceType {
    match path.extension().and_then(|e| e.to_str()) {
        Some("ts" | "mts" | "cts") => SourceType::ts(),
        Some("tsx") => SourceType::tsx(),
        Some("cjs") => SourceType::cjs().with_jsx(true),
        _ => SourceType::mjs().with_jsx(true),
    }
}

/// Parses `text` (the contents of `path`), failing with the first syntax
/// error as `path:line:col: message`, or when it nests too deep to parse
/// and walk safely (see [`nesting`]). The caller walks the tree on a stack
/// with room for [`nesting::MAX_TREE_DEPTH`] levels (every command runs on
/// a big one).
pub fn parse<'a>(
    allocator: &'a Allocator,
    path: &Path,
    text: &'a str,
) -> Result<Program<'a>, ProjectError> {
    let source_type = source_type_for(path);
    let too_deep = |offset: usize| {
        let (line, column) = line_col(text, offset);
        ProjectError::TooDeep {
            path: path.to_path_buf(),
            line,
            column,
        }
    };
    let estimate = nesting::measure(text, source_type.is_jsx());
    if let Some(offset) = estimate.too_deep_at {
        return Err(too_deep(offset));
    }
    let ret = nesting::with_stack_for(estimate.depth, || {
        Parser::new(allocator, text, source_type).parse()
    });
    if let Some(diagnostic) = ret.diagnostics.errors().next() {
        let offset = diagnostic
            .labels
            .first()
            .map_or(0, |label| label.offset() as usize);
        let (line, column) = line_col(text, offset);
        return Err(ProjectError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: diagnostic.message.to_string(),
        });
    }
    if ret.panicked {
        return Err(ProjectError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the parser could not read this file".to_owned(),
        });
    }
    if let Some(offset) = nesting::tree_depth(&ret.program).too_deep_at {
        return Err(too_deep(offset));
    }
    Ok(ret.program)
}

/// Checks that `text` parses as `path`'s language.
pub fn check_parses(path: &Path, text: &str) -> Result<(), ProjectError> {
    let allocator = Allocator::default();
    parse(&allocator, path, text).map(|_| ())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(text, offset)
}

/// Where a text's lines start, for many offset-to-line lookups in it.
#[derive(Debug, Clone, Default)]
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(text: &str) -> Self {
        Self(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// 1-based line and column (in characters) of a byte offset in `text`
    /// (the text this index was made from).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.0.partition_point(|&start| start <= offset).max(1);
        let start = self.0.get(line - 1).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// One `import` declaration's facts.
#[derive(Debug, Clone)]
pub struct ImportInfo {
    /// The module specifier, e.g. `@workos-inc/widgets`.
    pub source: String,
    /// Imported names (`imported` side; `default` and `*` for default and
    /// namespace imports).
    pub names: Vec<String>,
    /// Local names bound by this import.
    pub locals: Vec<String>,
    pub start: usize,
    pub end: usize,
    /// Whether the statement has named specifiers in braces.
    pub has_braces: bool,
    /// Byte offset just before the closing `}` of the named specifiers.
    pub braces_end: Option<usize>,
}

/// Every top-level `import` of a program, in source order.
pub fn imports(program: &Program<'_>) -> Vec<ImportInfo> {
    let text = program.source_text;
    program
        .body
        .iter()
        .filter_map(|statement| match statement {
            Statement::ImportDeclaration(decl) => Some(decl),
            _ => None,
        })
        .map(|decl| {
            let mut names = Vec::new();
            let mut locals = Vec::new();
            let mut has_braces = false;
            let mut last_named_end = None;
            for specifier in decl.specifiers.iter().flatten() {
                match specifier {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => {
                        has_braces = true;
                        last_named_end = Some(s.span.end as usize);
                        names.push(module_export_name(&s.imported));
                        locals.push(s.local.name.to_string());
                    }
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                        names.push("default".to_owned());
                        locals.push(s.local.name.to_string());
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                        names.push("*".to_owned());
                        locals.push(s.local.name.to_string());
                    }
                }
            }
            let (start, end) = (decl.span.start as usize, decl.span.end as usize);
            let braces_end =
                last_named_end.and_then(|after| text[after..end].find('}').map(|i| after + i));
            ImportInfo {
                source: decl.source.value.to_string(),
                names,
                locals,
                start,
                end,
                has_braces,
                braces_end,
            }
        })
        .collect()
}

fn module_export_name(name: &ModuleExportName<'_>) -> String {
    match name {
        ModuleExportName::IdentifierName(id) => id.name.to_string(),
        ModuleExportName::IdentifierReference(id) => id.name.to_string(),
        ModuleExportName::StringLiteral(s) => s.value.to_string(),
    }
}

/// The dotted name of a JSX element, e.g. `WorkOsWidgets` or `React.StrictMode`.
pub fn jsx_name(name: &JSXElementName<'_>) -> String {
    match name {
        JSXElementName::Identifier(id) => id.name.to_string(),
        JSXElementName::IdentifierReference(id) => id.name.to_string(),
        JSXElementName::NamespacedName(ns) => format!("{}:{}", ns.namespace.name, ns.name.name),
        JSXElementName::MemberExpression(member) => {
            let object = match &member.object {
                JSXMemberExpressionObject::IdentifierReference(id) => id.name.to_string(),
                JSXMemberExpressionObject::MemberExpression(inner) => {
                    format!(
                        "{}.{}",
                        jsx_member_object(&inner.object),
                        inner.property.name
                    )
                }
                JSXMemberExpressionObject::ThisExpression(_) => "this".to_owned(),
            };
            format!("{object}.{}", member.property.name)
        }
        JSXElementName::ThisExpression(_) => "this".to_owned(),
    }
}

fn jsx_member_object(object: &JSXMemberExpressionObject<'_>) -> String {
    match object {
        JSXMemberExpressionObject::IdentifierReference(id) => id.name.to_string(),
        JSXMemberExpressionObject::MemberExpression(inner) => {
            format!(
                "{}.{}",
                jsx_member_object(&inner.object),
                inner.property.name
            )
        }
        JSXMemberExpressionObject::ThisExpression(_) => "this".to_owned(),
    }
}

/// Strips parentheses and TS-only wrappers (`x!`, `x as T`, `x satisfies T`).
pub fn unwrap_expression<'b, 'a>(mut expr: &'b Expression<'a>) -> &'b Expression<'a> {
    loop {
        expr = match expr {
            Expression::ParenthesizedExpression(e) => &e.expression,
            Expression::TSAsExpression(e) => &e.expression,
            Expression::TSSatisfiesExpression(e) => &e.expression,
            Expression::TSNonNullExpression(e) => &e.expression,
            _ => return expr,
        };
    }
}

/// The names a module binds at its top level: imports, and declared
/// variables, functions and classes (exported or not), with where each
/// import comes from (`None` for a declaration).
pub fn top_level_bindings(program: &Program<'_>) -> Vec<(String, Option<(String, String)>)> {
    use oxc_ast::ast::Declaration;
    let mut found: Vec<(String, Option<(String, String)>)> = imports(program)
        .into_iter()
        .flat_map(|import| {
            let source = import.source.clone();
            import
                .locals
                .into_iter()
                .zip(import.names)
                .map(move |(local, name)| (local, Some((source.clone(), name))))
        })
        .collect();
    let mut declare = |declaration: &Declaration<'_>| match declaration {
        Declaration::VariableDeclaration(d) => {
            for declarator in &d.declarations {
                for id in declarator.id.get_binding_identifiers() {
                    found.push((id.name.to_string(), None));
                }
            }
        }
        Declaration::FunctionDeclaration(f) => {
            if let Some(id) = &f.id {
                found.push((id.name.to_string(), None));
            }
        }
        Declaration::ClassDeclaration(c) => {
            if let Some(id) = &c.id {
                found.push((id.name.to_string(), None));
            }
        }
        _ => {}
    };
    for statement in &program.body {
        if let Some(declaration) = statement.as_declaration() {
            declare(declaration);
        } else if let Statement::ExportDeclaration(export) = statement {
            declare(&export.declaration);
        }
    }
    found
}

/// The first of `candidates` that `program` leaves free for an import of
/// `name` from `source`: free, or already that very import.
pub fn free_name(
    program: &Program<'_>,
    name: &str,
    source: &str,
    candidates: &[&'static str],
) -> Option<&'static str> {
    let bindings = top_level_bindings(program);
    candidates.iter().copied().find(|candidate| {
        bindings
            .iter()
            .filter(|(local, _)| local == candidate)
            .all(|(_, from)| from.as_ref().is_some_and(|(s, n)| s == source && n == name))
    })
}

/// The preferred quote character of a file, judged by its first import
/// (or `require()`).
pub fn quote_style(text: &str) -> char {
    let single = text
        .find("from '")
        .or_else(|| text.find("import '"))
        .or_else(|| text.find("require('"));
    let double = text
        .find("from \"")
        .or_else(|| text.find("import \""))
        .or_else(|| text.find("require(\""));
    match (single, double) {
        (Some(s), Some(d)) if s < d => '\'',
        (Some(_), None) => '\'',
        _ => '"',
    }
}

/// Whether the file ends its import statements with semicolons.
pub fn uses_semicolons(text: &str, imports: &[ImportInfo]) -> bool {
    imports
        .first()
        .is_none_or(|import| text[..import.end].trim_end().ends_with(';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_syntax_errors_with_position() {
        let err = check_parses(Path::new("src/main.tsx"), "const a = ;\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("src/main.tsx:1:"), "{text}");
    }

    #[test]
    fn reads_imports() {
        let allocator = Allocator::default();
        let src = "import a, { b as c } from 'x';\nimport './y.css'\n";
        let program = parse(&allocator, Path::new("a.ts"), src).unwrap();
        let found = imports(&program);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].names, ["default", "b"]);
        assert_eq!(found[0].locals, ["a", "c"]);
        assert_eq!(
            &src[found[0].braces_end.unwrap()..=found[0].braces_end.unwrap()],
            "}"
        );
        assert_eq!(found[1].source, "./y.css");
        assert_eq!(quote_style(src), '\'');
        assert!(uses_semicolons(src, &found));
    }

    #[test]
    fn computes_line_and_column() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}

/// One JSX element occurrence: its name, span, attributes, and the names of
/// its JSX ancestors (outermost first) within the same file.
#[derive(Debug, Clone)]
pub struct JsxElementInfo {
    pub name: String,
    pub start: usize,
    pub end: usize,
    pub attributes: Vec<JsxAttributeInfo>,
    /// Whether a `{...spread}` attribute is present (props may come from it).
    pub has_spread: bool,
    pub ancestors: Vec<String>,
}

impl JsxElementInfo {
    /// The attribute called `name`.
    pub fn attribute(&self, name: &str) -> Option<&JsxAttributeInfo> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

/// One `name=value` JSX attribute.
#[derive(Debug, Clone)]
pub struct JsxAttributeInfo {
    pub name: String,
    /// Span of the whole attribute.
    pub start: usize,
    pub end: usize,
    /// Span of the attribute name.
    pub name_end: usize,
    /// Source text of the value: the expression inside `{}` or the string
    /// literal with its quotes; `None` for a bare boolean attribute.
    pub value: Option<String>,
    /// Whether the value is a string literal.
    pub is_string: bool,
}

/// Every JSX element in a program, in source order.
pub fn jsx_elements(program: &Program<'_>) -> Vec<JsxElementInfo> {
    use oxc_ast_visit::Visit;

    struct Collector<'s> {
        text: &'s str,
        stack: Vec<String>,
        found: Vec<JsxElementInfo>,
    }

    impl<'a> Visit<'a> for Collector<'_> {
        fn visit_jsx_element(&mut self, it: &oxc_ast::ast::JSXElement<'a>) {
            use oxc_ast::ast::{JSXAttributeItem, JSXAttributeName, JSXAttributeValue};
            let name = jsx_name(&it.opening_element.name);
            let mut attributes = Vec::new();
            let mut has_spread = false;
            for item in &it.opening_element.attributes {
                match item {
                    JSXAttributeItem::Attribute(attr) => {
                        let attr_name = match &attr.name {
                            JSXAttributeName::Identifier(id) => id.name.to_string(),
                            JSXAttributeName::NamespacedName(ns) => {
                                format!("{}:{}", ns.namespace.name, ns.name.name)
                            }
                        };
                        let name_span = match &attr.name {
                            JSXAttributeName::Identifier(id) => id.span,
                            JSXAttributeName::NamespacedName(ns) => ns.span,
                        };
                        let (value, is_string) = match &attr.value {
                            None => (None, false),
                            Some(JSXAttributeValue::StringLiteral(s)) => {
                                (Some(s.span.source_text(self.text).to_owned()), true)
                            }
                            Some(JSXAttributeValue::ExpressionContainer(c)) => {
                                let span = oxc_span::GetSpan::span(&c.expression);
                                (Some(span.source_text(self.text).to_owned()), false)
                            }
                            Some(other) => (
                                Some(
                                    oxc_span::GetSpan::span(other)
                                        .source_text(self.text)
                                        .to_owned(),
                                ),
                                false,
                            ),
                        };
                        attributes.push(JsxAttributeInfo {
                            name: attr_name,
                            start: attr.span.start as usize,
                            end: attr.span.end as usize,
                            name_end: name_span.end as usize,
                            value,
                            is_string,
                        });
                    }
                    JSXAttributeItem::SpreadAttribute(_) => has_spread = true,
                }
            }
            self.found.push(JsxElementInfo {
                name: name.clone(),
                start: it.span.start as usize,
                end: it.span.end as usize,
                attributes,
                has_spread,
                ancestors: self.stack.clone(),
            });
            self.stack.push(name);
            oxc_ast_visit::walk::walk_jsx_element(self, it);
            self.stack.pop();
        }
    }

    let mut collector = Collector {
        text: program.source_text,
        stack: Vec::new(),
        found: Vec::new(),
    };
    collector.visit_program(program);
    collector.found
}

/// Where a Next.js root renders the current page: the `{children}` (or
/// `{props.children}`) expression inside `<body>` of an App Router layout,
/// or the `<Component ... />` element of a Pages Router `_app`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSlot {
    /// Byte span of the expression container or element.
    pub start: usize,
    pub end: usize,
    /// Names of its JSX ancestors, outermost first.
    pub ancestors: Vec<String>,
}

/// A function's block body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionBody {
    /// The `{`.
    pub start: usize,
    /// Just past the `}`.
    pub end: usize,
    /// Where its first statement starts, when it has one.
    pub first_statement: Option<usize>,
}

/// The block body of the innermost function (declaration, expression or
/// arrow) around `offset`; `None` when that function is an arrow with an
/// expression body, or when no function is around it.
pub fn enclosing_function_body(program: &Program<'_>, offset: usize) -> Option<FunctionBody> {
    use oxc_ast::ast::{ArrowFunctionExpression, Function, FunctionBody as Body};
    use oxc_ast_visit::Visit;

    struct Finder {
        offset: usize,
        /// The body of the innermost function seen around `offset` (the
        /// walk reaches inner functions last).
        found: Option<FunctionBody>,
    }

    impl Finder {
        fn body(&mut self, span: oxc_span::Span, body: Option<&Body<'_>>, expression: bool) {
            if (span.start as usize) <= self.offset && self.offset < span.end as usize {
                self.found = body.filter(|_| !expression).map(|body| FunctionBody {
                    start: body.span.start as usize,
                    end: body.span.end as usize,
                    first_statement: body
                        .directives
                        .first()
                        .map(|d| d.span.start as usize)
                        .or_else(|| {
                            body.statements
                                .first()
                                .map(|s| oxc_span::GetSpan::span(s).start as usize)
                        }),
                });
            }
        }
    }

    impl<'a> Visit<'a> for Finder {
        fn visit_function(&mut self, it: &Function<'a>, flags: oxc_syntax::scope::ScopeFlags) {
            self.body(it.span, it.body.as_deref(), false);
            oxc_ast_visit::walk::walk_function(self, it, flags);
        }

        fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
            match &it.body {
                oxc_ast::ast::ArrowFunctionBody::FunctionBody(body) => {
                    self.body(it.span, Some(body), false);
                }
                _ => self.body(it.span, None, true),
            }
            oxc_ast_visit::walk::walk_arrow_function_expression(self, it);
        }
    }

    let mut finder = Finder {
        offset,
        found: None,
    };
    finder.visit_program(program);
    finder.found
}

/// The first page slot of a root file (see [`PageSlot`]): `{children}` or
/// `_app`'s `<Component />`, else a router's `<Outlet />` (a React Router /
/// Remix root with no `Layout` export renders its routes there).
pub fn page_slot(program: &Program<'_>) -> Option<PageSlot> {
    slots(program, true).into_iter().next().or_else(|| {
        slots(program, false)
            .into_iter()
            .find(|slot| program.source_text[slot.start..].starts_with("<Outlet"))
    })
}

/// Every place a component renders the tree it is given: `{children}` or
/// `{props.children}` anywhere, a router's `<Outlet />` (React Router,
/// Remix, TanStack Router layout routes) and `_app`'s `<Component />`.
pub fn children_slots(program: &Program<'_>) -> Vec<PageSlot> {
    slots(program, false)
}

fn slots(program: &Program<'_>, page_only: bool) -> Vec<PageSlot> {
    use oxc_ast::ast::{JSXElement, JSXExpression, JSXExpressionContainer};
    use oxc_ast_visit::Visit;

    struct Finder {
        page_only: bool,
        stack: Vec<String>,
        found: Vec<PageSlot>,
    }

    impl Finder {
        fn record(&mut self, span: oxc_span::Span) {
            self.found.push(PageSlot {
                start: span.start as usize,
                end: span.end as usize,
                ancestors: self.stack.clone(),
            });
        }
    }

    impl<'a> Visit<'a> for Finder {
        fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
            let name = jsx_name(&it.opening_element.name);
            if name == "Component" || (!self.page_only && name == "Outlet") {
                self.record(it.span);
            }
            self.stack.push(name);
            oxc_ast_visit::walk::walk_jsx_element(self, it);
            self.stack.pop();
        }

        fn visit_jsx_expression_container(&mut self, it: &JSXExpressionContainer<'a>) {
            let is_children = match &it.expression {
                JSXExpression::Identifier(id) => id.name == "children",
                JSXExpression::StaticMemberExpression(member) => is_props_children(member),
                // `{busy ? <Shell>{children}</Shell> : children}`, `{ready &&
                // children}`: the page renders in one branch or another, so
                // the slot is the whole conditional (wrapping it once wraps
                // every branch).
                JSXExpression::ConditionalExpression(_) | JSXExpression::LogicalExpression(_) => {
                    it.expression.as_expression().is_some_and(mentions_children)
                }
                _ => false,
            };
            let placed = !self.page_only || self.stack.iter().any(|name| name == "body");
            if is_children && placed {
                self.record(it.span);
                return;
            }
            oxc_ast_visit::walk::walk_jsx_expression_container(self, it);
        }
    }

    /// `props.children`.
    fn is_props_children(member: &oxc_ast::ast::StaticMemberExpression<'_>) -> bool {
        member.property.name == "children"
            && matches!(&member.object, Expression::Identifier(id) if id.name == "props")
    }

    /// Whether `expression` reads `children` (or `props.children`) anywhere.
    fn mentions_children(expression: &Expression<'_>) -> bool {
        struct Mentions(bool);
        impl<'a> Visit<'a> for Mentions {
            fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
                self.0 |= it.name == "children";
            }
            fn visit_static_member_expression(
                &mut self,
                it: &oxc_ast::ast::StaticMemberExpression<'a>,
            ) {
                self.0 |= is_props_children(it);
                oxc_ast_visit::walk::walk_static_member_expression(self, it);
            }
        }
        let mut mentions = Mentions(false);
        mentions.visit_expression(expression);
        mentions.0
    }

    let mut finder = Finder {
        page_only,
        stack: Vec::new(),
        found: Vec::new(),
    };
    finder.visit_program(program);
    finder.found
}

#[cfg(test)]
mod page_slot_tests {
    use super::*;

    fn slot(text: &str) -> Option<(String, Vec<String>)> {
        let allocator = Allocator::default();
        let program = parse(&allocator, Path::new("layout.tsx"), text).unwrap();
        page_slot(&program).map(|s| (text[s.start..s.end].to_owned(), s.ancestors))
    }

    #[test]
    fn finds_children_inside_body() {
        let layout = "export default function L({ children }) {\n  return <html><body><Providers>{children}</Providers></body></html>\n}\n";
        assert_eq!(
            slot(layout),
            Some((
                "{children}".to_owned(),
                vec!["html".to_owned(), "body".to_owned(), "Providers".to_owned()]
            ))
        );
        assert_eq!(slot("const a = <div>{children}</div>\n"), None);
        assert_eq!(
            slot("const a = <body>{props.children}</body>\n").map(|s| s.0),
            Some("{props.children}".to_owned())
        );
    }

    #[test]
    fn a_conditional_around_children_is_one_slot_covering_every_branch() {
        for (layout, expected) in [
            (
                "const a = <body>{busy ? <Shell>{children}</Shell> : children}</body>\n",
                "{busy ? <Shell>{children}</Shell> : children}",
            ),
            (
                "const a = <body>{ready && children}<Footer /></body>\n",
                "{ready && children}",
            ),
            (
                "const a = <body>{busy ? <Shell>{children}</Shell> : <>{children}</>}</body>\n",
                "{busy ? <Shell>{children}</Shell> : <>{children}</>}",
            ),
            (
                "const a = <body>{busy ? <Spinner /> : props.children}</body>\n",
                "{busy ? <Spinner /> : props.children}",
            ),
        ] {
            assert_eq!(
                slot(layout).map(|s| s.0).as_deref(),
                Some(expected),
                "{layout}"
            );
        }
        assert_eq!(
            slot("const a = <body>{open ? <Menu /> : null}{children}</body>\n").map(|s| s.0),
            Some("{children}".to_owned()),
            "a conditional that does not render the page is not the slot"
        );
    }

    #[test]
    fn finds_the_app_component() {
        let app = "export default function App({ Component, pageProps }) {\n  return <Component {...pageProps} />\n}\n";
        assert_eq!(
            slot(app),
            Some(("<Component {...pageProps} />".to_owned(), Vec::new()))
        );
    }
}
