//! `init --token-strategy authkit` after a backend setup: the server files
//! the tool generated (unedited) and its token route registrations go; an
//! edited file, what it imports, and what a registration the tool cannot
//! take out safely still needs, stay, each named with the reason.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::read;

use std::path::Path;

use serde_json::Value;

const SERVER_FILES: [&str; 4] = [
    "server/workos-widgets/session.ts",
    "server/workos-widgets/token-handler.ts",
    "server/workos-widgets/vite-plugin.ts",
    "src/workos/widgets-token.ts",
];

fn init(dir: &Path, strategy: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "init",
        "--widgets",
        "user-profile",
        "--token-strategy",
        strategy,
        "--no-install",
        "--json",
    ];
    args.extend(extra);
    if !extra.contains(&"--dry-run") {
        args.push("--yes");
    }
    let output = common::run(dir, &args);
    assert!(
        output.status.success(),
        "{}{}",
        common::stderr(&output),
        common::stdout(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn files_with(report: &Value, action: &str) -> Vec<String> {
    let mut paths: Vec<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["action"] == action)
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    paths
}

fn kept(report: &Value) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = report["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["path"].as_str().unwrap().to_owned(),
                k["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    kept.sort();
    kept
}

fn manifest_lists(dir: &Path, path: &str) -> bool {
    read(dir, "workos-widgets.toml").contains(&format!("\"{path}\""))
}

#[test]
fn the_backend_strategy_beside_authkit_react_imports_what_its_widgets_use() {
    let app = common::fixture("vite-authkit");
    init(app.path(), "backend", &[]);
    let widget = read(app.path(), "src/workos/UserProfileWidget.tsx");
    assert!(!widget.contains("useAuth"), "{widget}");
    assert!(widget.contains("authToken={fetchWidgetsToken}"), "{widget}");
}

#[test]
fn switching_vite_to_authkit_removes_the_unedited_server_files_and_the_plugin() {
    let app = common::fixture("vite-authkit");
    let dir = app.path();
    let original_config = read(dir, "vite.config.ts");
    init(dir, "backend", &[]);
    assert!(read(dir, "vite.config.ts").contains("workosWidgetsToken()"));

    let before = common::snapshot_tree(dir);
    let planned = init(dir, "authkit", &["--dry-run"]);
    assert_eq!(common::snapshot_tree(dir), before, "a dry run wrote files");
    assert_eq!(files_with(&planned, "delete"), SERVER_FILES);
    let diff = planned["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "server/workos-widgets/token-handler.ts")
        .and_then(|f| f["diff"].as_str())
        .unwrap()
        .to_owned();
    assert!(
        diff.starts_with("--- a/server/workos-widgets/token-handler.ts\n+++ /dev/null\n"),
        "{diff}"
    );
    let notes = planned["notes"].to_string();
    assert!(notes.contains("removed 4 generated files"), "{notes}");
    assert!(notes.contains("@workos-inc/node"), "{notes}");

    init(dir, "authkit", &[]);
    for path in SERVER_FILES {
        assert!(!dir.join(path).exists(), "{path} is still there");
        assert!(
            !manifest_lists(dir, path),
            "the manifest still lists {path}"
        );
    }
    assert!(!dir.join("server").exists(), "the emptied folders are gone");
    assert!(
        !read(dir, "workos-widgets.toml").contains("token_endpoint"),
        "no token route any more"
    );
    assert_eq!(read(dir, "vite.config.ts"), original_config);
    assert!(read(dir, "src/workos/UserProfileWidget.tsx").contains("getAccessToken"));

    let second = init(dir, "authkit", &[]);
    assert_eq!(second["changes"], 0, "{second:#}");
}

#[test]
fn an_edited_server_file_stays_with_the_files_it_imports_each_named() {
    let app = common::fixture("vite-authkit");
    let dir = app.path();
    init(dir, "backend", &[]);
    let handler = "server/workos-widgets/token-handler.ts";
    let edited = format!("{}\n// mine\n", read(dir, handler));
    std::fs::write(dir.join(handler), &edited).unwrap();

    let report = init(dir, "authkit", &[]);
    assert_eq!(
        files_with(&report, "delete"),
        [
            "server/workos-widgets/vite-plugin.ts",
            "src/workos/widgets-token.ts"
        ]
    );
    let kept = kept(&report);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert_eq!(kept[0].0, "server/workos-widgets/session.ts");
    assert!(
        kept[0].1.contains(
            "left because server/workos-widgets/token-handler.ts, which you edited, imports it"
        ),
        "{kept:?}"
    );
    assert_eq!(kept[1].0, handler);
    assert!(
        kept[1].1.contains("you edited it, so it is left"),
        "{kept:?}"
    );
    assert_eq!(read(dir, handler), edited);
    assert!(dir.join("server/workos-widgets/session.ts").is_file());
    assert!(!read(dir, "vite.config.ts").contains("workosWidgetsToken"));

    let second = init(dir, "authkit", &[]);
    assert_eq!(second["changes"], 0, "{second:#}");
}

#[test]
fn a_plugin_registration_the_tool_did_not_write_stays_with_every_file_it_needs() {
    let app = common::fixture("vite-authkit");
    let dir = app.path();
    init(dir, "backend", &[]);
    let config = read(dir, "vite.config.ts").replace(
        "workosWidgetsToken()",
        "...(process.env.CI ? [] : [workosWidgetsToken()])",
    );
    std::fs::write(dir.join("vite.config.ts"), &config).unwrap();

    let report = init(dir, "authkit", &[]);
    assert!(files_with(&report, "delete").is_empty(), "{report:#}");
    assert_eq!(read(dir, "vite.config.ts"), config);
    let kept = kept(&report);
    assert_eq!(
        kept.iter().map(|k| k.0.as_str()).collect::<Vec<_>>(),
        SERVER_FILES
    );
    assert!(
        kept.iter()
            .all(|k| k.1.contains("the token route is still registered")),
        "{kept:?}"
    );
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains(
            "vite.config.ts: `workosWidgetsToken` is used in a way the tool did not write"
        ),
        "{warnings}"
    );
    for path in SERVER_FILES {
        assert!(dir.join(path).is_file(), "{path} was removed");
    }
}

#[test]
fn a_switch_that_fails_writes_nothing() {
    let app = common::fixture("vite-authkit");
    let dir = app.path();
    init(dir, "backend", &[]);
    // A config the tool cannot parse: the plan fails before any write.
    let config = format!("{}\nexport const broken = (\n", read(dir, "vite.config.ts"));
    std::fs::write(dir.join("vite.config.ts"), config).unwrap();
    let before = common::snapshot_tree(dir);
    let output = common::run(
        dir,
        &[
            "init",
            "--token-strategy",
            "authkit",
            "--yes",
            "--no-install",
        ],
    );
    assert!(!output.status.success(), "{}", common::stdout(&output));
    assert!(
        common::stderr(&output).contains("vite.config.ts"),
        "{}",
        common::stderr(&output)
    );
    assert_eq!(common::snapshot_tree(dir), before);
}

#[test]
fn switching_react_router_to_authkit_takes_the_token_route_out_of_routes_ts() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    let package = read(dir, "package.json").replace(
        "\"isbot\":",
        "\"@workos-inc/authkit-react\": \"^0.16.2\",\n    \"isbot\":",
    );
    std::fs::write(dir.join("package.json"), package).unwrap();
    init(dir, "backend", &[]);
    let routes = read(dir, "app/routes.ts");
    assert!(
        routes.contains("routes/api.workos.widgets-token.ts"),
        "{routes}"
    );

    let report = init(dir, "authkit", &[]);
    assert_eq!(
        files_with(&report, "delete"),
        [
            "app/routes/api.workos.widgets-token.ts",
            "app/workos/session.server.ts",
            "app/workos/token-handler.server.ts",
            "app/workos/widgets-token.ts",
        ]
    );
    let routes = read(dir, "app/routes.ts");
    assert!(!routes.contains("widgets-token"), "{routes}");
    assert!(
        routes.contains("route(\"workos/user-profile\", \"routes/workos.user-profile.tsx\")"),
        "{routes}"
    );
    assert!(!dir.join("app/routes/api.workos.widgets-token.ts").exists());
    assert!(dir.join("app/routes/workos.user-profile.tsx").is_file());
    let second = init(dir, "authkit", &[]);
    assert_eq!(second["changes"], 0, "{second:#}");
}

#[test]
fn authkit_widgets_without_an_authkit_provider_around_the_app_are_warned_about() {
    let app = common::fixture("vite-authkit");
    let planned = init(app.path(), "authkit", &["--dry-run"]);
    let warns = |plan: &Value| {
        plan["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("no <AuthKitProvider>"))
    };
    assert!(!warns(&planned), "main.tsx renders it: {planned:#}");

    // Without the provider around the app, the generated widgets' useAuth()
    // would throw.
    let main = read(app.path(), "src/main.tsx")
        .replace(
            "<AuthKitProvider clientId={import.meta.env.VITE_WORKOS_CLIENT_ID}>",
            "",
        )
        .replace("</AuthKitProvider>", "");
    common::write(app.path(), "src/main.tsx", &main);
    let planned = init(app.path(), "authkit", &["--dry-run"]);
    assert!(warns(&planned), "{planned:#}");
}
