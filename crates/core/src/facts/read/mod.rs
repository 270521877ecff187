//! One walk over a parsed file that records every fact the checks need:
//! imports, JSX elements (resolved through the imports), scope-like and
//! secret-like strings, `new WorkOS(...)`, token calls and env reads; where
//! user/organization ids come from is followed by [`super::identity`].

use std::collections::{HashMap, HashSet};

use crate::catalog::WIDGETS_PACKAGE;
use crate::js::{jsx_name, unwrap_expression};
use oxc_ast::ast::{
    ArrayExpressionElement, BindingPattern, CallExpression, ComputedMemberExpression, Expression,
    Function, JSXAttributeItem, JSXAttributeName, JSXAttributeValue, JSXChild, JSXElement,
    JSXExpression, JSXExpressionContainer, NewExpression, ObjectPropertyKind, Program, PropertyKey,
    StaticMemberExpression, StringLiteral, TemplateLiteral, VariableDeclarator,
};
use oxc_ast_visit::Visit;
use oxc_span::GetSpan;

mod links;
mod module_imports;
mod strings;

use links::link_lists;
use module_imports::{imports, widget_reexports};
pub use module_imports::{is_local_module, widgets_export};
use strings::{ConstArray, classify_value, const_arrays, looks_interesting, string_fact};
pub use strings::{looks_like_scope, looks_like_secret};

use super::{
    Ancestors, AttributeFact, EnvAccess, EnvRead, ImportFact, JsxFact, JsxKind, NewWorkOs,
    RenderCall, ScopesArg, SourceFile, Span, StringFact, TokenCall, TokenMethod, ValueKind,
    is_package,
};

/// Records the facts of `program` (the contents of `file`) into `file`.
pub fn extract(file: &mut SourceFile, program: &Program<'_>) {
    let directive = |name: &str| {
        program
            .directives
            .iter()
            .any(|d| d.directive.as_str() == name)
    };
    file.use_client = directive("use client");
    file.use_server = directive("use server");
    file.imports = imports(program);
    file.link_lists = link_lists(program);
    file.widget_reexports = widget_reexports(program);
    let mut collector = Collector {
        text: program.source_text,
        imports: &file.imports,
        const_arrays: const_arrays(program),
        function_depth: 0,
        open: Vec::new(),
        ancestors: Ancestors::default(),
        destructured_calls: HashSet::new(),
        jsx: Vec::new(),
        strings: Vec::new(),
        new_workos: Vec::new(),
        token_calls: Vec::new(),
        env_reads: Vec::new(),
        render_calls: Vec::new(),
        type_depth: 0,
        value_refs: HashSet::new(),
    };
    collector.visit_program(program);
    let Collector {
        jsx,
        strings,
        new_workos,
        token_calls,
        env_reads,
        render_calls,
        value_refs,
        ..
    } = collector;
    // TypeScript erases imports whose bindings are only used as types (or
    // not at all); `verbatimModuleSyntax` makes such an import an error.
    if is_typescript(&file.path) {
        for import in &mut file.imports {
            if !import.bindings.is_empty()
                && import
                    .bindings
                    .iter()
                    .all(|b| !value_refs.contains(&b.local))
            {
                import.type_only = true;
            }
        }
    }
    file.jsx = jsx;
    file.strings = strings;
    file.new_workos = new_workos;
    file.token_calls = token_calls;
    file.env_reads = env_reads;
    file.identity = super::identity::identity_flow(program, &file.imports);
    file.render_calls = render_calls;
    file.render = super::render::extract(program, file.jsx.len());
}

fn is_typescript(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "ts" | "tsx" | "mts" | "cts"))
}

struct Collector<'f> {
    text: &'f str,
    imports: &'f [ImportFact],
    const_arrays: HashMap<String, ConstArray>,
    function_depth: usize,
    /// Indexes of the JSX elements enclosing the current node.
    open: Vec<usize>,
    /// The same, shared with the elements' facts.
    ancestors: Ancestors,
    /// Start offsets of calls whose result is destructured as `{ token }`.
    destructured_calls: HashSet<u32>,
    jsx: Vec<JsxFact>,
    strings: Vec<StringFact>,
    new_workos: Vec<NewWorkOs>,
    token_calls: Vec<TokenCall>,
    env_reads: Vec<EnvRead>,
    render_calls: Vec<RenderCall>,
    /// Depth of TypeScript type positions around the current node.
    type_depth: usize,
    /// Names referenced as values (outside type positions).
    value_refs: HashSet<String>,
}

