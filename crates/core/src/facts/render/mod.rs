//! What a file says about rendering, for the render graph
//! ([`crate::graph`]): the components and render helpers it defines, what
//! it exports, which definition each JSX element belongs to, the calls of
//! local render helpers, the places where a component renders what it is
//! given (`{children}`, `<Outlet />`, `_app`'s `<Component />`, a props
//! spread), components loaded with `lazy()`/`next/dynamic`, the route
//! components of TanStack route definitions and React Router route tables,
//! the variables minted widget tokens are bound to, and the React contexts
//! created and read ([`contexts`]).
//!
//! Read in its own walk, after [`super::read::extract`]: JSX elements are
//! counted in the same order, so `elements[i]` describes `file.jsx[i]`.

use oxc_ast::ast::{
    BindingPattern, CallExpression, Class, ExportDefaultDeclarationKind, Expression, Function,
    JSXElement, JSXExpression, JSXExpressionContainer, JSXSpreadAttribute, Program,
    VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;
use oxc_syntax::scope::ScopeFlags;

pub mod contexts;
mod exports;
mod route_objects;

pub use contexts::{ContextFacts, ContextRead, ReadTarget};
use exports::exports;
use route_objects::route_objects;

use super::Span;
use crate::js::unwrap_expression;

/// The render facts of one file.
#[derive(Debug, Clone, Default)]
pub struct RenderFacts {
    /// Components and render helpers: named functions, arrows and classes
    /// (top level or nested), `memo(...)`/`forwardRef(...)` of one, the
    /// anonymous default export (named `default`), and inline route
    /// components (named after their property, `#component`).
    pub definitions: Vec<Definition>,
    /// The module's exports.
    pub exports: Vec<Export>,
    /// One per JSX element of the file, in `SourceFile::jsx` order.
    pub elements: Vec<ElementRender>,
    /// Calls of local functions (and functions passed as arguments, as in
    /// `items.map(renderItem)`) inside a definition.
    pub calls: Vec<CallSite>,
    /// Where definitions render what they are given.
    pub slots: Vec<SlotSite>,
    /// `const X = lazy(() => import('./X'))` and the like.
    pub lazy: Vec<LazyBinding>,
    /// `component: X`, `shellComponent: X` of a TanStack route definition:
    /// (property, definition name).
    pub route_components: Vec<(String, String)>,
    /// React Router route tables: `const router = createBrowserRouter([...])`.
    pub router_tables: Vec<RouterTable>,
    /// Variables that hold a minted widget token.
    pub token_bindings: Vec<TokenBinding>,
    /// The React contexts the file creates and reads.
    pub contexts: ContextFacts,
    /// `fetch(...)` calls.
    pub fetches: Vec<FetchCall>,
}

/// A `fetch(...)` call.
#[derive(Debug, Clone)]
pub struct FetchCall {
    /// Its URL when a literal (`'/api/workos/widgets-token'`, a template
    /// without expressions).
    pub url: Option<String>,
    /// The innermost definition around it.
    pub owner: Option<usize>,
}

/// `const token = await workos.widgets.getToken(...)`, `const { token } =
/// await workos.widgets.createToken(...)`: the variable a token call's
/// token is bound to.
#[derive(Debug, Clone)]
pub struct TokenBinding {
    /// Where the call's method name starts (`TokenCall::span`).
    pub method_start: usize,
    pub local: String,
}

/// A component or render helper.
#[derive(Debug, Clone)]
pub struct Definition {
    pub name: String,
    pub span: Span,
    /// The definition it is nested in.
    pub parent: Option<usize>,
}

/// One export of the module.
#[derive(Debug, Clone)]
pub enum Export {
    /// `export function X`, `export { a as X }`, `export default X`.
    Local { exported: String, local: String },
    /// `export { a as X } from './m'`.
    From {
        exported: String,
        imported: String,
        source: String,
    },
    /// `export * from './m'`.
    Star { source: String },
}

/// Where a JSX element sits.
#[derive(Debug, Clone, Copy)]
pub struct ElementRender {
    /// The innermost definition around it (`None` at module scope).
    pub owner: Option<usize>,
    /// Where its opening tag ends: an element that starts before this
    /// offset inside it is in one of its attributes, not its children.
    pub opening_end: usize,
}

/// A call of a possible render helper.
#[derive(Debug, Clone)]
pub struct CallSite {
    pub callee: String,
    pub owner: Option<usize>,
    /// The JSX elements around the call (indexes into `SourceFile::jsx`).
    pub ancestors: Vec<usize>,
    pub span: Span,
}

/// What a slot renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotKind {
    /// `{children}`, `{props.children}`, a `{...props}` spread.
    Children,
    /// A router's `<Outlet />`.
    Outlet,
    /// Next.js `_app`'s `<Component {...pageProps} />`.
    Page,
}

