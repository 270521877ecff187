//! Hostile input (issue 18): files nested deep enough to overflow a
//! recursive parser, links out of the project, paths that need encoding,
//! manifests from a newer tool. No input may crash a command or read
//! outside the project.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::Path;
use std::process::Output;

use common::{fixture, run, snapshot_tree, stderr, stdout};
use serde_json::Value;

/// An import that makes `verify` parse the file.
const WIDGET: &str = "import { UserProfile } from '@workos-inc/widgets'\n";

/// A component whose JSX nests `depth` elements deep around a widget.
fn nested_jsx(depth: usize) -> String {
    format!(
        "import {{ UserProfile }} from '@workos-inc/widgets'\n\nexport function Deep() {{\n  return (\n    {}<UserProfile authToken=\"t\" />{}\n  )\n}}\n",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

/// A module whose expression nests `depth` levels of `open`/`close`.
fn nested_expression(depth: usize, open: &str, close: &str) -> String {
    format!(
        "import {{ UserProfile }} from '@workos-inc/widgets'\n\nexport const deep = {}<UserProfile authToken=\"t\" />{}\n",
        open.repeat(depth),
        close.repeat(depth)
    )
}

/// The exit code, failing the test when a signal (a stack overflow's
/// SIGABRT/SIGSEGV) ended the process.
fn exit_code(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| {
        panic!(
            "killed by a signal: {:?}\nstderr: {}",
            output.status,
            stderr(output)
        )
    })
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(output), stderr(output)))
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

#[test]
fn verify_reports_a_file_nested_too_deep_as_ww001_instead_of_overflowing_the_stack() {
    let cases = [
        ("jsx-5000", nested_jsx(5_000)),
        ("jsx-50000", nested_jsx(50_000)),
        ("parens-50000", nested_expression(50_000, "(", ")")),
        ("arrays-50000", nested_expression(50_000, "[", "]")),
        ("objects-50000", nested_expression(50_000, "{a:", "}")),
        ("not-200000", nested_expression(200_000, "!", "")),
        (
            "assignments-1000000",
            nested_expression(1_000_000, "a=", ""),
        ),
        // Left-deep chains the parser builds in a loop: deep for the walks.
        ("sum-1000000", nested_expression(1_000_000, "a+", "")),
        (
            "members-1000000",
            format!("{WIDGET}export const deep = a{}\n", ".b".repeat(1_000_000)),
        ),
        (
            "calls-1000000",
            format!("{WIDGET}export const deep = a{}\n", "()".repeat(1_000_000)),
        ),
        (
            "else-ifs-200000",
            format!("{WIDGET}if (a) x;{}\n", " else if (a) x;".repeat(200_000)),
        ),
        (
            "ifs-1000000",
            format!("{WIDGET}{}x\n", "if (a)\n".repeat(1_000_000)),
        ),
        (
            "types-200000",
            format!(
                "{WIDGET}type T = {}B{}\n",
                "A<".repeat(200_000),
                ">".repeat(200_000)
            ),
        ),
    ];
    let dir = fixture("verify/_base-vite");
    for (name, text) in &cases {
        std::fs::write(dir.path().join("src/Deep.tsx"), text).unwrap();
        let output = run(dir.path(), &["verify", ".", "--format", "json"]);
        assert_eq!(exit_code(&output), 1, "{name}: {}", stderr(&output));
        let report = json(&output);
        let deep: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "WW001" && f["file"] == "src/Deep.tsx")
            .collect();
        assert_eq!(deep.len(), 1, "{name}: {report:#}");
        let message = deep[0]["message"].as_str().unwrap();
        assert!(message.contains("nested too deep"), "{name}: {message}");
        for format in ["human", "sarif"] {
            let output = run(dir.path(), &["verify", ".", "--format", format]);
            assert_eq!(exit_code(&output), 1, "{name} {format}");
        }
    }
}

#[test]
fn verify_staged_and_fix_report_a_file_nested_too_deep_and_refuse_such_an_entry() {
    let dir = fixture("verify/_base-vite");
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("src/Deep.tsx"), nested_jsx(5_000)).unwrap();
    git(dir.path(), &["add", "-A"]);
    for args in [
        ["verify", ".", "--staged", "--format", "json"],
        ["verify", ".", "--fix", "--format", "json"],
    ] {
        let output = run(dir.path(), &args);
        assert_eq!(exit_code(&output), 1, "{args:?}: {}", stderr(&output));
        let report = json(&output);
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["code"] == "WW001" && f["file"] == "src/Deep.tsx"),
            "{args:?}: {report:#}"
        );
    }
    // The app root itself too deep: every command stops there (exit 2),
    // as on a root that does not parse, and changes nothing.
    std::fs::write(dir.path().join("src/App.tsx"), nested_jsx(5_000)).unwrap();
    git(dir.path(), &["add", "-A"]);
    let before = snapshot_tree(dir.path());
    for args in [
        ["verify", ".", "--staged", "--format", "json"],
        ["verify", ".", "--fix", "--format", "json"],
    ] {
        let output = run(dir.path(), &args);
        assert_eq!(exit_code(&output), 2, "{args:?}");
        let message = json(&output)["error"]["message"].to_string();
        assert!(message.contains("src/App.tsx:5:"), "{message}");
    }
    assert_eq!(snapshot_tree(dir.path()), before);
}

