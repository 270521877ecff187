//! Unified diffs of planned changes, for `--dry-run`.

use similar::TextDiff;

use workos_widgets_core::edit::change::FileChange;

/// The unified diff of one change (`/dev/null` as the old side of a new file).
pub fn unified(change: &FileChange) -> String {
    let before = change.before.as_deref().unwrap_or("");
    let path = change.path.to_string_lossy().replace('\\', "/");
    let old_header = if change.before.is_some() {
        format!("a/{path}")
    } else {
        "/dev/null".to_owned()
    };
    TextDiff::from_lines(before, &change.after)
        .unified_diff()
        .context_radius(3)
        .header(&old_header, &format!("b/{path}"))
        .missing_newline_hint(true)
        .to_string()
}
