//! One test per `@workos-inc/node` major (7 to 12): the token handler
//! `init` generates calls that major's method with its return shape and
//! casts the scopes its type lacks; `verify` judges the call (WW402), the
//! scope strings (WW403) and what `--fix` may add (WW404) by the same major.
//! The facts come from each major's `.d.ts` (7.82.0, 8.13.0, 9.3.1,
//! 10.14.0, 11.0.0, 12.3.0).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::Path;

use common::{fixture, run, stderr, stdout};
use serde_json::Value;

/// Widgets whose scopes span the majors' types: users-table (every major),
/// dsync (8.8+), pipes (12).
const WIDGETS: &str = "--widgets=users-management,directory-sync,pipes-admin";
const HANDLER: &str = "server/workos-widgets/token-handler.ts";
const SCOPES: &str = "export const WIDGETS_SCOPES = ['widgets:users-table:manage', 'widgets:dsync:manage', 'widgets:pipes:manage'] as const";

/// What a major's `.d.ts` says.
struct Major {
    version: &'static str,
    call: &'static str,
    /// Of the three scopes, those its type lacks.
    untyped: &'static [&'static str],
}

fn write_package(root: &Path, name: &str, version: &str) {
    let dir = root.join("node_modules").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("package.json"),
        serde_json::json!({ "name": name, "version": version }).to_string(),
    )
    .unwrap();
}

fn verify(root: &Path) -> Vec<Value> {
    let out = run(root, &["verify", ".", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(&out)));
    report["findings"].as_array().unwrap().clone()
}

fn codes<'f>(findings: &'f [Value], wanted: &[&str]) -> Vec<&'f str> {
    findings
        .iter()
        .filter_map(|f| f["code"].as_str())
        .filter(|c| wanted.contains(c))
        .collect()
}

