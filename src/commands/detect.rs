//! `workos-widgets detect`: the project model every command works from.

use std::path::Path;
use std::process::ExitCode;

use owo_colors::OwoColorize;
use workos_widgets_core::detect::detect;
use workos_widgets_core::detect::servers::Server;
use workos_widgets_core::project::{RouteConvention, RoutesInfo};
use workos_widgets_core::{Hint, Project};

pub fn run(path: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let mut project = detect(path)?;
    if let Some((wrapper, sheets)) = workos_widgets_core::detect::widgets_wrapper::find(&project) {
        project.providers.adopt_wrapper(wrapper, sheets);
    }
    let supported = project.ensure_supported();
    if json {
        let mut value = serde_json::to_value(&project)?;
        if let Some(map) = value.as_object_mut() {
            map.insert("supported".into(), supported.is_ok().into());
            if let Err(e) = &supported {
                map.insert("unsupported_reason".into(), e.to_string().into());
                map.insert("unsupported_hint".into(), e.hint().into());
            }
        }
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print_human(&project);
    }
    match supported {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            let hint = e.hint();
            crate::ui::error(&anyhow::Error::new(e), hint.as_deref());
            Ok(ExitCode::from(crate::exit::USAGE))
        }
    }
}

fn print_human(p: &Project) {
    let row = |label: &str, value: String| anstream::println!("{:<17} {value}", label.bold());
    let or_none = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
    row(
        "Project",
        format!(
            "{} ({})",
            p.name.as_deref().unwrap_or("(unnamed)"),
            p.root.display()
        ),
    );
    row(
        "Framework",
        match p.router {
            Some(router) => format!("{} with {router}", p.framework),
            None => p.framework.to_string(),
        },
    );
    if let Some(next) = &p.next {
        row(
            "Next.js",
            format!(
                "major {}, app dir {}, pages dir {}, cacheComponents {}",
                or_none(next.major.map(|m| m.to_string())),
                or_none(next.app_dir.as_ref().map(|d| d.display().to_string())),
                or_none(next.pages_dir.as_ref().map(|d| d.display().to_string())),
                next.cache_components
            ),
        );
    }
    row("Language", p.language.to_string());
    row(
        "Package manager",
        format!(
            "{} (from {})",
            p.package_manager.name, p.package_manager.source
        ),
    );
    row(
        "React",
        format!(
            "{} declared, {} installed",
            or_none(p.react.declared.clone()),
            or_none(p.react.installed.clone())
        ),
    );
    let e = &p.entries;
    let show =
        |v: &Option<std::path::PathBuf>| or_none(v.as_ref().map(|p| p.display().to_string()));
    row(
        "Entry files",
        format!(
            "main {}, app {}, html script {}, vite config {}, next root {}, root module {}",
            show(&e.main),
            show(&e.app),
            show(&e.html_module_script),
            show(&e.vite_config),
            show(&e.next_root),
            show(&e.root_module)
        ),
    );
    if let Some(routes) = &p.routes {
        row("Routes", routes_summary(routes));
    }
    if let Some(alias) = &p.path_alias {
        let dir = alias.dir.display().to_string();
        row(
            "Path alias",
            format!(
                "{}* -> ./{}",
                alias.prefix,
                if dir.is_empty() {
                    "*".to_owned()
                } else {
                    format!("{dir}/*")
                }
            ),
        );
    }
    let generated = &p.generated_imports;
    row(
        "Generated imports",
        format!(
            "{} ({})",
            generated.alias.as_ref().map_or_else(
                || "relative".to_owned(),
                |a| format!("through {}*", a.prefix)
            ),
            generated.reason
        ),
    );
    let provider =
        |name: &str, found: &Option<workos_widgets_core::project::ProviderUse>| match found {
            Some(u) => format!(
                "{name} at {}:{}:{}{}",
                u.file.display(),
                u.line,
                u.column,
                u.client
                    .as_ref()
                    .map(|c| format!(" (client={{{c}}})"))
                    .unwrap_or_default()
            ),
            None => format!("{name} {}", "not found".dimmed()),
        };
    row(
        "Providers",
        provider("QueryClientProvider", &p.providers.query_client_provider),
    );
    if let Some(holder) = &p.providers.query_client {
        use workos_widgets_core::project::ClientAccess;
        let held = match &holder.access {
            ClientAccess::Prop {
                element, client, ..
            } => format!("<{element} queryClient={{{client}}}>"),
            ClientAccess::PackageProvider {
                element, package, ..
            } => format!("<{element}> of {package} (read with useQueryClient())"),
            ClientAccess::RouteContext { route } => {
                format!("the root route's context ({route}.useRouteContext())")
            }
            ClientAccess::RouterIntegration => {
                "TanStack Router's query integration (read with useQueryClient())".to_owned()
            }
        };
        row(
            "",
            format!(
                "QueryClient held by {held} at {}:{}:{}",
                holder.file.display(),
                holder.line,
                holder.column
            ),
        );
    }
    row("", provider("Theme", &p.providers.theme));
    row("", provider("WorkOsWidgets", &p.providers.workos_widgets));
    if let Some(wrapper) = &p.providers.widgets_wrapper {
        row(
            "",
            format!(
                "your widgets wrapper <{}> at {}:{}{} (init renders the widgets inside it)",
                wrapper.name,
                wrapper.file.display(),
                wrapper.line,
                if wrapper.lazy {
                    ", loaded with lazy()"
                } else {
                    ""
                }
            ),
        );
    }
    let style = &p.code_style;
    let quote = match style.quote.value {
        workos_widgets_core::code_style::Quote::Single => "single quotes",
        workos_widgets_core::code_style::Quote::Double => "double quotes",
    };
    let semicolons = if style.semicolons.value {
        "semicolons"
    } else {
        "no semicolons"
    };
    let indent = match style.indent.value {
        workos_widgets_core::code_style::Indent::Tabs => "tabs".to_owned(),
        workos_widgets_core::code_style::Indent::Spaces(n) => format!("{n} spaces"),
    };
    row(
        "Code style",
        format!(
            "{quote} ({}), {semicolons} ({}), {indent} ({})",
            style.quote.source, style.semicolons.source, style.indent.source
        ),
    );
    if let Some(formatter) = &style.formatter {
        row(
            "Formatter",
            format!(
                "{:?} configured in {}{}, {}",
                formatter.kind,
                formatter.config,
                if formatter.readable {
                    ""
                } else {
                    " (settings not readable statically)"
                },
                formatter.installed.as_ref().map_or_else(
                    || "not installed: generated code is restyled only".to_owned(),
                    |v| format!("{v} installed: generated code goes through it")
                )
            ),
        );
    }
    row(
        "AuthKit",
        p.authkit
            .map_or_else(|| "none".to_owned(), |k| k.package().to_owned()),
    );
    if p.servers.is_empty() {
        row("Servers", "none found beside the app".to_owned());
    }
    for (i, server) in p.servers.iter().enumerate() {
        row(if i == 0 { "Servers" } else { "" }, server_summary(server));
    }
    if p.packages.is_empty() {
        row(
            "Packages",
            "no widget or @workos-inc packages yet".to_owned(),
        );
    }
    for (i, link) in p.links_outside.iter().enumerate() {
        row(
            if i == 0 { "Not read" } else { "" },
            format!("{} (a symbolic link out of the project)", link.display()),
        );
    }
    for (i, pkg) in p.packages.iter().enumerate() {
        row(
            if i == 0 { "Packages" } else { "" },
            format!(
                "{} {} declared, {} installed",
                pkg.name,
                or_none(pkg.declared.clone()),
                or_none(pkg.installed.clone())
            ),
        );
    }
}

/// One detected server: kind, version, files, language, why.
fn server_summary(server: &Server) -> String {
    let version = server.version.as_ref().map_or_else(String::new, |v| {
        let how = if server.installed {
            "installed"
        } else {
            "declared"
        };
        format!(" {v} ({how})")
    });
    let app = server
        .app_file
        .as_ref()
        .map_or_else(String::new, |f| format!(", app created in {}", f.display()));
    format!(
        "{}{version} at {}{app}; {}, {:?} runtime ({})",
        server.kind,
        server.entry.display(),
        server.language,
        server.runtime,
        server.reason
    )
}

/// How a route-module app declares its routes, for the human report.
fn routes_summary(routes: &RoutesInfo) -> String {
    let convention = match routes.convention {
        RouteConvention::Config => "routes config",
        RouteConvention::FlatRoutesConfig => "flatRoutes() in the routes config",
        RouteConvention::FlatFiles => "file routes",
        RouteConvention::TanstackFiles => "TanStack file routes",
    };
    let config = routes
        .config
        .as_ref()
        .map(|c| format!(" ({})", c.display()))
        .unwrap_or_default();
    format!("{convention} under {}{config}", routes.routes_dir.display())
}
