//! `init` and `add` on React Router 7 (framework mode), Remix 2 and
//! TanStack Start fixtures: a snapshot of the planned diff per fixture,
//! then real runs (without installing) whose files parse, whose second run
//! changes nothing, and that `verify` finds clean but for the install.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::{read, write};

use std::path::Path;
use std::process::Output;

use serde_json::Value;

const FIXTURES: [&str; 5] = [
    "react-router7-ts",
    "react-router7-cloudflare",
    "react-router7-authkit",
    "remix2-js",
    "tanstack-start-ts",
];

const WIDGETS: &str = "user-profile,users-management,organization-switcher";

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run(dir, args)
}

/// stderr (notes, warnings) then stdout (the diff).
fn text(output: &Output) -> String {
    format!("{}{}", common::stderr(output), common::stdout(output))
}

fn apply(dir: &Path, command: &[&str]) -> Value {
    let mut args = command.to_vec();
    args.extend(["--yes", "--no-install", "--json"]);
    let output = run(dir, &args);
    assert!(output.status.success(), "{}", text(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn snapshot_plan(fixture: &str) {
    let app = common::fixture(fixture);
    let output = run(
        app.path(),
        &["init", "--widgets", WIDGETS, "--dry-run", "--no-install"],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        common::snapshot_tree(app.path())
            == common::snapshot_tree(&common::repo().join("fixtures").join(fixture)),
        "a dry run wrote files"
    );
    let root = app.path().to_string_lossy().replace('.', "\\.");
    insta::with_settings!({
        filters => vec![(root.as_str(), "[APP]")],
        snapshot_suffix => fixture,
    }, {
        insta::assert_snapshot!("plan", text(&output));
    });
}

#[test]
fn plans_react_router_7_with_a_routes_config() {
    snapshot_plan("react-router7-ts");
}

#[test]
fn plans_react_router_7_with_its_authkit() {
    snapshot_plan("react-router7-authkit");
}

#[test]
fn plans_remix_2_javascript_with_file_routes() {
    snapshot_plan("remix2-js");
}

#[test]
fn plans_tanstack_start_with_head_links() {
    snapshot_plan("tanstack-start-ts");
}

/// The error codes `verify` reports.
fn verify_errors(dir: &Path) -> Vec<String> {
    let output = run(dir, &["verify", ".", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("verify printed no JSON ({e}): {}", text(&output)));
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

#[test]
fn applies_every_fixture_once_with_files_that_parse() {
    for fixture in FIXTURES {
        let app = common::fixture(fixture);
        let dir = app.path();
        let first = apply(dir, &["init", "--widgets", WIDGETS]);
        let paths: Vec<String> = first["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect();
        assert!(paths.len() >= 12, "{fixture}: {paths:?}");
        for path in paths.iter().filter(|p| {
            [".ts", ".tsx", ".js", ".jsx"]
                .iter()
                .any(|ext| p.ends_with(ext))
        }) {
            workos_widgets_core::js::check_parses(Path::new(path), &read(dir, path))
                .unwrap_or_else(|e| panic!("{fixture}: {e}"));
        }
        let second = apply(dir, &["init", "--widgets", WIDGETS]);
        assert_eq!(second["changes"], 0, "{fixture}: {second:#}");
        // Without an install only WW102 (declared, not installed) remains.
        assert_eq!(verify_errors(dir), ["WW102"], "{fixture}");
    }
}

#[test]
fn react_router_lists_the_routes_once_and_keeps_server_code_in_server_modules() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    apply(dir, &["init", "--widgets", "user-profile"]);
    let routes = read(dir, "app/routes.ts");
    assert!(
        routes.contains(
            "route(\"api/workos/widgets-token\", \"routes/api.workos.widgets-token.ts\")"
        ),
        "{routes}"
    );
    assert!(routes.contains("index, route }"), "{routes}");
    apply(dir, &["add", "users-management"]);
    let routes = read(dir, "app/routes.ts");
    assert_eq!(
        routes.matches("api/workos/widgets-token").count(),
        1,
        "{routes}"
    );
    assert!(
        routes
            .contains("route(\"workos/users-management\", \"routes/workos.users-management.tsx\")"),
        "{routes}"
    );
    let route = read(dir, "app/routes/api.workos.widgets-token.ts");
    assert!(route.contains("export function action("), "{route}");
    assert!(
        route.contains("from \"~/workos/token-handler.server\""),
        "{route}"
    );
    let handler = read(dir, "app/workos/token-handler.server.ts");
    assert!(handler.contains("from \"./session.server\""), "{handler}");
}

#[test]
fn react_router_authkit_reads_its_session_and_switches_organizations() {
    let app = common::fixture("react-router7-authkit");
    let dir = app.path();
    let report = apply(dir, &["init", "--widgets", WIDGETS]);
    let steps = report["next_steps"].to_string();
    assert!(
        steps.contains(
            "authkitLoader() of @workos-inc/authkit-react-router in app/workos/session.server.ts"
        ),
        "{steps}"
    );
    assert!(!steps.contains("withAuth()"), "{steps}");
    let example = read(dir, ".env.example");
    assert!(example.contains("\nWORKOS_COOKIE_PASSWORD=\n"), "{example}");
    let session = read(dir, "app/workos/session.server.ts");
    assert!(session.contains("await authkitLoader({"), "{session}");
    assert!(
        session.contains("from \"@workos-inc/authkit-react-router\""),
        "{session}"
    );
    assert!(!session.contains("WORKOS_WIDGETS_DEV_USER_ID"), "{session}");
    let handler = read(dir, "app/workos/token-handler.server.ts");
    assert!(handler.contains("workos = getWorkOS()"), "{handler}");
    let package = read(dir, "package.json");
    assert!(!package.contains("\"@workos-inc/node\""), "{package}");
    let page = read(dir, "app/routes/workos.organization-switcher.tsx");
    assert!(page.contains("switchSessionOrganization(request"), "{page}");
    assert!(page.contains("useSubmit()"), "{page}");
}

#[test]
fn tanstack_start_links_the_sheets_in_head_and_serves_a_server_route() {
    let app = common::fixture("tanstack-start-ts");
    let dir = app.path();
    let report = apply(dir, &["init", "--widgets", "user-profile"]);
    let steps = report["next_steps"].to_string();
    assert!(steps.contains("src/routeTree.gen.ts"), "{steps}");
    let root = read(dir, "src/routes/__root.tsx");
    let radix = root.find("href: radixThemesStylesheet").unwrap();
    let widgets = root.find("href: workosWidgetsStylesheet").unwrap();
    let app_css = root.find("href: appCss").unwrap();
    assert!(radix < widgets && widgets < app_css, "{root}");
    assert!(
        root.contains(
            "<WorkOsWidgets {...workosApiOptions}>\n          {children}\n        </WorkOsWidgets>"
        ),
        "{root}"
    );
    let route = read(dir, "src/routes/api/workos/widgets-token.ts");
    assert!(
        route.contains("createFileRoute('/api/workos/widgets-token')"),
        "{route}"
    );
    assert!(
        route.contains("POST: ({ request }) => handleWidgetsTokenRequest(request)"),
        "{route}"
    );
    let page = read(dir, "src/routes/workos/user-profile.tsx");
    assert!(
        page.contains("createFileRoute('/workos/user-profile')"),
        "{page}"
    );
}

#[test]
fn a_query_client_provider_in_the_root_module_shares_its_client() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    let root = read(dir, "app/root.tsx")
        .replace(
            "import \"./app.css\";",
            "import \"./app.css\";\nimport { QueryClient, QueryClientProvider } from \"@tanstack/react-query\";\n\nconst queryClient = new QueryClient();",
        )
        .replace(
            "return <Outlet />;",
            "return (\n    <QueryClientProvider client={queryClient}>\n      <Outlet />\n    </QueryClientProvider>\n  );",
        );
    std::fs::write(dir.join("app/root.tsx"), root).unwrap();
    apply(dir, &["init", "--widgets", "user-profile"]);
    let root = read(dir, "app/root.tsx");
    assert!(
        root.contains("<QueryClientProvider client={queryClient}>\n      <WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>\n        <Outlet />\n      </WorkOsWidgets>\n    </QueryClientProvider>"),
        "{root}"
    );
    assert!(
        root.contains("        {children}\n"),
        "Layout's children stay as they were\n{root}"
    );
}

#[test]
fn an_older_tanstack_start_gets_a_warning_about_the_server_route_api() {
    let app = common::fixture("tanstack-start-ts");
    let dir = app.path();
    let package = read(dir, "package.json").replace(
        "\"@tanstack/react-start\": \"1.169.5\"",
        "\"@tanstack/react-start\": \"^1.120.0\"",
    );
    std::fs::write(dir.join("package.json"), package).unwrap();
    let plan = apply(dir, &["init", "--widgets", "user-profile", "--dry-run"]);
    let warnings = plan["warnings"].to_string();
    assert!(
        warnings
            .contains("@tanstack/react-start 1.120.0 predates server routes in createFileRoute"),
        "{warnings}"
    );
}

/// A CRLF root module, routes config and package.json stay CRLF through the
/// syntax-tree edits (no mixed line endings), and a second run changes
/// nothing.
#[test]
fn crlf_files_keep_their_line_endings() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    let files = ["app/root.tsx", "app/routes.ts", "package.json"];
    for file in files {
        let text = read(dir, file).replace('\n', "\r\n");
        std::fs::write(dir.join(file), text).unwrap();
    }
    apply(dir, &["init", "--widgets", WIDGETS]);
    for file in files {
        let text = read(dir, file);
        let bare = text.matches('\n').count() - text.matches("\r\n").count();
        assert_eq!(bare, 0, "{file} has {bare} bare LF line endings:\n{text}");
    }
    assert!(read(dir, "app/routes.ts").contains("route(\"api/workos/widgets-token\""));
    let again = apply(dir, &["init"]);
    assert_eq!(again["changes"], 0, "{again:#}");
}

/// Moves `from` (a file or folder of the app) to `to`.
fn rename(dir: &Path, from: &str, to: &str) {
    let to = dir.join(to);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::rename(dir.join(from), to).unwrap();
}

fn warnings(report: &Value) -> String {
    report["warnings"].to_string()
}

/// Issue 17.5: a routes config built by a function the tool does not know
/// is left alone; the files are written and the exact entries printed.
#[test]
fn a_routes_config_built_by_a_function_gets_the_files_and_the_entries_to_add() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    let config = "import { type RouteConfig, index, route } from \"@react-router/dev/routes\";\n\nfunction appRoutes(): RouteConfig {\n  return [index(\"routes/home.tsx\")];\n}\n\nexport default appRoutes() satisfies RouteConfig;\n";
    write(dir, "app/routes.ts", config);
    let report = apply(dir, &["init", "--widgets", "user-profile"]);
    assert_eq!(
        read(dir, "app/routes.ts"),
        config,
        "the config is not touched"
    );
    assert!(dir.join("app/routes/api.workos.widgets-token.ts").is_file());
    assert!(dir.join("app/routes/workos.user-profile.tsx").is_file());
    let warnings = warnings(&report);
    assert!(
        warnings.contains(
            r#"route(\"api/workos/widgets-token\", \"routes/api.workos.widgets-token.ts\"),"#
        ) && warnings
            .contains(r#"route(\"workos/user-profile\", \"routes/workos.user-profile.tsx\"),"#),
        "{warnings}"
    );
    assert!(!warnings.contains("run again"), "{warnings}");
    // Once the user lists them, nothing is printed any more.
    write(
        dir,
        "app/routes.ts",
        &config.replace(
            "[index(\"routes/home.tsx\")]",
            "[index(\"routes/home.tsx\"), route(\"api/workos/widgets-token\", \"routes/api.workos.widgets-token.ts\"), route(\"workos/user-profile\", \"routes/workos.user-profile.tsx\")]",
        ),
    );
    let again = apply(dir, &["init"]);
    assert_eq!(again["changes"], 0, "{again:#}");
    assert!(
        !again["warnings"]
            .to_string()
            .contains("builds its route list"),
        "{again:#}"
    );
}

/// Issue 17.5: `autoRoutes()` (and `flatRoutes()` spread into a list) pick
/// up the route files: the config is left alone and nothing is printed.
#[test]
fn a_file_convention_in_the_routes_config_needs_only_the_files() {
    for config in [
        "import { autoRoutes } from \"react-router-auto-routes\";\n\nexport default autoRoutes();\n",
        "import { type RouteConfig, route } from \"@react-router/dev/routes\";\nimport { flatRoutes } from \"@react-router/fs-routes\";\n\nexport default [\n  ...(await flatRoutes()),\n  route(\"health\", \"health.ts\"),\n] satisfies RouteConfig;\n",
    ] {
        let app = common::fixture("react-router7-ts");
        let dir = app.path();
        write(dir, "app/routes.ts", config);
        let report = apply(dir, &["init", "--widgets", "user-profile"]);
        assert_eq!(read(dir, "app/routes.ts"), config);
        assert!(dir.join("app/routes/api.workos.widgets-token.ts").is_file());
        assert!(!warnings(&report).contains("route("), "{report:#}");
    }
}

/// Issue 18: a Remix routes config takes `route` from the module it already
/// imports (`@remix-run/route-config`), not from a package the app lacks.
#[test]
fn a_remix_routes_config_gets_route_from_the_module_it_imports() {
    let app = common::fixture("remix2-js");
    let dir = app.path();
    write(
        dir,
        "app/routes.js",
        "import { index } from \"@remix-run/route-config\";\n\nexport default [index(\"routes/_index.jsx\")];\n",
    );
    apply(dir, &["init", "--widgets", "user-profile"]);
    let routes = read(dir, "app/routes.js");
    assert!(
        routes.starts_with("import { index, route } from \"@remix-run/route-config\";\n"),
        "{routes}"
    );
    assert!(!routes.contains("@react-router/dev"), "{routes}");
    assert!(
        routes.contains(
            "route(\"api/workos/widgets-token\", \"routes/api.workos.widgets-token.js\")"
        ),
        "{routes}"
    );
}

/// Issue 18: a routes file binding `route` itself gets the helper under a
/// free alias, never a second `route` binding.
#[test]
fn a_routes_file_that_binds_route_gets_a_free_alias() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    write(
        dir,
        "app/routes.ts",
        "import { type RouteConfig, index } from \"@react-router/dev/routes\";\n\nconst route = \"routes/home.tsx\";\n\nexport default [index(route)] satisfies RouteConfig;\n",
    );
    apply(dir, &["init", "--widgets", "user-profile"]);
    let routes = read(dir, "app/routes.ts");
    assert!(
        routes.contains("import { type RouteConfig, index, route as routeEntry } from"),
        "{routes}"
    );
    assert!(
        routes.contains(
            "routeEntry(\"api/workos/widgets-token\", \"routes/api.workos.widgets-token.ts\")"
        ),
        "{routes}"
    );
    assert_eq!(routes.matches("route(").count(), 0, "{routes}");
    workos_widgets_core::js::check_parses(Path::new("app/routes.ts"), &routes).unwrap();
    let again = apply(dir, &["init"]);
    assert_eq!(again["changes"], 0, "{again:#}");
}

/// Issue 18: React Router (`ssr: false`) and Remix (`remix({ ssr: false })`)
/// in SPA mode get the Vite plugin instead of a resource route, and a note
/// on where the handler must run in production.
#[test]
fn spa_mode_serves_the_token_route_from_the_vite_plugin() {
    let react_router = common::fixture("react-router7-ts");
    let remix = common::fixture("remix2-js");
    let rr = react_router.path();
    let config = read(rr, "react-router.config.ts").replace("ssr: true", "ssr: false");
    write(rr, "react-router.config.ts", &config);
    let rx = remix.path();
    let vite = read(rx, "vite.config.js").replace("remix({\n", "remix({\n      ssr: false,\n");
    write(rx, "vite.config.js", &vite);
    for (dir, ext, routes) in [(rr, "ts", Some("app/routes.ts")), (rx, "js", None)] {
        let report = apply(dir, &["init", "--widgets", "user-profile"]);
        assert!(
            !dir.join(format!("app/routes/api.workos.widgets-token.{ext}"))
                .exists(),
            "no resource route in SPA mode"
        );
        let plugin = read(dir, &format!("server/workos-widgets/vite-plugin.{ext}"));
        assert!(plugin.contains("./token-handler"), "{plugin}");
        assert!(
            dir.join(format!("server/workos-widgets/token-handler.{ext}"))
                .is_file()
        );
        let vite = read(dir, &format!("vite.config.{ext}"));
        assert!(vite.contains("workosWidgetsToken()"), "{vite}");
        if let Some(routes) = routes {
            let routes = read(dir, routes);
            assert!(!routes.contains("widgets-token"), "{routes}");
            assert!(routes.contains("workos/user-profile"), "{routes}");
        }
        let notes = report["notes"].to_string();
        assert!(
            notes.contains("SPA mode") && notes.contains("In production"),
            "{notes}"
        );
        for file in report["files"].as_array().unwrap() {
            let path = file["path"].as_str().unwrap();
            if [".ts", ".tsx", ".js", ".jsx"]
                .iter()
                .any(|e| path.ends_with(e))
            {
                workos_widgets_core::js::check_parses(Path::new(path), &read(dir, path)).unwrap();
            }
        }
        let again = apply(dir, &["init"]);
        assert_eq!(again["changes"], 0, "{again:#}");
    }
}

/// Issue 18: `flatRoutes({ rootDirectory })` is where the route files go.
#[test]
fn flat_routes_root_directory_gets_the_route_files() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    rename(dir, "app/routes", "app/pages");
    write(
        dir,
        "app/routes.ts",
        "import { type RouteConfig } from \"@react-router/dev/routes\";\nimport { flatRoutes } from \"@react-router/fs-routes\";\n\nexport default flatRoutes({ rootDirectory: \"pages\" }) satisfies RouteConfig;\n",
    );
    apply(dir, &["init", "--widgets", "user-profile"]);
    assert!(dir.join("app/pages/api.workos.widgets-token.ts").is_file());
    assert!(dir.join("app/pages/workos.user-profile.tsx").is_file());
    assert!(!dir.join("app/routes").exists());
}

/// Issue 18: Remix with its file routes off (`ignoredRouteFiles: ["**/*"]`)
/// and routes defined in `routes(defineRoutes)`: the exact calls to add.
#[test]
fn remix_with_file_routes_off_prints_the_routes_to_define() {
    let app = common::fixture("remix2-js");
    let dir = app.path();
    let vite = read(dir, "vite.config.js").replace(
        "remix({\n",
        "remix({\n      ignoredRouteFiles: [\"**/*\"],\n      routes(defineRoutes) {\n        return defineRoutes((route) => {\n          route(\"/\", \"routes/_index.jsx\", { index: true });\n        });\n      },\n",
    );
    write(dir, "vite.config.js", &vite);
    let report = apply(dir, &["init", "--widgets", "user-profile"]);
    let warnings = warnings(&report);
    assert!(
        warnings.contains(
            r#"route(\"api/workos/widgets-token\", \"routes/api.workos.widgets-token.js\");"#
        ) && warnings.contains("defineRoutes"),
        "{warnings}"
    );
    assert_eq!(read(dir, "vite.config.js"), vite);
}

/// Issue 18: a token path the app already routes to its own module keeps
/// it; the tool writes no second, unreachable route.
#[test]
fn a_token_path_routed_to_the_apps_own_module_is_left_to_it() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    write(
        dir,
        "app/routes.ts",
        "import { type RouteConfig, index, route } from \"@react-router/dev/routes\";\n\nexport default [\n  index(\"routes/home.tsx\"),\n  route(\"api/workos/widgets-token\", \"routes/token.ts\"),\n] satisfies RouteConfig;\n",
    );
    let report = apply(dir, &["init", "--widgets", "user-profile"]);
    assert!(!dir.join("app/routes/api.workos.widgets-token.ts").exists());
    let warnings = warnings(&report);
    assert!(
        warnings.contains("already routed to app/routes/token.ts"),
        "{warnings}"
    );
    assert!(warnings.contains("handleWidgetsTokenRequest"), "{warnings}");
    let routes = read(dir, "app/routes.ts");
    assert_eq!(routes.matches("widgets-token").count(), 1, "{routes}");
}

