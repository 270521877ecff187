//! `.editorconfig`: the indentation of the section that covers JS/TS files.

use std::path::Path;

use super::{Indent, Setting};

/// `indent_style`/`indent_size` of the `.editorconfig` section that covers
/// JS/TS files (`[*]`, `[*.{js,ts}]`, ...), the last one winning.
pub(super) fn editorconfig_indent(root: &Path) -> Option<Setting<Indent>> {
    let text = crate::links::read_inside(root, &root.join(".editorconfig")).ok()?;
    let mut applies = false;
    let mut style: Option<String> = None;
    let mut size: Option<usize> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with(['#', ';']) || line.is_empty() {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            applies = section == "*"
                || ["js", "jsx", "ts", "tsx"]
                    .iter()
                    .any(|ext| section.contains(ext));
            continue;
        }
        if !applies {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match key.trim().to_ascii_lowercase().as_str() {
            "indent_style" => style = Some(value),
            "indent_size" => size = value.parse().ok(),
            _ => {}
        }
    }
    let indent = match (style.as_deref(), size) {
        (Some("tab"), _) => Indent::Tabs,
        (Some("space"), size) => Indent::Spaces(size.unwrap_or(2)),
        (None, Some(size)) => Indent::Spaces(size),
        _ => return None,
    };
    Some(Setting::new(indent, ".editorconfig"))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, DOUBLE_SEMI_SRC, check};
    use super::super::{Indent, Quote};

    #[test]
    fn editorconfig_sets_the_indentation_a_formatter_or_the_sources_leave() {
        let cases: Vec<Case> = vec![
            (
                "editorconfig under prettier",
                vec![
                    (".prettierrc", "{}"),
                    (".editorconfig", "root = true\n[*]\nindent_style = tab\n"),
                ],
                (Quote::Double, true, Indent::Tabs, "Prettier default"),
            ),
            (
                "editorconfig and sources",
                vec![
                    DOUBLE_SEMI_SRC,
                    (".editorconfig", "[*.{js,ts}]\nindent_size = 2\n"),
                ],
                (
                    Quote::Double,
                    true,
                    Indent::Spaces(2),
                    "majority of 1 source files",
                ),
            ),
        ];
        check(cases);
    }
}
