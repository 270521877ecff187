//! The facts `verify` works from: the project model plus what the scan read
//! from each source file (see [`workos_widgets_core::facts`]), gathered once
//! and shared by every check.

use std::path::{Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::catalog::Widget;
use workos_widgets_core::env_files::EnvVar;
pub use workos_widgets_core::facts::{
    AttributeFact, Binding, EnvAccess, EnvRead, ImportFact, JsxFact, JsxKind, NewWorkOs,
    RenderCall, RequestRead, ScopesArg, SourceFile, Span, StringFact, TokenCall, TokenMethod,
    ValueKind, is_package, strip_query,
};

/// Everything the checks read.
#[derive(Debug)]
pub struct Facts {
    pub project: Project,
    /// The source files that were parsed (those that can hold a fact),
    /// sorted by path.
    pub files: Vec<SourceFile>,
    /// Stylesheet imports found in `.css`/`.scss` files.
    pub css_imports: Vec<CssImport>,
    /// Variables from `.env` and `.env.local`.
    pub env_vars: Vec<EnvVar>,
    /// `.env`/`.env.local` files that exist and git does not ignore.
    pub unignored_env_files: Vec<&'static str>,
    /// Whether every source file was considered (false under `--staged`):
    /// checks that need the whole project stay silent otherwise.
    pub complete: bool,
    /// How many source files the walk found.
    pub files_seen: usize,
    /// Installed packages' manifests, read from `node_modules`.
    pub installed: Installed,
    /// The files that render the app root: the Vite/CRA entry and App
    /// component, the Next.js `app/layout` and `pages/_app`, Remix/React
    /// Router's `app/root`, TanStack Start's `routes/__root`. Always parsed.
    pub root_paths: Vec<PathBuf>,
    /// For source files that were read but not parsed: the local and
    /// stylesheet specifiers of their `import` statements, in order (read
    /// from the text), for the module-order walk of WW204.
    pub module_imports: std::collections::HashMap<PathBuf, Vec<String>>,
    /// For React Router, Remix and TanStack Start apps (empty otherwise):
    /// each file read with the local files it imports for their values.
    pub import_graph: std::collections::HashMap<PathBuf, Vec<PathBuf>>,
    /// Source files and stylesheets (relative to the root) that a symbolic
    /// link leads out of the project: never read (WW002).
    pub links_outside: Vec<PathBuf>,
}

impl Facts {
    /// The parsed file at `path` (relative to the root).
    pub fn file(&self, path: &Path) -> Option<&SourceFile> {
        self.files
            .binary_search_by(|f| f.path.as_path().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }

    /// The parsed files that render the app root (see [`Facts::root_paths`]).
    pub fn root_files(&self) -> impl Iterator<Item = &SourceFile> {
        self.root_paths.iter().filter_map(|path| self.file(path))
    }

    /// Every widget element, with its file.
    pub fn widget_elements(
        &self,
    ) -> impl Iterator<Item = (&SourceFile, &JsxFact, &'static Widget)> {
        self.files.iter().flat_map(|file| {
            file.jsx
                .iter()
                .filter_map(move |element| match element.kind {
                    JsxKind::Widget(widget) => Some((file, element, widget)),
                    _ => None,
                })
        })
    }

    /// The files that call `widgets.getToken`/`widgets.createToken`.
    pub fn token_modules(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().filter(|f| !f.token_calls.is_empty())
    }
}

/// Installed package manifests that the dependency checks need.
#[derive(Debug, Default)]
pub struct Installed {
    /// `peerDependencies` of the installed `@workos-inc/widgets`.
    pub widgets_peers: Vec<(String, String)>,
    /// Versions of the widgets' peers as the widgets package resolves them
    /// (pnpm keeps them beside it, npm hoists them).
    pub peer_versions: Vec<(String, String)>,
}

/// A stylesheet `@import` in a CSS file: of a widget stylesheet, or of a
/// local CSS file.
#[derive(Debug, Clone)]
pub struct CssImport {
    pub file: PathBuf,
    /// One of the widget stylesheets, or (when `local`) the specifier of a
    /// local CSS file (`./vendor.css`).
    pub sheet: String,
    /// An `@import` of a local CSS file, for the module-order walk.
    pub local: bool,
    /// 1-based line of the `@import`.
    pub line: usize,
}

/// The facts of one file read from `text`, its contents: a fix step reads
/// the file as the steps before it left it.
pub fn read_text(path: &Path, text: &str, program: &oxc_ast::ast::Program<'_>) -> SourceFile {
    let mut file = SourceFile::new(path.to_path_buf(), text.to_owned());
    workos_widgets_core::facts::read::extract(&mut file, program);
    file
}
