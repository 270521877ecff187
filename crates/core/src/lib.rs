//! The project model shared by every `workos-widgets` command: detection of
//! the target app, the widget catalog, the `workos-widgets.toml` manifest,
//! JS/TS parsing helpers (oxc) and span-based text edits.

pub mod catalog;
pub mod code_style;
pub mod css;
pub mod detect;
pub mod edit;
pub mod env_files;
pub mod error;
pub mod facts;
pub mod framework;
pub mod graph;
pub mod js;
pub mod json_edit;
pub mod line_endings;
pub mod links;
pub mod lock;
pub mod manifest;
pub mod nesting;
pub mod node_sdk;
pub mod npm_range;
pub mod package_json;
pub mod pnp;
pub mod project;
pub mod specifier;

pub use error::{Hint, ProjectError};
pub use project::Project;
