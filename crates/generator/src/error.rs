//! Errors from planning and applying changes.

use workos_widgets_core::edit::EditError;
use workos_widgets_core::{Hint, ProjectError};

/// Why `init`/`add` cannot go on. Nothing has been written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Project(#[from] ProjectError),

    #[error("unknown widget `{id}`{}{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default(), origin.as_ref().map(|o| format!(", in {o}")).unwrap_or_default())]
    UnknownWidget {
        id: String,
        /// The closest known id, when the input looks like a typo of it.
        suggestion: Option<&'static str>,
        /// Where the id came from when not the command line (the manifest).
        origin: Option<String>,
        known: String,
    },

    /// An edit of the user's files failed (see [`EditError`]).
    #[error(transparent)]
    Edit(#[from] EditError),

    #[error("template `{name}` failed to render: {message}")]
    Template { name: String, message: String },

    /// npm `overrides` pins a package the widgets need to a version they
    /// cannot use: npm would install it and the widgets would break.
    #[error("{}:{line}:{column}: `overrides` pins {package} to \"{pinned}\", but the widgets need {package}@{needed}", path.display())]
    OverrideConflict {
        path: std::path::PathBuf,
        line: usize,
        column: usize,
        package: String,
        pinned: String,
        needed: String,
    },

    /// The app's framework has no setup in the generator (see
    /// `setup::for_project`): `init` does not set it up.
    #[error("{}: `init` does not set up {framework} apps", dir.display())]
    NoSetup {
        framework: String,
        dir: std::path::PathBuf,
    },

    /// `--backend auto` found several servers and no terminal to ask in.
    #[error("several servers could host the token route:\n{servers}")]
    SeveralServers {
        /// One line per server (`  PATH: kind ...`).
        servers: String,
    },

    /// `--backend PATH` names no detected server.
    #[error("--backend {given}: no server was detected there{}", if servers.is_empty() { String::new() } else { format!("; found:\n{servers}") })]
    UnknownBackend { given: String, servers: String },

    /// The chosen backend cannot host the token route (yet).
    #[error("{backend}: {why}")]
    BackendNotSupported { backend: String, why: String },

    /// The package manager could not be started.
    #[error("could not start `{command}`; is {program} installed and on PATH?")]
    InstallStart {
        command: String,
        program: String,
        #[source]
        source: std::io::Error,
    },
}

impl GenerateError {
    /// Whether the user's input is at fault (exit 2) rather than the
    /// environment or the tool itself (exit 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            Self::Project(e) => e.is_bad_input(),
            Self::Edit(e) => e.is_bad_input(),
            Self::UnknownWidget { .. }
            | Self::OverrideConflict { .. }
            | Self::NoSetup { .. }
            | Self::SeveralServers { .. }
            | Self::UnknownBackend { .. }
            | Self::BackendNotSupported { .. } => true,
            Self::Template { .. } | Self::InstallStart { .. } => false,
        }
    }
}

impl Hint for GenerateError {
    fn hint(&self) -> Option<String> {
        match self {
            Self::Project(e) => e.hint(),
            Self::Edit(e) => e.hint(),
            Self::UnknownWidget { known, .. } => Some(format!("choose from: {known}")),
            Self::Template { .. } => {
                Some("please report this: a template of ours is broken".to_owned())
            }
            Self::OverrideConflict {
                package, needed, ..
            } => Some(format!(
                "set the override of {package} to a version in {needed} (or remove it), then run init again"
            )),
            Self::NoSetup { .. } => Some(format!(
                "init sets up {}; `workos-widgets verify` still reads this app",
                workos_widgets_core::project::SUPPORTED
            )),
            Self::SeveralServers { .. } => Some(
                "pass --backend PATH with one of the paths above (or --backend vite-dev for the development-only Vite route)".to_owned(),
            ),
            Self::UnknownBackend { .. } => Some(
                "pass the entry file, app file or package folder of a server `workos-widgets detect` lists (relative to the app), or auto / vite-dev".to_owned(),
            ),
            Self::BackendNotSupported { .. } => Some(format!(
                "init mounts the token route in {} so far; pass --backend vite-dev to serve it from the Vite dev server (development only)",
                crate::backend::SUPPORTED
            )),
            Self::InstallStart { .. } => None,
        }
    }
}
