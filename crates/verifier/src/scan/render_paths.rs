//! The files the render graph needs beyond those the prefilter parsed: the
//! components between the app's roots and the files that render widgets.
//! A component chain `App -> Dashboard -> ProfileCard -> <UserProfile />`
//! passes through files that mention no WorkOS word; without them the
//! graph could not prove that a widget is rendered outside the root.
//!
//! Found backwards from the widget files, through the local module paths
//! each file's text mentions (an over-approximation of its imports, static
//! and dynamic), matched by file stem first so that only a few specifiers
//! are resolved; and, for frameworks that render route modules and
//! layouts themselves, those modules (route modules always: whether one
//! renders a component decides what is browser code for WW501).

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::facts::{JsxKind, strip_query};
use workos_widgets_core::specifier;

use super::module_stem;
use crate::facts::SourceFile;

/// The unparsed files to parse for the render graph (none when no file
/// renders a widget).
pub fn wanted(
    project: &Project,
    parsed: &[SourceFile],
    mentions: &[(PathBuf, Vec<String>)],
    known: &HashSet<PathBuf>,
) -> Vec<PathBuf> {
    let widget_files: Vec<&Path> = parsed
        .iter()
        .filter(|f| f.jsx.iter().any(|e| matches!(e.kind, JsxKind::Widget(_))))
        .map(|f| f.path.as_path())
        .collect();
    let parsed_paths: HashSet<&Path> = parsed.iter().map(|f| f.path.as_path()).collect();
    // The route modules a route-module framework mounts: always, since
    // whether one renders a component decides what is browser code (WW501).
    let mounted = known
        .iter()
        .filter(|p| !parsed_paths.contains(p.as_path()))
        .filter(|p| is_route_module(project, p));
    if widget_files.is_empty() {
        let mut found: Vec<PathBuf> = mounted.cloned().collect();
        found.sort();
        return found;
    }
    let mut by_stem: HashMap<String, Vec<(&Path, &str)>> = HashMap::new();
    let parsed_mentions = parsed.iter().flat_map(|file| {
        file.imports
            .iter()
            .filter(|i| !i.type_only)
            .map(|i| i.source.as_str())
            .chain(file.render.lazy.iter().map(|l| l.source.as_str()))
            .map(move |source| (file.path.as_path(), source))
    });
    let unparsed_mentions = mentions.iter().flat_map(|(path, specifiers)| {
        specifiers.iter().map(move |s| (path.as_path(), s.as_str()))
    });
    for (from, source) in parsed_mentions.chain(unparsed_mentions) {
        for stem in specifier_stems(source) {
            by_stem.entry(stem).or_default().push((from, source));
        }
    }
    let exists = |p: &Path| known.contains(p);
    let mut seen: HashSet<&Path> = widget_files.iter().copied().collect();
    let mut queue: VecDeque<&Path> = widget_files.into_iter().collect();
    let mut found: Vec<PathBuf> = Vec::new();
    while let Some(target) = queue.pop_front() {
        let Some(stem) = module_stem(target) else {
            continue;
        };
        for &(from, source) in by_stem.get(&stem).into_iter().flatten() {
            if seen.contains(from) {
                continue;
            }
            let resolved = specifier::resolve_module_with(
                from,
                strip_query(source),
                &project.module_paths,
                exists,
            );
            if resolved.as_deref() == Some(target) {
                seen.insert(from);
                queue.push_back(from);
                if !parsed_paths.contains(from) {
                    found.push(from.to_path_buf());
                }
            }
        }
    }
    // The components those files render around widgets (a provider in
    // its own module, a lazily loaded shell): two levels of their imports.
    let forward: HashMap<&Path, Vec<&str>> = forward_mentions(parsed, mentions);
    let mut frontier: Vec<&Path> = seen.iter().copied().collect();
    for _ in 0..WRAPPER_DEPTH {
        let mut next = Vec::new();
        for from in frontier {
            for source in forward.get(from).into_iter().flatten() {
                let Some(target) = specifier::resolve_module_with(
                    from,
                    strip_query(source),
                    &project.module_paths,
                    exists,
                ) else {
                    continue;
                };
                let Some(target) = known.get(&target) else {
                    continue;
                };
                if seen.insert(target.as_path()) {
                    next.push(target.as_path());
                    if !parsed_paths.contains(target.as_path()) {
                        found.push(target.clone());
                    }
                }
            }
        }
        frontier = next;
    }
    found.extend(mounted.cloned());
    found.extend(
        known
            .iter()
            .filter(|p| !parsed_paths.contains(p.as_path()) && !seen.contains(p.as_path()))
            .filter(|p| is_next_layout(project, p))
            .cloned(),
    );
    found.sort();
    found.dedup();
    found
}

