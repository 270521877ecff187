//! One interface for every frontend framework `init` sets up ([`Setup`]),
//! one registry of them ([`for_project`]), and the one flow that drives a
//! setup and its backend ([`crate::backend::Backend`], where the token
//! route lives). A setup answers a few questions (where the root is and how
//! styles load, where the widget pages go, which AuthKit session it reads,
//! whether its own server hosts the token route); the steps around them
//! (packages, widget components, the token handler, env, manifest, next
//! steps) are shared. A new framework is one module here implementing
//! [`Setup`], a row in [`for_project`], and its templates in
//! `templates/<name>/`.

pub(crate) mod next;
pub(crate) mod react_router;
pub(crate) mod tanstack_start;
pub(crate) mod vite;

use workos_widgets_core::Project;
use workos_widgets_core::catalog::Widget;
use workos_widgets_core::framework::AuthKitSdk;
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::project::Framework as Kind;

use crate::backend::{self, Backend};
use crate::context::{Flavor, TemplateData};
use crate::files::FilePlanner;
use crate::layout::Layout;
use crate::plan::{Component, Draft, Guide, Plan};
use crate::{BackendChoice, GenerateError, Options, TokenStrategy, sdk, steps};

/// What the flow asks each frontend framework.
pub(crate) trait Setup {
    /// The framework's own server, where it can host the token route (see
    /// [`backend::choose`]); `None`: the app has none (a Vite SPA, SPA mode).
    fn own_server(&self) -> Option<&dyn Backend> {
        None
    }

