//! The root step: `<WorkOsWidgets>` placed around the app (inside the
//! app's `QueryClientProvider`, sharing its client, or a holder of it),
//! the generated client component, and the warnings about a kept root.

use workos_widgets_core::Project;
use workos_widgets_core::catalog::{self};
use workos_widgets_core::edit::EditError;
use workos_widgets_core::edit::transform::Transform;
use workos_widgets_core::project::AuthKit;

use crate::context::TemplateData;
use crate::files::FilePlanner;
use crate::layout::Layout;
use crate::{GenerateError, templates};

/// Local names the API options are imported as, in order of preference.
const API_OPTIONS_NAMES: [&str; 3] = [
    "workosApiOptions",
    "workosWidgetsApiOptions",
    "widgetsApiOptions",
];

/// Where `<WorkOsWidgets>` goes in a file.
#[derive(Debug, Clone)]
pub enum Wrap {
    /// Around the tree passed to every `render(...)` of the entry.
    RenderRoot,
    /// Around a Next.js root's `{children}` / `<Component />`, a route
    /// module root's `{children}` / `<Outlet />`.
    PageSlot,
    /// Inside the element `name` of the file (the one `ordinal` elements
    /// of that name come before): a `QueryClientProvider`, a tRPC provider,
    /// a package's provider component.
    Children { name: String, ordinal: usize },
}

/// How the root gets the app's `QueryClient`.
#[derive(Debug, Clone)]
pub enum Share {
    /// No client of the app's in reach: `<WorkOsWidgets>` makes its own.
    Own,
    /// `queryClient={text}`: the text is in scope where the root goes.
    Value(String),
    /// TanStack Router's root route context (`route` is the root route's
    /// binding), read in the component around the page slot.
    RouteContext { route: String },
    /// The generated `<WorkOsWidgetsWithAppClient>` (imported from
    /// `module`), which reads the client with `useQueryClient()`.
    AppClientComponent { module: String },
}

/// Local names the generated app-client root is imported as.
const APP_CLIENT_NAMES: [&str; 3] = [
    crate::layout::APP_CLIENT_ROOT,
    "WorkOsWidgetsAppClient",
    "WidgetsWithAppClient",
];

/// Names the route context's client gets, in order of preference.
const ROUTE_CLIENT_NAMES: [&str; 3] = ["queryClient", "routeQueryClient", "workosQueryClient"];

/// The name the client read from the route context gets in the component
/// that renders `file`'s page slot (one that component does not use yet);
/// `None` when that component has no block body to read it in.
pub fn route_context_binding(
    project: &Project,
    file: &std::path::Path,
) -> Result<Option<&'static str>, GenerateError> {
    let text = workos_widgets_core::error::read_to_string(&project.path(file))?;
    let allocator = oxc_allocator::Allocator::default();
    let program = workos_widgets_core::js::parse(&allocator, &project.path(file), &text)?;
    let Some(slot) = workos_widgets_core::js::page_slot(&program) else {
        return Ok(None);
    };
    let Some(body) = workos_widgets_core::js::enclosing_function_body(&program, slot.start) else {
        return Ok(None);
    };
    let body_text = &text[body.start..body.end];
    let used = |name: &str| {
        body_text.match_indices(name).any(|(at, _)| {
            let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
            !body_text[..at].chars().next_back().is_some_and(word)
                && !body_text[at + name.len()..]
                    .chars()
                    .next()
                    .is_some_and(word)
        })
    };
    Ok(ROUTE_CLIENT_NAMES.into_iter().find(|name| !used(name)))
}

