//! The generated server code run under the real `node`: the Next.js Pages
//! Router API route and the Vite plugin's middleware (the shared Node
//! adapter) against a large request body. Skipped (with a message) when
//! `node` is not installed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// 50 MiB: what a hostile client may send to the token route.
const LARGE_BODY: u64 = 50 * 1024 * 1024;
/// What the server may have read when it answers: socket and parser
/// buffers, nowhere near the body.
const READ_LIMIT: u64 = 1024 * 1024;
/// How much the server's memory may grow meanwhile (loading the route
/// included); buffering the body grows it by 200 MiB.
const RSS_LIMIT: u64 = 32 * 1024 * 1024;

fn node_missing() -> bool {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed");
        return true;
    }
    false
}

/// Stand-ins for the packages the generated route imports: a WorkOS client
/// that answers every token call, and Vite's `loadEnv`.
fn write_stub_packages(app: &Path) {
    let sdk = app.join("node_modules/@workos-inc/node");
    std::fs::create_dir_all(&sdk).unwrap();
    std::fs::write(
        sdk.join("package.json"),
        r#"{"name": "@workos-inc/node", "version": "8.13.0", "type": "module", "exports": "./index.js"}"#,
    )
    .unwrap();
    std::fs::write(
        sdk.join("index.js"),
        "export class WorkOS {\n  constructor() {\n    const token = async () => 'stub-token'\n    this.widgets = { getToken: token, createToken: async () => ({ token: await token() }) }\n  }\n}\n",
    )
    .unwrap();
    let vite = app.join("node_modules/vite");
    std::fs::create_dir_all(&vite).unwrap();
    std::fs::write(
        vite.join("package.json"),
        r#"{"name": "vite", "version": "8.3.4", "type": "module", "exports": "./index.js"}"#,
    )
    .unwrap();
    std::fs::write(
        vite.join("index.js"),
        "export function loadEnv() {\n  return { ...process.env }\n}\n",
    )
    .unwrap();
}

/// Runs `tests/node/post-large-body.mjs` on the generated route and returns
/// its report.
fn post_large_body(app: &Path, kind: &str, route: &str) -> Value {
    let out = Command::new("node")
        .arg(common::repo().join("tests/node/post-large-body.mjs"))
        .args([
            kind,
            &app.join(route).display().to_string(),
            &LARGE_BODY.to_string(),
        ])
        .current_dir(app)
        .env("NODE_ENV", "development")
        .env("WORKOS_API_KEY", "sk_test_large_body")
        .env("WORKOS_WIDGETS_DEV_USER_ID", "user_test")
        .env("WORKOS_WIDGETS_DEV_ORGANIZATION_ID", "org_test")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        common::stdout(&out),
        common::stderr(&out)
    );
    serde_json::from_str(common::stdout(&out).trim()).unwrap()
}

fn assert_answered_without_reading_the_body(report: &Value) {
    assert_eq!(report["status"], 200, "{report}");
    assert!(
        report["body"].as_str().unwrap().contains("stub-token"),
        "{report}"
    );
    let read = report["bytesRead"].as_u64().unwrap();
    assert!(
        read < READ_LIMIT,
        "the route read {read} bytes of a {LARGE_BODY}-byte body before answering: {report}"
    );
    let growth = report["rssGrowth"].as_i64().unwrap();
    assert!(
        growth < i64::try_from(RSS_LIMIT).unwrap(),
        "the server's memory grew by {growth} bytes: {report}"
    );
    eprintln!("{report}");
}

