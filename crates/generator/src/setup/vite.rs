//! The setup of a Vite + React app: root and styles in the entry file;
//! the token route is the Vite dev server's ([`crate::backend::vite_dev`]).

use std::path::{Path, PathBuf};

use workos_widgets_core::edit::transform::{Transform, imports};
use workos_widgets_core::js;
use workos_widgets_core::specifier::{relative_specifier, slash};
use workos_widgets_core::{Project, ProjectError};

use crate::backend::vite_dev::server_import_ext;
use crate::context::{Flavor, TemplateData};
use crate::files::FilePlanner;
use crate::layout::Layout;
use crate::plan::Component;
use crate::setup::{Cx, Setup};
use crate::{GenerateError, steps};

/// A Vite + React app, rendered from its entry module (`src/main.*`).
pub struct Vite {
    main: PathBuf,
    /// Extension on relative imports between browser files.
    client_ext: String,
    /// Extension on relative imports between server files.
    server_ext: &'static str,
}

impl Vite {
    /// Finds the entry module and the import style of `project`.
    pub fn new(project: &Project) -> Result<Self, GenerateError> {
        let main = project
            .entries
            .main
            .clone()
            .ok_or_else(|| ProjectError::MissingEntry {
                dir: project.root.clone(),
                looked_for: "index.html's module script, src/main.*, src/index.*".to_owned(),
            })?;
        let main_text =
            workos_widgets_core::links::read_inside(&project.root, &project.path(&main))?;
        Ok(Self {
            client_ext: relative_import_ext(&main, &main_text),
            server_ext: server_import_ext(project),
            main,
        })
    }
}

impl Setup for Vite {
    fn manifest_keys(&self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        ("vite", Vec::new())
    }

    fn flavor(&self, _cx: &Cx<'_>, _warnings: &mut Vec<String>) -> Flavor {
        Flavor {
            client_ext: self.client_ext.clone(),
            server_ext: self.server_ext.to_owned(),
            root_note: "the app root".to_owned(),
            ..Flavor::default()
        }
    }

    fn plan_root(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        let root = Root {
            main: &self.main,
            layout: &cx.layout,
            client_ext: &self.client_ext,
        };
        plan_root(cx.project, &root, data, files, warnings)
    }

    fn dev_origin(&self) -> &'static str {
        workos_widgets_core::framework::profile(workos_widgets_core::project::Framework::Vite)
            .dev_origin
    }

    fn render_steps(&self, cx: &Cx<'_>, components: &[Component], _pages: bool) -> Vec<String> {
        let project = cx.project;
        let render = components.first().map(|first| {
            // A path relative to a real file: Vite resolves a tsconfig alias only
            // when vite.config declares it too.
            let page = project.entries.app.as_ref().unwrap_or(&self.main);
            // The components are .tsx/.jsx files: an app that writes extensions
            // on imports needs that one, not the .ts of the other modules.
            let component_ext = match (self.client_ext.is_empty(), project.is_typescript()) {
                (true, _) => "",
                (false, true) => ".tsx",
                (false, false) => ".jsx",
            };
            format!(
                "Render the components where you want them, e.g. in {}: import {{ {} }} from '{}' and render <{} />.",
                slash(page),
                first.component_name,
                relative_specifier(page, Path::new(&first.import_path), component_ext),
                first.component_name
            )
        });
        render.into_iter().collect()
    }
}

/// `.ts`/`.tsx`/`.js` when the entry file writes extensions on relative
/// imports (`import App from './App.tsx'`), else none.
fn relative_import_ext(main: &Path, text: &str) -> String {
    let allocator = oxc_allocator::Allocator::default();
    let Ok(program) = js::parse(&allocator, main, text) else {
        return String::new();
    };
    let with_ext = js::imports(&program).iter().any(|i| {
        i.source.starts_with('.')
            && [".ts", ".tsx", ".js", ".jsx"]
                .iter()
                .any(|e| i.source.ends_with(e))
    });
    match (with_ext, main.extension().and_then(|e| e.to_str())) {
        (true, Some("ts" | "tsx")) => ".ts".to_owned(),
        (true, _) => ".js".to_owned(),
        (false, _) => String::new(),
    }
}

