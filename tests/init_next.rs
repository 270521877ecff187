//! `init` and `add` on the Next.js fixtures: a snapshot of the planned diff
//! per fixture, then real runs (without installing) that must write files
//! that parse and leave nothing for a second run to do.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::Path;
use std::process::Output;

use serde_json::Value;

const FIXTURES: [&str; 5] = [
    "next-app-ts",
    "next-app-js-src",
    "next-pages-ts",
    "next-app-authkit",
    "next-app-providers",
];

const WIDGETS: &str = "user-profile,users-management";

/// A fixture copied into a temporary folder (see `common::fixture`).
struct App {
    dir: tempfile::TempDir,
}

impl App {
    fn new(fixture: &str) -> Self {
        Self {
            dir: common::fixture(fixture),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        common::run(self.path(), args)
    }

    /// The command with `--yes --no-install --json`, parsed.
    fn apply(&self, command: &[&str]) -> Value {
        let mut args = command.to_vec();
        args.extend(["--yes", "--no-install", "--json"]);
        let output = self.run(&args);
        assert!(output.status.success(), "{}", text(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }
}

/// stderr (notes, warnings) then stdout (the diff).
fn text(output: &Output) -> String {
    format!("{}{}", common::stderr(output), common::stdout(output))
}

fn changed_paths(result: &Value) -> Vec<String> {
    result["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

fn snapshot_plan(fixture: &str) {
    let app = App::new(fixture);
    let output = app.run(&["init", "--widgets", WIDGETS, "--dry-run", "--no-install"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        common::snapshot_tree(app.path())
            == common::snapshot_tree(&common::repo().join("fixtures").join(fixture)),
        "a dry run wrote files"
    );
    let root = regex_escape(&app.path().to_string_lossy());
    insta::with_settings!({
        filters => vec![(root.as_str(), "[APP]")],
        snapshot_suffix => fixture,
    }, {
        insta::assert_snapshot!("plan", text(&output));
    });
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escape = "\\.+*?()|[]{}^$".contains(c);
            escape.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect()
}

#[test]
fn plans_app_router_ts() {
    snapshot_plan("next-app-ts");
}

#[test]
fn plans_app_router_js_with_src() {
    snapshot_plan("next-app-js-src");
}

#[test]
fn plans_pages_router_ts() {
    snapshot_plan("next-pages-ts");
}

#[test]
fn plans_app_router_with_authkit() {
    snapshot_plan("next-app-authkit");
}

#[test]
fn plans_app_router_with_a_client_providers_file() {
    snapshot_plan("next-app-providers");
}

#[test]
fn applies_every_fixture_once_with_files_that_parse() {
    for fixture in FIXTURES {
        let app = App::new(fixture);
        let first = app.apply(&["init", "--widgets", WIDGETS]);
        let paths = changed_paths(&first);
        assert!(paths.len() >= 10, "{fixture}: {paths:?}");
        for path in paths.iter().filter(|p| {
            [".ts", ".tsx", ".js", ".jsx", ".mjs"]
                .iter()
                .any(|ext| p.ends_with(ext))
        }) {
            workos_widgets_core::js::check_parses(Path::new(path), &app.read(path))
                .unwrap_or_else(|e| panic!("{fixture}: {e}"));
        }
        let second = app.apply(&["init", "--widgets", WIDGETS]);
        assert_eq!(second["changes"], 0, "{fixture}: {second:#}");
        assert_eq!(second["kept"], Value::Array(Vec::new()), "{fixture}");
        assert_eq!(verify_errors(&app), ["WW102"], "{fixture}");
    }
}

/// The error codes `verify` reports. Without an install, only WW102
/// (declared but not installed) may remain.
fn verify_errors(app: &App) -> Vec<String> {
    let output = app.run(&["verify", ".", "--format", "json"]);
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
fn authkit_apps_use_withauth_and_no_direct_sdk() {
    let app = App::new("next-app-authkit");
    app.apply(&["init", "--widgets", WIDGETS]);
    let session = app.read("workos/server/session.ts");
    assert!(session.contains("await withAuth()"), "{session}");
    assert!(!session.contains("WORKOS_WIDGETS_DEV_USER_ID"), "{session}");
    let handler = app.read("workos/server/token-handler.ts");
    assert!(handler.contains("workos = getWorkOS()"), "{handler}");
    assert!(!handler.contains("@workos-inc/node\""), "{handler}");
    let package = app.read("package.json");
    assert!(!package.contains("\"@workos-inc/node\""), "{package}");
    assert!(!app.read(".env.example").contains("WORKOS_WIDGETS_DEV_"));
}

#[test]
fn no_pages_stays_off_for_add() {
    let app = App::new("next-app-ts");
    app.apply(&["init", "--widgets", "user-profile", "--no-pages"]);
    assert!(!app.path().join("app/workos").exists());
    assert!(app.read("workos-widgets.toml").contains("pages = false"));

    let added = app.apply(&["add", "api-keys"]);
    let paths = changed_paths(&added);
    assert!(
        paths.contains(&"workos/ApiKeysWidget.tsx".to_owned()),
        "{paths:?}"
    );
    assert!(!app.path().join("app/workos").exists(), "{paths:?}");
    let handler = app.read("workos/server/token-handler.ts");
    assert!(
        handler.contains("WIDGETS_SCOPES = [\"widgets:api-keys:manage\"] as const;"),
        "{handler}"
    );
}

#[test]
fn add_extends_scopes_and_pages_of_a_pages_router_app() {
    let app = App::new("next-pages-ts");
    app.apply(&["init", "--widgets", "user-profile"]);
    let handler = app.read("workos/server/token-handler.ts");
    assert!(
        handler.contains("WIDGETS_SCOPES = [] as const"),
        "{handler}"
    );

    let added = app.apply(&["add", "users-management"]);
    assert!(
        changed_paths(&added).contains(&"pages/workos/users-management.tsx".to_owned()),
        "{added:#}"
    );
    let page = app.read("pages/workos/users-management.tsx");
    assert!(
        page.contains("import { UsersManagementWidget } from \"@/workos/UsersManagementWidget\";"),
        "{page}"
    );
    assert!(
        app.read("workos/server/token-handler.ts")
            .contains("WIDGETS_SCOPES = [\"widgets:users-table:manage\"] as const;")
    );
    assert_eq!(app.apply(&["add", "users-management"])["changes"], 0);
}

#[test]
fn both_routers_set_up_the_app_router_and_say_so() {
    let app = App::new("next-app-ts");
    std::fs::create_dir_all(app.path().join("pages")).unwrap();
    std::fs::write(
        app.path().join("pages/legacy.tsx"),
        "export default function Legacy() { return null }\n",
    )
    .unwrap();
    let output = app.run(&["init", "--widgets", WIDGETS, "--dry-run", "--no-install"]);
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains("note: both app and pages exist: setting up the App Router (app)"),
        "{out}"
    );
    assert!(
        out.contains("+++ b/app/api/workos/widgets-token/route.ts"),
        "{out}"
    );
}

#[test]
fn edited_generated_pages_are_kept() {
    let app = App::new("next-app-ts");
    app.apply(&["init", "--widgets", "user-profile"]);
    let page = "app/workos/user-profile/page.tsx";
    let mine = app
        .read(page)
        .replace("<h1>UserProfile</h1>", "<h1>My profile</h1>");
    std::fs::write(app.path().join(page), &mine).unwrap();
    let again = app.apply(&["init", "--widgets", "user-profile"]);
    assert_eq!(again["changes"], 0, "{again:#}");
    assert_eq!(again["kept"][0]["path"], page, "{again:#}");
    assert_eq!(app.read(page), mine);
}

#[test]
fn a_next_app_without_app_or_pages_fails_with_a_hint() {
    let app = App::new("next-app-ts");
    std::fs::remove_dir_all(app.path().join("app")).unwrap();
    let output = app.run(&["init", "--widgets", WIDGETS, "--dry-run"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    let out = text(&output);
    assert!(
        out.contains("looked for a Next.js app/ or pages/ folder (also under src/)"),
        "{out}"
    );
}

#[test]
fn a_middleware_matcher_that_leaves_out_the_token_route_is_warned_about() {
    // Seen on a real app: the AuthKit middleware's matcher excludes `api`,
    // so withAuth() throws in the generated token route.
    let app = common::fixture("next-app-authkit");
    let dir = app.path();
    let warnings = |dir: &std::path::Path| -> Vec<String> {
        let output = common::run(
            dir,
            &[
                "init",
                ".",
                "--widgets",
                "user-profile",
                "--dry-run",
                "--json",
            ],
        );
        assert!(output.status.success(), "{}", common::stderr(&output));
        let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
        plan["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_owned())
            .collect()
    };
    let about_matcher = |w: &Vec<String>| {
        w.iter()
            .any(|w| w.contains("middleware matcher leaves out"))
    };
    assert!(
        !about_matcher(&warnings(dir)),
        "the fixture's matcher covers /api"
    );
    std::fs::write(
        dir.join("proxy.ts"),
        "import { authkitProxy } from \"@workos-inc/authkit-nextjs\";\n\nexport default authkitProxy();\n\nexport const config = {\n  matcher: [\"/\", \"/((?!_not-found|auth|api|_next/static|_next/image|favicon.ico).*)\"],\n};\n",
    )
    .unwrap();
    assert!(about_matcher(&warnings(dir)));
}
