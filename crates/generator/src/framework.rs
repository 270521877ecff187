//! One interface for every framework `init` sets up, and the one flow that
//! drives it. A framework answers a few questions (where the root is and
//! how styles load, which files serve the token route, where the widget
//! pages go, how the session is read); the steps around them (packages,
//! widget components, the token handler, env, manifest, next steps) are
//! shared. A new framework is one module implementing [`Framework`] plus
//! its templates.

use workos_widgets_core::Project;
use workos_widgets_core::catalog::Widget;
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::project::Framework as Kind;

use crate::context::{Flavor, TemplateData};
use crate::files::FilePlanner;
use crate::layout::Layout;
use crate::plan::{Component, Draft, Guide, Plan};
use crate::{GenerateError, Options, TokenStrategy, next, route_modules, sdk, steps, vite};

/// What the flow asks each framework.
pub(crate) trait Framework {
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

    /// The files that serve the token route (the shared handler is planned
    /// already).
    fn plan_token_route(
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

    /// The page per widget (only called when [`Framework::has_pages`]).
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

    /// Takes the token route's registration out again (the strategy no
    /// longer has a token route): `Ok(None)` when nothing of it is left,
    /// else what is left and why. Most frameworks register nothing.
    fn unregister_token_route(
        &self,
        _cx: &Cx<'_>,
        _files: &mut FilePlanner<'_>,
    ) -> Result<Option<String>, GenerateError> {
        Ok(None)
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

/// The framework module for `project` (supported frameworks only).
fn for_project(project: &Project) -> Result<Box<dyn Framework>, GenerateError> {
    Ok(match project.framework {
        Kind::NextJs => Box::new(next::Next::new(project)?),
        Kind::ReactRouter | Kind::Remix | Kind::TanstackStart => {
            Box::new(route_modules::RouteModules::new(project)?)
        }
        _ => Box::new(vite::Vite::new(project)?),
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
    let cx = Cx {
        project,
        strategy,
        layout: Layout::new(project),
    };
    let widgets = steps::all_widgets(manifest, &options.widgets)?;
    let mut warnings = Vec::new();
    let mut notes = framework.notes(project);
    let flavor = framework.flavor(&cx, &mut warnings);
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
    let mut data = TemplateData::new(project, &sdk, &widgets, strategy, &cx.layout, flavor);
    let mut files = FilePlanner::new(&project.root, manifest, options.force, &project.code_style);

    // 1. Dependencies (an AuthKit SDK that hands out its WorkOS client
    //    brings its own @workos-inc/node).
    let install =
        steps::dependencies(project, options, sdk_of_its_own.then_some(&sdk), &mut files)?;

    // 2. Styles and <WorkOsWidgets> in the root.
    framework.plan_root(&cx, &data, &mut files, &mut warnings)?;
    steps::api_options(&mut files, &cx.layout, &data)?;

    // 3. Widget components.
    let components = steps::widget_components(&mut files, &cx.layout, &mut data, &widgets)?;

    // 4. Tokens.
    if cx.backend() {
        steps::token_server(&mut files, project, &cx.layout, &data)?;
        framework.plan_token_route(&cx, &data, &mut files, &mut warnings)?;
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
        framework.as_ref(),
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
