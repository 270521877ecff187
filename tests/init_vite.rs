//! `init`/`add` on the Vite fixtures: planned diffs (snapshots), apply,
//! idempotency, user edits, and bad input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::{fixture, run, snapshot_tree, stderr, stdout};

const WIDGETS: &str = "--widgets=user-profile,users-management";

fn planned_diff(name: &str) -> String {
    let app = fixture(name);
    let out = run(
        app.path(),
        &["init", ".", WIDGETS, "--dry-run", "--no-install"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        snapshot_tree(app.path()) == snapshot_tree(&common::repo().join("fixtures").join(name)),
        "a dry run wrote files"
    );
    stdout(&out)
}

#[test]
fn plan_vite_ts() {
    insta::assert_snapshot!(planned_diff("vite-ts"));
}

#[test]
fn plan_vite_js() {
    insta::assert_snapshot!(planned_diff("vite-js"));
}

#[test]
fn plan_vite_with_prettierrc_follows_it() {
    // `.prettierrc` says double quotes and semicolons (Prettier is not
    // installed, so the tool's own restyling is all that runs).
    let diff = planned_diff("vite-prettier");
    assert!(
        diff.contains("+import { fetchWidgetsToken } from \"./widgets-token.ts\";"),
        "{diff}"
    );
    assert!(!diff.contains("from '"), "single quotes left: {diff}");
    insta::assert_snapshot!(diff);
}

#[test]
fn plan_vite_with_query_client_provider() {
    let diff = planned_diff("vite-query-client");
    assert!(
        diff.contains("+      <WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>"),
        "{diff}"
    );
    insta::assert_snapshot!(diff);
}

#[test]
fn plan_vite_with_authkit_react() {
    let diff = planned_diff("vite-authkit");
    assert!(
        diff.contains("const { getAccessToken } = useAuth()"),
        "{diff}"
    );
    assert!(
        !diff.contains("token-handler"),
        "AuthKit needs no token route: {diff}"
    );
    insta::assert_snapshot!(diff);
}

#[test]
fn second_run_plans_zero_changes_and_files_parse() {
    let app = fixture("vite-ts");
    let first = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
    assert!(first.status.success(), "{}", stderr(&first));
    for file in [
        "src/main.tsx",
        "vite.config.ts",
        "server/workos-widgets/token-handler.ts",
        "src/workos/UsersManagementWidget.tsx",
    ] {
        let path = app.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        workos_widgets_core::js::check_parses(&path, &text).unwrap();
    }
    let before = snapshot_tree(app.path());
    let second = run(
        app.path(),
        &["init", ".", WIDGETS, "--yes", "--no-install", "--json"],
    );
    assert!(second.status.success(), "{}", stderr(&second));
    let json: serde_json::Value = serde_json::from_str(&stdout(&second)).unwrap();
    assert_eq!(json["changes"], 0, "{json}");
    assert_eq!(json["applied"], false);
    assert!(
        snapshot_tree(app.path()) == before,
        "second run changed files"
    );
    let human = run(app.path(), &["init", ".", "--yes", "--no-install"]);
    assert!(
        stdout(&human).contains("already set up: 0 changes"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn json_plan_has_the_documented_fields() {
    let app = fixture("vite-js");
    let out = run(
        app.path(),
        &["init", ".", WIDGETS, "--dry-run", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["strategy"], "backend");
    assert_eq!(json["token_endpoint"], "/api/workos/widgets-token");
    assert_eq!(json["install"]["command"], "npm install");
    assert_eq!(json["install"]["packages"].as_array().unwrap().len(), 4);
    let components = json["components"].as_array().unwrap();
    assert_eq!(components[0]["widget"], "user-profile");
    assert_eq!(components[0]["component_name"], "UserProfileWidget");
    assert_eq!(components[0]["import_path"], "src/workos/UserProfileWidget");
    let files = json["files"].as_array().unwrap();
    assert!(
        files
            .iter()
            .any(|f| f["path"] == "src/main.jsx" && f["action"] == "modify")
    );
    assert!(
        files
            .iter()
            .all(|f| f["diff"].as_str().is_some_and(|d| d.contains("+++ b/")))
    );
    assert!(!json["next_steps"].as_array().unwrap().is_empty());
}

#[test]
fn edited_generated_files_are_kept_unless_forced() {
    let app = fixture("vite-ts");
    assert!(
        run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"])
            .status
            .success()
    );
    let widget = app.path().join("src/workos/UserProfileWidget.tsx");
    let edited = "export function UserProfileWidget() { return null }\n";
    std::fs::write(&widget, edited).unwrap();

    let again = run(app.path(), &["init", ".", "--yes", "--no-install"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("kept src/workos/UserProfileWidget.tsx: you edited it"),
        "{}",
        stdout(&again)
    );
    assert_eq!(std::fs::read_to_string(&widget).unwrap(), edited);

    let forced = run(
        app.path(),
        &["init", ".", "--yes", "--no-install", "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        std::fs::read_to_string(&widget)
            .unwrap()
            .contains("<UserProfile authToken={fetchWidgetsToken} />")
    );
}

#[test]
fn foreign_file_in_the_way_is_never_replaced() {
    let app = fixture("vite-ts");
    let path = app.path().join("src/workos/UserProfileWidget.tsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "// mine\n").unwrap();
    let out = run(
        app.path(),
        &["init", ".", WIDGETS, "--yes", "--no-install", "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("not generated by workos-widgets"),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "// mine\n");
}

#[test]
fn add_extends_scopes_and_keeps_manifest_comments() {
    let app = fixture("vite-ts");
    assert!(
        run(
            app.path(),
            &[
                "init",
                ".",
                "--widgets=user-profile",
                "--yes",
                "--no-install"
            ]
        )
        .status
        .success()
    );
    let handler = app.path().join("server/workos-widgets/token-handler.ts");
    assert!(
        std::fs::read_to_string(&handler)
            .unwrap()
            .contains("export const WIDGETS_SCOPES = [] as const")
    );
    let manifest = app.path().join("workos-widgets.toml");
    let with_comment = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("widgets = [", "# picked by the team\nwidgets = [");
    std::fs::write(&manifest, with_comment).unwrap();
    // The user edits the handler; `add` must still add the scope without losing the edit.
    let edited = std::fs::read_to_string(&handler)
        .unwrap()
        .replace("export async function", "// my note\nexport async function");
    std::fs::write(&handler, &edited).unwrap();

    let out = run(
        app.path(),
        &[
            "add",
            "api-keys",
            "users-management",
            ".",
            "--yes",
            "--no-install",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let handler_text = std::fs::read_to_string(&handler).unwrap();
    assert!(
        handler_text.contains("'widgets:users-table:manage', 'widgets:api-keys:manage'"),
        "{handler_text}"
    );
    assert!(handler_text.contains("// my note"));
    let manifest_text = std::fs::read_to_string(&manifest).unwrap();
    assert!(
        manifest_text.contains("# picked by the team"),
        "{manifest_text}"
    );
    assert!(
        manifest_text.contains(r#"widgets = ["user-profile", "users-management", "api-keys"]"#),
        "{manifest_text}"
    );
    assert!(app.path().join("src/workos/ApiKeysWidget.tsx").exists());
}

#[test]
fn add_before_init_is_an_error() {
    let app = fixture("vite-ts");
    let out = run(app.path(), &["add", "api-keys", "--no-install"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("run `workos-widgets init --widgets api-keys` first"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let cases = [
        (
            "bad/malformed-package-json",
            "package.json:5:3: package.json is not valid JSON: trailing comma",
        ),
        (
            "bad/entry-syntax-error",
            "src/main.tsx:4:1: Expected `)` but found `EOF`",
        ),
        ("bad/no-react", "is not a React project"),
        ("bad/vue-app", "(found: vue 3.5.13)"),
        ("bad/missing-entry", "no entry file found"),
    ];
    for (name, message) in cases {
        let app = fixture(name);
        let before = snapshot_tree(app.path());
        let out = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{name}: {}", stderr(&out));
        assert!(
            snapshot_tree(app.path()) == before,
            "{name}: files were written"
        );
    }
}

#[test]
fn missing_package_json_says_where_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["detect", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("run it in your app's folder or pass its path"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unsupported_framework_is_named() {
    let app = fixture("vite-ts");
    let pkg = std::fs::read_to_string(app.path().join("package.json"))
        .unwrap()
        .replace(
            "\"react\":",
            "\"react-scripts\": \"5.0.1\",\n    \"react\":",
        );
    std::fs::write(app.path().join("package.json"), pkg).unwrap();
    let out = run(app.path(), &["init", ".", WIDGETS, "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Create React App is not supported yet"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_failed_write_leaves_the_project_as_it_was() {
    let app = fixture("vite-ts");
    // A file where the generated `server/` directory must go.
    std::fs::write(app.path().join("server"), "in the way\n").unwrap();
    let before = snapshot_tree(app.path());
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    assert!(
        snapshot_tree(app.path()) == before,
        "files were left behind"
    );
}

#[test]
fn missing_widgets_without_a_terminal_lists_the_ids() {
    let app = fixture("vite-ts");
    let out = run(app.path(), &["init", ".", "--no-install"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--widgets is required"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("admin-portal-sso-connection"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unknown_widget_is_rejected() {
    let app = fixture("vite-ts");
    let out = run(
        app.path(),
        &["init", ".", "--widgets=user-profle", "--dry-run"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown widget `user-profle`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn detect_reports_the_project_model() {
    let app = fixture("vite-query-client");
    let out = run(app.path(), &["detect", ".", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["root"] = "[root]".into();
    insta::assert_json_snapshot!(json);
}

#[test]
fn list_has_twelve_widgets() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let widgets = json.as_array().unwrap();
    assert_eq!(widgets.len(), 12);
    let um = widgets
        .iter()
        .find(|w| w["id"] == "users-management")
        .unwrap();
    assert_eq!(um["scope"], "widgets:users-table:manage");
    assert_eq!(um["component"], "UsersManagement");
}

#[test]
fn keys_in_env_files_are_checked_and_only_shown_masked() {
    let app = fixture("vite-ts");
    std::fs::write(
        app.path().join(".env.local"),
        "WORKOS_API_KEY=sk_test_a1b2c3d4e5f6g7h8\nWORKOS_CLIENT_ID=pk_wrongprefix_0042\n",
    )
    .unwrap();
    let out = tool_without_env(app.path())
        .args(["init", ".", WIDGETS, "--yes", "--no-install"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("WORKOS_API_KEY is set in .env.local (sk_test_****g7h8)"),
        "{text}"
    );
    assert!(
        text.contains(
            "WORKOS_CLIENT_ID in .env.local (pk_wrong****0042) does not start with client_"
        ),
        "{text}"
    );
    assert!(
        !text.contains("a1b2c3d4"),
        "a key was printed unmasked: {text}"
    );
    assert!(
        !std::fs::read_to_string(app.path().join(".env.example"))
            .unwrap()
            .contains("sk_test_a1")
    );
}

/// The tool without WORKOS_* variables inherited from the test's environment.
fn tool_without_env(dir: &std::path::Path) -> std::process::Command {
    let mut command = common::tool(dir);
    command
        .current_dir(dir)
        .env_remove("WORKOS_API_KEY")
        .env_remove("WORKOS_CLIENT_ID");
    command
}

/// A CRLF entry file and package.json stay CRLF (no mixed line endings).
#[test]
fn crlf_files_keep_their_line_endings() {
    let app = fixture("vite-ts");
    for file in ["src/main.tsx", "package.json", "vite.config.ts"] {
        let path = app.path().join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace('\n', "\r\n");
        std::fs::write(&path, text).unwrap();
    }
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["src/main.tsx", "package.json", "vite.config.ts"] {
        let text = std::fs::read_to_string(app.path().join(file)).unwrap();
        assert!(
            text.contains("WorkOs") || text.contains("workos"),
            "{file} was edited: {text}"
        );
        let breaks = text.matches('\n').count();
        assert_eq!(
            text.matches("\r\n").count(),
            breaks,
            "{file} has a lone LF: {text:?}"
        );
    }
}

/// Two runs at once on one app: the second waits for the first, then
/// builds on what it wrote, so no manifest update is lost.
#[test]
fn concurrent_runs_lose_no_manifest_update() {
    let app = fixture("vite-ts");
    let spawn = |widget: &str| {
        common::tool(app.path())
            .args(["init", ".", "--widgets", widget, "--yes", "--no-install"])
            .current_dir(app.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let runs: Vec<_> = ["user-profile", "users-management", "user-sessions"]
        .into_iter()
        .map(spawn)
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let manifest = std::fs::read_to_string(app.path().join("workos-widgets.toml")).unwrap();
    for id in ["user-profile", "users-management", "user-sessions"] {
        assert!(
            manifest.contains(&format!("\"{id}\"")),
            "{id} lost: {manifest}"
        );
    }
    let again = run(
        app.path(),
        &["init", ".", "--yes", "--no-install", "--json"],
    );
    let plan: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(plan["changes"], 0, "{plan:#}");
}

/// React 17, or `react` aliased to Preact, is refused before anything is
/// planned (exit 2, nothing written): `verify` would fail on it anyway.
#[test]
fn refuses_react_older_than_18_and_preact_aliases() {
    for (range, says) in [
        ("^17.0.2", "React 17.0.2"),
        ("npm:@preact/compat@^17.1.2", "alias of @preact/compat"),
    ] {
        let app = fixture("vite-ts");
        let path = app.path().join("package.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let text = with_react_range(&text, range);
        std::fs::write(&path, text).unwrap();
        let before = snapshot_tree(app.path());
        let out = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
        assert_eq!(out.status.code(), Some(2), "{range}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("need React 18 or later"),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
        assert!(snapshot_tree(app.path()) == before, "nothing written");
    }
}

/// package.json text with `"react": "<range>"`.
fn with_react_range(text: &str, range: &str) -> String {
    let start = text.find("\"react\": \"").unwrap() + "\"react\": \"".len();
    let end = start + text[start..].find('"').unwrap();
    format!("{}{range}{}", &text[..start], &text[end..])
}

/// A CommonJS `vite.config.cjs` is found (not "no vite.config"), left
/// untouched, and the warning says how to register the plugin.
#[test]
fn a_commonjs_vite_config_gets_instructions_not_an_edit() {
    let app = fixture("vite-ts");
    std::fs::remove_file(app.path().join("vite.config.ts")).unwrap();
    let config =
        "const react = require('@vitejs/plugin-react')\nmodule.exports = { plugins: [react()] }\n";
    std::fs::write(app.path().join("vite.config.cjs"), config).unwrap();
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("vite.config.cjs is CommonJS"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("no vite.config"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(app.path().join("vite.config.cjs")).unwrap(),
        config
    );
}

/// Messages for common slips: a typo gets "did you mean", component names
/// are accepted, an empty list says so, a file as PATH is named, `src/`
/// finds the app above it, and `--json` prints the error as JSON.
#[test]
fn helpful_messages_for_common_slips() {
    let app = fixture("vite-ts");
    let out = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets",
            "user-profle",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let error: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(error["error"]["code"], "bad-input", "{error:#}");
    assert_eq!(
        error["error"]["message"],
        "unknown widget `user-profle` (did you mean `user-profile`?)"
    );
    assert!(
        error["error"]["hint"]
            .as_str()
            .unwrap()
            .starts_with("choose from: user-profile")
    );

    let out = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets",
            "UserProfile,User-Sessions,",
            "--dry-run",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let widgets: Vec<&str> = plan["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["widget"].as_str().unwrap())
        .collect();
    assert_eq!(widgets, ["user-profile", "user-sessions"]);

    let out = run(app.path(), &["init", ".", "--widgets", "", "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no widget given"), "{}", stderr(&out));

    let out = run(app.path(), &["detect", "package.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("package.json is a file, not a folder"),
        "{}",
        stderr(&out)
    );

    let out = run(&app.path().join("src"), &["detect", ".", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        model["framework"], "vite",
        "found the app above src/: {model:#}"
    );
}

/// A `node` that is not one: the Prettier step must fall back to the
/// restyled text with a note, never fail.
#[test]
fn a_failing_prettier_falls_back_with_a_note() {
    let app = fixture("vite-prettier");
    let prettier = app.path().join("node_modules/prettier");
    std::fs::create_dir_all(&prettier).unwrap();
    std::fs::write(prettier.join("package.json"), "{\"version\": \"3.0.0\"}").unwrap();
    // tool() puts a fake `node` (it only prints a version) first on PATH.
    let out = run(
        app.path(),
        &["init", ".", WIDGETS, "--dry-run", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let notes = json["notes"].to_string();
    assert!(
        notes.contains("could not run the project's Prettier"),
        "{notes}"
    );
    let diff = json["files"].to_string();
    assert!(
        diff.contains("from \\\"@workos-inc/widgets\\\";"),
        "restyled text is used: {diff}"
    );
}

/// Formats through a real Prettier 3 installed from npm into a temporary
/// folder. Skipped (with a message) when `node` or `npm` is not installed or
/// npm cannot fetch Prettier.
#[test]
fn formats_generated_files_with_the_projects_prettier() {
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
            "prettier@3",
        ])
        .current_dir(cache.path())
        .output();
    if !install.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: npm could not install prettier@3");
        return;
    }
    let app = fixture("vite-prettier");
    std::fs::create_dir_all(app.path().join("node_modules")).unwrap();
    std::os::unix::fs::symlink(
        cache.path().join("node_modules/prettier"),
        app.path().join("node_modules/prettier"),
    )
    .unwrap();
    // The real node, not the tests' fake one.
    let out = Command::new(env!("CARGO_BIN_EXE_workos-widgets"))
        .args(["init", ".", WIDGETS, "--yes", "--no-install", "--json"])
        .current_dir(app.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("could not run"), "{}", stdout(&out));
    let check = Command::new("node")
        .args([
            "node_modules/prettier/bin/prettier.cjs",
            "--check",
            "src",
            "server",
            "vite.config.ts",
        ])
        .current_dir(app.path())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "prettier --check: {}{}",
        stdout(&check),
        stderr(&check)
    );
    let second = Command::new(env!("CARGO_BIN_EXE_workos-widgets"))
        .args(["init", ".", WIDGETS, "--yes", "--no-install", "--json"])
        .current_dir(app.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout(&second)).unwrap();
    assert_eq!(json["changes"], 0, "{json}");
}

/// The entry renders a component of the app's own called `WorkOsWidgets`
/// around the app: it is not the widgets' root, so init still wraps the
/// tree in the real one (under a free name), once.
#[test]
fn the_apps_own_workos_widgets_component_is_not_taken_for_the_root() {
    let app = fixture("vite-ts");
    let main = app.path().join("src/main.tsx");
    let text = std::fs::read_to_string(&main)
        .unwrap()
        .replace(
            "import App from './App.tsx'\n",
            "import App from './App.tsx'\nimport { WorkOsWidgets } from './my-widgets.tsx'\n",
        )
        .replace(
            "<App />",
            "<WorkOsWidgets>\n      <App />\n    </WorkOsWidgets>",
        );
    std::fs::write(&main, text).unwrap();
    std::fs::write(
        app.path().join("src/my-widgets.tsx"),
        "export function WorkOsWidgets({ children }: { children: React.ReactNode }) {\n  return <main>{children}</main>\n}\n",
    )
    .unwrap();
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&main).unwrap();
    assert!(
        text.contains("<WorkOsWidgetsRoot {...workosApiOptions}>\n      <WorkOsWidgets>"),
        "{text}"
    );
    let again = run(
        app.path(),
        &["init", ".", "--yes", "--no-install", "--json"],
    );
    let plan: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(plan["changes"], 0, "{plan:#}");
}

/// The entry already binds `WorkOsWidgets` (the app's own component) and
/// `workosApiOptions`: the imports take free aliases, so the result
/// declares nothing twice, and the app's own component is not taken for
/// the widgets' root.
#[test]
fn name_collisions_get_free_aliases() {
    let app = fixture("vite-ts");
    let main = app.path().join("src/main.tsx");
    let text = std::fs::read_to_string(&main).unwrap().replace(
        "import App from './App.tsx'\n",
        "import App from './App.tsx'\nimport { WorkOsWidgets } from './my-widgets.tsx'\n\nconst workosApiOptions = { legacy: true }\nconsole.log(workosApiOptions, WorkOsWidgets)\n",
    );
    std::fs::write(&main, text).unwrap();
    std::fs::write(
        app.path().join("src/my-widgets.tsx"),
        "export function WorkOsWidgets() {\n  return <p>ours</p>\n}\n",
    )
    .unwrap();
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes", "--no-install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&main).unwrap();
    assert!(
        text.contains("import { WorkOsWidgets as WorkOsWidgetsRoot } from '@workos-inc/widgets'"),
        "{text}"
    );
    assert!(
        text.contains(
            "import { workosApiOptions as workosWidgetsApiOptions } from './workos/api-options.ts'"
        ),
        "{text}"
    );
    assert!(
        text.contains("<WorkOsWidgetsRoot {...workosWidgetsApiOptions}>"),
        "{text}"
    );
    let again = run(
        app.path(),
        &["init", ".", "--yes", "--no-install", "--json"],
    );
    let plan: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(plan["changes"], 0, "{plan:#}");
}

/// Issue 17.4: init keeps an app's own `<WorkOsWidgets>`; when it gets no
/// `queryClient` while the app provides one, it would create a second
/// client: init says so (never silently), and is quiet once it is passed.
#[test]
fn a_kept_root_without_the_apps_query_client_is_reported() {
    let app = common::fixture("vite-query-client");
    let dir = app.path();
    let main = dir.join("src/main.tsx");
    let text = std::fs::read_to_string(&main).unwrap();
    let with_root = |root: &str| {
        text.replace(
            "import App from './App.tsx'",
            "import App from './App.tsx'\nimport { WorkOsWidgets } from '@workos-inc/widgets'",
        )
        .replace(
            "      <App />",
            &format!("      {root}\n        <App />\n      </WorkOsWidgets>"),
        )
    };
    let args = [
        "init",
        ".",
        "--widgets",
        "user-profile",
        "--dry-run",
        "--no-install",
        "--yes",
        "--json",
    ];
    std::fs::write(&main, with_root("<WorkOsWidgets>")).unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&common::run(dir, &args).stdout).unwrap();
    let warnings = plan["warnings"].to_string();
    assert!(warnings.contains("gets no queryClient"), "{plan:#}");
    assert!(warnings.contains("src/main.tsx:15"), "{warnings}");
    std::fs::write(
        &main,
        with_root("<WorkOsWidgets queryClient={queryClient}>"),
    )
    .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&common::run(dir, &args).stdout).unwrap();
    assert!(
        !plan["warnings"].to_string().contains("gets no queryClient"),
        "{plan:#}"
    );
}

#[test]
fn authkit_js_declared_but_never_imported_gets_the_backend_strategy() {
    // Seen on a real app: @workos-inc/authkit-js in package.json, auth done
    // elsewhere. AuthKit's token needs the app's AuthKit client, which such
    // an app never creates: the generated widgets would throw.
    let app = fixture("vite-ts");
    let dir = app.path();
    let manifest = dir.join("package.json");
    let mut package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    package["dependencies"]["@workos-inc/authkit-js"] = "^0.13.0".into();
    std::fs::write(&manifest, serde_json::to_string_pretty(&package).unwrap()).unwrap();
    let plan = |dir: &std::path::Path| -> serde_json::Value {
        let output = run(
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
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_str(&stdout(&output)).unwrap()
    };
    let unused = plan(dir);
    assert_eq!(unused["strategy"], "backend", "{unused:#}");
    assert!(
        unused["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("no module imports it")),
        "{unused:#}"
    );
    let main = std::fs::read_to_string(dir.join("src/main.tsx")).unwrap();
    std::fs::write(
        dir.join("src/main.tsx"),
        format!(
            "import {{ createClient }} from '@workos-inc/authkit-js'\n{main}\nvoid createClient\n"
        ),
    )
    .unwrap();
    assert_eq!(plan(dir)["strategy"], "authkit");
}
