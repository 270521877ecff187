//! `workos-widgets hook install`: runs `verify --staged` before each commit,
//! through the hook manager the repository already uses (husky, lefthook,
//! the pre-commit framework) or else a plain `.git/hooks/pre-commit`.
//! Idempotent: a second install changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::VerifyError;

/// Marks what we installed.
const MARKER: &str = "workos-widgets verify";

/// Where the hook went.
#[derive(Debug, Clone, Serialize)]
pub struct Installed {
    /// `husky`, `lefthook`, `pre-commit` or `git`.
    pub manager: &'static str,
    pub file: PathBuf,
    /// False when the hook was already there.
    pub changed: bool,
    /// The command the hook runs.
    pub command: String,
}

/// Installs the pre-commit hook for the project at `project_root`.
pub fn install(project_root: &Path) -> Result<Installed, VerifyError> {
    let repo = project_root
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .ok_or_else(|| VerifyError::Hook {
            path: project_root.to_path_buf(),
            message: "not inside a git repository".to_owned(),
            hint: "run `git init` first, or pass the app's path inside a repository".to_owned(),
        })?;
    let relative = project_root.strip_prefix(repo).unwrap_or(Path::new(""));
    let command = hook_command(relative, installed_through_npm(project_root));
    if repo.join(".husky").is_dir() {
        let file = repo.join(".husky/pre-commit");
        let changed = append_line(&file, &command, "")?;
        return Ok(Installed {
            manager: "husky",
            file,
            changed,
            command,
        });
    }
    for name in [
        "lefthook.yml",
        "lefthook.yaml",
        ".lefthook.yml",
        ".lefthook.yaml",
    ] {
        let file = repo.join(name);
        if file.is_file() {
            let changed = edit_yaml(&file, |text| lefthook(text, &command))?;
            return Ok(Installed {
                manager: "lefthook",
                file,
                changed,
                command,
            });
        }
    }
    let file = repo.join(".pre-commit-config.yaml");
    if file.is_file() {
        let changed = edit_yaml(&file, |text| pre_commit(text, &command))?;
        return Ok(Installed {
            manager: "pre-commit",
            file,
            changed,
            command,
        });
    }
    let file = git_hooks_dir(project_root)?.join("pre-commit");
    let changed = append_line(
        &file,
        &format!("exec {command}"),
        "#!/bin/sh\n# Installed by `workos-widgets hook install`.\n",
    )?;
    Ok(Installed {
        manager: "git",
        file,
        changed,
        command,
    })
}

/// `workos-widgets verify --staged [PATH]`, PATH relative to the repository.
/// When the project has the npm package (`npm_package`), the hook runs it
/// with `npx --no-install` from the project's `node_modules` (`--prefix
/// PATH` for an app below the repository root, since hooks run at the
/// root), so it works without Rust or a global install and never
/// downloads anything; otherwise the bare command from `PATH`.
fn hook_command(relative: &Path, npm_package: bool) -> String {
    let path = crate::finding::display_path(relative);
    let quoted = if path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        path.clone()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    };
    let program = match (npm_package, path.is_empty()) {
        (false, _) => String::new(),
        (true, true) => "npx --no-install ".to_owned(),
        (true, false) => format!("npx --no-install --prefix {quoted} "),
    };
    if path.is_empty() {
        format!("{program}{MARKER} --staged")
    } else {
        format!("{program}{MARKER} --staged {quoted}")
    }
}

/// Whether the project uses the `workos-widgets` npm package: declared in
/// its package.json or installed in its `node_modules`.
fn installed_through_npm(project_root: &Path) -> bool {
    if project_root
        .join("node_modules/workos-widgets/package.json")
        .is_file()
    {
        return true;
    }
    let Ok(text) = std::fs::read_to_string(project_root.join("package.json")) else {
        return false;
    };
    let Ok(manifest) =
        serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
    else {
        return false;
    };
    ["dependencies", "devDependencies", "optionalDependencies"]
        .iter()
        .any(|table| {
            manifest
                .get(table)
                .and_then(|t| t.get("workos-widgets"))
                .is_some()
        })
}

