//! WW1xx: the packages, their versions and peer ranges, read from
//! package.json and `node_modules` (never `npm list`).

pub mod node_sdk_missing;
pub mod package_not_declared;
pub mod package_not_installed;
pub mod peer_version_mismatch;
pub mod react_too_old;
