//! The scan: one `.gitignore`-aware walk of the project (skipping
//! `node_modules`, build output and hidden folders), reading each source
//! file once and parsing it with oxc only when it can hold a fact.
//!
//! Every fact the checks use needs one of a few words in the file's text
//! (see [`NEEDLES`]), so a file without any of them is not parsed: that is
//! what makes `verify` fast on big apps. Entry files (the app root) are
//! always parsed. A second, small pass parses the local modules that token
//! modules, route handlers and root files import, the client files that
//! may import a module holding the secret key, (transitively) the local
//! components rendered by files that mint their own widget token, and the
//! local modules that files rendering widgets import (transitively through
//! modules that read a React context: the hooks and contexts a widget's
//! token comes through).
//!
//! The app root files, and the local modules and stylesheets they import,
//! are read even when `.gitignore` ignores them (the walk skips ignored
//! files). Under `--staged` the files are read from git's index (the
//! content the commit will hold), through one `git cat-file --batch`
//! process; a file that is not valid UTF-8 is decoded lossily and marked
//! (WW001 reports it).
//!
//! This module holds what the scan reads and why; its parts each do one
//! job: `walk` (the first pass, the ignored roots, the workspace packages),
//! `passes` (the second pass and the render paths), `decoding` (the reused
//! read buffer, lossy UTF-8), `text_imports` (imports read from text
//! without parsing), `css` (`@import`s and local stylesheet paths),
//! `client_reach` (which
//! plain modules reach the browser), `import_graph`, `render_paths`,
//! `installed` and `staged`.

mod client_reach;
mod css;
mod decoding;
mod import_graph;
mod installed;
mod passes;
mod render_paths;
pub mod staged;
mod text_imports;
mod walk;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use workos_widgets_core::project::Project;
use workos_widgets_core::{env_files, manifest::Manifest};

use crate::facts::{CssImport, Facts, SourceFile};
use workos_widgets_core::specifier::SOURCE_EXTENSIONS;

pub(crate) use css::local_path;

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
    workos_widgets_core::facts::barrels::resolve(
        &project.root,
        &project.module_paths,
        &mut read.parsed,
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use workos_widgets_core::facts::read;
    use workos_widgets_core::facts::{JsxKind, SourceFile};
    use workos_widgets_core::js;

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
}
