//! The verifier's top-level modules depend on each other one way: no
//! cycle (`checks` lists the `--build` and `--online` rules, so what those
//! share with the checks lives in `questions`, not in `checks/`). Read from
//! the `crate::` paths in each module's source, comments and unit tests
//! left out.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module with the top-level modules it uses.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    let module_of = |path: &Path| {
        let relative = path.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap();
        let name = first.as_os_str().to_string_lossy().into_owned();
        name.trim_end_matches(".rs").to_owned()
    };
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        if from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let used: String = line[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if used != from && modules.contains(&used) {
                    graph.entry(from.clone()).or_default().insert(used);
                }
            }
        }
    }
    graph
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// A cycle through `at`, if there is one.
fn cycle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    at: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(start) = path.iter().position(|m| m == at) {
        let mut found = path[start..].to_vec();
        found.push(at.to_owned());
        return Some(found);
    }
    if done.contains(at) {
        return None;
    }
    path.push(at.to_owned());
    for next in graph.get(at).into_iter().flatten() {
        if let Some(found) = cycle(graph, next, path, done) {
            return Some(found);
        }
    }
    path.pop();
    done.insert(at.to_owned());
    None
}

#[test]
fn modules_depend_one_way() {
    let graph = dependencies();
    // The reading works: the known edges are there.
    assert!(graph["checks"].contains("questions"), "{graph:#?}");
    assert!(graph["build"].contains("questions"), "{graph:#?}");
    assert!(graph["online"].contains("questions"), "{graph:#?}");
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(found) = cycle(&graph, module, &mut Vec::new(), &mut done) {
            panic!("a dependency cycle: {}", found.join(" -> "));
        }
    }
}
