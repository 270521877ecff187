//! WW2xx: the `WorkOsWidgets` root and the stylesheets.

pub mod providers_without_root;
pub mod route_tree;
pub mod stylesheet_missing;
pub mod stylesheet_order;
pub mod widget_outside_root;

use crate::checks::common::{app_root_file, shown};
use crate::facts::Facts;
use crate::finding::{Fix, FixAction};

/// The fix that wraps the app root in `<WorkOsWidgets>`, when there is an
/// app root file to edit.
pub fn wrap_root_fix(facts: &Facts) -> Option<Fix> {
    let file = app_root_file(facts)?;
    Some(Fix {
        description: format!("wrap the app root in <WorkOsWidgets> in {}", shown(file)),
        action: FixAction::WrapRoot {
            file: file.to_path_buf(),
        },
    })
}
