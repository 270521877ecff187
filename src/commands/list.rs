//! `workos-widgets list`: the widget catalog.

use std::process::ExitCode;

use owo_colors::OwoColorize;
use workos_widgets_core::catalog::{Scope, WIDGETS};

pub fn run(json: bool) -> anyhow::Result<ExitCode> {
    if json {
        let rows: Vec<serde_json::Value> = WIDGETS
            .iter()
            .map(|w| {
                serde_json::json!({
                    "id": w.id,
                    "component": w.component,
                    "loading_component": w.loading_component,
                    "import_path": w.import_path,
                    "entry_point": format!("{}/{}", w.import_path, w.id),
                    "scope": w.scope.map(Scope::as_str),
                    "user_scope": w.user_scope.map(|need| {
                        std::iter::once(need.scope)
                            .chain(need.alternatives.iter().copied())
                            .map(Scope::as_str)
                            .collect::<Vec<_>>()
                    }),
                    "organization_admin": w.organization_admin,
                    "extra_props": w.extra_props,
                    "summary": w.summary,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    anstream::println!(
        "{:<34} {:<30} {:<38} {}",
        "ID".bold(),
        "COMPONENT".bold(),
        "SCOPE (role permission)".bold(),
        "ORG ADMIN".bold()
    );
    for w in WIDGETS {
        anstream::println!(
            "{:<34} {:<30} {:<38} {}",
            w.id,
            w.component,
            w.scope.map_or("-", |s| s.as_str()),
            if w.organization_admin { "yes" } else { "no" }
        );
        if let Some(need) = w.user_scope {
            anstream::println!(
                "{:<34} {} {}",
                "",
                "scope=\"user\":".dimmed(),
                need.describe()
            );
        }
        for prop in w.extra_props {
            anstream::println!(
                "{:<34} {} {}: {}",
                "",
                "requires".dimmed(),
                prop.name,
                prop.description.dimmed()
            );
        }
    }
    anstream::println!(
        "\nAll widgets import from @workos-inc/widgets (per-widget entry points: @workos-inc/widgets/<id>) and take `authToken`."
    );
    anstream::println!(
        "The widgets check their token's `permissions` claim. @workos-inc/node 11 and older do not type widgets:pipes:manage or the user-api-keys scopes (init casts the list)."
    );
    Ok(ExitCode::SUCCESS)
}
