//! `workos-widgets verify` end to end: one broken fixture per finding code
//! (a snapshot of the JSON output and the exact set of codes), the seed
//! 000 app, an app `init` generated, `--fix`, `--staged`, SARIF, the exit
//! codes, and `--online` against a mock token endpoint on 127.0.0.1.
//!
//! A fixture (`fixtures/verify/<slug>/`) is overlaid on a base app
//! (`_base-vite`, or the one named in `BASE`): `_gitignore`/`_npmrc`/`_env*` become
//! dotfiles, `DELETE` lists paths to remove, `EXPECT` the codes it must
//! produce, `ARGS` extra arguments, `installed.txt` overrides the fake
//! `node_modules` (`name version`, or `name -` for not installed). Every
//! declared package is otherwise "installed" at its range's version.
//!
//! Every folder with an `EXPECT` file is a fixture: a new one needs no
//! registration here. `FIXTURE=ww302 cargo test --test verify every_fixture`
//! checks only the folders whose name contains `ww302`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_workos-widgets");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/verify")
}

/// Copies `from` into `to`, turning `_gitignore`/`_env*` into dotfiles.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["BASE", "DELETE", "EXPECT", "ARGS", "installed.txt"].contains(&name.as_str()) {
            continue;
        }
        let target_name = if name == "_gitignore" || name == "_npmrc" || name.starts_with("_env") {
            format!(".{}", &name[1..])
        } else {
            name
        };
        let target = to.join(target_name);
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn read_list(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|t| {
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Writes `node_modules/<name>/package.json`.
fn install(root: &Path, name: &str, version: &str) {
    let dir = root.join("node_modules").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let mut manifest = serde_json::json!({ "name": name, "version": version });
    if name == "@workos-inc/widgets" {
        manifest["peerDependencies"] = serde_json::json!({
            "@radix-ui/themes": "^3.3.0",
            "@tanstack/react-query": "^5.0.0",
            "react": ">=18",
            "react-dom": ">=18",
            "swr": "^2.0.0"
        });
    }
    std::fs::write(dir.join("package.json"), manifest.to_string()).unwrap();
}

/// Installs every declared dependency at its range's version.
fn install_declared(root: &Path) {
    let text = std::fs::read_to_string(root.join("package.json")).unwrap();
    let pkg: Value = serde_json::from_str(&text).unwrap();
    for table in ["dependencies", "devDependencies"] {
        for (name, range) in pkg[table].as_object().into_iter().flatten() {
            let version = range.as_str().unwrap().trim_start_matches(['^', '~']);
            if version.split('.').count() == 3 {
                install(root, name, version);
            }
        }
    }
}

/// A fixture materialised in a temporary folder.
fn materialise(slug: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixtures().join(slug);
    let base = read_list(&fixture.join("BASE"))
        .first()
        .cloned()
        .unwrap_or_else(|| "_base-vite".to_owned());
    copy_tree(&fixtures().join(base), dir.path());
    copy_tree(&fixture, dir.path());
    for path in read_list(&fixture.join("DELETE")) {
        let target = dir.path().join(path);
        if target.is_dir() {
            std::fs::remove_dir_all(target).unwrap();
        } else {
            std::fs::remove_file(target).unwrap();
        }
    }
    install_declared(dir.path());
    for line in read_list(&fixture.join("installed.txt")) {
        let (name, version) = line.split_once(' ').unwrap();
        if version == "-" {
            std::fs::remove_dir_all(dir.path().join("node_modules").join(name)).unwrap();
        } else {
            install(dir.path(), name, version);
        }
    }
    dir
}

/// Runs the binary in `dir` with a clean WorkOS environment.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        .env_remove("WORKOS_API_KEY")
        .env_remove("WORKOS_CLIENT_ID")
        .env_remove("WORKOS_API_BASE_URL")
        .env("NO_COLOR", "1");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn verify_json(dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Value, i32) {
    let mut args = vec!["verify", ".", "--format", "json"];
    args.extend_from_slice(extra);
    let output = run(dir, &args, env);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (value, output.status.code().unwrap())
}

fn codes(report: &Value) -> Vec<String> {
    let mut codes: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// Verifies a fixture: the exact codes of `EXPECT`, the exit code, and a
/// snapshot of the JSON.
fn check_fixture(slug: &str) {
    let dir = materialise(slug);
    let args = read_list(&fixtures().join(slug).join("ARGS"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (report, exit) = verify_json(dir.path(), &args, &[]);
    let expected = read_list(&fixtures().join(slug).join("EXPECT"));
    assert_eq!(codes(&report), expected, "{slug}: {report:#}");
    let errors = report["summary"]["errors"].as_u64().unwrap();
    assert_eq!(exit, i32::from(errors > 0), "{slug}");
    insta::assert_json_snapshot!(slug, report);
}

/// The fixtures: every folder of `fixtures/verify/` with an `EXPECT` file
/// (the `_base-*` apps have none), sorted; with `FIXTURE=part` set, those
/// whose name contains it.
fn fixture_slugs() -> Vec<String> {
    let only = std::env::var("FIXTURE").unwrap_or_default();
    let mut slugs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| path.join("EXPECT").is_file())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|slug| slug.contains(&only))
        .collect();
    slugs.sort();
    slugs
}

/// Every fixture folder, checked on as many threads as there are cores;
/// one that fails does not stop the others, and the failures are listed
/// together by folder name at the end.
#[test]
fn every_fixture_gives_its_codes() {
    let slugs = fixture_slugs();
    assert!(!slugs.is_empty(), "no fixture matches FIXTURE");
    let queue = Mutex::new(slugs.iter());
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let Some(slug) = queue.lock().unwrap().next() else {
                        break;
                    };
                    let outcome = std::panic::catch_unwind(|| check_fixture(slug));
                    if let Err(panic) = outcome {
                        let why = panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                            .unwrap_or_default();
                        failures.lock().unwrap().push(format!("{slug}: {why}"));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failures.len(),
        slugs.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_rule_has_a_fixture() {
    let output = run(&fixtures(), &["explain", "--list"], &[]);
    let listed = String::from_utf8(output.stdout).unwrap();
    let mut covered: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .flat_map(|e| read_list(&e.unwrap().path().join("EXPECT")))
        .collect();
    covered.extend(["WW801", "WW802", "WW803", "WW804", "WW805"].map(str::to_owned));
    // A link out of the project cannot live in a fixture folder: the test
    // `verify_never_reads_through_a_link_out_of_the_project_and_reports_the_skip`
    // (tests/hostile_input.rs) makes one.
    covered.push("WW002".to_owned());
    for line in listed.lines() {
        let code = line.split_whitespace().next().unwrap();
        assert!(
            covered.iter().any(|c| c == code),
            "no fixture produces {code}"
        );
    }
    assert_eq!(listed.lines().count(), 39);
}

#[test]
fn human_output_has_code_frames_and_no_colours_when_piped() {
    let dir = materialise("ww302-access-token-prop");
    let output = run(dir.path(), &["verify"], &[]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
    assert!(
        stdout.contains(
            "src/App.tsx:7:20 error WW302 <UserProfile> takes authToken, not accessToken"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("7 |       <UserProfile accessToken={fetchWidgetsToken} />"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "|                    ^^^^^^^^^^^\n    = help: rename the prop\n    = fix (--fix): rename accessToken to authToken in src/App.tsx\n"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("accessToken: rename"), "{stdout}");
    assert!(stdout.contains("1 error, 0 warnings"), "{stdout}");
}

#[test]
fn secrets_are_masked_everywhere() {
    let dir = materialise("ww503-hardcoded-secret");
    for format in ["human", "json", "sarif"] {
        let output = run(dir.path(), &["verify", "--format", format], &[]);
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            !stdout.contains("sk_test_fixture0000000000"),
            "{format}: {stdout}"
        );
        assert!(stdout.contains("sk_test_****0000"), "{format}: {stdout}");
    }
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let dir = materialise("ww506-dev-identity");
    assert_eq!(verify_json(dir.path(), &[], &[]).1, 0);
    assert_eq!(verify_json(dir.path(), &["--deny-warnings"], &[]).1, 1);
}

#[test]
fn bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["verify"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no package.json"));
    let app = materialise("ok-vite");
    let output = run(app.path(), &["verify", "--online"], &[]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "--online needs --organization-id"
    );
}

#[test]
fn staged_outside_a_git_repository_says_so_once_and_exits_2() {
    let app = materialise("ok-vite");
    let output = run(app.path(), &["verify", "--staged"], &[]);
    assert_eq!(output.status.code(), Some(2), "--staged outside git");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a git repository: "), "{stderr}");
    assert!(
        stderr.contains("hint: run verify without --staged"),
        "{stderr}"
    );
    assert!(!stderr.contains("usage:"), "no git usage text: {stderr}");
    assert_eq!(
        stderr.matches("not a git repository").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn explain_prints_the_doc() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["explain", "WW302"], &[]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("WW302 access-token-prop (error, fixable with --fix, widget props)"),
        "{stdout}"
    );
    assert!(stdout.contains("<UserProfile accessToken={token} />"));
    assert_eq!(
        run(dir.path(), &["explain", "WW999"], &[]).status.code(),
        Some(2)
    );
}

#[test]
fn sarif_is_valid_2_1_0() {
    let dir = materialise("seed-000");
    let output = run(dir.path(), &["verify", "--format", "sarif"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "workos-widgets");
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 39);
    for rule in rules {
        assert!(rule["id"].as_str().unwrap().starts_with("WW"));
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["helpUri"].as_str().unwrap().starts_with("https://"));
        assert!(
            ["error", "warning"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(
        results.iter().all(|r| r["properties"]["help"].is_string()),
        "every seed 000 finding has advice"
    );
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], id);
        assert!(["error", "warning"].contains(&result["level"].as_str().unwrap()));
        let text = result["message"]["text"].as_str().unwrap();
        assert!(!text.is_empty());
        // The advice is shown in the text and carried apart.
        if let Some(help) = result["properties"]["help"].as_str() {
            assert!(text.ends_with(&format!("\nhelp: {help}")), "{text}");
        }
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.contains('\\'), "{uri}");
        let region = &location["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn staged_checks_only_staged_files() {
    let dir = materialise("ww302-access-token-prop");
    // A defect in a file that is not staged: it must not be reported.
    std::fs::write(
        dir.path().join("src/Other.tsx"),
        "import { UserSecurity } from '@workos-inc/widgets'\nexport const O = () => <UserSecurity />\n",
    )
    .unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "src/App.tsx"]);
    let (report, exit) = verify_json(dir.path(), &["--staged"], &[]);
    assert_eq!(exit, 1);
    assert_eq!(codes(&report), ["WW302"], "{report:#}");
    assert_eq!(report["project"]["staged"], true);
    let (full, _) = verify_json(dir.path(), &[], &[]);
    assert_eq!(codes(&full), ["WW301", "WW302"], "{full:#}");
}

/// `src/App.tsx` of `_base-vite` with `accessToken` for `authToken` (WW302).
fn break_app(dir: &Path) {
    let path = dir.join("src/App.tsx");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen("authToken", "accessToken", 1);
    assert_ne!(text, broken);
    std::fs::write(path, broken).unwrap();
}

#[test]
fn staged_checks_the_staged_content_not_the_working_tree() {
    // Staged correct, broken in the working tree only: the commit is fine.
    let dir = materialise("ok-vite");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "src/App.tsx"]);
    break_app(dir.path());
    let (report, exit) = verify_json(dir.path(), &["--staged"], &[]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(exit, 0);
    let (full, _) = verify_json(dir.path(), &[], &[]);
    assert_eq!(
        codes(&full),
        ["WW302"],
        "the working tree is broken: {full:#}"
    );

    // Staged broken, fixed in the working tree afterwards: the commit is not.
    let dir = materialise("ok-vite");
    git(dir.path(), &["init", "-q"]);
    let original = std::fs::read_to_string(dir.path().join("src/App.tsx")).unwrap();
    break_app(dir.path());
    git(dir.path(), &["add", "src/App.tsx"]);
    std::fs::write(dir.path().join("src/App.tsx"), original).unwrap();
    let (report, exit) = verify_json(dir.path(), &["--staged"], &[]);
    assert_eq!(codes(&report), ["WW302"], "{report:#}");
    assert_eq!(exit, 1);
    let finding = &report["findings"][0];
    assert_eq!(finding["file"], "src/App.tsx", "{finding:#}");
    let (full, _) = verify_json(dir.path(), &[], &[]);
    assert_eq!(codes(&full), Vec::<String>::new(), "{full:#}");
}

#[test]
fn staged_reads_the_index_when_the_app_is_in_a_subfolder_of_the_repository() {
    let app = materialise("ok-vite");
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path().join("web");
    std::fs::create_dir_all(&dir).unwrap();
    copy_tree(app.path(), &dir);
    std::fs::write(dir.join(".gitignore"), "node_modules\n.env.local\n").unwrap();
    git(repo.path(), &["init", "-q"]);
    let original = std::fs::read_to_string(dir.join("src/App.tsx")).unwrap();
    break_app(&dir);
    git(repo.path(), &["add", "web/src/App.tsx"]);
    std::fs::write(dir.join("src/App.tsx"), original).unwrap();
    let (report, exit) = verify_json(&dir, &["--staged"], &[]);
    assert_eq!(codes(&report), ["WW302"], "{report:#}");
    assert_eq!(exit, 1);
}

#[test]
fn staged_reads_the_staged_package_json() {
    let dir = materialise("ok-vite");
    git(dir.path(), &["init", "-q"]);
    let path = dir.path().join("package.json");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut manifest: Value = serde_json::from_str(&original).unwrap();
    manifest["dependencies"]
        .as_object_mut()
        .unwrap()
        .remove("@tanstack/react-query");
    std::fs::write(&path, manifest.to_string()).unwrap();
    git(dir.path(), &["add", "package.json"]);
    std::fs::write(&path, original).unwrap();
    let (report, exit) = verify_json(dir.path(), &["--staged"], &[]);
    assert_eq!(codes(&report), ["WW101"], "{report:#}");
    assert_eq!(exit, 1);
    let (full, _) = verify_json(dir.path(), &[], &[]);
    assert_eq!(codes(&full), Vec::<String>::new(), "{full:#}");
}

#[test]
fn fix_repairs_the_seed_app() {
    let dir = materialise("seed-000");
    let (report, exit) = verify_json(dir.path(), &["--fix"], &[]);
    assert_eq!(exit, 1, "unfixable errors remain");
    assert_eq!(codes(&report), ["WW303", "WW304", "WW403"], "{report:#}");
    let changed: Vec<&str> = report["fixes"]["applied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    assert_eq!(changed, ["src/Pages.tsx", "src/main.tsx"]);
    let main = std::fs::read_to_string(dir.path().join("src/main.tsx")).unwrap();
    let pages = std::fs::read_to_string(dir.path().join("src/Pages.tsx")).unwrap();
    insta::assert_snapshot!("fix_seed_main", main);
    assert!(!pages.contains("accessToken"), "{pages}");
    let (again, _) = verify_json(dir.path(), &["--fix"], &[]);
    assert_eq!(
        again["fixes"]["applied"],
        serde_json::json!([]),
        "a second --fix changes nothing"
    );
}

#[test]
fn fix_puts_the_root_inside_the_apps_query_client_provider_and_shares_its_client() {
    let dir = materialise("ww201-next-query-provider-file-without-root");
    let (report, exit) = verify_json(dir.path(), &["--fix"], &[]);
    assert_eq!(exit, 0, "{report:#}");
    let providers = std::fs::read_to_string(dir.path().join("app/providers.tsx")).unwrap();
    let root = providers
        .find("<WorkOsWidgets queryClient={queryClient}>{children}</WorkOsWidgets>")
        .unwrap_or_else(|| panic!("{providers}"));
    let opening = providers.find("<QueryClientProvider").unwrap();
    let closing = providers.find("</QueryClientProvider>").unwrap();
    assert!(opening < root && root < closing, "{providers}");
    let layout = std::fs::read_to_string(dir.path().join("app/layout.tsx")).unwrap();
    assert!(!layout.contains("WorkOsWidgets"), "{layout}");
    let (again, _) = verify_json(dir.path(), &["--fix"], &[]);
    assert_eq!(
        again["fixes"]["applied"],
        serde_json::json!([]),
        "{again:#}"
    );
}

#[test]
fn fix_repairs_scopes_loading_and_gitignore() {
    for slug in [
        "ww403-scope-typo",
        "ww404-scope-missing",
        "ww305-loading-count-missing",
        "ww504-env-file-not-ignored",
        "ww302-access-token-prop",
        "ww203-stylesheet-missing",
        "ww201-widget-outside-root",
        "ww201-next-pages-without-root",
        "ww201-next-app-without-root",
        "ww202-providers-without-root",
        "ww201-render-branch-unwrapped",
    ] {
        let dir = materialise(slug);
        let (report, exit) = verify_json(dir.path(), &["--fix"], &[]);
        assert_eq!(codes(&report), Vec::<String>::new(), "{slug}: {report:#}");
        assert_eq!(exit, 0, "{slug}");
        assert!(
            !report["fixes"]["applied"].as_array().unwrap().is_empty(),
            "{slug}"
        );
    }
    let dir = materialise("ww201-next-app-without-root");
    verify_json(dir.path(), &["--fix"], &[]);
    let layout = std::fs::read_to_string(dir.path().join("app/layout.tsx")).unwrap();
    assert!(
        layout.contains("<body>\n        <WorkOsWidgets>{children}</WorkOsWidgets>\n      </body>"),
        "{layout}"
    );
    let dir = materialise("ww201-render-branch-unwrapped");
    verify_json(dir.path(), &["--fix"], &[]);
    let main = std::fs::read_to_string(dir.path().join("src/main.tsx")).unwrap();
    assert_eq!(main.matches("<WorkOsWidgets>").count(), 2, "{main}");
    let dir = materialise("ww403-scope-typo");
    verify_json(dir.path(), &["--fix"], &[]);
    let handler = std::fs::read_to_string(dir.path().join("server/token-handler.ts")).unwrap();
    assert!(
        handler.contains("['widgets:users-table:manage'] as const"),
        "{handler}"
    );
}

/// A fresh Vite app (TypeScript or JavaScript), set up by `init --no-install`
/// with `widgets`, then "installed" as `npm install` would.
fn init_then_verify(ts: bool, widgets: &str, strategy: &str, extra_deps: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let (script, component) = if ts { ("ts", "tsx") } else { ("js", "jsx") };
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    let typescript = if ts {
        r#", "typescript": "~5.9.0""#
    } else {
        ""
    };
    std::fs::write(
        dir.path().join("package.json"),
        format!(
            r#"{{ "name": "fresh", "type": "module", "scripts": {{ "build": "vite build" }},
  "dependencies": {{ "react": "^19.2.0", "react-dom": "^19.2.0"{extra_deps} }},
  "devDependencies": {{ "vite": "^8.0.0"{typescript} }} }}
"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        format!("<div id=\"root\"></div><script type=\"module\" src=\"/src/main.{component}\"></script>\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".gitignore"), "node_modules\n").unwrap();
    std::fs::write(
        dir.path().join(format!("vite.config.{script}")),
        "import { defineConfig } from 'vite'\n\nexport default defineConfig({\n  plugins: [],\n})\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("src/index.css"), "body { margin: 0 }\n").unwrap();
    std::fs::write(
        dir.path().join(format!("src/main.{component}")),
        format!("import {{ StrictMode }} from 'react'\nimport {{ createRoot }} from 'react-dom/client'\nimport './index.css'\nimport App from './App.{component}'\n\ncreateRoot(document.getElementById('root')).render(\n  <StrictMode>\n    <App />\n  </StrictMode>,\n)\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(format!("src/App.{component}")),
        "export default function App() {\n  return <h1>Hello</h1>\n}\n",
    )
    .unwrap();
    install_declared(dir.path());
    let init = run(
        dir.path(),
        &[
            "init",
            ".",
            "--widgets",
            widgets,
            "--token-strategy",
            strategy,
            "-y",
            "--no-install",
        ],
        &[],
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    install_declared(dir.path());
    let (report, exit) = verify_json(dir.path(), &[], &[]);
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert_eq!(exit, 0);
    report
}

#[test]
fn apps_init_generated_verify_without_errors() {
    let all = "user-profile,user-security,user-sessions,users-management,organization-switcher,pipes,pipes-admin,admin-portal-sso-connection,admin-portal-domain-verification,admin-portal-audit-log-streaming,api-keys,directory-sync";
    for ts in [true, false] {
        let report = init_then_verify(ts, all, "backend", "");
        // Only warnings: no key in this environment, and the generated
        // development identity resolver.
        assert_eq!(codes(&report), ["WW506", "WW601"], "ts={ts}: {report:#}");
    }
    let authkit = r#", "@workos-inc/authkit-react": "^0.16.2""#;
    let report = init_then_verify(
        true,
        "user-profile,users-management,organization-switcher",
        "authkit",
        authkit,
    );
    assert_eq!(
        codes(&report),
        ["WW601"],
        "only WORKOS_CLIENT_ID missing: {report:#}"
    );
}

/// The requests a mock server received: head and JSON body.
type Requests = Arc<Mutex<Vec<(String, Value)>>>;

/// A one-shot-per-connection HTTP server on 127.0.0.1 answering each
/// request with `respond(body)`, recording the requests.
fn mock_server(respond: impl Fn(&Value) -> (u16, String) + Send + 'static) -> (String, Requests) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = Vec::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                head.push(line);
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            record.lock().unwrap().push((head.join(""), json.clone()));
            let (status, reply) = respond(&json);
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
                reply.len()
            );
        }
    });
    (url, seen)
}

fn online(slug: &str, status: u16, body: &str) -> (Value, i32, Vec<(String, Value)>) {
    let body = body.to_owned();
    let (url, seen) = mock_server(move |_| (status, body.clone()));
    let dir = materialise(slug);
    let (report, exit) = verify_json(
        dir.path(),
        &[
            "--online",
            "--organization-id",
            "org_test",
            "--user-id",
            "user_test",
        ],
        &[("WORKOS_API_BASE_URL", &url)],
    );
    let requests = seen.lock().unwrap().clone();
    (report, exit, requests)
}

#[test]
fn online_mints_a_token() {
    let (report, exit, requests) = online("ok-vite", 200, r#"{"token":"eyJhbGciOi.payload.sig"}"#);
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(report["online"]["token_length"], 22);
    assert_eq!(
        report["online"]["scopes"],
        serde_json::json!(["widgets:users-table:manage"])
    );
    let (head, body) = &requests[0];
    assert!(head.starts_with("POST /widgets/token HTTP/1.1"), "{head}");
    assert!(
        head.contains("Bearer sk_test_fixture0000000000"),
        "the key from .env.local"
    );
    assert_eq!(
        body,
        &serde_json::json!({"organization_id": "org_test", "user_id": "user_test", "scopes": ["widgets:users-table:manage"]})
    );
    assert!(
        !report.to_string().contains("eyJhbGciOi"),
        "the token is never printed"
    );
}

#[test]
fn online_maps_each_error_status() {
    for (status, code, says) in [
        (401, "WW801", "rejected WORKOS_API_KEY"),
        (
            403,
            "WW802",
            "lacks the permission for widgets:users-table:manage",
        ),
        (404, "WW803", "organization org_test was not found"),
        (422, "WW804", "(\"Invalid scope\")"),
        (500, "WW805", "answered 500"),
    ] {
        let (report, exit, _) = online("ok-vite", status, r#"{"message":"Invalid scope"}"#);
        assert_eq!(exit, 1, "{status}");
        assert_eq!(codes(&report), [code], "{status}: {report:#}");
        let message = report["findings"][0]["message"].as_str().unwrap();
        assert!(message.contains(says), "{status}: {message}");
    }
}

#[test]
fn online_names_the_denied_scopes() {
    let (url, seen) = mock_server(|body| {
        let scopes = body["scopes"].as_array().unwrap();
        if scopes.iter().any(|s| s == "widgets:sso:manage") {
            (403, r#"{"message":"forbidden"}"#.to_owned())
        } else {
            (200, r#"{"token":"t"}"#.to_owned())
        }
    });
    let dir = materialise("ww405-scope-unneeded");
    let (report, _) = verify_json(
        dir.path(),
        &["--online", "--organization-id", "org_test"],
        &[("WORKOS_API_BASE_URL", &url)],
    );
    let online = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "WW802")
        .unwrap();
    let message = online["message"].as_str().unwrap();
    assert!(
        message.ends_with("lacks the permission for widgets:sso:manage"),
        "{message}"
    );
    assert_eq!(online["help"], "add it in the WorkOS Dashboard > Roles");
    assert_eq!(
        seen.lock().unwrap().len(),
        3,
        "one request, then one per scope"
    );
}

#[test]
fn online_without_a_key_says_so() {
    let dir = materialise("ww601-env-missing");
    let (report, exit) = verify_json(
        dir.path(),
        &["--online", "--organization-id", "org_test"],
        &[],
    );
    assert_eq!(exit, 1);
    assert!(codes(&report).contains(&"WW805".to_owned()), "{report:#}");
}

#[test]
fn hook_install_writes_a_git_hook() {
    let dir = materialise("ok-vite");
    git(dir.path(), &["init", "-q"]);
    let output = run(dir.path(), &["hook", "install"], &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let hook = std::fs::read_to_string(dir.path().join(".git/hooks/pre-commit")).unwrap();
    assert!(
        hook.contains("exec workos-widgets verify --staged\n"),
        "{hook}"
    );
}

/// An app whose `QueryClientProvider` sits in a providers component that a
/// `createBrowserRouter` layout route renders around `<Outlet />` (no App
/// file; create-vite 6's tsconfig.node.json without Node types): `init`
/// puts `<WorkOsWidgets>` inside that provider sharing its client, the
/// styles before the first local import of the entry, declares
/// `@types/node`, plans nothing on a second run, and `verify` finds no
/// error; a widget in a child route is covered by the layout's root.
#[test]
fn layout_route_app_set_up_by_init_verifies_clean() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/vite-layout-route"),
        dir.path(),
    );
    install_declared(dir.path());
    let args = [
        "init",
        ".",
        "--widgets",
        "user-profile",
        "-y",
        "--no-install",
        "--json",
    ];
    let init = run(dir.path(), &args, &[]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let plan: Value = serde_json::from_slice(&init.stdout).unwrap();
    let steps = plan["next_steps"].to_string();
    assert!(
        steps.contains("e.g. in src/main.tsx: import { UserProfileWidget } from './workos/UserProfileWidget.tsx'"),
        "with no App file the hint imports relative to a real file: {steps}"
    );
    let read = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();
    let providers = read("src/routes/providers.tsx");
    assert!(
        providers.contains("<WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>"),
        "{providers}"
    );
    assert!(
        providers.contains("from '../workos/api-options.ts'"),
        "{providers}"
    );
    let main = read("src/main.tsx");
    assert!(
        main.contains(
            "import '@workos-inc/widgets/styles.css'\nimport RootLayout from './routes/root.tsx'"
        ),
        "the styles come before the layout route, which imports root.css: {main}"
    );
    assert!(!main.contains("WorkOsWidgets"), "{main}");
    let package: Value = serde_json::from_str(&read("package.json")).unwrap();
    assert!(
        package["devDependencies"]["@types/node"].is_string(),
        "tsconfig.node.json type-checks vite.config.ts: {package:#}"
    );
    install_declared(dir.path());
    std::fs::write(
        dir.path().join("src/routes/home.tsx"),
        "import { UserProfileWidget } from '../workos/UserProfileWidget.tsx'\n\nexport default function Home() {\n  return <UserProfileWidget />\n}\n",
    )
    .unwrap();
    let again = run(dir.path(), &args, &[]);
    let plan: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(plan["changes"], 0, "{plan:#}");
    let detect = run(dir.path(), &["detect", ".", "--json"], &[]);
    let model: Value = serde_json::from_slice(&detect.stdout).unwrap();
    assert_eq!(
        model["providers"]["workos_widgets"]["file"], "src/routes/providers.tsx",
        "{model:#}"
    );
    let (report, exit) = verify_json(dir.path(), &[], &[]);
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert_eq!(exit, 0);
}

/// Every app under `fixtures/` (outside `verify/`), found by its package.json.
fn plain_fixture_apps(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.join("package.json").is_file() {
        out.push(dir.to_path_buf());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for entry in entries {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if name != "verify" && name != "node_modules" && !name.starts_with('.') {
            plain_fixture_apps(&entry, out);
        }
    }
}

/// What detection and the verifier's scan say about one app, where they
/// disagree on the file holding `<WorkOsWidgets>` or `QueryClientProvider`.
fn disagreements(name: &str, dir: &Path) -> Vec<String> {
    use workos_widgets_verifier::facts::JsxKind;
    use workos_widgets_verifier::scan::{Selection, scan};
    let Ok(project) = workos_widgets_core::detect::detect(dir) else {
        return Vec::new(); // no project: neither has an opinion
    };
    let providers = project.providers.clone();
    let facts = scan(project, &Selection::All);
    let mut found = Vec::new();
    for (what, detected, kind) in [
        ("root", &providers.workos_widgets, JsxKind::Root),
        (
            "QueryClientProvider",
            &providers.query_client_provider,
            JsxKind::QueryClientProvider,
        ),
    ] {
        let scanned: Vec<&Path> = facts
            .files
            .iter()
            .filter(|f| f.jsx.iter().any(|e| e.kind == kind))
            .map(|f| f.path.as_path())
            .collect();
        let in_root_files = facts
            .root_files()
            .any(|f| f.jsx.iter().any(|e| e.kind == kind));
        match detected {
            Some(used) if !scanned.contains(&used.file.as_path()) => found.push(format!(
                "{name}: detect puts the {what} in {}, verify in {scanned:?}",
                used.file.display()
            )),
            None if in_root_files => found.push(format!(
                "{name}: verify sees the {what} in an app root file ({scanned:?}), detect sees none"
            )),
            _ => {}
        }
    }
    // Wrappers: a root that detect (and so init) takes as covering the page
    // in an app root file leaves no widget that the render graph proves
    // unwrapped; one it takes as partial leaves one.
    let unwrapped = workos_widgets_verifier::render_roots::unwrapped_widgets(&facts);
    if let Some(root) = &providers.workos_widgets {
        let in_root_file = facts.root_paths.contains(&root.file);
        if in_root_file && root.wraps_slot && !root.partial && !unwrapped.is_empty() {
            found.push(format!(
                "{name}: detect says the root in {} covers the page, verify proves {} widget(s) outside it",
                root.file.display(),
                unwrapped.len()
            ));
        }
        if root.partial && unwrapped.is_empty() {
            found.push(format!(
                "{name}: detect says the root in {} covers one branch only, verify proves nothing outside it",
                root.file.display()
            ));
        }
    }
    found
}

/// `detect` (and so `init`) and `verify` read the same app the same way:
/// on every fixture, where both have an opinion, they agree on which file
/// holds the `<WorkOsWidgets>` root and which the `QueryClientProvider`,
/// and on whether an app root file's root covers every branch of the page
/// (the render graph's proof).
#[test]
fn detect_and_verify_agree_on_roots_and_providers() {
    let mut wrong = Vec::new();
    let mut apps = Vec::new();
    plain_fixture_apps(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut apps,
    );
    assert!(apps.len() > 5, "found the fixture apps: {apps:?}");
    for app in &apps {
        wrong.extend(disagreements(&app.display().to_string(), app));
    }
    let mut slugs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    for slug in &slugs {
        let dir = materialise(slug);
        wrong.extend(disagreements(slug, dir.path()));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A pnpm-style monorepo: the Vite base app in `apps/web` (its own
/// `main.tsx` without a root) and a UI package in `packages/ui` linked into
/// the app's `node_modules`, with `files` written into the package.
fn monorepo(app_files: &[(&str, &str)], package_files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path();
    std::fs::write(
        workspace.join("pnpm-workspace.yaml"),
        "packages:\n  - apps/*\n  - packages/*\n",
    )
    .unwrap();
    let app = workspace.join("apps/web");
    std::fs::create_dir_all(&app).unwrap();
    copy_tree(&fixtures().join("_base-vite"), &app);
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(app.join("package.json")).unwrap()).unwrap();
    manifest["dependencies"]["@acme/ui"] = "workspace:*".into();
    std::fs::write(app.join("package.json"), manifest.to_string()).unwrap();
    install_declared(&app);
    for (path, text) in app_files {
        std::fs::write(app.join(path), text).unwrap();
    }
    let ui = workspace.join("packages/ui");
    std::fs::create_dir_all(ui.join("src")).unwrap();
    std::fs::write(
        ui.join("package.json"),
        r#"{ "name": "@acme/ui", "private": true, "exports": { ".": "./src/index.ts" } }"#,
    )
    .unwrap();
    for (path, text) in package_files {
        std::fs::write(ui.join(path), text).unwrap();
    }
    std::fs::create_dir_all(app.join("node_modules/@acme")).unwrap();
    std::os::unix::fs::symlink(&ui, app.join("node_modules/@acme/ui")).unwrap();
    dir
}

const BARE_MAIN: &str = "import { createRoot } from 'react-dom/client'\nimport '@radix-ui/themes/styles.css'\nimport '@workos-inc/widgets/styles.css'\nimport App from './App'\n\ncreateRoot(document.getElementById('root')!).render(<App />)\n";

/// Issue 18: widgets rendered in a workspace package the app imports are
/// checked (here: `accessToken` instead of `authToken`, WW302), and the
/// render graph follows the app into the package: a root that the package
/// provides covers the app's widgets, a package component rendered with no
/// root anywhere is proven unwrapped (WW201, with the path).
#[test]
fn widgets_and_roots_in_a_workspace_package_are_followed() {
    let team = "import { UsersManagement } from '@workos-inc/widgets'\n\nexport function Team({ token }: { token: string }) {\n  return <UsersManagement accessToken={token} />\n}\n";
    let root = "import type { ReactNode } from 'react'\nimport { WorkOsWidgets } from '@workos-inc/widgets'\n\nexport function WidgetsRoot({ children }: { children: ReactNode }) {\n  return <WorkOsWidgets>{children}</WorkOsWidgets>\n}\n";
    let index = "export { Team } from './Team'\nexport { WidgetsRoot } from './WidgetsRoot'\n";
    let package = [
        ("src/Team.tsx", team),
        ("src/WidgetsRoot.tsx", root),
        ("src/index.ts", index),
    ];
    let covered = "import { UsersManagement } from '@workos-inc/widgets'\nimport { WidgetsRoot } from '@acme/ui'\nimport { fetchWidgetsToken } from './widgets-token'\n\nexport default function App() {\n  return (\n    <WidgetsRoot>\n      <UsersManagement authToken={fetchWidgetsToken} />\n    </WidgetsRoot>\n  )\n}\n";
    let dir = monorepo(
        &[("src/main.tsx", BARE_MAIN), ("src/App.tsx", covered)],
        &package,
    );
    let app = dir.path().join("apps/web");
    let (report, _) = verify_json(&app, &[], &[]);
    let findings = report["findings"].as_array().unwrap();
    assert!(
        !findings.iter().any(|f| f["code"] == "WW201"),
        "the package's root covers the app's widget: {report:#}"
    );
    let bare = "import { Team } from '@acme/ui'\n\nexport default function App() {\n  return <Team token=\"t\" />\n}\n";
    let dir = monorepo(
        &[("src/main.tsx", BARE_MAIN), ("src/App.tsx", bare)],
        &package,
    );
    let app = dir.path().join("apps/web");
    let (report, exit) = verify_json(&app, &[], &[]);
    assert_eq!(exit, 1);
    let at = |code: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {report:#}"))
            .clone()
    };
    assert_eq!(at("WW302")["file"], "node_modules/@acme/ui/src/Team.tsx");
    let unwrapped = at("WW201");
    assert_eq!(unwrapped["file"], "node_modules/@acme/ui/src/Team.tsx");
    assert!(
        unwrapped["message"]
            .as_str()
            .unwrap()
            .contains("App (src/App.tsx) > Team (node_modules/@acme/ui/src/Team.tsx)"),
        "{unwrapped:#}"
    );
}

/// `init` agrees with `verify` on a root around one branch of the page:
/// detect marks it partial, and init, which leaves an existing root alone,
/// says what to move (verify reports the bare branch as WW201).
#[test]
fn init_warns_about_a_root_around_one_branch_that_verify_reports() {
    let dir = materialise("ww201-vite-bare-children-branch");
    let detect = run(dir.path(), &["detect", ".", "--json"], &[]);
    let model: Value = serde_json::from_slice(&detect.stdout).unwrap();
    assert_eq!(
        model["providers"]["workos_widgets"]["partial"], true,
        "{model:#}"
    );
    let init = run(
        dir.path(),
        &[
            "init",
            ".",
            "--widgets",
            "users-management",
            "--dry-run",
            "--no-install",
            "--yes",
            "--json",
        ],
        &[],
    );
    let plan: Value = serde_json::from_slice(&init.stdout).unwrap();
    assert!(
        plan["warnings"]
            .to_string()
            .contains("around only some of the branches"),
        "{plan:#}"
    );
}
