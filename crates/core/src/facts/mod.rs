//! What one JS/TS file says, read in one walk over its syntax tree
//! ([`read::extract`]): imports with their bindings, JSX elements resolved
//! through those imports (widgets, the `WorkOsWidgets` root, providers,
//! local components) with their attributes and ancestors, `render(...)`
//! calls, token calls and their scopes, env and request reads, and
//! scope-like or secret-like strings. `verify`'s checks, `verify --fix` and
//! `detect` all read a file through it.

pub mod barrels;
pub mod identity;
pub mod read;
pub mod render;

pub use identity::{IdentityFlow, ImportedIdentity, RequestRead, RequestReturn};

use std::path::PathBuf;

use crate::catalog::Widget;
use crate::js::LineIndex;

/// A byte range in a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

impl From<oxc_span::Span> for Span {
    fn from(span: oxc_span::Span) -> Self {
        Self::new(span.start as usize, span.end as usize)
    }
}

/// One parsed JS/TS file and the facts read from it.
#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the project root.
    pub path: PathBuf,
    pub text: String,
    lines: LineIndex,
    /// The first syntax error, when the file does not parse.
    pub syntax_error: Option<(Span, String)>,
    /// Where the file nests too deep to check (see [`crate::nesting`]):
    /// it was not parsed (a walk that deep could overflow the stack).
    pub too_deep: Option<Span>,
    /// The offset of the first byte that is not valid UTF-8, when the file
    /// is not: its `text` is then decoded lossily (each invalid sequence
    /// replaced by U+FFFD) and offsets past that byte do not match the file.
    pub invalid_utf8: Option<usize>,
    /// A `"use client"` directive at the top.
    pub use_client: bool,
    /// A `"use server"` directive at the top (a Server Actions module: the
    /// browser only gets call stubs for its exports).
    pub use_server: bool,
    /// Code that runs in the browser (`verify` decides, by framework and
    /// folder).
    pub client: bool,
    /// A Next.js route handler (`app/**/route.*`, `pages/api/**`).
    pub next_route: bool,
    pub imports: Vec<ImportFact>,
    /// Re-exports of `@workos-inc/widgets` (a local barrel module).
    pub widget_reexports: Vec<Binding>,
    pub jsx: Vec<JsxFact>,
    /// Scope-like and secret-like string literals.
    pub strings: Vec<StringFact>,
    pub new_workos: Vec<NewWorkOs>,
    pub token_calls: Vec<TokenCall>,
    pub env_reads: Vec<EnvRead>,
    /// Where its user and organization ids come from (see [`identity`]).
    pub identity: IdentityFlow,
    /// The `render(<JSX />)` and `hydrateRoot(el, <JSX />)` calls (an entry
    /// may render in several branches, e.g. development and production).
    pub render_calls: Vec<RenderCall>,
    /// Where the module lists its route's `<link>`s: the `links` export of
    /// a React Router / Remix route module, `links: [...]` properties
    /// (TanStack Start's `head()`).
    pub link_lists: Vec<Span>,
    /// What the file defines and renders, for the render graph.
    pub render: render::RenderFacts,
}

impl SourceFile {
    /// An empty fact set for `path`.
    pub fn new(path: PathBuf, text: String) -> Self {
        let mut file = Self {
            path,
            text: String::new(),
            lines: LineIndex::default(),
            syntax_error: None,
            too_deep: None,
            invalid_utf8: None,
            use_client: false,
            use_server: false,
            client: false,
            next_route: false,
            imports: Vec::new(),
            widget_reexports: Vec::new(),
            jsx: Vec::new(),
            strings: Vec::new(),
            new_workos: Vec::new(),
            token_calls: Vec::new(),
            env_reads: Vec::new(),
            identity: IdentityFlow::default(),
            render_calls: Vec::new(),
            link_lists: Vec::new(),
            render: render::RenderFacts::default(),
        };
        file.set_text(text);
        file
    }

    /// Sets the file's text (facts were read from this text).
    pub fn set_text(&mut self, text: String) {
        self.lines = LineIndex::new(&text);
        self.text = text;
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }

    /// The import that binds `local`, with the name it imports.
    pub fn import_of(&self, local: &str) -> Option<(&ImportFact, &str)> {
        self.imports.iter().find_map(|import| {
            import
                .bindings
                .iter()
                .find(|b| b.local == local)
                .map(|b| (import, b.imported.as_str()))
        })
    }

    /// Whether any import comes from `source` or one of its subpaths.
    pub fn imports_package(&self, package: &str) -> bool {
        self.imports.iter().any(|i| is_package(&i.source, package))
    }

    /// The `WorkOsWidgets` elements.
    pub fn roots(&self) -> impl Iterator<Item = &JsxFact> {
        self.jsx.iter().filter(|e| e.kind == JsxKind::Root)
    }
}