/// Where a Vite app's root goes.
struct Root<'r> {
    main: &'r Path,
    layout: &'r Layout,
    /// Extension on relative imports between browser files.
    client_ext: &'r str,
}

/// Stylesheets in the entry file, before the first import that can bring
/// the app's CSS (unless a module the app root reaches imports them
/// already); `<WorkOsWidgets>` around the rendered tree, or inside the
/// `QueryClientProvider` of a provider or layout component (in the entry
/// or outside it) when the app has one (then it shares that provider's
/// client), or inside another holder of the app's client (a tRPC
/// provider's `queryClient`, a workspace package's provider component,
/// read there by the generated `WorkOsWidgetsWithAppClient`). Nothing is
/// wrapped when the app renders a `<WorkOsWidgets>` already (for instance
/// in a layout route around `<Outlet />`).
fn plan_root(
    project: &Project,
    root: &Root<'_>,
    data: &TemplateData,
    files: &mut FilePlanner<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), GenerateError> {
    let (main, layout, client_ext) = (root.main, root.layout, root.client_ext);
    let providers = &project.providers;
    let sheets = steps::sheets_to_load(project, main, files)?;
    // The generated components are .tsx/.jsx files: an app that writes
    // extensions on imports needs that one.
    let component_ext = match (client_ext.is_empty(), project.is_typescript()) {
        (true, _) => "",
        (false, true) => ".tsx",
        (false, false) => ".jsx",
    };
    let app_client = layout.app_client_root();
    let plan = match (&providers.query_client_provider, &providers.query_client) {
        // In the render tree: wrapped there, inside it.
        (Some(provider), _) if provider.file == main && !provider.wraps_slot => steps::RootPlan {
            file: main.to_path_buf(),
            wrap: steps::Wrap::RenderRoot,
            share: provider
                .client
                .clone()
                .map_or(steps::Share::Own, steps::Share::Value),
        },
        (Some(provider), _) => steps::RootPlan::inside(provider),
        (None, Some(holder)) => steps::RootPlan::for_holder(holder, |from| {
            relative_specifier(from, Path::new(&app_client), component_ext)
        })
        .unwrap_or_else(|| own_client(main)),
        (None, None) => own_client(main),
    };
    let api_options = relative_specifier(&plan.file, Path::new(&layout.api_options()), client_ext);
    let mut wrapping =
        steps::wrap_root(project, &plan, api_options, (files, layout, data), warnings)?;
    let styles: Transform<'_> = Box::new(move |t, p| imports::ensure_stylesheets(t, p, &sheets));
    if plan.file == main {
        wrapping.insert(0, styles);
        return files.edit(
            main,
            &wrapping,
            "import the widget styles and wrap the app in <WorkOsWidgets>",
        );
    }
    files.edit(main, &[styles], "import the widget styles")?;
    files.edit(&plan.file, &wrapping, &plan.reason())
}

/// `<WorkOsWidgets>` around the rendered tree, with a client of its own.
fn own_client(main: &Path) -> steps::RootPlan {
    steps::RootPlan {
        file: main.to_path_buf(),
        wrap: steps::Wrap::RenderRoot,
        share: steps::Share::Own,
    }
}

#[cfg(test)]
mod template_snapshots {
    use super::*;
    use crate::context::WidgetData;
    use crate::layout::TOKEN_ENDPOINT;
    use crate::templates;
    use workos_widgets_core::catalog;
    use workos_widgets_core::project::AuthKit;

