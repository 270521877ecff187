//! Handlebars templates, embedded in the binary so it runs from anywhere.

use std::sync::OnceLock;

use handlebars::Handlebars;
use serde::Serialize;

use crate::GenerateError;

/// Every template: (name, source). Names are paths under `templates/`
/// without `.hbs`; any template can be used as a partial by its name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "shared/env-example",
        include_str!("../../../templates/shared/env.example.hbs"),
    ),
    (
        "shared/api-options",
        include_str!("../../../templates/shared/api-options.hbs"),
    ),
    (
        "shared/app-client-root",
        include_str!("../../../templates/shared/app-client-root.hbs"),
    ),
    (
        "shared/widgets-token",
        include_str!("../../../templates/shared/widgets-token.hbs"),
    ),
    (
        "shared/widget",
        include_str!("../../../templates/shared/widget.hbs"),
    ),
    (
        "shared/widget-element",
        include_str!("../../../templates/shared/widget-element.hbs"),
    ),
    (
        "shared/session",
        include_str!("../../../templates/shared/session.hbs"),
    ),
    (
        "shared/session-signature",
        include_str!("../../../templates/shared/session-signature.hbs"),
    ),
    (
        "next/session",
        include_str!("../../../templates/next/session.hbs"),
    ),
    (
        "react-router/session",
        include_str!("../../../templates/react-router/session.hbs"),
    ),
    (
        "tanstack-start/session",
        include_str!("../../../templates/tanstack-start/session.hbs"),
    ),
    (
        "shared/token-handler",
        include_str!("../../../templates/shared/token-handler.hbs"),
    ),
    (
        "backend/express",
        include_str!("../../../templates/backend/express.hbs"),
    ),
    (
        "shared/node-http",
        include_str!("../../../templates/shared/node-http.hbs"),
    ),
    (
        "shared/authkit-js-token",
        include_str!("../../../templates/shared/authkit-js-token.hbs"),
    ),
    (
        "vite/vite-plugin",
        include_str!("../../../templates/vite/vite-plugin.hbs"),
    ),
    (
        "next/app-route",
        include_str!("../../../templates/next/app-route.hbs"),
    ),
    (
        "next/pages-api-route",
        include_str!("../../../templates/next/pages-api-route.hbs"),
    ),
    (
        "next/page",
        include_str!("../../../templates/next/page.hbs"),
    ),
    (
        "react-router/token-route",
        include_str!("../../../templates/react-router/token-route.hbs"),
    ),
    (
        "react-router/page",
        include_str!("../../../templates/react-router/page.hbs"),
    ),
    (
        "tanstack-start/token-route",
        include_str!("../../../templates/tanstack-start/token-route.hbs"),
    ),
    (
        "tanstack-start/page",
        include_str!("../../../templates/tanstack-start/page.hbs"),
    ),
];

fn registry() -> &'static Handlebars<'static> {
    static REGISTRY: OnceLock<Handlebars<'static>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(handlebars::no_escape);
        for (name, source) in TEMPLATES {
            // Templates are compiled into the binary; a broken one fails the
            // `every_template_compiles` test, so skipping here cannot ship.
            let _ = hb.register_template_string(name, *source);
        }
        hb
    })
}

/// Renders template `name` with `data`.
pub fn render(name: &str, data: &impl Serialize) -> Result<String, GenerateError> {
    registry()
        .render(name, data)
        .map_err(|e| GenerateError::Template {
            name: name.to_owned(),
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        for (name, source) in TEMPLATES {
            let mut hb = Handlebars::new();
            hb.register_template_string(name, *source)
                .unwrap_or_else(|e| panic!("template {name}: {e}"));
        }
    }
}
