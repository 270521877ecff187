//! WW0xx: problems that keep `verify` from reading a file.

pub mod syntax_error;
