//! The plan for a Next.js app, App Router or Pages Router: styles and
//! `<WorkOsWidgets>` in the root (`app/layout.*`, the client providers file
//! holding its `QueryClientProvider`, or `pages/_app.*`), `"use client"`
//! widget components inside `<Suspense>`, the token route on the shared
//! handler, a page per widget at `/workos/<id>`, env, manifest.

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use semver::Version;
use workos_widgets_core::catalog::Widget;
use workos_widgets_core::edit::transform::{Transform, imports};
use workos_widgets_core::package_json::minimum_of_range;
use workos_widgets_core::project::{AuthKit, Router};
use workos_widgets_core::specifier::{self, slash};
use workos_widgets_core::{Project, ProjectError, js};

use crate::backend::Backend;
use crate::context::{Flavor, TemplateData, WidgetData};
use crate::files::FilePlanner;
use crate::layout::{Layout, TOKEN_ENDPOINT, widget_route};
use crate::plan::Component;
use crate::setup::{Cx, Setup};
use crate::{GenerateError, steps, templates};

/// A Next.js app, App Router or Pages Router.
pub struct Next {
    /// `app/layout.*` or `pages/_app.*`.
    root_file: PathBuf,
    app_router: bool,
}

impl Next {
    /// Finds the root layout (or `_app`) of `project`.
    pub fn new(project: &Project) -> Result<Self, GenerateError> {
        let app_router = project.router == Some(Router::NextAppRouter);
        let root_file =
            project
                .entries
                .next_root
                .clone()
                .ok_or_else(|| ProjectError::MissingEntry {
                    dir: project.root.clone(),
                    looked_for: if app_router {
                        "the root layout, app/layout.(tsx|jsx|js)".to_owned()
                    } else {
                        "pages/_app.(tsx|jsx|js); create it to render every page".to_owned()
                    },
                })?;
        Ok(Self {
            root_file,
            app_router,
        })
    }
}

impl Setup for Next {
    fn own_server(&self) -> Option<&dyn Backend> {
        Some(self)
    }

    fn manifest_keys(&self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        let router = if self.app_router { "app" } else { "pages" };
        ("nextjs", vec![("router", router)])
    }

    fn flavor(&self, cx: &Cx<'_>, warnings: &mut Vec<String>) -> Flavor {
        let with_authkit = cx.project.authkit == Some(AuthKit::NextJs) && cx.backend();
        if with_authkit && !self.app_router {
            warnings.push(format!(
                "@workos-inc/authkit-nextjs's withAuth() works in the App Router only: the Pages Router token route uses the development identity of {}; make resolveWidgetsSession() there read your session before production",
                cx.layout.session()
            ));
        }
        let authkit_nextjs = with_authkit && self.app_router;
        if authkit_nextjs
            && workos_widgets_core::detect::next_middleware::runs_on(
                &cx.project.root,
                crate::layout::TOKEN_ENDPOINT,
            ) == Some(false)
        {
            warnings.push(format!(
                "the app's middleware matcher leaves out {}: AuthKit's withAuth() throws in the token route there (\"You are calling 'withAuth' on a route that isn't covered by the AuthKit middleware\"). Add \"/api/workos/:path*\" to the `matcher` in middleware.ts (proxy.ts on Next 16), or take `api` out of its exclusion group.",
                crate::layout::TOKEN_ENDPOINT
            ));
        }
        Flavor {
            suspense: true,
            process_global: true,
            app_router: self.app_router,
            authkit_nextjs,
            session_sdk: authkit_nextjs.then_some(AuthKit::NextJs),
            session_sdk_client: authkit_nextjs && exports_get_workos(cx.project),
            root_note: slash(&self.root_file),
            authkit_session: "next/session",
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
        plan_root(
            cx.project,
            &self.root_file,
            &cx.layout,
            data,
            files,
            warnings,
        )
    }

    fn has_pages(&self) -> bool {
        true
    }

    fn plan_pages(
        &self,
        cx: &Cx<'_>,
        data: &mut TemplateData,
        widgets: &[&'static Widget],
        files: &mut FilePlanner<'_>,
    ) -> Result<(), GenerateError> {
        plan_pages(cx.project, &cx.layout, data, widgets, files)
    }

    fn dev_origin(&self) -> &'static str {
        workos_widgets_core::framework::profile(workos_widgets_core::project::Framework::NextJs)
            .dev_origin
    }

    fn render_steps(&self, cx: &Cx<'_>, components: &[Component], pages: bool) -> Vec<String> {
        render_steps(cx.project, components, pages)
    }

    fn notes(&self, project: &Project) -> Vec<String> {
        notes(project)
    }
}

/// Next.js's own server: an App Router route handler or a Pages Router API
/// route, found by its file name (nothing to register).
impl Backend for Next {
    fn route_file(&self, cx: &Cx<'_>) -> String {
        cx.layout.token_route()
    }

