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
//! - next, a separate server (Express, Fastify, Hono, `NestJS`, serverless
//!   functions, Python): one module here each, implementing [`Backend`].
//!
//! Every backend serves the one shared handler (`templates/shared/
//! token-handler.hbs`, a Web `Request -> Response` function) through the
//! thinnest adapter its server needs.

pub(crate) mod vite_dev;

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
}

/// What the templates need to know of `backend`.
pub(crate) fn served(backend: &dyn Backend, cx: &Cx<'_>) -> Served {
    Served {
        route_file: backend.route_file(cx),
        dev_only: backend.dev_only(),
    }
}

/// The backend for an app: the frontend framework's own server where it
/// has one, else the Vite dev server.
pub(crate) fn choose(setup: &dyn Setup) -> &dyn Backend {
    setup.own_server().unwrap_or(&vite_dev::ViteDevServer)
}