fn git_hooks_dir(project_root: &Path) -> Result<PathBuf, VerifyError> {
    let output = Command::new("git")
        .args(["rev-parse", "--git-path", "hooks"])
        .current_dir(project_root)
        .output()
        .map_err(|e| VerifyError::Git {
            dir: project_root.to_path_buf(),
            message: e.to_string(),
        })?;
    if !output.status.success() {
        return Err(VerifyError::Git {
            dir: project_root.to_path_buf(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    let hooks = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    Ok(if hooks.is_absolute() {
        hooks
    } else {
        project_root.join(hooks)
    })
}

/// Adds `line` to a shell hook (created with `header` when absent) and
/// makes it executable. False when the hook already runs verify. An
/// existing hook gets the check as its first command (`cmd || exit $?`),
/// so whatever the hook does after it (an `exit 0`, a final `false`) keeps
/// its meaning; a hook in another language is refused with instructions.
fn append_line(file: &Path, line: &str, header: &str) -> Result<bool, VerifyError> {
    let existing = match std::fs::read_to_string(file) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(hook_error(file, &e)),
    };
    if existing.as_deref().is_some_and(|t| t.contains(MARKER)) {
        return Ok(false);
    }
    let text = match existing {
        None => format!("{header}{line}\n"),
        Some(existing) => {
            let command = line.strip_prefix("exec ").unwrap_or(line);
            chain_first(&existing, command).map_err(|interpreter| VerifyError::Hook {
                path: file.to_path_buf(),
                message: format!(
                    "this hook runs with {interpreter}, not a POSIX shell: a shell line added to it would break it"
                ),
                hint: format!(
                    "call `{command}` from your hook yourself and stop the commit when it exits non-zero"
                ),
            })?
        }
    };
    write(file, &text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| hook_error(file, &e))?;
    }
    Ok(true)
}

/// `hook` with `command || exit $?` as its first command: after the
/// shebang, leading comments and husky's own bootstrap line. `Err` names
/// the interpreter of a hook that is not a shell script.
fn chain_first(hook: &str, command: &str) -> Result<String, String> {
    let mut lines: Vec<&str> = hook.lines().collect();
    if let Some(interpreter) = lines
        .first()
        .and_then(|l| l.strip_prefix("#!"))
        .map(str::trim)
        .filter(|i| !is_posix_shell(i))
    {
        return Err(interpreter.to_owned());
    }
    let at = lines
        .iter()
        .position(|l| {
            let l = l.trim();
            !(l.is_empty() || l.starts_with('#') || l.contains("husky.sh"))
        })
        .unwrap_or(lines.len());
    let check = format!("{command} || exit $?");
    lines.insert(at, &check);
    let newline = if hook.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = lines.iter().map(|l| l.trim_end_matches('\r')).collect();
    Ok(lines.join(newline) + newline)
}

/// Whether a shebang's interpreter runs shell scripts.
fn is_posix_shell(interpreter: &str) -> bool {
    let mut words = interpreter.split_whitespace();
    let program = words.next().unwrap_or_default();
    let program = if program.ends_with("/env") {
        words.find(|w| !w.starts_with('-')).unwrap_or_default()
    } else {
        program
    };
    let name = program.rsplit('/').next().unwrap_or(program);
    matches!(name, "sh" | "bash" | "dash" | "zsh" | "ksh" | "ash")
}

fn edit_yaml(
    file: &Path,
    edit: impl Fn(&str) -> Result<Option<String>, String>,
) -> Result<bool, VerifyError> {
    let text = std::fs::read_to_string(file).map_err(|e| hook_error(file, &e))?;
    match edit(&text) {
        Ok(Some(new)) => write(file, &new).map(|()| true),
        Ok(None) => Ok(false),
        Err(snippet) => Err(VerifyError::Hook {
            path: file.to_path_buf(),
            message: "cannot find where to add the hook in this file's layout".to_owned(),
            hint: format!("add this yourself:\n{snippet}"),
        }),
    }
}

/// Adds a lefthook `pre-commit` command.
fn lefthook(text: &str, command: &str) -> Result<Option<String>, String> {
    if text.contains(MARKER) {
        return Ok(None);
    }
    let block = format!("pre-commit:\n  commands:\n    workos-widgets:\n      run: {command}\n");
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim_end() == "pre-commit:") else {
        let mut out = text.to_owned();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&block);
        return Ok(Some(out));
    };
    let commands = lines[start + 1..]
        .iter()
        .take_while(|l| l.is_empty() || l.starts_with(char::is_whitespace))
        .position(|l| l.trim_end().ends_with("commands:"))
        .map(|i| start + 1 + i)
        .ok_or(block)?;
    let unit = lines[commands].len() - lines[commands].trim_start().len();
    let child = " ".repeat(unit * 2);
    let grandchild = " ".repeat(unit * 3);
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    out.insert(commands + 1, format!("{child}workos-widgets:"));
    out.insert(commands + 2, format!("{grandchild}run: {command}"));
    Ok(Some(out.join("\n") + "\n"))
}