fn check(major: &Major) {
    let v = major.version;
    let app = fixture("vite-ts");
    write_package(app.path(), "@workos-inc/node", v);

    // init: the plan names the version and why.
    let plan = run(
        app.path(),
        &["init", ".", WIDGETS, "--no-install", "--dry-run", "--json"],
    );
    let plan: Value = serde_json::from_str(&stdout(&plan)).unwrap();
    assert_eq!(plan["sdk"]["version"], v, "{v}: {plan:#}");
    assert_eq!(plan["sdk"]["call"], major.call, "{v}");
    assert!(
        plan["sdk"]["source"]
            .as_str()
            .unwrap()
            .starts_with("installed"),
        "{v}: {}",
        plan["sdk"]
    );

    let out = run(app.path(), &["init", ".", WIDGETS, "--no-install", "--yes"]);
    assert!(out.status.success(), "{v}: {}", stderr(&out));
    let handler = std::fs::read_to_string(app.path().join(HANDLER)).unwrap();
    let call = if major.call == "createToken" {
        "const { token } = await workos.widgets.createToken({"
    } else {
        "const token = await workos.widgets.getToken({"
    };
    assert!(handler.contains(call), "{v}: {handler}");
    assert!(handler.contains(SCOPES), "{v}: {handler}");
    if major.untyped.is_empty() {
        assert!(
            handler.contains("scopes: [...WIDGETS_SCOPES],"),
            "{v}: {handler}"
        );
        assert!(!handler.contains("WidgetScopes"), "{v}: {handler}");
    } else {
        let cast = format!(
            "type WidgetScopes = NonNullable<Parameters<WorkOS['widgets']['{}']>[0]['scopes']>",
            major.call
        );
        assert!(handler.contains(&cast), "{v}: {handler}");
        assert!(
            handler.contains("scopes: [...WIDGETS_SCOPES] as unknown as WidgetScopes,"),
            "{v}: {handler}"
        );
        let lacks = format!("scope type lacks {}\n", major.untyped.join(", "));
        assert!(handler.contains(&lacks), "{v}: {handler}");
    }

    // verify, on what init wrote (its packages "installed").
    for (name, version) in [
        ("@workos-inc/widgets", "1.18.0"),
        ("@radix-ui/themes", "3.3.0"),
        ("@tanstack/react-query", "5.108.0"),
    ] {
        write_package(app.path(), name, version);
    }
    let token_codes = ["WW402", "WW403", "WW404", "WW405"];
    let findings = verify(app.path());
    assert_eq!(
        codes(&findings, &token_codes),
        [""; 0],
        "{v}: {findings:#?}"
    );

    // The other major's call is WW402.
    let wrong = if major.call == "createToken" {
        handler.replace(call, "const token = await workos.widgets.getToken({")
    } else {
        handler.replace(call, "const { token } = await workos.widgets.createToken({")
    };
    std::fs::write(app.path().join(HANDLER), &wrong).unwrap();
    assert_eq!(codes(&verify(app.path()), &token_codes), ["WW402"], "{v}");
    if major.call == "getToken" {
        // `{ token }` from getToken's string.
        let destructured =
            handler.replace(call, "const { token } = await workos.widgets.getToken({");
        std::fs::write(app.path().join(HANDLER), &destructured).unwrap();
        assert_eq!(codes(&verify(app.path()), &token_codes), ["WW402"], "{v}");
    }

    // All nine scope strings are known on every major (WW403), wherever
    // the type lists them; a near miss is not.
    let nine = handler.replace(
        SCOPES,
        "export const WIDGETS_SCOPES = ['widgets:users-table:manage', 'widgets:dsync:manage', 'widgets:pipes:manage'] as const\nexport const ALL = ['widgets:sso:manage', 'widgets:domain-verification:manage', 'widgets:api-keys:manage', 'widgets:audit-log-streaming:manage', 'widgets:user-api-keys:manage-self', 'widgets:user-api-keys:manage-all', 'widgets:user-api-keys:manage']",
    );
    std::fs::write(app.path().join(HANDLER), &nine).unwrap();
    let findings = verify(app.path());
    let unknown: Vec<&str> = findings
        .iter()
        .filter(|f| f["code"] == "WW403")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(unknown.len(), 1, "{v}: {unknown:#?}");
    assert!(
        unknown[0].starts_with("unknown scope \"widgets:user-api-keys:manage\""),
        "{v}: {unknown:?}"
    );

    // PipesAdmin's scope missing: --fix adds it only where the type has it.
    let without_pipes = handler.replace(
        SCOPES,
        "export const WIDGETS_SCOPES = ['widgets:users-table:manage', 'widgets:dsync:manage'] as const",
    );
    std::fs::write(app.path().join(HANDLER), &without_pipes).unwrap();
    let findings = verify(app.path());
    let missing: Vec<&Value> = findings.iter().filter(|f| f["code"] == "WW404").collect();
    assert_eq!(missing.len(), 1, "{v}: {findings:#?}");
    let typed = !major.untyped.contains(&"widgets:pipes:manage");
    assert_eq!(!missing[0]["fix"].is_null(), typed, "{v}: {:#}", missing[0]);
    let help = missing[0]["help"].as_str().unwrap();
    assert_eq!(help.contains("cast the list"), !typed, "{v}: {help}");
}

#[test]
fn sdk_7_get_token_string_four_typed_scopes() {
    check(&Major {
        version: "7.82.0",
        call: "getToken",
        untyped: &["widgets:dsync:manage", "widgets:pipes:manage"],
    });
}

#[test]
fn sdk_8_get_token_string_pipes_cast() {
    check(&Major {
        version: "8.13.0",
        call: "getToken",
        untyped: &["widgets:pipes:manage"],
    });
}

#[test]
fn sdk_9_create_token_object_pipes_cast() {
    check(&Major {
        version: "9.3.1",
        call: "createToken",
        untyped: &["widgets:pipes:manage"],
    });
}

