//! Entry files: `index.html`'s module script, `src/main.*`, `src/index.*`,
//! `src/App.*`, the Vite config, and the Next.js root (layout or `_app`).

use std::path::{Path, PathBuf};

use crate::project::{Entries, Framework, NextInfo};

const SCRIPT_EXTENSIONS: [&str; 4] = ["tsx", "jsx", "ts", "js"];

/// Finds the entry files of the app at `root`.
pub fn detect(root: &Path, framework: Framework, next: Option<&NextInfo>) -> Entries {
    let html_module_script = html_module_script(root);
    let main = html_module_script
        .clone()
        .filter(|p| root.join(p).is_file())
        .or_else(|| first_existing(root, &["src/main", "src/index"]));
    let app = first_existing(root, &["src/App", "src/app"]);
    let vite_config = [
        "vite.config.ts",
        "vite.config.mts",
        "vite.config.js",
        "vite.config.mjs",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|f| root.join(f).is_file());
    let next_root = next.and_then(|next| {
        let app_layout = next.app_dir.as_ref().map(|dir| dir.join("layout"));
        let pages_app = next.pages_dir.as_ref().map(|dir| dir.join("_app"));
        [app_layout, pages_app]
            .into_iter()
            .flatten()
            .find_map(|stem| first_existing(root, &[&stem.to_string_lossy()]))
    });
    Entries {
        html_module_script: html_module_script.filter(|_| framework == Framework::Vite),
        main: main.filter(|_| framework != Framework::NextJs),
        app: app.filter(|_| framework != Framework::NextJs),
        vite_config,
        next_root,
    }
}

fn first_existing(root: &Path, stems: &[&str]) -> Option<PathBuf> {
    stems.iter().find_map(|stem| {
        SCRIPT_EXTENSIONS
            .iter()
            .map(|ext| PathBuf::from(format!("{stem}.{ext}")))
            .find(|p| root.join(p).is_file())
    })
}

/// The `src` of the first `<script type="module" src="...">` in index.html.
fn html_module_script(root: &Path) -> Option<PathBuf> {
    let html = std::fs::read_to_string(root.join("index.html")).ok()?;
    html.match_indices("<script").find_map(|(start, _)| {
        let tag_end = html[start..].find('>')? + start;
        let tag = &html[start..tag_end];
        if !tag.contains("module") {
            return None;
        }
        let src = attribute(tag, "src")?;
        Some(PathBuf::from(src.trim_start_matches('/')))
    })
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let at = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    value.find(quote).map(|end| &value[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_script_src() {
        let tag = r#"<script type="module" src="/src/main.tsx""#;
        assert_eq!(attribute(tag, "src"), Some("/src/main.tsx"));
    }
}
