//! Property test of `init` on React Router roots and routes files (issue
//! 18), run through the CLI: seeded variations of `app/routes.ts` (one-line
//! and multi-line lists, layouts, quotes, semicolons, CRLF, a `route` the
//! file binds itself or already imports) and `app/root.tsx` (the page in a
//! conditional, an `&&` or a fragment branch; `?url` sheets in a `links`
//! array inline or held in a `const`; the app's own `WorkOsWidgets` and
//! `queryClient`). Every run must write files that parse, list each route
//! once under a name bound once, wrap the page once, leave nothing for a
//! second run, and verify clean but for the missing install.
//!
//! The edit engine's own property test (`crates/core/tests`) covers the
//! core transforms in-process; this one runs the whole planner, so it has
//! fewer cases: `WORKOS_WIDGETS_PROPERTY_CASES=N` sets how many (default
//! 24); a failure names the seed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::Path;

use serde_json::Value;

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

/// A routes file; whether the file binds `route` to something of its own.
fn routes_file(rng: &mut Rng) -> (String, bool) {
    let q = *rng.pick(&['\'', '"']);
    let semi = *rng.pick(&["", ";"]);
    let own_route = rng.chance(35);
    let imports_route = !own_route && rng.chance(40);
    let with_layout = rng.chance(40);
    let mut helpers = vec!["type RouteConfig", "index"];
    if imports_route {
        helpers.push("route");
    }
    if with_layout {
        helpers.push("layout");
    }
    let mut text = format!(
        "import {{ {} }} from {q}@react-router/dev/routes{q}{semi}\n\n",
        helpers.join(", ")
    );
    if own_route {
        text.push_str(&format!(
            "const route = (name: string) => `routes/${{name}}.tsx`{semi}\n\n"
        ));
    }
    let mut entries = vec![format!("index({q}routes/home.tsx{q})")];
    if imports_route {
        entries.push(format!("route({q}about{q}, {q}routes/about.tsx{q})"));
    }
    if with_layout {
        entries.push(format!(
            "layout({q}routes/shell.tsx{q}, [index({q}routes/dashboard.tsx{q})])"
        ));
    }
    let list = if rng.chance(50) {
        format!("[{}]", entries.join(", "))
    } else {
        let comma = *rng.pick(&["", ","]);
        format!("[\n  {}{comma}\n]", entries.join(",\n  "))
    };
    text.push_str(&format!(
        "export default {list} satisfies RouteConfig{semi}\n"
    ));
    (text, own_route)
}

/// A root module with the page somewhere in `Layout`'s `<body>`.
fn root_file(rng: &mut Rng) -> String {
    let q = *rng.pick(&['\'', '"']);
    let semi = *rng.pick(&["", ";"]);
    let slot = *rng.pick(&[
        "{children}",
        "{busy ? <Shell>{children}</Shell> : children}",
        "{!busy && children}",
        "{busy ? <Shell>{children}</Shell> : <>{children}</>}",
    ]);
    let url_sheets = rng.chance(60);
    let const_links = url_sheets && rng.chance(60);
    let own_root = rng.chance(30);
    let own_client = rng.chance(30);
    let mut text = format!(
        "import {{ Links, Meta, Outlet, Scripts, ScrollRestoration, useNavigation }} from {q}react-router{q}{semi}\n"
    );
    let sheet_entry = if url_sheets {
        text.push_str(&format!(
            "import appStylesheet from {q}./app.css?url{q}{semi}\n"
        ));
        format!("{{ rel: {q}stylesheet{q}, href: appStylesheet }}")
    } else {
        text.push_str(&format!("import {q}./app.css{q}{semi}\n"));
        format!("{{ rel: {q}preconnect{q}, href: {q}https://fonts.googleapis.com{q} }}")
    };
    text.push('\n');
    if const_links {
        text.push_str(&format!(
            "const sheets = [{sheet_entry}]{semi}\n\nexport const links = () => sheets{semi}\n\n"
        ));
    } else {
        text.push_str(&format!(
            "export const links = () => [{sheet_entry}]{semi}\n\n"
        ));
    }
    if own_root {
        text.push_str(&format!(
            "function WorkOsWidgets({{ children }}: {{ children: React.ReactNode }}) {{\n  return <section>{{children}}</section>{semi}\n}}\n\n"
        ));
    }
    if own_client {
        text.push_str(&format!("const queryClient = {q}not a client{q}{semi}\n\n"));
    }
    text.push_str(&format!(
        "function Shell({{ children }}: {{ children: React.ReactNode }}) {{\n  return <main aria-busy>{{children}}</main>{semi}\n}}\n\n"
    ));
    text.push_str(&format!(
        "export function Layout({{ children }}: {{ children: React.ReactNode }}) {{\n  const busy = useNavigation().state !== {q}idle{q}{semi}\n  return (\n    <html lang={q}en{q}>\n      <head>\n        <Meta />\n        <Links />\n      </head>\n      <body>\n        {slot}\n        <ScrollRestoration />\n        <Scripts />\n      </body>\n    </html>\n  ){semi}\n}}\n\nexport default function App() {{\n  return <Outlet />{semi}\n}}\n"
    ));
    text
}

