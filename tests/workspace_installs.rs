//! Installed packages and formatter configs in a monorepo: what the app's
//! workspace root holds counts (Node resolves it, Prettier finds its config
//! there), what lies outside the workspace is never read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::{Path, PathBuf};

use common::{run, stderr, stdout};

const WIDGETS: &str = "--widgets=user-profile";

/// A git repository at a temporary root holding the workspace root files
/// `root_files` and a copy of `fixtures/<fixture>` at `apps/web`.
fn workspace(fixture: &str, root_files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join(".git")).unwrap();
    for (name, text) in root_files {
        write(root.path(), name, text);
    }
    let web = root.path().join("apps/web");
    std::fs::create_dir_all(root.path().join("apps")).unwrap();
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(common::repo().join("fixtures").join(fixture))
        .arg(&web)
        .status()
        .unwrap();
    assert!(copied.success(), "cp -a {fixture}");
    (root, web)
}

fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

const NPM_ROOT: (&str, &str) = (
    "package.json",
    "{\"name\":\"mono\",\"private\":true,\"workspaces\":[\"apps/*\"]}\n",
);

/// The code style `detect --json` reports for the app at `dir`.
fn code_style(dir: &Path) -> serde_json::Value {
    let out = run(dir, &["detect", ".", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    model["code_style"].clone()
}

/// The notes of `init --dry-run --json` in `dir`.
fn init_notes(dir: &Path) -> String {
    let out = run(
        dir,
        &["init", ".", WIDGETS, "--dry-run", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["notes"].to_string()
}

/// Prettier installed only at an npm workspace's root: Node resolves it
/// from the app, so it is the app's formatter and init runs it (the tests'
/// fake `node` makes that run fail, which the note proves was tried).
#[test]
fn a_prettier_installed_at_an_npm_workspace_root_is_the_apps_formatter() {
    let (root, web) = workspace(
        "vite-prettier",
        &[
            NPM_ROOT,
            (
                "node_modules/prettier/package.json",
                "{\"name\":\"prettier\",\"version\":\"3.0.0\"}",
            ),
        ],
    );
    let style = code_style(&web);
    assert_eq!(style["formatter"]["kind"], "prettier", "{style:#}");
    assert_eq!(style["formatter"]["installed"], "3.0.0", "{style:#}");
    let notes = init_notes(&web);
    assert!(
        notes.contains("could not run the project's Prettier"),
        "the formatter was not run: {notes}"
    );
    drop(root);
}

/// The same in a pnpm workspace: the root's `node_modules/prettier` is a
/// link into its `.pnpm` store, and the app's own dependencies are links
/// from its `node_modules` into that store.
#[cfg(unix)]
#[test]
fn a_prettier_installed_at_a_pnpm_workspace_root_is_the_apps_formatter() {
    let (root, web) = workspace(
        "vite-prettier",
        &[
            ("package.json", "{\"name\":\"mono\",\"private\":true}\n"),
            ("pnpm-workspace.yaml", "packages:\n  - 'apps/*'\n"),
            (
                "node_modules/.pnpm/prettier@3.0.0/node_modules/prettier/package.json",
                "{\"name\":\"prettier\",\"version\":\"3.0.0\"}",
            ),
            (
                "node_modules/.pnpm/react@19.3.1/node_modules/react/package.json",
                "{\"name\":\"react\",\"version\":\"19.3.1\"}",
            ),
        ],
    );
    link(
        Path::new(".pnpm/prettier@3.0.0/node_modules/prettier"),
        &root.path().join("node_modules/prettier"),
    );
    link(
        Path::new("../../../node_modules/.pnpm/react@19.3.1/node_modules/react"),
        &web.join("node_modules/react"),
    );
    let style = code_style(&web);
    assert_eq!(style["formatter"]["installed"], "3.0.0", "{style:#}");
    let out = run(&web, &["detect", ".", "--json"]);
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(model["react"]["installed"], "19.3.1", "{model:#}");
    let notes = init_notes(&web);
    assert!(
        notes.contains("could not run the project's Prettier"),
        "the formatter was not run: {notes}"
    );
}

/// A Prettier config at the workspace root (and none in the app) is the
/// app's config, as Prettier itself finds it; the source names it.
#[test]
fn a_prettier_config_at_the_workspace_root_is_the_apps_config() {
    let (_root, web) = workspace(
        "vite-ts",
        &[
            NPM_ROOT,
            (".prettierrc", "{\"semi\": true, \"singleQuote\": false}"),
        ],
    );
    let style = code_style(&web);
    assert_eq!(
        style["formatter"]["config"], "../../.prettierrc",
        "{style:#}"
    );
    assert_eq!(style["quote"]["value"], "double", "{style:#}");
    assert_eq!(style["quote"]["source"], "../../.prettierrc", "{style:#}");
    assert_eq!(style["semicolons"]["value"], true, "{style:#}");
}

/// Nothing outside the workspace is read: not a `node_modules` above the
/// workspace root, not a package that a link leads out of the workspace.
#[cfg(unix)]
#[test]
fn nothing_outside_the_workspace_is_read_for_installed_versions() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "node_modules/prettier/package.json",
        "{\"name\":\"prettier\",\"version\":\"3.1.0\"}",
    );
    write(
        outside.path(),
        "elsewhere/react/package.json",
        "{\"name\":\"react\",\"version\":\"19.0.0\"}",
    );
    // The workspace sits below a folder whose node_modules it must not use.
    let mono = outside.path().join("mono");
    std::fs::create_dir_all(mono.join(".git")).unwrap();
    write(&mono, NPM_ROOT.0, NPM_ROOT.1);
    std::fs::create_dir_all(mono.join("apps")).unwrap();
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(common::repo().join("fixtures/vite-prettier"))
        .arg(mono.join("apps/web"))
        .status()
        .unwrap();
    assert!(copied.success(), "cp -a vite-prettier");
    let web = mono.join("apps/web");
    link(
        &outside.path().join("elsewhere/react"),
        &mono.join("node_modules/react"),
    );
    let out = run(&web, &["detect", ".", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        model["code_style"]["formatter"]["installed"],
        serde_json::Value::Null,
        "{model:#}"
    );
    assert_eq!(
        model["react"]["installed"],
        serde_json::Value::Null,
        "{model:#}"
    );
    let notes = init_notes(&web);
    assert!(!notes.contains("Prettier"), "{notes}");
}

/// A real Prettier 3 from npm, installed only at the workspace root, formats
/// the files init creates (they pass its `--check`). Skipped (with a message)
/// when `node` or `npm` is missing or npm cannot fetch Prettier, as its
/// single-app sibling in `init_vite.rs` is.
#[cfg(unix)]
#[test]
fn a_real_prettier_at_the_workspace_root_formats_the_generated_files() {
    use std::process::Command;
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("skipped: node is not installed");
        return;
    }
    let (root, web) = workspace("vite-prettier", &[NPM_ROOT]);
    // A setting the tool's own restyling does not apply: only Prettier
    // itself makes the generated files pass `--check` under it.
    write(
        &web,
        ".prettierrc",
        "{\"semi\": true, \"singleQuote\": false, \"bracketSpacing\": false}",
    );
    let install = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--no-save",
            "--no-package-lock",
            "--workspaces=false",
            "prettier@3",
        ])
        .current_dir(root.path())
        .output();
    if !install.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: npm could not install prettier@3");
        return;
    }
    assert!(
        !web.join("node_modules/prettier").exists(),
        "installed at the root only"
    );
    // The real node, not the tests' fake one.
    let out = Command::new(env!("CARGO_BIN_EXE_workos-widgets"))
        .args(["init", ".", WIDGETS, "--yes", "--no-install", "--json"])
        .current_dir(&web)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("could not run"), "{}", stdout(&out));
    let check = Command::new("node")
        .arg(root.path().join("node_modules/prettier/bin/prettier.cjs"))
        // The files init creates (an edited file keeps the app's own lines
        // as they were).
        .args(["--check", "src/workos", "server"])
        .current_dir(&web)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "prettier --check: {}{}",
        stdout(&check),
        stderr(&check)
    );
}
