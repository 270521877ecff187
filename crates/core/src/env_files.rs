//! `.env` files: the WorkOS variables they hold (only ever shown masked) and
//! whether git ignores them.

use std::path::{Path, PathBuf};

/// The env files read, in Vite/Next precedence order (later wins).
pub const ENV_FILES: [&str; 2] = [".env", ".env.local"];

/// A variable found in an env file.
#[derive(Debug, Clone)]
pub struct EnvVar {
    pub file: PathBuf,
    pub line: usize,
    pub name: String,
    pub value: String,
}

/// Reads `NAME=value` lines from the project's env files.
pub fn read_vars(root: &Path) -> Vec<EnvVar> {
    let mut vars = Vec::new();
    for file in ENV_FILES {
        let Ok(text) = std::fs::read_to_string(root.join(file)) else {
            continue;
        };
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            let line = line.strip_prefix("export ").unwrap_or(line);
            if line.starts_with('#') {
                continue;
            }
            let Some((name, value)) = line.split_once('=') else {
                continue;
            };
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            vars.push(EnvVar {
                file: PathBuf::from(file),
                line: index + 1,
                name: name.trim().to_owned(),
                value: value.to_owned(),
            });
        }
    }
    vars
}

/// The effective value of `name`: the process environment first, then the
/// last env file that sets it.
pub fn lookup(vars: &[EnvVar], name: &str) -> Option<(String, String)> {
    if let Ok(value) = std::env::var(name)
        && !value.is_empty()
    {
        return Some((value, "the environment".to_owned()));
    }
    vars.iter()
        .rev()
        .find(|v| v.name == name && !v.value.is_empty())
        .map(|v| (v.value.clone(), v.file.display().to_string()))
}

/// A secret shown safely: its prefix and last four characters.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let prefix_len = value
        .match_indices('_')
        .map(|(i, _)| i + 1)
        .take(2)
        .last()
        .unwrap_or(0)
        .min(8);
    let prefix: String = chars[..prefix_len].iter().collect();
    let suffix: String = chars[chars.len() - 4..].iter().collect();
    format!("{prefix}****{suffix}")
}

/// The env files that exist or would be created and are not git-ignored.
pub fn unignored_env_files(root: &Path) -> Vec<&'static str> {
    let Some(matcher) = gitignore(root) else {
        return ENV_FILES.to_vec();
    };
    ENV_FILES
        .into_iter()
        .filter(|file| !is_ignored_by(&matcher, root, file))
        .collect()
}

/// Whether git ignores `file` (relative to `root`), e.g. `.env.example`
/// under create-next-app's `.env*` rule.
pub fn is_ignored(root: &Path, file: &str) -> bool {
    gitignore(root).is_some_and(|matcher| is_ignored_by(&matcher, root, file))
}

/// The `.gitignore` rules of `root` and its folders up to the repository root.
fn gitignore(root: &Path) -> Option<ignore::gitignore::Gitignore> {
    let mut builder = ignore::gitignore::GitignoreBuilder::new(root);
    for dir in root.ancestors() {
        let file = dir.join(".gitignore");
        if file.is_file() {
            builder.add(file);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    builder.build().ok()
}

fn is_ignored_by(matcher: &ignore::gitignore::Gitignore, root: &Path, file: &str) -> bool {
    matcher
        .matched_path_or_any_parents(root.join(file), false)
        .is_ignore()
}

/// `.gitignore` text with a commented section of `lines` appended, set off
/// from what was there by a blank line.
pub fn append_gitignore_section(before: &str, comment: &str, lines: &[&str]) -> String {
    let mut text = before.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&format!("# {comment}\n"));
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secrets() {
        assert_eq!(mask("sk_test_abcdefghijkl1234"), "sk_test_****1234");
        assert_eq!(mask("client_01ABCDEFGH"), "client_****EFGH");
        assert_eq!(mask("short"), "*****");
    }

    #[test]
    fn finds_unignored_env_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".gitignore"), "*.local\n").unwrap();
        assert_eq!(unignored_env_files(dir.path()), [".env"]);
        assert!(!is_ignored(dir.path(), ".env.example"));
        std::fs::write(dir.path().join(".gitignore"), ".env*\n").unwrap();
        assert!(unignored_env_files(dir.path()).is_empty());
        assert!(is_ignored(dir.path(), ".env.example"));
    }
}
