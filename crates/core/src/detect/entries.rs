//! Entry files: `index.html`'s module script, `src/main.*`, `src/index.*`,
//! `src/App.*`, the Vite config, the Next.js root (layout or `_app`), and
//! the root module of React Router, Remix and TanStack Start.

use std::path::{Path, PathBuf};

use crate::framework::RootFiles;
use crate::project::{Entries, Framework, NextInfo, RoutesInfo};

const SCRIPT_EXTENSIONS: [&str; 4] = ["tsx", "jsx", "ts", "js"];

/// Finds the entry files of the app at `root`.
pub fn detect(
    root: &Path,
    framework: Framework,
    next: Option<&NextInfo>,
    routes: Option<&RoutesInfo>,
) -> Entries {
    let html_module_script = html_module_script(root);
    let main = html_module_script
        .clone()
        .filter(|p| root.join(p).is_file())
        .or_else(|| first_existing(root, &["src/main", "src/index"]));
    let app = first_existing(root, &["src/App", "src/app"]);
    let vite_config = crate::catalog::VITE_CONFIG_FILES
        .into_iter()
        .map(PathBuf::from)
        .find(|f| root.join(f).is_file());
    // The framework's root files, honouring appDirectory/srcDirectory.
    let profile = crate::framework::profile(framework);
    let first_stem = |stems: Vec<PathBuf>| {
        stems
            .iter()
            .find_map(|stem| first_existing(root, &[&stem.to_string_lossy()]))
    };
    let root_stems = profile.root_stems(next, routes);
    let (next_root, root_module) = match profile.root {
        RootFiles::NextRoot => (first_stem(root_stems), None),
        RootFiles::AppModule { .. } | RootFiles::RoutesModule { .. } if routes.is_some() => {
            (None, first_stem(root_stems))
        }
        _ => (None, None),
    };
    let entry_client = profile
        .client_entry_stem(routes)
        .and_then(|stem| first_stem(vec![stem]));
    // Route-module frameworks render from their root module, not src/main.
    let spa = profile.root == RootFiles::EntryModule;
    Entries {
        html_module_script: html_module_script.filter(|_| profile.html_entry),
        main: main.filter(|_| spa),
        app: app.filter(|_| spa),
        root_module,
        entry_client,
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

/// The `src` of index.html's `<script type="module" src="...">` that renders
/// the app: comments are skipped, and of several module scripts (a
/// polyfill before the app) the first whose file calls `createRoot`,
/// `hydrateRoot` or `render` wins, else the first that exists.
fn html_module_script(root: &Path) -> Option<PathBuf> {
    let html = crate::links::read_inside(root, &root.join("index.html")).ok()?;
    let html = without_comments(&html);
    let scripts: Vec<PathBuf> = html
        .match_indices("<script")
        .filter_map(|(start, _)| {
            let tag_end = html[start..].find('>')? + start;
            let tag = &html[start..tag_end];
            if !tag.contains("module") {
                return None;
            }
            let src = attribute(tag, "src")?;
            Some(PathBuf::from(src.trim_start_matches('/')))
        })
        .collect();
    let renders = |path: &PathBuf| {
        crate::links::read_inside(root, &root.join(path)).is_ok_and(|text| {
            ["createRoot", "hydrateRoot", ".render("]
                .iter()
                .any(|call| text.contains(call))
        })
    };
    scripts
        .iter()
        .find(|p| renders(p))
        .or_else(|| scripts.iter().find(|p| root.join(p).is_file()))
        .or_else(|| scripts.first())
        .cloned()
}

/// `html` with its `<!-- ... -->` comments removed.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
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
    fn takes_the_module_script_that_renders_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/polyfills.ts"), "import 'core-js'\n").unwrap();
        std::fs::write(
            root.join("src/main.tsx"),
            "createRoot(el).render(<App />)\n",
        )
        .unwrap();
        std::fs::write(
            root.join("index.html"),
            "<!-- <script type=\"module\" src=\"/src/old.tsx\"></script> -->\n<script type=\"module\" src=\"/src/polyfills.ts\"></script>\n<script type=\"module\" src=\"/src/main.tsx\"></script>\n",
        )
        .unwrap();
        assert_eq!(
            html_module_script(root),
            Some(PathBuf::from("src/main.tsx"))
        );
    }

    #[test]
    fn reads_script_src() {
        let tag = r#"<script type="module" src="/src/main.tsx""#;
        assert_eq!(attribute(tag, "src"), Some("/src/main.tsx"));
    }
}