#[test]
fn sdk_10_create_token_object_pipes_cast() {
    check(&Major {
        version: "10.14.0",
        call: "createToken",
        untyped: &["widgets:pipes:manage"],
    });
}

#[test]
fn sdk_11_create_token_object_pipes_cast() {
    check(&Major {
        version: "11.0.0",
        call: "createToken",
        untyped: &["widgets:pipes:manage"],
    });
}

#[test]
fn sdk_12_create_token_object_every_scope_typed() {
    check(&Major {
        version: "12.3.0",
        call: "createToken",
        untyped: &[],
    });
}

/// The case: AuthKit Next.js 4 declared, nothing installed
/// (`--no-install`): its peer range (`^9 || ^10`) decides, not Node 20's
/// 8.x, and the plan says so.
#[test]
fn authkit_nextjs_4_under_no_install_gets_create_token() {
    let app = fixture("next-app-authkit");
    let package = app.path().join("package.json");
    let text = std::fs::read_to_string(&package).unwrap();
    std::fs::write(&package, text.replace("\"^3.0.1\"", "\"^4.3.2\"")).unwrap();
    let human = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=users-management",
            "--no-install",
            "--dry-run",
        ],
    );
    assert!(
        stderr(&human)
            .contains("the token code targets @workos-inc/node 10.14.0 (widgets.createToken()"),
        "{}",
        stderr(&human)
    );
    let out = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=users-management",
            "--no-install",
            "--yes",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["sdk"]["version"], "10.14.0", "{plan:#}");
    let source = plan["sdk"]["source"].as_str().unwrap();
    assert!(
        source.contains("peers with @workos-inc/node ^9.0.0 || ^10.0.0"),
        "{source}"
    );
    // Declared at the peer's range: yarn installs no peers.
    let package = std::fs::read_to_string(&package).unwrap();
    assert!(
        package.contains("\"@workos-inc/node\": \"^10.14.0\""),
        "{package}"
    );
    let handler =
        std::fs::read_to_string(app.path().join("workos/server/token-handler.ts")).unwrap();
    assert!(
        handler.contains("const { token } = await workos.widgets.createToken({"),
        "{handler}"
    );
}

/// Writes `deps` into the AuthKit Next.js fixture's `dependencies` in place
/// of its `@workos-inc/authkit-nextjs` entry.
fn next_authkit_app(deps: &str) -> tempfile::TempDir {
    let app = fixture("next-app-authkit");
    let package = app.path().join("package.json");
    let text = std::fs::read_to_string(&package).unwrap();
    std::fs::write(
        &package,
        text.replace("\"@workos-inc/authkit-nextjs\": \"^3.0.1\"", deps),
    )
    .unwrap();
    app
}

/// AuthKit Next.js 2.x depends on `@workos-inc/node` ^7 (2.0 to 2.13): its
/// `getWorkOS()` is a 7.x client whatever the app declares (here ^10), so
/// the handler calls `getToken`, and the plan says whose client it is.
#[test]
fn authkit_nextjs_2_get_workos_targets_its_own_node_dependency_not_the_apps() {
    let app = next_authkit_app(
        "\"@workos-inc/authkit-nextjs\": \"^2.1.0\",\n    \"@workos-inc/node\": \"^10.0.0\"",
    );
    let out = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=users-management",
            "--no-install",
            "--yes",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["sdk"]["version"], "7.82.0", "{plan:#}");
    assert_eq!(plan["sdk"]["call"], "getToken", "{plan:#}");
    let source = plan["sdk"]["source"].as_str().unwrap();
    assert!(
        source.contains(
            "@workos-inc/authkit-nextjs's getWorkOS() client, its own dependency ^7.37.1"
        ),
        "{source}"
    );
    let handler =
        std::fs::read_to_string(app.path().join("workos/server/token-handler.ts")).unwrap();
    assert!(handler.contains("workos = getWorkOS()"), "{handler}");
    assert!(
        handler.contains("await workos.widgets.getToken({"),
        "{handler}"
    );
    assert!(!handler.contains("createToken"), "{handler}");
    // The app's own SDK is not the handler's: its range stays.
    let package = std::fs::read_to_string(app.path().join("package.json")).unwrap();
    assert!(
        package.contains("\"@workos-inc/node\": \"^10.0.0\""),
        "{package}"
    );
}

