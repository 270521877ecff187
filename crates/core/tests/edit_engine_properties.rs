//! Property test of the edit engine: generated entry files, Vite configs
//! and route-module roots (quotes, semicolons, CRLF, tabs, comments
//! everywhere, aliases, several renders, partial setups; pages rendered in
//! conditionals, a `QueryClientProvider` or TanStack's route context
//! holding the client, local bindings named like the ones the tool inserts:
//! `WorkOsWidgets`, `workosApiOptions`, `queryClient`, `route`) go through
//! the same transforms `init` runs, and every output must parse, declare no
//! name twice, wrap every render (every branch that renders the page)
//! exactly once, keep every comment and line ending, and be left alone by
//! a second pass. Links lists held in consts (`head: () => ({ links })`,
//! `links = () => sheets`) must be followed by the fact reader `verify`
//! uses, so every linked stylesheet is seen.
//!
//! The cases come from a small seeded generator, so a failure names the
//! seed that reproduces it. `WORKOS_WIDGETS_PROPERTY_CASES` sets how many
//! run (default 300); the count is printed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

use std::path::Path;

use oxc_allocator::Allocator;
use workos_widgets_core::catalog::{ROOT_COMPONENT, STYLESHEETS as SHEETS, WIDGETS_PACKAGE};
use workos_widgets_core::edit::transform::{Transform, apply, imports, root, vite_config};
use workos_widgets_core::facts::SourceFile;
use workos_widgets_core::js;

/// A tiny deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let len = u64::try_from(items.len()).unwrap_or(1);
        let index = usize::try_from(self.next() % len).unwrap_or(0);
        &items[index]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One generated entry file and what it must come out as.
struct Entry {
    text: String,
    renders: usize,
    comments: Vec<String>,
    crlf: bool,
}

fn entry(rng: &mut Rng) -> Entry {
    let q = *rng.pick(&['\'', '"']);
    let semi = *rng.pick(&["", ";"]);
    let indent = *rng.pick(&["  ", "    ", "\t"]);
    let crlf = rng.chance(30);
    let mut comments = Vec::new();
    let mut comment = |rng: &mut Rng, text: &str| -> String {
        if rng.chance(50) {
            comments.push(text.to_owned());
            text.to_owned()
        } else {
            String::new()
        }
    };
    let strict = *rng.pick(&["StrictMode", "React.StrictMode", "Strict"]);
    let mut lines = Vec::new();
    let header = comment(rng, "// The app's entry: keep this comment.");
    if !header.is_empty() {
        lines.push(header);
    }
    match strict {
        "React.StrictMode" => lines.push(format!("import React from {q}react{q}{semi}")),
        "Strict" => lines.push(format!(
            "import {{ StrictMode as Strict }} from {q}react{q}{semi}"
        )),
        _ => lines.push(format!("import {{ StrictMode }} from {q}react{q}{semi}")),
    }
    lines.push(format!(
        "import {{ createRoot }} from {q}react-dom/client{q}{semi}"
    ));
    let partial = rng.chance(30);
    if partial {
        lines.push(format!("import {q}{}{q}{semi}", SHEETS[0]));
    }
    let query = rng.chance(30);
    if query {
        lines.push(format!(
            "import {{ QueryClient, QueryClientProvider }} from {q}@tanstack/react-query{q}{semi}"
        ));
    }
    if rng.chance(70) {
        lines.push(format!("import {q}./index.css{q}{semi}"));
    }
    let trailing = comment(rng, "// eslint-disable-line import/order");
    lines.push(
        format!("import App from {q}./App{q}{semi} {trailing}")
            .trim_end()
            .to_owned(),
    );
    lines.push(String::new());
    if query {
        lines.push(format!("const queryClient = new QueryClient(){semi}"));
    }
    let before_render = comment(rng, "/* render the app */");
    if !before_render.is_empty() {
        lines.push(before_render);
    }
    let inner_comment = comment(rng, "{/* the routes */}");
    let tree = |depth: usize| -> String {
        let pad = indent.repeat(depth);
        let app = if inner_comment.is_empty() {
            format!("{pad}{indent}{indent}<App />")
        } else {
            format!("{pad}{indent}{indent}{inner_comment}\n{pad}{indent}{indent}<App />")
        };
        if query {
            format!(
                "(\n{pad}{indent}<{strict}>\n{pad}{indent}{indent}<QueryClientProvider client={{queryClient}}>\n{indent}{app}\n{pad}{indent}{indent}</QueryClientProvider>\n{pad}{indent}</{strict}>\n{pad})"
            )
        } else {
            format!("(\n{pad}{indent}<{strict}>\n{app}\n{pad}{indent}</{strict}>\n{pad})")
        }
    };
    let renders = if rng.chance(30) { 2 } else { 1 };
    let root = format!("createRoot(document.getElementById({q}root{q})!)");
    if renders == 2 {
        lines.push(format!("const root = {root}{semi}"));
        lines.push("if (import.meta.env.DEV) {".to_owned());
        lines.push(format!("{indent}root.render{}{semi}", tree(1)));
        lines.push("} else {".to_owned());
        lines.push(format!("{indent}root.render(<App />){semi}"));
        lines.push("}".to_owned());
    } else {
        lines.push(format!("{root}.render{}{semi}", tree(0)));
    }
    let mut text = lines.join("\n") + "\n";
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    Entry {
        text,
        renders,
        comments,
        crlf,
    }
}