    fn plan_route(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        _warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        let route = if self.app_router {
            "next/app-route"
        } else {
            "next/pages-api-route"
        };
        files.generated(
            &self.route_file(cx),
            templates::render(route, data)?,
            &format!("serve POST {TOKEN_ENDPOINT}"),
            None,
        )
    }
}

/// The first `@workos-inc/authkit-nextjs` whose package root exports
/// `getWorkOS` (0.16.2 and 1.x do not; 1.4 defines it internally only).
const GET_WORKOS_SINCE: Version = Version::new(2, 0, 0);

/// Whether the app's `@workos-inc/authkit-nextjs` (installed, else the
/// lowest version its declared range admits) exports `getWorkOS`; without
/// it the token handler creates its own client from `@workos-inc/node`.
/// An unreadable version counts as current.
fn exports_get_workos(project: &Project) -> bool {
    let package = AuthKit::NextJs.package();
    project
        .installed(package)
        .and_then(|v| Version::parse(v).ok())
        .or_else(|| minimum_of_range(project.package(package)?.declared.as_deref()?))
        .is_none_or(|version| version >= GET_WORKOS_SINCE)
}

/// What the user should know about the choices made for this app.
fn notes(project: &Project) -> Vec<String> {
    let mut notes = Vec::new();
    let Some(next) = &project.next else {
        return notes;
    };
    if let (Some(app), Some(pages)) = (&next.app_dir, &next.pages_dir) {
        notes.push(format!(
            "both {} and {} exist: setting up the App Router ({}); pages under {} keep working but get no <WorkOsWidgets>",
            slash(app),
            slash(pages),
            slash(app),
            slash(pages)
        ));
    }
    if next.cache_components {
        notes.push("cacheComponents is on: the widget components render inside <Suspense>, which prerendering needs; keep them inside one if you change them".to_owned());
    }
    notes
}

/// Stylesheets in the root file; `<WorkOsWidgets>` around the page slot, or
/// inside the `QueryClientProvider` of a client providers file wrapping it
/// (then it shares that provider's client), or inside another holder of
/// the app's client (a tRPC provider's `queryClient`, a workspace package's
/// provider component, read there by the generated
/// `WorkOsWidgetsWithAppClient`).
fn plan_root(
    project: &Project,
    root_file: &Path,
    layout: &Layout,
    data: &TemplateData,
    files: &mut FilePlanner<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), GenerateError> {
    let providers = &project.providers;
    let app_client = layout.app_client_root();
    let page_slot = |share| steps::RootPlan {
        file: root_file.to_path_buf(),
        wrap: steps::Wrap::PageSlot,
        share,
    };
    let plan = match (&providers.query_client_provider, &providers.query_client) {
        (Some(provider), _) if provider.file != root_file => steps::RootPlan::inside(provider),
        (Some(provider), _) => page_slot(match &provider.client {
            Some(client) if slot_inside_query_client(project, root_file)? => {
                steps::Share::Value(client.clone())
            }
            _ => steps::Share::Own,
        }),
        (None, Some(holder)) => steps::RootPlan::for_holder(holder, |from| {
            specifier::import_specifier(
                from,
                Path::new(&app_client),
                project.generated_imports.alias.as_ref(),
                "",
            )
        })
        .unwrap_or_else(|| page_slot(steps::Share::Own)),
        (None, None) => page_slot(steps::Share::Own),
    };
    let api_options = specifier::import_specifier(
        &plan.file,
        Path::new(&layout.api_options()),
        project.generated_imports.alias.as_ref(),
        "",
    );
    let mut wrapping =
        steps::wrap_root(project, &plan, api_options, (files, layout, data), warnings)?;
    let sheets = steps::sheets_to_load(project, root_file, files)?;
    let styles: Transform<'_> = Box::new(move |t, p| imports::ensure_stylesheets(t, p, &sheets));
    if plan.file == root_file {
        wrapping.insert(0, styles);
        return files.edit(
            root_file,
            &wrapping,
            "import the widget styles and wrap the pages in <WorkOsWidgets>",
        );
    }
    files.edit(root_file, &[styles], "import the widget styles")?;
    files.edit(&plan.file, &wrapping, &plan.reason())
}

/// Whether the root file's page slot sits inside its `QueryClientProvider`.
fn slot_inside_query_client(project: &Project, root_file: &Path) -> Result<bool, GenerateError> {
    let text = workos_widgets_core::links::read_inside(&project.root, &project.path(root_file))?;
    let allocator = Allocator::default();
    let program = js::parse(&allocator, root_file, &text)?;
    Ok(js::page_slot(&program)
        .is_some_and(|slot| slot.ancestors.iter().any(|a| a == "QueryClientProvider")))
}

/// `/workos/<id>` pages, importing the widget components through the path
/// alias when there is one.
fn plan_pages(
    project: &Project,
    layout: &Layout,
    data: &mut TemplateData,
    widgets: &[&'static Widget],
    files: &mut FilePlanner<'_>,
) -> Result<(), GenerateError> {
    for widget in widgets {
        let Some(page) = layout.widget_page(widget) else {
            continue;
        };
        let import = specifier::import_specifier(
            Path::new(&page),
            Path::new(&layout.widget(widget)),
            project.generated_imports.alias.as_ref(),
            "",
        );
        let view = WidgetData::new(widget, data, Some((widget_route(widget), import)));
        files.generated(
            &page,
            templates::render("next/page", data.with_widget(view))?,
            &format!("show <{}> at {}", widget.component, widget_route(widget)),
            None,
        )?;
    }
    data.widget = None;
    Ok(())
}

/// Where to see the widgets, and how to render them elsewhere.
fn render_steps(project: &Project, components: &[Component], pages: bool) -> Vec<String> {
    let mut steps = Vec::new();
    let Some(first) = components.first() else {
        return steps;
    };
    if pages {
        let dev = if project.package_json.has_script("dev") {
            project.package_manager.name.run_script("dev")
        } else {
            "npx next dev".to_owned()
        };
        steps.push(format!(
            "See them: run `{dev}` and open {}/workos/{} (one page per widget under /workos/).",
            project.profile().dev_origin,
            first.widget
        ));
    }
    let import = first.specifier(project);
    steps.push(format!(
        "Render them in your own pages: import {{ {} }} from '{import}' and render <{} /> (a client component with its own <Suspense>).",
        first.component_name, first.component_name
    ));
    steps
}

#[cfg(test)]
mod template_tests {
    use super::*;
    use crate::context::TemplateData;

    /// Next.js template data: TypeScript or not, App or Pages Router, and
    /// which AuthKit (if any).
    fn data(ts: bool, app_router: bool, authkit: Option<AuthKit>) -> TemplateData {
        let authkit_nextjs = authkit == Some(AuthKit::NextJs);
        let browser_authkit = authkit.is_some_and(AuthKit::has_browser_tokens);
        TemplateData {
            ts,
            server_components: true,
            suspense: true,
            process_global: true,
            worker_env: false,
            dev_server: false,
            server_suffix: "",
            route_hooks: "react-router",
            session_template: if authkit_nextjs {
                "next/session"
            } else {
                "shared/session"
            },
            app_router,
            client_ext: String::new(),
            server_ext: String::new(),
            public_prefix: "NEXT_PUBLIC_",
            public_env: "process.env",
            production_server: "`next start`",
            served_by: "app/api/workos/widgets-token/route.ts".to_owned(),
            root_note: "app/layout.tsx".to_owned(),
            handler_import: "@/workos/server/token-handler".to_owned(),
            token_endpoint: TOKEN_ENDPOINT,
            scopes: vec!["widgets:users-table:manage", "widgets:pipes:manage"],
            untyped_scopes: "widgets:pipes:manage".to_owned(),
            create_token: true,
            sdk_version: "10.14.0".to_owned(),
            sdk_type: if authkit_nextjs {
                "ReturnType<typeof getWorkOS>"
            } else {
                "WorkOS"
            },
            authkit: browser_authkit,
            authkit_react: authkit == Some(AuthKit::React),
            authkit_nextjs,
            dev_identity: !browser_authkit && !authkit_nextjs,
            routes_config: String::new(),
            route_types: "react-router",
            session_sdk: if authkit_nextjs {
                "@workos-inc/authkit-nextjs"
            } else {
                ""
            },
            session_sdk_client: authkit_nextjs,
            authkit_setup: if authkit_nextjs {
                "the AuthKit middleware (middleware.ts or proxy.ts) must run on /api/workos/widgets-token"
            } else {
                ""
            },
            session_path: "workos/server/session.ts".to_owned(),
            token_handler_path: "workos/server/token-handler.ts".to_owned(),
            widget: None,
        }
    }

    #[test]
    fn every_next_template_parses_in_every_flavor() {
        let switcher = workos_widgets_core::catalog::find("organization-switcher").unwrap();
        let pipes_admin = workos_widgets_core::catalog::find("pipes-admin").unwrap();
        for ts in [true, false] {
            for app_router in [true, false] {
                for authkit in [None, Some(AuthKit::NextJs), Some(AuthKit::React)] {
                    let mut data = data(ts, app_router, authkit);
                    let flavor = format!("ts={ts} app={app_router} {authkit:?}");
                    let route = if app_router {
                        "next/app-route"
                    } else {
                        "next/pages-api-route"
                    };
                    let mut files = Vec::new();
                    for name in [
                        "shared/api-options",
                        data.session_template,
                        "shared/token-handler",
                        route,
                    ] {
                        files.push((name.to_owned(), templates::render(name, &data).unwrap()));
                    }
                    for widget in [switcher, pipes_admin] {
                        let page = Some(("/workos/x".to_owned(), "@/workos/X".to_owned()));
                        let view = WidgetData::new(widget, &data, page);
                        data.with_widget(view);
                        for name in ["shared/widget", "next/page"] {
                            let text = templates::render(name, &data).unwrap();
                            files.push((format!("{name} {}", widget.id), text));
                        }
                    }
                    for (name, text) in &files {
                        let path = if ts { "x.tsx" } else { "x.jsx" };
                        js::check_parses(Path::new(path), text)
                            .unwrap_or_else(|e| panic!("{name} ({flavor}): {e}\n{text}"));
                    }
                    let page = files
                        .iter()
                        .find(|(name, _)| name == "next/page organization-switcher")
                        .map(|(_, text)| text.as_str())
                        .unwrap_or_default();
                    let passes_switch =
                        page.contains("switchToOrganization={switchToOrganization}");
                    assert_eq!(
                        passes_switch,
                        authkit != Some(AuthKit::React),
                        "{flavor}: AuthKit React's useAuth() switches organizations itself\n{page}"
                    );
                    assert_eq!(
                        page.contains("'use server'"),
                        app_router && passes_switch,
                        "{flavor}: only the App Router page passes a server action\n{page}"
                    );
                }
            }
        }
    }
}
