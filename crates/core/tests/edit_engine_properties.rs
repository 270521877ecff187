//! Property test of the edit engine: generated entry files and Vite configs
//! (quotes, semicolons, CRLF, tabs, comments everywhere, aliases, several
//! renders, partial setups) go through the same transforms `init` runs, and
//! every output must parse, declare no name twice, wrap every render
//! exactly once, keep every comment and line ending, and be left alone by
//! a second pass.
//!
//! The cases come from a small seeded generator, so a failure names the
//! seed that reproduces it. `WORKOS_WIDGETS_PROPERTY_CASES` sets how many
//! run (default 300); the count is printed.

use std::path::Path;

use oxc_allocator::Allocator;
use workos_widgets_core::catalog::{ROOT_COMPONENT, STYLESHEETS as SHEETS, WIDGETS_PACKAGE};
use workos_widgets_core::edit::transform::{Transform, apply, imports, root, vite_config};
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
        if let oxc_ast::ast::Statement::VariableDeclaration(decl) = statement {
            names.extend(
                decl.declarations
                    .iter()
                    .filter_map(|d| d.id.get_identifier_name().map(|n| n.to_string())),
            );
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
    }
    println!("edit engine properties: {cases} cases passed");
}
