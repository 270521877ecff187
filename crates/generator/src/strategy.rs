//! How widgets get their token: a backend route minting it with the secret
//! key, or AuthKit's browser `getAccessToken`.

use serde::Serialize;
use workos_widgets_core::Project;
use workos_widgets_core::edit::EditError;
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::project::AuthKit;

use crate::GenerateError;

/// What the user asked for (`--token-strategy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyChoice {
    Auto,
    AuthKit,
    Backend,
}

/// The strategy in effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenStrategy {
    /// A server route mints widget tokens with `@workos-inc/node`.
    Backend,
    /// Widgets use AuthKit's access token from the browser SDK.
    AuthKit,
}

impl TokenStrategy {
    /// The manifest spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenStrategy::Backend => "backend",
            TokenStrategy::AuthKit => "authkit",
        }
    }
}

/// Resolves `auto` (keeping an earlier run's choice) and checks that AuthKit
/// is really there when asked for.
pub fn resolve(
    project: &Project,
    manifest: Option<&Manifest>,
    choice: StrategyChoice,
) -> Result<TokenStrategy, GenerateError> {
    let browser_authkit = project.authkit.filter(|kit| kit.has_browser_tokens());
    match choice {
        StrategyChoice::Backend => Ok(TokenStrategy::Backend),
        StrategyChoice::AuthKit => match browser_authkit {
            Some(_) => Ok(TokenStrategy::AuthKit),
            None => Err(EditError::Edit {
                path: project.package_json.path.clone(),
                message: format!(
                    "--token-strategy authkit needs {} or {} in package.json; found neither",
                    AuthKit::React.package(),
                    AuthKit::Js.package()
                ),
                hint: "install AuthKit first, or use --token-strategy backend".to_owned(),
            }
            .into()),
        },
        StrategyChoice::Auto => {
            let recorded = manifest.and_then(|m| m.string("strategy"));
            Ok(match (recorded, browser_authkit) {
                (Some("backend"), _) => TokenStrategy::Backend,
                (Some("authkit"), Some(_)) => TokenStrategy::AuthKit,
                (None, Some(kit)) if unused(project, kit) => TokenStrategy::Backend,
                (None, Some(_)) => TokenStrategy::AuthKit,
                _ => TokenStrategy::Backend,
            })
        }
    }
}

/// AuthKit JS declared but named by no source of the app: it creates no
/// AuthKit client, so AuthKit's token cannot reach the widgets (AuthKit
/// React's provider is checked where the root goes).
fn unused(project: &Project, kit: AuthKit) -> bool {
    kit == AuthKit::Js
        && !workos_widgets_core::detect::sources::mention(&project.root, kit.package())
}

/// Why `auto` chose the backend although the app declares AuthKit JS.
pub fn note(project: &Project, choice: StrategyChoice, strategy: TokenStrategy) -> Option<String> {
    let kit = project.authkit.filter(|kit| *kit == AuthKit::Js)?;
    (choice == StrategyChoice::Auto && strategy == TokenStrategy::Backend && unused(project, kit))
        .then(|| {
            format!(
                "{} is declared in package.json but no module imports it (no AuthKit client is created), so the token comes from a backend route; pass --token-strategy authkit once the app creates its AuthKit client",
                kit.package()
            )
        })
}