/// A place where a definition renders what it is given.
#[derive(Debug, Clone)]
pub struct SlotSite {
    pub kind: SlotKind,
    pub owner: Option<usize>,
    pub ancestors: Vec<usize>,
    pub span: Span,
}

/// A component bound to a dynamic import.
#[derive(Debug, Clone)]
pub struct LazyBinding {
    pub local: String,
    pub source: String,
    /// `default`, or the export a `.then(m => m.X)` picks.
    pub imported: String,
}

/// A React Router route table bound to a name.
#[derive(Debug, Clone)]
pub struct RouterTable {
    pub binding: String,
    pub routes: Vec<RouteObject>,
}

/// One `{ element: <X />, children: [...] }` of a route table.
#[derive(Debug, Clone)]
pub struct RouteObject {
    /// The start of its `element` JSX (matched to `SourceFile::jsx`).
    pub element_start: Option<usize>,
    /// Its `Component: X`.
    pub component: Option<String>,
    /// The route object it is nested in.
    pub parent: Option<usize>,
}

/// Callees whose first argument is the component they return.
const COMPONENT_WRAPPERS: [&str; 6] = [
    "memo",
    "forwardRef",
    "React.memo",
    "React.forwardRef",
    "observer",
    "styled",
];

/// Callees that load a component from a dynamic import.
const LAZY_LOADERS: [&str; 5] = [
    "lazy",
    "React.lazy",
    "dynamic",
    "loadable",
    "lazyWithPreload",
];

/// Route table constructors of React Router.
const ROUTER_CONSTRUCTORS: [&str; 4] = [
    "createBrowserRouter",
    "createHashRouter",
    "createMemoryRouter",
    "createStaticRouter",
];

/// Route definition properties naming a component.
const ROUTE_COMPONENT_KEYS: [&str; 2] = ["component", "shellComponent"];

/// Reads the render facts of `program`. `jsx_count` is the number of JSX
/// elements the fact reader recorded; when the walks disagree, nothing is
/// returned (the graph then treats the file as unknown).
pub fn extract(program: &Program<'_>, jsx_count: usize) -> RenderFacts {
    let mut walker = Walker {
        text: program.source_text,
        facts: RenderFacts::default(),
        owners: Vec::new(),
        open: Vec::new(),
        containers: 0,
        next_element: 0,
    };
    walker.facts.exports = exports(program);
    walker.facts.contexts = contexts::contexts(program);
    walker.visit_program(program);
    let mut facts = walker.facts;
    if facts.elements.len() != jsx_count {
        return RenderFacts::default();
    }
    let names: std::collections::HashSet<&str> =
        facts.definitions.iter().map(|d| d.name.as_str()).collect();
    let calls = std::mem::take(&mut facts.calls);
    facts.calls = calls
        .into_iter()
        .filter(|c| names.contains(c.callee.as_str()))
        .collect();
    facts
}

struct Walker<'t> {
    text: &'t str,
    facts: RenderFacts,
    /// Definitions around the current node, innermost last.
    owners: Vec<usize>,
    /// JSX elements around the current node.
    open: Vec<usize>,
    /// Depth of JSX expression containers around the current node.
    containers: usize,
    next_element: usize,
}

