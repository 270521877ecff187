//! The install step, with a fake package manager on PATH: one invocation,
//! restore on failure, and token code that matches the SDK really installed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::{fake_program, fixture, run, snapshot_tree, stderr, stdout};

const WIDGETS: &str = "--widgets=user-profile,users-management";

/// A fake npm that logs its arguments, "installs" each package with the
/// given @workos-inc/node version and declares them, as `npm install` does.
fn fake_npm(dir: &std::path::Path, sdk_version: &str) {
    fake_program(
        dir,
        "npm",
        &format!(
            r#"echo "$@" >> .test-bin/npm-calls
for pkg in @workos-inc/widgets @radix-ui/themes @tanstack/react-query; do
  mkdir -p "node_modules/$pkg" && echo '{{"version":"9.9.9"}}' > "node_modules/$pkg/package.json"
done
echo '{{"version":"1.18.0"}}' > node_modules/@workos-inc/widgets/package.json
echo '{{"version":"3.3.0"}}' > node_modules/@radix-ui/themes/package.json
echo '{{"version":"5.108.0"}}' > node_modules/@tanstack/react-query/package.json
mkdir -p node_modules/@workos-inc/node && echo '{{"version":"{sdk_version}"}}' > node_modules/@workos-inc/node/package.json
sed -i 's#"dependencies": {{#"dependencies": {{\n    "@radix-ui/themes": "^3.3.0",\n    "@tanstack/react-query": "^5.108.0",\n    "@workos-inc/node": "^{sdk_version}",\n    "@workos-inc/widgets": "^1.18.0",#' package.json"#
        ),
    );
}

#[test]
fn installs_once_and_targets_the_installed_sdk_major() {
    let app = fixture("vite-ts");
    // Node 20 predicts SDK 8 (getToken); the "install" brings 11: the code must use createToken.
    fake_npm(app.path(), "11.0.0");
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = std::fs::read_to_string(app.path().join(".test-bin/npm-calls")).unwrap();
    assert_eq!(
        calls,
        "install @workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node\n"
    );
    let handler =
        std::fs::read_to_string(app.path().join("server/workos-widgets/token-handler.ts")).unwrap();
    assert!(
        handler.contains("const { token } = await workos.widgets.createToken({"),
        "{handler}"
    );
    assert!(
        stdout(&out).contains("ran npm install @workos-inc/widgets"),
        "{}",
        stdout(&out)
    );

    let again = run(app.path(), &["init", ".", "--yes", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(json["changes"], 0, "{json}");
    assert!(json["install"].is_null(), "everything is installed: {json}");
}

#[test]
fn a_failed_install_restores_package_json_and_writes_nothing() {
    let app = fixture("vite-ts");
    fake_program(
        app.path(),
        "npm",
        "echo 'added junk' > package-lock.json; echo '{\"broken\": true}' > package.json; echo 'npm error code E404' >&2; echo 'npm error 404 Not Found' >&2; exit 1",
    );
    let before = snapshot_tree(app.path());
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("npm error 404 Not Found"),
        "the log's tail is shown: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("--no-install"),
        "says how to retry: {}",
        stderr(&out)
    );
    let after: Vec<_> = snapshot_tree(app.path())
        .into_iter()
        .filter(|(p, _)| !p.starts_with(".test-bin"))
        .collect();
    assert!(after == before, "project changed after a failed install");
}

/// The project outside the fake programs' folder.
fn project_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    snapshot_tree(dir)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(".test-bin"))
        .collect()
}

#[test]
fn an_install_that_leaves_the_project_unreadable_restores_package_json() {
    let app = fixture("vite-ts");
    // The install "succeeds" but leaves package.json broken: the plan made
    // again from it fails, and package.json and the lockfile come back.
    fake_program(
        app.path(),
        "npm",
        "echo 'added junk' > package-lock.json; echo '{\"broken\": ' > package.json; exit 0",
    );
    let before = project_files(app.path());
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes"]);
    assert!(!out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("package.json is not valid JSON"),
        "{}",
        stderr(&out)
    );
    assert!(
        project_files(app.path()) == before,
        "package.json or the lockfile not restored"
    );
}