    /// The manifest's `framework` value and any keys of its own.
    fn manifest_keys(&self) -> (&'static str, Vec<(&'static str, &'static str)>);

    /// The template flavor; `warnings` gets what the user must know about it.
    fn flavor(&self, cx: &Cx<'_>, warnings: &mut Vec<String>) -> Flavor;

    /// Styles and `<WorkOsWidgets>` in the root (and the generated
    /// component that reads the app's client, where one is needed);
    /// `warnings` gets what the user must do where no safe edit exists.
    fn plan_root(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError>;

    /// Whether the framework gets a page per widget at `/workos/<id>`.
    fn has_pages(&self) -> bool {
        false
    }

    /// The page per widget (only called when [`Setup::has_pages`]).
    fn plan_pages(
        &self,
        _cx: &Cx<'_>,
        _data: &mut TemplateData,
        _widgets: &[&'static Widget],
        _files: &mut FilePlanner<'_>,
    ) -> Result<(), GenerateError> {
        Ok(())
    }

    /// Registers the routes planned above where the app lists its routes
    /// (one edit of `app/routes.ts`); most frameworks need nothing.
    fn plan_route_list(
        &self,
        _project: &Project,
        _files: &mut FilePlanner<'_>,
        _warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        Ok(())
    }

    /// The dev server's origin, for the CORS step.
    fn dev_origin(&self) -> &'static str;

    /// Where to see the widgets and how to render them elsewhere.
    fn render_steps(&self, cx: &Cx<'_>, components: &[Component], pages: bool) -> Vec<String>;

    /// Choices made for this app that the user should know about.
    fn notes(&self, _project: &Project) -> Vec<String> {
        Vec::new()
    }
}

/// What every step reads: the app, the strategy in effect and where
/// generated files go.
pub(crate) struct Cx<'p> {
    pub project: &'p Project,
    pub strategy: TokenStrategy,
    pub layout: Layout,
}

impl Cx<'_> {
    /// Whether a backend route mints the tokens.
    pub fn backend(&self) -> bool {
        self.strategy == TokenStrategy::Backend
    }
}

/// The setup for `project`'s framework. Every framework is named here (no
/// catch-all): one `init` does not set up is refused with
/// [`GenerateError::NoSetup`].
fn for_project(project: &Project) -> Result<Box<dyn Setup>, GenerateError> {
    Ok(match project.framework {
        Kind::Vite => Box::new(vite::Vite::new(project)?),
        Kind::NextJs => Box::new(next::Next::new(project)?),
        Kind::ReactRouter => Box::new(react_router::new(project, &react_router::REACT_ROUTER)?),
        Kind::Remix => Box::new(react_router::new(project, &react_router::REMIX)?),
        Kind::TanstackStart => Box::new(tanstack_start::new(project)?),
        kind @ (Kind::CreateReactApp | Kind::Unknown) => {
            return Err(GenerateError::NoSetup {
                framework: kind.to_string(),
                dir: project.root.clone(),
            });
        }
    })
}

/// Plans `init`/`add` for `project`: the shared steps around the
/// framework's answers.
pub(crate) fn plan(
    project: &Project,
    manifest: Option<&Manifest>,
    options: &Options,
    strategy: TokenStrategy,
) -> Result<Plan, GenerateError> {
    let framework = for_project(project)?;
    // A backend that cannot be chosen matters only when there is a token
    // route to serve; otherwise `auto` keeps the default.
    let (backend, backend_note) = match backend::choose(
        framework.as_ref(),
        project,
        &options.backend,
        manifest.and_then(|m| m.string("backend")),
    ) {
        Ok(chosen) => chosen,
        Err(_) if strategy != TokenStrategy::Backend && options.backend == BackendChoice::Auto => {
            let default = framework
                .own_server()
                .unwrap_or(&backend::vite_dev::ViteDevServer);
            (backend::Chosen::Borrowed(default), None)
        }
        Err(error) => return Err(error),
    };
    let backend: &dyn Backend = &*backend;
    let cx = Cx {
        project,
        strategy,
        layout: Layout::new(project),
    };
    let widgets = steps::all_widgets(manifest, &options.widgets)?;
    let mut warnings = Vec::new();
    let mut notes = framework.notes(project);
    notes.extend(crate::strategy::note(project, options.strategy, strategy));
    let mut flavor = framework.flavor(&cx, &mut warnings);
    // The session resolvers the token route's server can run.
    if let Some(kit) = flavor.session_sdk {
        let offered = AuthKitSdk {
            kit,
            get_workos: flavor.session_sdk_client,
        };
        let session = backend.session(Some(offered));
        flavor.session_sdk = session.map(|s| s.kit);
        flavor.session_sdk_client = session.is_some_and(|s| s.get_workos);
    }
    if cx.backend() {
        notes.extend(backend_note);
    }
    notes.extend(backend.notes(&cx));
    let session_sdk = flavor.session_sdk;
    // The SDK the token handler calls: the app's own, or the one the
    // AuthKit SDK's getWorkOS() hands out.
    let sdk = sdk::resolve(project, session_sdk.filter(|_| flavor.session_sdk_client));
    // The app declares its own unless the AuthKit SDK brings it; a peer
    // range not installed yet is declared too (yarn installs no peers).
    let sdk_of_its_own = cx.backend() && (!flavor.session_sdk_client || sdk.pinned);
    if cx.backend() {
        notes.push(sdk.summary());
    }
    let served = backend::served(backend, &cx);
    let mut data = TemplateData::new(
        project,
        &sdk,
        &widgets,
        strategy,
        (&cx.layout, served),
        flavor,
    );
    let mut files = FilePlanner::new(&project.root, manifest, options.force, &project.code_style);

    // 1. Dependencies (an AuthKit SDK that hands out its WorkOS client
    //    brings its own @workos-inc/node).
    let install =
        steps::dependencies(project, options, sdk_of_its_own.then_some(&sdk), &mut files)?;

    // 2. Styles and <WorkOsWidgets> in the root.
    framework.plan_root(&cx, &data, &mut files, &mut warnings)?;
    steps::api_options(cx.project, &mut files, &cx.layout, &data)?;

    // 3. Widget components.
    let components =
        steps::widget_components(cx.project, &mut files, &cx.layout, &mut data, &widgets)?;

    // 4. Tokens.
    if cx.backend() {
        steps::token_server(&mut files, project, &cx.layout, &data)?;
        backend.plan_route(&cx, &data, &mut files, &mut warnings)?;
    } else {
        steps::authkit_js_token(&mut files, project, &cx.layout, &data)?;
    }

    // 5. A page per widget.
    let pages = framework.has_pages()
        && options.pages
        && manifest.and_then(|m| m.bool("pages")) != Some(false);
    if pages {
        framework.plan_pages(&cx, &mut data, &widgets, &mut files)?;
    }
    framework.plan_route_list(project, &mut files, &mut warnings)?;
    crate::switch::retire_previous_strategy(
        &cx,
        backend,
        manifest,
        &mut files,
        &mut notes,
        &mut warnings,
    )?;

    // 6. Env.
    steps::env(&mut files, project, &data)?;

    // 7. Manifest.
    let (name, keys) = framework.manifest_keys();
    steps::manifest(&mut files, project, name, &keys, strategy, &widgets);
    match backend.recorded().filter(|_| cx.backend()) {
        Some(server) => files.manifest.set_string("backend", &server),
        None => files.manifest.remove("backend"),
    }
    if framework.has_pages() && !pages {
        files.manifest.set_bool("pages", false);
    }

    let guide = Guide {
        session_path: cx.layout.session(),
        session_sdk,
        authkit_setup: data.authkit_setup,
        origin: framework.dev_origin(),
        render: framework.render_steps(&cx, &components, pages),
    };
    let draft = Draft {
        strategy,
        sdk: cx.backend().then_some(sdk),
        widgets: &widgets,
        scopes: &data.scopes,
        components,
        install,
        warnings,
        notes,
    };
    Ok(draft.finish(files, project, guide))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_refuses_a_framework_it_has_no_setup_for() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"dependencies":{"react":"^18.3.0","react-dom":"^18.3.0","react-scripts":"5.0.1"}}"#,
        )
        .unwrap();
        let project = workos_widgets_core::detect::detect(dir.path()).unwrap();
        assert_eq!(project.framework, Kind::CreateReactApp);
        let error = for_project(&project).err().unwrap();
        assert!(
            matches!(&error, GenerateError::NoSetup { framework, .. } if framework == "Create React App"),
            "{error:?}"
        );
        assert!(error.is_bad_input());
    }
}
