//! Imports read from a file's text without parsing it: the quoted local
//! module paths it mentions, and its `import` statements in order.

use workos_widgets_core::facts::read;

use super::STYLESHEETS;

/// Quoted strings that look like local module paths (`'./x'`, `"../x"`,
/// `'@/x'`, `'~/x'`): a cheap over-approximation of a file's local imports.
pub(super) fn local_specifiers(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for at in memchr::memchr2_iter(b'\'', b'"', bytes) {
        let rest = &text[at + 1..];
        if !["./", "../", "@/", "~/"]
            .iter()
            .any(|p| rest.starts_with(p))
        {
            continue;
        }
        let quote = bytes[at] as char;
        if let Some(end) = rest.find([quote, '\n']) {
            found.push(rest[..end].to_owned());
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The specifiers of a file's `import` statements that matter for the
/// order stylesheets load in (local modules and stylesheets), in order,
/// read from the text: statements that start a line (or follow a `;`),
/// `import 'x'` and `import ... from 'x'`; `import type` is skipped.
pub(crate) fn ordered_imports(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("import") {
        let before = text[..at].trim_end_matches([' ', '\t']);
        if !(before.is_empty() || before.ends_with(['\n', ';'])) {
            continue;
        }
        let rest = &text[at + "import".len()..];
        if !rest.starts_with([' ', '\t', '\n', '\r', '\'', '"', '{', '*']) {
            continue;
        }
        let head = rest.trim_start();
        if head.starts_with("type ") || head.starts_with("type{") {
            continue;
        }
        let specifier = match head.chars().next() {
            Some(quote @ ('\'' | '"')) => quoted(&head[1..], quote),
            _ => {
                let mut end = head.find(';').unwrap_or(head.len()).min(4000);
                while !head.is_char_boundary(end) {
                    end -= 1;
                }
                let window = &head[..end];
                window.match_indices("from").find_map(|(from, _)| {
                    let preceded = window[..from]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_whitespace() || c == '}' || c == '*');
                    let after = window[from + "from".len()..].trim_start();
                    match after.chars().next() {
                        Some(quote @ ('\'' | '"')) if preceded => quoted(&after[1..], quote),
                        _ => None,
                    }
                })
            }
        };
        if let Some(specifier) = specifier
            && (read::is_local_module(specifier)
                || STYLESHEETS.contains(&crate::facts::strip_query(specifier)))
        {
            found.push(specifier.to_owned());
        }
    }
    found
}

/// The text up to the closing `quote` (on the same line).
fn quoted(body: &str, quote: char) -> Option<&str> {
    body.find([quote, '\n'])
        .filter(|&end| body[end..].starts_with(quote))
        .map(|end| &body[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_local_specifiers_in_text() {
        let text = "import a from './a'\nimport { b } from \"../lib/b.js\"\nconst c = require('@/c')\nimport 'react'\nconst s = '~/d'\n";
        assert_eq!(local_specifiers(text), ["../lib/b.js", "./a", "@/c", "~/d"]);
    }

    #[test]
    fn reads_import_order_from_text() {
        let text = "import React from 'react'\nimport './a.css'\nimport {\n  fromB,\n} from \"./b\"\n\
                    import type { C } from './c'\nimport * as D from '../d'; import '@radix-ui/themes/styles.css'\n\
                    const s = \"import x from './no'\"\n  import e from '@/e'\n\
                    import {\n  é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é, é,\n\
                    ";
        assert_eq!(ordered_imports(text).len(), 5);
        for pad in ["", " "] {
            // The statement window (4,000 bytes) ends inside a character.
            let long = format!("{text}{pad}{}", "é".repeat(3000));
            assert_eq!(ordered_imports(&long).len(), 5);
        }
        assert_eq!(
            ordered_imports(text),
            [
                "./a.css",
                "./b",
                "../d",
                "@radix-ui/themes/styles.css",
                "@/e"
            ]
        );
    }
}