/// Issue 18: `appDirectory` read from a const (React Router) and from the
/// Remix plugin's options.
#[test]
fn app_directory_from_a_const_and_from_the_remix_plugin_is_followed() {
    let react_router = common::fixture("react-router7-ts");
    let rr = react_router.path();
    rename(rr, "app", "src/app");
    write(
        rr,
        "react-router.config.ts",
        "import type { Config } from \"@react-router/dev/config\";\n\nconst appDirectory = \"src/app\";\n\nexport default { appDirectory, ssr: true } satisfies Config;\n",
    );
    apply(rr, &["init", "--widgets", "user-profile"]);
    assert!(read(rr, "src/app/root.tsx").contains("<WorkOsWidgets"));
    assert!(
        rr.join("src/app/routes/api.workos.widgets-token.ts")
            .is_file()
    );
    assert!(read(rr, "src/app/routes.ts").contains("api/workos/widgets-token"));

    let remix = common::fixture("remix2-js");
    let rx = remix.path();
    rename(rx, "app", "source");
    let vite = read(rx, "vite.config.js")
        .replace("remix({\n", "remix({\n      appDirectory: \"source\",\n");
    write(rx, "vite.config.js", &vite);
    apply(rx, &["init", "--widgets", "user-profile"]);
    assert!(read(rx, "source/root.jsx").contains("<WorkOsWidgets"));
    assert!(
        rx.join("source/routes/api.workos.widgets-token.js")
            .is_file()
    );
    assert!(!rx.join("app").exists());
}

