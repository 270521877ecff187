//! Wraps the rendered React tree in `<WorkOsWidgets>`: finds the JSX passed
//! to `render(...)`/`hydrateRoot(...)`, a Next.js root's page slot (a
//! layout's `{children}`, `_app`'s `<Component />`) or the children of a
//! client providers file's `QueryClientProvider`; steps inside `StrictMode`
//! and an existing `QueryClientProvider` (whose client is then passed on as
//! `queryClient`), and wraps what is inside.

use std::path::Path;

use crate::catalog::ROOT_COMPONENT as ROOT;
use crate::code_style::{CodeStyle, TrailingComma};
use crate::edit::{EditError, TextEdit, indent_at, indent_unit};
use crate::js;
use oxc_ast::ast::{CallExpression, Expression, JSXChild, JSXElement, Program};
use oxc_ast_visit::Visit;

/// Elements that are stepped into rather than wrapped.
const PASS_THROUGH: [&str; 4] = [
    "StrictMode",
    "React.StrictMode",
    "QueryClientProvider",
    "PersistQueryClientProvider",
];

/// Local names the root is imported as, in order of preference: the first
/// one the file does not already bind to something else.
pub const ROOT_NAMES: [&str; 3] = [ROOT, "WorkOsWidgetsRoot", "WidgetsRoot"];

/// How a wrap is written: the root's local name (see [`ROOT_NAMES`]), and
/// for a wrap that does not fit on its line, Prettier's line width and
/// whether a multi-line call argument gets a trailing comma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub print_width: usize,
    pub trailing_comma: bool,
    pub root: &'static str,
}

impl Default for Layout {
    /// Prettier 3's defaults.
    fn default() -> Self {
        Self {
            print_width: 80,
            trailing_comma: true,
            root: ROOT,
        }
    }
}

impl Layout {
    /// The layout of a project's code style.
    pub fn of(style: &CodeStyle) -> Self {
        Self {
            print_width: style.print_width.value,
            trailing_comma: style.trailing_comma.value == TrailingComma::All,
            root: ROOT,
        }
    }

    /// The same layout with the root imported as `root`.
    #[must_use]
    pub fn with_root(self, root: &'static str) -> Self {
        Self { root, ..self }
    }
}

/// Wraps the rendered tree in `<WorkOsWidgets {attributes}>` unless the file
/// already renders one. `attributes` is inserted verbatim after the name.
pub fn wrap_render_root(
    path: &Path,
    text: &str,
    program: &Program<'_>,
    attributes: &str,
) -> Result<Vec<TextEdit>, EditError> {
    wrap_render_root_in(path, text, program, attributes, Layout::default())
}

/// [`wrap_render_root`] with the project's layout.
pub fn wrap_render_root_in(
    path: &Path,
    text: &str,
    program: &Program<'_>,
    attributes: &str,
    layout: Layout,
) -> Result<Vec<TextEdit>, EditError> {
    let mut finder = RenderFinder {
        targets: Vec::new(),
        trees: Vec::new(),
    };
    finder.visit_program(program);
    wrap_all(
        Target {
            path,
            text,
            program,
            attributes,
            layout,
        },
        &finder.targets,
        &finder.trees,
        "found no `render(<App />)` call to wrap in <WorkOsWidgets>",
        "render the app with createRoot(...).render(<App />), or wrap your root in <WorkOsWidgets> yourself",
    )
}

/// Wraps a Next.js root's page slot (`{children}` inside `<body>`, or
/// `_app`'s `<Component {...pageProps} />`) in `<WorkOsWidgets {attributes}>`
/// unless the file already renders one.
pub fn wrap_page_slot(
    path: &Path,
    text: &str,
    program: &Program<'_>,
    attributes: &str,
    layout: Layout,
) -> Result<Vec<TextEdit>, EditError> {
    wrap_found(
        Target {
            path,
            text,
            program,
            attributes,
            layout,
        },
        js::page_slot(program).map(|slot| (slot.start, slot.end)),
        "found neither `{children}` inside <body> nor `<Component {...pageProps} />` to wrap in <WorkOsWidgets>",
        "wrap what your root renders in <WorkOsWidgets> from @workos-inc/widgets yourself, then run again",
    )
}

