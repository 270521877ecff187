//! `init --backend` with a server beside the app (issue 20): the Express
//! fixture (JS ESM, `server/index.js` run by plain node) planned
//! (snapshot), applied, run again (no change); the choice's errors; and,
//! when `node` and npm's registry (or its cache) are there, the generated
//! route under the real Express and `@workos-inc/node` against the mock
//! WorkOS API on 127.0.0.1.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixture, run, stderr, stdout};
use serde_json::Value;

const INIT: [&str; 6] = [
    "init",
    ".",
    "--backend",
    "server/index.js",
    "--widgets=user-profile",
    "--no-install",
];

fn servers_fixture(name: &str) -> tempfile::TempDir {
    fixture(&format!("servers/{name}"))
}

#[test]
fn plan_express_backend() {
    let app = servers_fixture("express");
    let out = run(app.path(), &[&INIT[..], &["--dry-run"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let diff = stdout(&out);
    assert!(
        diff.contains("+app.all('/api/workos/widgets-token', widgetsTokenRoute)"),
        "{diff}"
    );
    assert!(
        !diff.contains("vite-plugin"),
        "the Vite plugin is not the backend: {diff}"
    );
    insta::assert_snapshot!(diff);
}

#[test]
fn express_backend_applies_once() {
    let app = servers_fixture("express");
    let out = run(app.path(), &[&INIT[..], &["--yes"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(app.path().join("server/index.js")).unwrap();
    let mount = index.find("app.all('/api/workos/widgets-token'").unwrap();
    assert!(
        index.find("app.use(cookieParser())").unwrap() < mount,
        "{index}"
    );
    assert!(mount < index.find("express.static").unwrap(), "{index}");
    assert!(
        index.contains("import { widgetsTokenRoute } from './workos-widgets/express-route.js'"),
        "{index}"
    );
    let again = run(app.path(), &[&INIT[..], &["--yes"]].concat());
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("0 changes"), "{}", stdout(&again));
}

#[test]
fn auto_takes_the_one_server_and_says_so() {
    let app = servers_fixture("express");
    let out = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=user-profile",
            "--no-install",
            "--dry-run",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "--backend auto: the token route goes in the Express server at server/index.js"
        ),
        "{}",
        stderr(&out)
    );
    let vite = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=user-profile",
            "--no-install",
            "--dry-run",
            "--backend",
            "vite-dev",
        ],
    );
    assert!(vite.status.success(), "{}", stderr(&vite));
    assert!(stdout(&vite).contains("vite-plugin"), "{}", stdout(&vite));
    assert!(
        !stdout(&vite).contains("express-route"),
        "{}",
        stdout(&vite)
    );
}

#[test]
fn several_servers_without_a_terminal_are_an_error_listing_them() {
    let root = servers_fixture("workspace");
    let web = root.path().join("apps/web");
    let out = run(
        &web,
        &[
            "init",
            ".",
            "--widgets=user-profile",
            "--no-install",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let error: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let message = error["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("several servers could host the token route"),
        "{error}"
    );
    assert!(message.contains("../admin/src/main.ts: NestJS"), "{error}");
    assert!(message.contains("../api/src/index.ts: Hono"), "{error}");
    assert!(
        error["error"]["hint"]
            .as_str()
            .unwrap_or_default()
            .contains("--backend PATH"),
        "{error}"
    );
}

#[test]
fn a_server_kind_not_supported_yet_is_a_clear_error() {
    let root = servers_fixture("workspace");
    let web = root.path().join("apps/web");
    let out = run(
        &web,
        &[
            "init",
            ".",
            "--widgets=user-profile",
            "--no-install",
            "--dry-run",
            "--backend",
            "../api",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the Hono server at ../api/src/index.ts: init cannot mount the token route in a Hono server yet"), "{err}");
    assert!(err.contains("--backend vite-dev"), "{err}");
    let unknown = run(
        &web,
        &[
            "init",
            ".",
            "--widgets=user-profile",
            "--no-install",
            "--dry-run",
            "--backend",
            "nowhere.js",
        ],
    );
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(
        stderr(&unknown).contains("--backend nowhere.js: no server was detected there"),
        "{}",
        stderr(&unknown)
    );
}

/// The server's packages, installed once per target dir (npm's cache
/// serves later runs); `None` when npm cannot get them.
fn server_packages() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("express-backend-packages");
    let modules = dir.join("node_modules");
    if modules.join("express/package.json").is_file()
        && modules.join("@workos-inc/node/package.json").is_file()
    {
        return Some(modules);
    }
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("package.json"), r#"{"private":true}"#).unwrap();
    let ok = Command::new("npm")
        .args([
            "install",
            "--prefer-offline",
            "--no-audit",
            "--no-fund",
            "express@5",
            "cookie-parser@1",
            "@workos-inc/node@8.13.0",
        ])
        .current_dir(&dir)
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(modules)
}

#[test]
fn the_generated_express_route_answers_with_a_token_from_the_mock() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed");
        return;
    }
    let Some(modules) = server_packages() else {
        eprintln!("skipped: npm could not install express and @workos-inc/node");
        return;
    };
    let app = servers_fixture("express");
    let out = run(app.path(), &[&INIT[..], &["--yes"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    std::os::unix::fs::symlink(&modules, app.path().join("node_modules")).unwrap();
    let report = Command::new("node")
        .arg(common::repo().join("tests/node/express-token-route.mjs"))
        .arg(app.path())
        .output()
        .unwrap();
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let report: Value = serde_json::from_slice(&report.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&report.stdout)));
    assert_eq!(report["post"]["status"], 200, "{report}");
    assert!(
        report["post"]["body"]["token"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        "{report}"
    );
    assert_eq!(
        report["post"]["headers"]["cache-control"], "no-store",
        "{report}"
    );
    assert_eq!(report["get"]["status"], 405, "{report}");
    assert_eq!(
        report["get"]["body"]["error"], "Method not allowed. Use POST.",
        "{report}"
    );
    let tokens = report["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 1, "one token minted: {report}");
    assert_eq!(tokens[0]["user_id"], "user_e2e_ada", "{report}");
    assert_eq!(tokens[0]["organization_id"], "org_e2e", "{report}");
}

#[test]
fn the_chosen_server_is_recorded_for_later_runs() {
    let app = servers_fixture("express");
    let out = run(app.path(), &[&INIT[..], &["--yes"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(app.path().join("workos-widgets.toml")).unwrap();
    assert!(
        manifest.contains("backend = \"server/index.js\""),
        "{manifest}"
    );
    let index = std::fs::read_to_string(app.path().join("server/index.js")).unwrap();
    let add = run(
        app.path(),
        &["add", "users-management", ".", "--no-install", "--yes"],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert_eq!(
        std::fs::read_to_string(app.path().join("server/index.js")).unwrap(),
        index,
        "add keeps the route where it is"
    );
    let handler =
        std::fs::read_to_string(app.path().join("server/workos-widgets/token-handler.js")).unwrap();
    assert!(
        handler.contains("'widgets:users-table:manage'"),
        "{handler}"
    );
}

#[test]
fn switching_to_authkit_tokens_unmounts_the_route() {
    let app = servers_fixture("express");
    let original = std::fs::read_to_string(app.path().join("server/index.js")).unwrap();
    let out = run(app.path(), &[&INIT[..], &["--yes"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let package = app.path().join("package.json");
    let text = std::fs::read_to_string(&package).unwrap().replacen(
        "\"dependencies\": {",
        "\"dependencies\": {\n    \"@workos-inc/authkit-react\": \"^0.13.0\",",
        1,
    );
    std::fs::write(&package, text).unwrap();
    let switch = run(
        app.path(),
        &[
            "init",
            ".",
            "--token-strategy",
            "authkit",
            "--no-install",
            "--yes",
        ],
    );
    assert!(switch.status.success(), "{}", stderr(&switch));
    assert_eq!(
        std::fs::read_to_string(app.path().join("server/index.js")).unwrap(),
        original
    );
    assert!(
        !app.path()
            .join("server/workos-widgets/express-route.js")
            .exists()
    );
    let manifest = std::fs::read_to_string(app.path().join("workos-widgets.toml")).unwrap();
    assert!(!manifest.contains("backend ="), "{manifest}");
}