fn entry_transforms() -> Vec<Transform<'static>> {
    vec![
        Box::new(|t, p| imports::ensure_stylesheets(t, p, &SHEETS)),
        Box::new(|t, p| imports::ensure_named_import(t, p, ROOT_COMPONENT, WIDGETS_PACKAGE)),
        Box::new(|t, p| {
            imports::ensure_named_import(t, p, "workosApiOptions", "./workos/api-options")
        }),
        Box::new(|t, p| {
            root::wrap_render_root(Path::new("src/main.tsx"), t, p, " {...workosApiOptions}")
        }),
    ]
}

fn vite_config_text(rng: &mut Rng) -> (String, bool) {
    let q = *rng.pick(&['\'', '"']);
    let semi = *rng.pick(&["", ";"]);
    let crlf = rng.chance(30);
    let shapes = [
        format!("export default defineConfig({{\n  plugins: [react()],\n}}){semi}"),
        format!("export default defineConfig({{ plugins: [react()] }}){semi}"),
        format!(
            "const plugins = [react()]{semi}\nexport default defineConfig({{\n  plugins,\n}}){semi}"
        ),
        format!("export default defineConfig({{\n  plugins: [react()].concat([]),\n}}){semi}"),
        format!(
            "export default defineConfig(() => {{\n  const plugins = [react()]{semi}\n  return {{ plugins }}{semi}\n}}){semi}"
        ),
        format!(
            "export default defineConfig({{\n  // no plugins yet\n  server: {{ port: 3000 }},\n}}){semi}"
        ),
    ];
    let body = rng.pick(&shapes).clone();
    let mut text = format!(
        "import {{ defineConfig }} from {q}vite{q}{semi}\nimport react from {q}@vitejs/plugin-react{q}{semi}\n\n{body}\n"
    );
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    (text, crlf)
}

fn config_transforms() -> Vec<Transform<'static>> {
    vec![
        Box::new(|t, p| {
            imports::ensure_named_import(t, p, "workosWidgetsToken", "./server/vite-plugin")
        }),
        Box::new(|t, p| {
            Ok(vite_config::add_plugin(t, p, "workosWidgetsToken()").unwrap_or_default())
        }),
    ]
}

/// Local names the API options are imported as (as `init` picks them).
const API_OPTIONS_NAMES: [&str; 3] = [
    "workosApiOptions",
    "workosWidgetsApiOptions",
    "widgetsApiOptions",
];

/// One generated route-module root (React Router's `app/root.tsx`, or a
/// TanStack root with a route context) and what it must come out as.
struct RootModule {
    text: String,
    comments: Vec<String>,
    crlf: bool,
    /// The app binds `WorkOsWidgets` itself (its own component).
    own_root_name: bool,
    /// TanStack: the root route's context holds `queryClient`; the name the
    /// client must get in the component (another when it uses that one).
    route_context: Option<&'static str>,
    /// The page sits inside a `QueryClientProvider` of the root.
    query_client: bool,
}

