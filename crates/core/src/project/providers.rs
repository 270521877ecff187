//! What detection found around the app: the providers, the holder of the
//! app's `QueryClient`, the widget stylesheets.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// Where a provider or root component already appears.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderUse {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The source text of the client it is given: a `QueryClientProvider`'s
    /// `client` prop, the root's `queryClient` prop.
    pub client: Option<String>,
    /// Whether it wraps what its component is given (`{children}`, a
    /// router's `<Outlet />`, `_app`'s `<Component />`), found by following
    /// the app's provider and layout components from the entry files.
    pub wraps_slot: bool,
    /// Around some of the places its component renders what it is given
    /// but not all (`{busy ? <WorkOsWidgets>{children}</WorkOsWidgets> :
    /// children}`): the other branches render the page without it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// How many elements of the same name come before it in its file (so
    /// an edit finds this one, not a namesake around a sidebar).
    #[serde(skip)]
    pub ordinal: usize,
    /// The element's name as written (`QueryClientProvider`, an alias).
    #[serde(skip)]
    pub element: String,
}

/// Where the app's `QueryClient` can be reached when no
/// `QueryClientProvider` element of the app wraps the page (see
/// `detect::providers`).
#[derive(Debug, Clone, Serialize)]
pub struct QueryClientHolder {
    /// The file holding the evidence: the provider element, the root
    /// module, or the router file.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    #[serde(flatten)]
    pub access: ClientAccess,
}

/// How `<WorkOsWidgets>` reaches the app's `QueryClient`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ClientAccess {
    /// A provider element that takes the client as a prop
    /// (`<api.Provider client={trpcClient} queryClient={queryClient}>`):
    /// the prop's text is in scope inside the element.
    Prop {
        /// The element's name as written.
        element: String,
        #[serde(skip)]
        ordinal: usize,
        client: String,
    },
    /// A provider component of a workspace package that renders a
    /// `QueryClientProvider` around what it is given: only React context
    /// holds the client there (`useQueryClient()` inside the element).
    PackageProvider {
        element: String,
        #[serde(skip)]
        ordinal: usize,
        package: String,
    },
    /// TanStack Router: the root route's context declares `queryClient`
    /// (`createRootRouteWithContext<{ queryClient: QueryClient }>()`), so
    /// `route.useRouteContext()` reads it in the root's components.
    RouteContext {
        /// The root route's binding (`Route`).
        route: String,
    },
    /// TanStack Router's query integration (`setupRouterSsrQueryIntegration`,
    /// `routerWithQueryClient`) wraps the router in a `QueryClientProvider`:
    /// `useQueryClient()` in the root reads the app's client.
    RouterIntegration,
}

/// Providers found around the app (see `detect::providers`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Providers {
    pub query_client_provider: Option<ProviderUse>,
    /// The app's client where no `QueryClientProvider` element is found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_client: Option<QueryClientHolder>,
    pub theme: Option<ProviderUse>,
    pub workos_widgets: Option<ProviderUse>,
    /// AuthKit React's `<AuthKitProvider>` (what `useAuth()` needs above it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authkit_provider: Option<ProviderUse>,
    /// Imports of the widget stylesheets in the files read.
    pub stylesheets: Vec<StylesheetImport>,
    /// The app's own wrapper, rendered page by page around its widgets
    /// where no root is around the app (set by [`Providers::adopt_wrapper`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widgets_wrapper: Option<WidgetsWrapper>,
    /// The pathless layout route holding providers the root module lacks
    /// (set by [`Providers::adopt_layout`]): new pages go under it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_layout: Option<ProviderLayout>,
}

/// A pathless layout route whose tree holds the app's providers (see
/// `detect::provider_layout`).
#[derive(Debug, Clone, Serialize)]
pub struct ProviderLayout {
    /// The route module, relative to the app.
    pub file: PathBuf,
    /// Its route id segment (`_providers`).
    pub id: String,
}

/// A component of the app that renders `<WorkOsWidgets>` around what it is
/// given and takes nothing else (see `detect::widgets_wrapper`).
#[derive(Debug, Clone, Serialize)]
pub struct WidgetsWrapper {
    pub file: PathBuf,
    /// 1-based line of its `<WorkOsWidgets>`.
    pub line: usize,
    /// The export it is imported by (`default` for the default export).
    pub export: String,
    /// The name to render it by (the export, or the default export's own).
    pub name: String,
    /// Its `<WorkOsWidgets>` is given the app's `queryClient`.
    pub shares_client: bool,
    /// The app loads it only through `lazy()` / `next/dynamic` (keeping the
    /// widgets and their stylesheets out of the main bundle).
    pub lazy: bool,
}

impl Providers {
    /// New pages go under the pathless `layout` route: the providers found
    /// around its `<Outlet />` count where the root module has none.
    pub fn adopt_layout(&mut self, layout: ProviderLayout, found: Providers) {
        if self.authkit_provider.is_none() {
            self.authkit_provider = found.authkit_provider;
        }
        if self.query_client_provider.is_none() && self.query_client.is_none() {
            self.query_client_provider = found.query_client_provider;
            self.query_client = found.query_client;
        }
        if self.theme.is_none() {
            self.theme = found.theme;
        }
        self.stylesheets.extend(found.stylesheets);
        self.provider_layout = Some(layout);
    }

    /// Renders the widgets inside the app's own `wrapper`: the widget
    /// stylesheets its module imports count as loaded.
    pub fn adopt_wrapper(&mut self, wrapper: WidgetsWrapper, sheets: Vec<StylesheetImport>) {
        self.stylesheets.extend(sheets);
        self.widgets_wrapper = Some(wrapper);
    }

    /// Whether `sheet` is imported by a file the app root reaches.
    pub fn imports_stylesheet(&self, sheet: &str) -> bool {
        self.stylesheets.iter().any(|s| s.sheet == sheet)
    }

    /// The widget stylesheets `init` still has to load from `file`, in
    /// order: those the app brings in any other way are left out (a CSS
    /// `@import`, a `<link>` element, an import in another module); a plain
    /// import or a links-list entry in `file` itself stays in the list (the
    /// edit sees it there, and places the rest in order around it).
    pub fn sheets_to_load(&self, file: &Path) -> Vec<&'static str> {
        let seen_by_the_edit = |s: &StylesheetImport| {
            s.file == file && matches!(s.via, SheetVia::Import | SheetVia::UrlInLinks)
        };
        crate::catalog::STYLESHEETS
            .into_iter()
            .filter(|sheet| {
                !self
                    .stylesheets
                    .iter()
                    .any(|s| s.sheet == *sheet && !seen_by_the_edit(s))
            })
            .collect()
    }
}

/// An import of a widget stylesheet (a module import, a linked `?url`
/// import, or a CSS `@import`).
#[derive(Debug, Clone, Serialize)]
pub struct StylesheetImport {
    pub sheet: String,
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    pub via: SheetVia,
}

/// How a widget stylesheet is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SheetVia {
    /// `import '@radix-ui/themes/styles.css'`.
    Import,
    /// `import radix from '...styles.css?url'` listed in a links list
    /// (Remix's `links`, TanStack Start's `head().links`).
    UrlInLinks,
    /// `import radix from '...styles.css?url'` rendered as
    /// `<link rel="stylesheet" href={radix} />`.
    UrlInLinkElement,
    /// An `@import` in a stylesheet the app imports.
    CssImport,
}
