//! `workos-widgets.toml`: the choices `init` made and the files it
//! generated, edited with `toml_edit` so the user's comments survive.

use std::path::{Path, PathBuf};

use toml_edit::{Array, DocumentMut, Item, Table, value};

use crate::ProjectError;

/// The manifest's file name, at the project root.
pub const FILE_NAME: &str = "workos-widgets.toml";
/// The manifest format version.
pub const FORMAT_VERSION: i64 = 1;

/// A parsed manifest. Setters edit the document in place.
#[derive(Debug, Clone)]
pub struct Manifest {
    doc: DocumentMut,
}

impl Default for Manifest {
    fn default() -> Self {
        let header = concat!(
            "# WorkOS Widgets setup, written by `workos-widgets init`.\n",
            "# `workos-widgets add` and `workos-widgets verify` read it; comments are kept.\n",
        );
        let mut doc: DocumentMut = format!("{header}version = {FORMAT_VERSION}\n")
            .parse()
            .unwrap_or_default();
        if !doc.contains_key("version") {
            doc["version"] = value(FORMAT_VERSION);
        }
        Self { doc }
    }
}

impl Manifest {
    /// Reads `root/workos-widgets.toml`; `Ok(None)` when absent.
    pub fn read(root: &Path) -> Result<Option<Self>, ProjectError> {
        let path = root.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(ProjectError::read(path, e)),
        };
        Self::parse(&path, &text).map(Some)
    }

    /// Parses manifest text.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ProjectError> {
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| crate::js::line_col(text, span.start));
            ProjectError::Manifest {
                path: path.to_path_buf(),
                message: format!("{line}:{column}: {}", e.message()),
                hint: "fix the TOML syntax, or delete the file and run `workos-widgets init` again"
                    .to_owned(),
            }
        })?;
        validate(&doc).map_err(|message| ProjectError::Manifest {
            path: path.to_path_buf(),
            message,
            hint: "fix that key by hand, or delete the file and run `workos-widgets init` again (generated files you edited are then treated as yours)".to_owned(),
        })?;
        Ok(Self { doc })
    }

    /// Fails when a newer workos-widgets wrote the manifest (its
    /// `tool_version` or format `version` is greater than ours): this tool
    /// would rewrite what it does not know. `path` names the file.
    pub fn ensure_not_newer(&self, path: &Path) -> Result<(), ProjectError> {
        let ours = env!("CARGO_PKG_VERSION");
        let newer_tool = self
            .string("tool_version")
            .and_then(|v| semver::Version::parse(v.trim()).ok())
            .filter(|written| semver::Version::parse(ours).is_ok_and(|ours| *written > ours));
        let newer_format = self
            .doc
            .get("version")
            .and_then(Item::as_integer)
            .filter(|&version| version > FORMAT_VERSION);
        let message = match (newer_tool, newer_format) {
            (Some(written), _) => format!(
                "written by workos-widgets {written}, newer than this one ({ours}): it would rewrite what it does not know"
            ),
            (None, Some(version)) => format!(
                "manifest format version {version} is newer than this workos-widgets ({ours}) reads ({FORMAT_VERSION}): it would rewrite what it does not know"
            ),
            (None, None) => return Ok(()),
        };
        Err(ProjectError::Manifest {
            path: path.to_path_buf(),
            message,
            hint: "upgrade workos-widgets (npm install -D workos-widgets@latest, or cargo install workos-widgets), then run again; nothing was changed".to_owned(),
        })
    }

    /// The TOML text.
    pub fn to_text(&self) -> String {
        self.doc.to_string()
    }

    /// A top-level string.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.doc.get(key).and_then(Item::as_str)
    }

    /// Sets a top-level string.
    pub fn set_string(&mut self, key: &str, text: &str) {
        if self.string(key) != Some(text) {
            self.doc[key] = value(text);
        }
    }

    /// A top-level boolean.
    pub fn bool(&self, key: &str) -> Option<bool> {
        self.doc.get(key).and_then(Item::as_bool)
    }

    /// Sets a top-level boolean.
    pub fn set_bool(&mut self, key: &str, flag: bool) {
        if self.bool(key) != Some(flag) {
            self.doc[key] = value(flag);
        }
    }

    /// The recorded widget ids.
    pub fn widgets(&self) -> Vec<String> {
        self.doc
            .get("widgets")
            .and_then(Item::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Records widget ids, keeping existing entries (and their formatting).
    pub fn add_widgets(&mut self, ids: &[&str]) {
        let existing = self.widgets();
        if !self.doc.contains_key("widgets") {
            self.doc["widgets"] = value(Array::new());
        }
        if let Some(array) = self.doc["widgets"].as_array_mut() {
            for id in ids {
                if !existing.iter().any(|e| e == id) {
                    array.push(*id);
                }
            }
        }
    }

    /// The recorded hash of a generated file.
    pub fn generated_hash(&self, path: &str) -> Option<&str> {
        self.doc
            .get("generated")
            .and_then(Item::as_table_like)
            .and_then(|t| t.get(path))
            .and_then(Item::as_str)
    }

    /// Every generated path recorded.
    pub fn generated_paths(&self) -> Vec<PathBuf> {
        self.doc
            .get("generated")
            .and_then(Item::as_table_like)
            .map(|t| t.iter().map(|(k, _)| PathBuf::from(k)).collect())
            .unwrap_or_default()
    }

    /// Records the hash of a generated file.
    pub fn set_generated_hash(&mut self, path: &str, hash: &str) {
        if self.generated_hash(path) == Some(hash) {
            return;
        }
        if !self.doc.contains_key("generated") {
            let mut table = Table::new();
            table.decor_mut().set_prefix(
                "\n# Files the tool generated, with a hash of what it wrote. A file whose\n# hash no longer matches was edited by you and is never overwritten.\n",
            );
            self.doc["generated"] = Item::Table(table);
        }
        self.doc["generated"][path] = value(hash);
    }
}

/// Checks the keys the tool reads and writes have the types it expects, so
/// a hand-edited manifest gets an error naming the key instead of a crash.
fn validate(doc: &DocumentMut) -> Result<(), String> {
    if let Some(item) = doc.get("generated") {
        let Some(table) = item.as_table_like() else {
            return Err(format!(
                "`generated` must be a table of `\"path\" = \"sha256:...\"` entries, not {}",
                describe(item)
            ));
        };
        if let Some((path, entry)) = table.iter().find(|(_, v)| v.as_str().is_none()) {
            return Err(format!(
                "`generated.\"{path}\"` must be a string (the file's hash), not {}",
                describe(entry)
            ));
        }
    }
    if let Some(item) = doc.get("widgets") {
        let strings = item
            .as_array()
            .is_some_and(|a| a.iter().all(|v| v.as_str().is_some()));
        if !strings {
            return Err(format!(
                "`widgets` must be an array of widget ids such as [\"user-profile\"], not {}",
                describe(item)
            ));
        }
    }
    for key in [
        "framework",
        "language",
        "strategy",
        "token_endpoint",
        "tool_version",
    ] {
        if let Some(item) = doc.get(key).filter(|i| i.as_str().is_none()) {
            return Err(format!("`{key}` must be a string, not {}", describe(item)));
        }
    }
    Ok(())
}

/// What a TOML item is, for messages.
fn describe(item: &Item) -> &'static str {
    match item {
        Item::None => "nothing",
        Item::Table(_) => "a table",
        Item::ArrayOfTables(_) => "an array of tables",
        Item::Value(v) => match v {
            toml_edit::Value::String(_) => "a string",
            toml_edit::Value::Integer(_) | toml_edit::Value::Float(_) => "a number",
            toml_edit::Value::Boolean(_) => "a boolean",
            toml_edit::Value::Datetime(_) => "a date",
            toml_edit::Value::Array(_) => "an array",
            toml_edit::Value::InlineTable(_) => "an inline table",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_keys_of_the_wrong_type_naming_them() {
        for (text, key) in [
            ("generated = []\n", "`generated`"),
            ("generated = \"x\"\n", "`generated`"),
            ("generated = 3\n", "`generated`"),
            ("[[generated]]\na = 1\n", "`generated`"),
            (
                "[generated]\n\"src/a.tsx\" = 1\n",
                "`generated.\"src/a.tsx\"`",
            ),
            ("widgets = \"user-profile\"\n", "`widgets`"),
            ("widgets = [1]\n", "`widgets`"),
        ] {
            let err = Manifest::parse(Path::new("workos-widgets.toml"), text).unwrap_err();
            let message = err.to_string();
            assert!(message.contains(key), "{text}: {message}");
            assert!(message.contains("workos-widgets.toml"), "{message}");
        }
        let mut inline = Manifest::parse(
            Path::new("workos-widgets.toml"),
            "generated = { \"a.ts\" = \"sha256:1\" }\n",
        )
        .unwrap();
        assert_eq!(inline.generated_hash("a.ts"), Some("sha256:1"));
        inline.set_generated_hash("b.ts", "sha256:2");
        assert_eq!(inline.generated_hash("b.ts"), Some("sha256:2"));
    }

    #[test]
    fn round_trips_and_keeps_comments() {
        let text = "# mine\nversion = 1\nwidgets = [\"user-profile\"] # chosen\n";
        let mut manifest = Manifest::parse(Path::new("w.toml"), text).unwrap();
        manifest.add_widgets(&["user-profile", "api-keys"]);
        manifest.set_generated_hash("src/a.tsx", "sha256:1");
        let out = manifest.to_text();
        assert!(out.starts_with("# mine\n"), "{out}");
        assert!(
            out.contains("widgets = [\"user-profile\", \"api-keys\"] # chosen"),
            "{out}"
        );
        assert_eq!(manifest.generated_hash("src/a.tsx"), Some("sha256:1"));
        assert_eq!(manifest.widgets(), ["user-profile", "api-keys"]);
        manifest.set_bool("pages", false);
        assert_eq!(manifest.bool("pages"), Some(false));
        assert!(manifest.to_text().contains("pages = false"));
    }

    #[test]
    fn reports_bad_toml_with_position() {
        let err = Manifest::parse(Path::new("w.toml"), "version = \n").unwrap_err();
        assert!(err.to_string().contains("w.toml: 1:"), "{err}");
    }
}