/// Whether a module specifier is `package` or one of its subpaths.
pub fn is_package(source: &str, package: &str) -> bool {
    source
        .strip_prefix(package)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// One `import` declaration.
#[derive(Debug, Clone)]
pub struct ImportFact {
    pub source: String,
    pub span: Span,
    pub bindings: Vec<Binding>,
    /// Erased when compiled: `import type {...}`, `import { type A }` with
    /// every specifier marked `type`, or (in a TypeScript file) an import
    /// with bindings none of which is used as a value.
    pub type_only: bool,
}

impl ImportFact {
    /// The source without a `?query` suffix (`styles.css?url`).
    pub fn path(&self) -> &str {
        strip_query(&self.source)
    }

    /// The `?query` suffix's text (`url` for `styles.css?url`).
    pub fn query(&self) -> Option<&str> {
        self.source.split_once('?').map(|(_, q)| q)
    }
}

/// A specifier without its `?query` suffix.
pub fn strip_query(source: &str) -> &str {
    source.split_once('?').map_or(source, |(path, _)| path)
}

/// `imported as local` (`default` and `*` for default and namespace imports).
#[derive(Debug, Clone)]
pub struct Binding {
    pub imported: String,
    pub local: String,
}

/// What a JSX element is, resolved through the file's imports.
#[derive(Debug, Clone, Copy)]
pub enum JsxKind {
    Widget(&'static Widget),
    /// `<Name>Loading`.
    Loading(&'static Widget),
    /// `WorkOsWidgets`.
    Root,
    /// TanStack's `QueryClientProvider`.
    QueryClientProvider,
    /// Radix's `Theme`.
    Theme,
    /// An element rendered from a relative import (a local component).
    Local,
    Other,
}

impl PartialEq for JsxKind {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (JsxKind::Widget(a), JsxKind::Widget(b))
            | (JsxKind::Loading(a), JsxKind::Loading(b)) => a.id == b.id,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

impl Eq for JsxKind {}

/// One JSX element.
#[derive(Debug, Clone)]
pub struct JsxFact {
    /// The name as written, e.g. `UserProfile` or `W.UserProfile`.
    pub name: String,
    pub kind: JsxKind,
    /// The opening element's name.
    pub span: Span,
    /// The whole element, `<` to its end.
    pub element: Span,
    pub attributes: Vec<AttributeFact>,
    pub has_spread: bool,
    /// Whether it has children other than whitespace.
    pub has_children: bool,
    /// Whether its children include `{children}` (or `{props.children}`) or
    /// `<Component ...>` (Next.js `_app`): it wraps the rendered tree.
    pub wraps_children: bool,
    /// Whether its children include a router's `<Outlet />`: it wraps every
    /// child route of a layout route.
    pub wraps_outlet: bool,
    /// Indexes (into the file's `jsx`) of its JSX ancestors, innermost first.
    pub ancestors: Ancestors,
    /// For local components: the import source they come from.
    pub import_source: Option<String>,
}

/// A JSX element's ancestors, as indexes into its file's `jsx`: a list
/// shared with its siblings and descendants, so an element costs one node
/// however deep it sits (a copy per element grew with width times depth).
#[derive(Debug, Clone, Default)]
pub struct Ancestors(Option<std::sync::Arc<AncestorNode>>);

#[derive(Debug)]
struct AncestorNode {
    index: usize,
    parent: Ancestors,
}

impl Ancestors {
    /// These ancestors with `index` as the innermost one.
    #[must_use]
    pub fn with(&self, index: usize) -> Self {
        Self(Some(std::sync::Arc::new(AncestorNode {
            index,
            parent: self.clone(),
        })))
    }

    /// The indexes, innermost first.
    pub fn iter(&self) -> impl Iterator<Item = &usize> {
        std::iter::successors(self.0.as_deref(), |node| node.parent.0.as_deref())
            .map(|node| &node.index)
    }
}

impl Drop for Ancestors {
    /// Frees a long chain node by node, not by recursion.
    fn drop(&mut self) {
        let mut next = self.0.take();
        while let Some(node) = next {
            next = match std::sync::Arc::try_unwrap(node) {
                Ok(mut node) => node.parent.0.take(),
                Err(_) => None,
            };
        }
    }
}

impl JsxFact {
    /// The attribute called `name`.
    pub fn attribute(&self, name: &str) -> Option<&AttributeFact> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

/// A `render(<JSX />)`/`hydrateRoot(el, <JSX />)` call (`createRoot(el)
/// .render(...)`, `root.render(...)`, React 17's `ReactDOM.render(...)`).
#[derive(Debug, Clone)]
pub struct RenderCall {
    /// The callee's name (`render`, `hydrateRoot`).
    pub span: Span,
    /// The file's JSX elements in the rendered tree (indexes into `jsx`).
    pub jsx: std::ops::Range<usize>,
}

/// One `name=value` attribute.
#[derive(Debug, Clone)]
pub struct AttributeFact {
    pub name: String,
    /// The attribute name's span.
    pub name_span: Span,
    pub value: ValueKind,
    /// Source text of the value (expression inside `{}`, or the literal).
    pub value_text: String,
}

/// What an attribute value is, as far as one file tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A string literal or template, or a variable named like a token
    /// (`token`, `accessToken`).
    String,
    /// A function: an arrow/function expression or a variable named like a
    /// function (`getAccessToken`, `fetchWidgetsToken`).
    Function,
    /// A bare attribute (`<X flag />`).
    Bool,
    Unknown,
}

/// A string literal worth checking.
#[derive(Debug, Clone)]
pub struct StringFact {
    pub value: String,
    /// Includes the quotes.
    pub span: Span,
}

/// `new WorkOS(...)` with the WorkOS class of `@workos-inc/node`.
#[derive(Debug, Clone)]
pub struct NewWorkOs {
    pub span: Span,
    /// Outside every function: runs when the module is imported.
    pub module_scope: bool,
}

/// The widgets token method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenMethod {
    /// `@workos-inc/node` up to 8: resolves to the token string.
    GetToken,
    /// From 9: resolves to `{ token }`.
    CreateToken,
}

impl TokenMethod {
    /// The method name.
    pub const fn name(self) -> &'static str {
        match self {
            TokenMethod::GetToken => "getToken",
            TokenMethod::CreateToken => "createToken",
        }
    }
}

/// A `*.widgets.getToken(...)`/`*.widgets.createToken(...)` call.
#[derive(Debug, Clone)]
pub struct TokenCall {
    pub method: TokenMethod,
    /// The method name's span.
    pub span: Span,
    /// `const { token } = await ...` (the 9+ shape).
    pub destructures_token: bool,
    pub scopes: ScopesArg,
}

/// The `scopes` a token call passes.
#[derive(Debug, Clone)]
pub enum ScopesArg {
    /// No `scopes` property: the token carries no widget scope.
    Absent,
    /// Resolved to string literals (inline or through a constant in the
    /// same file). `array` is the array literal that holds them.
    Known {
        scopes: Vec<StringFact>,
        array: Span,
    },
    /// Built in a way one file does not tell.
    Unknown,
}

/// How an environment variable is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvAccess {
    /// `process.env.X`.
    ProcessEnv,
    /// `import.meta.env.X`.
    ImportMetaEnv,
    /// `env.X` on some other `env` object (e.g. a handler parameter).
    Other,
}

/// A read of a `WORKOS`-named environment variable.
#[derive(Debug, Clone)]
pub struct EnvRead {
    pub name: String,
    pub span: Span,
    pub access: EnvAccess,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_line_and_column() {
        let file = SourceFile::new("a.ts".into(), "ab\ncé\nx".into());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(6), (2, 3));
        assert_eq!(file.line_col(7), (3, 1));
    }

    #[test]
    fn matches_package_subpaths() {
        assert!(is_package("@workos-inc/widgets", "@workos-inc/widgets"));
        assert!(is_package(
            "@workos-inc/widgets/user-profile",
            "@workos-inc/widgets"
        ));
        assert!(!is_package(
            "@workos-inc/widgets-extra",
            "@workos-inc/widgets"
        ));
    }

    #[test]
    fn siblings_share_their_ancestors_and_a_long_chain_drops_without_recursion() {
        let depth = 900;
        let text = format!(
            "const x = {}{}{}",
            "<div>".repeat(depth),
            "<b />".repeat(1_000),
            "</div>".repeat(depth)
        );
        let allocator = oxc_allocator::Allocator::default();
        let program =
            crate::js::parse(&allocator, std::path::Path::new("a.jsx"), &text).expect("parses");
        let mut file = SourceFile::new("a.jsx".into(), text.clone());
        crate::nesting::on_big_stack(|| read::extract(&mut file, &program));
        let leaves: Vec<&JsxFact> = file.jsx.iter().filter(|e| e.name == "b").collect();
        assert_eq!(leaves.len(), 1_000);
        assert_eq!(leaves[0].ancestors.iter().count(), depth);
        let shared = |a: &Ancestors, b: &Ancestors| match (&a.0, &b.0) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
            _ => false,
        };
        assert!(
            leaves
                .windows(2)
                .all(|w| shared(&w[0].ancestors, &w[1].ancestors))
        );
        // Innermost first.
        assert_eq!(leaves[0].ancestors.iter().next(), Some(&(depth - 1)));

        let mut chain = Ancestors::default();
        for index in 0..1_000_000 {
            chain = chain.with(index);
        }
        drop(chain);
    }
}
