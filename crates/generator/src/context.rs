//! The values every template is rendered with. The shared templates
//! (`templates/shared/`) serve every framework and branch only on
//! capabilities (what the app's framework, server or language can do),
//! never on a framework's name; those come from the framework's profile
//! (`core::framework::Profile`), its setup ([`Flavor`]) and its backend
//! ([`crate::backend::Served`]).

use serde::Serialize;
use workos_widgets_core::catalog::{self, Widget};
use workos_widgets_core::framework::ClientBoundary;
use workos_widgets_core::project::{AuthKit, RouteConvention, WidgetsWrapper};
use workos_widgets_core::{Project, specifier};

use crate::backend::Served;
use crate::layout::{Layout, TOKEN_ENDPOINT};
use crate::{SdkTarget, TokenStrategy};

/// One widget, for the widget and page templates.
#[derive(Debug, Clone, Serialize)]
pub struct WidgetData {
    pub id: &'static str,
    pub component: &'static str,
    pub generated_component: String,
    pub loading_component: &'static str,
    /// Props the loading component needs, with a leading space.
    pub loading_props: &'static str,
    pub switch_organization: bool,
    /// Whether the generated component takes `switchToOrganization` as a prop
    /// (AuthKit React's `useAuth()` provides it instead).
    pub takes_switch_prop: bool,
    /// The function the widget gets as `authToken`.
    pub token_function: &'static str,
    /// Whether `import { Widget, WidgetLoading } from '@workos-inc/widgets';`
    /// is longer than Prettier's 80 columns (then it is broken up).
    pub long_import: bool,
    /// Next.js pages: the page's URL path and the component's specifier.
    pub route: String,
    pub component_import: String,
    /// The widget waits inside `<Suspense>` ([`TemplateData::suspense`]).
    pub suspense: bool,
    /// What the generated component imports from `react`.
    pub react_names: &'static str,
    /// The app's own wrapper the widget renders inside (see
    /// [`WidgetData::inside_wrapper`]).
    pub wrapper: Option<WrapperView>,
}

/// The app's own widgets wrapper, as a generated widget component renders
/// it.
#[derive(Debug, Clone, Serialize)]
pub struct WrapperView {
    /// The local name.
    pub name: String,
    /// The import, or the `lazy()` declaration, that binds it.
    pub binding: String,
    /// Loaded with `lazy()`: rendered inside a `<Suspense>` of its own.
    pub lazy: bool,
    /// Its file, for the comment.
    pub note: String,
}

/// Everything the templates read.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateData {
    pub ts: bool,
    /// Modules are server components unless marked `"use client"` (from
    /// the profile's client boundary): generated browser modules carry the
    /// directive.
    pub server_components: bool,
    /// Widgets wait inside `<Suspense>` with their loading component (so
    /// pages rendering them can be prerendered).
    pub suspense: bool,
    /// The project's lint config knows Node's `process` global (else JS
    /// server modules import it from `node:process`).
    pub process_global: bool,
    /// The server's env is a binding passed to the handler (Cloudflare
    /// Workers' `env`), not `process.env`; no server module reads `process`.
    pub worker_env: bool,
    /// The token route runs in the dev server only (the Vite plugin): the
    /// production server must mount the handler itself.
    pub dev_server: bool,
    /// The suffix of server module names (`.server`; empty: none).
    pub server_suffix: &'static str,
    /// Next.js App Router (server actions, route handlers).
    pub app_router: bool,
    /// Extension on relative imports between generated browser files.
    pub client_ext: String,
    /// Extension on relative imports between generated server files.
    pub server_ext: String,
    /// Prefix of env variables bundled into browser code.
    pub public_prefix: &'static str,
    /// How browser code reads them.
    pub public_env: &'static str,
    /// The command serving a production build locally (it sets `NODE_ENV`).
    pub production_server: &'static str,
    /// The file that mounts the token handler (Next.js).
    pub served_by: String,
    /// The file rendering `<WorkOsWidgets>`, for comments.
    pub root_note: String,
    /// The specifier the token route imports the handler with (Next.js).
    pub handler_import: String,
    pub token_endpoint: &'static str,
    pub scopes: Vec<&'static str>,
    /// The scopes the target SDK's type lacks, comma-separated (empty: none,
    /// no cast); the list is cast when there are some.
    pub untyped_scopes: String,
    pub create_token: bool,
    pub sdk_version: String,
    /// The TypeScript type of the WorkOS client.
    pub sdk_type: &'static str,
    /// Widgets take AuthKit's browser access token (no token route).
    pub authkit: bool,
    pub authkit_react: bool,
    /// The token route resolves the user with authkit-nextjs's `withAuth()`
    /// and gets the client from its `getWorkOS()`.
    pub authkit_nextjs: bool,
    /// The session resolver falls back to a development identity from env.
    pub dev_identity: bool,
    /// The routes config new routes are listed in (`app/routes.ts`), if any.
    pub routes_config: String,
    /// Where a resource route's `ActionFunctionArgs` type comes from.
    pub route_types: &'static str,
    /// Where route components' hooks (`useSubmit`) come from.
    pub route_hooks: &'static str,
    /// The template of the session resolver.
    pub session_template: &'static str,
    /// The server AuthKit SDK the session resolver reads (empty: none).
    pub session_sdk: &'static str,
    /// The handler takes its WorkOS client from that SDK's `getWorkOS()`.
    pub session_sdk_client: bool,
    /// What the AuthKit SDK needs so the session reaches the token route.
    pub authkit_setup: &'static str,
    pub session_path: String,
    pub token_handler_path: String,
    pub widget: Option<WidgetData>,
}

