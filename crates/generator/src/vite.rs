//! The plan for a Vite + React app: root and styles in the entry file,
//! widget components, the token route (served by a Vite plugin), env, manifest.

use std::path::{Component as PathComponent, Path, PathBuf};

use serde::Serialize;
use workos_widgets_core::catalog::{self, Widget};
use workos_widgets_core::js;
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::{Project, ProjectError, env_files};

use crate::files::FilePlanner;
use crate::layout::{Layout, TOKEN_ENDPOINT};
use crate::plan::{Component, Plan};
use crate::transform::{Transform, imports, root, scopes, vite_config};
use crate::{GenerateError, Options, TokenStrategy, install, templates};

/// The stylesheets widgets need, in import order.
pub const STYLESHEETS: [&str; 2] = [
    "@radix-ui/themes/styles.css",
    "@workos-inc/widgets/styles.css",
];

#[derive(Serialize)]
struct WidgetData {
    id: &'static str,
    component: &'static str,
    generated_component: String,
    loading_component: &'static str,
    switch_organization: bool,
}

#[derive(Serialize)]
struct TemplateData<'a> {
    ts: bool,
    /// Extension on relative imports between generated browser files.
    client_ext: &'a str,
    /// Extension on relative imports between generated server files.
    server_ext: &'a str,
    token_endpoint: &'a str,
    scopes: Vec<&'static str>,
    /// Some scope is missing from the installed SDK's type: cast the list.
    scopes_cast: bool,
    create_token: bool,
    sdk_version: String,
    authkit: bool,
    authkit_react: bool,
    session_path: String,
    token_handler_path: String,
    widget: Option<WidgetData>,
}

