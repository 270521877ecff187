//! The plan's output: what `init`/`add` print about a [`crate::Plan`], for
//! people ([`human`]) and for programs ([`json`]). The binary only writes
//! the rendered text to its streams.

pub mod human;
pub mod json;

/// Where in a run the plan is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `--dry-run`: the plan and its diffs, nothing written.
    DryRun,
    /// The app is set up already: the plan changes nothing.
    NothingToDo,
    /// The plan was carried out.
    Applied,
}