/// How many imports deep the wrappers around widgets are followed.
const WRAPPER_DEPTH: usize = 2;

/// Each file's local module mentions: the imports (and `lazy()` sources)
/// of parsed files, the text mentions of the others.
fn forward_mentions<'a>(
    parsed: &'a [SourceFile],
    mentions: &'a [(PathBuf, Vec<String>)],
) -> HashMap<&'a Path, Vec<&'a str>> {
    let mut map: HashMap<&Path, Vec<&str>> = HashMap::new();
    for file in parsed {
        map.entry(file.path.as_path()).or_default().extend(
            file.imports
                .iter()
                .filter(|i| !i.type_only && specifier::is_local(&i.source))
                .map(|i| i.source.as_str())
                .chain(file.render.lazy.iter().map(|l| l.source.as_str())),
        );
    }
    for (path, specifiers) in mentions {
        map.entry(path.as_path())
            .or_default()
            .extend(specifiers.iter().map(String::as_str));
    }
    map
}

/// The names a specifier's module is likely to have as a file (what
/// [`module_stem`] gives): its last segment as written and without its
/// extension, or the folder for `.../index`.
fn specifier_stems(source: &str) -> Vec<String> {
    let source = strip_query(source);
    let mut segments = source.rsplit('/');
    let Some(last) = segments.next() else {
        return Vec::new();
    };
    let bare = Path::new(last)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(last);
    let mut stems = if bare == "index" || last == "index" {
        segments.next().map(str::to_owned).into_iter().collect()
    } else {
        vec![last.to_owned(), bare.to_owned()]
    };
    stems.retain(|s| !s.is_empty() && s != "." && s != "..");
    stems.dedup();
    stems
}

fn is_source(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| specifier::SOURCE_EXTENSIONS.contains(&e))
}

/// A React Router / Remix / TanStack Start route module.
fn is_route_module(project: &Project, path: &Path) -> bool {
    is_source(path)
        && project
            .routes
            .as_ref()
            .is_some_and(|routes| path.starts_with(&routes.routes_dir))
}

/// A Next.js layout or template, which the framework renders around pages.
fn is_next_layout(project: &Project, path: &Path) -> bool {
    is_source(path)
        && project
            .next
            .as_ref()
            .and_then(|next| next.app_dir.as_ref())
            .is_some_and(|app| {
                path.starts_with(app)
                    && path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .is_some_and(|s| matches!(s, "layout" | "template"))
            })
}

#[cfg(test)]
mod tests {
    use super::specifier_stems;

    #[test]
    fn names_the_module_a_specifier_points_at() {
        assert_eq!(specifier_stems("./Dashboard"), ["Dashboard"]);
        assert_eq!(specifier_stems("@/components/card.js"), ["card.js", "card"]);
        assert_eq!(
            specifier_stems("./routes/dashboard.settings"),
            ["dashboard.settings", "dashboard"]
        );
        assert_eq!(specifier_stems("../settings/index"), ["settings"]);
        assert_eq!(specifier_stems("./x.tsx?raw"), ["x.tsx", "x"]);
        assert!(specifier_stems("..").is_empty());
    }
}
