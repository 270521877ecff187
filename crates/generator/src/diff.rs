//! Unified diffs of planned changes, for `--dry-run`.

use similar::TextDiff;

use workos_widgets_core::edit::change::{Action, FileChange};

/// The unified diff of one change (`/dev/null` as the old side of a new
/// file, and as the new side of a removed one).
pub fn unified(change: &FileChange) -> String {
    let before = change.before.as_deref().unwrap_or("");
    let path = change.path.to_string_lossy().replace('\\', "/");
    let old_header = if change.before.is_some() {
        format!("a/{path}")
    } else {
        "/dev/null".to_owned()
    };
    let new_header = if change.action == Action::Delete {
        "/dev/null".to_owned()
    } else {
        format!("b/{path}")
    };
    TextDiff::from_lines(before, &change.after)
        .unified_diff()
        .context_radius(3)
        .header(&old_header, &new_header)
        .missing_newline_hint(true)
        .to_string()
}
