//! The smallest text edit that declares entries in a package.json dependency
//! table: an entry already there gets its value replaced in place (never a
//! second key), a new one is inserted; nothing else moves, so key order,
//! one-line objects, minified files and even duplicate keys stay exactly as
//! they were.

/// One `"key": value` member of a JSON object, as byte offsets.
#[derive(Debug, Clone, Copy)]
struct Member {
    key_start: usize,
    key_end: usize,
    value_start: usize,
    value_end: usize,
}

/// An object's braces and members.
#[derive(Debug)]
struct Object {
    open: usize,
    close: usize,
    members: Vec<Member>,
}

/// `text` with `additions` (name, range) declared in the top-level object
/// `table` (created after the last member when absent): a name the table
/// already holds gets its value replaced where it is. New entries take the
/// layout of the existing ones (their indentation and `": "` spacing) and go
/// in sorted position when the existing keys are sorted, else at the end.
/// `None` when the text is not a JSON object this scanner can follow.
pub fn declare(text: &str, table: &str, additions: &[(String, String)]) -> Option<String> {
    if additions.is_empty() {
        return Some(text.to_owned());
    }
    let start = text.find('{')?;
    let top = object(text, start)?;
    let found = top
        .members
        .iter()
        .rev()
        .find(|m| key(text, m) == Some(table));
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let pretty = text[top.open..top.close].contains('\n');
    let unit = indent_unit(text, &top).unwrap_or_else(|| "  ".to_owned());
    let colon = colon_style(text, &top).unwrap_or(if pretty { ": " } else { ":" });
    match found {
        Some(member) => {
            let inner = object(text, member.value_start)?;
            Some(insert_members(
                text, &inner, additions, pretty, &unit, colon, newline, 2,
            ))
        }
        None => {
            let mut additions = additions.to_vec();
            additions.sort();
            let entries: Vec<String> = additions
                .iter()
                .map(|(name, range)| entry(name, range, colon))
                .collect();
            let body = if pretty {
                let inner_pad = unit.repeat(2);
                let lines: Vec<String> =
                    entries.iter().map(|e| format!("{inner_pad}{e}")).collect();
                format!(
                    "{{{newline}{}{newline}{unit}}}",
                    lines.join(&format!(",{newline}"))
                )
            } else {
                format!("{{{}}}", entries.join(","))
            };
            let member = format!("\"{table}\"{colon}{body}");
            let (at, insertion) = match top.members.last() {
                Some(last) if pretty => (last.value_end, format!(",{newline}{unit}{member}")),
                Some(last) => (last.value_end, format!(",{member}")),
                None if pretty => (top.open + 1, format!("{newline}{unit}{member}{newline}")),
                None => (top.open + 1, member),
            };
            Some(format!("{}{insertion}{}", &text[..at], &text[at..]))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn insert_members(
    text: &str,
    inner: &Object,
    additions: &[(String, String)],
    pretty: bool,
    unit: &str,
    colon: &str,
    newline: &str,
    depth: usize,
) -> String {
    let keys: Vec<&str> = inner.members.iter().filter_map(|m| key(text, m)).collect();
    let sorted = keys.windows(2).all(|w| w[0] <= w[1]);
    let multiline = text[inner.open..inner.close].contains('\n');
    // The whitespace before each member: copied from the first one.
    let lead = inner
        .members
        .first()
        .map(|m| text[inner.open + 1..m.key_start].to_owned())
        .filter(|lead| lead.trim().is_empty())
        .unwrap_or_else(|| {
            if pretty {
                format!("{newline}{}", unit.repeat(depth))
            } else {
                String::new()
            }
        });
    let lead = if multiline || inner.members.is_empty() {
        lead
    } else {
        lead.replace(['\r', '\n'], "")
    };
    let mut additions = additions.to_vec();
    if sorted {
        additions.sort();
    }
    // A name already in the table keeps its key and place: only its value
    // changes (every occurrence, should the file repeat the key).
    let mut replacements: Vec<(usize, usize, String)> = Vec::new();
    additions.retain(|(name, range)| {
        let existing: Vec<&Member> = inner
            .members
            .iter()
            .filter(|m| key(text, m) == Some(name.as_str()))
            .collect();
        for member in &existing {
            replacements.push((
                member.value_start,
                member.value_end,
                serde_json::Value::String(range.clone()).to_string(),
            ));
        }
        existing.is_empty()
    });
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (name, range) in &additions {
        let text_entry = entry(name, range, colon);
        let before = if sorted {
            inner
                .members
                .iter()
                .find(|m| key(text, m).is_some_and(|k| k > name.as_str()))
        } else {
            None
        };
        match (before, inner.members.last()) {
            (Some(next), _) => inserts.push((next.key_start, format!("{text_entry},{lead}"))),
            (None, Some(last)) => inserts.push((last.value_end, format!(",{lead}{text_entry}"))),
            (None, None) => {}
        }
    }
    // An empty object gets its entries joined once.
    if inner.members.is_empty() {
        let entries: Vec<String> = additions.iter().map(|(n, r)| entry(n, r, colon)).collect();
        let close_pad = if pretty {
            format!("{newline}{}", unit.repeat(depth - 1))
        } else {
            String::new()
        };
        let body = format!("{lead}{}{close_pad}", entries.join(&format!(",{lead}")));
        return format!("{}{body}{}", &text[..=inner.open], &text[inner.close..]);
    }
    // Entries bound for one offset keep their (sorted) order; edit from
    // the end so earlier offsets stay valid (an insertion right after a
    // replaced value comes first, so the two never overlap).
    let mut grouped: Vec<(usize, usize, String)> = replacements;
    for (at, piece) in inserts {
        match grouped
            .iter_mut()
            .find(|(start, end, _)| *start == at && *end == at)
        {
            Some((_, _, existing)) => existing.push_str(&piece),
            None => grouped.push((at, at, piece)),
        }
    }
    let mut out = text.to_owned();
    grouped.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    for (start, end, piece) in grouped {
        out.replace_range(start..end, &piece);
    }
    out
}

fn entry(name: &str, range: &str, colon: &str) -> String {
    format!(
        "{}{colon}{}",
        serde_json::Value::String(name.to_owned()),
        serde_json::Value::String(range.to_owned())
    )
}

/// The key of a member, unescaped only when it has no escapes.
fn key<'t>(text: &'t str, member: &Member) -> Option<&'t str> {
    let raw = &text[member.key_start + 1..member.key_end - 1];
    (!raw.contains('\\')).then_some(raw)
}

/// The indentation of the top-level members (one level).
fn indent_unit(text: &str, top: &Object) -> Option<String> {
    let first = top.members.first()?;
    let before = &text[top.open + 1..first.key_start];
    let line = before.rsplit('\n').next()?;
    (!line.is_empty() && line.trim().is_empty()).then(|| line.to_owned())
}

/// `": "` or `":"`, as the first member writes it.
fn colon_style<'t>(text: &'t str, top: &Object) -> Option<&'t str> {
    let first = top.members.first()?;
    let between = &text[first.key_end..first.value_start];
    Some(if between.ends_with(' ') { ": " } else { ":" })
}