/// Issue 18: a computed `appDirectory` is not guessed: the error asks for
/// `--routes-dir`, and with it the setup goes where it says.
#[test]
fn a_computed_app_directory_asks_for_the_routes_dir_flag() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    rename(dir, "app", "src/app");
    write(
        dir,
        "react-router.config.ts",
        "import type { Config } from \"@react-router/dev/config\";\nimport { join } from \"node:path\";\n\nexport default { appDirectory: join(\"src\", \"app\") } satisfies Config;\n",
    );
    let before = common::snapshot_tree(dir);
    let output = run(
        dir,
        &["init", "--widgets", "user-profile", "--yes", "--no-install"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let message = text(&output);
    assert!(
        message.contains(
            "react-router.config.ts:4: `appDirectory` is computed (`join(\"src\", \"app\")`)"
        ) && message.contains("--routes-dir"),
        "{message}"
    );
    assert!(common::snapshot_tree(dir) == before, "nothing is written");
    apply(
        dir,
        &[
            "init",
            "--widgets",
            "user-profile",
            "--routes-dir",
            "src/app/routes",
        ],
    );
    assert!(read(dir, "src/app/root.tsx").contains("<WorkOsWidgets"));
    assert!(
        dir.join("src/app/routes/api.workos.widgets-token.ts")
            .is_file()
    );
}

/// Issue 18: TanStack's `routesDirectory`, from tsr.config.json and from
/// the Start plugin's `router` options.
#[test]
fn tanstack_routes_directory_is_read_from_its_config() {
    let from_json = common::fixture("tanstack-start-ts");
    let json = from_json.path();
    rename(json, "src/routes", "src/pages");
    write(
        json,
        "tsr.config.json",
        "{\n  \"target\": \"react\",\n  \"routesDirectory\": \"./src/pages\"\n}\n",
    );
    apply(json, &["init", "--widgets", "user-profile"]);
    assert!(read(json, "src/pages/__root.tsx").contains("<WorkOsWidgets"));
    assert!(json.join("src/pages/api/workos/widgets-token.ts").is_file());

    let from_plugin = common::fixture("tanstack-start-ts");
    let plugin = from_plugin.path();
    rename(plugin, "src/routes", "src/pages");
    let vite = read(plugin, "vite.config.ts").replace(
        "tanstackStart()",
        "tanstackStart({ router: { routesDirectory: 'pages' } })",
    );
    write(plugin, "vite.config.ts", &vite);
    apply(plugin, &["init", "--widgets", "user-profile"]);
    assert!(read(plugin, "src/pages/__root.tsx").contains("<WorkOsWidgets"));
    assert!(plugin.join("src/pages/workos/user-profile.tsx").is_file());
}

/// Issue 18: widget sheets spliced into a one-line `links` array are laid
/// out one entry a line when the line would pass the print width.
#[test]
fn stylesheets_in_a_one_line_links_array_keep_within_the_print_width() {
    let app = common::fixture("tanstack-start-ts");
    let dir = app.path();
    let root = read(dir, "src/routes/__root.tsx").replace(
        "    links: [\n      {\n        rel: 'stylesheet',\n        href: appCss,\n      },\n    ],\n",
        "    links: [{ rel: 'stylesheet', href: appCss }],\n",
    );
    assert!(root.contains("links: [{ rel: 'stylesheet', href: appCss }],"));
    write(dir, "src/routes/__root.tsx", &root);
    apply(dir, &["init", "--widgets", "user-profile"]);
    let root = read(dir, "src/routes/__root.tsx");
    assert!(
        root.contains("    links: [\n      { rel: 'stylesheet', href: radixThemesStylesheet },\n      { rel: 'stylesheet', href: workosWidgetsStylesheet },\n      { rel: 'stylesheet', href: appCss },\n    ],\n"),
        "{root}"
    );
    assert!(root.lines().all(|l| l.chars().count() <= 80), "{root}");
}

/// Issue 18: a `links` array kept in a `const` (TanStack's `head: () => ({
/// links })`, Remix's `links = () => sheets`) gets the widget sheets, and
/// `verify` follows the binding to them: no WW203 after init.
#[test]
fn a_links_array_held_in_a_const_verifies_clean_after_init() {
    let app = common::fixture("tanstack-start-ts");
    let dir = app.path();
    let root = read(dir, "src/routes/__root.tsx")
        .replace(
            "export const Route = createRootRoute({",
            "const links = [{ rel: 'stylesheet', href: appCss }]\n\nexport const Route = createRootRoute({",
        )
        .replace(
            "    links: [\n      {\n        rel: 'stylesheet',\n        href: appCss,\n      },\n    ],\n",
            "    links,\n",
        );
    assert!(root.contains("    links,\n"), "{root}");
    write(dir, "src/routes/__root.tsx", &root);
    apply(dir, &["init", "--widgets", "user-profile"]);
    let root = read(dir, "src/routes/__root.tsx");
    assert!(
        root.contains("href: radixThemesStylesheet") && root.contains("    links,\n"),
        "{root}"
    );
    assert_eq!(verify_errors(dir), ["WW102"], "{root}");

    let app = common::fixture("remix2-js");
    let dir = app.path();
    let root = read(dir, "app/root.jsx")
        .replace(
            "import \"./tailwind.css\";",
            "import tailwind from \"./tailwind.css?url\";",
        )
        .replace(
            "export const links = () => [",
            "const sheets = [\n  { rel: \"stylesheet\", href: tailwind },",
        )
        .replace(
            "];\n\nexport function Layout",
            "];\n\nexport const links = () => sheets;\n\nexport function Layout",
        );
    write(dir, "app/root.jsx", &root);
    apply(dir, &["init", "--widgets", "user-profile"]);
    let root = read(dir, "app/root.jsx");
    assert!(root.contains("href: workosWidgetsStylesheet"), "{root}");
    assert_eq!(verify_errors(dir), ["WW102"], "{root}");
}

/// Issue 18: a root whose `Layout` renders the page in either branch of a
/// conditional (`busy ? <Shell>{children}</Shell> : children`, `ready &&
/// children`, a fragment branch) gets one `<WorkOsWidgets>` around the
/// whole conditional, so every branch is wrapped; verify agrees, and a
/// second run changes nothing.
#[test]
fn every_branch_of_a_conditional_around_children_is_wrapped() {
    for (conditional, wrapped) in [
        (
            "{busy ? <Shell>{children}</Shell> : children}",
            "        <WorkOsWidgets {...workosApiOptions}>\n          {busy ? <Shell>{children}</Shell> : children}\n        </WorkOsWidgets>\n",
        ),
        (
            "{busy ? <Shell>{children}</Shell> : <>{children}</>}",
            "        <WorkOsWidgets {...workosApiOptions}>\n          {busy ? <Shell>{children}</Shell> : <>{children}</>}\n        </WorkOsWidgets>\n",
        ),
        (
            "{ready && children}",
            "        <WorkOsWidgets {...workosApiOptions}>\n          {ready && children}\n        </WorkOsWidgets>\n",
        ),
    ] {
        let app = common::fixture("react-router7-ts");
        let dir = app.path();
        let root = read(dir, "app/root.tsx")
            .replace(
                "export function Layout({ children }: { children: React.ReactNode }) {\n",
                "function Shell({ children }: { children: React.ReactNode }) {\n  return <main aria-busy>{children}</main>;\n}\n\nexport function Layout({ children }: { children: React.ReactNode }) {\n  const busy = useNavigation().state !== \"idle\";\n  const ready = !busy;\n",
            )
            .replace("        {children}\n        <ScrollRestoration />", &format!("        {conditional}\n        <ScrollRestoration />"))
            .replace("  ScrollRestoration,\n", "  ScrollRestoration,\n  useNavigation,\n");
        write(dir, "app/root.tsx", &root);
        apply(dir, &["init", "--widgets", "user-profile"]);
        let root = read(dir, "app/root.tsx");
        assert!(root.contains(wrapped), "{conditional}\n{root}");
        assert_eq!(root.matches("<WorkOsWidgets").count(), 1, "{root}");
        let again = apply(dir, &["init", "--widgets", "user-profile"]);
        assert_eq!(again["changes"], 0, "{again:#}");
        assert_eq!(verify_errors(dir), ["WW102"], "{conditional}\n{root}");
    }
}

/// React Router's Cloudflare Workers shape: vars and secrets arrive on the
/// Worker's `env` binding, so the route passes `context.cloudflare.env` to
/// the handler, and no generated server module reads `process` (Workers have
/// none without `nodejs_compat`).
#[test]
fn react_router_on_cloudflare_workers_passes_the_workers_env_to_the_handler() {
    let app = common::fixture("react-router7-cloudflare");
    let dir = app.path();
    let result = apply(dir, &["init", "--widgets", "users-management"]);
    let route = read(dir, "app/routes/api.workos.widgets-token.ts");
    assert!(
        route.contains("export function action({\n  request,\n  context,\n}: ActionFunctionArgs)"),
        "{route}"
    );
    assert_eq!(
        route
            .matches("handleWidgetsTokenRequest(request, workerEnv(context.cloudflare.env))")
            .count(),
        2,
        "action and loader pass the Worker's env: {route}"
    );
    for module in [
        "app/workos/token-handler.server.ts",
        "app/workos/session.server.ts",
    ] {
        let text = read(dir, module);
        assert!(!text.contains("process"), "{module} reads process: {text}");
    }
    let session = read(dir, "app/workos/session.server.ts");
    assert!(
        session.contains("if (import.meta.env.PROD) return null"),
        "{session}"
    );
    let handler = read(dir, "app/workos/token-handler.server.ts");
    assert!(
        handler.contains("wrangler secret put WORKOS_API_KEY"),
        "{handler}"
    );
    let steps = result["next_steps"].to_string();
    assert!(steps.contains(".dev.vars"), "{steps}");
    // A Node React Router app keeps process.env.
    let node = common::fixture("react-router7-ts");
    apply(node.path(), &["init", "--widgets", "users-management"]);
    let route = read(node.path(), "app/routes/api.workos.widgets-token.ts");
    assert!(
        route.contains("return handleWidgetsTokenRequest(request);"),
        "{route}"
    );
}

/// The Workers output type-checks with the fixture's own Workers tsconfig
/// (`@cloudflare/workers-types` and `vite/client`) against
/// the real packages, installed from npm into a temporary folder. Skipped
/// (with a message) when `node` or npm is missing or cannot fetch them.
#[test]
fn the_cloudflare_workers_output_type_checks_with_the_apps_workers_tsconfig() {
    use std::process::Command;
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed");
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(cache.path().join("package.json"), "{\"private\": true}").unwrap();
    let install = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "typescript@5",
            "react-router@7",
            "@cloudflare/workers-types@4",
            "vite@7",
            "@workos-inc/node@8",
        ])
        .current_dir(cache.path())
        .output();
    if !install.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: npm could not install typescript and the Workers types");
        return;
    }
    let app = common::fixture("react-router7-cloudflare");
    let dir = app.path();
    apply(dir, &["init", "--widgets", "users-management"]);
    std::os::unix::fs::symlink(cache.path().join("node_modules"), dir.join("node_modules"))
        .unwrap();
    // The generated server code, under the app's Workers tsconfig.
    std::fs::write(
        dir.join("tsconfig.check.json"),
        r#"{
  "extends": "./tsconfig.cloudflare.json",
  "include": [
    "app/workos/*.server.ts",
    "app/routes/api.workos.widgets-token.ts",
    "worker-configuration.d.ts"
  ],
  "compilerOptions": { "composite": false, "noEmit": true }
}
"#,
    )
    .unwrap();
    let check = Command::new("node")
        .args([
            "node_modules/typescript/bin/tsc",
            "-p",
            "tsconfig.check.json",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "tsc: {}{}",
        common::stdout(&check),
        common::stderr(&check)
    );
}

/// The SPA-mode note is about the token route init writes: with AuthKit's
/// token (no route), it is not printed.
#[test]
fn spa_mode_with_authkit_tokens_gets_no_token_route_note() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    let config = read(dir, "react-router.config.ts").replace("ssr: true", "ssr: false");
    write(dir, "react-router.config.ts", &config);
    let manifest = read(dir, "package.json").replacen(
        "\"dependencies\": {",
        "\"dependencies\": {\n    \"@workos-inc/authkit-react\": \"^0.11.0\",",
        1,
    );
    write(dir, "package.json", &manifest);
    let output = common::run(
        dir,
        &[
            "init",
            "--widgets",
            "user-profile",
            "--token-strategy",
            "authkit",
            "--no-install",
            "--dry-run",
            "--json",
        ],
    );
    assert!(output.status.success(), "{}", common::stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&common::stdout(&output)).unwrap();
    assert!(
        !report["files"].to_string().contains("vite-plugin"),
        "{report:#}"
    );
    assert!(
        !report["notes"].to_string().contains("SPA mode"),
        "{:#}",
        report["notes"]
    );
}
