//! Prettier: its config files in the order it searches them, and the
//! settings they state.

use std::path::Path;

use super::config::{Value, flat_lines, object_entries};
use super::{Partial, Quote, TrailingComma};

/// Prettier's config files, in the order Prettier searches them.
const PRETTIER_FILES: &[&str] = &[
    ".prettierrc",
    ".prettierrc.json",
    ".prettierrc.yaml",
    ".prettierrc.yml",
    ".prettierrc.json5",
    ".prettierrc.js",
    ".prettierrc.mjs",
    ".prettierrc.cjs",
    ".prettierrc.ts",
    ".prettierrc.mts",
    ".prettierrc.cts",
    "prettier.config.js",
    "prettier.config.mjs",
    "prettier.config.cjs",
    "prettier.config.ts",
    "prettier.config.mts",
    "prettier.config.cts",
    ".prettierrc.toml",
];

/// The first Prettier config in `dir`: its name and settings (`None` when
/// they cannot be read statically).
pub(super) fn prettier_config(boundary: &Path, dir: &Path) -> Option<(String, Option<Partial>)> {
    for name in PRETTIER_FILES {
        let path = dir.join(name);
        let Ok(text) = crate::links::read_inside(boundary, &path) else {
            continue;
        };
        let partial = if name.ends_with(".toml") {
            Some(prettier_partial(&flat_lines(&text, '=')))
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            Some(prettier_partial(&flat_lines(&text, ':')))
        } else if *name == ".prettierrc" && !text.trim_start().starts_with('{') {
            // `.prettierrc` is JSON or YAML.
            Some(prettier_partial(&flat_lines(&text, ':')))
        } else if name.contains(".json") || *name == ".prettierrc" {
            object_entries(&path, &text, true).map(|e| prettier_partial(&e))
        } else {
            object_entries(&path, &text, false).map(|e| prettier_partial(&e))
        };
        return Some(((*name).to_owned(), partial));
    }
    let package = crate::links::read_inside(boundary, &dir.join("package.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&package).ok()?;
    let config = value.get("prettier")?;
    let partial = config.as_object().map(|map| {
        let entries: Vec<(String, Value)> = map
            .iter()
            .filter_map(|(k, v)| Value::from_json(v).map(|v| (k.clone(), v)))
            .collect();
        prettier_partial(&entries)
    });
    Some(("package.json#prettier".to_owned(), partial))
}

fn prettier_partial(entries: &[(String, Value)]) -> Partial {
    let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let quote = |v: &Value| {
        v.as_bool()
            .map(|single| if single { Quote::Single } else { Quote::Double })
    };
    Partial {
        quote: get("singleQuote").and_then(quote),
        jsx_quote: get("jsxSingleQuote").and_then(quote),
        semicolons: get("semi").and_then(Value::as_bool),
        tabs: get("useTabs").and_then(Value::as_bool),
        width: get("tabWidth").and_then(Value::as_usize),
        trailing_comma: get("trailingComma")
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "all" => Some(TrailingComma::All),
                "es5" => Some(TrailingComma::Es5),
                "none" => Some(TrailingComma::None),
                _ => None,
            }),
        print_width: get("printWidth").and_then(Value::as_usize),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, DOUBLE_SEMI_SRC, check};
    use super::super::{Indent, Quote};

    #[test]
    fn reads_each_prettier_config_kind() {
        let cases: Vec<Case> = vec![
            (
                ".prettierrc json",
                vec![(".prettierrc", "{\"semi\": false, \"singleQuote\": true}")],
                (Quote::Single, false, Indent::Spaces(2), ".prettierrc"),
            ),
            (
                ".prettierrc yaml",
                vec![(
                    ".prettierrc",
                    "semi: false\nsingleQuote: true\ntabWidth: 4\n",
                )],
                (Quote::Single, false, Indent::Spaces(4), ".prettierrc"),
            ),
            (
                ".prettierrc.json defaults",
                vec![
                    (".prettierrc.json", "{}"),
                    ("src/a.ts", "import a from 'a'\n"),
                ],
                (Quote::Double, true, Indent::Spaces(2), "Prettier default"),
            ),
            (
                ".prettierrc.json5",
                vec![(
                    ".prettierrc.json5",
                    "// c\n{singleQuote: true, useTabs: true,}\n",
                )],
                (Quote::Single, true, Indent::Tabs, ".prettierrc.json5"),
            ),
            (
                ".prettierrc.yml",
                vec![(".prettierrc.yml", "# x\nsemi: false\n")],
                (Quote::Double, false, Indent::Spaces(2), "Prettier default"),
            ),
            (
                ".prettierrc.toml",
                vec![(".prettierrc.toml", "semi = false\nsingleQuote = true\n")],
                (Quote::Single, false, Indent::Spaces(2), ".prettierrc.toml"),
            ),
            (
                "prettier.config.mjs",
                vec![(
                    "prettier.config.mjs",
                    "/** @type {import('prettier').Config} */\nconst config = { singleQuote: true, semi: false };\nexport default config;\n",
                )],
                (
                    Quote::Single,
                    false,
                    Indent::Spaces(2),
                    "prettier.config.mjs",
                ),
            ),
            (
                ".prettierrc.cjs",
                vec![(".prettierrc.cjs", "module.exports = { tabWidth: 4 }\n")],
                (Quote::Double, true, Indent::Spaces(4), "Prettier default"),
            ),
            (
                "computed js config falls back to sources",
                vec![
                    (
                        "prettier.config.js",
                        "module.exports = { ...require('x') }\n",
                    ),
                    DOUBLE_SEMI_SRC,
                ],
                (
                    Quote::Double,
                    true,
                    Indent::Spaces(4),
                    "majority of 1 source files",
                ),
            ),
            (
                "package.json prettier key",
                vec![("package.json", "{\"prettier\": {\"singleQuote\": true}}")],
                (
                    Quote::Single,
                    true,
                    Indent::Spaces(2),
                    "package.json#prettier",
                ),
            ),
        ];
        check(cases);
    }
}
