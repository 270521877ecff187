//! The first pass: the parallel walk of the project, reading each file
//! once ([`Reader::read_one`]: stylesheets for their `@import`s, source
//! files parsed when they hold a needle or are a root), the root files
//! `.gitignore` hides, and the source of the workspace packages the app
//! depends on.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use workos_widgets_core::facts::read;
use workos_widgets_core::framework::is_client;
use workos_widgets_core::{js, links, nesting, specifier};

use super::css::{css_imports, local_path};
use super::decoding::{Buffer, Text};
use super::text_imports::{local_specifiers, ordered_imports};
use super::{
    Checked, MAX_PACKAGE_FILES, Read, Reader, SKIPPED_DIRS, STYLE_EXTENSIONS, is_next_route,
    is_scanned,
};
use crate::facts::{SourceFile, Span};

impl Reader<'_> {
    /// Walks the whole project on two threads.
    pub(super) fn walk(&self) -> Read {
        let shared = Mutex::new(Read::default());
        let walker = ignore::WalkBuilder::new(self.root)
            .hidden(true)
            .require_git(false)
            .threads(2)
            .filter_entry(|entry| {
                !(entry.file_type().is_some_and(|t| t.is_dir())
                    && entry
                        .file_name()
                        .to_str()
                        .is_some_and(|n| SKIPPED_DIRS.contains(&n)))
            })
            .build_parallel();
        walker.run(|| {
            let mut local = Local {
                shared: &shared,
                read: Read::default(),
                allocator: Allocator::default(),
                buffer: Buffer::default(),
            };
            Box::new(move |entry| {
                // The walk follows no link: its files are the project's own.
                // A linked file is read only through an import, and one
                // leading out of the project is never read.
                if let Ok(entry) = entry
                    && let Ok(relative) = entry.path().strip_prefix(self.root)
                {
                    let Local {
                        read,
                        allocator,
                        buffer,
                        ..
                    } = &mut local;
                    if entry.file_type().is_some_and(|t| t.is_file()) {
                        self.read_one(relative, allocator, buffer, read, Checked::Walked);
                    } else if entry.path_is_symlink()
                        && is_scanned(relative)
                        && links::outside_target(self.root, relative).is_some()
                    {
                        read.links_outside.push(relative.to_path_buf());
                    }
                }
                ignore::WalkState::Continue
            })
        });
        shared.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn read_list(&self, paths: &[PathBuf]) -> Read {
        let mut read = Read::default();
        let mut allocator = Allocator::default();
        let mut buffer = Buffer::default();
        for path in paths {
            self.read_one(path, &mut allocator, &mut buffer, &mut read, Checked::No);
        }
        read
    }

    pub(super) fn read_one(
        &self,
        relative: &Path,
        allocator: &mut Allocator,
        buffer: &mut Buffer,
        read: &mut Read,
        checked: Checked,
    ) {
        if !is_scanned(relative) {
            return;
        }
        let style = relative
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|ext| STYLE_EXTENSIONS.contains(&ext));
        if checked == Checked::No && links::outside_target(self.root, relative).is_some() {
            read.links_outside.push(relative.to_path_buf());
            return;
        }
        let Some(Text { text, invalid_at }) = self.load(relative, buffer) else {
            return;
        };
        read.visited.insert(relative.to_path_buf());
        let text = text.as_ref();
        if style {
            read.css.extend(css_imports(relative, text));
            return;
        }
        read.seen += 1;
        // A file that is not UTF-8 is always parsed, so WW001 reports it.
        let wanted = invalid_at.is_some()
            || self.always.iter().any(|p| p == relative)
            || self.needles.is_none_or(|n| n.is_match(text));
        if wanted {
            let mut file = self.parse(relative.to_path_buf(), text.to_owned(), allocator);
            file.invalid_utf8 = invalid_at;
            read.parsed.push(file);
        } else {
            let imports = ordered_imports(text);
            if !imports.is_empty() {
                read.module_imports.push((relative.to_path_buf(), imports));
            }
            let mentions = local_specifiers(text);
            if is_client(self.project, relative, text.contains("use client"), text) {
                read.skipped
                    .push((relative.to_path_buf(), mentions.clone()));
            }
            if !mentions.is_empty() {
                read.mentions.push((relative.to_path_buf(), mentions));
            }
        }
    }

    pub(super) fn parse(
        &self,
        path: PathBuf,
        text: String,
        allocator: &mut Allocator,
    ) -> SourceFile {
        allocator.reset();
        let mut file = SourceFile::new(path, String::new());
        let source_type = js::source_type_for(&file.path);
        let estimate = nesting::measure(&text, source_type.is_jsx());
        if let Some(offset) = estimate.too_deep_at {
            file.too_deep = Some(Span::new(offset, offset));
        } else {
            nesting::with_stack_for(estimate.depth, || {
                let ret = Parser::new(allocator, &text, source_type).parse();
                match ret.diagnostics.errors().next() {
                    Some(error) => {
                        let offset = error.labels.first().map_or(0, |l| l.offset() as usize);
                        file.syntax_error =
                            Some((Span::new(offset, offset), error.message.to_string()));
                    }
                    None if ret.panicked => {
                        file.syntax_error = Some((
                            Span::new(0, 0),
                            "the parser could not read this file".into(),
                        ));
                    }
                    None => {
                        let tree = nesting::tree_depth(&ret.program);
                        match tree.too_deep_at {
                            Some(offset) => file.too_deep = Some(Span::new(offset, offset)),
                            None => nesting::with_stack_for(tree.depth, || {
                                read::extract(&mut file, &ret.program);
                            }),
                        }
                    }
                }
            });
        }
        file.client = is_client(self.project, &file.path, file.use_client, &text);
        file.set_text(text);
        file.next_route = is_next_route(self.project, &file.path);
        file
    }

    /// Reads the app root files the walk did not see (a `.gitignore` that
    /// ignores `src/`, say) and, transitively, the local modules and
    /// stylesheets they import that the walk did not see either: the app
    /// is built from them whether git ignores them or not.
    pub(super) fn read_ignored_roots(&self, read: &mut Read) {
        let mut queue: Vec<PathBuf> = self
            .always
            .iter()
            .filter(|p| !read.visited.contains(*p))
            .cloned()
            .collect();
        if queue.is_empty() {
            return;
        }
        let mut allocator = Allocator::default();
        let mut buffer = Buffer::default();
        while let Some(path) = queue.pop() {
            if read.visited.contains(&path) {
                continue;
            }
            let (parsed, css, modules) =
                (read.parsed.len(), read.css.len(), read.module_imports.len());
            self.read_one(&path, &mut allocator, &mut buffer, read, Checked::No);
            let mut specifiers: Vec<String> = read.parsed[parsed..]
                .iter()
                .flat_map(|f| f.imports.iter().map(|i| i.source.clone()))
                .collect();
            specifiers.extend(
                read.css[css..]
                    .iter()
                    .filter(|c| c.local)
                    .map(|c| c.sheet.clone()),
            );
            specifiers.extend(
                read.module_imports[modules..]
                    .iter()
                    .flat_map(|(_, s)| s.iter().cloned()),
            );
            for specifier in specifiers {
                let specifier = crate::facts::strip_query(&specifier);
                if !read::is_local_module(specifier) {
                    continue;
                }
                let style = Path::new(specifier)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| STYLE_EXTENSIONS.contains(&e));
                let target = if style {
                    local_path(self.project, &path, specifier)
                } else {
                    self.resolve(&path, specifier)
                };
                if let Some(target) = target.filter(|t| !read.visited.contains(t)) {
                    queue.push(target);
                }
            }
        }
    }

    /// Reads the source files of the workspace packages the app depends on
    /// (see [`Project::workspace_packages`]) under their `node_modules`
    /// link, as the walk reads the app's own: their components and widgets
    /// are the app's code.
    pub(super) fn read_workspace_packages(&self, read: &mut Read) {
        let mut allocator = Allocator::default();
        let mut buffer = Buffer::default();
        for package in &self.project.workspace_packages {
            let walker = ignore::WalkBuilder::new(&package.source_dir)
                .hidden(true)
                .require_git(false)
                .filter_entry(|entry| {
                    !(entry.file_type().is_some_and(|t| t.is_dir())
                        && entry
                            .file_name()
                            .to_str()
                            .is_some_and(|n| SKIPPED_DIRS.contains(&n)))
                })
                .build();
            let files = walker
                .flatten()
                .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
                .take(MAX_PACKAGE_FILES);
            // The package's link was checked to lead into the workspace
            // (see `workspace_packages`): its files are read through it.
            for entry in files {
                if let Ok(inner) = entry.path().strip_prefix(&package.source_dir) {
                    let relative = package.dir.join(inner);
                    if !read.visited.contains(&relative) {
                        self.read_one(
                            &relative,
                            &mut allocator,
                            &mut buffer,
                            read,
                            Checked::Walked,
                        );
                    }
                }
            }
        }
    }

    /// The text of `relative`: its staged content under `--staged` when
    /// git's index holds it, else the file on disk. `None` when it cannot
    /// be read.
    pub(super) fn load<'b>(&self, relative: &Path, buffer: &'b mut Buffer) -> Option<Text<'b>> {
        // Git stages a link as its target's name: read what it links to.
        let link = || {
            self.root
                .join(relative)
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        };
        if let Some(blob) = self
            .index
            .filter(|_| !link())
            .and_then(|index| index.read(relative))
        {
            buffer.data = blob;
            return Some(Text::decode(&buffer.data));
        }
        buffer
            .read(&self.root.join(relative))
            .ok()
            .map(Text::decode)
    }

    /// The project file a local import of `from` refers to.
    pub(super) fn resolve(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        specifier::resolve_module(self.root, from, specifier, &self.project.module_paths)
    }
}

/// One walker thread's results, handed over when the thread is done.
struct Local<'s> {
    shared: &'s Mutex<Read>,
    read: Read,
    allocator: Allocator,
    buffer: Buffer,
}

impl Drop for Local<'_> {
    fn drop(&mut self) {
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        shared.parsed.append(&mut self.read.parsed);
        shared.skipped.append(&mut self.read.skipped);
        shared.css.append(&mut self.read.css);
        shared.links_outside.append(&mut self.read.links_outside);
        shared.module_imports.append(&mut self.read.module_imports);
        shared.seen += self.read.seen;
        shared.visited.extend(self.read.visited.drain());
        shared.mentions.append(&mut self.read.mentions);
    }
}
