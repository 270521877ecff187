//! WW3xx: the props each widget requires.

pub mod access_token_prop;
pub mod auth_token_missing;
pub mod function_token_in_server_component;
pub mod loading_count_missing;
pub mod session_id_missing;
pub mod switch_organization_missing;
