//! `detect` shows the servers beside the app, what they are and why.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::{fixture, run, stderr, stdout};
use serde_json::Value;

#[test]
fn detect_lists_the_servers_beside_the_app() {
    let root = fixture("servers/workspace");
    let web = root.path().join("apps/web");
    let human = run(&web, &["detect", "."]);
    assert!(human.status.success(), "{}", stderr(&human));
    let text = stdout(&human);
    assert!(
        text.contains("Servers           NestJS ^11.0.1 (declared) at ../admin/src/main.ts, app created in ../admin/src/main.ts; TypeScript, CommonJS"),
        "{text}"
    );
    assert!(
        text.contains("Hono ^4.7.0 (declared) at ../api/src/index.ts"),
        "{text}"
    );
    assert!(text.contains("(Node, through @hono/node-server)"), "{text}");

    let json = run(&web, &["detect", ".", "--json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let value: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let servers = value["servers"].as_array().unwrap();
    assert_eq!(servers.len(), 2, "{value}");
    assert_eq!(servers[1]["kind"], "hono");
    assert_eq!(servers[1]["package"], "../api");
    assert_eq!(servers[1]["language"]["module"], "esm");
    assert_eq!(servers[1]["runtime"], "node");
}

#[test]
fn detect_says_when_there_is_no_server() {
    let app = fixture("vite-js");
    let out = run(app.path(), &["detect", "."]);
    assert!(
        stdout(&out).contains("Servers           none found beside the app"),
        "{}",
        stdout(&out)
    );
}
