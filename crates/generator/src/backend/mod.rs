//! Where the token route lives: the second axis of a setup, next to the
//! frontend framework ([`crate::setup::Setup`]). The frontend decides the
//! root, the widget components and the pages; the backend decides which
//! server answers `POST /api/workos/widgets-token`:
//!
//! - the frontend framework's own server (Next.js route handler or API
//!   route, a React Router / Remix resource route, a TanStack Start server
//!   route): the setup implements [`Backend`] itself and offers it through
//!   [`crate::setup::Setup::own_server`];
//! - the Vite dev server ([`vite_dev::ViteDevServer`]): a Vite plugin, for a
//!   Vite SPA and React Router / Remix in SPA mode, which have no server of
//!   their own;
//! - a server beside the app that `detect` found
//!   (`core::detect::servers`): Express ([`express::Express`]) so far;
//!   Fastify, Hono, `NestJS`, serverless functions and Python are issue
//!   20's next steps, one module here each, implementing [`Backend`].
//!
//! Every backend serves the one shared handler (`templates/shared/
//! token-handler.hbs`, a Web `Request -> Response` function) through the
//! thinnest adapter its server needs.

pub(crate) mod express;
pub(crate) mod vite_dev;

use std::path::{Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::detect::servers::{Server, ServerKind};
use workos_widgets_core::framework::AuthKitSdk;

use crate::GenerateError;
use crate::context::TemplateData;
use crate::files::FilePlanner;
use crate::setup::{Cx, Setup};

/// Where the token route is served, for the templates.
#[derive(Debug, Clone)]
pub(crate) struct Served {
    /// [`Backend::route_file`].
    pub route_file: String,
    /// The route runs in development only ([`Backend::dev_only`]).
    pub dev_only: bool,
}

/// What the flow asks the server that hosts the token route.
pub(crate) trait Backend {
    /// Whether the route runs in development only (the dev server), so the
    /// production server must mount the handler itself.
    fn dev_only(&self) -> bool {
        false
    }

    /// The file that serves the token route (the adapter around the shared
    /// handler), relative to the app.
    fn route_file(&self, cx: &Cx<'_>) -> String;

    /// The session resolvers this server can run: the AuthKit SDK whose
    /// session names the user, given the one the frontend offers
    /// (`frontend`, where the app uses it); `None` is the development
    /// identity. A server of its own (issue 20's sealed sessions) answers
    /// with what it reads instead.
    fn session(&self, frontend: Option<AuthKitSdk>) -> Option<AuthKitSdk> {
        frontend
    }

    /// Writes the route file (the adapter, rendered from the backend's
    /// template) and mounts it where the server registers routes; the
    /// shared handler and session resolver are planned already.
    /// `warnings` gets what the user must do where no safe edit exists.
    fn plan_route(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError>;

    /// Takes the route's registration out again (the strategy no longer
    /// has a token route): `Ok(None)` when nothing of it is left, else what
    /// is left and why. A server whose routes are files registers nothing.
    fn unmount(
        &self,
        _cx: &Cx<'_>,
        _files: &mut FilePlanner<'_>,
    ) -> Result<Option<String>, GenerateError> {
        Ok(None)
    }

    /// What the user should know about where the route runs.
    fn notes(&self, _cx: &Cx<'_>) -> Vec<String> {
        Vec::new()
    }

    /// The manifest's `backend` value, for a server beside the app (its
    /// entry): later runs with `--backend auto` take the same one.
    fn recorded(&self) -> Option<String> {
        None
    }
}

/// What the templates need to know of `backend`.
pub(crate) fn served(backend: &dyn Backend, cx: &Cx<'_>) -> Served {
    Served {
        route_file: backend.route_file(cx),
        dev_only: backend.dev_only(),
    }
}

/// The servers `--backend PATH` can name whose token route init mounts,
/// for messages.
pub(crate) const SUPPORTED: &str =
    "Express apps of the app's own package, written as ES modules in the app's language";

/// `--backend`: which server hosts the token route.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum BackendChoice {
    /// The framework's own server, else the one server detected beside
    /// the app, else the Vite dev server.
    #[default]
    Auto,
    /// The Vite dev server's plugin (development only).
    ViteDev,
    /// The detected server at this path: its entry, its app file or its
    /// package folder (relative to the app, or absolute).
    Path(PathBuf),
}

impl BackendChoice {
    /// `auto`, `vite-dev`, else a path.
    pub fn parse(value: &str) -> Self {
        match value {
            "auto" => Self::Auto,
            "vite-dev" => Self::ViteDev,
            path => Self::Path(PathBuf::from(path)),
        }
    }
}

/// The backend [`choose`] picked: one a setup holds, or one of its own.
pub(crate) enum Chosen<'s> {
    Borrowed(&'s dyn Backend),
    Owned(Box<dyn Backend>),
}

impl<'s> std::ops::Deref for Chosen<'s> {
    type Target = dyn Backend + 's;

    fn deref(&self) -> &Self::Target {
        match self {
            Chosen::Borrowed(backend) => *backend,
            Chosen::Owned(backend) => backend.as_ref(),
        }
    }
}

/// The backend for an app, and a note saying why when `auto` picked a
/// server beside it: `vite-dev` the Vite dev server; a path the detected
/// server there; `auto` the frontend framework's own server where it has
/// one, else the one server detected beside the app, else the Vite dev
/// server (several servers are an error listing them); `auto` after a run
/// that recorded a server (`recorded`, the manifest's `backend`) is that
/// server.
pub(crate) fn choose<'s>(
    setup: &'s dyn Setup,
    project: &Project,
    choice: &BackendChoice,
    recorded: Option<&str>,
) -> Result<(Chosen<'s>, Option<String>), GenerateError> {
    // `auto` after a run that chose a server: the same server.
    let recorded = recorded.map(|path| BackendChoice::Path(PathBuf::from(path)));
    let choice = match (choice, &recorded) {
        (BackendChoice::Auto, Some(recorded)) => recorded,
        _ => choice,
    };
    match choice {
        BackendChoice::ViteDev => match setup.own_server() {
            Some(_) => Err(GenerateError::BackendNotSupported {
                backend: "--backend vite-dev".to_owned(),
                why: format!(
                    "{} serves the token route from its own server, not a Vite plugin",
                    project.framework
                ),
            }),
            None => Ok((Chosen::Borrowed(&vite_dev::ViteDevServer), None)),
        },
        BackendChoice::Path(given) => {
            let server = named(project, given)?;
            Ok((server_backend(project, server)?, None))
        }
        BackendChoice::Auto => {
            if let Some(own) = setup.own_server() {
                return Ok((Chosen::Borrowed(own), None));
            }
            match project.servers.as_slice() {
                [] => Ok((Chosen::Borrowed(&vite_dev::ViteDevServer), None)),
                [server] => {
                    let note = format!(
                        "--backend auto: the token route goes in the {} server at {} ({}); pass --backend vite-dev to serve it from the Vite dev server instead",
                        server.kind,
                        slash(&server.entry),
                        server.reason
                    );
                    Ok((server_backend(project, server)?, Some(note)))
                }
                servers => Err(GenerateError::SeveralServers {
                    servers: list(servers),
                }),
            }
        }
    }
}

/// One line per server, for errors: `  PATH: kind (why)`.
pub(crate) fn list(servers: &[Server]) -> String {
    servers
        .iter()
        .map(|s| format!("  {}: {} ({})", slash(&s.entry), s.kind, s.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The detected server `given` names (its entry, app file or package).
fn named<'p>(project: &'p Project, given: &Path) -> Result<&'p Server, GenerateError> {
    let wanted = canonical(project, given);
    project
        .servers
        .iter()
        .find(|server| {
            [
                Some(&server.entry),
                server.app_file.as_ref(),
                Some(&server.package),
            ]
            .into_iter()
            .flatten()
            .any(|path| canonical(project, path) == wanted)
        })
        .ok_or_else(|| GenerateError::UnknownBackend {
            given: slash(given),
            servers: list(&project.servers),
        })
}

/// `path` (relative to the app, or to the working directory when it
/// exists from there, or absolute) as one comparable path.
fn canonical(project: &Project, path: &Path) -> PathBuf {
    let in_app = project.path(path);
    let full = if in_app.exists() || path.is_absolute() {
        in_app
    } else {
        std::path::absolute(path).unwrap_or(in_app)
    };
    full.canonicalize().unwrap_or(full)
}

/// The backend module for a detected server.
fn server_backend(project: &Project, server: &Server) -> Result<Chosen<'static>, GenerateError> {
    match server.kind {
        ServerKind::Express => Ok(Chosen::Owned(Box::new(express::Express::new(
            project, server,
        )?))),
        kind => Err(GenerateError::BackendNotSupported {
            backend: format!("the {kind} server at {}", slash(&server.entry)),
            why: format!("init cannot mount the token route in a {kind} server yet"),
        }),
    }
}

fn slash(path: &Path) -> String {
    workos_widgets_core::specifier::slash(path)
}
