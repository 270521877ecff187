//! A plan is pure data: the file changes and the install command that `init`
//! or `add` would make. `--dry-run` prints it, `--json` serialises it, and
//! [`workos_widgets_core::edit::apply`] carries it out.

use serde::Serialize;
use workos_widgets_core::edit::change::FileChange;

pub use crate::files::KeptFile;

/// The package install the plan needs.
#[derive(Debug, Clone, Serialize)]
pub struct Install {
    /// The full command line, e.g. `npm install @workos-inc/widgets ...`.
    pub command: String,
    #[serde(skip)]
    pub program: String,
    #[serde(skip)]
    pub args: Vec<String>,
    /// Packages being added (empty for a plain install of what is declared).
    pub packages: Vec<String>,
    /// Whether `--no-install` moved the packages into package.json instead.
    pub deferred: bool,
    /// Where the package manager was found (`--package-manager`, the
    /// `packageManager` field, a lockfile, the workspace root's ...).
    pub package_manager_source: String,
}

/// A generated widget component.
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub widget: String,
    pub component_name: String,
    /// Import path relative to the project root, without extension.
    pub import_path: String,
}

impl Component {
    /// How the app imports it: through the alias its bundler resolves when
    /// there is one that covers the file, else by the path from the project
    /// root.
    pub fn specifier(&self, project: &workos_widgets_core::Project) -> String {
        project
            .generated_imports
            .alias
            .as_ref()
            .and_then(|alias| alias.specifier_for(std::path::Path::new(&self.import_path)))
            .unwrap_or_else(|| self.import_path.clone())
    }
}

/// Everything `init`/`add` would do.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub strategy: crate::TokenStrategy,
    /// The `@workos-inc/node` the token code targets and why (none with
    /// AuthKit's browser tokens).
    pub sdk: Option<crate::SdkTarget>,
    pub files: Vec<FileChange>,
    pub kept: Vec<KeptFile>,
    pub components: Vec<Component>,
    pub token_endpoint: Option<String>,
    pub install: Option<Install>,
    /// Things the user must do by hand (a config the tool cannot edit, say).
    pub warnings: Vec<String>,
    /// Choices the tool made that the user should know about.
    pub notes: Vec<String>,
    pub next_steps: Vec<String>,
}

impl Plan {
    /// Whether the plan changes nothing on disk and runs no install (an
    /// install left to the user by `--no-install` is not a change we make).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.install.as_ref().is_none_or(|i| i.deferred)
    }
}

/// What a planner collected; [`Draft::finish`] closes it into a [`Plan`].
pub(crate) struct Draft<'w> {
    pub strategy: crate::TokenStrategy,
    /// The `@workos-inc/node` the token code targets (backend tokens only).
    pub sdk: Option<crate::SdkTarget>,
    pub widgets: &'w [&'static workos_widgets_core::catalog::Widget],
    /// The scopes the widgets need.
    pub scopes: &'w [&'static str],
    pub components: Vec<Component>,
    pub install: Option<Install>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

impl Draft<'_> {
    /// The plan: the files (the manifest's change last) and the next steps.
    pub fn finish(
        self,
        files: crate::files::FilePlanner<'_>,
        project: &workos_widgets_core::Project,
        guide: Guide,
    ) -> Plan {
        let (files, kept, format_notes) = files.finish();
        let mut notes = self.notes;
        notes.extend(format_notes);
        let next_steps = next_steps(
            project,
            self.widgets,
            self.strategy,
            self.install.as_ref(),
            self.scopes,
            guide,
        );
        let backend = self.strategy == crate::TokenStrategy::Backend;
        Plan {
            strategy: self.strategy,
            sdk: self.sdk,
            files,
            kept,
            components: self.components,
            token_endpoint: backend.then(|| crate::layout::TOKEN_ENDPOINT.to_owned()),
            install: self.install,
            warnings: self
                .warnings
                .into_iter()
                .chain(project.links_outside.iter().map(|link| {
                    format!(
                        "{} is a symbolic link out of the project: not read (a provider or stylesheet in it is not seen); copy it into the project or point the link inside it",
                        link.display()
                    )
                }))
                .collect(),
            notes,
            next_steps,
        }
    }
}

