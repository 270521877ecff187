//! An Express app hosts the token route: the adapter
//! (`templates/backend/express.hbs`, Express request -> Web `Request` ->
//! the shared handler -> Express response) beside the shared handler, and
//! `app.all(TOKEN_ENDPOINT, widgetsTokenRoute)` in the file that creates
//! the app, after cookie parsing and before a catch-all SPA fallback (core's
//! `edit::transform::express`).
//!
//! The session is the shared resolver's (the development identity outside
//! production); sealed AuthKit sessions read from the server's cookie are
//! issue 20's next step.

use std::path::{Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::detect::servers::{ModuleKind, Server};
use workos_widgets_core::edit::transform::{Transform, express, imports};
use workos_widgets_core::framework::AuthKitSdk;
use workos_widgets_core::js;
use workos_widgets_core::specifier::{relative_specifier, slash};

use super::Backend;
use crate::context::TemplateData;
use crate::files::FilePlanner;
use crate::layout::TOKEN_ENDPOINT;
use crate::setup::Cx;
use crate::{GenerateError, templates};

/// The function the adapter exports and the app mounts.
const HANDLER: &str = "widgetsTokenRoute";

/// An Express app of the app's own package.
pub(crate) struct Express {
    /// The file that creates the app (relative to the app).
    app_file: PathBuf,
    /// Where the server starts, for notes.
    entry: PathBuf,
}

impl Express {
    /// The backend for `server`, when init can mount the route in it: an
    /// ES module app in the app's own package, in the app's language (the
    /// generated handler is written in the app's language, and a server
    /// run by plain `node` must be able to import it).
    pub fn new(project: &Project, server: &Server) -> Result<Self, GenerateError> {
        let unsupported = |why: String| GenerateError::BackendNotSupported {
            backend: format!("the Express server at {}", slash(&server.entry)),
            why,
        };
        let Some(app_file) = server.app_file.clone() else {
            return Err(unsupported(
                "the file that creates the app was not found".to_owned(),
            ));
        };
        if !server.in_app_package() {
            return Err(unsupported(format!(
                "it is another package ({}): init writes the token route into the app's own package only, so far",
                slash(&server.package)
            )));
        }
        if server.language.module != ModuleKind::Esm {
            return Err(unsupported(
                "it is CommonJS: the generated handler is an ES module, which init does not write as CommonJS yet".to_owned(),
            ));
        }
        if server.language.typescript != project.is_typescript() {
            return Err(unsupported(format!(
                "it is {} and the app is {}: the generated handler is written in the app's language",
                if server.language.typescript {
                    "TypeScript"
                } else {
                    "JavaScript"
                },
                project.language
            )));
        }
        Ok(Self {
            app_file,
            entry: server.entry.clone(),
        })
    }

    /// How the app file imports the adapter.
    fn specifier(&self, cx: &Cx<'_>) -> String {
        let from = cx.project.path(&self.app_file);
        let to = cx.project.path(self.route_file(cx));
        relative_specifier(&from, &to, super::vite_dev::server_import_ext(cx.project))
    }
}

impl Backend for Express {
    fn route_file(&self, cx: &Cx<'_>) -> String {
        cx.layout.server_module("express-route")
    }

    /// The shared resolver: the development identity outside production
    /// (sealed sessions are the next step), whatever the frontend offers.
    fn session(&self, _frontend: Option<AuthKitSdk>) -> Option<AuthKitSdk> {
        None
    }

    fn plan_route(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        files.generated(
            &self.route_file(cx),
            templates::render("backend/express", data)?,
            "adapt the token handler to Express",
            None,
        )?;
        let path = cx.project.path(&self.app_file);
        let text = workos_widgets_core::links::read_inside(&cx.project.root, &path)?;
        let allocator = oxc_allocator::Allocator::default();
        let program = js::parse(&allocator, &path, &text)?;
        if express::mount(&text, &program, TOKEN_ENDPOINT, HANDLER).is_none() {
            warnings.push(format!(
                "{}: could not find where the Express app is created; add `app.all('{TOKEN_ENDPOINT}', {HANDLER})` (from {}) after your cookie parsing and before any catch-all route yourself",
                slash(&self.app_file),
                self.route_file(cx)
            ));
            return Ok(());
        }
        let source = self.specifier(cx);
        let transforms: Vec<Transform<'_>> = vec![
            Box::new(move |t, p| imports::ensure_named_import(t, p, HANDLER, &source)),
            Box::new(|t, p| Ok(express::mount(t, p, TOKEN_ENDPOINT, HANDLER).unwrap_or_default())),
        ];
        files.edit(
            &self.app_file,
            &transforms,
            "serve the token route from the Express app",
        )
    }

    fn unmount(
        &self,
        cx: &Cx<'_>,
        files: &mut FilePlanner<'_>,
    ) -> Result<Option<String>, GenerateError> {
        let source = self.specifier(cx);
        let undo: Vec<Transform<'_>> = vec![
            Box::new(|t, p| Ok(express::unmount(t, p, TOKEN_ENDPOINT, HANDLER))),
            Box::new(move |t, p| Ok(imports::remove_named_import(t, p, HANDLER, &source))),
        ];
        crate::switch::undo_registration(
            cx,
            files,
            &self.app_file,
            &undo,
            HANDLER,
            "stop serving the token route (the token strategy has none)",
        )
    }

    fn recorded(&self) -> Option<String> {
        Some(slash(&self.entry))
    }

    fn notes(&self, cx: &Cx<'_>) -> Vec<String> {
        if !cx.backend() {
            return Vec::new();
        }
        vec![
            format!(
                "The Express app in {} serves POST {TOKEN_ENDPOINT} (started from {}); in development the SPA's dev server must pass /api to it: add `server: {{ proxy: {{ '/api': 'http://localhost:<port>' }} }}` to vite.config (init does not write it yet)",
                slash(&self.app_file),
                slash(Path::new(&self.entry)),
            ),
            format!(
                "The token route names the user with the development identity outside production and answers 401 in production until resolveWidgetsSession() in {} reads your server's session (sealed AuthKit sessions come next)",
                cx.layout.session()
            ),
        ]
    }
}
