//! Secret keys masked in text the tool prints (code frames, build logs).

use workos_widgets_core::env_files::mask;

/// `text` with every `sk_test_...`/`sk_live_...` key masked.
pub fn redact_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = ["sk_test_", "sk_live_"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        out.push_str(&rest[..at]);
        let len = rest[at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len() - at);
        out.push_str(&mask(&rest[at..at + len]));
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keys_in_text() {
        assert_eq!(
            redact_secrets("key 'sk_test_abcdefgh12345678' here"),
            "key 'sk_test_****5678' here"
        );
        assert_eq!(redact_secrets("no key"), "no key");
    }
}
