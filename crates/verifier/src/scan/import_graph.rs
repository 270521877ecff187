//! The app's local imports, resolved to files: for the checks that follow
//! who imports whom (client reach, route coverage).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::specifier;

use crate::facts::SourceFile;

/// Each file read (parsed, or read without parsing: `unparsed` holds its
/// import specifiers) with the local files it imports for their values
/// (type-only imports are erased and import nothing).
pub fn build(
    project: &Project,
    parsed: &[SourceFile],
    unparsed: &[(PathBuf, Vec<String>)],
) -> HashMap<PathBuf, Vec<PathBuf>> {
    let resolve = |from: &Path, source: &str| {
        specifier::resolve_module(&project.root, from, source, &project.module_paths)
    };
    let mut graph: HashMap<PathBuf, Vec<PathBuf>> = parsed
        .iter()
        .map(|file| {
            let targets = file
                .imports
                .iter()
                .filter(|i| !i.type_only)
                .filter_map(|i| resolve(&file.path, &i.source))
                .collect();
            (file.path.clone(), targets)
        })
        .collect();
    let parsed: HashSet<&Path> = parsed.iter().map(|f| f.path.as_path()).collect();
    for (path, specifiers) in unparsed {
        // Parsed later (the second pass): its facts say more.
        if parsed.contains(path.as_path()) {
            continue;
        }
        let targets = specifiers.iter().filter_map(|s| resolve(path, s)).collect();
        graph.insert(path.clone(), targets);
    }
    graph
}
