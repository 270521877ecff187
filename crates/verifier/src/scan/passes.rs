//! The second pass: the local modules that matter through an import
//! (those of token modules, route handlers and root files; client files
//! importing a module that holds the secret; the components token-minting
//! pages render; the hooks and contexts files rendering widgets import),
//! and the files the render graph needs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use workos_widgets_core::facts::read;
use workos_widgets_core::links;

use super::decoding::{Buffer, Text};
use super::{Read, Reader, holds_secret, module_stem, render_paths};
use crate::facts::SourceFile;

impl Reader<'_> {
    /// Parses the local modules that matter through an import: those of
    /// token modules, route handlers and root files, and client files that
    /// import a module holding the secret.
    pub(super) fn second_pass(&self, read: &mut Read) {
        let mut allocator = Allocator::default();
        let importers: Vec<&SourceFile> = read
            .parsed
            .iter()
            .filter(|f| !f.token_calls.is_empty() || f.next_route || self.always.contains(&f.path))
            .collect();
        let mut wanted: HashSet<PathBuf> = importers
            .iter()
            .flat_map(|f| {
                f.imports.iter().filter_map(|i| {
                    read::is_local_module(&i.source)
                        .then(|| self.resolve(&f.path, &i.source))
                        .flatten()
                })
            })
            .collect();
        // Client files that mention a local module named like a file that
        // holds the secret: resolve those mentions to be sure.
        let secret: Vec<&SourceFile> = read.parsed.iter().filter(|f| holds_secret(f)).collect();
        let stems: HashSet<String> = secret.iter().filter_map(|f| module_stem(&f.path)).collect();
        for (path, specifiers) in &read.skipped {
            let imports_secret = specifiers.iter().any(|specifier| {
                module_stem(Path::new(specifier)).is_some_and(|stem| stems.contains(&stem))
                    && self
                        .resolve(path, specifier)
                        .is_some_and(|target| secret.iter().any(|f| f.path == target))
            });
            if imports_secret {
                wanted.insert(path.clone());
            }
        }
        let parsed: HashSet<PathBuf> = read.parsed.iter().map(|f| f.path.clone()).collect();
        let mut wanted: Vec<PathBuf> = wanted.difference(&parsed).cloned().collect();
        wanted.sort();
        let mut buffer = Buffer::default();
        for path in wanted {
            if links::outside_target(self.root, &path).is_some() {
                read.links_outside.push(path);
                continue;
            }
            if let Some(Text { text, invalid_at }) = self.load(&path, &mut buffer) {
                let mut file = self.parse(path, text.into_owned(), &mut allocator);
                file.invalid_utf8 = invalid_at;
                read.parsed.push(file);
            }
        }
        // The local components that files minting their own token render,
        // transitively: the widgets a page-local token reaches (WW404).
        let pages: Vec<PathBuf> = read
            .parsed
            .iter()
            .filter(|f| !f.token_calls.is_empty() && !f.jsx.is_empty())
            .map(|f| f.path.clone())
            .collect();
        self.parse_closure(read, pages, &mut allocator, rendered_local_components);
        // The hooks and contexts a widget's token may come through: the
        // local modules that files rendering widgets import, and those
        // that modules reading a context import (WW404, WW405).
        let widget_files: Vec<PathBuf> = read
            .parsed
            .iter()
            .filter(|f| {
                f.jsx
                    .iter()
                    .any(|e| matches!(e.kind, crate::facts::JsxKind::Widget(_)))
            })
            .map(|f| f.path.clone())
            .collect();
        self.parse_closure(read, widget_files, &mut allocator, context_imports);
    }

    /// Parses the files that lie between the app's roots and the files
    /// that render widgets (see [`render_paths`]), for the render graph.
    pub(super) fn parse_render_paths(&self, read: &mut Read) {
        let wanted =
            render_paths::wanted(self.project, &read.parsed, &read.mentions, &read.visited);
        let mut allocator = Allocator::default();
        let mut buffer = Buffer::default();
        for path in wanted {
            if let Some(Text { text, invalid_at }) = self.load(&path, &mut buffer) {
                let mut file = self.parse(path, text.into_owned(), &mut allocator);
                file.invalid_utf8 = invalid_at;
                read.parsed.push(file);
            }
        }
    }

    /// Parses the files reachable from `starts` through `follow` (the local
    /// specifiers a parsed file leads to), transitively.
    pub(super) fn parse_closure(
        &self,
        read: &mut Read,
        starts: Vec<PathBuf>,
        allocator: &mut Allocator,
        follow: fn(&SourceFile) -> Vec<&str>,
    ) {
        let mut index: std::collections::HashMap<PathBuf, usize> = read
            .parsed
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        let mut visited: HashSet<PathBuf> = HashSet::new();
        let mut buffer = Buffer::default();
        let mut queue = starts;
        while let Some(path) = queue.pop() {
            if !visited.insert(path.clone()) {
                continue;
            }
            let Some(&at) = index.get(&path) else {
                continue;
            };
            let file = &read.parsed[at];
            let targets: Vec<PathBuf> = follow(file)
                .into_iter()
                .filter_map(|specifier| self.resolve(&file.path, specifier))
                .collect();
            for target in targets {
                if !index.contains_key(&target) {
                    if links::outside_target(self.root, &target).is_some() {
                        read.links_outside.push(target);
                        continue;
                    }
                    let Some(Text { text, invalid_at }) = self.load(&target, &mut buffer) else {
                        continue;
                    };
                    let mut file = self.parse(target.clone(), text.into_owned(), allocator);
                    file.invalid_utf8 = invalid_at;
                    index.insert(target.clone(), read.parsed.len());
                    read.parsed.push(file);
                }
                queue.push(target);
            }
        }
    }
}

/// The local modules a file imports for values, when it renders widgets
/// or reads a React context (a hook module, the module creating the
/// context).
fn context_imports(file: &SourceFile) -> Vec<&str> {
    let widgets = file
        .jsx
        .iter()
        .any(|e| matches!(e.kind, crate::facts::JsxKind::Widget(_)));
    if !widgets && file.render.contexts.reads.is_empty() {
        return Vec::new();
    }
    file.imports
        .iter()
        .filter(|i| !i.type_only && read::is_local_module(&i.source))
        .map(|i| i.source.as_str())
        .collect()
}

/// The local modules whose components a file renders.
fn rendered_local_components(file: &SourceFile) -> Vec<&str> {
    file.jsx
        .iter()
        .filter(|e| e.kind == crate::facts::JsxKind::Local)
        .filter_map(|e| e.import_source.as_deref())
        .collect()
}
