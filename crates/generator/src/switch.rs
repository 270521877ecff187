//! A change of token strategy (`--token-strategy authkit` after a backend
//! setup, or back): what the previous strategy generated and this one does
//! not is taken away. Unedited files are removed, and so are the token
//! route's registrations the tool made (the Vite plugin in vite.config, the
//! `routes.ts` entry) when they are exactly as it wrote them. A file the
//! user edited, one such a file imports, and everything a registration left
//! in place still needs, stay, each named with the reason.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use workos_widgets_core::edit::transform::{self, Transform};
use workos_widgets_core::js;
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::specifier::{resolve_module, slash};

use crate::GenerateError;
use crate::backend::Backend;
use crate::files::{FilePlanner, Generated};
use crate::plan::KeptFile;
use crate::setup::Cx;

/// Takes away what the manifest's previous strategy generated, when it is
/// not the strategy in effect; `notes` and `warnings` get what was done and
/// what is left.
pub(crate) fn retire_previous_strategy(
    cx: &Cx<'_>,
    backend: &dyn Backend,
    manifest: Option<&Manifest>,
    files: &mut FilePlanner<'_>,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<(), GenerateError> {
    let Some(previous) = manifest.and_then(|m| m.string("strategy")) else {
        return Ok(());
    };
    let current = cx.strategy.as_str();
    if previous == current {
        return Ok(());
    }
    let left = if previous == "backend" {
        backend.unmount(cx, files)?
    } else {
        None
    };
    if let Some(left) = &left {
        warnings.push(left.clone());
    }
    let stale = files.unclaimed();
    let origin = format!("generated for the {previous} token strategy");
    let mut keep: BTreeMap<String, String> = BTreeMap::new();
    let mut texts: BTreeMap<String, Generated> = BTreeMap::new();
    for path in &stale {
        texts.insert(path.clone(), files.generated_state(path)?);
    }
    if let Some(left) = &left {
        for path in &stale {
            keep.insert(
                path.clone(),
                format!("{origin}; left because the token route is still registered ({left})"),
            );
        }
    } else {
        for (path, state) in &texts {
            if let Generated::Edited = state {
                keep.insert(
                    path.clone(),
                    format!(
                        "{origin}, which {current} does not use; you edited it, so it is left: delete it once nothing of yours needs it"
                    ),
                );
            }
        }
        keep_what_edited_files_import(cx, files, &stale, &origin, &mut keep);
    }
    let mut removed = Vec::new();
    for (path, state) in texts {
        if let Some(reason) = keep.remove(&path) {
            files.kept.push(KeptFile {
                path: path.clone().into(),
                reason,
            });
            continue;
        }
        match state {
            Generated::Unedited(text) => {
                files.remove(
                    &path,
                    text,
                    &format!("{origin}, which {current} does not use"),
                );
                removed.push(path);
            }
            Generated::Missing => files.forget(&path),
            Generated::Edited => {}
        }
    }
    if !removed.is_empty() {
        let sdk_left = if previous == "backend" {
            " Left for you: the `@workos-inc/node` dependency and the WORKOS_API_KEY entries of your env files (the tool removes no packages or secrets)."
        } else {
            ""
        };
        notes.push(format!(
            "Token strategy changed from {previous} to {current}: removed {} ({}).{sdk_left}",
            if removed.len() == 1 {
                "1 generated file".to_owned()
            } else {
                format!("{} generated files", removed.len())
            },
            removed.join(", ")
        ));
    }
    Ok(())
}

/// Marks the stale files that an edited file (a kept one, or a stale one
/// kept already) imports, directly or through other stale files (all of
/// them when an edited file does not parse).
fn keep_what_edited_files_import(
    cx: &Cx<'_>,
    files: &FilePlanner<'_>,
    stale: &[String],
    origin: &str,
    keep: &mut BTreeMap<String, String>,
) {
    let mut queue: Vec<String> = files
        .kept
        .iter()
        .map(|k| slash(&k.path))
        .chain(keep.keys().cloned())
        .collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    while let Some(importer) = queue.pop() {
        let (imported, why) = match local_imports(cx, &importer) {
            Some(imported) => (imported, "imports it"),
            None => (
                stale.to_vec(),
                "does not parse, so what it imports is unknown",
            ),
        };
        for path in imported {
            if stale.contains(&path) && seen.insert(path.clone()) {
                keep.entry(path.clone()).or_insert_with(|| {
                    format!("{origin}; left because {importer}, which you edited, {why}")
                });
                queue.push(path);
            }
        }
    }
}

/// The app files `path` imports (relative to the app, `/` separators);
/// `None` when it does not parse.
fn local_imports(cx: &Cx<'_>, path: &str) -> Option<Vec<String>> {
    let project = cx.project;
    let Ok(text) = std::fs::read_to_string(project.path(path)) else {
        return Some(Vec::new());
    };
    let allocator = oxc_allocator::Allocator::default();
    let program = js::parse(&allocator, Path::new(path), &text).ok()?;
    Some(
        js::imports(&program)
            .iter()
            .filter_map(|i| {
                resolve_module(
                    &project.root,
                    Path::new(path),
                    &i.source,
                    &project.module_paths,
                )
            })
            .map(|p| slash(&p))
            .collect(),
    )
}

/// Undoes a registration the tool made in `path`: `undo` removes exactly
/// what the tool wrote, and nothing naming `marker` may be left after it.
/// `Ok(None)` when nothing is registered any more (an edit is planned when
/// something was taken out); else why the registration stays.
pub(crate) fn undo_registration(
    cx: &Cx<'_>,
    files: &mut FilePlanner<'_>,
    path: &Path,
    undo: &[Transform<'_>],
    marker: &str,
    reason: &str,
) -> Result<Option<String>, GenerateError> {
    let full = cx.project.path(path);
    let text = workos_widgets_core::error::read_to_string(&full)?;
    if !text.contains(marker) {
        return Ok(None);
    }
    let undone = transform::apply(&full, &text, undo)?;
    if undone.contains(marker) {
        return Ok(Some(format!(
            "{}: `{marker}` is used in a way the tool did not write, so its token route registration is left; take it out yourself, then delete the files it names",
            slash(path)
        )));
    }
    files.text(&slash(path), reason, |_| Some(undone))?;
    Ok(None)
}
