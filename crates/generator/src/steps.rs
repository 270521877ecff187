//! Plan steps shared by the Vite and Next.js planners: the widget list,
//! dependencies, widget components, the token server files, env files and
//! the manifest.

use workos_widgets_core::catalog::{self, Widget};
use workos_widgets_core::edit::EditError;
use workos_widgets_core::edit::transform::{self, Transform, scopes};
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::project::AuthKit;
use workos_widgets_core::{Project, env_files};

use crate::context::{TemplateData, WidgetData};
use crate::files::FilePlanner;
use crate::layout::{Layout, TOKEN_ENDPOINT};
use crate::plan::{Component, Install};
use crate::{GenerateError, Options, SdkTarget, TokenStrategy, install, templates};

/// The manifest's widgets plus the new ones, in catalog order.
pub fn all_widgets(
    manifest: Option<&Manifest>,
    chosen: &[&'static Widget],
) -> Result<Vec<&'static Widget>, GenerateError> {
    let mut ids: Vec<String> = manifest.map(Manifest::widgets).unwrap_or_default();
    ids.extend(chosen.iter().map(|w| w.id.to_owned()));
    for id in &ids {
        if catalog::find(id).is_none() {
            return Err(GenerateError::UnknownWidget {
                id: id.clone(),
                suggestion: catalog::suggest(id),
                origin: Some(format!(
                    "{} (`widgets`)",
                    workos_widgets_core::manifest::FILE_NAME
                )),
                known: catalog::ids(),
            });
        }
    }
    Ok(catalog::WIDGETS
        .iter()
        .filter(|w| ids.iter().any(|id| id == w.id))
        .collect())
}

/// The install step, declaring the packages in package.json with
/// `--no-install`. `sdk`: the `@workos-inc/node` the app needs of its own.
pub fn dependencies(
    project: &Project,
    options: &Options,
    sdk: Option<&SdkTarget>,
    files: &mut FilePlanner<'_>,
) -> Result<Option<Install>, GenerateError> {
    let detected = &project.package_manager;
    let manager = match options.package_manager {
        Some(chosen) if chosen != detected.name => (chosen, "--package-manager"),
        _ => (detected.name, detected.source.as_str()),
    };
    let node_types = (sdk.is_some() && needs_node_types(project)).then(node_types_range);
    let reqs = install::requirements(project, sdk, node_types);
    let (install, additions) = install::plan(project, &reqs, manager, options.defer_install)?;
    if !additions.is_empty() {
        let package_json = &project.package_json;
        let reason = if additions.only_dev() {
            "declare @types/node: tsconfig.node.json type-checks vite.config.ts, which imports the token server"
        } else {
            "declare the widget packages"
        };
        let tables = additions.by_table();
        let tables: Vec<(&str, &[(String, String)])> = tables
            .iter()
            .map(|(table, entries)| (*table, entries.as_slice()))
            .collect();
        files.text("package.json", reason, |_| {
            Some(package_json.with_tables(&tables))
        })?;
    }
    Ok(install)
}

/// Whether the generated server files (imported by `vite.config.ts`) are
/// type-checked by a tsconfig that has no Node types: create-vite 6 and 7's
/// `tsconfig.node.json` includes `vite.config.ts` with `lib: ["ES2023"]`,
/// no `types` and no `@types/node`, so `tsc -b` would fail on `process`,
/// `Request` and `node:http`. With no `types` list every installed
/// `@types/*` package is included, so declaring `@types/node` is enough; a
/// `types` list that leaves out `node` would need the user's tsconfig
/// changed, which init does not do.
fn needs_node_types(project: &Project) -> bool {
    if !project.is_typescript()
        || project.package_json.declared(install::NODE_TYPES).is_some()
        || project.installed(install::NODE_TYPES).is_some()
    {
        return false;
    }
    let Some(config) = &project.entries.vite_config else {
        return false;
    };
    let config_name = config.to_string_lossy().into_owned();
    ["tsconfig.node.json", "tsconfig.app.json", "tsconfig.json"]
        .iter()
        .filter_map(|name| std::fs::read_to_string(project.path(name)).ok())
        .any(|text| text.contains(&config_name))
}