/// The same with the nested copy installed: that copy's version decides.
#[test]
fn authkit_nextjs_2_get_workos_targets_its_installed_nested_node() {
    let app = next_authkit_app(
        "\"@workos-inc/authkit-nextjs\": \"^2.1.0\",\n    \"@workos-inc/node\": \"^10.0.0\"",
    );
    write_package(app.path(), "@workos-inc/node", "10.14.0");
    write_package(app.path(), "@workos-inc/authkit-nextjs", "2.13.0");
    write_package(
        &app.path().join("node_modules/@workos-inc/authkit-nextjs"),
        "@workos-inc/node",
        "7.77.0",
    );
    let plan = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=users-management",
            "--no-install",
            "--dry-run",
            "--json",
        ],
    );
    let plan: Value = serde_json::from_str(&stdout(&plan)).unwrap();
    assert_eq!(plan["sdk"]["version"], "7.77.0", "{plan:#}");
    assert_eq!(plan["sdk"]["call"], "getToken", "{plan:#}");
}

/// AuthKit Next.js before 2.0 exports no `getWorkOS` (0.16.2's index.d.ts;
/// 1.4 has it internally only): the handler creates its own client from the
/// app's `@workos-inc/node` (declared ^7.33: getToken), the session still
/// comes from `withAuth()`.
#[test]
fn authkit_nextjs_0_16_handler_creates_its_own_client_without_get_workos() {
    let app = next_authkit_app(
        "\"@workos-inc/authkit-nextjs\": \"^0.16.2\",\n    \"@workos-inc/node\": \"^7.33.0\"",
    );
    let out = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=users-management",
            "--no-install",
            "--yes",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["sdk"]["call"], "getToken", "{plan:#}");
    let handler =
        std::fs::read_to_string(app.path().join("workos/server/token-handler.ts")).unwrap();
    assert!(!handler.contains("getWorkOS"), "{handler}");
    assert!(
        handler.contains("import { WorkOS } from \"@workos-inc/node\""),
        "{handler}"
    );
    assert!(handler.contains("new WorkOS(apiKey"), "{handler}");
    assert!(
        handler.contains("await workos.widgets.getToken({"),
        "{handler}"
    );
    let session = std::fs::read_to_string(app.path().join("workos/server/session.ts")).unwrap();
    assert!(
        session.contains("import { withAuth } from \"@workos-inc/authkit-nextjs\""),
        "{session}"
    );
    let package = std::fs::read_to_string(app.path().join("package.json")).unwrap();
    assert!(
        package.contains("\"@workos-inc/node\": \"^7.33.0\""),
        "{package}"
    );
}

/// An AuthKit SDK declared without a version (`workspace:*` in the SDK's
/// own monorepo, a link, a tag) and not installed: the newest release's
/// node range decides (AuthKit Next.js: peer `^9 || ^10`, so createToken),
/// not the running Node's 8.x, and the plan says so.
#[test]
fn an_authkit_sdk_declared_as_a_workspace_copy_gets_its_newest_node_range() {
    let app = next_authkit_app("\"@workos-inc/authkit-nextjs\": \"workspace:*\"");
    let out = run(
        app.path(),
        &[
            "init",
            ".",
            "--widgets=users-management",
            "--no-install",
            "--yes",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["sdk"]["call"], "createToken", "{plan:#}");
    let source = plan["sdk"]["source"].as_str().unwrap();
    assert!(source.contains("declares workspace:*"), "{source}");
}
