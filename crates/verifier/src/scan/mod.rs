//! The scan: one `.gitignore`-aware walk of the project (skipping
//! `node_modules`, build output and hidden folders), reading each source
//! file once and parsing it with oxc only when it can hold a fact.
//!
//! Every fact the checks use needs one of a few words in the file's text
//! (see [`NEEDLES`]), so a file without any of them is not parsed: that is
//! what makes `verify` fast on big apps. Entry files (the app root) are
//! always parsed. A second, small pass parses the local modules that token
//! modules, route handlers and root files import, the client files that
//! may import a module holding the secret key, and (transitively) the local
//! components rendered by files that mint their own widget token.
//!
//! The app root files, and the local modules and stylesheets they import,
//! are read even when `.gitignore` ignores them (the walk skips ignored
//! files). Under `--staged` the files are read from git's index (the
//! content the commit will hold), through one `git cat-file --batch`
//! process; a file that is not valid UTF-8 is decoded lossily and marked
//! (WW001 reports it).

mod client_reach;
mod import_graph;
mod installed;
mod render_paths;
pub mod staged;

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use aho_corasick::AhoCorasick;
use oxc_allocator::Allocator;
use oxc_parser::Parser;
use workos_widgets_core::css::CssTarget;
use workos_widgets_core::facts::read;
use workos_widgets_core::framework::is_client;
use workos_widgets_core::project::Project;
use workos_widgets_core::{env_files, js, links, manifest::Manifest, nesting};

use crate::facts::{CssImport, Facts, SourceFile, Span};
use workos_widgets_core::specifier::{self, SOURCE_EXTENSIONS};

/// Words (ASCII case-insensitive) without which a file holds no fact.
pub const NEEDLES: [&str; 6] = [
    "workos",
    "widget",
    "sk_test_",
    "sk_live_",
    "queryclientprovider",
    "@radix-ui/themes",
];

pub use workos_widgets_core::catalog::STYLESHEETS;

/// Folders never walked.
const SKIPPED_DIRS: [&str; 9] = [
    "node_modules",
    "dist",
    "build",
    "out",
    "coverage",
    ".next",
    ".output",
    ".vercel",
    ".turbo",
];

/// How many files of one workspace package are read, at most.
const MAX_PACKAGE_FILES: usize = 5_000;

/// Stylesheet file extensions.
pub const STYLE_EXTENSIONS: [&str; 4] = ["css", "scss", "sass", "less"];

/// The files that render the app root, for every framework: the entry
/// module and `App`, and every root file the framework's profile names
/// (honouring `appDirectory`/`srcDirectory`).
pub fn root_paths(project: &Project) -> Vec<PathBuf> {
    let entries = &project.entries;
    let stems = project
        .profile()
        .root_stems(project.next.as_ref(), project.routes.as_ref());
    let mut paths: Vec<PathBuf> = [&entries.main, &entries.app, &entries.next_root]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    for stem in stems {
        let found = ["tsx", "jsx", "ts", "js"]
            .iter()
            .map(|ext| stem.with_extension(ext))
            .find(|p| project.root.join(p).is_file());
        paths.extend(found);
    }
    paths.sort();
    paths.dedup();
    paths
}

/// Which files to read.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every source file of the project, from the working tree.
    All,
    /// The files staged in git plus the files that define the app root and
    /// the generated token module, read from git's index (what the commit
    /// will hold); files the index does not hold are read from disk.
    Staged(std::sync::Arc<staged::Index>),
}