#[test]
fn detect_and_init_refuse_an_entry_nested_too_deep_naming_it_and_write_nothing() {
    for depth in [5_000, 50_000] {
        let dir = fixture("vite-ts");
        let app = format!(
            "export default function App() {{\n  return {}<h1>Hello</h1>{}\n}}\n",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        std::fs::write(dir.path().join("src/App.tsx"), app).unwrap();
        let before = snapshot_tree(dir.path());
        let detect = run(dir.path(), &["detect", "."]);
        assert_eq!(exit_code(&detect), 2);
        assert!(
            stderr(&detect).contains("src/App.tsx:2:")
                && stderr(&detect).contains("nested too deep"),
            "{}",
            stderr(&detect)
        );
        let init = run(
            dir.path(),
            &[
                "init",
                ".",
                "--widgets",
                "user-profile",
                "--no-install",
                "--yes",
                "--json",
            ],
        );
        assert_eq!(exit_code(&init), 2);
        let error = &json(&init)["error"];
        assert!(
            error["message"].as_str().unwrap().contains("src/App.tsx"),
            "{error:#}"
        );
        assert!(error["hint"].as_str().is_some(), "{error:#}");
        assert_eq!(snapshot_tree(dir.path()), before, "depth {depth}");
    }
}

/// A file outside any project, whose content would produce findings
/// (WW503, WW302) and whose marker must never reach an output.
const OUTSIDE: &str = "export const key = 'sk_test_OUTSIDEMARKER1234567890abcd' // OUTSIDE-MARKER\nexport const el = <UserProfile accessToken={key} />\n";

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
#[test]
fn verify_never_reads_through_a_link_out_of_the_project_and_reports_the_skip() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.tsx"), OUTSIDE).unwrap();
    let dir = fixture("verify/_base-vite");
    let root = dir.path();
    // A linked file, a linked folder (both imported), an unimported link,
    // and a link that stays inside the project.
    symlink(
        &outside.path().join("secret.tsx"),
        &root.join("src/evil.tsx"),
    );
    symlink(outside.path(), &root.join("src/shared"));
    symlink(
        &outside.path().join("secret.tsx"),
        &root.join("src/loose.tsx"),
    );
    std::fs::create_dir(root.join("src/real")).unwrap();
    std::fs::write(
        root.join("src/real/Near.tsx"),
        "import { UserProfile } from '@workos-inc/widgets'\nexport const near = <UserProfile accessToken=\"t\" />\n",
    )
    .unwrap();
    symlink(Path::new("real/Near.tsx"), &root.join("src/near.tsx"));
    let main = std::fs::read_to_string(root.join("src/main.tsx")).unwrap();
    std::fs::write(
        root.join("src/main.tsx"),
        format!("{main}import './evil'\nimport './shared/secret'\nimport './near'\n"),
    )
    .unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);

    for extra in [&[][..], &["--staged"][..]] {
        for format in ["human", "json", "sarif"] {
            let mut args = vec!["verify", ".", "--format", format];
            args.extend_from_slice(extra);
            let output = run(root, &args);
            exit_code(&output);
            let all = format!("{}{}", stdout(&output), stderr(&output));
            assert!(!all.contains("OUTSIDE"), "{args:?}: {all}");
        }
        let mut args = vec!["verify", ".", "--format", "json"];
        args.extend_from_slice(extra);
        let report = json(&run(root, &args));
        let findings = report["findings"].as_array().unwrap();
        let skipped: Vec<&str> = findings
            .iter()
            .filter(|f| f["code"] == "WW002")
            .map(|f| f["file"].as_str().unwrap())
            .collect();
        // The unimported link: met by the walk, or staged.
        assert_eq!(
            skipped,
            ["src/evil.tsx", "src/loose.tsx", "src/shared/secret.tsx"],
            "{extra:?}: {report:#}"
        );
        assert!(
            findings.iter().all(|f| f["code"] != "WW503"),
            "{extra:?}: {report:#}"
        );
        // The link inside the project is read.
        assert!(
            findings
                .iter()
                .any(|f| f["code"] == "WW302" && f["file"] == "src/near.tsx"),
            "{extra:?}: {report:#}"
        );
    }
    let explain = run(root, &["explain", "WW002"]);
    assert!(stdout(&explain).contains("symbolic link"));
}