/// Wraps the children of the file's `<QueryClientProvider>` (a client
/// providers file) in `<WorkOsWidgets {attributes}>` unless the file already
/// renders one.
pub fn wrap_query_client_children(
    path: &Path,
    text: &str,
    program: &Program<'_>,
    attributes: &str,
    layout: Layout,
) -> Result<Vec<TextEdit>, EditError> {
    wrap_element_children(
        path,
        text,
        program,
        ("QueryClientProvider", 0),
        attributes,
        layout,
    )
}

/// Wraps the children of the file's element `name` (the one `ordinal`
/// elements of that name come before: a `QueryClientProvider`, a tRPC
/// provider, a provider component) in `<WorkOsWidgets {attributes}>`
/// unless the file already renders one.
pub fn wrap_element_children(
    path: &Path,
    text: &str,
    program: &Program<'_>,
    (name, ordinal): (&str, usize),
    attributes: &str,
    layout: Layout,
) -> Result<Vec<TextEdit>, EditError> {
    let mut finder = ElementFinder {
        name,
        skip: ordinal,
        target: None,
    };
    finder.visit_program(program);
    wrap_found(
        Target {
            path,
            text,
            program,
            attributes,
            layout,
        },
        finder.target,
        &format!("found no <{name}> with children to put <WorkOsWidgets> in"),
        &format!(
            "wrap the children of your <{name}> in <WorkOsWidgets queryClient={{...}}> yourself, then run again"
        ),
    )
}

/// Reads the app's `QueryClient` from TanStack Router's root route context
/// in the component that renders the file's page slot: inserts `const {
/// queryClient } = Route.useRouteContext()` (`binding` is the name the
/// client gets, `route` the root route's binding) as the first statement
/// of that component, when the file's root takes `queryClient={binding}`
/// and the component does not declare it yet.
pub fn read_route_context(
    text: &str,
    program: &Program<'_>,
    route: &str,
    binding: &str,
    layout: Layout,
) -> Vec<TextEdit> {
    let root_passes_it = text.contains(&format!("queryClient={{{binding}}}"))
        && js::jsx_elements(program)
            .iter()
            .any(|e| e.name == layout.root);
    let Some(slot) = js::page_slot(program) else {
        return Vec::new();
    };
    let Some(body) = js::enclosing_function_body(program, slot.start) else {
        return Vec::new();
    };
    if !root_passes_it || text[body.start..body.end].contains(".useRouteContext()") {
        return Vec::new();
    }
    let semicolon = if js::uses_semicolons(text, &js::imports(program)) {
        ";"
    } else {
        ""
    };
    let pattern = if binding == "queryClient" {
        "queryClient".to_owned()
    } else {
        format!("queryClient: {binding}")
    };
    let indent = match body.first_statement {
        Some(at) => indent_at(text, at).to_owned(),
        None => format!("{}{}", indent_at(text, body.start), indent_unit(text)),
    };
    let statement = format!("const {{ {pattern} }} = {route}.useRouteContext(){semicolon}");
    match body.first_statement {
        Some(at) => vec![TextEdit::insert(at, format!("{statement}\n{indent}"))],
        None => vec![TextEdit::insert(
            body.start + 1,
            format!("\n{indent}{statement}"),
        )],
    }
}

/// The file a wrap edits, and the root's attributes.
#[derive(Clone, Copy)]
struct Target<'t, 'a> {
    path: &'t Path,
    text: &'t str,
    program: &'t Program<'a>,
    attributes: &'t str,
    layout: Layout,
}