/// Framework-specific facts for [`next_steps`].
pub(crate) struct Guide {
    /// Where `resolveWidgetsSession()` lives.
    pub session_path: String,
    /// The server AuthKit SDK the session resolver reads (`None`: a
    /// development identity from env).
    pub session_sdk: Option<workos_widgets_core::project::AuthKit>,
    /// What that SDK needs so the session reaches the token route.
    pub authkit_setup: &'static str,
    /// The dev server's origin, for the CORS step.
    pub origin: &'static str,
    /// Where to see or render the widgets.
    pub render: Vec<String>,
}

/// What the user does after `init`: keys, CORS, roles, where to render, verify.
fn next_steps(
    project: &workos_widgets_core::Project,
    widgets: &[&workos_widgets_core::catalog::Widget],
    strategy: crate::TokenStrategy,
    install: Option<&Install>,
    scopes: &[&str],
    guide: Guide,
) -> Vec<String> {
    use workos_widgets_core::env_files;
    use workos_widgets_core::project::Platform;
    let mut steps = Vec::new();
    if let Some(install) = install.filter(|i| i.deferred) {
        steps.push(format!("Install the packages: {}", install.command));
    }
    let vars = env_files::read_vars(&project.root);
    let key_status = |name: &str, prefix: &str| match env_files::lookup(&vars, name) {
        Some((value, from)) if value.starts_with(prefix) => {
            format!("{name} is set in {from} ({})", env_files::mask(&value))
        }
        Some((value, from)) => format!(
            "{name} in {from} ({}) does not start with {prefix}: copy it again from the WorkOS Dashboard > API Keys",
            env_files::mask(&value)
        ),
        None if project.platform == Platform::CloudflareWorkers => format!(
            "set {name} ({prefix}...) in .dev.vars for `vite dev`, and with `wrangler secret put {name}` for the deployed Worker (it reads context.cloudflare.env, not process.env)"
        ),
        None => format!("set {name} ({prefix}...) in .env.local"),
    };
    if strategy == crate::TokenStrategy::Backend {
        let client_id = match env_files::lookup(&vars, "WORKOS_CLIENT_ID") {
            Some(_) => format!("; {}", key_status("WORKOS_CLIENT_ID", "client_")),
            None => String::new(),
        };
        steps.push(format!(
            "Keys: {}{client_id} (see .env.example).",
            key_status("WORKOS_API_KEY", "sk_")
        ));
        match guide.session_sdk.and_then(|kit| kit.session_call().map(|call| (kit, call))) {
            Some((kit, call)) => steps.push(format!(
                "Identity: tokens are for the user signed in with AuthKit and the organization of their session ({call} of {} in {}); {}.",
                kit.package(),
                guide.session_path,
                guide.authkit_setup
            )),
            None => steps.push(format!(
                "Identity: for local development set WORKOS_WIDGETS_DEV_USER_ID and WORKOS_WIDGETS_DEV_ORGANIZATION_ID; before production, make resolveWidgetsSession() in {} return the signed-in user from your own auth.",
                guide.session_path
            )),
        }
    } else {
        steps.push("Tokens come from AuthKit's getAccessToken(): make sure the widgets render inside your AuthKitProvider and the user is signed in.".to_owned());
    }
    steps.push(format!(
        "CORS: add your app's origin (e.g. {}) to the allowed web origins in the WorkOS Dashboard, or the widgets' browser requests fail.",
        guide.origin
    ));
    if !scopes.is_empty() {
        let needs: Vec<String> = widgets
            .iter()
            .filter_map(|w| {
                w.scope
                    .map(|s| format!("{} for {}", s.as_str(), w.component))
            })
            .collect();
        steps.push(format!(
            "Roles: the signed-in user's role needs {} (WorkOS Dashboard > Roles; the default Admin role has them all), or the token request answers 403.",
            needs.join(", ")
        ));
    }
    steps.extend(guide.render);
    steps.push("Check the setup any time with: workos-widgets verify".to_owned());
    steps
}
