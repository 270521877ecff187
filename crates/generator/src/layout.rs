//! Where generated files go in a Vite app.

use workos_widgets_core::Project;
use workos_widgets_core::catalog::Widget;

/// The token route the browser calls.
pub const TOKEN_ENDPOINT: &str = "/api/workos/widgets-token";

/// Generated paths for one project (extensions follow its language).
#[derive(Debug, Clone)]
pub struct Layout {
    ts: bool,
}

impl Layout {
    /// The layout for `project`.
    pub fn new(project: &Project) -> Self {
        Self {
            ts: project.is_typescript(),
        }
    }

    fn script(&self, stem: &str) -> String {
        format!("{stem}.{}", if self.ts { "ts" } else { "js" })
    }

    fn component(&self, stem: &str) -> String {
        format!("{stem}.{}", if self.ts { "tsx" } else { "jsx" })
    }

    /// Parses `VITE_WORKOS_API_BASE_URL` for `WorkOsWidgets`.
    pub fn api_options(&self) -> String {
        self.script("src/workos/api-options")
    }

    /// The browser-side token fetcher.
    pub fn token_client(&self) -> String {
        self.script("src/workos/widgets-token")
    }

    /// AuthKit JS: where the app registers its AuthKit client.
    pub fn authkit_js_token(&self) -> String {
        self.script("src/workos/authkit-token")
    }

    /// One widget's component.
    pub fn widget(&self, widget: &Widget) -> String {
        self.component(&format!("src/workos/{}", widget.generated_component()))
    }

    /// The session resolver.
    pub fn session(&self) -> String {
        self.script("server/workos-widgets/session")
    }

    /// The framework-agnostic token handler.
    pub fn token_handler(&self) -> String {
        self.script("server/workos-widgets/token-handler")
    }

    /// The Vite plugin serving the token route.
    pub fn vite_plugin(&self) -> String {
        self.script("server/workos-widgets/vite-plugin")
    }

    /// A path without its extension, for import paths.
    pub fn import_path(path: &str) -> String {
        path.rsplit_once('.')
            .map_or(path, |(stem, _)| stem)
            .to_owned()
    }
}