impl Walker<'_> {
    fn owner(&self) -> Option<usize> {
        self.owners.last().copied()
    }

    fn define(&mut self, name: String, span: oxc_span::Span) -> usize {
        self.facts.definitions.push(Definition {
            name,
            span: span.into(),
            parent: self.owner(),
        });
        self.facts.definitions.len() - 1
    }

    fn slot(&mut self, kind: SlotKind, span: oxc_span::Span) {
        self.facts.slots.push(SlotSite {
            kind,
            owner: self.owner(),
            ancestors: self.open.clone(),
            span: span.into(),
        });
    }

    fn call(&mut self, callee: String, span: oxc_span::Span) {
        if self.owner().is_some() {
            self.facts.calls.push(CallSite {
                callee,
                owner: self.owner(),
                ancestors: self.open.clone(),
                span: span.into(),
            });
        }
    }

    fn callee_name(&self, call: &CallExpression<'_>) -> &str {
        call.callee.span().source_text(self.text)
    }

    /// Walks `walk` as the definition `name`.
    fn as_definition(&mut self, name: String, span: oxc_span::Span, walk: impl FnOnce(&mut Self)) {
        let index = self.define(name, span);
        self.owners.push(index);
        walk(self);
        self.owners.pop();
    }
}

/// Whether `expr` is a component: a function or arrow, a class, or a
/// `memo(...)`/`forwardRef(...)` of one.
fn is_component_value(text: &str, expr: &Expression<'_>) -> bool {
    match unwrap_expression(expr) {
        Expression::ArrowFunctionExpression(_)
        | Expression::FunctionExpression(_)
        | Expression::ClassExpression(_) => true,
        Expression::CallExpression(call) => {
            COMPONENT_WRAPPERS.contains(&call.callee.span().source_text(text))
                && call
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .is_some_and(|a| is_component_value(text, a))
        }
        _ => false,
    }
}

/// `lazy(() => import('./X'))`, `dynamic(() => import('./X').then((m) => m.Y))`.
fn lazy_target(text: &str, expr: &Expression<'_>) -> Option<(String, String)> {
    let Expression::CallExpression(call) = unwrap_expression(expr) else {
        return None;
    };
    if !LAZY_LOADERS.contains(&call.callee.span().source_text(text)) {
        return None;
    }
    let loader = call.arguments.first()?.as_expression()?;
    let mut finder = DynamicImport::default();
    finder.visit_expression(loader);
    Some((
        finder.source?,
        finder.picked.unwrap_or_else(|| "default".into()),
    ))
}

/// The first `import('...')` in an expression and the export a
/// `.then(...)` picks from it.
#[derive(Default)]
struct DynamicImport {
    source: Option<String>,
    picked: Option<String>,
}

impl<'a> Visit<'a> for DynamicImport {
    fn visit_import_expression(&mut self, it: &oxc_ast::ast::ImportExpression<'a>) {
        if self.source.is_none()
            && let Expression::StringLiteral(s) = &it.source
        {
            self.source = Some(s.value.to_string());
        }
    }

    fn visit_static_member_expression(&mut self, it: &oxc_ast::ast::StaticMemberExpression<'a>) {
        // `.then((m) => m.Admin)` / `({ default: m.Admin })`: the member
        // of the module object.
        if self.picked.is_none()
            && self.source.is_some()
            && matches!(&it.object, Expression::Identifier(_))
            && it.property.name != "then"
        {
            self.picked = Some(it.property.name.to_string());
        }
        walk::walk_static_member_expression(self, it);
    }
}

