//! How deeply a file nests, so that no file can overflow the stack. The
//! parser and every walk of a syntax tree recurse once per level:
//!
//! - before parsing, the text's nesting is estimated ([`measure`]); a file
//!   past [`MAX_NESTING`] is not parsed;
//! - after parsing, the tree's depth is measured exactly on a stack that
//!   grows as needed ([`tree_depth`]); a tree past [`MAX_TREE_DEPTH`] (left-
//!   deep chains such as `a + a + ...` or `a.b.b...`, which the parser
//!   builds without recursing) is not walked;
//! - parsing and walking run on a stack with room for the depth found
//!   ([`with_stack_for`]), a new big one when the current one is short.
//!
//! Such a file is reported as too deep to check (`verify`: WW001; `detect`,
//! `init`: an error naming it), never a crash.

mod text;
mod tree;

pub use text::measure;
pub use tree::tree_depth;

/// The deepest nesting (estimated from the text) a file may have and still
/// be parsed and checked.
pub const MAX_NESTING: usize = 1_000;

/// The deepest syntax tree (expressions, statements, JSX elements, types
/// and patterns inside one another) that is walked.
pub const MAX_TREE_DEPTH: usize = 10_000;

/// How deeply a text or tree nests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nesting {
    /// The deepest level seen (up to the limit).
    pub depth: usize,
    /// The byte offset of the first level past the limit, when there is one.
    pub too_deep_at: Option<usize>,
}

/// The stack a deep parse or walk moves to.
const BIG_STACK: usize = 256 << 20;

/// Stack a parse or walk needs per level, with room to spare (a debug
/// build's frames are the biggest).
const STACK_PER_LEVEL: usize = 8 << 10;

/// Stack a parse or walk needs besides its levels.
const STACK_BASE: usize = 512 << 10;

/// Runs `f` on a stack of at least 32 MiB (a new one of 256 MiB when less
/// is left): for a whole command.
pub fn on_big_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(32 << 20, BIG_STACK, f)
}

/// Runs `f`, a parse or walk `levels` deep, on the current stack when it
/// has room for that, else on a new big one: a shallow file costs nothing.
pub fn with_stack_for<R>(levels: usize, f: impl FnOnce() -> R) -> R {
    let needed = levels
        .saturating_mul(STACK_PER_LEVEL)
        .saturating_add(STACK_BASE)
        .min(BIG_STACK / 2);
    stacker::maybe_grow(needed, BIG_STACK, f)
}