/// The transforms that import the root and the API options into `file`
/// and wrap the tree, sharing the app's client as `share` says. Names the
/// file already binds to something else are not reused: the imports take
/// a free alias (`WorkOsWidgets as WorkOsWidgetsRoot`).
pub fn root_transforms(
    project: &Project,
    file: &std::path::Path,
    api_options: String,
    share: Share,
    wrap: Wrap,
) -> Result<Vec<Transform<'static>>, GenerateError> {
    use workos_widgets_core::edit::transform::{imports, root};
    let text = workos_widgets_core::links::read_inside(&project.root, &project.path(file))?;
    let allocator = oxc_allocator::Allocator::default();
    let program = workos_widgets_core::js::parse(&allocator, &project.path(file), &text)?;
    let taken = |what: &str| EditError::Edit {
        path: file.to_path_buf(),
        message: format!(
            "every name the tool would import {what} as is already taken in this file"
        ),
        hint: "rename one of your own bindings, or add <WorkOsWidgets> yourself".to_owned(),
    };
    let style = root::Layout::of(&project.code_style);
    let mut transforms: Vec<Transform<'static>> = Vec::new();
    let (attributes, layout) = if let Share::AppClientComponent { module } = &share {
        // The component brings the API options and the client itself.
        let name = workos_widgets_core::js::free_name(
            &program,
            crate::layout::APP_CLIENT_ROOT,
            module,
            &APP_CLIENT_NAMES,
        )
        .ok_or_else(|| taken(crate::layout::APP_CLIENT_ROOT))?;
        let module = module.clone();
        transforms.push(Box::new(move |t, p| {
            imports::ensure_named_import_as(t, p, crate::layout::APP_CLIENT_ROOT, name, &module)
        }));
        (String::new(), style.with_root(name))
    } else {
        let root_name = workos_widgets_core::js::free_name(
            &program,
            catalog::ROOT_COMPONENT,
            catalog::WIDGETS_PACKAGE,
            &root::ROOT_NAMES,
        )
        .ok_or_else(|| taken("WorkOsWidgets"))?;
        let options_name = workos_widgets_core::js::free_name(
            &program,
            API_OPTIONS_NAMES[0],
            &api_options,
            &API_OPTIONS_NAMES,
        )
        .ok_or_else(|| taken("workosApiOptions"))?;
        let mut attributes = format!(" {{...{options_name}}}");
        match &share {
            Share::Value(client) => attributes.push_str(&catalog::query_client_attribute(client)),
            Share::RouteContext { .. } => {
                let binding = route_context_binding(project, file)?
                    .ok_or_else(|| taken("the route context's queryClient"))?;
                attributes.push_str(&catalog::query_client_attribute(binding));
            }
            Share::Own | Share::AppClientComponent { .. } => {}
        }
        transforms.push(Box::new(move |t, p| {
            imports::ensure_named_import_as(
                t,
                p,
                catalog::ROOT_COMPONENT,
                root_name,
                catalog::WIDGETS_PACKAGE,
            )
        }));
        transforms.push(Box::new(move |t, p| {
            imports::ensure_named_import_as(t, p, API_OPTIONS_NAMES[0], options_name, &api_options)
        }));
        (attributes, style.with_root(root_name))
    };
    let path = file.to_path_buf();
    transforms.push(Box::new(move |t, p| match &wrap {
        Wrap::RenderRoot => root::wrap_render_root_in(&path, t, p, &attributes, layout),
        Wrap::PageSlot => root::wrap_page_slot(&path, t, p, &attributes, layout),
        Wrap::Children { name, ordinal } => {
            root::wrap_element_children(&path, t, p, (name, *ordinal), &attributes, layout)
        }
    }));
    if let Share::RouteContext { route } = share {
        let binding = route_context_binding(project, file)?.unwrap_or(ROUTE_CLIENT_NAMES[0]);
        transforms.push(Box::new(move |t, p| {
            Ok(root::read_route_context(t, p, &route, binding, layout))
        }));
    }
    Ok(transforms)
}

/// Where the root goes and how it shares the app's client.
pub struct RootPlan {
    pub file: std::path::PathBuf,
    pub wrap: Wrap,
    pub share: Share,
}

impl RootPlan {
    /// Inside the app's `QueryClientProvider` element, sharing its client.
    pub fn inside(provider: &workos_widgets_core::project::ProviderUse) -> Self {
        Self {
            file: provider.file.clone(),
            wrap: Wrap::Children {
                name: provider.element.clone(),
                ordinal: provider.ordinal,
            },
            share: provider.client.clone().map_or(Share::Own, Share::Value),
        }
    }

    /// Inside the element that holds the app's client (a provider taking it
    /// as a prop, a package's provider component); `app_client_module`
    /// gives the generated component's specifier from a file. `None` for
    /// the holders only a route module root can use.
    pub fn for_holder(
        holder: &workos_widgets_core::project::QueryClientHolder,
        app_client_module: impl Fn(&std::path::Path) -> String,
    ) -> Option<Self> {
        use workos_widgets_core::project::ClientAccess;
        let (name, ordinal, share) = match &holder.access {
            ClientAccess::Prop {
                element,
                ordinal,
                client,
            } => (element, *ordinal, Share::Value(client.clone())),
            ClientAccess::PackageProvider {
                element, ordinal, ..
            } => (
                element,
                *ordinal,
                Share::AppClientComponent {
                    module: app_client_module(&holder.file),
                },
            ),
            ClientAccess::RouteContext { .. } | ClientAccess::RouterIntegration => return None,
        };
        Some(Self {
            file: holder.file.clone(),
            wrap: Wrap::Children {
                name: name.clone(),
                ordinal,
            },
            share,
        })
    }

