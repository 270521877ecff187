//! Barrels: local modules that re-export widgets or the root from
//! `@workos-inc/widgets`.

use workos_widgets_core::Project;
use workos_widgets_core::facts::read;
use workos_widgets_core::specifier;

use crate::facts::SourceFile;

/// Local components that a barrel module re-exports from
/// `@workos-inc/widgets` are widgets (or the root) too.
pub(super) fn resolve_barrels(project: &Project, files: &mut [SourceFile]) {
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
            let Some(target) =
                specifier::resolve_module(&project.root, &file.path, source, &project.module_paths)
            else {
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
                changes.push((index, element, read::widgets_export(original)));
            }
        }
    }
    for (index, element, kind) in changes {
        files[index].jsx[element].kind = kind;
    }
}