/// Adds a `repo: local` hook to `.pre-commit-config.yaml` (its `repos:`
/// list must be the last top-level key).
fn pre_commit(text: &str, command: &str) -> Result<Option<String>, String> {
    if text.contains(MARKER) {
        return Ok(None);
    }
    let item = |indent: &str| {
        format!(
            "{indent}- repo: local\n{indent}  hooks:\n{indent}    - id: workos-widgets-verify\n{indent}      name: workos-widgets verify\n{indent}      entry: {command}\n{indent}      language: system\n{indent}      pass_filenames: false\n"
        )
    };
    let lines: Vec<&str> = text.lines().collect();
    let repos = lines
        .iter()
        .position(|l| l.trim_end() == "repos:")
        .ok_or_else(|| format!("repos:\n{}", item("  ")))?;
    let later_key = lines[repos + 1..]
        .iter()
        .any(|l| !l.is_empty() && !l.starts_with([' ', '-', '#']));
    if later_key {
        return Err(item("  "));
    }
    let indent: String = lines[repos + 1..]
        .iter()
        .find(|l| l.trim_start().starts_with('-'))
        .map_or_else(
            || "  ".to_owned(),
            |l| l[..l.len() - l.trim_start().len()].to_owned(),
        );
    let mut out = text.to_owned();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&item(&indent));
    Ok(Some(out))
}

fn write(file: &Path, text: &str) -> Result<(), VerifyError> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| hook_error(dir, &e))?;
    }
    std::fs::write(file, text).map_err(|e| hook_error(file, &e))
}

