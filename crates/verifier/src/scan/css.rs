//! Stylesheets: the `@import`s of a CSS file, and the project path of a
//! local stylesheet import.

use std::path::{Component, Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::css::CssTarget;

use crate::facts::CssImport;

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
    use crate::scan::STYLESHEETS;

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
}
