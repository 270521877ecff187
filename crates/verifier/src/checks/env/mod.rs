//! WW6xx: the WorkOS variables in the environment and env files.

pub mod env_malformed;
pub mod env_missing;

use workos_widgets_core::env_files;

use crate::facts::Facts;
use crate::finding::Location;
use crate::questions::{package_location, uses_authkit};
use crate::scan::holds_secret;
use workos_widgets_core::project::AuthKit;

/// A WorkOS variable the app needs, with its expected prefix.
pub struct Needed {
    pub name: String,
    pub prefix: &'static str,
    pub why: &'static str,
    /// Where the app uses it.
    pub used_at: Location,
}

/// The variables this app needs: the API key when server code uses it, the
/// client id when AuthKit is used.
pub fn needed(facts: &Facts) -> Vec<Needed> {
    let mut needed = Vec::new();
    let key_read = facts.files.iter().find_map(|f| {
        f.env_reads
            .iter()
            .find(|r| r.name == "WORKOS_API_KEY")
            .map(|r| Location::span(f, r.span))
    });
    let server = facts
        .files
        .iter()
        .find(|f| holds_secret(f) || !f.token_calls.is_empty());
    if let Some(server) = server {
        needed.push(Needed {
            name: "WORKOS_API_KEY".to_owned(),
            prefix: "sk_",
            why: "the token route mints widget tokens with it",
            used_at: key_read.unwrap_or_else(|| Location::start(server.path.clone())),
        });
    }
    let authkit = facts.project.authkit.map(AuthKit::package);
    if (authkit.is_some() || uses_authkit(facts)) && !client_id_literal(facts) {
        needed.push(Needed {
            name: client_id_name(facts),
            prefix: "client_",
            why: "AuthKit signs users in with it",
            used_at: package_location(facts, authkit.unwrap_or("name")),
        });
    }
    needed
}

/// The variable the app reads the AuthKit client id from: the one its code
/// reads (`import.meta.env.VITE_WORKOS_CLIENT_ID`), else the one its
/// framework's profile names (Vite only bundles `VITE_` variables, Create
/// React App `REACT_APP_` ones; authkit-nextjs reads `WORKOS_CLIENT_ID` on
/// the server).
fn client_id_name(facts: &Facts) -> String {
    let read = facts.files.iter().find_map(|f| {
        f.env_reads
            .iter()
            .find(|r| r.name.ends_with("WORKOS_CLIENT_ID"))
            .map(|r| r.name.clone())
    });
    read.unwrap_or_else(|| facts.project.profile().client_id_var())
}

/// Whether the app passes AuthKit's client id as a literal
/// (`<AuthKitProvider clientId="client_...">`): no variable is needed.
fn client_id_literal(facts: &Facts) -> bool {
    facts.files.iter().any(|f| {
        f.jsx.iter().any(|e| {
            e.attribute("clientId").is_some_and(|a| {
                a.value_text
                    .trim_matches(['"', '\'', '`'])
                    .starts_with("client_")
            })
        })
    })
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
