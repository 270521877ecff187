//! `init` and `add`: turn a [`Project`] and the user's choices into a
//! [`Plan`] (pure data), then apply it atomically.
//!
//! plan -> render templates -> splice edits into user files -> apply.

mod backend;
mod context;
pub mod diff;
mod error;
mod files;
mod format;
pub mod install;
mod layout;
pub mod plan;
pub mod report;
pub mod restyle;
mod route_modules;
pub mod sdk;
mod setup;
mod steps;
mod strategy;
mod switch;
mod templates;
pub mod transaction;

use workos_widgets_core::Project;
use workos_widgets_core::catalog::Widget;
use workos_widgets_core::manifest::Manifest;

pub use backend::BackendChoice;
pub use error::GenerateError;
pub use plan::Plan;
pub use sdk::SdkTarget;
pub use strategy::{StrategyChoice, TokenStrategy};

/// The user's choices for `init`/`add`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Widgets to set up (`add` passes only the new ones).
    pub widgets: Vec<&'static Widget>,
    pub strategy: StrategyChoice,
    /// The package manager to install with (defaults to the detected one).
    pub package_manager: Option<workos_widgets_core::project::PackageManager>,
    /// `--no-install`: declare the packages in package.json instead.
    pub defer_install: bool,
    /// `--force`: replace generated files the user edited.
    pub force: bool,
    /// Next.js: generate a page per widget at `/workos/<id>` (`--no-pages`
    /// turns it off).
    pub pages: bool,
    /// `--backend`: which server hosts the token route.
    pub backend: BackendChoice,
}

/// Plans `init` (or `add`, which is `init` with the manifest's widgets kept).
pub fn plan(
    project: &Project,
    manifest: Option<&Manifest>,
    options: &Options,
) -> Result<Plan, GenerateError> {
    project.ensure_supported()?;
    if let Some(manifest) = manifest {
        manifest.ensure_not_newer(&project.path(workos_widgets_core::manifest::FILE_NAME))?;
    }
    let strategy = strategy::resolve(project, manifest, options.strategy)?;
    let project = with_app_shapes(project);
    setup::plan(&project, manifest, options, strategy)
}

/// `project` with what only `init` looks for: the app's own widgets
/// wrapper (the generated widgets render inside it) and the pathless
/// layout route holding its providers (the pages go under it).
fn with_app_shapes(project: &Project) -> std::borrow::Cow<'_, Project> {
    use workos_widgets_core::detect::{provider_layout, widgets_wrapper};
    let mut project = std::borrow::Cow::Borrowed(project);
    if let Some((wrapper, sheets)) = widgets_wrapper::find(&project) {
        project.to_mut().providers.adopt_wrapper(wrapper, sheets);
    }
    if let Some((layout, found)) = provider_layout::find(&project) {
        project.to_mut().providers.adopt_layout(layout, found);
    }
    project
}