#[test]
fn a_package_manager_that_cannot_start_restores_package_json() {
    let app = fixture("vite-ts");
    // Without @types/node, init declares it in package.json before the install.
    let manifest = app.path().join("package.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("    \"@types/node\": \"^24.19.2\",\n", ""),
    )
    .unwrap();
    let bin_dir = app.path().join(".test-bin");
    common::tool(app.path()); // the fake node, and no npm, on the PATH below
    let before = project_files(app.path());
    let out = common::tool(app.path())
        .env("PATH", &bin_dir)
        .args(["init", ".", WIDGETS, "--yes"])
        .current_dir(app.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not start `npm install"),
        "{}",
        stderr(&out)
    );
    assert!(
        project_files(app.path()) == before,
        "the declared dev dependencies stayed in package.json"
    );
}

#[test]
fn uses_the_package_manager_field() {
    let app = fixture("vite-ts");
    let pkg = std::fs::read_to_string(app.path().join("package.json"))
        .unwrap()
        .replacen('{', "{\n  \"packageManager\": \"pnpm@9.15.0\",", 1);
    std::fs::write(app.path().join("package.json"), pkg).unwrap();
    let out = run(app.path(), &["init", ".", WIDGETS, "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json["install"]["command"],
        "pnpm add @workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node@^8.13.0",
        "pnpm does not pick versions by engines: the SDK major for Node 20 is spelled out"
    );
    let detect = run(app.path(), &["detect", ".", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&detect)).unwrap();
    assert_eq!(json["package_manager"]["name"], "pnpm");
    assert_eq!(
        json["package_manager"]["source"],
        "packageManager field (pnpm@9.15.0)"
    );
}

#[test]
fn a_workspace_root_lists_its_react_packages() {
    let root = fixture("workspace");
    let out = run(root.path(), &["init", ".", WIDGETS, "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("is a workspace root; pick one of its React packages:\n  apps/web\n"),
        "{err}"
    );
    assert!(!err.contains("apps/api"), "{err}");
    assert!(
        !err.contains("packages/ui"),
        "a component library is not offered: init would reject it: {err}"
    );
}

#[test]
fn installed_but_undeclared_packages_get_declared() {
    let app = fixture("vite-ts");
    for (pkg, version) in [
        ("@workos-inc/widgets", "1.18.0"),
        ("@radix-ui/themes", "3.3.0"),
        ("@tanstack/react-query", "5.108.0"),
        ("@workos-inc/node", "8.13.0"),
    ] {
        let dir = app.path().join("node_modules").join(pkg);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("package.json"),
            format!("{{\"version\":\"{version}\"}}"),
        )
        .unwrap();
    }
    let out = run(
        app.path(),
        &["init", ".", WIDGETS, "--yes", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        json["install"].is_null(),
        "everything is on disk already: {json}"
    );
    let pkg = std::fs::read_to_string(app.path().join("package.json")).unwrap();
    assert!(
        pkg.contains("\"@workos-inc/widgets\": \"^1.18.0\""),
        "{pkg}"
    );
    assert!(pkg.contains("\"@workos-inc/node\": \"^8.13.0\""), "{pkg}");
    let verify = run(app.path(), &["verify", ".", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&verify)).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(
        !codes.contains(&"WW101") && !codes.contains(&"WW102"),
        "{codes:?}"
    );
}

/// SIGTERM while the package manager runs: it is passed the signal and
/// waited for, package.json and the lockfile are put back, nothing else is
/// written, the exit code is 143 and the message says so.
#[cfg(unix)]
#[test]
fn a_signal_during_the_install_is_forwarded_and_the_project_restored() {
    let app = fixture("vite-ts");
    fake_program(
        app.path(),
        "npm",
        "echo '{\"broken\": true}' > package.json; echo junk > package-lock.json\ntrap 'echo term > .test-bin/npm-got-term; exit 143' TERM\ntouch .test-bin/npm-started\ni=0; while [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done",
    );
    let before = snapshot_tree(app.path());
    let child = common::tool(app.path())
        .args(["init", ".", WIDGETS, "--yes"])
        .current_dir(app.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = app.path().join(".test-bin/npm-started");
    for _ in 0..200 {
        if started.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(started.exists(), "the fake npm never started");
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(143), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("interrupted by SIGTERM"),
        "{}",
        stderr(&out)
    );
    assert!(
        app.path().join(".test-bin/npm-got-term").exists(),
        "npm was passed the signal"
    );
    assert!(
        snapshot_tree(app.path()) == before,
        "the project was restored"
    );
}

#[test]
fn an_sdk_installed_as_a_peer_is_installed_at_its_major() {
    // TanStack Start's AuthKit SDK brings @workos-inc/node ^10.7 as a peer:
    // a bare `npm install @workos-inc/node` would pick 8.x on Node 20 and
    // fail with ERESOLVE.
    let app = fixture("tanstack-start-ts");
    let sdk = app.path().join("node_modules/@workos-inc/node");
    std::fs::create_dir_all(&sdk).unwrap();
    std::fs::write(sdk.join("package.json"), r#"{"version":"10.14.0"}"#).unwrap();
    let out = run(app.path(), &["init", ".", WIDGETS, "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json["install"]["command"],
        "npm install @workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node@^10.14.0"
    );
}

/// vite-ts with `dependencies` replaced by `deps` (a JSON object's body)
/// and `devDependencies` extended by `dev`.
fn vite_ts_declaring(deps: &str, dev: &str) -> tempfile::TempDir {
    let app = fixture("vite-ts");
    let manifest = app.path().join("package.json");
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace(
            "    \"react\": \"^19.3.1\",\n    \"react-dom\": \"^19.3.1\"\n",
            &format!("{deps}\n"),
        )
        .replace(
            "    \"@types/node\": \"^24.19.2\",\n",
            &format!("    \"@types/node\": \"^24.19.2\",\n{dev}"),
        );
    std::fs::write(&manifest, text).unwrap();
    app
}

/// The declared range of `name` in `table` of the app's package.json,
/// after checking that no object of the file repeats a key.
fn declared_range(app: &std::path::Path, table: &str, name: &str) -> Option<String> {
    let text = std::fs::read_to_string(app.join("package.json")).unwrap();
    let duplicates = common::duplicate_keys(&text).unwrap();
    assert!(
        duplicates.is_empty(),
        "duplicate keys {duplicates:?} in\n{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json[table][name].as_str().map(str::to_owned)
}

#[test]
fn no_install_leaves_a_declared_range_that_admits_a_compatible_version() {
    // `^3.2.1` admits 3.3.x (the peer range is ^3.3.0); an SDK prerelease
    // is an SDK 8: neither needs a change, and neither gets a second key.
    let app = vite_ts_declaring(
        "    \"@radix-ui/themes\": \"^3.2.1\",\n    \"@workos-inc/node\": \"8.0.0-rc.10\",\n    \"react\": \"^19.3.1\",\n    \"react-dom\": \"^19.3.1\"",
        "",
    );
    let out = run(
        app.path(),
        &["init", ".", WIDGETS, "--yes", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let range = |name| declared_range(app.path(), "dependencies", name);
    assert_eq!(range("@radix-ui/themes").as_deref(), Some("^3.2.1"));
    assert_eq!(range("@workos-inc/node").as_deref(), Some("8.0.0-rc.10"));
    assert_eq!(range("@workos-inc/widgets").as_deref(), Some("^1.18.0"));
    assert_eq!(range("@tanstack/react-query").as_deref(), Some("^5.108.0"));
    let again = run(
        app.path(),
        &["init", ".", "--yes", "--no-install", "--json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(json["changes"], 0, "{json}");
}

#[test]
fn no_install_replaces_an_incompatible_range_in_place_in_its_own_table() {
    // `~3.2.1` stops before 3.3; react-query 4 is the wrong major, and it
    // sits in devDependencies: each value changes where it is.
    let app = vite_ts_declaring(
        "    \"@radix-ui/themes\": \"~3.2.1\",\n    \"react\": \"^19.3.1\",\n    \"react-dom\": \"^19.3.1\"",
        "    \"@tanstack/react-query\": \"^4.36.1\",\n",
    );
    let out = run(
        app.path(),
        &["init", ".", WIDGETS, "--yes", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let dev = |name| declared_range(app.path(), "devDependencies", name);
    let deps = |name| declared_range(app.path(), "dependencies", name);
    assert_eq!(deps("@radix-ui/themes").as_deref(), Some("^3.3.0"));
    assert_eq!(dev("@tanstack/react-query").as_deref(), Some("^5.108.0"));
    assert_eq!(deps("@tanstack/react-query"), None, "not declared twice");
    let text = std::fs::read_to_string(app.path().join("package.json")).unwrap();
    assert!(
        text.contains(
            "  \"dependencies\": {\n    \"@radix-ui/themes\": \"^3.3.0\",\n    \"@workos-inc/node\""
        ),
        "the key keeps its place: {text}"
    );
}

#[test]
fn the_install_does_not_add_a_package_declared_in_a_compatible_range() {
    let app = vite_ts_declaring(
        "    \"@radix-ui/themes\": \"^3.2.1\",\n    \"react\": \"^19.3.1\",\n    \"react-dom\": \"^19.3.1\"",
        "",
    );
    let out = run(app.path(), &["init", ".", WIDGETS, "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json["install"]["command"],
        "npm install @workos-inc/widgets @tanstack/react-query @workos-inc/node"
    );
    // Installed at 3.2.5 (a lockfile's pin), the declared range is raised
    // through the package manager, which rewrites it in place.
    let themes = app.path().join("node_modules/@radix-ui/themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(themes.join("package.json"), r#"{"version":"3.2.5"}"#).unwrap();
    let out = run(app.path(), &["init", ".", WIDGETS, "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json["install"]["command"],
        "npm install @workos-inc/widgets @radix-ui/themes@^3.3.0 @tanstack/react-query @workos-inc/node"
    );
}

/// A git repository at a temporary root holding the workspace root files
/// `root_files` and the vite-ts fixture at `apps/web`.
fn workspace_with_vite_app(root_files: &[(&str, &str)]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join(".git")).unwrap();
    for (name, text) in root_files {
        std::fs::write(root.path().join(name), text).unwrap();
    }
    let app = fixture("vite-ts");
    std::fs::create_dir_all(root.path().join("apps")).unwrap();
    std::fs::rename(app.path(), root.path().join("apps/web"))
        .or_else(|_| {
            // Across file systems: copy instead.
            std::process::Command::new("cp")
                .arg("-a")
                .arg(app.path())
                .arg(root.path().join("apps/web"))
                .status()
                .map(|_| ())
        })
        .unwrap();
    root
}

#[test]
fn the_workspace_roots_package_manager_installs_when_the_app_has_no_lockfile() {
    let ws = workspace_with_vite_app(&[
        (
            "package.json",
            "{\n  \"name\": \"mono\",\n  \"private\": true,\n  \"packageManager\": \"pnpm@9.15.0\"\n}\n",
        ),
        ("pnpm-workspace.yaml", "packages:\n  - 'apps/*'\n"),
    ]);
    let app = ws.path().join("apps/web");
    let detect = run(&app, &["detect", ".", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&detect)).unwrap();
    assert_eq!(json["package_manager"]["name"], "pnpm", "{json}");
    assert_eq!(
        json["package_manager"]["source"],
        "packageManager field of the workspace root ../../package.json (pnpm@9.15.0)"
    );
    let plan = run(&app, &["init", ".", WIDGETS, "--dry-run"]);
    assert!(
        stdout(&plan).contains(
            "$ pnpm add @workos-inc/widgets @radix-ui/themes @tanstack/react-query @workos-inc/node@^8.13.0  (pnpm: packageManager field of the workspace root ../../package.json (pnpm@9.15.0))"
        ),
        "{}",
        stdout(&plan)
    );
    // pnpm, run in the app, updates the workspace's lockfile; an npm run
    // would leave a package-lock.json in the app.
    fake_program(
        &app,
        "pnpm",
        "echo \"$@\" >> .test-bin/pnpm-calls; echo 'lockfileVersion: 9.0' > ../../pnpm-lock.yaml",
    );
    fake_program(&app, "npm", "echo '{}' > package-lock.json");
    let out = run(&app, &["init", ".", WIDGETS, "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(app.join(".test-bin/pnpm-calls").is_file(), "pnpm ran");
    assert!(!app.join("package-lock.json").exists(), "no stray lockfile");
    assert!(ws.path().join("pnpm-lock.yaml").is_file());
}

#[test]
fn a_failed_install_in_a_workspace_restores_the_workspace_lockfile() {
    let ws = workspace_with_vite_app(&[
        (
            "package.json",
            "{\"name\":\"mono\",\"private\":true,\"workspaces\":[\"apps/*\"]}\n",
        ),
        ("yarn.lock", "# yarn lockfile v1\n"),
    ]);
    let app = ws.path().join("apps/web");
    fake_program(
        &app,
        "yarn",
        "echo junk >> ../../yarn.lock; echo 'error An unexpected error occurred' >&2; exit 1",
    );
    let out = run(&app, &["init", ".", WIDGETS, "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("`yarn add"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(ws.path().join("yarn.lock")).unwrap(),
        "# yarn lockfile v1\n"
    );
}

