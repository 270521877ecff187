//! Providers already rendered by the entry files: `QueryClientProvider`
//! (and its `client`), Radix `Theme`, `WorkOsWidgets`.

use std::path::Path;

use oxc_allocator::Allocator;

use crate::ProjectError;
use crate::error::read_to_string;
use crate::js;
use crate::project::{Entries, ProviderUse, Providers};

/// Scans the entry files for providers. A file that does not parse is an
/// error: every command needs these files readable.
pub fn detect(root: &Path, entries: &Entries) -> Result<Providers, ProjectError> {
    let mut providers = Providers::default();
    let files = [&entries.main, &entries.app, &entries.next_root];
    for relative in files.into_iter().flatten() {
        let path = root.join(relative);
        let text = read_to_string(&path)?;
        let allocator = Allocator::default();
        let program = js::parse(&allocator, &path, &text)?;
        for element in js::jsx_elements(&program) {
            let slot = match element.name.as_str() {
                "QueryClientProvider" => &mut providers.query_client_provider,
                "Theme" => &mut providers.theme,
                "WorkOsWidgets" => &mut providers.workos_widgets,
                _ => continue,
            };
            if slot.is_none() {
                let (line, column) = js::line_col(&text, element.start);
                *slot = Some(ProviderUse {
                    file: relative.clone(),
                    line,
                    column,
                    client: element.attribute("client").and_then(|a| a.value.clone()),
                });
            }
        }
    }
    Ok(providers)
}
