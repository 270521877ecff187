//! Providers already rendered by the entry files: `QueryClientProvider`
//! (and its `client`), Radix `Theme`, `WorkOsWidgets`. For a Next.js root,
//! the local components that wrap the page (e.g. a `"use client"`
//! `app/providers.tsx`) are read too.

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;

use crate::ProjectError;
use crate::error::read_to_string;
use crate::js;
use crate::project::{Entries, ProviderUse, Providers};
use crate::specifier::{self, PathAlias};

/// Scans the entry files for providers. An entry file that does not parse is
/// an error: every command needs these files readable. A wrapper component
/// of a Next.js root that does not parse is skipped.
pub fn detect(
    root: &Path,
    entries: &Entries,
    alias: Option<&PathAlias>,
) -> Result<Providers, ProjectError> {
    let mut providers = Providers::default();
    for relative in [&entries.main, &entries.app].into_iter().flatten() {
        let path = root.join(relative);
        let text = read_to_string(&path)?;
        let allocator = Allocator::default();
        let program = js::parse(&allocator, &path, &text)?;
        record(&mut providers, relative, &text, &program);
    }
    if let Some(next_root) = &entries.next_root {
        let path = root.join(next_root);
        let text = read_to_string(&path)?;
        let allocator = Allocator::default();
        let program = js::parse(&allocator, &path, &text)?;
        record(&mut providers, next_root, &text, &program);
        for wrapper in page_wrappers(root, next_root, &program, alias) {
            let path = root.join(&wrapper);
            let Ok(text) = read_to_string(&path) else {
                continue;
            };
            let allocator = Allocator::default();
            if let Ok(program) = js::parse(&allocator, &path, &text) {
                record(&mut providers, &wrapper, &text, &program);
            }
        }
    }
    Ok(providers)
}

/// Local files defining the components that wrap a Next.js root's page slot
/// (its JSX ancestors imported from `./...` or through the path alias).
fn page_wrappers(
    root: &Path,
    file: &Path,
    program: &oxc_ast::ast::Program<'_>,
    alias: Option<&PathAlias>,
) -> Vec<PathBuf> {
    let Some(slot) = js::page_slot(program) else {
        return Vec::new();
    };
    let imports = js::imports(program);
    let mut files: Vec<PathBuf> = slot
        .ancestors
        .iter()
        .filter_map(|name| {
            let local = name.split('.').next().unwrap_or(name);
            let import = imports
                .iter()
                .find(|i| i.locals.iter().any(|l| l == local))?;
            specifier::resolve_local(root, file, &import.source, alias)
        })
        .collect();
    files.dedup();
    files
}

fn record(
    providers: &mut Providers,
    relative: &Path,
    text: &str,
    program: &oxc_ast::ast::Program<'_>,
) {
    for element in js::jsx_elements(program) {
        let slot = match element.name.as_str() {
            "QueryClientProvider" => &mut providers.query_client_provider,
            "Theme" => &mut providers.theme,
            "WorkOsWidgets" => &mut providers.workos_widgets,
            _ => continue,
        };
        if slot.is_none() {
            let (line, column) = js::line_col(text, element.start);
            *slot = Some(ProviderUse {
                file: relative.to_path_buf(),
                line,
                column,
                client: element.attribute("client").and_then(|a| a.value.clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_query_client_in_a_wrapping_providers_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("app")).unwrap();
        std::fs::write(
            root.join("app/layout.tsx"),
            "import Providers from './providers'\nimport Nav from './nav'\nexport default function L({ children }) {\n  return <html><body><Nav /><Providers>{children}</Providers></body></html>\n}\n",
        )
        .unwrap();
        std::fs::write(
            root.join("app/providers.tsx"),
            "'use client'\nexport default function P({ children }) {\n  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>\n}\n",
        )
        .unwrap();
        std::fs::write(
            root.join("app/nav.tsx"),
            "export default function N() { return <Theme /> }\n",
        )
        .unwrap();
        let entries = Entries {
            next_root: Some(PathBuf::from("app/layout.tsx")),
            ..Entries::default()
        };
        let found = detect(root, &entries, None).unwrap();
        let qcp = found.query_client_provider.unwrap();
        assert_eq!(qcp.file, PathBuf::from("app/providers.tsx"));
        assert_eq!(qcp.client.as_deref(), Some("queryClient"));
        assert!(found.theme.is_none(), "nav.tsx does not wrap the page");
    }
}