/// `.pnp.cjs` as yarn 4 writes it: the resolution state inlined as a
/// single-quoted string with `\` line continuations, for a root workspace
/// that depends on `packages` (name, version).
fn pnp_cjs(packages: &[(&str, &str)]) -> String {
    let deps: Vec<String> = packages
        .iter()
        .map(|(name, version)| format!("[\"{name}\", \"npm:{version}\"]"))
        .chain(std::iter::once(
            "[\"vite-ts-fixture\", \"workspace:.\"]".to_owned(),
        ))
        .collect();
    let stores: Vec<String> = packages
        .iter()
        .map(|(name, version)| {
            format!(
                "[\"{name}\", [[\"npm:{version}\", {{\"packageLocation\": \"../../.yarn/berry/cache/x.zip/node_modules/{name}/\", \"packageDependencies\": [[\"{name}\", \"npm:{version}\"]], \"linkType\": \"HARD\"}}]]]"
            )
        })
        .collect();
    let state = format!(
        "{{\n  \"__info\": [\"This file is automatically generated. Do not touch it, or risk\"],\n  \"packageRegistryData\": [\n    [null, [[null, {{\"packageLocation\": \"./\", \"packageDependencies\": [{deps}], \"linkType\": \"SOFT\"}}]]],\n    {stores},\n    [\"vite-ts-fixture\", [[\"workspace:.\", {{\"packageLocation\": \"./\", \"packageDependencies\": [{deps}], \"linkType\": \"SOFT\"}}]]]\n  ]\n}}",
        deps = deps.join(", "),
        stores = stores.join(",\n    "),
    );
    format!(
        "#!/usr/bin/env node\n/* eslint-disable */\n\"use strict\";\n\nconst RAW_RUNTIME_STATE =\n'{}';\n\nfunction $$SETUP_STATE(hydrateRuntimeState, basePath) {{\n  return hydrateRuntimeState(JSON.parse(RAW_RUNTIME_STATE), {{basePath: basePath || __dirname}});\n}}\n",
        state
            .replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace('\n', "\\\n")
    )
}