/// Plans `init`/`add` for a Vite app.
pub fn plan(
    project: &Project,
    manifest: Option<&Manifest>,
    options: &Options,
    strategy: TokenStrategy,
) -> Result<Plan, GenerateError> {
    let layout = Layout::new(project);
    let widgets = all_widgets(manifest, &options.widgets)?;
    let scopes: Vec<&'static str> = catalog::scopes_for(widgets.iter().copied())
        .into_iter()
        .map(|s| s.as_str())
        .collect();
    let main = project
        .entries
        .main
        .clone()
        .ok_or_else(|| ProjectError::MissingEntry {
            dir: project.root.clone(),
            looked_for: "index.html's module script, src/main.*, src/index.*".to_owned(),
        })?;
    let main_text = workos_widgets_core::error::read_to_string(&project.path(&main))?;
    let client_ext = relative_import_ext(&main, &main_text);
    let server_ext = server_import_ext(project);
    let backend = strategy == TokenStrategy::Backend;
    let mut data = TemplateData {
        ts: project.is_typescript(),
        client_ext: &client_ext,
        server_ext,
        token_endpoint: TOKEN_ENDPOINT,
        scopes_cast: catalog::scopes_for(widgets.iter().copied())
            .iter()
            .any(|s| !s.in_sdk_types(&options.sdk.version)),
        scopes: scopes.clone(),
        create_token: options.sdk.uses_create_token(),
        sdk_version: options.sdk.version.to_string(),
        authkit: !backend,
        authkit_react: project.authkit == Some(workos_widgets_core::project::AuthKit::React),
        session_path: layout.session(),
        token_handler_path: layout.token_handler(),
        widget: None,
    };

    let mut files = FilePlanner::new(&project.root, manifest, options.force);
    let mut warnings = Vec::new();

    // 1. Dependencies.
    let manager = options
        .package_manager
        .unwrap_or(project.package_manager.name);
    let reqs = install::requirements(strategy, &options.sdk);
    let (install, additions) = install::plan(project, &reqs, manager, options.defer_install);
    if !additions.is_empty() {
        let package_json = &project.package_json;
        files.text("package.json", "declare the widget packages", |_| {
            Some(package_json.with_dependencies(&additions))
        })?;
    }

    // 2. Root and styles in the entry file.
    let api_options_import = relative_import(&main, &layout.api_options(), &client_ext);
    let root_elsewhere = project
        .providers
        .workos_widgets
        .as_ref()
        .is_some_and(|p| p.file != main);
    let mut attributes = " {...workosApiOptions}".to_owned();
    if let Some(qcp) = project
        .providers
        .query_client_provider
        .as_ref()
        .filter(|p| p.file == main)
        && let Some(client) = &qcp.client
    {
        attributes.push_str(&format!(" queryClient={{{client}}}"));
    }
    let main_for_closure = main.clone();
    let mut entry: Vec<Transform<'_>> = vec![Box::new(|t, p| {
        imports::ensure_stylesheets(t, p, &STYLESHEETS)
    })];
    if !root_elsewhere && project.providers.workos_widgets.is_none() {
        entry.push(Box::new(|t, p| {
            imports::ensure_named_import(t, p, root::ROOT, catalog::WIDGETS_PACKAGE)
        }));
        entry.push(Box::new(move |t, p| {
            imports::ensure_named_import(t, p, "workosApiOptions", &api_options_import)
        }));
        entry.push(Box::new(move |t, p| {
            root::wrap_render_root(&main_for_closure, t, p, &attributes)
        }));
    }
    files.edit(
        &main,
        &entry,
        "import the widget styles and wrap the app in <WorkOsWidgets>",
    )?;
    files.generated(
        &layout.api_options(),
        templates::render("vite/api-options", &data)?,
        "read VITE_WORKOS_API_BASE_URL for <WorkOsWidgets>",
        None,
    )?;

    // 3. Widget components.
    let mut components = Vec::new();
    for widget in &widgets {
        data.widget = Some(widget_data(widget));
        let path = layout.widget(widget);
        files.generated(
            &path,
            templates::render("vite/widget", &data)?,
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

    // 4./5. Tokens.
    if backend {
        files.generated(
            &layout.token_client(),
            templates::render("vite/widgets-token", &data)?,
            "fetch widget tokens from the token route",
            None,
        )?;
        files.generated(
            &layout.session(),
            templates::render("vite/session", &data)?,
            "resolve who the token is for",
            None,
        )?;
        let wanted = scopes.clone();
        let handler_path = project.path(layout.token_handler());
        let merge_scopes = Box::new(
            move |existing: &str| -> Result<Option<String>, GenerateError> {
                let wanted = wanted.clone();
                let transform: Transform<'_> =
                    Box::new(
                        move |t, p| Ok(scopes::add_missing(t, p, &wanted).unwrap_or_default()),
                    );
                crate::transform::apply(&handler_path, existing, &[transform]).map(Some)
            },
        );
        files.generated(
            &layout.token_handler(),
            templates::render("vite/token-handler", &data)?,
            "mint widget tokens with exactly the scopes in use",
            Some(merge_scopes),
        )?;
        files.generated(
            &layout.vite_plugin(),
            templates::render("vite/vite-plugin", &data)?,
            "serve the token route in vite dev and preview",
            None,
        )?;
        plan_vite_config(project, &layout, server_ext, &mut files, &mut warnings)?;
    } else if project.authkit == Some(workos_widgets_core::project::AuthKit::Js) {
        files.generated(
            &layout.authkit_js_token(),
            templates::render("vite/authkit-js-token", &data)?,
            "hand AuthKit's access token to the widgets",
            None,
        )?;
    }

    // 6. Env.
    let env_example = templates::render("env-example", &data)?;
    files.text(".env.example", "document the WorkOS variables", |before| {
        Some(merge_env_example(before, &env_example))
    })?;
    let unignored = env_files::unignored_env_files(&project.root);
    if !unignored.is_empty() {
        files.text(".gitignore", "keep .env files out of git", |before| {
            let mut text = before.unwrap_or_default().to_owned();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str("\n# WorkOS secrets (added by workos-widgets)\n");
            for file in &unignored {
                text.push_str(file);
                text.push('\n');
            }
            Some(text)
        })?;
    }

    // 7. Manifest.
    let m = &mut files.manifest;
    m.set_string("tool_version", env!("CARGO_PKG_VERSION"));
    m.set_string("framework", "vite");
    m.set_string(
        "language",
        if project.is_typescript() {
            "typescript"
        } else {
            "javascript"
        },
    );
    m.set_string("strategy", strategy.as_str());
    if backend {
        m.set_string("token_endpoint", TOKEN_ENDPOINT);
    }
    m.add_widgets(&widgets.iter().map(|w| w.id).collect::<Vec<_>>());

    let (changes, kept) = files.finish();
    let next_steps = crate::plan::next_steps(
        project,
        &widgets,
        &components,
        strategy,
        &layout,
        install.as_ref(),
        &scopes,
    );
    Ok(Plan {
        strategy,
        files: changes,
        kept,
        components,
        token_endpoint: backend.then(|| TOKEN_ENDPOINT.to_owned()),
        install,
        warnings,
        next_steps,
    })
}

fn plan_vite_config(
    project: &Project,
    layout: &Layout,
    server_ext: &str,
    files: &mut FilePlanner<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), GenerateError> {
    let Some(config) = project.entries.vite_config.clone() else {
        warnings.push(format!(
            "no vite.config.* found: add `workosWidgetsToken()` from {} to your Vite plugins to serve {TOKEN_ENDPOINT}",
            layout.vite_plugin()
        ));
        return Ok(());
    };
    let config_path = project.path(&config);
    let text = workos_widgets_core::error::read_to_string(&config_path)?;
    let allocator = oxc_allocator::Allocator::default();
    let program = js::parse(&allocator, &config_path, &text)?;
    if vite_config::add_plugin(&text, &program, "workosWidgetsToken()").is_none() {
        warnings.push(format!(
            "{}: could not find the exported config object; add `workosWidgetsToken()` (from ./{}) to `plugins` yourself",
            config.display(),
            layout.vite_plugin()
        ));
        return Ok(());
    }
    let source = format!(
        "./{}{server_ext}",
        Layout::import_path(&layout.vite_plugin())
    );
    let transforms: Vec<Transform<'_>> = vec![
        Box::new(move |t, p| imports::ensure_named_import(t, p, "workosWidgetsToken", &source)),
        Box::new(|t, p| {
            Ok(vite_config::add_plugin(t, p, "workosWidgetsToken()").unwrap_or_default())
        }),
    ];
    files.edit(
        &config,
        &transforms,
        "serve the token route from vite dev and vite preview",
    )
}