fn init(dir: &Path, seed: u64) -> Value {
    let output = common::run(
        dir,
        &[
            "init",
            ".",
            "--widgets",
            "user-profile",
            "--yes",
            "--no-install",
            "--json",
        ],
    );
    assert!(
        output.status.success(),
        "seed {seed}: {}{}",
        common::stderr(&output),
        common::stdout(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn verify_errors(dir: &Path) -> Vec<String> {
    let output = common::run(dir, &["verify", ".", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut codes: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    codes.dedup();
    codes
}

/// The local names the routes module's import binds
/// (`{ type RouteConfig, index, route as routeEntry }` -> `RouteConfig`,
/// `index`, `routeEntry`).
fn imported_locals(text: &str) -> Vec<String> {
    let Some(open) = text.find('{') else {
        return Vec::new();
    };
    let close = text[open..].find('}').map_or(text.len(), |c| open + c);
    text[open + 1..close]
        .split(',')
        .map(|name| name.trim().trim_start_matches("type ").trim())
        .filter(|name| !name.is_empty())
        .map(|name| name.rsplit(" as ").next().unwrap_or(name).trim().to_owned())
        .collect()
}

#[test]
fn init_keeps_its_promises_on_generated_route_module_apps() {
    let cases: u64 = std::env::var("WORKOS_WIDGETS_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    for seed in 0..cases {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D_4C95_7F2D);
        let app = common::fixture("react-router7-ts");
        let dir = app.path();
        let (routes, own_route) = routes_file(&mut rng);
        let crlf = rng.chance(25);
        let routes = if crlf {
            routes.replace('\n', "\r\n")
        } else {
            routes
        };
        std::fs::write(dir.join("app/routes.ts"), &routes).unwrap();
        let root = root_file(&mut rng);
        std::fs::write(dir.join("app/root.tsx"), &root).unwrap();
        let case = format!("seed {seed}:\n{routes}\n{root}");

        let first = init(dir, seed);
        for file in first["files"].as_array().unwrap() {
            let path = file["path"].as_str().unwrap();
            if [".ts", ".tsx"].iter().any(|ext| path.ends_with(ext)) {
                let text = std::fs::read_to_string(dir.join(path)).unwrap();
                workos_widgets_core::js::check_parses(Path::new(path), &text)
                    .unwrap_or_else(|e| panic!("{case}\n{e}\n{text}"));
            }
        }
        let routes_out = std::fs::read_to_string(dir.join("app/routes.ts")).unwrap();
        for listed in ["\"api/workos/widgets-token\"", "\"workos/user-profile\""] {
            let single = listed.replace('"', "'");
            assert_eq!(
                routes_out.matches(listed).count() + routes_out.matches(&single).count(),
                1,
                "{case}\n{listed} listed once:\n{routes_out}"
            );
        }
        let mut names = imported_locals(&routes_out);
        if own_route {
            assert!(
                routes_out.contains("const route = (name: string)"),
                "{case}\nthe app's own route kept:\n{routes_out}"
            );
            names.push("route".to_owned());
        }
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(
            names.len(),
            count,
            "{case}\na name bound twice:\n{routes_out}"
        );
        if crlf {
            assert_eq!(
                routes_out.matches('\n').count(),
                routes_out.matches("\r\n").count(),
                "{case}\nCRLF kept:\n{routes_out:?}"
            );
        }
        let root_out = std::fs::read_to_string(dir.join("app/root.tsx")).unwrap();
        assert_eq!(
            root_out.matches("{...workosApiOptions}").count(),
            1,
            "{case}\none root:\n{root_out}"
        );

        let second = init(dir, seed);
        assert_eq!(second["changes"], 0, "{case}\nsecond run: {second:#}");
        assert_eq!(
            verify_errors(dir),
            ["WW102"],
            "{case}\n{root_out}\n{routes_out}"
        );
    }
    println!("route module properties: {cases} cases passed");
}