#[test]
fn yarn_plug_n_play_installs_count_as_installed_for_verify_and_init() {
    let app = fixture("vite-ts");
    let packages = [
        ("react", "19.3.1"),
        ("react-dom", "19.3.1"),
        ("@workos-inc/widgets", "1.18.0"),
        ("@radix-ui/themes", "3.3.0"),
        ("@tanstack/react-query", "5.108.4"),
        ("@workos-inc/node", "8.13.0"),
    ];
    std::fs::write(app.path().join(".pnp.cjs"), pnp_cjs(&packages)).unwrap();
    std::fs::write(app.path().join("yarn.lock"), "__metadata:\n  version: 8\n").unwrap();
    let manifest = app.path().join("package.json");
    let text = std::fs::read_to_string(&manifest).unwrap().replace(
        "    \"react\": \"^19.3.1\",\n",
        "    \"@radix-ui/themes\": \"^3.3.0\",\n    \"@tanstack/react-query\": \"^5.108.0\",\n    \"@workos-inc/node\": \"^8.13.0\",\n    \"@workos-inc/widgets\": \"^1.18.0\",\n    \"react\": \"^19.3.1\",\n",
    );
    std::fs::write(&manifest, text).unwrap();
    let detect = run(app.path(), &["detect", ".", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&detect)).unwrap();
    assert_eq!(json["react"]["installed"], "19.3.1", "{json}");
    let plan = run(app.path(), &["init", ".", WIDGETS, "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&plan)).unwrap();
    assert!(json["install"].is_null(), "nothing to install: {json}");
    let verify = run(app.path(), &["verify", ".", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&verify)).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(!codes.contains(&"WW102"), "{codes:?}");
}

/// vite-ts whose package.json ends with `"overrides": {overrides}`.
fn vite_ts_with_overrides(overrides: &str) -> tempfile::TempDir {
    let app = fixture("vite-ts");
    let manifest = app.path().join("package.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = text
        .trim_end()
        .strip_suffix('}')
        .unwrap()
        .trim_end()
        .to_owned()
        + &format!(",\n  \"overrides\": {overrides}\n}}\n");
    std::fs::write(&manifest, text).unwrap();
    app
}

#[test]
fn an_npm_override_pinning_a_peer_is_declared_with_its_spec_and_left_out_of_npm_install() {
    let app = vite_ts_with_overrides("{\n    \"@tanstack/react-query\": \"5.59.0\"\n  }");
    // As npm does: a direct dependency whose spec differs from its override
    // fails with EOVERRIDE.
    fake_program(
        app.path(),
        "npm",
        "echo \"$@\" >> .test-bin/npm-calls\ncase \"$*\" in *@tanstack/react-query*) echo 'npm error code EOVERRIDE' >&2; exit 1;; esac\ngrep -q '\"@tanstack/react-query\": \"5.59.0\"' package.json || { echo 'npm error code EOVERRIDE' >&2; exit 1; }",
    );
    let out = run(app.path(), &["init", ".", WIDGETS, "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = std::fs::read_to_string(app.path().join(".test-bin/npm-calls")).unwrap();
    assert_eq!(
        calls,
        "install @workos-inc/widgets @radix-ui/themes @workos-inc/node\n"
    );
    assert_eq!(
        declared_range(app.path(), "dependencies", "@tanstack/react-query").as_deref(),
        Some("5.59.0")
    );

    let deferred = vite_ts_with_overrides("{ \"@tanstack/react-query\": { \".\": \"5.59.0\" } }");
    let out = run(
        deferred.path(),
        &["init", ".", WIDGETS, "--yes", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        declared_range(deferred.path(), "dependencies", "@tanstack/react-query").as_deref(),
        Some("5.59.0")
    );
}

#[test]
fn an_npm_override_outside_the_peer_range_is_refused_before_anything_is_written() {
    let app = vite_ts_with_overrides("{\n    \"@tanstack/react-query\": \"4.36.1\"\n  }");
    fake_program(app.path(), "npm", "echo \"$@\" >> .test-bin/npm-calls");
    let before = project_files(app.path());
    for args in [
        &["init", ".", WIDGETS, "--yes"][..],
        &["init", ".", WIDGETS, "--yes", "--no-install"][..],
    ] {
        let out = run(app.path(), args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "package.json:24:5: `overrides` pins @tanstack/react-query to \"4.36.1\", but the widgets need @tanstack/react-query@^5.0.0"
            ),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out)
                .contains("set the override of @tanstack/react-query to a version in ^5.0.0"),
            "{}",
            stderr(&out)
        );
    }
    assert!(
        !app.path().join(".test-bin/npm-calls").exists(),
        "npm never ran"
    );
    assert!(project_files(app.path()) == before, "nothing was written");
}

/// vite-ts declaring `extra` (JSON members) beside react.
fn vite_app_with(extra: &str) -> tempfile::TempDir {
    let app = fixture("vite-ts");
    let package = app.path().join("package.json");
    let text = std::fs::read_to_string(&package).unwrap();
    std::fs::write(
        &package,
        text.replace(
            "\"react\": \"^19.3.1\",",
            &format!("{extra},\n    \"react\": \"^19.3.1\","),
        ),
    )
    .unwrap();
    app
}

/// widgets 1.2.1 (kept: it meets ^1.0.0) peers with `@radix-ui/themes`
/// ^3.1.0 (`npm view @workos-inc/widgets@1.2.1 peerDependencies`), which
/// the declared 3.2.1 meets: init leaves it, though the newest widgets
/// wants ^3.3.0.
#[test]
fn radix_is_judged_by_the_peer_range_of_the_widgets_version_kept() {
    let app = vite_app_with(
        "    \"@workos-inc/widgets\": \"1.2.1\",\n    \"@radix-ui/themes\": \"3.2.1\"",
    );
    let out = run(app.path(), &["init", ".", WIDGETS, "--no-install", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let package = std::fs::read_to_string(app.path().join("package.json")).unwrap();
    assert!(
        package.contains("\"@workos-inc/widgets\": \"1.2.1\""),
        "{package}"
    );
    assert!(
        package.contains("\"@radix-ui/themes\": \"3.2.1\""),
        "{package}"
    );

    // A widgets range whose newest release wants ^3.3.0 still raises it.
    let app = vite_app_with(
        "    \"@workos-inc/widgets\": \"^1.2.1\",\n    \"@radix-ui/themes\": \"3.2.1\"",
    );
    let out = run(app.path(), &["init", ".", WIDGETS, "--no-install", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let package = std::fs::read_to_string(app.path().join("package.json")).unwrap();
    assert!(
        package.contains("\"@radix-ui/themes\": \"^3.3.0\""),
        "{package}"
    );
}

/// The installed widgets' own peerDependencies win over the table.
#[test]
fn radix_is_judged_by_the_installed_widgets_peer_dependencies() {
    let app = vite_app_with(
        "    \"@workos-inc/widgets\": \"^1.2.1\",\n    \"@radix-ui/themes\": \"3.2.1\"",
    );
    let modules = app.path().join("node_modules");
    for (name, manifest) in [
        (
            "@workos-inc/widgets",
            r#"{"version":"1.2.1","peerDependencies":{"@radix-ui/themes":"^3.1.0"}}"#,
        ),
        ("@radix-ui/themes", r#"{"version":"3.2.1"}"#),
    ] {
        std::fs::create_dir_all(modules.join(name)).unwrap();
        std::fs::write(modules.join(name).join("package.json"), manifest).unwrap();
    }
    let out = run(app.path(), &["init", ".", WIDGETS, "--no-install", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let package = std::fs::read_to_string(app.path().join("package.json")).unwrap();
    assert!(
        package.contains("\"@radix-ui/themes\": \"3.2.1\""),
        "{package}"
    );
}
