//! Handlebars templates, embedded in the binary so it runs from anywhere.

use std::sync::OnceLock;

use handlebars::Handlebars;
use serde::Serialize;

use crate::GenerateError;

/// Every template: (name, source).
const TEMPLATES: &[(&str, &str)] = &[
    (
        "env-example",
        include_str!("../../../templates/env.example.hbs"),
    ),
    (
        "vite/api-options",
        include_str!("../../../templates/vite/api-options.hbs"),
    ),
    (
        "vite/widgets-token",
        include_str!("../../../templates/vite/widgets-token.hbs"),
    ),
    (
        "vite/authkit-js-token",
        include_str!("../../../templates/vite/authkit-js-token.hbs"),
    ),
    (
        "vite/widget",
        include_str!("../../../templates/vite/widget.hbs"),
    ),
    (
        "vite/session",
        include_str!("../../../templates/vite/session.hbs"),
    ),
    (
        "vite/token-handler",
        include_str!("../../../templates/vite/token-handler.hbs"),
    ),
    (
        "vite/vite-plugin",
        include_str!("../../../templates/vite/vite-plugin.hbs"),
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
