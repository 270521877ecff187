//! The Vite dev server hosts the token route: a Vite plugin
//! (`templates/vite/vite-plugin.hbs`, adapting Node's `http` to the shared
//! Web handler) registered in `vite.config.*`, serving `vite dev` and
//! `vite preview`. The backend of a Vite SPA and of React Router / Remix in
//! SPA mode, which have no server of their own.

use workos_widgets_core::Project;
use workos_widgets_core::edit::transform::{Transform, imports, vite_config};
use workos_widgets_core::js;

use super::Backend;
use crate::context::TemplateData;
use crate::files::FilePlanner;
use crate::layout::{Layout, TOKEN_ENDPOINT};
use crate::setup::Cx;
use crate::{GenerateError, templates};

/// The Vite dev server.
pub(crate) struct ViteDevServer;

impl Backend for ViteDevServer {
    /// React Router / Remix in SPA mode: the route is there in dev and
    /// preview only; said only when init writes one (the backend strategy).
    fn notes(&self, cx: &Cx<'_>) -> Vec<String> {
        let project = cx.project;
        if !cx.backend() || !project.routes.as_ref().is_some_and(|r| r.spa) {
            return Vec::new();
        }
        vec![format!(
            "SPA mode (`ssr: false`): no server runs route actions, so the token route is a Vite plugin ({}) that serves POST {TOKEN_ENDPOINT} under `{}` and `vite preview` only. In production the app is static files: serve `handleWidgetsTokenRequest` from {} (a Web Request -> Response handler) at POST {TOKEN_ENDPOINT} on the server or API that hosts the app, same origin",
            cx.layout.vite_plugin(),
            project.package_manager.name.run_script("dev"),
            cx.layout.token_handler(),
        )]
    }

    fn dev_only(&self) -> bool {
        true
    }

    fn route_file(&self, cx: &Cx<'_>) -> String {
        cx.layout.vite_plugin()
    }

    fn plan_route(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        let reason = if cx.project.routes.as_ref().is_some_and(|r| r.spa) {
            "serve the token route in dev and preview (SPA mode has no server routes)"
        } else {
            "serve the token route in vite dev and preview"
        };
        files.generated(
            &self.route_file(cx),
            templates::render("vite/vite-plugin", data)?,
            reason,
            None,
        )?;
        plan_vite_config(
            cx.project,
            &cx.layout,
            server_import_ext(cx.project),
            files,
            warnings,
        )
    }

    fn unmount(
        &self,
        cx: &Cx<'_>,
        files: &mut FilePlanner<'_>,
    ) -> Result<Option<String>, GenerateError> {
        unregister_vite_config(cx, server_import_ext(cx.project), files)
    }
}

/// Registers the token plugin in `vite.config.*` (a warning says what to
/// do where it cannot).
fn plan_vite_config(
    project: &Project,
    layout: &Layout,
    server_ext: &str,
    files: &mut FilePlanner<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), GenerateError> {
    let Some(config) = project.entries.vite_config.clone() else {
        warnings.push(format!(
            "no vite.config.* found: add `workosWidgetsToken()` from {} to your Vite plugins to serve {TOKEN_ENDPOINT}",
            layout.vite_plugin()
        ));
        return Ok(());
    };
    if config
        .extension()
        .is_some_and(|ext| ext == "cjs" || ext == "cts")
    {
        warnings.push(format!(
            "{} is CommonJS, where the plugin's ES module import cannot go: register `workosWidgetsToken()` from ./{} in its plugins yourself (for instance after renaming it to vite.config.mjs/.mts)",
            config.display(),
            layout.vite_plugin()
        ));
        return Ok(());
    }
    let config_path = project.path(&config);
    let text = workos_widgets_core::links::read_inside(&project.root, &config_path)?;
    let allocator = oxc_allocator::Allocator::default();
    let program = js::parse(&allocator, &config_path, &text)?;
    if vite_config::add_plugin(&text, &program, "workosWidgetsToken()").is_none() {
        warnings.push(format!(
            "{}: could not find the exported config object; add `workosWidgetsToken()` (from ./{}) to `plugins` yourself",
            config.display(),
            layout.vite_plugin()
        ));
        return Ok(());
    }
    let source = format!(
        "./{}{server_ext}",
        Layout::import_path(&layout.vite_plugin())
    );
    let transforms: Vec<Transform<'_>> = vec![
        Box::new(move |t, p| imports::ensure_named_import(t, p, "workosWidgetsToken", &source)),
        Box::new(|t, p| {
            Ok(vite_config::add_plugin(t, p, "workosWidgetsToken()").unwrap_or_default())
        }),
    ];
    files.edit(
        &config,
        &transforms,
        "serve the token route from vite dev and vite preview",
    )
}

/// Takes `workosWidgetsToken()` and its import out of `vite.config.*`
/// again, when they are as [`plan_vite_config`] wrote them (see
/// [`crate::switch::undo_registration`]).
fn unregister_vite_config(
    cx: &Cx<'_>,
    server_ext: &str,
    files: &mut FilePlanner<'_>,
) -> Result<Option<String>, GenerateError> {
    let Some(config) = cx.project.entries.vite_config.clone() else {
        return Ok(None);
    };
    let source = format!(
        "./{}{server_ext}",
        Layout::import_path(&cx.layout.vite_plugin())
    );
    let undo: Vec<Transform<'_>> = vec![
        Box::new(|_, p| Ok(vite_config::remove_plugin(p, "workosWidgetsToken"))),
        Box::new(move |t, p| {
            Ok(imports::remove_named_import(
                t,
                p,
                "workosWidgetsToken",
                &source,
            ))
        }),
    ];
    crate::switch::undo_registration(
        cx,
        files,
        &config,
        &undo,
        "workosWidgetsToken",
        "stop serving the token route (the token strategy has none)",
    )
}

/// The extension server files (compiled through vite.config in the Node
/// tsconfig) must write on relative imports.
pub(crate) fn server_import_ext(project: &Project) -> &'static str {
    if !project.is_typescript() {
        return ".js";
    }
    let config = ["tsconfig.node.json", "tsconfig.json"]
        .iter()
        .find_map(|f| std::fs::read_to_string(project.path(f)).ok())
        .unwrap_or_default();
    if config.contains("allowImportingTsExtensions") {
        ".ts"
    } else if config.to_ascii_lowercase().contains("nodenext")
        || config.to_ascii_lowercase().contains("node16")
    {
        ".js"
    } else {
        ""
    }
}