/// Framework differences the planners supply.
#[derive(Debug, Clone, Default)]
pub struct Flavor {
    /// See [`TemplateData::suspense`].
    pub suspense: bool,
    /// See [`TemplateData::process_global`].
    pub process_global: bool,
    /// See [`TemplateData::worker_env`].
    pub worker_env: bool,
    pub app_router: bool,
    pub authkit_nextjs: bool,
    /// The server-side AuthKit SDK the session resolver reads.
    pub session_sdk: Option<AuthKit>,
    /// Whether the token handler takes its WorkOS client from that SDK
    /// (`getWorkOS()`), so the app needs no `@workos-inc/node` of its own.
    pub session_sdk_client: bool,
    pub client_ext: String,
    pub server_ext: String,
    pub root_note: String,
    /// See [`TemplateData::route_types`] and [`TemplateData::route_hooks`].
    pub route_types: &'static str,
    pub route_hooks: &'static str,
    /// The template of the session resolver that reads
    /// [`Flavor::session_sdk`] (unused without one).
    pub authkit_session: &'static str,
}

impl TemplateData {
    /// The data for `project` with `widgets` and the strategy in effect.
    pub fn new(
        project: &Project,
        sdk: &SdkTarget,
        widgets: &[&'static Widget],
        strategy: TokenStrategy,
        (layout, served): (&Layout, Served),
        flavor: Flavor,
    ) -> Self {
        let scopes = catalog::scopes_for(widgets.iter().copied());
        let backend = strategy == TokenStrategy::Backend;
        let profile = project.profile();
        let served_by = served.route_file;
        // The Vite plugin is loaded with vite.config, before any plugin or
        // alias applies: it imports the handler by a relative path.
        let alias = project
            .generated_imports
            .alias
            .as_ref()
            .filter(|_| served_by != layout.vite_plugin());
        let handler_import = specifier::import_specifier(
            served_by.as_ref(),
            layout.token_handler().as_ref(),
            alias,
            &flavor.server_ext,
        );
        Self {
            ts: project.is_typescript(),
            server_components: profile.boundary == ClientBoundary::UseClient,
            suspense: flavor.suspense,
            process_global: flavor.process_global,
            worker_env: flavor.worker_env,
            dev_server: served.dev_only,
            server_suffix: layout.server_suffix(),
            app_router: flavor.app_router,
            public_prefix: profile.public_env_prefix,
            public_env: profile.public_env,
            production_server: if project.routes.as_ref().is_some_and(|r| r.spa) {
                "`vite preview`"
            } else if flavor.worker_env {
                "the deployed Worker and `vite preview`"
            } else {
                profile.production_server
            },
            served_by,
            root_note: flavor.root_note,
            handler_import,
            token_endpoint: TOKEN_ENDPOINT,
            untyped_scopes: scopes
                .iter()
                .filter(|s| !s.in_sdk_types(&sdk.version))
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            scopes: scopes.iter().map(|s| s.as_str()).collect(),
            create_token: sdk.uses_create_token(),
            sdk_version: sdk.version.to_string(),
            sdk_type: if flavor.session_sdk_client {
                "ReturnType<typeof getWorkOS>"
            } else {
                "WorkOS"
            },
            authkit: !backend,
            // Only the AuthKit strategy reads `useAuth()` (the backend one
            // fetches from the token route, even beside authkit-react).
            authkit_react: !backend && project.authkit == Some(AuthKit::React),
            authkit_nextjs: flavor.authkit_nextjs,
            dev_identity: backend && flavor.session_sdk.is_none(),
            routes_config: project
                .routes
                .as_ref()
                .filter(|r| r.convention == RouteConvention::Config)
                .and_then(|r| r.config.as_deref())
                .map(specifier::slash)
                .unwrap_or_default(),
            route_types: flavor.route_types,
            route_hooks: flavor.route_hooks,
            session_template: if flavor.session_sdk.is_some() {
                flavor.authkit_session
            } else {
                "shared/session"
            },
            session_sdk: flavor.session_sdk.map_or("", AuthKit::package),
            session_sdk_client: flavor.session_sdk_client,
            authkit_setup: match flavor.session_sdk {
                Some(AuthKit::NextJs) => {
                    "the AuthKit middleware (middleware.ts or proxy.ts) must run on /api/workos/widgets-token"
                }
                Some(AuthKit::TanstackStart) => {
                    "authkitMiddleware() must be in the request middleware of src/start.ts"
                }
                Some(_) => "authkitLoader must run in the loader of your root route",
                None => "",
            },
            session_path: layout.session(),
            token_handler_path: layout.token_handler(),
            client_ext: flavor.client_ext,
            server_ext: flavor.server_ext,
            widget: None,
        }
    }

    /// The data with one widget selected.
    pub fn with_widget(&mut self, widget: WidgetData) -> &Self {
        self.widget = Some(widget);
        self
    }
}

impl WidgetData {
    /// The template view of `widget`; `page` is its Next.js page's route and
    /// the specifier the page imports the component with.
    pub fn new(
        widget: &'static Widget,
        data: &TemplateData,
        page: Option<(String, String)>,
    ) -> Self {
        let switch_organization = widget
            .extra_props
            .iter()
            .any(|p| p.name == "switchToOrganization");
        let token_function = match (data.authkit, data.authkit_react) {
            (true, true) => "getAccessToken",
            (true, false) => "getWidgetsToken",
            (false, _) => "fetchWidgetsToken",
        };
        let (route, component_import) = page.unwrap_or_default();
        Self {
            id: widget.id,
            component: widget.component,
            generated_component: widget.generated_component(),
            loading_component: widget.loading_component,
            loading_props: widget.loading_props,
            switch_organization,
            takes_switch_prop: switch_organization && !data.authkit_react,
            token_function,
            long_import: format!(
                "import {{ {}, {} }} from '@workos-inc/widgets';",
                widget.component, widget.loading_component
            )
            .len()
                > 80,
            route,
            component_import,
            suspense: data.suspense,
            react_names: if data.suspense { "Suspense" } else { "" },
            wrapper: None,
        }
    }