/// Wraps every one of `found` (an entry may render in several branches,
/// e.g. development and production; `trees` are the rendered trees, in the
/// same order) whose tree has no root yet, unless the file renders the
/// root outside those trees; fails with `message` and `hint` when nothing
/// was found to wrap.
fn wrap_all(
    target: Target<'_, '_>,
    found: &[(usize, usize)],
    trees: &[(usize, usize)],
    message: &str,
    hint: &str,
) -> Result<Vec<TextEdit>, EditError> {
    if found.len() <= 1 {
        return wrap_found(target, found.first().copied(), message, hint);
    }
    let roots: Vec<usize> = js::jsx_elements(target.program)
        .iter()
        .filter(|e| e.name == target.layout.root)
        .map(|e| e.start)
        .collect();
    let in_tree = |at: usize, &(start, end): &(usize, usize)| start <= at && at < end;
    if roots
        .iter()
        .any(|&at| !trees.iter().any(|tree| in_tree(at, tree)))
    {
        return Ok(Vec::new());
    }
    // Beside a tree that has the root, wrap the others with the same props.
    let mut existing = RootAttributes {
        text: target.text,
        root: target.layout.root,
        found: None,
    };
    if !roots.is_empty() {
        existing.visit_program(target.program);
    }
    let attributes = existing.found.as_deref().unwrap_or(target.attributes);
    Ok(found
        .iter()
        .zip(trees)
        .filter(|(_, tree)| !roots.iter().any(|&at| in_tree(at, tree)))
        .map(|(&(start, end), _)| wrap_in(target.text, start, end, attributes, target.layout))
        .collect())
}

/// The attribute text of the first `<WorkOsWidgets ...>` (` {...options}`).
struct RootAttributes<'t> {
    text: &'t str,
    root: &'t str,
    found: Option<String>,
}

impl<'a> Visit<'a> for RootAttributes<'_> {
    fn visit_jsx_element(&mut self, element: &JSXElement<'a>) {
        let opening = &element.opening_element;
        if self.found.is_none() && js::jsx_name(&opening.name) == self.root {
            let name_end = oxc_span::GetSpan::span(&opening.name).end as usize;
            self.found = self
                .text
                .get(name_end..opening.span.end as usize)
                .map(|s| s.trim_end_matches('>').trim_end_matches('/').to_owned());
            return;
        }
        oxc_ast_visit::walk::walk_jsx_element(self, element);
    }
}

/// Wraps `found` unless the file already renders the root; fails with
/// `message` and `hint` when nothing was found to wrap.
fn wrap_found(
    target: Target<'_, '_>,
    found: Option<(usize, usize)>,
    message: &str,
    hint: &str,
) -> Result<Vec<TextEdit>, EditError> {
    if js::jsx_elements(target.program)
        .iter()
        .any(|e| e.name == target.layout.root)
    {
        return Ok(Vec::new());
    }
    let Some((start, end)) = found else {
        return Err(EditError::Edit {
            path: target.path.to_path_buf(),
            message: message.to_owned(),
            hint: hint.to_owned(),
        });
    };
    Ok(vec![wrap_in(
        target.text,
        start,
        end,
        target.attributes,
        target.layout,
    )])
}

/// Wraps `text[start..end]` in the root element, laid out for Prettier's
/// default line width (see [`wrap_in`]).
pub fn wrap(text: &str, start: usize, end: usize, attributes: &str) -> TextEdit {
    wrap_in(text, start, end, attributes, Layout::default())
}