fn root_module(rng: &mut Rng) -> RootModule {
    let q = *rng.pick(&['\'', '"']);
    let semi = *rng.pick(&["", ";"]);
    let i = *rng.pick(&["  ", "    ", "\t"]);
    let crlf = rng.chance(30);
    let tanstack = rng.chance(40);
    let query_client = !tanstack && rng.chance(35);
    let own_root_name = rng.chance(30);
    let own_options = rng.chance(30);
    let own_route = rng.chance(40);
    let local_query_client = rng.chance(40);
    let slot = *rng.pick(&[
        "{children}",
        "{busy ? <Shell>{children}</Shell> : children}",
        "{busy && children}",
        "{busy ? <Shell>{children}</Shell> : <>{children}</>}",
        "{busy ? <p>Loading</p> : children}",
    ]);
    let mut comments = Vec::new();
    let mut lines = Vec::new();
    if rng.chance(50) {
        let c = "// The root module: keep this comment.".to_owned();
        lines.push(c.clone());
        comments.push(c);
    }
    if tanstack {
        lines.push(format!(
            "import {{ HeadContent, Scripts, createRootRouteWithContext }} from {q}@tanstack/react-router{q}{semi}"
        ));
        lines.push(format!(
            "import type {{ QueryClient }} from {q}@tanstack/react-query{q}{semi}"
        ));
    } else {
        lines.push(format!(
            "import {{ Links, Meta, Outlet, Scripts, useNavigation }} from {q}react-router{q}{semi}"
        ));
    }
    if query_client {
        lines.push(format!(
            "import {{ QueryClient, QueryClientProvider }} from {q}@tanstack/react-query{q}{semi}"
        ));
    }
    lines.push(format!("import {q}./app.css{q}{semi}"));
    lines.push(String::new());
    if own_root_name {
        lines.push(format!(
            "function WorkOsWidgets({{ children }}) {{\n{i}return <section>{{children}}</section>{semi}\n}}"
        ));
    }
    if own_options {
        lines.push(format!(
            "const workosApiOptions = {{ theme: {q}dark{q} }}{semi}"
        ));
    }
    if own_route {
        lines.push(format!("const route = {q}root{q}{semi}"));
    }
    if query_client && !local_query_client {
        lines.push(format!("const queryClient = new QueryClient(){semi}"));
    }
    lines.push(format!(
        "function Shell({{ children }}) {{\n{i}return <main aria-busy>{{children}}</main>{semi}\n}}"
    ));
    let route_context = tanstack.then_some(if local_query_client {
        "routeQueryClient"
    } else {
        "queryClient"
    });
    if tanstack {
        lines.push(format!(
            "export const Route = createRootRouteWithContext<{{ queryClient: QueryClient }}>()({{\n{i}shellComponent: Layout,\n}}){semi}"
        ));
    }
    if rng.chance(50) {
        let c = "/* the document */".to_owned();
        lines.push(c.clone());
        comments.push(c);
    }
    let body_slot = if query_client {
        format!(
            "<QueryClientProvider client={{queryClient}}>\n{i}{i}{i}{i}{slot}\n{i}{i}{i}</QueryClientProvider>"
        )
    } else {
        slot.to_owned()
    };
    let mut layout = "export function Layout({ children }) {\n".to_owned();
    if local_query_client && (query_client || tanstack) {
        let value = if tanstack {
            "'local'"
        } else {
            "new QueryClient()"
        };
        layout.push_str(&format!("{i}const queryClient = {value}{semi}\n"));
        if tanstack {
            layout.push_str(&format!("{i}console.log(queryClient){semi}\n"));
        }
    }
    if tanstack {
        layout.push_str(&format!("{i}const busy = false{semi}\n"));
    } else {
        layout.push_str(&format!(
            "{i}const busy = useNavigation().state !== {q}idle{q}{semi}\n"
        ));
    }
    let head = if tanstack {
        "<HeadContent />"
    } else {
        "<Meta />\n<Links />"
    };
    let head = head.replace('\n', &format!("\n{i}{i}{i}"));
    layout.push_str(&format!(
        "{i}return (\n{i}{i}<html lang={q}en{q}>\n{i}{i}{i}<head>\n{i}{i}{i}{i}{head}\n{i}{i}{i}</head>\n{i}{i}{i}<body>\n{i}{i}{i}{i}{body_slot}\n{i}{i}{i}{i}<Scripts />\n{i}{i}{i}</body>\n{i}{i}</html>\n{i}){semi}\n}}"
    ));
    lines.push(layout);
    let mut text = lines.join("\n") + "\n";
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    RootModule {
        text,
        comments,
        crlf,
        own_root_name,
        route_context,
        query_client,
    }
}

