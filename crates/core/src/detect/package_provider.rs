//! Provider components of workspace packages (`import { AppProviders }
//! from '@acme/ui'`, where `@acme/ui` is a package of the monorepo that the
//! package manager linked into `node_modules`, see
//! [`super::workspace_packages`]): the package's entry is read and the
//! named component followed through re-exports and local components to
//! tell whether it renders a `QueryClientProvider` around what it is
//! given. Only then can a component inside it read the app's client with
//! `useQueryClient()`. Nothing outside the package's folder is read.

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;

use super::workspace_packages::WorkspacePackage;
use crate::facts::render::{Export, SlotKind};
use crate::facts::{self, JsxKind, SourceFile};
use crate::specifier::{self, SOURCE_EXTENSIONS};
use crate::{js, links};

/// How many files are followed inside the package, at most.
const MAX_HOPS: usize = 12;

/// Whether the component `export` of the package module `source` (a bare
/// specifier) is a component of one of the workspace `packages` that
/// renders a `QueryClientProvider` around its children. Anything that
/// cannot be read or followed answers `false`.
pub fn provides_query_client(packages: &[WorkspacePackage], source: &str, export: &str) -> bool {
    let (name, subpath) = split_specifier(source);
    let Some(package) = packages.iter().find(|p| p.name == name) else {
        return false;
    };
    let Some(entry) = entry_file(package, &subpath) else {
        return false;
    };
    let mut hops = 0;
    Follow {
        dir: &package.source_dir,
        hops: &mut hops,
    }
    .export_provides(&entry, export)
}

/// `@scope/name/sub` -> (`@scope/name`, `./sub`); `name` -> (`name`, `.`).
fn split_specifier(source: &str) -> (&str, String) {
    let parts: Vec<&str> = source.splitn(3, '/').collect();
    let name_len = match parts.as_slice() {
        [scope, name, ..] if scope.starts_with('@') => scope.len() + 1 + name.len(),
        [name, ..] => name.len(),
        [] => 0,
    };
    let rest = &source[name_len..];
    let subpath = if rest.is_empty() {
        ".".to_owned()
    } else {
        format!(".{rest}")
    };
    (&source[..name_len], subpath)
}

/// The source file of `subpath` (`.`, `./sub`) of `package`, relative to
/// its folder: its entry point, else `src/index.*` / `src/<sub>.*`.
fn entry_file(package: &WorkspacePackage, subpath: &str) -> Option<PathBuf> {
    let rest = subpath.trim_start_matches('.').trim_start_matches('/');
    let fallback = if rest.is_empty() {
        "./src/index".to_owned()
    } else {
        format!("./src/{rest}")
    };
    package
        .entries
        .iter()
        .filter(|(entry, _)| entry == subpath)
        .map(|(_, target)| target.clone())
        .chain(std::iter::once(fallback))
        .find_map(|target| {
            if target.ends_with(".d.ts") {
                return None;
            }
            let relative = if target.starts_with('.') {
                target
            } else {
                format!("./{target}")
            };
            specifier::resolve_local(
                &package.source_dir,
                Path::new("package.json"),
                &relative,
                None,
            )
        })
}

/// A bounded walk through the package's files.
struct Follow<'f> {
    dir: &'f Path,
    hops: &'f mut usize,
}

