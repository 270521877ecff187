//! WW6xx: the WorkOS variables in the environment and env files.

pub mod env_malformed;
pub mod env_missing;

use workos_widgets_core::env_files;

use crate::checks::common::uses_authkit;
use crate::facts::Facts;
use crate::scan::holds_secret;

/// A WorkOS variable the app needs, with its expected prefix.
pub struct Needed {
    pub name: &'static str,
    pub prefix: &'static str,
    pub why: &'static str,
}

/// The variables this app needs: the API key when server code uses it, the
/// client id when AuthKit is used.
pub fn needed(facts: &Facts) -> Vec<Needed> {
    let mut needed = Vec::new();
    if facts
        .files
        .iter()
        .any(|f| holds_secret(f) || !f.token_calls.is_empty())
    {
        needed.push(Needed {
            name: "WORKOS_API_KEY",
            prefix: "sk_",
            why: "the token route mints widget tokens with it",
        });
    }
    if uses_authkit(facts) || facts.project.authkit.is_some() {
        needed.push(Needed {
            name: "WORKOS_CLIENT_ID",
            prefix: "client_",
            why: "AuthKit signs users in with it",
        });
    }
    needed
}

/// The value of `name` and where it came from (`the environment` or an env
/// file), with the file's line.
pub fn lookup(facts: &Facts, name: &str) -> Option<(String, Option<(std::path::PathBuf, usize)>)> {
    let (value, source) = env_files::lookup(&facts.env_vars, name)?;
    let place = facts
        .env_vars
        .iter()
        .rev()
        .find(|v| v.name == name && !v.value.is_empty() && v.file.display().to_string() == source)
        .map(|v| (v.file.clone(), v.line));
    Some((value, place))
}
