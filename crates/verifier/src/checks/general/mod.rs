//! WW0xx: problems that keep `verify` from reading a file.

pub mod link_outside_project;
pub mod syntax_error;
