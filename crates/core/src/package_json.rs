//! `package.json`: parsed once, with enough of its formatting remembered to
//! write it back the way it was (key order, indentation, final newline).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::ProjectError;

/// The dependency tables, in the order they are searched.
pub const DEPENDENCY_TABLES: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
];

/// A parsed `package.json`.
#[derive(Debug, Clone)]
pub struct PackageJson {
    pub path: PathBuf,
    pub text: String,
    pub value: Value,
}

impl PackageJson {
    /// Reads and parses `dir/package.json`.
    pub fn read(dir: &Path) -> Result<Self, ProjectError> {
        let path = dir.join("package.json");
        if !path.is_file() {
            return Err(ProjectError::NoPackageJson {
                dir: dir.to_path_buf(),
            });
        }
        let bytes = std::fs::read(&path).map_err(|e| ProjectError::read(&path, e))?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..valid]);
                let (line, column) = crate::js::line_col(&prefix, prefix.len());
                return Err(ProjectError::MalformedPackageJson {
                    path,
                    line,
                    column,
                    message: format!(
                        "not valid UTF-8 (byte 0x{:02x} at offset {valid}); save it as UTF-8",
                        bytes[valid]
                    ),
                });
            }
        };
        Self::parse(path, text)
    }

    /// Parses `text` as the package.json at `path`.
    pub fn parse(path: PathBuf, text: String) -> Result<Self, ProjectError> {
        // npm accepts a UTF-8 byte order mark; so do we (and keep it).
        let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let value: Value =
            serde_json::from_str(json).map_err(|e| ProjectError::MalformedPackageJson {
                path: path.clone(),
                line: e.line(),
                column: e.column(),
                message: strip_position(&e.to_string()),
            })?;
        if !value.is_object() {
            return Err(ProjectError::MalformedPackageJson {
                path,
                line: 1,
                column: 1,
                message: "the top level must be an object".to_owned(),
            });
        }
        for table in DEPENDENCY_TABLES {
            if let Some(found) = value.get(table).filter(|v| !v.is_object()) {
                let at = text.find(&format!("\"{table}\"")).unwrap_or(0);
                let (line, column) = crate::js::line_col(&text, at);
                return Err(ProjectError::MalformedPackageJson {
                    path,
                    line,
                    column,
                    message: format!(
                        "`{table}` must be an object of package names and version ranges, not {}",
                        json_kind(found)
                    ),
                });
            }
        }
        Ok(Self { path, text, value })
    }

    /// The package's `name`.
    pub fn name(&self) -> Option<&str> {
        self.value.get("name").and_then(Value::as_str)
    }

    /// A top-level string field.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.value.get(key).and_then(Value::as_str)
    }

    /// The range a dependency is declared with, in any dependency table.
    pub fn declared(&self, package: &str) -> Option<&str> {
        self.declared_in(package).map(|(_, range)| range)
    }

    /// The first dependency table that declares `package`, and the range
    /// it is declared with there.
    pub fn declared_in(&self, package: &str) -> Option<(&'static str, &str)> {
        DEPENDENCY_TABLES.iter().find_map(|table| {
            self.value
                .get(table)
                .and_then(|t| t.get(package))
                .and_then(Value::as_str)
                .map(|range| (*table, range))
        })
    }

    /// Whether `scripts.<name>` exists.
    pub fn has_script(&self, name: &str) -> bool {
        self.value
            .get("scripts")
            .and_then(|s| s.get(name))
            .is_some()
    }

    /// The text of this package.json with `additions` added to
    /// `dependencies` (created at the end when absent), keeping key order,
    /// indentation and the final newline.
    pub fn with_dependencies(&self, additions: &[(String, String)]) -> String {
        self.with_tables(&[("dependencies", additions)])
    }

    /// Like [`PackageJson::with_dependencies`], for several tables at once
    /// (`dependencies`, `devDependencies`); empty additions are skipped.
    /// The smallest text edit ([`crate::json_edit::declare`]) when the file's
    /// layout can be followed, else a re-serialization.
    pub fn with_tables(&self, tables: &[(&str, &[(String, String)])]) -> String {
        let minimal = tables
            .iter()
            .try_fold(self.text.clone(), |text, (table, additions)| {
                crate::json_edit::declare(&text, table, additions)
            });
        if let Some(text) = minimal {
            return text;
        }
        let mut value = self.value.clone();
        let Some(root) = value.as_object_mut() else {
            return self.text.clone();
        };
        for (name, additions) in tables {
            if additions.is_empty() {
                continue;
            }
            let table = root
                .entry(*name)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(table) = table.as_object_mut() {
                for (name, range) in *additions {
                    table.insert(name.clone(), Value::String(range.clone()));
                }
                sort_keys(table);
            }
        }
        self.serialize(&value)
    }

    fn serialize(&self, value: &Value) -> String {
        let indent = detect_indent(&self.text);
        let mut out = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
        if serde::Serialize::serialize(value, &mut serializer).is_err() {
            return self.text.clone();
        }
        let mut text = String::from_utf8(out).unwrap_or_else(|_| self.text.clone());
        if self.text.ends_with('\n') {
            text.push('\n');
        }
        if self.text.starts_with('\u{feff}') {
            text.insert(0, '\u{feff}');
        }
        crate::line_endings::keep_line_endings(&self.text, text)
    }
}