/// The manifest's widgets plus the new ones, in catalog order.
fn all_widgets(
    manifest: Option<&Manifest>,
    chosen: &[&'static Widget],
) -> Result<Vec<&'static Widget>, GenerateError> {
    let mut ids: Vec<String> = manifest.map(Manifest::widgets).unwrap_or_default();
    ids.extend(chosen.iter().map(|w| w.id.to_owned()));
    for id in &ids {
        if catalog::find(id).is_none() {
            return Err(GenerateError::UnknownWidget {
                id: id.clone(),
                known: catalog::ids(),
            });
        }
    }
    Ok(catalog::WIDGETS
        .iter()
        .filter(|w| ids.iter().any(|id| id == w.id))
        .collect())
}

fn widget_data(widget: &'static Widget) -> WidgetData {
    WidgetData {
        id: widget.id,
        component: widget.component,
        generated_component: widget.generated_component(),
        loading_component: widget.loading_component,
        switch_organization: widget
            .extra_props
            .iter()
            .any(|p| p.name == "switchToOrganization"),
    }
}

/// `.ts`/`.tsx`/`.js` when the entry file writes extensions on relative
/// imports (`import App from './App.tsx'`), else none.
fn relative_import_ext(main: &Path, text: &str) -> String {
    let allocator = oxc_allocator::Allocator::default();
    let Ok(program) = js::parse(&allocator, main, text) else {
        return String::new();
    };
    let with_ext = js::imports(&program).iter().any(|i| {
        i.source.starts_with('.')
            && [".ts", ".tsx", ".js", ".jsx"]
                .iter()
                .any(|e| i.source.ends_with(e))
    });
    match (with_ext, main.extension().and_then(|e| e.to_str())) {
        (true, Some("ts" | "tsx")) => ".ts".to_owned(),
        (true, _) => ".js".to_owned(),
        (false, _) => String::new(),
    }
}

/// The extension server files (compiled through vite.config in the Node
/// tsconfig) must write on relative imports.
fn server_import_ext(project: &Project) -> &'static str {
    if !project.is_typescript() {
        return ".js";
    }
    let config = ["tsconfig.node.json", "tsconfig.json"]
        .iter()
        .find_map(|f| std::fs::read_to_string(project.path(f)).ok())
        .unwrap_or_default();
    if config.contains("allowImportingTsExtensions") {
        ".ts"
    } else if config.to_ascii_lowercase().contains("nodenext")
        || config.to_ascii_lowercase().contains("node16")
    {
        ".js"
    } else {
        ""
    }
}

