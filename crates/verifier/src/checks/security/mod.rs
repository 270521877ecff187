//! WW5xx: the secret key, env files and who a token is minted for.

pub mod dev_identity;
pub mod env_file_not_ignored;
pub mod hardcoded_secret;
pub mod identity_from_request;
pub mod public_env_secret;
pub mod secret_in_client;

/// The secret part of `text` (from `sk_` on), masked.
pub fn masked_secret(text: &str) -> String {
    let start = text.find("sk_").unwrap_or(0);
    let key: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    workos_widgets_core::env_files::mask(&key)
}