    /// Whether the generated app-client component is used.
    pub fn uses_app_client(&self) -> bool {
        matches!(self.share, Share::AppClientComponent { .. })
    }

    /// Why the file is edited, when it is not the entry or root file.
    pub fn reason(&self) -> String {
        match (&self.wrap, &self.share) {
            (Wrap::Children { name, .. }, Share::AppClientComponent { .. }) => {
                format!("put <WorkOsWidgets> inside <{name}>, reading the app's QueryClient there")
            }
            (Wrap::Children { name, .. }, Share::Value(_))
                if !name.ends_with("QueryClientProvider") =>
            {
                format!("put <WorkOsWidgets> inside <{name}>, sharing its queryClient")
            }
            _ => {
                "put <WorkOsWidgets> inside your QueryClientProvider, sharing its client".to_owned()
            }
        }
    }
}

/// The generated `<WorkOsWidgetsWithAppClient>` (when `needed`, or when an
/// earlier run generated it, so its hash stays recorded).
pub fn app_client_root(
    files: &mut FilePlanner<'_>,
    layout: &Layout,
    data: &TemplateData,
    needed: bool,
) -> Result<(), GenerateError> {
    let path = layout.app_client_root();
    if !needed && files.manifest.generated_hash(&path).is_none() {
        return Ok(());
    }
    files.generated(
        &path,
        templates::render("shared/app-client-root", data)?,
        "pass the app's QueryClient to <WorkOsWidgets> from inside the app's provider",
        None,
    )
}

/// The warning for an app that uses TanStack Query (imports it) while no
/// client of its own was found around the page: `<WorkOsWidgets>` then creates a
/// second `QueryClient`, and the exact code to share the app's instead.
pub fn unshared_client_warning(project: &Project, file: &std::path::Path) -> Option<String> {
    // Declared only as the widgets' peer, imported by no module: the app
    // has no client of its own to share.
    let declared = ["@tanstack/react-query", "react-query"]
        .into_iter()
        .find(|name| project.package_json.declared(name).is_some())
        .filter(|name| workos_widgets_core::detect::sources::mention(&project.root, name))?;
    let router_context = if project.framework
        == workos_widgets_core::project::Framework::TanstackStart
    {
        " With TanStack Router's context (`createRouter({ context: { queryClient } })`), declare it on the root route (`createRootRouteWithContext<{ queryClient: QueryClient }>()`) and, in the root component, add `const { queryClient } = Route.useRouteContext()` and pass queryClient={queryClient} to <WorkOsWidgets>."
    } else {
        ""
    };
    Some(format!(
        "the app depends on {declared}, but no QueryClientProvider (or other holder of its QueryClient) was found around the page, so <WorkOsWidgets> in {} creates a QueryClient of its own. If the app provides one further up, share it: render <WorkOsWidgets {{...workosApiOptions}} queryClient={{queryClient}}> inside your QueryClientProvider, or inside it a component that does `const queryClient = useQueryClient()` (from @tanstack/react-query) and returns <WorkOsWidgets {{...workosApiOptions}} queryClient={{queryClient}}>{{children}}</WorkOsWidgets>.{router_context}",
        workos_widgets_core::specifier::slash(file)
    ))
}