/// The transforms `init` runs on a route-module root (see the generator's
/// `steps::root_transforms`): the root and the API options imported under
/// free names, the page wrapped (inside the `QueryClientProvider`, sharing
/// its client), and TanStack's route context read where the client is
/// passed from it.
fn root_transforms(module: &RootModule, path: &'static Path) -> Vec<Transform<'static>> {
    let allocator = Allocator::default();
    let program = js::parse(&allocator, path, &module.text).unwrap();
    let root_name =
        js::free_name(&program, ROOT_COMPONENT, WIDGETS_PACKAGE, &root::ROOT_NAMES).unwrap();
    let options_name = js::free_name(
        &program,
        API_OPTIONS_NAMES[0],
        "~/workos/api-options",
        &API_OPTIONS_NAMES,
    )
    .unwrap();
    let mut attributes = format!(" {{...{options_name}}}");
    if module.query_client {
        attributes.push_str(" queryClient={queryClient}");
    }
    if let Some(binding) = module.route_context {
        attributes.push_str(&format!(" queryClient={{{binding}}}"));
    }
    let layout = root::Layout::default().with_root(root_name);
    let query_client = module.query_client;
    let route_context = module.route_context;
    let mut transforms: Vec<Transform<'static>> = vec![
        Box::new(move |t, p| {
            imports::ensure_named_import_as(t, p, ROOT_COMPONENT, root_name, WIDGETS_PACKAGE)
        }),
        Box::new(move |t, p| {
            imports::ensure_named_import_as(
                t,
                p,
                API_OPTIONS_NAMES[0],
                options_name,
                "~/workos/api-options",
            )
        }),
        Box::new(move |t, p| {
            if query_client {
                root::wrap_element_children(
                    path,
                    t,
                    p,
                    ("QueryClientProvider", 0),
                    &attributes,
                    layout,
                )
            } else {
                root::wrap_page_slot(path, t, p, &attributes, layout)
            }
        }),
    ];
    if let Some(binding) = route_context {
        transforms.push(Box::new(move |t, p| {
            Ok(root::read_route_context(t, p, "Route", binding, layout))
        }));
    }
    transforms
}