/// The import specifier from `from` (a file) to `to` (a root-relative path).
fn relative_import(from: &Path, to: &str, ext: &str) -> String {
    let from_dir: Vec<PathComponent<'_>> = from
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let target = PathBuf::from(Layout::import_path(to));
    let to_parts: Vec<PathComponent<'_>> = target.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_dir.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    let joined = parts.join("/");
    let prefix = if joined.starts_with("..") { "" } else { "./" };
    format!("{prefix}{joined}{ext}")
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
    fn computes_relative_imports() {
        assert_eq!(
            relative_import(Path::new("src/main.tsx"), "src/workos/api-options.ts", ""),
            "./workos/api-options"
        );
        assert_eq!(
            relative_import(
                Path::new("src/app/main.jsx"),
                "src/workos/api-options.js",
                ".js"
            ),
            "../workos/api-options.js"
        );
    }

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

#[cfg(test)]
mod template_snapshots {
    use super::*;

    /// Every template a combination uses, rendered into one document.
    fn render_all(
        ts: bool,
        authkit: Option<workos_widgets_core::project::AuthKit>,
        sdk_major: u64,
    ) -> String {
        use workos_widgets_core::project::AuthKit;
        let widgets = [
            "user-profile",
            "organization-switcher",
            "users-management",
            "pipes-admin",
        ];
        let scopes: Vec<&'static str> =
            catalog::scopes_for(widgets.iter().filter_map(|id| catalog::find(id)))
                .into_iter()
                .map(|s| s.as_str())
                .collect();
        let layout_ext = if ts { "ts" } else { "js" };
        let mut data = TemplateData {
            ts,
            client_ext: if ts { ".ts" } else { ".js" },
            server_ext: if ts { ".ts" } else { ".js" },
            token_endpoint: TOKEN_ENDPOINT,
            scopes,
            scopes_cast: true,
            create_token: sdk_major >= 9,
            sdk_version: format!("{sdk_major}.0.0"),
            authkit: authkit.is_some(),
            authkit_react: authkit == Some(AuthKit::React),
            session_path: format!("server/workos-widgets/session.{layout_ext}"),
            token_handler_path: format!("server/workos-widgets/token-handler.{layout_ext}"),
            widget: None,
        };
        let mut names = vec!["vite/api-options"];
        match authkit {
            None => names.extend([
                "vite/widgets-token",
                "vite/session",
                "vite/token-handler",
                "vite/vite-plugin",
            ]),
            Some(AuthKit::Js) => names.push("vite/authkit-js-token"),
            Some(_) => {}
        }
        names.push("env-example");
        let mut out = String::new();
        for name in names {
            out.push_str(&format!("// ===== {name} =====\n"));
            out.push_str(&templates::render(name, &data).unwrap());
        }
        for id in ["user-profile", "organization-switcher"] {
            data.widget = catalog::find(id).map(widget_data);
            out.push_str(&format!("// ===== vite/widget ({id}) =====\n"));
            out.push_str(&templates::render("vite/widget", &data).unwrap());
        }
        out
    }

    #[test]
    fn templates_render_for_every_combination() {
        use workos_widgets_core::project::AuthKit;
        let combos = [
            ("backend_sdk8", None, 8),
            ("backend_sdk11", None, 11),
            ("authkit_react", Some(AuthKit::React), 8),
            ("authkit_js", Some(AuthKit::Js), 8),
        ];
        for ts in [true, false] {
            for (name, authkit, sdk) in combos {
                let rendered = render_all(ts, authkit, sdk);
                let lang = if ts { "ts" } else { "js" };
                insta::assert_snapshot!(format!("{lang}_{name}"), rendered);
            }
        }
    }

    #[test]
    fn rendered_templates_parse() {
        use workos_widgets_core::project::AuthKit;
        for ts in [true, false] {
            for authkit in [None, Some(AuthKit::React), Some(AuthKit::Js)] {
                for section in render_all(ts, authkit, 11).split("// ===== ").skip(1) {
                    let (name, code) = section.split_once('\n').unwrap();
                    if name.starts_with("env-example") {
                        continue;
                    }
                    let path = if ts { "x.tsx" } else { "x.jsx" };
                    js::check_parses(Path::new(path), code)
                        .unwrap_or_else(|e| panic!("{name} ({ts}): {e}"));
                }
            }
        }
    }
}
