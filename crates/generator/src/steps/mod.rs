//! Plan steps shared by the Vite and Next.js planners: the widget list,
//! dependencies, widget components, the token server files, env files and
//! the manifest.

use workos_widgets_core::catalog::{self, Widget};
use workos_widgets_core::edit::transform::{self, Transform, scopes};
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::project::AuthKit;
use workos_widgets_core::{Project, env_files};

mod root;

pub use root::{RootPlan, Share, Wrap, route_context_binding, wrap_root};

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

/// The module that reads the public `*_WORKOS_API_BASE_URL` for
/// `<WorkOsWidgets>`; not for the app's own wrapper, which sets its root's
/// options itself (kept when an earlier run generated it, so its hash
/// stays recorded).
pub fn api_options(
    project: &Project,
    files: &mut FilePlanner<'_>,
    layout: &Layout,
    data: &TemplateData,
) -> Result<(), GenerateError> {
    let path = layout.api_options();
    if project.providers.widgets_wrapper.is_some()
        && project.providers.workos_widgets.is_none()
        && files.manifest.generated_hash(&path).is_none()
    {
        return Ok(());
    }
    files.generated(
        &path,
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
    project: &Project,
    files: &mut FilePlanner<'_>,
    layout: &Layout,
    data: &mut TemplateData,
    widgets: &[&'static Widget],
) -> Result<Vec<Component>, GenerateError> {
    let mut components = Vec::new();
    for widget in widgets {
        let path = layout.widget(widget);
        let mut view = WidgetData::new(widget, data, None);
        if let Some(wrapper) = &project.providers.widgets_wrapper {
            view = view.inside_wrapper(
                project,
                wrapper,
                std::path::Path::new(&path),
                &data.client_ext,
            );
        }
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