/// Wraps `text[start..end]` in the root element the way Prettier prints
/// it: multi-line when the target sits on its own line or right after
/// `return`; on a line of its own inside the parent when it is the parent's
/// only, inline child (`<body>{children}</body>`), broken further when that
/// line is too long or the target is an element (Prettier puts element
/// children on lines of their own); a call's only argument
/// (`render(<App />)`) on lines of its own; inline otherwise.
pub fn wrap_in(text: &str, start: usize, end: usize, attributes: &str, layout: Layout) -> TextEdit {
    let target = &text[start..end];
    let root = layout.root;
    let open = format!("<{root}{attributes}>");
    let close = format!("</{root}>");
    let before = text[..start].rsplit('\n').next().unwrap_or_default();
    let after = text[end..].split('\n').next().unwrap_or_default();
    let indent = indent_at(text, start);
    let unit = indent_unit(text);
    let width = |line: &str| {
        line.chars()
            .map(|c| if c == '\t' { unit.len().max(2) } else { 1 })
            .sum::<usize>()
    };
    let block = |inner_indent: &str| {
        let reindented = target.replace('\n', &format!("\n{unit}"));
        format!("{open}\n{inner_indent}{unit}{reindented}\n{inner_indent}{close}")
    };
    if before.trim() == "return" {
        let reindented = target.replace('\n', &format!("\n{unit}{unit}"));
        return TextEdit::replace(
            start,
            end,
            format!(
                "(\n{indent}{unit}{open}\n{indent}{unit}{unit}{reindented}\n{indent}{unit}{close}\n{indent})"
            ),
        );
    }
    // Prettier puts a JSX element's element children on lines of their own.
    let element = target.starts_with('<');
    if !before.trim().is_empty() {
        let only_child = text[..start].ends_with('>') && text[end..].starts_with("</");
        if only_child && !target.contains('\n') {
            let inner = format!("{indent}{unit}");
            let line = format!("{inner}{open}{target}{close}");
            let wrapped = if width(&line) > layout.print_width || element {
                block(&inner)
            } else {
                format!("{open}{target}{close}")
            };
            return TextEdit::replace(start, end, format!("\n{inner}{wrapped}\n{indent}"));
        }
        let line = format!("{before}{open}{target}{close}{after}");
        let call_argument = text[..start].ends_with('(') && after.trim_start().starts_with(')');
        if call_argument && (element || width(&line) > layout.print_width || target.contains('\n'))
        {
            let close_paren = end + (after.len() - after.trim_start().len());
            let comma = if layout.trailing_comma { "," } else { "" };
            let inner = format!("{indent}{unit}");
            return TextEdit::replace(
                start,
                close_paren,
                format!("\n{inner}{}{comma}\n{indent}", block(&inner)),
            );
        }
        // Between siblings with nothing but tags around it (`<main><Nav />{children}<Footer /></main>`):
        // on lines of its own when it does not fit or is an element. The
        // whitespace added holds a newline, so JSX drops it.
        let between_tags =
            text[..start].ends_with(['>', '}']) && text[end..].starts_with(['<', '{']);
        if between_tags && !target.contains('\n') && (element || width(&line) > layout.print_width)
        {
            let inner = format!("{indent}{unit}");
            let wrapped = if element
                || width(&format!("{inner}{open}{target}{close}")) > layout.print_width
            {
                block(&inner)
            } else {
                format!("{open}{target}{close}")
            };
            return TextEdit::replace(start, end, format!("\n{inner}{wrapped}\n{inner}"));
        }
        return TextEdit::replace(start, end, format!("{open}{target}{close}"));
    }
    TextEdit::replace(start, end, block(indent))
}

/// Every `render(<JSX />)`/`hydrateRoot(el, <JSX />)` call.
struct RenderFinder {
    targets: Vec<(usize, usize)>,
    /// The whole rendered tree of each target.
    trees: Vec<(usize, usize)>,
}

impl<'a> Visit<'a> for RenderFinder {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        let jsx_argument = match callee_name(&call.callee).as_deref() {
            Some("render") => call.arguments.first(),
            Some("hydrateRoot") => call.arguments.get(1),
            _ => None,
        }
        .and_then(|a| a.as_expression())
        .map(js::unwrap_expression);
        if let Some(Expression::JSXElement(element)) = jsx_argument {
            self.targets.push(wrap_target(element));
            self.trees
                .push((element.span.start as usize, element.span.end as usize));
            return;
        }
        oxc_ast_visit::walk::walk_call_expression(self, call);
    }
}

/// The span to wrap inside the element called `name` that `skip`
/// elements of that name come before.
struct ElementFinder<'n> {
    name: &'n str,
    skip: usize,
    target: Option<(usize, usize)>,
}

impl<'a> Visit<'a> for ElementFinder<'_> {
    fn visit_jsx_element(&mut self, element: &JSXElement<'a>) {
        if self.target.is_none() && js::jsx_name(&element.opening_element.name) == self.name {
            if self.skip == 0 {
                self.target = children_target(element);
                return;
            }
            self.skip -= 1;
        }
        oxc_ast_visit::walk::walk_jsx_element(self, element);
    }
}

/// The children of `element` (inside the innermost pass-through element),
/// when it has any.
fn children_target(element: &JSXElement<'_>) -> Option<(usize, usize)> {
    let name = js::jsx_name(&element.opening_element.name);
    if PASS_THROUGH.contains(&name.as_str()) {
        return Some(wrap_target(element));
    }
    let children: Vec<&JSXChild<'_>> = element
        .children
        .iter()
        .filter(|child| !matches!(child, JSXChild::Text(t) if t.value.trim().is_empty()))
        .collect();
    let (first, last) = (children.first()?, children.last()?);
    Some((
        oxc_span::GetSpan::span(*first).start as usize,
        oxc_span::GetSpan::span(*last).end as usize,
    ))
}