/// The edits that mount `<WorkOsWidgets>` as `plan` says (none when the app
/// already renders one), the generated client component it needs, and the
/// warnings about the app's root and client: every framework's root step.
/// `api_options` is how `plan.file` imports the API options module.
pub fn wrap_root(
    project: &Project,
    plan: &RootPlan,
    api_options: String,
    (files, layout, data): (&mut FilePlanner<'_>, &Layout, &TemplateData),
    warnings: &mut Vec<String>,
) -> Result<Vec<Transform<'static>>, GenerateError> {
    let providers = &project.providers;
    warnings.extend(partial_root_warning(project));
    warnings.extend(kept_root_client_warning(project));
    warnings.extend(authkit_provider_warning(project, data, &plan.file));
    warnings.extend(wrapper_client_warning(project));
    let mut wrapping = Vec::new();
    if providers.workos_widgets.is_none() && providers.widgets_wrapper.is_none() {
        if providers.query_client_provider.is_none() && matches!(plan.share, Share::Own) {
            warnings.extend(unshared_client_warning(project, &plan.file));
        }
        wrapping = root_transforms(
            project,
            &plan.file,
            api_options,
            plan.share.clone(),
            plan.wrap.clone(),
        )?;
    }
    app_client_root(
        files,
        layout,
        data,
        providers.workos_widgets.is_none()
            && providers.widgets_wrapper.is_none()
            && plan.uses_app_client(),
    )?;
    Ok(wrapping)
}

/// When the app's `<WorkOsWidgets>` is around only some branches of what
/// its component renders (`{busy ? <WorkOsWidgets>{children}</WorkOsWidgets>
/// : children}`): what to change, since init leaves an existing root alone
/// and `verify` reports the bare branch (WW201).
fn partial_root_warning(project: &Project) -> Option<String> {
    let root = project
        .providers
        .workos_widgets
        .as_ref()
        .filter(|r| r.partial)?;
    Some(format!(
        "the <WorkOsWidgets> at {}:{} is around only some of the branches that render the page: in the others every widget throws \"useElement must be used within a WidgetsContext provider\". Move it around the whole conditional (`<WorkOsWidgets ...>{{cond ? <A>{{children}}</A> : children}}</WorkOsWidgets>`).",
        workos_widgets_core::specifier::slash(&root.file),
        root.line
    ))
}

/// When init keeps the app's own `<WorkOsWidgets>` and it is given no
/// `queryClient` although the app provides a `QueryClient`: it creates a
/// second client, which init does not change silently.
fn kept_root_client_warning(project: &Project) -> Option<String> {
    let providers = &project.providers;
    let root = providers
        .workos_widgets
        .as_ref()
        .filter(|r| r.client.is_none())?;
    let holder = providers.query_client_provider.as_ref()?;
    Some(format!(
        "the <WorkOsWidgets> at {}:{} gets no queryClient, while the app provides a QueryClient ({}:{}): it creates a second client, so the widgets' queries do not share the app's cache. Pass the app's client: queryClient={{queryClient}}, or, inside the QueryClientProvider, `const queryClient = useQueryClient()` (from @tanstack/react-query).",
        workos_widgets_core::specifier::slash(&root.file),
        root.line,
        workos_widgets_core::specifier::slash(&holder.file),
        holder.line
    ))
}

/// When the generated widgets render inside the app's own wrapper and its
/// `<WorkOsWidgets>` gets no `queryClient` while the app provides one.
fn wrapper_client_warning(project: &Project) -> Option<String> {
    let providers = &project.providers;
    let wrapper = providers
        .widgets_wrapper
        .as_ref()
        .filter(|w| !w.shares_client)?;
    let holder = providers.query_client_provider.as_ref()?;
    Some(format!(
        "the generated widgets render inside your <{}> ({}:{}), whose <WorkOsWidgets> gets no queryClient, while the app provides a QueryClient ({}:{}): it creates a second client. Pass the app's: `const queryClient = useQueryClient()` (from @tanstack/react-query) in {}, and queryClient={{queryClient}} on its <WorkOsWidgets>.",
        wrapper.name,
        workos_widgets_core::specifier::slash(&wrapper.file),
        wrapper.line,
        workos_widgets_core::specifier::slash(&holder.file),
        holder.line,
        wrapper.name,
    ))
}

/// When the generated widgets take AuthKit React's token (`useAuth()`) but
/// no `<AuthKitProvider>` is found around the app root: `useAuth()` throws
/// outside one, so the generated pages would crash where the app renders
/// its provider only in some layouts.
fn authkit_provider_warning(
    project: &Project,
    data: &TemplateData,
    root: &std::path::Path,
) -> Option<String> {
    if !data.authkit_react || project.providers.authkit_provider.is_some() {
        return None;
    }
    Some(format!(
        "no <AuthKitProvider> (from {}) was found around the app in {}: the generated widgets call useAuth(), which throws outside it. If the app renders it in a layout or a component further down, render the generated widget pages under it (or move the provider around the app).",
        AuthKit::React.package(),
        workos_widgets_core::specifier::slash(root)
    ))
}