impl<'a> Visit<'a> for Walker<'_> {
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        match it.id.as_ref().filter(|_| it.is_declaration()) {
            Some(id) => {
                let name = id.name.to_string();
                self.as_definition(name, it.span, |w| walk::walk_function(w, it, flags));
            }
            None => walk::walk_function(self, it, flags),
        }
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        match it.id.as_ref().filter(|_| it.is_declaration()) {
            Some(id) => {
                let name = id.name.to_string();
                self.as_definition(name, it.span, |w| walk::walk_class(w, it));
            }
            None => walk::walk_class(self, it),
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(binding) = token_binding(it) {
            self.facts.token_bindings.push(binding);
        }
        let (BindingPattern::BindingIdentifier(id), Some(init)) = (&it.id, &it.init) else {
            walk::walk_variable_declarator(self, it);
            return;
        };
        let name = id.name.to_string();
        if let Some((source, imported)) = lazy_target(self.text, init) {
            self.facts.lazy.push(LazyBinding {
                local: name,
                source,
                imported,
            });
            walk::walk_variable_declarator(self, it);
        } else if is_component_value(self.text, init) {
            self.as_definition(name, it.span, |w| walk::walk_variable_declarator(w, it));
        } else {
            if let Expression::CallExpression(call) = unwrap_expression(init)
                && ROUTER_CONSTRUCTORS.contains(&self.callee_name(call))
                && let Some(Expression::ArrayExpression(array)) =
                    call.arguments.first().and_then(|a| a.as_expression())
            {
                let mut routes = Vec::new();
                route_objects(&array.elements, None, &mut routes);
                self.facts.router_tables.push(RouterTable {
                    binding: name,
                    routes,
                });
            }
            walk::walk_variable_declarator(self, it);
        }
    }

    fn visit_export_default_declaration(
        &mut self,
        it: &oxc_ast::ast::ExportDefaultDeclaration<'a>,
    ) {
        let anonymous = match &it.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => f.id.is_none(),
            ExportDefaultDeclarationKind::ClassDeclaration(c) => c.id.is_none(),
            other => other
                .as_expression()
                .is_some_and(|e| is_component_value(self.text, e)),
        };
        if anonymous {
            self.as_definition("default".into(), it.span, |w| {
                walk::walk_export_default_declaration(w, it);
            });
        } else {
            walk::walk_export_default_declaration(self, it);
        }
    }

    fn visit_object_property(&mut self, it: &oxc_ast::ast::ObjectProperty<'a>) {
        let key = it.key.static_name();
        let route_key = key
            .as_deref()
            .filter(|k| ROUTE_COMPONENT_KEYS.contains(k))
            .map(str::to_owned);
        match (route_key, unwrap_expression(&it.value)) {
            (Some(key), Expression::Identifier(id)) => {
                self.facts.route_components.push((key, id.name.to_string()));
                walk::walk_object_property(self, it);
            }
            (Some(key), value) if is_component_value(self.text, value) => {
                self.facts
                    .route_components
                    .push((key.clone(), format!("#{key}")));
                self.as_definition(format!("#{key}"), it.span, |w| {
                    walk::walk_object_property(w, it);
                });
            }
            _ => walk::walk_object_property(self, it),
        }
    }

    fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
        let index = self.next_element;
        self.next_element += 1;
        self.facts.elements.push(ElementRender {
            owner: self.owner(),
            opening_end: it.opening_element.span.end as usize,
        });
        let name = crate::js::jsx_name(&it.opening_element.name);
        match name.as_str() {
            "Outlet" => self.slot(SlotKind::Outlet, it.span),
            "Component" => self.slot(SlotKind::Page, it.span),
            _ => {}
        }
        self.open.push(index);
        // Children are walked outside any expression container of an
        // enclosing element's attribute.
        let containers = std::mem::take(&mut self.containers);
        walk::walk_jsx_element(self, it);
        self.containers = containers;
        self.open.pop();
    }

    fn visit_jsx_expression_container(&mut self, it: &JSXExpressionContainer<'a>) {
        if let JSXExpression::Identifier(id) = &it.expression
            && id.name == "children"
        {
            self.slot(SlotKind::Children, it.span);
            return;
        }
        self.containers += 1;
        walk::walk_jsx_expression_container(self, it);
        self.containers -= 1;
    }

    fn visit_identifier_reference(&mut self, it: &oxc_ast::ast::IdentifierReference<'a>) {
        // `{busy ? <Shell>{children}</Shell> : children}`: a bare
        // `children` anywhere in a container renders the slot.
        if self.containers > 0 && it.name == "children" {
            self.slot(SlotKind::Children, it.span);
        }
    }

    fn visit_static_member_expression(&mut self, it: &oxc_ast::ast::StaticMemberExpression<'a>) {
        if self.containers > 0 && it.property.name == "children" {
            self.slot(SlotKind::Children, it.span);
            return;
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_jsx_spread_attribute(&mut self, it: &JSXSpreadAttribute<'a>) {
        if matches!(unwrap_expression(&it.argument), Expression::Identifier(_)) {
            self.slot(SlotKind::Children, it.span);
        }
        walk::walk_jsx_spread_attribute(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Expression::Identifier(id) = unwrap_expression(&it.callee)
            && id.name == "fetch"
        {
            let url = match it.arguments.first().and_then(|a| a.as_expression()) {
                Some(Expression::StringLiteral(s)) => Some(s.value.to_string()),
                Some(Expression::TemplateLiteral(t)) if t.expressions.is_empty() => t
                    .quasis
                    .first()
                    .and_then(|q| q.value.cooked.as_ref())
                    .map(ToString::to_string),
                _ => None,
            };
            self.facts.fetches.push(FetchCall {
                url,
                owner: self.owner(),
            });
        }
        if let Expression::Identifier(id) = unwrap_expression(&it.callee) {
            self.call(id.name.to_string(), it.span);
        }
        for argument in &it.arguments {
            if let Some(Expression::Identifier(id)) = argument.as_expression() {
                self.call(id.name.to_string(), id.span);
            }
        }
        walk::walk_call_expression(self, it);
    }
}

/// The token variable a declarator binds from a widgets token call:
/// `x = await w.widgets.getToken(...)`, `{ token: x } = await
/// w.widgets.createToken(...)`, `x = (await w.widgets.createToken(...)).token`.
fn token_binding(declarator: &VariableDeclarator<'_>) -> Option<TokenBinding> {
    let mut init = unwrap_await(declarator.init.as_ref()?);
    let mut picked_token = false;
    if let Expression::StaticMemberExpression(member) = init
        && member.property.name == "token"
    {
        init = unwrap_await(&member.object);
        picked_token = true;
    }
    let Expression::CallExpression(call) = init else {
        return None;
    };
    let Expression::StaticMemberExpression(method) = unwrap_expression(&call.callee) else {
        return None;
    };
    let on_widgets = match unwrap_expression(&method.object) {
        Expression::StaticMemberExpression(m) => m.property.name == "widgets",
        Expression::Identifier(id) => id.name == "widgets",
        _ => false,
    };
    if !on_widgets || !matches!(method.property.name.as_str(), "getToken" | "createToken") {
        return None;
    }
    let local = match &declarator.id {
        BindingPattern::BindingIdentifier(id) => id.name.to_string(),
        BindingPattern::ObjectPattern(pattern) if !picked_token => {
            pattern.properties.iter().find_map(|p| {
                (p.key.static_name().as_deref() == Some("token"))
                    .then(|| p.value.get_identifier_name().map(|n| n.to_string()))
                    .flatten()
            })?
        }
        _ => return None,
    };
    Some(TokenBinding {
        method_start: method.property.span.start as usize,
        local,
    })
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

    fn facts(src: &str) -> RenderFacts {
        let allocator = Allocator::default();
        let program = crate::js::parse(&allocator, Path::new("a.tsx"), src).expect("parses");
        let mut file = super::super::SourceFile::new("a.tsx".into(), src.to_owned());
        super::super::read::extract(&mut file, &program);
        file.render
    }

    fn names(facts: &RenderFacts) -> Vec<&str> {
        facts.definitions.iter().map(|d| d.name.as_str()).collect()
    }

    #[test]
    fn finds_components_helpers_and_their_elements() {
        let f = facts(
            "export default function Page() {\n  const renderWidget = () => <UserProfile />;\n  return <WorkOsWidgets>{renderWidget()}</WorkOsWidgets>;\n}\nexport const Card = memo(({ children }) => <div>{children}</div>);\n",
        );
        assert_eq!(names(&f), ["Page", "renderWidget", "Card"]);
        assert_eq!(f.definitions[1].parent, Some(0));
        assert_eq!(f.elements[0].owner, Some(1));
        assert_eq!(f.elements[1].owner, Some(0));
        assert_eq!(f.calls.len(), 1);
        assert_eq!(f.calls[0].callee, "renderWidget");
        assert_eq!(f.calls[0].ancestors, [1]);
        assert_eq!(f.slots.len(), 1);
        assert_eq!(f.slots[0].owner, Some(2));
        assert!(
            matches!(&f.exports[0], Export::Local { exported, local } if exported == "default" && local == "Page")
        );
    }

    #[test]
    fn reads_lazy_components_and_both_branches_of_a_slot() {
        let f = facts(
            "const Admin = lazy(() => import('./admin').then((m) => ({ default: m.AdminPage })));\nconst Shell = React.lazy(() => import('./shell'));\nexport default ({ children, busy }) => <main>{busy ? <Shell>{children}</Shell> : children}</main>;\n",
        );
        assert_eq!(f.lazy.len(), 2);
        assert_eq!(
            (f.lazy[0].source.as_str(), f.lazy[0].imported.as_str()),
            ("./admin", "AdminPage")
        );
        assert_eq!(f.lazy[1].imported, "default");
        assert_eq!(names(&f), ["default"]);
        let ancestors: Vec<&[usize]> = f.slots.iter().map(|s| s.ancestors.as_slice()).collect();
        assert_eq!(ancestors, [&[0, 1][..], &[0][..]]);
    }

    #[test]
    fn binds_minted_tokens_to_their_variables() {
        let f = facts(
            "const a = await workos.widgets.getToken({});\nconst { token: b } = await w.widgets.createToken({});\nconst c = (await w.widgets.createToken({})).token;\nconst { token } = await w.widgets.createToken({});\nconst d = await other.getToken();\n",
        );
        let locals: Vec<&str> = f.token_bindings.iter().map(|b| b.local.as_str()).collect();
        assert_eq!(locals, ["a", "b", "c", "token"]);
    }

    #[test]
    fn reads_fetched_urls_with_their_definition() {
        let f = facts(
            "async function fetchWidgetsToken() {\n  const r = await fetch('/api/a', { method: 'POST' })\n  return r.json()\n}\nexport const useToken = () => useQuery({ queryFn: () => fetch(`/api/b`).then((r) => r.json()) })\nfetch(`/api/${x}`)\n",
        );
        let fetched: Vec<(Option<&str>, Option<&str>)> = f
            .fetches
            .iter()
            .map(|c| {
                (
                    c.url.as_deref(),
                    c.owner.map(|o| f.definitions[o].name.as_str()),
                )
            })
            .collect();
        assert_eq!(
            fetched,
            [
                (Some("/api/a"), Some("fetchWidgetsToken")),
                (Some("/api/b"), Some("useToken")),
                (None, None)
            ]
        );
    }

    #[test]
    fn reads_route_tables_and_route_components() {
        let f = facts(
            "const router = createBrowserRouter([{ element: <Root />, children: [{ index: true, element: <Home /> }, { path: 'a', Component: A }] }]);\nexport const Route = createRootRoute({ component: RootComponent, shellComponent: () => <html><Outlet /></html> });\n",
        );
        let table = &f.router_tables[0];
        assert_eq!(table.binding, "router");
        assert_eq!(table.routes.len(), 3);
        assert_eq!(table.routes[1].parent, Some(0));
        assert_eq!(table.routes[2].component.as_deref(), Some("A"));
        assert!(table.routes[0].element_start.is_some());
        assert_eq!(
            f.route_components,
            [
                ("component".to_owned(), "RootComponent".to_owned()),
                ("shellComponent".to_owned(), "#shellComponent".to_owned())
            ]
        );
        assert_eq!(f.slots[0].kind, SlotKind::Outlet);
    }
}
