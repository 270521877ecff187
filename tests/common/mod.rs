//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `fixtures/<name>` into a fresh temporary directory and returns it
/// (the app is at `dir.path()`).
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo().join("fixtures").join(name), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The tool, with a fake `node` first on PATH so the SDK version npm would
/// pick (Node 20 -> @workos-inc/node 8.13.0) is the same on every machine.
pub fn tool(dir: &Path) -> Command {
    let bin_dir = dir.join(".test-bin");
    if !bin_dir.exists() {
        std::fs::create_dir_all(&bin_dir).expect("bin dir");
        let node = bin_dir.join("node");
        std::fs::write(&node, "#!/bin/sh\necho v20.20.2\n").expect("fake node");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&node, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
    }
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_workos-widgets"));
    command
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("CI");
    command
}

/// Puts an executable `name` running `script` (sh) first on the tool's PATH.
pub fn fake_program(dir: &Path, name: &str, script: &str) {
    tool(dir); // creates the bin dir
    let path = dir.join(".test-bin").join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("fake program");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

/// Runs the tool in `dir` with `args`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    tool(dir)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run workos-widgets")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir` (relative, sorted) with its content, skipping the
/// fake node.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let entry = entry.expect("entry");
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            if rel.starts_with(".test-bin") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push((rel, std::fs::read(&path).expect("read")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The keys that appear more than once in one object of the JSON `text`
/// (`serde_json::Value` keeps only the last, so a duplicate would go
/// unseen), as `path.key`; `Err` when `text` is not JSON.
pub fn duplicate_keys(text: &str) -> Result<Vec<String>, serde_json::Error> {
    use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

    struct Node<'a> {
        path: String,
        found: &'a std::cell::RefCell<Vec<String>>,
    }

    impl<'de> DeserializeSeed<'de> for Node<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Node<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let path = format!("{}[]", self.path);
            while seq
                .next_element_seed(Node {
                    path: path.clone(),
                    found: self.found,
                })?
                .is_some()
            {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = format!("{}.{key}", self.path);
                if !seen.insert(key) {
                    self.found.borrow_mut().push(path.clone());
                }
                map.next_value_seed(Node {
                    path,
                    found: self.found,
                })?;
            }
            Ok(())
        }
    }

    let found = std::cell::RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    Node {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(found.into_inner())
}

/// The text of `relative` in `dir`; panics naming the file.
pub fn read(dir: &Path, relative: &str) -> String {
    std::fs::read_to_string(dir.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Writes `text` to `relative` in `dir`, creating its folders.
pub fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