fn callee_name(callee: &Expression<'_>) -> Option<String> {
    match js::unwrap_expression(callee) {
        Expression::Identifier(id) => Some(id.name.to_string()),
        Expression::StaticMemberExpression(member) => Some(member.property.name.to_string()),
        _ => None,
    }
}

/// The span to wrap: the children of the innermost pass-through element, or
/// the element itself.
fn wrap_target(element: &JSXElement<'_>) -> (usize, usize) {
    let name = js::jsx_name(&element.opening_element.name);
    let children: Vec<&JSXChild<'_>> = element
        .children
        .iter()
        .filter(|child| !matches!(child, JSXChild::Text(t) if t.value.trim().is_empty()))
        .collect();
    if PASS_THROUGH.contains(&name.as_str())
        && let (Some(first), Some(last)) = (children.first(), children.last())
    {
        if let [JSXChild::Element(only)] = children.as_slice() {
            let inner = js::jsx_name(&only.opening_element.name);
            if PASS_THROUGH.contains(&inner.as_str()) {
                return wrap_target(only);
            }
        }
        let start = oxc_span::GetSpan::span(*first).start as usize;
        let end = oxc_span::GetSpan::span(*last).end as usize;
        return (start, end);
    }
    (element.span.start as usize, element.span.end as usize)
}

#[cfg(test)]
mod tests {
    use super::super::apply;
    use super::*;
    use std::path::Path;

    fn run(text: &str, attributes: &'static str) -> String {
        let path = Path::new("main.tsx");
        apply(
            path,
            text,
            &[Box::new(move |t, p| {
                wrap_render_root(path, t, p, attributes)
            })],
        )
        .unwrap()
    }

    #[test]
    fn wraps_inside_strict_mode_keeping_indentation() {
        let src = "createRoot(el!).render(\n  <StrictMode>\n    <App />\n  </StrictMode>,\n)\n";
        let out = run(src, " {...opts}");
        assert_eq!(
            out,
            "createRoot(el!).render(\n  <StrictMode>\n    <WorkOsWidgets {...opts}>\n      <App />\n    </WorkOsWidgets>\n  </StrictMode>,\n)\n"
        );
        assert_eq!(run(&out, " {...opts}"), out, "second run changes nothing");
    }

    #[test]
    fn wraps_every_render_of_the_app() {
        let src = "if (import.meta.env.DEV) {\n  root.render(<StrictMode><App /></StrictMode>)\n} else {\n  root.render(<App />)\n}\n";
        let out = run(src, "");
        assert_eq!(
            out,
            "if (import.meta.env.DEV) {\n  root.render(<StrictMode>\n    <WorkOsWidgets>\n      <App />\n    </WorkOsWidgets>\n  </StrictMode>)\n} else {\n  root.render(\n    <WorkOsWidgets>\n      <App />\n    </WorkOsWidgets>,\n  )\n}\n"
        );
        assert_eq!(run(&out, ""), out, "second run changes nothing");
    }

    #[test]
    fn wraps_the_render_branches_that_lack_the_root() {
        let src = "if (dev) {\n  root.render(<StrictMode><App /></StrictMode>)\n} else {\n  root.render(<WorkOsWidgets {...opts}><App /></WorkOsWidgets>)\n}\n";
        let out = run(src, " queryClient={other}");
        assert_eq!(
            out,
            "if (dev) {\n  root.render(<StrictMode>\n    <WorkOsWidgets {...opts}>\n      <App />\n    </WorkOsWidgets>\n  </StrictMode>)\n} else {\n  root.render(<WorkOsWidgets {...opts}><App /></WorkOsWidgets>)\n}\n",
            "the same props as the root beside it"
        );
        assert_eq!(run(&out, ""), out, "second run changes nothing");
        let outside = "const Shell = () => <WorkOsWidgets><App /></WorkOsWidgets>\nif (dev) root.render(<Shell />)\nelse root.render(<App />)\n";
        assert_eq!(run(outside, ""), outside, "a root outside the renders");
    }