/// `@types/node` for the running Node's major (`^20.0.0` on Node 20), else
/// any version.
fn node_types_range() -> String {
    crate::sdk::node_version().map_or_else(|| "*".to_owned(), |v| format!("^{}.0.0", v.major))
}

/// The widget stylesheets the planner still imports from `file` (see
/// [`workos_widgets_core::project::Providers::sheets_to_load`]). When a
/// stylesheet of the app `@import`s one of the two and the app loads the
/// other nowhere, the other is `@import`ed beside it in that stylesheet
/// instead (Radix first, in the same form: `url()`, `layer()`, quotes), so
/// the order holds whatever else the app imports.
pub fn sheets_to_load(
    project: &Project,
    file: &std::path::Path,
    files: &mut FilePlanner<'_>,
) -> Result<Vec<&'static str>, GenerateError> {
    use workos_widgets_core::catalog::STYLESHEETS;
    use workos_widgets_core::project::SheetVia;
    let sheets = project.providers.sheets_to_load(file);
    let brought = |sheet: &str| project.providers.imports_stylesheet(sheet);
    let [radix, widgets] = STYLESHEETS;
    let (present, missing) = match (brought(radix), brought(widgets)) {
        (true, false) => (radix, widgets),
        (false, true) => (widgets, radix),
        _ => return Ok(sheets),
    };
    let Some(css) = project
        .providers
        .stylesheets
        .iter()
        .find(|s| s.sheet == present && s.via == SheetVia::CssImport)
    else {
        return Ok(sheets);
    };
    let path = workos_widgets_core::specifier::slash(&css.file);
    let line = css.line;
    let mut added = false;
    files.text(
        &path,
        &format!("import {missing} beside {present}"),
        |text| {
            let text = text?;
            let updated = companion_import(text, line, present, missing)?;
            added = true;
            Some(updated)
        },
    )?;
    Ok(if added {
        sheets.into_iter().filter(|s| *s != missing).collect()
    } else {
        sheets
    })
}

/// `text` with an `@import` of `missing` next to the one of `present` on
/// the 1-based `line` (after it for the widgets' sheet, before it for
/// Radix's), copied from that statement with the path swapped.
fn companion_import(text: &str, line: usize, present: &str, missing: &str) -> Option<String> {
    let start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    // Line endings are put back by the planner; work on the bare line.
    let current = text[start..end].trim_end_matches('\r');
    let at = current.find(present)?;
    let lower = current.to_ascii_lowercase();
    let statement_start = lower[..at].rfind("@import")?;
    let statement_end = current[at..]
        .find(';')
        .map_or(current.len(), |i| at + i + 1);
    let statement = current[statement_start..statement_end].replace(present, missing);
    let indent: String = current.chars().take_while(|c| c.is_whitespace()).collect();
    let mut out = text.to_owned();
    if missing == workos_widgets_core::catalog::STYLESHEETS[1] {
        out.insert_str(start + current.len(), &format!("\n{indent}{statement}"));
    } else {
        out.insert_str(start, &format!("{indent}{statement}\n"));
    }
    Some(out)
}

/// React Router / Remix: the client entry (`app/entry.client.*`) when it
/// imports a stylesheet of the app's. It loads before the root module, so
/// its CSS applies first: the widget stylesheets go there, before it, for
/// the app's CSS to override them.
pub fn client_entry_with_css(project: &Project) -> Result<Option<&std::path::Path>, GenerateError> {
    let Some(entry) = project.entries.entry_client.as_deref() else {
        return Ok(None);
    };
    let text = workos_widgets_core::links::read_inside(&project.root, &project.path(entry))?;
    let allocator = oxc_allocator::Allocator::default();
    let program = workos_widgets_core::js::parse(&allocator, &project.path(entry), &text)?;
    let imports_css = workos_widgets_core::js::imports(&program).iter().any(|i| {
        let path = workos_widgets_core::facts::strip_query(&i.source);
        i.names.is_empty()
            && !workos_widgets_core::catalog::STYLESHEETS.contains(&path)
            && [".css", ".scss", ".sass", ".less"]
                .iter()
                .any(|ext| path.ends_with(ext))
    });
    Ok(imports_css.then_some(entry))
}

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