/// Checks a transformed root module: the page (every branch that renders
/// it) inside exactly one root, under a free name, with the client passed
/// from where it is in scope.
fn check_root_module(seed: u64, module: &RootModule, path: &Path, out: &str) {
    js::check_parses(path, out).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{out}"));
    let allocator = Allocator::default();
    let program = js::parse(&allocator, path, out).unwrap();
    let root_name = js::free_name(&program, ROOT_COMPONENT, WIDGETS_PACKAGE, &root::ROOT_NAMES)
        .unwrap_or_default();
    if module.own_root_name {
        assert_ne!(
            root_name, ROOT_COMPONENT,
            "seed {seed}: took the app's name:\n{out}"
        );
    }
    let roots: Vec<(usize, usize)> = js::jsx_elements(&program)
        .iter()
        .filter(|e| e.name == root_name)
        .map(|e| (e.start, e.end))
        .collect();
    assert_eq!(roots.len(), 1, "seed {seed}: one root:\n{out}");
    let (start, end) = roots[0];
    // Every read of `children` in Layout (the page, in every branch) is
    // inside the root.
    let layout_at = out.find("export function Layout").unwrap();
    let mut reads = Vec::new();
    let mut at = out[layout_at..]
        .find("{ children }")
        .map_or(layout_at, |o| layout_at + o + 12);
    while let Some(offset) = out[at..].find("children") {
        reads.push(at + offset);
        at += offset + "children".len();
    }
    assert!(
        !reads.is_empty(),
        "seed {seed}: the page is rendered:\n{out}"
    );
    for read in reads {
        assert!(
            start < read && read < end,
            "seed {seed}: a branch renders the page outside the root (at {read}):\n{out}"
        );
    }
    if let Some(binding) = module.route_context {
        assert_eq!(
            out.matches(".useRouteContext()").count(),
            1,
            "seed {seed}: the route context read once:\n{out}"
        );
        let pattern = if binding == "queryClient" {
            "const { queryClient } = Route.useRouteContext()".to_owned()
        } else {
            format!("const {{ queryClient: {binding} }} = Route.useRouteContext()")
        };
        assert!(out.contains(&pattern), "seed {seed}: {pattern}:\n{out}");
        assert!(
            out.contains(&format!("queryClient={{{binding}}}")),
            "seed {seed}: the root gets the route's client:\n{out}"
        );
    }
    for comment in &module.comments {
        assert!(
            out.contains(comment.as_str()),
            "seed {seed}: lost {comment}:\n{out}"
        );
    }
    check_line_endings(seed, module.crlf, out);
    check_unique(seed, &declared_names(path, out), out);
}

/// A TanStack root whose links are held in one of the ways apps hold them
/// (inline, a const named `links`, a const of a const, a function returning
/// a const), with the sheets' `?url` imports; returns the text and the
/// locals every link list must reach.
fn links_module(rng: &mut Rng) -> (String, Vec<&'static str>) {
    let q = *rng.pick(&['\'', '"']);
    let entries = "{ rel: 'stylesheet', href: radixThemesStylesheet },\n  { rel: 'stylesheet', href: workosWidgetsStylesheet },\n  { rel: 'stylesheet', href: appCss },";
    let imports = format!(
        "import radixThemesStylesheet from {q}@radix-ui/themes/styles.css?url{q}\nimport workosWidgetsStylesheet from {q}@workos-inc/widgets/styles.css?url{q}\nimport appCss from {q}./app.css?url{q}\n"
    );
    let shapes = [
        format!(
            "export const Route = createRootRoute({{\n  head: () => ({{ links: [\n  {entries}\n] }}),\n}})\n"
        ),
        format!(
            "const links = [\n  {entries}\n]\n\nexport const Route = createRootRoute({{\n  head: () => ({{ links }}),\n}})\n"
        ),
        format!(
            "const sheets = [\n  {entries}\n]\nconst links = sheets\n\nexport const Route = createRootRoute({{\n  head: () => ({{ meta: [], links }}),\n}})\n"
        ),
        format!("const sheets = [\n  {entries}\n]\n\nexport const links = () => sheets\n"),
        format!(
            "const widgetSheets = [\n  {entries}\n]\n\nexport const links = () => [...widgetSheets]\n"
        ),
    ];
    let body = rng.pick(&shapes).clone();
    (
        format!("{imports}\n{body}"),
        vec!["radixThemesStylesheet", "workosWidgetsStylesheet", "appCss"],
    )
}

/// Import locals and top-level `const`/`function` names, for the
/// "declares nothing twice" property.
fn declared_names(path: &Path, text: &str) -> Vec<String> {
    let allocator = Allocator::default();
    let program = js::parse(&allocator, path, text).unwrap();
    let mut names: Vec<String> = js::imports(&program)
        .into_iter()
        .flat_map(|i| i.locals)
        .collect();
    for statement in &program.body {
        match statement {
            oxc_ast::ast::Statement::VariableDeclaration(decl) => names.extend(
                decl.declarations
                    .iter()
                    .filter_map(|d| d.id.get_identifier_name().map(|n| n.to_string())),
            ),
            oxc_ast::ast::Statement::FunctionDeclaration(function) => {
                names.extend(function.id.as_ref().map(|id| id.name.to_string()));
            }
            _ => {}
        }
    }
    names
}