    #[test]
    fn wraps_inline_render() {
        assert_eq!(
            run("root.render(<App />);\n", ""),
            "root.render(\n  <WorkOsWidgets>\n    <App />\n  </WorkOsWidgets>,\n);\n"
        );
    }

    #[test]
    fn breaks_a_render_argument_that_no_longer_fits() {
        assert_eq!(
            run(
                "root.render(<RouterProvider router={router} />);\n",
                " {...workosApiOptions}"
            ),
            "root.render(\n  <WorkOsWidgets {...workosApiOptions}>\n    <RouterProvider router={router} />\n  </WorkOsWidgets>,\n);\n"
        );
    }

    #[test]
    fn puts_a_long_wrap_between_siblings_on_lines_of_its_own() {
        let src = "const a = (\n  <html>\n    <body>\n      <main><Nav />{children}<Footer /></main>\n    </body>\n  </html>\n)\n";
        let out = run_with(src, wrap_page_slot);
        assert_eq!(
            out,
            "const a = (\n  <html>\n    <body>\n      <main><Nav />\n        <WorkOsWidgets {...o}>{children}</WorkOsWidgets>\n        <Footer /></main>\n    </body>\n  </html>\n)\n"
        );
        let text = "const a = <p>Hi {children}!</p>\n";
        assert_eq!(
            run_with(text, |_, t, _, a, l| {
                let start = t.find("{children}").unwrap_or_default();
                Ok(vec![wrap_in(t, start, start + "{children}".len(), a, l)])
            }),
            "const a = <p>Hi <WorkOsWidgets {...o}>{children}</WorkOsWidgets>!</p>\n",
            "text around it: JSX whitespace matters, kept inline"
        );
    }

    #[test]
    fn breaks_an_only_child_that_no_longer_fits() {
        let src = "const a = (\n  <html>\n    <body>\n      <main>{children}</main>\n    </body>\n  </html>\n)\n";
        let out = run_with(src, wrap_page_slot);
        assert!(
            out.contains("      <main>\n        <WorkOsWidgets {...o}>{children}</WorkOsWidgets>\n      </main>\n"),
            "{out}"
        );
        let path = Path::new("layout.tsx");
        let long = apply(
            path,
            src,
            &[Box::new(move |t, p| {
                wrap_page_slot(
                    path,
                    t,
                    p,
                    " {...workosApiOptions} queryClient={queryClient}",
                    Layout::default(),
                )
            })],
        )
        .unwrap();
        assert!(
            long.contains("      <main>\n        <WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>\n          {children}\n        </WorkOsWidgets>\n      </main>\n"),
            "{long}"
        );
    }

    #[test]
    fn steps_into_query_client_provider() {
        let src = "root.render(\n  <QueryClientProvider client={qc}>\n    <App />\n  </QueryClientProvider>\n)\n";
        let out = run(src, " queryClient={qc}");
        assert!(out.contains("<QueryClientProvider client={qc}>\n    <WorkOsWidgets queryClient={qc}>\n      <App />"), "{out}");
    }

