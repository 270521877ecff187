//! Line endings: keeping a file's CRLF breaks through an edit. A leaf
//! module, so the project model (package.json edits) and the edit engine
//! both use it without depending on each other.

/// Whether every line break of `text` is `\r\n` (and it has one).
pub fn is_crlf(text: &str) -> bool {
    let breaks = text.matches('\n').count();
    breaks > 0 && text.matches("\r\n").count() == breaks
}

/// `text` with every lone `\n` turned into `\r\n`, so code inserted into
/// a CRLF file keeps its line endings.
pub fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Gives `edited` the line endings of `original`: CRLF when every break of
/// the original is CRLF, else as it is.
pub fn keep_line_endings(original: &str, edited: String) -> String {
    if is_crlf(original) && !is_crlf(&edited) {
        to_crlf(&edited)
    } else {
        edited
    }
}
