//! WW4xx: where widget tokens come from, the SDK call and the scopes.

pub mod module_scope_client;
pub mod scope_missing;
pub mod scope_unneeded;
pub mod sdk_call_mismatch;
pub mod token_source_missing;
pub mod unknown_scope;