/// The warning for an app that depends on TanStack Query while no client
/// of its own was found around the page: `<WorkOsWidgets>` then creates a
/// second `QueryClient`, and the exact code to share the app's instead.
pub fn unshared_client_warning(project: &Project, file: &std::path::Path) -> Option<String> {
    let declared = ["@tanstack/react-query", "react-query"]
        .into_iter()
        .find(|name| project.package_json.declared(name).is_some())?;
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
    let mut wrapping = Vec::new();
    if providers.workos_widgets.is_none() {
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
        providers.workos_widgets.is_none() && plan.uses_app_client(),
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

/// The module that reads the public `*_WORKOS_API_BASE_URL` for
/// `<WorkOsWidgets>`.
pub fn api_options(
    files: &mut FilePlanner<'_>,
    layout: &Layout,
    data: &TemplateData,
) -> Result<(), GenerateError> {
    files.generated(
        &layout.api_options(),
        templates::render("shared/api-options", data)?,
        &format!(
            "read {}WORKOS_API_BASE_URL for <WorkOsWidgets>",
            data.public_prefix
        ),
        None,
    )
}

/// One component per widget.
pub fn widget_components(
    files: &mut FilePlanner<'_>,
    layout: &Layout,
    data: &mut TemplateData,
    widgets: &[&'static Widget],
) -> Result<Vec<Component>, GenerateError> {
    let mut components = Vec::new();
    for widget in widgets {
        let view = WidgetData::new(widget, data, None);
        let path = layout.widget(widget);
        files.generated(
            &path,
            templates::render("shared/widget", data.with_widget(view))?,
            &format!("render <{}>", widget.component),
            None,
        )?;
        components.push(Component {
            widget: widget.id.to_owned(),
            component_name: widget.generated_component(),
            import_path: Layout::import_path(&path),
        });
    }
    data.widget = None;
    Ok(components)
}

/// The browser's token fetcher, the session resolver and the token handler
/// (whose scopes are extended even when the user edited it).
pub fn token_server(
    files: &mut FilePlanner<'_>,
    project: &Project,
    layout: &Layout,
    data: &TemplateData,
) -> Result<(), GenerateError> {
    files.generated(
        &layout.token_client(),
        templates::render("shared/widgets-token", data)?,
        "fetch widget tokens from the token route",
        None,
    )?;
    files.generated(
        &layout.session(),
        templates::render(data.session_template, data)?,
        "resolve who the token is for",
        None,
    )?;
    let wanted = data.scopes.clone();
    let handler_path = project.path(layout.token_handler());
    let merge_scopes = Box::new(
        move |existing: &str| -> Result<Option<String>, GenerateError> {
            let wanted = wanted.clone();
            let transform: Transform<'_> =
                Box::new(move |t, p| Ok(scopes::add_missing(t, p, &wanted).unwrap_or_default()));
            Ok(Some(transform::apply(
                &handler_path,
                existing,
                &[transform],
            )?))
        },
    );
    files.generated(
        &layout.token_handler(),
        templates::render("shared/token-handler", data)?,
        "mint widget tokens with exactly the scopes in use",
        Some(merge_scopes),
    )
}

/// AuthKit JS: the module the widgets get AuthKit's access token from.
pub fn authkit_js_token(
    files: &mut FilePlanner<'_>,
    project: &Project,
    layout: &Layout,
    data: &TemplateData,
) -> Result<(), GenerateError> {
    if project.authkit != Some(AuthKit::Js) {
        return Ok(());
    }
    files.generated(
        &layout.authkit_js_token(),
        templates::render("shared/authkit-js-token", data)?,
        "hand AuthKit's access token to the widgets",
        None,
    )
}

/// `.env.example` (merged into an existing one) and `.gitignore` entries
/// for env files git does not ignore yet.
pub fn env(
    files: &mut FilePlanner<'_>,
    project: &Project,
    data: &TemplateData,
) -> Result<(), GenerateError> {
    let env_example = templates::render("shared/env-example", data)?;
    files.text(".env.example", "document the WorkOS variables", |before| {
        Some(merge_env_example(before, &env_example))
    })?;
    let unignored = env_files::unignored_env_files(&project.root);
    let example_ignored = env_files::is_ignored(&project.root, ".env.example");
    let reason = match (unignored.is_empty(), example_ignored) {
        (true, false) => return Ok(()),
        (true, true) => "let git keep .env.example (it holds no secrets)",
        (false, _) => "keep .env files out of git",
    };
    files.text(".gitignore", reason, |before| {
        let mut text = before.unwrap_or_default().to_owned();
        if !unignored.is_empty() {
            text = env_files::append_gitignore_section(
                &text,
                "WorkOS secrets (added by workos-widgets)",
                &unignored,
            );
        }
        if example_ignored {
            text = env_files::append_gitignore_section(
                &text,
                "No secrets in it: commit it (added by workos-widgets)",
                &["!.env.example"],
            );
        }
        Some(text)
    })
}

/// Records the setup in the manifest. `extra` holds framework-specific keys.
pub fn manifest(
    files: &mut FilePlanner<'_>,
    project: &Project,
    framework: &str,
    extra: &[(&str, &str)],
    strategy: TokenStrategy,
    widgets: &[&'static Widget],
) {
    let m = &mut files.manifest;
    m.set_string("tool_version", env!("CARGO_PKG_VERSION"));
    m.set_string("framework", framework);
    for (key, value) in extra {
        m.set_string(key, value);
    }
    m.set_string(
        "language",
        if project.is_typescript() {
            "typescript"
        } else {
            "javascript"
        },
    );
    m.set_string("strategy", strategy.as_str());
    if strategy == TokenStrategy::Backend {
        m.set_string("token_endpoint", TOKEN_ENDPOINT);
    } else {
        // After a switch from the backend strategy: no token route any more.
        m.remove("token_endpoint");
    }
    m.add_widgets(&widgets.iter().map(|w| w.id).collect::<Vec<_>>());
}

/// Appends the template's variables missing from an existing `.env.example`.
fn merge_env_example(before: Option<&str>, template: &str) -> String {
    let Some(before) = before else {
        return template.to_owned();
    };
    let present = |name: &str| {
        before.lines().any(|line| {
            let line = line.trim_start_matches(['#', ' ']);
            line.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('='))
        })
    };
    let missing: Vec<&str> = template
        .lines()
        .filter(|line| {
            let var = line.trim_start_matches(['#', ' ']);
            var.split_once('=').is_some_and(|(name, _)| {
                !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                    && !present(name)
            })
        })
        .collect();
    if missing.is_empty() {
        return before.to_owned();
    }
    let mut text = before.to_owned();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(
        "\n# WorkOS Widgets (added by workos-widgets; see the docs in the generated files)\n",
    );
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_env_examples() {
        let template = "# key\nWORKOS_API_KEY=\n# WORKOS_API_BASE_URL=http://x\n";
        assert_eq!(merge_env_example(None, template), template);
        let merged = merge_env_example(Some("FOO=1\nWORKOS_API_KEY=\n"), template);
        assert!(
            merged.ends_with("# WORKOS_API_BASE_URL=http://x\n"),
            "{merged}"
        );
        assert!(
            !merged.contains("WORKOS_API_KEY=\nWORKOS_API_KEY"),
            "{merged}"
        );
        assert_eq!(merge_env_example(Some(&merged), template), merged);
    }
}
