//! The specifiers generated files import each other by: an alias only when
//! the app's bundler resolves it (and TypeScript too), else relative.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::{read, write};

use std::path::Path;

use serde_json::Value;

fn apply(dir: &Path, command: &[&str]) -> Value {
    let mut args = command.to_vec();
    args.extend(["--yes", "--no-install", "--json"]);
    let output = common::run(dir, &args);
    assert!(
        output.status.success(),
        "{}{}",
        common::stderr(&output),
        common::stdout(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn edit(dir: &Path, relative: &str, from: &str, to: &str) {
    let text = read(dir, relative);
    assert!(text.contains(from), "{relative}: {text}");
    write(dir, relative, &text.replacen(from, to, 1));
}

/// The error codes `verify` reports.
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

fn detect(dir: &Path) -> Value {
    let output = common::run(dir, &["detect", "--json"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    value["generated_imports"].clone()
}

/// The specifiers by which the React Router output reaches `app/workos/`:
/// the root's api-options import, a widget page's component import and the
/// token route's handler import.
fn react_router_imports(dir: &Path) -> [String; 3] {
    let find = |file: &str, target: &str| {
        let text = read(dir, file);
        text.lines()
            .filter(|line| line.contains(" from "))
            .find_map(|line| {
                let spec = line.rsplit(" from ").next()?.trim_end_matches(';');
                let spec = spec.trim_matches(['"', '\'']);
                spec.ends_with(target).then(|| spec.to_owned())
            })
            .unwrap_or_else(|| panic!("{file} imports no {target}:\n{text}"))
    };
    [
        find("app/root.tsx", "workos/api-options"),
        find(
            "app/routes/workos.user-profile.tsx",
            "workos/UserProfileWidget",
        ),
        find(
            "app/routes/api.workos.widgets-token.ts",
            "workos/token-handler.server",
        ),
    ]
}

/// React Router 7's template without `tsconfigPaths()`: its `~/*` alias
/// is in tsconfig.json only.
fn react_router_without_the_paths_plugin() -> tempfile::TempDir {
    let app = common::fixture("react-router7-ts");
    edit(app.path(), "vite.config.ts", ", tsconfigPaths()]", "]");
    edit(
        app.path(),
        "vite.config.ts",
        "import tsconfigPaths from \"vite-tsconfig-paths\";\n",
        "",
    );
    app
}

#[test]
fn a_tsconfig_alias_the_paths_plugin_resolves_is_used() {
    let app = common::fixture("react-router7-ts");
    apply(app.path(), &["init", "--widgets", "user-profile"]);
    assert_eq!(
        react_router_imports(app.path()),
        [
            "~/workos/api-options",
            "~/workos/UserProfileWidget",
            "~/workos/token-handler.server"
        ]
    );
    let generated = detect(app.path());
    assert_eq!(generated["source"], "tsconfig-paths", "{generated:#}");
    assert!(
        generated["reason"]
            .as_str()
            .unwrap()
            .contains("vite-tsconfig-paths"),
        "{generated:#}"
    );
}

#[test]
fn a_tsconfig_alias_vite_does_not_resolve_gives_relative_imports() {
    let app = react_router_without_the_paths_plugin();
    let generated = detect(app.path());
    assert_eq!(generated["alias"], Value::Null, "{generated:#}");
    assert_eq!(generated["source"], "relative");
    assert!(
        generated["reason"]
            .as_str()
            .unwrap()
            .contains("does not resolve the tsconfig/jsconfig paths alias `~/*`"),
        "{generated:#}"
    );
    apply(app.path(), &["init", "--widgets", "user-profile"]);
    assert_eq!(
        react_router_imports(app.path()),
        [
            "./workos/api-options",
            "../workos/UserProfileWidget",
            "../workos/token-handler.server"
        ]
    );
}

#[test]
fn package_json_imports_are_used_when_the_tsconfig_alias_is_not_resolved() {
    let app = react_router_without_the_paths_plugin();
    let dir = app.path();
    edit(
        dir,
        "package.json",
        "\"type\": \"module\",",
        "\"type\": \"module\",\n  \"imports\": { \"#/*\": \"./app/*\" },",
    );
    // TypeScript resolves `#/` only through paths (package.json imports
    // need the extension written), so the template maps it there too.
    edit(
        dir,
        "tsconfig.json",
        "\"~/*\": [\"./app/*\"]",
        "\"~/*\": [\"./app/*\"],\n      \"#/*\": [\"./app/*\"]",
    );
    let generated = detect(dir);
    assert_eq!(generated["source"], "package-imports", "{generated:#}");
    apply(dir, &["init", "--widgets", "user-profile"]);
    assert_eq!(
        react_router_imports(dir),
        [
            "#/workos/api-options",
            "#/workos/UserProfileWidget",
            "#/workos/token-handler.server"
        ]
    );
    assert_eq!(verify_errors(dir), ["WW102"]);
}

#[test]
fn package_json_imports_typescript_cannot_resolve_are_not_used() {
    let app = react_router_without_the_paths_plugin();
    edit(
        app.path(),
        "package.json",
        "\"type\": \"module\",",
        "\"type\": \"module\",\n  \"imports\": { \"#/*\": \"./app/*\" },",
    );
    assert_eq!(detect(app.path())["source"], "relative");
}

#[test]
fn a_vite_resolve_alias_is_used_in_a_javascript_app() {
    let app = common::fixture("remix2-js");
    let dir = app.path();
    edit(
        dir,
        "vite.config.js",
        "import { defineConfig } from \"vite\";",
        "import { defineConfig } from \"vite\";\nimport path from \"node:path\";",
    );
    edit(
        dir,
        "vite.config.js",
        "  plugins: [",
        "  resolve: { alias: { \"~\": path.resolve(__dirname, \"./app\") } },\n  plugins: [",
    );
    let generated = detect(dir);
    assert_eq!(generated["source"], "vite-alias", "{generated:#}");
    assert_eq!(generated["alias"]["prefix"], "~/");
    apply(dir, &["init", "--widgets", "user-profile"]);
    let page = read(dir, "app/routes/workos.user-profile.jsx");
    assert!(
        page.contains("from \"~/workos/UserProfileWidget\""),
        "{page}"
    );
    let root = read(dir, "app/root.jsx");
    assert!(root.contains("from \"~/workos/api-options\""), "{root}");
    // verify follows the alias too: only the missing install is left.
    assert_eq!(verify_errors(dir), ["WW102"]);
}

#[test]
fn resolve_tsconfig_paths_counts_from_vite_8_only() {
    let app = common::fixture("tanstack-start-ts");
    let dir = app.path();
    assert_eq!(detect(dir)["alias"]["prefix"], "@/", "Vite 8: resolved");
    edit(
        dir,
        "package.json",
        "\"vite\": \"^8.0.0\"",
        "\"vite\": \"^7.1.0\"",
    );
    let generated = detect(dir);
    // Vite 7 ignores the option; the template's package.json `imports`
    // (also in its tsconfig paths) is what Vite resolves.
    assert_eq!(generated["source"], "package-imports", "{generated:#}");
    assert_eq!(generated["alias"]["prefix"], "#/");
    assert!(
        generated["reason"]
            .as_str()
            .unwrap()
            .contains("resolve.tsconfigPaths needs Vite 8 (this app has Vite 7)"),
        "{generated:#}"
    );
}

/// A Vite build of the React Router output's route modules (a widget page
/// and the token route) with the app's resolution settings but not its
/// framework plugins (every package stays external, so only the app's own
/// specifiers are resolved): `paths_plugin` adds `vite-tsconfig-paths`.
fn vite_build(dir: &Path, cache: &Path, paths_plugin: bool) -> std::process::Output {
    let modules = dir.join("node_modules");
    if !modules.exists() {
        std::fs::create_dir_all(&modules).unwrap();
        for package in ["vite", "vite-tsconfig-paths"] {
            std::os::unix::fs::symlink(
                cache.join("node_modules").join(package),
                modules.join(package),
            )
            .unwrap();
        }
    }
    let (import, plugins) = if paths_plugin {
        (
            "import tsconfigPaths from \"vite-tsconfig-paths\";\n",
            "  plugins: [tsconfigPaths()],\n",
        )
    } else {
        ("", "")
    };
    write(
        dir,
        "vite.proof.config.mjs",
        &format!(
            r#"import {{ defineConfig }} from "vite";
{import}export default defineConfig({{
{plugins}  logLevel: "error",
  build: {{
    outDir: "proof-dist",
    emptyOutDir: true,
    minify: false,
    lib: {{
      entry: ["app/routes/workos.user-profile.tsx", "app/routes/api.workos.widgets-token.ts"],
      formats: ["es"],
    }},
    rollupOptions: {{ external: (id) => /^(@[^/]|[a-zA-Z])/.test(id) }},
  }},
}});
"#
        ),
    );
    std::process::Command::new("node")
        .args([
            "node_modules/vite/bin/vite.js",
            "build",
            "--config",
            "vite.proof.config.mjs",
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_alias_output_fails_a_real_vite_build_without_the_paths_plugin_and_the_new_output_builds() {
    use std::process::Command;
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed");
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    write(cache.path(), "package.json", "{\"private\": true}");
    let install = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "vite@7",
            "vite-tsconfig-paths@5",
        ])
        .current_dir(cache.path())
        .output();
    if !install.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: npm could not install vite@7 and vite-tsconfig-paths@5");
        return;
    }
    let text = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };

    // With the plugin the tool writes `~/` imports, as the old tool did for
    // every app with the alias: the plugin resolves them, Vite alone not.
    let aliased = common::fixture("react-router7-ts");
    apply(aliased.path(), &["init", "--widgets", "user-profile"]);
    assert!(react_router_imports(aliased.path())[1].starts_with("~/"));
    let built = vite_build(aliased.path(), cache.path(), true);
    assert!(built.status.success(), "{}", text(&built));
    let failed = vite_build(aliased.path(), cache.path(), false);
    assert!(!failed.status.success(), "{}", text(&failed));
    assert!(
        text(&failed).contains("failed to resolve import \"~/workos/"),
        "{}",
        text(&failed)
    );

    // Without the plugin the tool writes relative imports: they build.
    let relative = react_router_without_the_paths_plugin();
    apply(relative.path(), &["init", "--widgets", "user-profile"]);
    let built = vite_build(relative.path(), cache.path(), false);
    assert!(built.status.success(), "{}", text(&built));

    // package.json `imports` (`#/`), which Vite resolves by itself.
    let imports = react_router_without_the_paths_plugin();
    edit(
        imports.path(),
        "package.json",
        "\"type\": \"module\",",
        "\"type\": \"module\",\n  \"imports\": { \"#/*\": \"./app/*\" },",
    );
    edit(
        imports.path(),
        "tsconfig.json",
        "\"~/*\": [\"./app/*\"]",
        "\"~/*\": [\"./app/*\"],\n      \"#/*\": [\"./app/*\"]",
    );
    apply(imports.path(), &["init", "--widgets", "user-profile"]);
    assert!(react_router_imports(imports.path())[1].starts_with("#/"));
    let built = vite_build(imports.path(), cache.path(), false);
    assert!(built.status.success(), "{}", text(&built));
}