fn hook_error(path: &Path, error: &std::io::Error) -> VerifyError {
    VerifyError::HookWrite {
        path: path.to_path_buf(),
        source: std::io::Error::new(error.kind(), error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git_repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(status.success());
        dir
    }

    #[test]
    fn installs_a_git_hook_once() {
        let repo = git_repo();
        let app = repo.path().join("apps/web");
        std::fs::create_dir_all(&app).unwrap();
        let first = install(&app).unwrap();
        assert_eq!(first.manager, "git");
        assert!(first.changed);
        let text = std::fs::read_to_string(&first.file).unwrap();
        assert!(text.starts_with("#!/bin/sh\n"), "{text}");
        assert!(
            text.contains("exec workos-widgets verify --staged apps/web\n"),
            "{text}"
        );
        assert!(
            !install(&app).unwrap().changed,
            "second install changes nothing"
        );
    }

    #[test]
    fn runs_the_npm_package_through_npx_when_the_project_has_it() {
        assert_eq!(
            hook_command(Path::new(""), false),
            "workos-widgets verify --staged"
        );
        assert_eq!(
            hook_command(Path::new(""), true),
            "npx --no-install workos-widgets verify --staged"
        );
        assert_eq!(
            hook_command(Path::new("apps/web"), true),
            "npx --no-install --prefix apps/web workos-widgets verify --staged apps/web"
        );
        assert_eq!(
            hook_command(Path::new("my app"), true),
            "npx --no-install --prefix 'my app' workos-widgets verify --staged 'my app'"
        );

        let repo = git_repo();
        let app = repo.path().join("apps/web");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::write(
            app.join("package.json"),
            r#"{"devDependencies": {"workos-widgets": "0.1.0"}}"#,
        )
        .unwrap();
        let installed = install(&app).unwrap();
        let text = std::fs::read_to_string(&installed.file).unwrap();
        assert!(
            text.contains(
                "exec npx --no-install --prefix apps/web workos-widgets verify --staged apps/web\n"
            ),
            "{text}"
        );
        assert!(
            !install(&app).unwrap().changed,
            "second install changes nothing"
        );
    }

    #[test]
    fn chains_first_into_husky() {
        let repo = git_repo();
        std::fs::create_dir(repo.path().join(".husky")).unwrap();
        std::fs::write(repo.path().join(".husky/pre-commit"), "npx lint-staged").unwrap();
        let installed = install(repo.path()).unwrap();
        assert_eq!(installed.manager, "husky");
        assert_eq!(
            std::fs::read_to_string(&installed.file).unwrap(),
            "workos-widgets verify --staged || exit $?\nnpx lint-staged\n"
        );
    }

    /// Runs `hook` with sh, a fake `workos-widgets` on PATH that exits
    /// `verify_exit`; the hook's exit code.
    #[cfg(unix)]
    fn run_hook(hook: &str, verify_exit: i32) -> i32 {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("workos-widgets");
        std::fs::write(&fake, format!("#!/bin/sh\nexit {verify_exit}\n")).unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = format!(
            "{}:{}",
            dir.path().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new("sh")
            .args(["-c", hook])
            .env("PATH", path)
            .status()
            .unwrap()
            .code()
            .unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn never_weakens_an_existing_hook() {
        let command = "workos-widgets verify --staged";
        for (hook, expect_pass, expect_fail) in [
            // A hook that ends in `false` keeps blocking every commit.
            ("#!/bin/sh\necho checking\nfalse\n", 1, 1),
            // One that ends in `exit 0` still runs the check first.
            ("#!/bin/sh\n# my hook\nexit 0\n", 0, 1),
            ("#!/usr/bin/env bash\ntrue\n", 0, 1),
        ] {
            let chained = chain_first(hook, command).unwrap();
            assert_eq!(run_hook(&chained, 0), expect_pass, "{chained}");
            assert_eq!(run_hook(&chained, 1), expect_fail, "{chained}");
        }
        let err = chain_first("#!/usr/bin/env python3\nimport sys\n", command).unwrap_err();
        assert_eq!(err, "/usr/bin/env python3");
        assert!(chain_first("#!/usr/bin/env -S bash -e\ntrue\n", command).is_ok());
    }

    #[test]
    fn refuses_a_hook_in_another_language() {
        let repo = git_repo();
        let hooks = git_hooks_dir(repo.path()).unwrap();
        std::fs::create_dir_all(&hooks).unwrap();
        let python = "#!/usr/bin/env python3\nimport sys\nsys.exit(0)\n";
        std::fs::write(hooks.join("pre-commit"), python).unwrap();
        let err = install(repo.path()).unwrap_err().to_string();
        assert!(err.contains("python3"), "{err}");
        assert_eq!(
            std::fs::read_to_string(hooks.join("pre-commit")).unwrap(),
            python
        );
    }

    #[test]
    fn edits_lefthook_config() {
        let existing = "pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n";
        let out = lefthook(existing, "workos-widgets verify --staged")
            .unwrap()
            .unwrap();
        assert_eq!(
            out,
            "pre-commit:\n  commands:\n    workos-widgets:\n      run: workos-widgets verify --staged\n    lint:\n      run: npm run lint\n"
        );
        assert!(lefthook(&out, "x").unwrap().is_none());
        let fresh = lefthook("pre-push:\n  commands: {}\n", "c")
            .unwrap()
            .unwrap();
        assert!(
            fresh.ends_with("pre-commit:\n  commands:\n    workos-widgets:\n      run: c\n"),
            "{fresh}"
        );
    }

    #[test]
    fn edits_pre_commit_config() {
        let existing = "repos:\n-   repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n    hooks:\n    -   id: trailing-whitespace\n";
        let out = pre_commit(existing, "workos-widgets verify --staged")
            .unwrap()
            .unwrap();
        assert!(out.starts_with(existing));
        assert!(out.ends_with("- repo: local\n  hooks:\n    - id: workos-widgets-verify\n      name: workos-widgets verify\n      entry: workos-widgets verify --staged\n      language: system\n      pass_filenames: false\n"), "{out}");
        assert!(pre_commit(&out, "x").unwrap().is_none());
        assert!(pre_commit("repos:\n- repo: a\nci:\n  skip: []\n", "c").is_err());
    }
}