/// Reads the object whose `{` is at `open`.
fn object(text: &str, open: usize) -> Option<Object> {
    let bytes = text.as_bytes();
    if bytes.get(open) != Some(&b'{') {
        return None;
    }
    let mut members = Vec::new();
    let mut at = skip_space(bytes, open + 1);
    if bytes.get(at) == Some(&b'}') {
        return Some(Object {
            open,
            close: at,
            members,
        });
    }
    loop {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let key_start = at;
        let key_end = string_end(bytes, at)?;
        at = skip_space(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        let value_start = skip_space(bytes, at + 1);
        let value_end = value_end(bytes, value_start)?;
        members.push(Member {
            key_start,
            key_end,
            value_start,
            value_end,
        });
        at = skip_space(bytes, value_end);
        match bytes.get(at) {
            Some(b',') => at = skip_space(bytes, at + 1),
            Some(b'}') => {
                return Some(Object {
                    open,
                    close: at,
                    members,
                });
            }
            _ => return None,
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The offset just past the string starting at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The offset just past the value starting at `at`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let mut i = at;
            while bytes
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                i += 1;
            }
            (i > at).then_some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str, table: &str, names: &[&str]) -> String {
        let additions: Vec<(String, String)> = names
            .iter()
            .map(|n| ((*n).to_owned(), "^1.0.0".to_owned()))
            .collect();
        let out = declare(text, table, &additions).unwrap();
        serde_json::from_str::<serde_json::Value>(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        out
    }

    #[test]
    fn inserts_in_sorted_position_keeping_everything_else() {
        let text = "{\n  \"name\": \"a\",\n  \"scripts\": { \"dev\": \"vite\" },\n  \"dependencies\": {\n    \"react\": \"^19.0.0\",\n    \"zod\": \"^3.0.0\"\n  }\n}\n";
        assert_eq!(
            add(text, "dependencies", &["@workos-inc/widgets", "swr"]),
            "{\n  \"name\": \"a\",\n  \"scripts\": { \"dev\": \"vite\" },\n  \"dependencies\": {\n    \"@workos-inc/widgets\": \"^1.0.0\",\n    \"react\": \"^19.0.0\",\n    \"swr\": \"^1.0.0\",\n    \"zod\": \"^3.0.0\"\n  }\n}\n"
        );
    }

    #[test]
    fn appends_to_unsorted_tables_without_resorting() {
        let text = "{\n  \"dependencies\": {\n    \"react\": \"^19.0.0\",\n    \"axios\": \"^1.0.0\"\n  }\n}\n";
        assert_eq!(
            add(text, "dependencies", &["b"]),
            "{\n  \"dependencies\": {\n    \"react\": \"^19.0.0\",\n    \"axios\": \"^1.0.0\",\n    \"b\": \"^1.0.0\"\n  }\n}\n"
        );
    }

    #[test]
    fn keeps_minified_files_minified() {
        let text = "{\"name\":\"a\",\"dependencies\":{\"react\":\"^19.0.0\"}}";
        assert_eq!(
            add(text, "dependencies", &["x"]),
            "{\"name\":\"a\",\"dependencies\":{\"react\":\"^19.0.0\",\"x\":\"^1.0.0\"}}"
        );
        assert_eq!(
            add("{\"name\":\"a\"}", "devDependencies", &["x"]),
            "{\"name\":\"a\",\"devDependencies\":{\"x\":\"^1.0.0\"}}"
        );
    }

    #[test]
    fn creates_a_missing_table_and_fills_an_empty_one() {
        let text = "{\n\t\"name\": \"a\"\n}\n";
        assert_eq!(
            add(text, "devDependencies", &["@types/node", "x"]),
            "{\n\t\"name\": \"a\",\n\t\"devDependencies\": {\n\t\t\"@types/node\": \"^1.0.0\",\n\t\t\"x\": \"^1.0.0\"\n\t}\n}\n"
        );
        let empty = "{\n  \"dependencies\": {}\n}\n";
        assert_eq!(
            add(empty, "dependencies", &["a", "b"]),
            "{\n  \"dependencies\": {\n    \"a\": \"^1.0.0\",\n    \"b\": \"^1.0.0\"\n  }\n}\n"
        );
    }

    #[test]
    fn replaces_a_declared_value_in_place_instead_of_adding_a_second_key() {
        let text = "{\n  \"dependencies\": {\n    \"@radix-ui/themes\": \"~3.2.1\",\n    \"react\": \"^19.0.0\"\n  }\n}\n";
        let additions = [
            ("@radix-ui/themes".to_owned(), "^3.3.0".to_owned()),
            ("zod".to_owned(), "^3.0.0".to_owned()),
        ];
        assert_eq!(
            declare(text, "dependencies", &additions).unwrap(),
            "{\n  \"dependencies\": {\n    \"@radix-ui/themes\": \"^3.3.0\",\n    \"react\": \"^19.0.0\",\n    \"zod\": \"^3.0.0\"\n  }\n}\n"
        );
        let last = "{\"dependencies\":{\"a\":\"1\",\"b\":\"1\"}}";
        let additions = [
            ("b".to_owned(), "^2".to_owned()),
            ("c".to_owned(), "^1".to_owned()),
        ];
        assert_eq!(
            declare(last, "dependencies", &additions).unwrap(),
            "{\"dependencies\":{\"a\":\"1\",\"b\":\"^2\",\"c\":\"^1\"}}"
        );
    }

    #[test]
    fn leaves_one_line_tables_on_one_line_and_duplicates_alone() {
        let text =
            "{\n  \"dependencies\": { \"react\": \"^19.0.0\" },\n  \"x\": 1,\n  \"x\": 2\n}\n";
        assert_eq!(
            add(text, "dependencies", &["zod"]),
            "{\n  \"dependencies\": { \"react\": \"^19.0.0\", \"zod\": \"^1.0.0\" },\n  \"x\": 1,\n  \"x\": 2\n}\n"
        );
    }
}
