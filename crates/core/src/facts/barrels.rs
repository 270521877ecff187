//! Local barrel modules of `@workos-inc/widgets`: a component imported from
//! a module of the app that re-exports it from the package
//! (`export { WorkOsWidgets } from '@workos-inc/widgets'`,
//! `export * from '@workos-inc/widgets'`) is the package's root or widget,
//! not a component of the app's own. The one place that tells, for
//! `detect` and `verify` alike.

use std::path::Path;

use super::SourceFile;
use super::read::widgets_export;
use crate::specifier::{self, ModulePaths};

/// Gives the JSX elements of `files` (sorted by path, relative to `root`)
/// imported through a barrel among them the kind of what it re-exports.
pub fn resolve(root: &Path, paths: &ModulePaths, files: &mut [SourceFile]) {
    let mut changes = Vec::new();
    for (index, file) in files.iter().enumerate() {
        for (element, jsx) in file.jsx.iter().enumerate() {
            let Some(source) = jsx.import_source.as_deref() else {
                continue;
            };
            let head = jsx.name.split('.').next().unwrap_or_default();
            let Some((_, imported)) = file.import_of(head) else {
                continue;
            };
            let name = match (imported, jsx.name.split_once('.')) {
                ("*", Some((_, member))) => member,
                (name, _) => name,
            };
            let Some(target) = specifier::resolve_module(root, &file.path, source, paths) else {
                continue;
            };
            let Ok(barrel) = files.binary_search_by(|f| f.path.cmp(&target)) else {
                continue;
            };
            let original = files[barrel].widget_reexports.iter().find_map(|b| {
                if b.local == name {
                    Some(b.imported.as_str())
                } else if b.local == "*" {
                    Some(name)
                } else {
                    None
                }
            });
            if let Some(original) = original {
                changes.push((index, element, widgets_export(original)));
            }
        }
    }
    for (index, element, kind) in changes {
        files[index].jsx[element].kind = kind;
    }
}