impl Collector<'_> {
    fn source(&self, span: oxc_span::Span) -> &str {
        span.source_text(self.text)
    }

    fn binding(&self, local: &str) -> Option<(&ImportFact, &str)> {
        self.imports.iter().find_map(|import| {
            import
                .bindings
                .iter()
                .find(|b| b.local == local)
                .map(|b| (import, b.imported.as_str()))
        })
    }

    /// What the JSX name `name` refers to, through the imports.
    fn resolve(&self, name: &str) -> (JsxKind, Option<String>) {
        let (head, member) = match name.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (name, None),
        };
        let Some((import, imported)) = self.binding(head) else {
            return (JsxKind::Other, None);
        };
        let imported = match (imported, member) {
            ("*", Some(member)) => member,
            (_, Some(_)) => return (JsxKind::Other, None),
            (imported, None) => imported,
        };
        let source = import.source.as_str();
        let kind = if is_package(source, WIDGETS_PACKAGE) {
            widgets_export(imported)
        } else if (source, imported) == ("@tanstack/react-query", "QueryClientProvider")
            || (source, imported)
                == (
                    "@tanstack/react-query-persist-client",
                    "PersistQueryClientProvider",
                )
        {
            JsxKind::QueryClientProvider
        } else if source == "@radix-ui/themes" && imported == "Theme" {
            JsxKind::Theme
        } else if is_local_module(source) {
            return (JsxKind::Local, Some(source.to_owned()));
        } else {
            JsxKind::Other
        };
        (kind, None)
    }

    fn is_workos_class(&self, callee: &Expression<'_>) -> bool {
        match unwrap_expression(callee) {
            Expression::Identifier(id) => self
                .binding(&id.name)
                .is_some_and(|(i, name)| i.source == "@workos-inc/node" && name == "WorkOS"),
            Expression::StaticMemberExpression(member) => {
                member.property.name == "WorkOS"
                    && matches!(&member.object, Expression::Identifier(id)
                        if self.binding(&id.name).is_some_and(|(i, name)| i.source == "@workos-inc/node" && name == "*"))
            }
            _ => false,
        }
    }

    fn mark_wrapping(&mut self) {
        for &index in &self.open {
            self.jsx[index].wraps_children = true;
        }
    }

    fn attribute_value(&self, value: Option<&JSXAttributeValue<'_>>) -> (ValueKind, String) {
        match value {
            None => (ValueKind::Bool, String::new()),
            Some(JSXAttributeValue::StringLiteral(s)) => {
                (ValueKind::String, self.source(s.span).to_owned())
            }
            Some(JSXAttributeValue::ExpressionContainer(container)) => {
                let text = self.source(container.expression.span()).to_owned();
                let kind = container
                    .expression
                    .as_expression()
                    .map_or(ValueKind::Unknown, classify_value);
                (kind, text)
            }
            Some(other) => (ValueKind::Unknown, self.source(other.span()).to_owned()),
        }
    }

    fn scopes_of(&self, call: &CallExpression<'_>) -> ScopesArg {
        let Some(Expression::ObjectExpression(options)) = call
            .arguments
            .first()
            .and_then(|a| a.as_expression())
            .map(unwrap_expression)
        else {
            return ScopesArg::Unknown;
        };
        let mut value = None;
        for property in &options.properties {
            match property {
                ObjectPropertyKind::ObjectProperty(p)
                    if p.key.static_name().as_deref() == Some("scopes") =>
                {
                    value = Some(&p.value);
                }
                ObjectPropertyKind::ObjectProperty(_) => {}
                ObjectPropertyKind::SpreadProperty(_) => return ScopesArg::Unknown,
            }
        }
        let Some(value) = value else {
            return ScopesArg::Absent;
        };
        match unwrap_expression(value) {
            Expression::Identifier(id) => self.known_const(&id.name),
            Expression::ArrayExpression(array) => {
                let mut scopes = Vec::new();
                let mut holder = Span::from(array.span);
                for element in &array.elements {
                    match element {
                        ArrayExpressionElement::StringLiteral(s) => scopes.push(string_fact(s)),
                        ArrayExpressionElement::SpreadElement(spread) => {
                            let Expression::Identifier(id) = unwrap_expression(&spread.argument)
                            else {
                                return ScopesArg::Unknown;
                            };
                            let ScopesArg::Known {
                                scopes: more,
                                array,
                            } = self.known_const(&id.name)
                            else {
                                return ScopesArg::Unknown;
                            };
                            scopes.extend(more);
                            holder = array;
                        }
                        _ => return ScopesArg::Unknown,
                    }
                }
                ScopesArg::Known {
                    scopes,
                    array: holder,
                }
            }
            _ => ScopesArg::Unknown,
        }
    }

    fn known_const(&self, name: &str) -> ScopesArg {
        match self.const_arrays.get(name) {
            Some(found) => ScopesArg::Known {
                scopes: found.strings.clone(),
                array: found.span,
            },
            None => ScopesArg::Unknown,
        }
    }

    fn record_env(&mut self, object: &Expression<'_>, name: &str, span: oxc_span::Span) {
        if !name.contains("WORKOS") {
            return;
        }
        let access = match unwrap_expression(object) {
            Expression::StaticMemberExpression(m) if m.property.name == "env" => match &m.object {
                Expression::Identifier(id) if id.name == "process" => EnvAccess::ProcessEnv,
                Expression::ImportMeta(_) => EnvAccess::ImportMetaEnv,
                _ => EnvAccess::Other,
            },
            Expression::Identifier(id) if id.name.ends_with("env") || id.name.ends_with("Env") => {
                EnvAccess::Other
            }
            _ => return,
        };
        self.env_reads.push(EnvRead {
            name: name.to_owned(),
            span: span.into(),
            access,
        });
    }
}