fn check_line_endings(seed: u64, crlf: bool, text: &str) {
    let breaks = text.matches('\n').count();
    let crlfs = text.matches("\r\n").count();
    if crlf {
        assert_eq!(
            crlfs, breaks,
            "seed {seed}: a lone LF in a CRLF file:\n{text:?}"
        );
    } else {
        assert_eq!(crlfs, 0, "seed {seed}: CRLF in an LF file:\n{text:?}");
    }
}

fn check_unique(seed: u64, names: &[String], text: &str) {
    let mut sorted = names.to_vec();
    sorted.sort();
    let before = sorted.len();
    sorted.dedup();
    assert_eq!(
        before,
        sorted.len(),
        "seed {seed}: a name is declared twice:\n{text}"
    );
}

#[test]
fn the_edit_engine_keeps_its_promises_on_generated_files() {
    let cases: u64 = std::env::var("WORKOS_WIDGETS_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let main = Path::new("src/main.tsx");
    let config = Path::new("vite.config.ts");
    for seed in 0..cases {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03);

        let entry = entry(&mut rng);
        let out = apply(main, &entry.text, &entry_transforms())
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{}", entry.text));
        js::check_parses(main, &out).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{out}"));
        let open = format!("<{ROOT_COMPONENT} ");
        assert_eq!(
            out.matches(&open).count(),
            entry.renders,
            "seed {seed}: every render wrapped exactly once:\n{out}"
        );
        for sheet in SHEETS {
            assert_eq!(
                out.matches(sheet).count(),
                1,
                "seed {seed}: {sheet} once:\n{out}"
            );
        }
        for comment in &entry.comments {
            assert!(
                out.contains(comment.as_str()),
                "seed {seed}: lost {comment}:\n{out}"
            );
        }
        check_line_endings(seed, entry.crlf, &out);
        check_unique(seed, &declared_names(main, &out), &out);
        let again = apply(main, &out, &entry_transforms()).unwrap();
        assert_eq!(again, out, "seed {seed}: a second pass changed the entry");

        let (text, crlf) = vite_config_text(&mut rng);
        let out = apply(config, &text, &config_transforms())
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        assert_eq!(
            out.matches("workosWidgetsToken()").count(),
            1,
            "seed {seed}: the plugin registered once:\n{out}"
        );
        let shorthand =
            out.contains("{ plugins }") || out.replace("\r\n", "\n").contains("\n  plugins,\n");
        assert!(
            out.matches("plugins:").count() == 1 && !shorthand,
            "seed {seed}: one plugins key:\n{out}"
        );
        if text.contains("// no plugins yet") {
            assert!(
                out.contains("// no plugins yet"),
                "seed {seed}: lost a comment:\n{out}"
            );
        }
        check_line_endings(seed, crlf, &out);
        check_unique(seed, &declared_names(config, &out), &out);
        let again = apply(config, &out, &config_transforms()).unwrap();
        assert_eq!(again, out, "seed {seed}: a second pass changed the config");

        let module = root_module(&mut rng);
        let root_path = Path::new("app/root.tsx");
        let out = apply(
            root_path,
            &module.text,
            &root_transforms(&module, root_path),
        )
        .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{}", module.text));
        check_root_module(seed, &module, root_path, &out);
        let second = RootModule {
            text: out.clone(),
            comments: Vec::new(),
            ..module
        };
        let again = apply(root_path, &out, &root_transforms(&second, root_path)).unwrap();
        assert_eq!(
            again, out,
            "seed {seed}: a second pass changed the root module"
        );

        let (text, locals) = links_module(&mut rng);
        let mut file = SourceFile::new(root_path.to_path_buf(), text.clone());
        let allocator = Allocator::default();
        let program = js::parse(&allocator, root_path, &text).unwrap();
        workos_widgets_core::facts::read::extract(&mut file, &program);
        for local in locals {
            assert!(
                file.link_lists.iter().any(|span| {
                    text[span.start..span.end]
                        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                        .any(|word| word == local)
                }),
                "seed {seed}: the links of {local} are not followed:\n{text}"
            );
        }
    }
    println!("edit engine properties: {cases} cases passed");
}
