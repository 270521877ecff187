//! npm version ranges (`^3.3.0`, `>=18`, `^18 || ^19`, `>=1.2 <2`) on top of
//! the `semver` crate, which speaks Cargo's dialect.

use semver::{Version, VersionReq};

/// Whether `version` satisfies the npm `range`; `None` when either cannot
/// be read (a tag such as `latest`, a git URL, a hyphen range).
pub fn satisfies(range: &str, version: &str) -> Option<bool> {
    let version = Version::parse(version.trim().trim_start_matches('v')).ok()?;
    let mut any_read = false;
    for alternative in range.split("||") {
        let alternative = alternative.trim();
        if alternative.contains(" - ") {
            continue;
        }
        let comparators: Vec<String> = alternative
            .split_whitespace()
            .map(|c| match c {
                "*" | "x" | "X" | "" => "*".to_owned(),
                other => other.to_owned(),
            })
            .collect();
        let cargo = if comparators.is_empty() {
            "*".to_owned()
        } else {
            comparators.join(", ")
        };
        let Ok(req) = VersionReq::parse(&cargo) else {
            continue;
        };
        any_read = true;
        if req.matches(&version) {
            return Some(true);
        }
    }
    any_read.then_some(false)
}

/// The lowest version a range allows, for a declared but not installed
/// package (`^18.2.0` -> 18.2.0).
pub fn minimum(range: &str) -> Option<Version> {
    crate::package_json::minimum_of_range(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_npm_ranges() {
        assert_eq!(satisfies("^3.3.0", "3.4.1"), Some(true));
        assert_eq!(satisfies("^3.3.0", "3.2.9"), Some(false));
        assert_eq!(satisfies(">=18", "19.2.0"), Some(true));
        assert_eq!(satisfies(">=18", "17.0.2"), Some(false));
        assert_eq!(satisfies("^18 || ^19", "19.0.0"), Some(true));
        assert_eq!(satisfies(">=1.2.0 <2", "1.5.0"), Some(true));
        assert_eq!(satisfies("^5.0.0", "4.36.1"), Some(false));
        assert_eq!(satisfies("latest", "1.0.0"), None);
        assert_eq!(minimum("^18.2.0"), Some(Version::new(18, 2, 0)));
    }
}