    /// The widget rendered inside the app's own `wrapper` by the generated
    /// component at `from`: imported the way the app loads it (through
    /// `lazy()` where the app does, keeping it out of the main bundle),
    /// under a name the component does not use otherwise.
    #[must_use]
    pub fn inside_wrapper(
        mut self,
        project: &Project,
        wrapper: &WidgetsWrapper,
        from: &std::path::Path,
        client_ext: &str,
    ) -> Self {
        let taken = [
            self.component,
            self.loading_component,
            self.generated_component.as_str(),
            "Suspense",
            "lazy",
            "useAuth",
            "fetchWidgetsToken",
            "getWidgetsToken",
            "OrganizationSwitcherProps",
        ];
        let name = if taken.contains(&wrapper.name.as_str()) {
            "AppWidgetsWrapper".to_owned()
        } else {
            wrapper.name.clone()
        };
        let ext = match client_ext {
            "" | ".js" => client_ext.to_owned(),
            _ => wrapper
                .file
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| format!(".{e}"))
                .unwrap_or_default(),
        };
        let source = specifier::import_specifier(
            from,
            &wrapper.file,
            project.generated_imports.alias.as_ref(),
            &ext,
        );
        let binding = match (wrapper.lazy, wrapper.export.as_str()) {
            (false, "default") => format!("import {name} from '{source}'"),
            (false, export) if export == name => format!("import {{ {name} }} from '{source}'"),
            (false, export) => format!("import {{ {export} as {name} }} from '{source}'"),
            (true, "default") => lazy_declaration(&name, &format!("import('{source}')")),
            (true, export) => lazy_declaration(
                &name,
                &format!("import('{source}').then((m) => ({{ default: m.{export} }}))"),
            ),
        };
        if wrapper.lazy {
            self.react_names = "lazy, Suspense";
        }
        self.wrapper = Some(WrapperView {
            name,
            binding,
            lazy: wrapper.lazy,
            note: specifier::slash(&wrapper.file),
        });
        self
    }
}

/// `const name = lazy(() => load)`, broken the way Prettier breaks it past
/// 80 columns.
fn lazy_declaration(name: &str, load: &str) -> String {
    let one_line = format!("const {name} = lazy(() => {load})");
    if one_line.len() <= 80 {
        one_line
    } else {
        format!("const {name} = lazy(\n  () => {load},\n)")
    }
}