/// Scans `project`.
pub fn scan(project: Project, selection: &Selection) -> Facts {
    let root = project.root.clone();
    let always = root_paths(&project);
    let needles = needle_matcher();
    let index = match selection {
        Selection::All => None,
        Selection::Staged(index) => Some(index.as_ref()),
    };
    let reader = Reader {
        root: &root,
        project: &project,
        always: &always,
        needles: needles.as_ref(),
        index,
    };
    let (mut read, complete) = match selection {
        Selection::All => {
            let mut read = reader.walk();
            reader.read_ignored_roots(&mut read);
            reader.read_workspace_packages(&mut read);
            (read, true)
        }
        Selection::Staged(index) => {
            let mut wanted: Vec<PathBuf> = index.files.clone();
            wanted.extend(always.iter().cloned());
            if let Ok(Some(manifest)) = Manifest::read(&root) {
                wanted.extend(manifest.generated_paths());
            }
            wanted.sort();
            wanted.dedup();
            (reader.read_list(&wanted), false)
        }
    };
    reader.second_pass(&mut read);
    reader.parse_render_paths(&mut read);
    read.parsed.sort_by(|a, b| a.path.cmp(&b.path));
    resolve_barrels(&project, &mut read.parsed);
    // Who imports whom matters to route-module apps only (client reach,
    // the route tree): resolved once, for them.
    let import_graph = project
        .routes
        .is_some()
        .then(|| import_graph::build(&project, &read.parsed, &read.module_imports));
    if let Some(graph) = &import_graph {
        client_reach::narrow(&project, &mut read.parsed, graph, &read.skipped);
    }
    read.css
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    let mut links_outside = read.links_outside;
    links_outside.extend(project.links_outside.iter().cloned());
    links_outside.sort();
    links_outside.dedup();
    let env_vars = env_files::read_vars(&root);
    let unignored_env_files = env_files::unignored_env_files(&root)
        .into_iter()
        .filter(|f| root.join(f).is_file())
        .collect();
    Facts {
        installed: installed::read(&root),
        project,
        files: read.parsed,
        css_imports: read.css,
        env_vars,
        unignored_env_files,
        complete,
        files_seen: read.seen,
        root_paths: always,
        module_imports: read.module_imports.into_iter().collect(),
        import_graph: import_graph.unwrap_or_default(),
        links_outside,
    }
}

/// Whether a path is a source file or stylesheet the scan reads (not a
/// `.d.ts` declaration file).
fn is_scanned(relative: &Path) -> bool {
    relative
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|ext| STYLE_EXTENSIONS.contains(&ext) || SOURCE_EXTENSIONS.contains(&ext))
        && !relative.to_string_lossy().ends_with(".d.ts")
}

/// Whether a file to read was already checked for links out of the
/// project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checked {
    /// Found by the walk, which follows no link.
    Walked,
    /// Named by an import, a root path or git's index: check it.
    No,
}

/// Finds any of [`NEEDLES`], ignoring ASCII case.
fn needle_matcher() -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(NEEDLES)
        .ok()
}

/// What the first pass read.
#[derive(Default)]
struct Read {
    parsed: Vec<SourceFile>,
    /// Client files read but not parsed (no needle), with the local module
    /// paths their text mentions, for the second pass.
    skipped: Vec<(PathBuf, Vec<String>)>,
    css: Vec<CssImport>,
    seen: usize,
    /// Files read but not parsed, with their local and stylesheet import
    /// specifiers in order.
    module_imports: Vec<(PathBuf, Vec<String>)>,
    /// Every source and stylesheet file read.
    visited: HashSet<PathBuf>,
    /// Source files read but not parsed, with the local module paths their
    /// text mentions (see [`local_specifiers`]), for the render paths.
    mentions: Vec<(PathBuf, Vec<String>)>,
    /// Source and stylesheet files that a symbolic link leads out of the
    /// project: never read.
    links_outside: Vec<PathBuf>,
}

struct Reader<'r> {
    root: &'r Path,
    project: &'r Project,
    always: &'r [PathBuf],
    needles: Option<&'r AhoCorasick>,
    /// Under `--staged`: git's index, read instead of the working tree.
    index: Option<&'r staged::Index>,
}