impl Follow<'_> {
    /// The facts of `relative` (to the package folder), when it parses.
    fn read(&mut self, relative: &Path) -> Option<SourceFile> {
        *self.hops += 1;
        if *self.hops > MAX_HOPS {
            return None;
        }
        let path = self.dir.join(relative);
        let is_source = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e));
        if !is_source {
            return None;
        }
        let text = links::read_inside(self.dir, &path).ok()?;
        let allocator = Allocator::default();
        let program = js::parse(&allocator, &path, &text).ok()?;
        let mut file = SourceFile::new(relative.to_path_buf(), text.clone());
        facts::read::extract(&mut file, &program);
        Some(file)
    }

    /// Whether the export `name` of `relative` provides a query client.
    fn export_provides(&mut self, relative: &Path, name: &str) -> bool {
        let Some(file) = self.read(relative) else {
            return false;
        };
        self.export_in(&file, name)
    }

    fn export_in(&mut self, file: &SourceFile, name: &str) -> bool {
        for export in &file.render.exports {
            match export {
                Export::Local { exported, local } if exported == name => {
                    return self.component_in(file, local);
                }
                Export::From {
                    exported,
                    imported,
                    source,
                } if exported == name => {
                    return self
                        .local_file(file, source)
                        .is_some_and(|target| self.export_provides(&target, imported));
                }
                _ => {}
            }
        }
        let stars: Vec<String> = file
            .render
            .exports
            .iter()
            .filter_map(|e| match e {
                Export::Star { source } => Some(source.clone()),
                _ => None,
            })
            .collect();
        stars.iter().any(|source| {
            self.local_file(file, source)
                .is_some_and(|target| self.export_provides(&target, name))
        })
    }

    /// Whether the component `local` defined in (or imported into) `file`
    /// renders a `QueryClientProvider` around its children: directly, or
    /// through another local component that does.
    fn component_in(&mut self, file: &SourceFile, local: &str) -> bool {
        if let Some((import, imported)) = file.import_of(local) {
            let (source, imported) = (import.source.clone(), imported.to_owned());
            return self
                .local_file(file, &source)
                .is_some_and(|target| self.export_provides(&target, &imported));
        }
        let render = &file.render;
        let Some(definition) = render.definitions.iter().position(|d| d.name == local) else {
            return false;
        };
        let inside = |owner: Option<usize>| {
            let mut at = owner;
            while let Some(index) = at {
                if index == definition {
                    return true;
                }
                at = render.definitions.get(index).and_then(|d| d.parent);
            }
            false
        };
        let wrappers: Vec<usize> = render
            .slots
            .iter()
            .filter(|slot| slot.kind == SlotKind::Children && inside(slot.owner))
            .flat_map(|slot| slot.ancestors.iter().copied())
            .collect();
        if wrappers.iter().any(|&i| {
            file.jsx
                .get(i)
                .is_some_and(|e| e.kind == JsxKind::QueryClientProvider)
        }) {
            return true;
        }
        let names: Vec<String> = wrappers
            .iter()
            .filter_map(|&i| file.jsx.get(i))
            .filter(|e| matches!(e.kind, JsxKind::Local | JsxKind::Other))
            .map(|e| e.name.clone())
            .filter(|name| name != local && !name.contains('.'))
            .collect();
        names.iter().any(|name| self.component_in(file, name))
    }

    /// The package file a relative import of `file` names.
    fn local_file(&self, file: &SourceFile, source: &str) -> Option<PathBuf> {
        source
            .starts_with('.')
            .then(|| specifier::resolve_local(self.dir, &file.path, source, None))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    const PROVIDERS: &str = "import { QueryClient, QueryClientProvider } from '@tanstack/react-query'\nimport { useState } from 'react'\nexport function AppProviders({ children }) {\n  const [client] = useState(() => new QueryClient())\n  return <QueryClientProvider client={client}><Tooltips>{children}</Tooltips></QueryClientProvider>\n}\nexport function Tooltips({ children }) {\n  return <div role=\"tooltip\">{children}</div>\n}\nexport function Outer({ children }) {\n  return <main><AppProviders>{children}</AppProviders></main>\n}\n";

    #[test]
    fn follows_a_workspace_package_to_the_component_that_provides_the_client() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                (
                    "src/index.ts",
                    "export * from './providers'\nexport { Button } from './button'\n",
                ),
                ("src/providers.tsx", PROVIDERS),
            ],
        );
        let packages = [WorkspacePackage {
            name: "@acme/ui".to_owned(),
            dir: PathBuf::from("node_modules/@acme/ui"),
            source_dir: root.to_path_buf(),
            entries: vec![
                (".".to_owned(), "./src/index.ts".to_owned()),
                ("./providers".to_owned(), "./src/providers.tsx".to_owned()),
            ],
        }];
        assert!(provides_query_client(&packages, "@acme/ui", "AppProviders"));
        assert!(
            provides_query_client(&packages, "@acme/ui", "Outer"),
            "through a local component"
        );
        assert!(provides_query_client(
            &packages,
            "@acme/ui/providers",
            "AppProviders"
        ));
        assert!(!provides_query_client(&packages, "@acme/ui", "Tooltips"));
        assert!(!provides_query_client(&packages, "@acme/ui", "Button"));
        assert!(!provides_query_client(
            &packages,
            "@acme/other",
            "AppProviders"
        ));
    }
}