    type Wrapper = fn(&Path, &str, &Program<'_>, &str, Layout) -> Result<Vec<TextEdit>, EditError>;

    fn run_with(text: &str, transform: Wrapper) -> String {
        let path = Path::new("layout.tsx");
        apply(
            path,
            text,
            &[Box::new(move |t, p| {
                transform(path, t, p, " {...o}", Layout::default())
            })],
        )
        .unwrap()
    }

    #[test]
    fn wraps_children_inside_body() {
        let src = "export default function RootLayout({ children }) {\n  return (\n    <html lang=\"en\">\n      <body>{children}</body>\n    </html>\n  );\n}\n";
        let out = run_with(src, wrap_page_slot);
        assert!(
            out.contains("      <body>\n        <WorkOsWidgets {...o}>{children}</WorkOsWidgets>\n      </body>\n"),
            "{out}"
        );
        assert_eq!(
            run_with(&out, wrap_page_slot),
            out,
            "second run changes nothing"
        );
        let multi = "const a = (\n  <body>\n    <Nav />\n    {children}\n  </body>\n)\n";
        assert_eq!(
            run_with(multi, wrap_page_slot),
            "const a = (\n  <body>\n    <Nav />\n    <WorkOsWidgets {...o}>\n      {children}\n    </WorkOsWidgets>\n  </body>\n)\n"
        );
    }

    #[test]
    fn wraps_the_app_component_in_a_parenthesised_return() {
        let src = "export default function App({ Component, pageProps }: AppProps) {\n  return <Component {...pageProps} />;\n}\n";
        assert_eq!(
            run_with(src, wrap_page_slot),
            "export default function App({ Component, pageProps }: AppProps) {\n  return (\n    <WorkOsWidgets {...o}>\n      <Component {...pageProps} />\n    </WorkOsWidgets>\n  );\n}\n"
        );
    }

    #[test]
    fn wraps_the_children_of_a_query_client_provider() {
        let src = "'use client'\nexport function Providers({ children }) {\n  return (\n    <QueryClientProvider client={queryClient}>\n      {children}\n    </QueryClientProvider>\n  )\n}\n";
        let out = run_with(src, wrap_query_client_children);
        assert!(
            out.contains("<QueryClientProvider client={queryClient}>\n      <WorkOsWidgets {...o}>\n        {children}\n      </WorkOsWidgets>\n    </QueryClientProvider>"),
            "{out}"
        );
        assert_eq!(run_with(&out, wrap_query_client_children), out);
    }

    #[test]
    fn wraps_the_children_of_the_provider_detection_chose_not_a_namesake() {
        let src = "export function P({ children }) {\n  return (\n    <div>\n      <QueryClientProvider client={sidebarClient}><aside /></QueryClientProvider>\n      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>\n    </div>\n  )\n}\n";
        let path = Path::new("providers.tsx");
        let out = apply(
            path,
            src,
            &[Box::new(move |t, p| {
                wrap_element_children(
                    path,
                    t,
                    p,
                    ("QueryClientProvider", 1),
                    " queryClient={queryClient}",
                    Layout::default(),
                )
            })],
        )
        .unwrap();
        assert!(
            out.contains(
                "<QueryClientProvider client={sidebarClient}><aside /></QueryClientProvider>\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("<QueryClientProvider client={queryClient}>\n        <WorkOsWidgets queryClient={queryClient}>{children}</WorkOsWidgets>\n      </QueryClientProvider>"),
            "{out}"
        );
    }

    #[test]
    fn reads_the_route_context_in_the_component_around_the_slot() {
        let src = "import { createRootRouteWithContext } from '@tanstack/react-router'\nexport const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({ shellComponent: Shell })\nfunction Shell({ children }) {\n  return (\n    <html>\n      <body>{children}</body>\n    </html>\n  )\n}\n";
        let path = Path::new("__root.tsx");
        let out = apply(
            path,
            src,
            &[
                Box::new(move |t, p| {
                    wrap_page_slot(path, t, p, " queryClient={queryClient}", Layout::default())
                }),
                Box::new(|t, p| {
                    Ok(read_route_context(
                        t,
                        p,
                        "Route",
                        "queryClient",
                        Layout::default(),
                    ))
                }),
            ],
        )
        .unwrap();
        assert!(
            out.contains("function Shell({ children }) {\n  const { queryClient } = Route.useRouteContext()\n  return ("),
            "{out}"
        );
        let arrow = "const Shell = ({ children }) => <html><body>{children}</body></html>\n";
        let program_text = arrow.to_owned();
        let allocator = oxc_allocator::Allocator::default();
        let program = js::parse(&allocator, path, &program_text).unwrap();
        assert!(
            read_route_context(arrow, &program, "Route", "queryClient", Layout::default())
                .is_empty(),
            "an expression body has no place for a statement"
        );
    }

    #[test]
    fn says_what_is_missing_in_a_next_root() {
        let path = Path::new("app/layout.tsx");
        let err = apply(
            path,
            "export default function L() { return <html /> }\n",
            &[Box::new(move |t, p| {
                wrap_page_slot(path, t, p, "", Layout::default())
            })],
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("app/layout.tsx: found neither `{children}`"),
            "{text}"
        );
    }

    #[test]
    fn fails_clearly_without_render_call() {
        let path = Path::new("main.tsx");
        let err = apply(
            path,
            "export const a = 1\n",
            &[Box::new(move |t, p| wrap_render_root(path, t, p, ""))],
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("found no `render(<App />)` call"),
            "{err}"
        );
    }
}