impl Reader<'_> {
    /// Walks the whole project on two threads.
    fn walk(&self) -> Read {
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

    fn read_list(&self, paths: &[PathBuf]) -> Read {
        let mut read = Read::default();
        let mut allocator = Allocator::default();
        let mut buffer = Buffer::default();
        for path in paths {
            self.read_one(path, &mut allocator, &mut buffer, &mut read, Checked::No);
        }
        read
    }

    fn read_one(
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

    fn parse(&self, path: PathBuf, text: String, allocator: &mut Allocator) -> SourceFile {
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
    fn read_ignored_roots(&self, read: &mut Read) {
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
    fn read_workspace_packages(&self, read: &mut Read) {
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
    fn load<'b>(&self, relative: &Path, buffer: &'b mut Buffer) -> Option<Text<'b>> {
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
    fn resolve(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        specifier::resolve_module(self.root, from, specifier, &self.project.module_paths)
    }

    /// Parses the local modules that matter through an import: those of
    /// token modules, route handlers and root files, and client files that
    /// import a module holding the secret.
    fn second_pass(&self, read: &mut Read) {
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
    }

    /// Parses the files that lie between the app's roots and the files
    /// that render widgets (see [`render_paths`]), for the render graph.
    fn parse_render_paths(&self, read: &mut Read) {
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
    fn parse_closure(
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

/// The local modules whose components a file renders.
fn rendered_local_components(file: &SourceFile) -> Vec<&str> {
    file.jsx
        .iter()
        .filter(|e| e.kind == crate::facts::JsxKind::Local)
        .filter_map(|e| e.import_source.as_deref())
        .collect()
}

/// One walker thread's results, handed over when the thread is done.
struct Local<'s> {
    shared: &'s Mutex<Read>,
    read: Read,
    allocator: Allocator,
    buffer: Buffer,
}

/// A read buffer reused across files: one `open`, `read`s and `close` per
/// file, no `stat` and no allocation for files that are not kept.
#[derive(Default)]
struct Buffer {
    data: Vec<u8>,
}

impl Buffer {
    /// Reads `path`'s bytes; `Err` when it cannot be read.
    fn read(&mut self, path: &Path) -> std::io::Result<&[u8]> {
        use std::io::Read as _;
        let mut file = std::fs::File::open(path)?;
        let mut filled = 0;
        loop {
            if filled == self.data.len() {
                self.data.resize((self.data.len() * 2).max(64 * 1024), 0);
            }
            match file.read(&mut self.data[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(&self.data[..filled])
    }
}

/// A file's text: decoded lossily when it is not valid UTF-8 (each invalid
/// sequence becomes U+FFFD; the text before the first one is unchanged, so
/// offsets and lines up to there match the file).
struct Text<'b> {
    text: std::borrow::Cow<'b, str>,
    /// The offset of the first byte that is not valid UTF-8.
    invalid_at: Option<usize>,
}

impl<'b> Text<'b> {
    fn decode(bytes: &'b [u8]) -> Self {
        match std::str::from_utf8(bytes) {
            Ok(text) => Text {
                text: text.into(),
                invalid_at: None,
            },
            Err(error) => Text {
                text: String::from_utf8_lossy(bytes),
                invalid_at: Some(error.valid_up_to()),
            },
        }
    }
}

/// Quoted strings that look like local module paths (`'./x'`, `"../x"`,
/// `'@/x'`, `'~/x'`): a cheap over-approximation of a file's local imports.
fn local_specifiers(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for at in memchr::memchr2_iter(b'\'', b'"', bytes) {
        let rest = &text[at + 1..];
        if !["./", "../", "@/", "~/"]
            .iter()
            .any(|p| rest.starts_with(p))
        {
            continue;
        }
        let quote = bytes[at] as char;
        if let Some(end) = rest.find([quote, '\n']) {
            found.push(rest[..end].to_owned());
        }
    }
    found.sort();
    found.dedup();
    found
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

/// The specifiers of a file's `import` statements that matter for the
/// order stylesheets load in (local modules and stylesheets), in order,
/// read from the text: statements that start a line (or follow a `;`),
/// `import 'x'` and `import ... from 'x'`; `import type` is skipped.
pub(crate) fn ordered_imports(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("import") {
        let before = text[..at].trim_end_matches([' ', '\t']);
        if !(before.is_empty() || before.ends_with(['\n', ';'])) {
            continue;
        }
        let rest = &text[at + "import".len()..];
        if !rest.starts_with([' ', '\t', '\n', '\r', '\'', '"', '{', '*']) {
            continue;
        }
        let head = rest.trim_start();
        if head.starts_with("type ") || head.starts_with("type{") {
            continue;
        }
        let specifier = match head.chars().next() {
            Some(quote @ ('\'' | '"')) => quoted(&head[1..], quote),
            _ => {
                let mut end = head.find(';').unwrap_or(head.len()).min(4000);
                while !head.is_char_boundary(end) {
                    end -= 1;
                }
                let window = &head[..end];
                window.match_indices("from").find_map(|(from, _)| {
                    let preceded = window[..from]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_whitespace() || c == '}' || c == '*');
                    let after = window[from + "from".len()..].trim_start();
                    match after.chars().next() {
                        Some(quote @ ('\'' | '"')) if preceded => quoted(&after[1..], quote),
                        _ => None,
                    }
                })
            }
        };
        if let Some(specifier) = specifier
            && (read::is_local_module(specifier)
                || STYLESHEETS.contains(&crate::facts::strip_query(specifier)))
        {
            found.push(specifier.to_owned());
        }
    }
    found
}

/// The text up to the closing `quote` (on the same line).
fn quoted(body: &str, quote: char) -> Option<&str> {
    body.find([quote, '\n'])
        .filter(|&end| body[end..].starts_with(quote))
        .map(|end| &body[..end])
}

/// Local components that a barrel module re-exports from
/// `@workos-inc/widgets` are widgets (or the root) too.
fn resolve_barrels(project: &Project, files: &mut [SourceFile]) {
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

/// Whether a file reads the secret key, creates the WorkOS client or
/// imports `@workos-inc/node` for its values (a type-only import is erased
/// when compiled and ships nothing).
pub fn holds_secret(file: &SourceFile) -> bool {
    file.env_reads.iter().any(|r| r.name == "WORKOS_API_KEY")
        || !file.new_workos.is_empty()
        || file
            .imports
            .iter()
            .any(|i| !i.type_only && crate::facts::is_package(&i.source, "@workos-inc/node"))
}

/// The name an import of `path` is likely to contain: the file stem, or
/// the folder name for an `index` file.
pub(crate) fn module_stem(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    if stem == "index" {
        return path.parent()?.file_name()?.to_str().map(str::to_owned);
    }
    Some(stem.to_owned())
}

/// A Next.js route handler: `app/**/route.*` or `pages/api/**`.
pub fn is_next_route(project: &Project, path: &Path) -> bool {
    let Some(next) = &project.next else {
        return false;
    };
    let in_app = next
        .app_dir
        .as_ref()
        .is_some_and(|dir| path.starts_with(dir))
        && path.file_stem().is_some_and(|s| s == "route");
    let in_api = next
        .pages_dir
        .as_ref()
        .is_some_and(|dir| path.starts_with(dir.join("api")));
    in_app || in_api
}

/// `@import`s of the widget stylesheets in a CSS file, and of local CSS
/// files (`local`, for the module-order walk): core's reading
/// ([`workos_widgets_core::css::at_imports`]), which `init` shares.
pub(crate) fn css_imports(path: &Path, text: &str) -> Vec<CssImport> {
    workos_widgets_core::css::at_imports(text)
        .into_iter()
        .map(|at| {
            let (sheet, local) = match at.target {
                CssTarget::Sheet(sheet) => (sheet.to_owned(), false),
                CssTarget::Local(specifier) => (specifier, true),
            };
            CssImport {
                file: path.to_path_buf(),
                sheet,
                local,
                line: at.line,
            }
        })
        .collect()
}

/// The project path of a local import of a file with an extension
/// (`./App.css`, `@/x.css`), without resolving anything on disk.
pub(crate) fn local_path(project: &Project, from: &Path, source: &str) -> Option<PathBuf> {
    let base = if source.starts_with('.') {
        from.parent().unwrap_or(Path::new("")).join(source)
    } else if let Some(alias) = &project.path_alias {
        alias.dir.join(source.strip_prefix(alias.prefix.as_str())?)
    } else {
        Path::new("src").join(source.get(2..)?)
    };
    let mut normal = PathBuf::new();
    for part in base.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    return None;
                }
            }
            Component::Normal(name) => normal.push(name),
            _ => return None,
        }
    }
    Some(normal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use workos_widgets_core::facts::{JsxKind, SourceFile};

    /// Each kind of fact a check reads, in the smallest code that holds it:
    /// the prefilter must let that file through, or the fact is never read.
    #[test]
    fn every_kind_of_fact_is_in_a_file_the_prefilter_parses() {
        type Holds = fn(&SourceFile) -> bool;
        let cases: [(&str, &str, Holds); 12] = [
            (
                "a widget",
                "import { UserProfile as P } from '@workos-inc/widgets'\nexport const A = () => <P authToken={t} />\n",
                |f| f.jsx.iter().any(|e| matches!(e.kind, JsxKind::Widget(_))),
            ),
            (
                "the root",
                "import * as W from '@workos-inc/widgets'\nexport const A = ({ children }) => <W.WorkOsWidgets>{children}</W.WorkOsWidgets>\n",
                |f| f.roots().next().is_some(),
            ),
            (
                "a QueryClientProvider",
                "import { QueryClientProvider as Q } from '@tanstack/react-query'\nexport const A = ({ children }) => <Q client={c}>{children}</Q>\n",
                |f| f.jsx.iter().any(|e| e.kind == JsxKind::QueryClientProvider),
            ),
            (
                "a Radix Theme",
                "import { Theme } from '@radix-ui/themes'\nexport const A = ({ children }) => <Theme>{children}</Theme>\n",
                |f| f.jsx.iter().any(|e| e.kind == JsxKind::Theme),
            ),
            (
                "a token call",
                "export const t = (w) => w.widgets.getToken({ userId, organizationId })\n",
                |f| !f.token_calls.is_empty(),
            ),
            (
                "a createToken call",
                "export const t = (w) => w.widgets.createToken({ userId, organizationId })\n",
                |f| !f.token_calls.is_empty(),
            ),
            (
                "new WorkOS",
                "import { WorkOS } from '@workos-inc/node'\nexport const w = new WorkOS(k)\n",
                |f| !f.new_workos.is_empty(),
            ),
            (
                "a key read",
                "export const k = process.env.WORKOS_API_KEY\n",
                |f| !f.env_reads.is_empty(),
            ),
            (
                "a public key read",
                "export const k = import.meta.env.VITE_WORKOS_API_KEY\n",
                |f| !f.env_reads.is_empty(),
            ),
            (
                "a scope string",
                "export const s = ['widgets:users-table:manage']\n",
                |f| !f.strings.is_empty(),
            ),
            (
                "a secret string",
                "export const k = 'sk_test_0123456789abcdefghijklmn'\n",
                |f| !f.strings.is_empty(),
            ),
            (
                "a widgets barrel",
                "export { UserProfile } from '@workos-inc/widgets'\n",
                |f| !f.widget_reexports.is_empty(),
            ),
        ];
        let needles = needle_matcher().unwrap();
        for (what, text, holds) in cases {
            let allocator = Allocator::default();
            let program = js::parse(&allocator, Path::new("a.tsx"), text).unwrap();
            let mut file = SourceFile::new("a.tsx".into(), text.to_owned());
            read::extract(&mut file, &program);
            assert!(holds(&file), "{what}: the reader finds no fact in {text:?}");
            assert!(
                needles.is_match(text),
                "{what}: the prefilter skips {text:?}"
            );
        }
    }

    #[test]
    fn finds_local_specifiers_in_text() {
        let text = "import a from './a'\nimport { b } from \"../lib/b.js\"\nconst c = require('@/c')\nimport 'react'\nconst s = '~/d'\n";
        assert_eq!(local_specifiers(text), ["../lib/b.js", "./a", "@/c", "~/d"]);
    }

    #[test]
    fn parses_the_components_a_token_minting_page_renders() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "package.json",
            r#"{ "dependencies": { "next": "16.4.0", "react": "19.2.0", "@workos-inc/widgets": "1.18.0" } }"#,
        );
        write(
            "app/layout.tsx",
            "export default function L({ children }) { return <html><body>{children}</body></html> }\n",
        );
        write(
            "app/admin/page.tsx",
            "import { WorkOS } from '@workos-inc/node'\n\
             import { Panel } from '../../components/panel'\n\
             export default async function P() {\n\
               const { token } = await new WorkOS(process.env.WORKOS_API_KEY).widgets.createToken({ organizationId: 'o' })\n\
               return <Panel token={token} />\n\
             }\n",
        );
        // No needle in these two: only the page's rendering reaches them.
        write(
            "components/panel.tsx",
            "import { Table } from './table'\nexport const Panel = ({ token }) => <section><Table token={token} /></section>\n",
        );
        write(
            "components/table.tsx",
            "import { Inner } from './inner'\nexport const Table = ({ token }) => <Inner token={token} />\n",
        );
        write("components/inner.tsx", "export const Inner = () => null\n");
        write("components/other.tsx", "export const Other = () => <p />\n");
        let project = workos_widgets_core::detect::detect(dir.path()).unwrap();
        let facts = scan(project, &Selection::All);
        for path in [
            "components/panel.tsx",
            "components/table.tsx",
            "components/inner.tsx",
        ] {
            assert!(facts.file(Path::new(path)).is_some(), "{path} not parsed");
        }
        assert!(facts.file(Path::new("components/other.tsx")).is_none());
    }

    #[test]
    fn reads_import_order_from_text() {
        let text = "import React from 'react'\nimport './a.css'\nimport {\n  fromB,\n} from \"./b\"\n\
                    import type { C } from './c'\nimport * as D from '../d'; import '@radix-ui/themes/styles.css'\n\
                    const s = \"import x from './no'\"\n  import e from '@/e'\n\
                    import {\n  é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é,\n\
                    ";
        assert_eq!(ordered_imports(text).len(), 5);
        for pad in ["", " "] {
            // The statement window (4,000 bytes) ends inside a character.
            let long = format!("{text}{pad}{}", "é".repeat(3000));
            assert_eq!(ordered_imports(&long).len(), 5);
        }
        assert_eq!(
            ordered_imports(text),
            [
                "./a.css",
                "./b",
                "../d",
                "@radix-ui/themes/styles.css",
                "@/e"
            ]
        );
    }

    #[test]
    fn reads_css_imports_in_every_form() {
        let css = "/* @import \"@radix-ui/themes/styles.css\"; */\n\
                   @import url(\"@radix-ui/themes/styles.css\") layer(radix);\n\
                   @import 'tailwindcss'; @IMPORT url(~@workos-inc/widgets/styles.css) screen;\n\
                   @import (css) \"../node_modules/@radix-ui/themes/styles.css\";\n\
                   @import \"@workos-inc/widgets/styles.css.map\";\n\
                   @import \"./vendor.css\";\n";
        let all = css_imports(Path::new("a.css"), css);
        let local: Vec<(&str, usize)> = all
            .iter()
            .filter(|c| c.local)
            .map(|c| (c.sheet.as_str(), c.line))
            .collect();
        assert_eq!(local, [("./vendor.css", 6)]);
        let found: Vec<(String, usize)> = all
            .into_iter()
            .filter(|c| !c.local)
            .map(|c| (c.sheet, c.line))
            .collect();
        assert_eq!(
            found,
            [
                (STYLESHEETS[0].to_owned(), 2),
                (STYLESHEETS[1].to_owned(), 3),
                (STYLESHEETS[0].to_owned(), 4),
            ]
        );
    }

    #[test]
    fn reuses_one_buffer_across_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = "x".repeat(100_000);
        std::fs::write(dir.path().join("big.ts"), &big).unwrap();
        std::fs::write(dir.path().join("small.ts"), "ab").unwrap();
        let mut buffer = Buffer::default();
        assert_eq!(
            buffer.read(&dir.path().join("big.ts")).unwrap().len(),
            100_000
        );
        assert_eq!(buffer.read(&dir.path().join("small.ts")).unwrap(), b"ab");
    }
}