impl<'a> Visit<'a> for Collector<'_> {
    fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
        if self.type_depth == 0 {
            self.value_refs.insert(it.name.to_string());
        }
    }

    fn visit_ts_type(&mut self, it: &oxc_ast::ast::TSType<'a>) {
        self.type_depth += 1;
        oxc_ast_visit::walk::walk_ts_type(self, it);
        self.type_depth -= 1;
    }

    fn visit_ts_type_name(&mut self, it: &oxc_ast::ast::TSTypeName<'a>) {
        self.type_depth += 1;
        oxc_ast_visit::walk::walk_ts_type_name(self, it);
        self.type_depth -= 1;
    }

    fn visit_ts_interface_declaration(&mut self, it: &oxc_ast::ast::TSInterfaceDeclaration<'a>) {
        self.type_depth += 1;
        oxc_ast_visit::walk::walk_ts_interface_declaration(self, it);
        self.type_depth -= 1;
    }

    fn visit_ts_type_alias_declaration(&mut self, it: &oxc_ast::ast::TSTypeAliasDeclaration<'a>) {
        self.type_depth += 1;
        oxc_ast_visit::walk::walk_ts_type_alias_declaration(self, it);
        self.type_depth -= 1;
    }

    fn visit_export_named_declaration(&mut self, it: &oxc_ast::ast::ExportNamedDeclaration<'a>) {
        let erased = it.export_kind.is_type();
        self.type_depth += usize::from(erased);
        oxc_ast_visit::walk::walk_export_named_declaration(self, it);
        self.type_depth -= usize::from(erased);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: oxc_syntax::scope::ScopeFlags) {
        self.function_depth += 1;
        oxc_ast_visit::walk::walk_function(self, it, flags);
        self.function_depth -= 1;
    }

    fn visit_arrow_function_expression(&mut self, it: &oxc_ast::ast::ArrowFunctionExpression<'a>) {
        self.function_depth += 1;
        oxc_ast_visit::walk::walk_arrow_function_expression(self, it);
        self.function_depth -= 1;
    }

    fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
        let opening = &it.opening_element;
        let name = jsx_name(&opening.name);
        let (kind, import_source) = self.resolve(&name);
        let mut attributes = Vec::new();
        let mut has_spread = false;
        for item in &opening.attributes {
            match item {
                JSXAttributeItem::Attribute(attr) => {
                    let (attr_name, name_span) = match &attr.name {
                        JSXAttributeName::Identifier(id) => (id.name.to_string(), id.span),
                        JSXAttributeName::NamespacedName(ns) => {
                            (format!("{}:{}", ns.namespace.name, ns.name.name), ns.span)
                        }
                    };
                    let (value, value_text) = self.attribute_value(attr.value.as_ref());
                    attributes.push(AttributeFact {
                        name: attr_name,
                        name_span: name_span.into(),
                        value,
                        value_text,
                    });
                }
                JSXAttributeItem::SpreadAttribute(_) => has_spread = true,
            }
        }
        let has_children = it
            .children
            .iter()
            .any(|child| !matches!(child, JSXChild::Text(t) if t.value.trim().is_empty()));
        // `_app`'s `<Component />` and a layout route's `<Outlet />` render
        // the rest of the app.
        if name == "Component" {
            self.mark_wrapping();
        }
        if name == "Outlet" {
            self.mark_wrapping();
            for &index in &self.open {
                self.jsx[index].wraps_outlet = true;
            }
        }
        self.jsx.push(JsxFact {
            name,
            kind,
            span: opening.name.span().into(),
            element: it.span.into(),
            attributes,
            has_spread,
            has_children,
            wraps_children: false,
            wraps_outlet: false,
            ancestors: self.ancestors.clone(),
            import_source,
        });
        let index = self.jsx.len() - 1;
        self.open.push(index);
        let inner = self.ancestors.with(index);
        let outer = std::mem::replace(&mut self.ancestors, inner);
        oxc_ast_visit::walk::walk_jsx_element(self, it);
        self.ancestors = outer;
        self.open.pop();
    }

    fn visit_jsx_expression_container(&mut self, it: &JSXExpressionContainer<'a>) {
        let is_children = match &it.expression {
            JSXExpression::Identifier(id) => id.name == "children",
            JSXExpression::StaticMemberExpression(m) => m.property.name == "children",
            _ => false,
        };
        if is_children {
            self.mark_wrapping();
        }
        oxc_ast_visit::walk::walk_jsx_expression_container(self, it);
    }

    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        if looks_interesting(&it.value) {
            self.strings.push(string_fact(it));
        }
    }

    fn visit_template_literal(&mut self, it: &TemplateLiteral<'a>) {
        if it.quasis.iter().any(|q| looks_like_secret(&q.value.raw)) {
            self.strings.push(StringFact {
                value: it
                    .quasis
                    .iter()
                    .map(|q| q.value.raw.as_str())
                    .collect::<Vec<_>>()
                    .join("${}"),
                span: it.span.into(),
            });
        }
        oxc_ast_visit::walk::walk_template_literal(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if self.is_workos_class(&it.callee) {
            self.new_workos.push(NewWorkOs {
                span: it.span.into(),
                module_scope: self.function_depth == 0,
            });
        }
        oxc_ast_visit::walk::walk_new_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (BindingPattern::ObjectPattern(pattern), Some(init)) = (&it.id, &it.init) {
            let keys: Vec<(String, oxc_span::Span)> = pattern
                .properties
                .iter()
                .filter_map(|p| match &p.key {
                    PropertyKey::StaticIdentifier(id) => Some((id.name.to_string(), id.span)),
                    _ => None,
                })
                .collect();
            let init = unwrap_await(init);
            if keys.iter().any(|(k, _)| k == "token")
                && let Expression::CallExpression(call) = init
            {
                self.destructured_calls.insert(call.span.start);
            }
            let init_text = self.source(init.span());
            if init_text == "process.env" || init_text == "import.meta.env" {
                for (key, span) in &keys {
                    self.record_env(init, key, *span);
                }
            }
        }
        oxc_ast_visit::walk::walk_variable_declarator(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let render = render_callee(it);
        let first_jsx = self.jsx.len();
        if let Expression::StaticMemberExpression(member) = unwrap_expression(&it.callee) {
            let method = match member.property.name.as_str() {
                "getToken" => Some(TokenMethod::GetToken),
                "createToken" => Some(TokenMethod::CreateToken),
                _ => None,
            };
            let on_widgets = match unwrap_expression(&member.object) {
                Expression::StaticMemberExpression(m) => m.property.name == "widgets",
                Expression::Identifier(id) => id.name == "widgets",
                _ => false,
            };
            if let (Some(method), true) = (method, on_widgets) {
                self.token_calls.push(TokenCall {
                    method,
                    span: member.property.span.into(),
                    destructures_token: self.destructured_calls.contains(&it.span.start),
                    scopes: self.scopes_of(it),
                });
            }
        }
        oxc_ast_visit::walk::walk_call_expression(self, it);
        if let Some(span) = render {
            self.render_calls.push(RenderCall {
                span: span.into(),
                jsx: first_jsx..self.jsx.len(),
            });
        }
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        let name = it.property.name.as_str();
        self.record_env(&it.object, name, it.property.span);
        oxc_ast_visit::walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if let Expression::StringLiteral(key) = &it.expression {
            self.record_env(&it.object, &key.value, key.span);
        }
        oxc_ast_visit::walk::walk_computed_member_expression(self, it);
    }
}

/// The callee name's span of a `render(<JSX />)`/`hydrateRoot(el, <JSX />)`
/// call (the calls `init` wraps).
fn render_callee(call: &CallExpression<'_>) -> Option<oxc_span::Span> {
    let (name, span) = match unwrap_expression(&call.callee) {
        Expression::Identifier(id) => (id.name.as_str(), id.span),
        Expression::StaticMemberExpression(member) => {
            (member.property.name.as_str(), member.property.span)
        }
        _ => return None,
    };
    let tree = match name {
        "render" => call.arguments.first(),
        "hydrateRoot" => call.arguments.get(1),
        _ => None,
    }?;
    matches!(
        tree.as_expression().map(unwrap_expression),
        Some(Expression::JSXElement(_) | Expression::JSXFragment(_))
    )
    .then_some(span)
}

fn unwrap_await<'b, 'a>(expr: &'b Expression<'a>) -> &'b Expression<'a> {
    match unwrap_expression(expr) {
        Expression::AwaitExpression(a) => unwrap_expression(&a.argument),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use std::path::Path;

    fn facts(path: &str, src: &str) -> SourceFile {
        let allocator = Allocator::default();
        let program = crate::js::parse(&allocator, Path::new(path), src).expect("parses");
        let mut file = SourceFile::new(path.into(), src.to_owned());
        extract(&mut file, &program);
        file
    }

    #[test]
    fn resolves_widgets_through_aliases_and_entry_points() {
        let file = facts(
            "a.tsx",
            "import { UserProfile as UP } from '@workos-inc/widgets'\n\
             import { UsersManagement } from '@workos-inc/widgets/users-management'\n\
             import * as W from '@workos-inc/widgets'\n\
             const UserSecurity = () => null\n\
             export const A = () => <W.WorkOsWidgets><UP authToken={getToken} /><UsersManagement authToken=\"t\" /><UserSecurity /></W.WorkOsWidgets>\n",
        );
        let kinds: Vec<_> = file.jsx.iter().map(|e| e.kind).collect();
        assert_eq!(kinds[0], JsxKind::Root);
        assert!(matches!(kinds[1], JsxKind::Widget(w) if w.component == "UserProfile"));
        assert!(matches!(kinds[2], JsxKind::Widget(w) if w.component == "UsersManagement"));
        assert_eq!(
            kinds[3],
            JsxKind::Other,
            "a local UserSecurity is no widget"
        );
        assert_eq!(file.jsx[1].ancestors.iter().collect::<Vec<_>>(), [&0]);
        assert_eq!(file.jsx[1].attributes[0].value, ValueKind::Function);
        assert_eq!(file.jsx[2].attributes[0].value, ValueKind::String);
    }

    #[test]
    fn reads_token_calls_and_their_scopes() {
        let file = facts(
            "t.ts",
            "import { WorkOS } from '@workos-inc/node'\n\
             const workos = new WorkOS(process.env.WORKOS_API_KEY)\n\
             export const WIDGETS_SCOPES = ['widgets:users-table:manage'] as const\n\
             export async function h(request: Request) {\n\
               const { userId } = await request.json()\n\
               const { organizationId } = await withAuth({ request, params: {}, context: {} })\n\
               const { token } = await workos.widgets.createToken({ organizationId: 'o', userId, scopes: [...WIDGETS_SCOPES] })\n\
               return token\n\
             }\n",
        );
        assert_eq!(file.new_workos.len(), 1);
        assert!(file.new_workos[0].module_scope);
        assert_eq!(file.env_reads[0].name, "WORKOS_API_KEY");
        assert_eq!(file.env_reads[0].access, EnvAccess::ProcessEnv);
        assert_eq!(file.identity.reads[0].name, "userId");
        assert_eq!(file.identity.reads.len(), 1);
        let call = &file.token_calls[0];
        assert_eq!(call.method, TokenMethod::CreateToken);
        assert!(call.destructures_token);
        let ScopesArg::Known { scopes, .. } = &call.scopes else {
            panic!("scopes not resolved: {:?}", call.scopes);
        };
        assert_eq!(scopes[0].value, "widgets:users-table:manage");
    }

    #[test]
    fn marks_roots_that_wrap_children() {
        let file = facts(
            "layout.tsx",
            "import { WorkOsWidgets } from '@workos-inc/widgets'\n\
             export default function L({ children }) { return <html><body><WorkOsWidgets>{children}</WorkOsWidgets></body></html> }\n",
        );
        let root = file.roots().next().expect("a root");
        assert!(root.wraps_children && root.has_children);
    }

    #[test]
    fn records_every_render_call_and_its_tree() {
        let file = facts(
            "main.tsx",
            "import { WorkOsWidgets } from '@workos-inc/widgets'\n\
             const root = createRoot(el)\n\
             if (dev) { root.render(<StrictMode><App /></StrictMode>) }\n\
             else { root.render(<WorkOsWidgets><App /></WorkOsWidgets>) }\n\
             hydrateRoot(el, <><App /></>)\n\
             other.render(notJsx)\n",
        );
        let trees: Vec<Vec<&str>> = file
            .render_calls
            .iter()
            .map(|r| {
                file.jsx[r.jsx.clone()]
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect()
            })
            .collect();
        assert_eq!(
            trees,
            [
                vec!["StrictMode", "App"],
                vec!["WorkOsWidgets", "App"],
                vec!["App"]
            ]
        );
        let names: Vec<&str> = file
            .render_calls
            .iter()
            .map(|r| &file.text[r.span.start..r.span.end])
            .collect();
        assert_eq!(names, ["render", "render", "hydrateRoot"]);
    }

    #[test]
    fn marks_type_only_imports() {
        let file = facts(
            "c.tsx",
            "'use server'\n\
             import type { A } from 'x'\n\
             import { type B } from 'x'\n\
             import { C, D } from 'x'\n\
             import E from 'y'\n\
             import * as F from 'y'\n\
             import 'z'\n\
             import { G } from 'g'\n\
             let c: C = null as unknown as F.Thing\n\
             interface H extends E {}\n\
             export const f = (e: E, b: B): A => <G value={c} />\n",
        );
        let type_only: Vec<bool> = file.imports.iter().map(|i| i.type_only).collect();
        assert_eq!(type_only, [true, true, true, true, true, false, false]);
        assert!(file.use_server && !file.use_client);
        let file = facts("c.tsx", "import { C, D } from 'x'\nlet c: C = D\n");
        assert!(!file.imports[0].type_only, "D is a value");
        let file = facts("c.jsx", "import { C } from 'x'\n");
        assert!(
            !file.imports[0].type_only,
            "JavaScript keeps unused imports"
        );
    }

    #[test]
    fn spots_scope_strings() {
        assert!(looks_like_scope("widgets:users-table:manage"));
        assert!(looks_like_scope("widget:users_table:manage"));
        assert!(!looks_like_scope("widget:hover"));
        assert!(!looks_like_scope("widgets: a b :c"));
    }

    #[test]
    fn spots_secrets() {
        assert!(looks_like_secret("sk_test_abcdefgh1234"));
        assert!(!looks_like_secret("sk_test_..."));
        assert!(!looks_like_secret("task_test_abcdefgh1234"));
    }
}