    /// Every template a combination uses, rendered into one document, each
    /// part headed by the name of the template it comes from.
    fn render_all(ts: bool, authkit: Option<AuthKit>, sdk_major: u64) -> String {
        let widgets = [
            "user-profile",
            "organization-switcher",
            "users-management",
            "pipes-admin",
        ];
        let scopes: Vec<&'static str> =
            catalog::scopes_for(widgets.iter().filter_map(|id| catalog::find(id)))
                .into_iter()
                .map(catalog::Scope::as_str)
                .collect();
        let layout_ext = if ts { "ts" } else { "js" };
        let mut data = TemplateData {
            ts,
            server_components: false,
            suspense: false,
            process_global: false,
            worker_env: false,
            dev_server: true,
            server_suffix: "",
            route_hooks: "react-router",
            session_template: "shared/session",
            app_router: false,
            client_ext: if ts { ".ts" } else { ".js" }.to_owned(),
            server_ext: if ts { ".ts" } else { ".js" }.to_owned(),
            public_prefix: "VITE_",
            public_env: "import.meta.env",
            production_server: "`vite preview`",
            served_by: format!("server/workos-widgets/vite-plugin.{layout_ext}"),
            root_note: "the app root".to_owned(),
            handler_import: "./token-handler".to_owned(),
            token_endpoint: TOKEN_ENDPOINT,
            scopes,
            untyped_scopes: "widgets:pipes:manage".to_owned(),
            create_token: workos_widgets_core::node_sdk::uses_create_token(sdk_major),
            sdk_version: format!("{sdk_major}.0.0"),
            sdk_type: "WorkOS",
            authkit: authkit.is_some(),
            authkit_react: authkit == Some(AuthKit::React),
            authkit_nextjs: false,
            dev_identity: authkit.is_none(),
            routes_config: String::new(),
            route_types: "react-router",
            session_sdk: "",
            session_sdk_client: false,
            authkit_setup: "",
            session_path: format!("server/workos-widgets/session.{layout_ext}"),
            token_handler_path: format!("server/workos-widgets/token-handler.{layout_ext}"),
            widget: None,
        };
        let mut names = vec!["shared/api-options"];
        match authkit {
            None => names.extend([
                "shared/widgets-token",
                "shared/session",
                "shared/token-handler",
                "vite/vite-plugin",
            ]),
            Some(AuthKit::Js) => names.push("shared/authkit-js-token"),
            Some(_) => {}
        }
        names.push("shared/env-example");
        let mut out = String::new();
        for name in names {
            out.push_str(&format!("// ===== {name} =====\n"));
            out.push_str(&templates::render(name, &data).unwrap());
        }
        for id in ["user-profile", "organization-switcher"] {
            let widget = catalog::find(id).unwrap();
            let view = WidgetData::new(widget, &data, None);
            out.push_str(&format!("// ===== shared/widget ({id}) =====\n"));
            out.push_str(&templates::render("shared/widget", data.with_widget(view)).unwrap());
        }
        out
    }

    #[test]
    fn templates_render_for_every_combination() {
        let combos = [
            ("backend_sdk8", None, 8),
            ("backend_sdk11", None, 11),
            ("authkit_react", Some(AuthKit::React), 8),
            ("authkit_js", Some(AuthKit::Js), 8),
        ];
        for ts in [true, false] {
            for (name, authkit, sdk) in combos {
                let rendered = render_all(ts, authkit, sdk);
                let lang = if ts { "ts" } else { "js" };
                insta::assert_snapshot!(format!("{lang}_{name}"), rendered);
            }
        }
    }

    #[test]
    fn rendered_templates_parse() {
        for ts in [true, false] {
            for authkit in [None, Some(AuthKit::React), Some(AuthKit::Js)] {
                for section in render_all(ts, authkit, 11).split("// ===== ").skip(1) {
                    let (name, code) = section.split_once('\n').unwrap();
                    if name.starts_with("shared/env-example") {
                        continue;
                    }
                    let path = if ts { "x.tsx" } else { "x.jsx" };
                    js::check_parses(Path::new(path), code)
                        .unwrap_or_else(|e| panic!("{name} ({ts}): {e}"));
                }
            }
        }
    }
}