#[cfg(unix)]
#[test]
fn detect_and_init_never_read_through_a_link_out_of_the_project() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.tsx"), OUTSIDE).unwrap();
    let dir = fixture("vite-ts");
    let root = dir.path();
    symlink(
        &outside.path().join("secret.tsx"),
        &root.join("src/evil.tsx"),
    );
    let app = std::fs::read_to_string(root.join("src/App.tsx")).unwrap();
    std::fs::write(root.join("src/App.tsx"), format!("import './evil'\n{app}")).unwrap();

    let detect = run(root, &["detect", ".", "--json"]);
    assert_eq!(exit_code(&detect), 0, "{}", stderr(&detect));
    assert_eq!(
        json(&detect)["links_outside"],
        serde_json::json!(["src/evil.tsx"])
    );
    let human = run(root, &["detect", "."]);
    assert!(stdout(&human).contains("src/evil.tsx (a symbolic link out of the project)"));

    let args = [
        "init",
        ".",
        "--widgets",
        "user-profile",
        "--no-install",
        "--yes",
        "--dry-run",
        "--json",
    ];
    let dry = run(root, &args);
    assert_eq!(exit_code(&dry), 0, "{}", stderr(&dry));
    assert!(!stdout(&dry).contains("OUTSIDE"), "{}", stdout(&dry));
    let warnings = json(&dry)["warnings"].to_string();
    assert!(
        warnings.contains("src/evil.tsx is a symbolic link out of the project"),
        "{warnings}"
    );

    // The entry itself a link out of the project: refused, nothing written
    // (here or through the link).
    let main = std::fs::read_to_string(root.join("src/main.tsx")).unwrap();
    std::fs::write(outside.path().join("main.tsx"), &main).unwrap();
    std::fs::remove_file(root.join("src/main.tsx")).unwrap();
    symlink(&outside.path().join("main.tsx"), &root.join("src/main.tsx"));
    let before = snapshot_tree(root);
    for args in [&args[..6], &args[..]] {
        let output = run(root, args);
        assert_eq!(exit_code(&output), 2, "{args:?}");
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert!(
            all.contains("src/main.tsx is a symbolic link to") && !all.contains("OUTSIDE"),
            "{all}"
        );
    }
    assert_eq!(snapshot_tree(root), before);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("main.tsx")).unwrap(),
        main
    );
}

#[test]
fn sarif_artifact_uris_are_percent_encoded() {
    let dir = fixture("verify/_base-vite");
    let folder = dir.path().join("src/my page #1 100%");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("Profilé.tsx"),
        "import { UserProfile } from '@workos-inc/widgets'\nexport const p = <UserProfile accessToken=\"t\" />\n",
    )
    .unwrap();
    let output = run(dir.path(), &["verify", ".", "--format", "sarif"]);
    assert_eq!(exit_code(&output), 1);
    let sarif = json(&output);
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "WW302")
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["src/my%20page%20%231%20100%25/Profil%C3%A9.tsx"]);
}

#[test]
fn init_add_and_fix_refuse_a_manifest_written_by_a_newer_tool_and_write_nothing() {
    let dir = fixture("vite-ts");
    let root = dir.path();
    let init = [
        "init",
        ".",
        "--widgets",
        "user-profile",
        "--no-install",
        "--yes",
        "--json",
    ];
    assert_eq!(exit_code(&run(root, &init)), 0);
    let manifest = std::fs::read_to_string(root.join("workos-widgets.toml")).unwrap();
    let ours = format!("tool_version = \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(manifest.contains(&ours) && manifest.contains("\nversion = 1\n"));
    let newer = [
        (
            "tool_version",
            manifest.replace(&ours, "tool_version = \"99.0.0\""),
        ),
        (
            "version",
            manifest.replace("\nversion = 1\n", "\nversion = 2\n"),
        ),
    ];
    let add = [
        "add",
        "users-management",
        ".",
        "--no-install",
        "--yes",
        "--json",
    ];
    let fix = ["verify", ".", "--fix", "--format", "json"];
    for (field, text) in &newer {
        std::fs::write(root.join("workos-widgets.toml"), text).unwrap();
        let before = snapshot_tree(root);
        for args in [&init[..], &add[..], &fix[..]] {
            let output = run(root, args);
            assert_eq!(
                exit_code(&output),
                2,
                "{field} {args:?}: {}",
                stdout(&output)
            );
            let error = &json(&output)["error"];
            let message = error["message"].as_str().unwrap();
            assert!(
                message.contains("workos-widgets.toml") && message.contains("newer"),
                "{field}: {message}"
            );
            assert!(
                error["hint"]
                    .as_str()
                    .unwrap()
                    .contains("upgrade workos-widgets"),
                "{field}: {error:#}"
            );
            assert_eq!(snapshot_tree(root), before, "{field} {args:?}");
        }
    }
    // Our own manifest is fine.
    std::fs::write(root.join("workos-widgets.toml"), &manifest).unwrap();
    assert_eq!(exit_code(&run(root, &add)), 0);
}