/// The lowest version a simple range (`^8.13.0`, `~9.1`, `>=7`, `8`) allows.
pub fn minimum_of_range(range: &str) -> Option<semver::Version> {
    let bare = range
        .trim()
        .trim_start_matches(['^', '~', '>', '=', 'v', ' '])
        .split([' ', '|', '<'])
        .next()?;
    let mut parts = bare.split('.').map(str::parse::<u64>);
    let major = parts.next()?.ok()?;
    let minor = parts.next().and_then(Result::ok).unwrap_or(0);
    let patch = parts.next().and_then(Result::ok).unwrap_or(0);
    Some(semver::Version::new(major, minor, patch))
}

/// What a JSON value is, for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// npm keeps dependency tables sorted; so do we when we add to one.
fn sort_keys(table: &mut Map<String, Value>) {
    let mut entries: Vec<(String, Value)> = std::mem::take(table).into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    table.extend(entries);
}

fn detect_indent(text: &str) -> String {
    text.lines()
        .skip(1)
        .find(|line| !line.trim().is_empty())
        .map(|line| {
            let width = line.len() - line.trim_start().len();
            line[..width].to_owned()
        })
        .filter(|indent| !indent.is_empty())
        .unwrap_or_else(|| "  ".to_owned())
}

/// `serde_json` appends " at line L column C"; we print the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_byte_order_mark_and_keeps_it() {
        let text = "\u{feff}{\n  \"name\": \"a\",\n  \"dependencies\": {}\n}\n".to_owned();
        let package = PackageJson::parse("package.json".into(), text).unwrap();
        assert_eq!(package.name(), Some("a"));
        let out = package.with_dependencies(&[("b".to_owned(), "^1.0.0".to_owned())]);
        assert!(out.starts_with("\u{feff}{\n"), "{out:?}");
        assert!(out.contains("\"b\": \"^1.0.0\""), "{out}");
    }

    #[test]
    fn names_the_position_of_a_non_utf8_byte_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            b"{\n  \"name\": \"caf\xe9\"\n}\n",
        )
        .unwrap();
        let err = PackageJson::read(dir.path()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("package.json:2:15: package.json is not valid JSON: not valid UTF-8 (byte 0xe9 at offset 16)"), "{message}");
        assert!(
            std::error::Error::source(&err).is_none(),
            "the cause is not printed twice"
        );
    }

    #[test]
    fn rejects_dependency_tables_that_are_not_objects() {
        for (value, kind) in [
            ("null", "null"),
            ("\"react\"", "a string"),
            ("[]", "an array"),
        ] {
            let text = format!("{{\n  \"name\": \"a\",\n  \"dependencies\": {value}\n}}\n");
            let err = PackageJson::parse("package.json".into(), text).unwrap_err();
            let message = err.to_string();
            assert!(message.starts_with("package.json:3:3:"), "{message}");
            assert!(message.contains(&format!("`dependencies` must be an object of package names and version ranges, not {kind}")), "{message}");
        }
    }

    #[test]
    fn reports_malformed_json_with_position() {
        let err = PackageJson::parse("package.json".into(), "{\n  \"name\": \"x\",\n}\n".into())
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("package.json:3:1: package.json is not valid JSON: trailing comma"),
            "{text}"
        );
    }

    #[test]
    fn adds_dependencies_keeping_order_and_indent() {
        let text = "{\n    \"name\": \"app\",\n    \"dependencies\": {\n        \"react\": \"^19.0.0\"\n    },\n    \"devDependencies\": {}\n}\n";
        let pkg = PackageJson::parse("package.json".into(), text.into()).unwrap();
        let out = pkg.with_dependencies(&[("@radix-ui/themes".into(), "^3.3.0".into())]);
        assert_eq!(
            out,
            "{\n    \"name\": \"app\",\n    \"dependencies\": {\n        \"@radix-ui/themes\": \"^3.3.0\",\n        \"react\": \"^19.0.0\"\n    },\n    \"devDependencies\": {}\n}\n"
        );
    }
}
