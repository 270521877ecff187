//! Biome: `biome.json`/`biome.jsonc` and the settings they state
//! (`javascript.formatter.*` over `formatter.*`).

use std::path::Path;

use super::config::{Value, object_entries};
use super::{Partial, Quote, TrailingComma};

/// Biome's config in `dir`: `biome.json` or `biome.jsonc`.
pub(super) fn biome_config(boundary: &Path, dir: &Path) -> Option<(String, Option<Partial>)> {
    for name in ["biome.json", "biome.jsonc"] {
        let path = dir.join(name);
        let Ok(text) = crate::links::read_inside(boundary, &path) else {
            continue;
        };
        let partial = object_entries(&path, &text, true).map(|e| biome_partial(&e));
        return Some((name.to_owned(), partial));
    }
    None
}

fn biome_partial(entries: &[(String, Value)]) -> Partial {
    let root = Value::Object(entries.to_vec());
    let general = root.get("formatter");
    let js = root.get("javascript").and_then(|j| j.get("formatter"));
    // `javascript.formatter.*` wins over `formatter.*`.
    let get = |key: &str| {
        js.and_then(|f| f.get(key))
            .or_else(|| general.and_then(|f| f.get(key)))
    };
    let quote = |v: &Value| match v.as_str() {
        Some("single") => Some(Quote::Single),
        Some("double") => Some(Quote::Double),
        _ => None,
    };
    Partial {
        quote: js.and_then(|f| f.get("quoteStyle")).and_then(quote),
        jsx_quote: js.and_then(|f| f.get("jsxQuoteStyle")).and_then(quote),
        semicolons: js
            .and_then(|f| f.get("semicolons"))
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "always" => Some(true),
                "asNeeded" => Some(false),
                _ => None,
            }),
        tabs: get("indentStyle")
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "tab" => Some(true),
                "space" => Some(false),
                _ => None,
            }),
        width: get("indentWidth").and_then(Value::as_usize),
        trailing_comma: js
            .and_then(|f| f.get("trailingCommas").or_else(|| f.get("trailingComma")))
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "all" => Some(TrailingComma::All),
                "es5" => Some(TrailingComma::Es5),
                "none" => Some(TrailingComma::None),
                _ => None,
            }),
        print_width: get("lineWidth").and_then(Value::as_usize),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{Case, check};
    use super::super::{Indent, Quote};

    #[test]
    fn reads_biomes_defaults_and_settings() {
        let cases: Vec<Case> = vec![
            (
                "biome defaults",
                vec![("biome.json", "{}")],
                (Quote::Double, true, Indent::Tabs, "Biome default"),
            ),
            (
                "biome.jsonc settings",
                vec![(
                    "biome.jsonc",
                    "{\n  // comment\n  \"formatter\": {\"indentStyle\": \"space\", \"indentWidth\": 2},\n  \"javascript\": {\"formatter\": {\"quoteStyle\": \"single\", \"semicolons\": \"asNeeded\"}},\n}\n",
                )],
                (Quote::Single, false, Indent::Spaces(2), "biome.jsonc"),
            ),
        ];
        check(cases);
    }
}
