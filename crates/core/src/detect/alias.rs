//! The import path alias from `tsconfig.json` or `jsconfig.json`
//! (`compilerOptions.paths`, e.g. `"@/*": ["./src/*"]`, relative to
//! `compilerOptions.baseUrl`). Both files are JSON with comments.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::specifier::{self, PathAlias};

/// The project's wildcard alias: `@/*` when declared, else the first
/// `prefix/*` entry that maps into the project.
pub fn detect(root: &Path) -> Option<PathAlias> {
    let text = ["tsconfig.json", "jsconfig.json"]
        .iter()
        .find_map(|name| crate::links::read_inside(root, &root.join(name)).ok())?;
    let config: Value = serde_json::from_str(&strip_jsonc(&text)).ok()?;
    let options = config.get("compilerOptions")?;
    let base = PathBuf::from(
        options
            .get("baseUrl")
            .and_then(Value::as_str)
            .unwrap_or("."),
    );
    let aliases: Vec<PathAlias> = options
        .get("paths")?
        .as_object()?
        .iter()
        .filter_map(|(key, targets)| {
            let prefix = key.strip_suffix('*')?;
            let target = targets.as_array()?.first()?.as_str()?;
            let dir = specifier::normalize(&base.join(target.strip_suffix('*')?))?;
            Some(PathAlias {
                prefix: prefix.to_owned(),
                dir,
            })
        })
        .filter(|alias| !alias.prefix.is_empty())
        .collect();
    aliases
        .iter()
        .find(|a| a.prefix == "@/")
        .or_else(|| aliases.first())
        .cloned()
}

/// JSON with comments and trailing commas (tsconfig's dialect) as plain JSON.
pub(crate) fn strip_jsonc(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(escaped) = next {
                    out.push(escaped);
                }
                i += 1;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 1;
        } else if c == ',' && closes_after_blank(&chars[i + 1..]) {
            // A trailing comma: drop it.
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Whether only whitespace and comments stand before a `}` or `]`.
fn closes_after_blank(rest: &[char]) -> bool {
    let mut i = 0;
    while i < rest.len() {
        match (rest[i], rest.get(i + 1)) {
            (c, _) if c.is_whitespace() => i += 1,
            ('/', Some('/')) => {
                while i < rest.len() && rest[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                i += 2;
                while i < rest.len() && !(rest[i] == '*' && rest.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            (c, _) => return c == '}' || c == ']',
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias_of(config: &str) -> Option<PathAlias> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tsconfig.json"), config).unwrap();
        detect(dir.path())
    }

    #[test]
    fn reads_the_at_alias_with_comments_and_trailing_commas() {
        let config = r#"{
  // Next.js
  "compilerOptions": {
    /* "paths": {"x/*": ["./x/*"]}, */
    "paths": {
      "~/*": ["./lib/*"],
      "@/*": ["./src/*"], // app code
    },
  },
}"#;
        assert_eq!(
            alias_of(config),
            Some(PathAlias {
                prefix: "@/".to_owned(),
                dir: PathBuf::from("src"),
            })
        );
    }

    #[test]
    fn applies_base_url_and_rejects_paths_outside_the_project() {
        let config = r#"{"compilerOptions": {"baseUrl": "src", "paths": {"~/*": ["./*"]}}}"#;
        assert_eq!(alias_of(config).map(|a| a.dir), Some(PathBuf::from("src")));
        let outside = r#"{"compilerOptions": {"paths": {"@/*": ["../shared/*"]}}}"#;
        assert_eq!(alias_of(outside), None);
        assert_eq!(alias_of(r#"{"compilerOptions": {}}"#), None);
    }

    #[test]
    fn keeps_comment_markers_inside_strings() {
        assert_eq!(
            strip_jsonc(r#"{"a": "http://x/*y*/", "b": [1,],}"#),
            r#"{"a": "http://x/*y*/", "b": [1]}"#
        );
    }
}