#[test]
fn the_pages_router_token_route_answers_a_large_post_without_reading_its_body() {
    if node_missing() {
        return;
    }
    // A JavaScript Pages Router app (the route then runs under node as it is).
    let app = common::fixture("next-pages-ts");
    let root = app.path();
    for file in [
        "tsconfig.json",
        "next.config.ts",
        "pages/_app.tsx",
        "pages/index.tsx",
    ] {
        std::fs::remove_file(root.join(file)).unwrap();
    }
    std::fs::write(
        root.join("pages/_app.js"),
        "import '../styles/globals.css'\n\nexport default function App({ Component, pageProps }) {\n  return <Component {...pageProps} />\n}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("pages/index.js"),
        "export default function Home() {\n  return <main>Hello</main>\n}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("package.json"),
        r#"{"name": "next-pages-js", "private": true, "type": "module", "dependencies": {"next": "16.4.3", "react": "19.3.0", "react-dom": "19.3.0"}}"#,
    )
    .unwrap();
    let out = common::run(
        root,
        &[
            "init",
            ".",
            "--widgets=user-profile",
            "--yes",
            "--no-install",
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    write_stub_packages(root);
    let report = post_large_body(root, "pages", "pages/api/workos/widgets-token.js");
    assert_answered_without_reading_the_body(&report);
}

#[test]
fn the_vite_plugin_answers_a_large_post_without_reading_its_body() {
    if node_missing() {
        return;
    }
    let app = common::fixture("vite-js");
    let out = common::run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=user-profile",
            "--yes",
            "--no-install",
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    write_stub_packages(app.path());
    let report = post_large_body(app.path(), "vite", "server/workos-widgets/vite-plugin.js");
    assert_answered_without_reading_the_body(&report);
}

/// The organization switcher page of a React Router / Remix app with AuthKit
/// reads the form it is posted: at most `MAX_FORM_BYTES` of it, then 413.
#[test]
fn the_organization_switcher_action_refuses_a_large_form_after_a_few_kilobytes() {
    if node_missing() {
        return;
    }
    let app = common::fixture("remix2-js");
    let root = app.path();
    let manifest = std::fs::read_to_string(root.join("package.json"))
        .unwrap()
        .replacen(
            "\"dependencies\": {",
            "\"dependencies\": {\n    \"@workos-inc/authkit-remix\": \"^0.17.0\",",
            1,
        );
    std::fs::write(root.join("package.json"), manifest).unwrap();
    let out = common::run(
        root,
        &[
            "init",
            ".",
            "--widgets=organization-switcher",
            "--yes",
            "--no-install",
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    // The route's server half as it was generated: everything above the
    // component (which is JSX), without its imports.
    let route =
        std::fs::read_to_string(root.join("app/routes/workos.organization-switcher.jsx")).unwrap();
    let (server_half, _component) = route.split_once("export default function").unwrap();
    let server_half: String = server_half
        .lines()
        .filter(|line| !line.starts_with("import "))
        .map(|line| format!("{line}\n"))
        .collect();
    let module = root.join("action-under-test.mjs");
    std::fs::write(
        &module,
        format!(
            "const switchSessionOrganization = async (_request, organizationId) =>\n  new Response(JSON.stringify({{ switchedTo: organizationId }}))\n{server_half}"
        ),
    )
    .unwrap();
    let out = Command::new("node")
        .arg(common::repo().join("tests/node/post-large-form.mjs"))
        .args([&module.display().to_string(), &LARGE_BODY.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        common::stdout(&out),
        common::stderr(&out)
    );
    let report: Value = serde_json::from_str(common::stdout(&out).trim()).unwrap();
    assert_eq!(report["small"]["status"], 200, "{report}");
    assert!(
        report["small"]["body"]
            .as_str()
            .unwrap()
            .contains("org_small"),
        "{report}"
    );
    assert_eq!(report["large"]["status"], 413, "{report}");
    assert!(
        report["large"]["body"]
            .as_str()
            .unwrap()
            .contains("\"error\""),
        "{report}"
    );
    let pulled = report["large"]["pulled"].as_u64().unwrap();
    assert!(
        pulled < READ_LIMIT,
        "the action read {pulled} bytes of the body: {report}"
    );
    eprintln!("{report}");
}
