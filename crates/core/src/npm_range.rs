//! npm version ranges (`^3.3.0`, `~9.1`, `>=18`, `^18 || ^19`, `>=1.2 <2`,
//! `1.x`, `1.2.3 - 2`, `8.0.0-rc.10`), read as unions of version intervals:
//! whether a version satisfies a range, and whether two ranges admit a
//! common version (a declared `^3.2.1` admits 3.3.x, so it meets a peer's
//! `^3.3.0`).

use std::cmp::Ordering;

use semver::{Prerelease, Version};

/// One end of an interval: a version and whether it is included.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bound {
    version: Version,
    inclusive: bool,
}

/// The versions between two bounds (`None`: unbounded on that side).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Interval {
    lower: Option<Bound>,
    upper: Option<Bound>,
}

impl Interval {
    const ANY: Self = Self {
        lower: None,
        upper: None,
    };

    /// The versions both intervals hold.
    fn meet(&self, other: &Self) -> Self {
        let lower = match (&self.lower, &other.lower) {
            (Some(a), Some(b)) => Some(match a.version.cmp(&b.version) {
                Ordering::Greater => a.clone(),
                Ordering::Less => b.clone(),
                Ordering::Equal => Bound {
                    version: a.version.clone(),
                    inclusive: a.inclusive && b.inclusive,
                },
            }),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        let upper = match (&self.upper, &other.upper) {
            (Some(a), Some(b)) => Some(match a.version.cmp(&b.version) {
                Ordering::Less => a.clone(),
                Ordering::Greater => b.clone(),
                Ordering::Equal => Bound {
                    version: a.version.clone(),
                    inclusive: a.inclusive && b.inclusive,
                },
            }),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        Self { lower, upper }
    }

    fn is_empty(&self) -> bool {
        match (&self.lower, &self.upper) {
            (Some(lower), Some(upper)) => match lower.version.cmp(&upper.version) {
                Ordering::Greater => true,
                Ordering::Equal => !(lower.inclusive && upper.inclusive),
                Ordering::Less => false,
            },
            _ => false,
        }
    }

    fn contains(&self, version: &Version) -> bool {
        let above = self
            .lower
            .as_ref()
            .is_none_or(|b| match version.cmp(&b.version) {
                Ordering::Greater => true,
                Ordering::Equal => b.inclusive,
                Ordering::Less => false,
            });
        let below = self
            .upper
            .as_ref()
            .is_none_or(|b| match version.cmp(&b.version) {
                Ordering::Less => true,
                Ordering::Equal => b.inclusive,
                Ordering::Greater => false,
            });
        above && below
    }
}

/// A parsed npm range: the union of its `||` alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    alternatives: Vec<Interval>,
}

impl Range {
    /// Reads an npm range; `None` for what is not a registry range (a tag
    /// such as `latest`, `workspace:*`, `catalog:`, `file:`, a git URL).
    fn parse(text: &str) -> Option<Self> {
        let alternatives = text
            .split("||")
            .map(alternative)
            .collect::<Option<Vec<_>>>()?;
        Some(Self { alternatives })
    }

    /// Whether `version` lies in the range (prereleases compared by order).
    fn contains(&self, version: &Version) -> bool {
        self.alternatives.iter().any(|a| a.contains(version))
    }

    /// Whether some version lies in both ranges.
    fn intersects(&self, other: &Self) -> bool {
        self.alternatives
            .iter()
            .any(|a| other.alternatives.iter().any(|b| !a.meet(b).is_empty()))
    }
}

/// Whether `version` satisfies the npm `range`; `None` when either cannot
/// be read (a tag such as `latest`, a git URL).
pub fn satisfies(range: &str, version: &str) -> Option<bool> {
    let version = Version::parse(version.trim().trim_start_matches(['v', '='])).ok()?;
    Some(Range::parse(range)?.contains(&version))
}

/// Whether the ranges (or exact versions) `a` and `b` admit a common
/// version; `None` when either cannot be read.
pub fn intersects(a: &str, b: &str) -> Option<bool> {
    Some(Range::parse(a)?.intersects(&Range::parse(b)?))
}

/// The lowest version a range allows, for a declared but not installed
/// package (`^18.2.0` -> 18.2.0).
pub fn minimum(range: &str) -> Option<Version> {
    crate::package_json::minimum_of_range(range)
}

/// A partial version: `1`, `1.2`, `1.2.3-rc.1`, with `x`/`*` wildcards.
#[derive(Debug, Clone)]
struct Partial {
    major: Option<u64>,
    minor: Option<u64>,
    patch: Option<u64>,
    pre: Prerelease,
}

impl Partial {
    /// The lowest version it names (`1.2` -> 1.2.0).
    fn floor(&self) -> Version {
        let mut v = Version::new(
            self.major.unwrap_or(0),
            self.minor.unwrap_or(0),
            self.patch.unwrap_or(0),
        );
        v.pre = self.pre.clone();
        v
    }

    /// The first version past everything it names (`1.2` -> 1.3.0-0),
    /// `None` for `*` or a full version.
    fn ceiling(&self) -> Option<Version> {
        match (self.major, self.minor, self.patch) {
            (None, _, _) => None,
            (Some(major), None, _) => Some(first(major + 1, 0, 0)),
            (Some(major), Some(minor), None) => Some(first(major, minor + 1, 0)),
            (Some(_), Some(_), Some(_)) => None,
        }
    }

    fn is_full(&self) -> bool {
        self.patch.is_some()
    }
}

/// `major.minor.patch-0`, the lowest version of that tuple (prereleases
/// included), as npm writes exclusive upper bounds.
fn first(major: u64, minor: u64, patch: u64) -> Version {
    let mut v = Version::new(major, minor, patch);
    v.pre = Prerelease::new("0").unwrap_or(Prerelease::EMPTY);
    v
}

fn partial(text: &str) -> Option<Partial> {
    let text = text.trim().trim_start_matches(['v', '=']);
    let (core, pre) = match text.split_once('-') {
        Some((core, pre)) => (core, Prerelease::new(pre.split('+').next()?).ok()?),
        None => (text.split('+').next()?, Prerelease::EMPTY),
    };
    let mut parts = core.split('.');
    let number = |part: Option<&str>| -> Option<Option<u64>> {
        match part {
            None | Some("x" | "X" | "*") => Some(None),
            Some(n) => n.parse().ok().map(Some),
        }
    };
    let major = number(parts.next())?;
    let minor = number(parts.next())?;
    let patch = number(parts.next())?;
    if parts.next().is_some() {
        return None;
    }
    // Nothing after a wildcard counts (`1.x.3` is `1.x`).
    let (minor, patch) = match (major, minor) {
        (None, _) => (None, None),
        (_, None) => (None, None),
        _ => (minor, patch),
    };
    Some(Partial {
        major,
        minor,
        patch,
        pre,
    })
}

fn inclusive(version: Version) -> Bound {
    Bound {
        version,
        inclusive: true,
    }
}

fn exclusive(version: Version) -> Bound {
    Bound {
        version,
        inclusive: false,
    }
}

/// One `||` alternative: a hyphen range or comparators, all of which hold.
fn alternative(text: &str) -> Option<Interval> {
    let text = text.trim();
    if let Some((from, to)) = text.split_once(" - ") {
        let (from, to) = (partial(from)?, partial(to)?);
        let upper = match to.ceiling() {
            Some(ceiling) => Some(exclusive(ceiling)),
            None if to.major.is_none() => None,
            None => Some(inclusive(to.floor())),
        };
        return Some(Interval {
            lower: from.major.map(|_| inclusive(from.floor())),
            upper,
        });
    }
    // `>= 1.2` is `>=1.2`: glue operators to the version that follows.
    let mut tokens: Vec<String> = Vec::new();
    for token in text.split_whitespace() {
        match tokens.last_mut() {
            Some(last) if last.chars().all(|c| "<>=^~".contains(c)) => last.push_str(token),
            _ => tokens.push(token.to_owned()),
        }
    }
    tokens.iter().try_fold(Interval::ANY, |acc, token| {
        Some(acc.meet(&comparator(token)?))
    })
}

/// One comparator (`^1.2`, `~1`, `>=1.2.3`, `<2`, `1.x`, `*`).
fn comparator(token: &str) -> Option<Interval> {
    let operator_len = token
        .find(|c: char| !"<>=^~".contains(c))
        .unwrap_or(token.len());
    let (operator, rest) = token.split_at(operator_len);
    let rest = if rest.is_empty() { "*" } else { rest };
    let version = partial(rest)?;
    let floor = version.floor();
    let wild = version.major.is_none();
    Some(match operator {
        "" | "=" if wild => Interval::ANY,
        "" | "=" => match version.ceiling() {
            Some(ceiling) => Interval {
                lower: Some(inclusive(floor)),
                upper: Some(exclusive(ceiling)),
            },
            None => Interval {
                lower: Some(inclusive(floor.clone())),
                upper: Some(inclusive(floor)),
            },
        },
        "^" => Interval {
            upper: match (version.major?, version.minor, version.patch) {
                (0, Some(0), Some(patch)) => Some(exclusive(first(0, 0, patch + 1))),
                (0, Some(minor), _) => Some(exclusive(first(0, minor + 1, 0))),
                (major, _, _) => Some(exclusive(first(major + 1, 0, 0))),
            },
            lower: Some(inclusive(floor)),
        },
        "~" | "~>" => Interval {
            upper: match (version.major?, version.minor) {
                (major, Some(minor)) => Some(exclusive(first(major, minor + 1, 0))),
                (major, None) => Some(exclusive(first(major + 1, 0, 0))),
            },
            lower: Some(inclusive(floor)),
        },
        ">=" if wild => Interval::ANY,
        ">=" => Interval {
            lower: Some(inclusive(floor)),
            upper: None,
        },
        ">" if wild => return None,
        ">" => Interval {
            lower: match version.ceiling() {
                Some(ceiling) => Some(inclusive(ceiling)),
                None => Some(exclusive(floor)),
            },
            upper: None,
        },
        "<" if wild => return None,
        "<" => Interval {
            lower: None,
            upper: Some(exclusive(if version.is_full() {
                floor
            } else {
                first(floor.major, floor.minor, floor.patch)
            })),
        },
        "<=" if wild => Interval::ANY,
        "<=" => Interval {
            lower: None,
            upper: match version.ceiling() {
                Some(ceiling) => Some(exclusive(ceiling)),
                None => Some(inclusive(floor)),
            },
        },
        _ => return None,
    })
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
        assert_eq!(satisfies(">= 1.2.0 < 2", "2.0.0"), Some(false));
        assert_eq!(satisfies("^5.0.0", "4.36.1"), Some(false));
        assert_eq!(satisfies("^0.2.3", "0.3.0"), Some(false));
        assert_eq!(satisfies("^0.0.3", "0.0.4"), Some(false));
        assert_eq!(satisfies("~1.2", "1.2.9"), Some(true));
        assert_eq!(satisfies("~1.2", "1.3.0"), Some(false));
        assert_eq!(satisfies("1.x", "1.9.0"), Some(true));
        assert_eq!(satisfies("*", "0.0.1"), Some(true));
        assert_eq!(satisfies("1.2.3 - 2", "2.9.9"), Some(true));
        assert_eq!(satisfies("1.2.3 - 2", "3.0.0"), Some(false));
        assert_eq!(satisfies(">1.2", "1.2.9"), Some(false));
        assert_eq!(satisfies("<=1.2", "1.2.9"), Some(true));
        assert_eq!(satisfies("^1.0.0", "2.0.0-rc.1"), Some(false));
        assert_eq!(satisfies("latest", "1.0.0"), None);
        assert_eq!(satisfies("workspace:*", "1.0.0"), None);
        assert_eq!(satisfies("catalog:", "1.0.0"), None);
    }

    #[test]
    fn a_declared_range_meets_a_peer_range_when_they_share_a_version() {
        assert_eq!(intersects("^3.2.1", "^3.3.0"), Some(true));
        assert_eq!(intersects("~3.2.1", "^3.3.0"), Some(false));
        assert_eq!(intersects("3.2.1", "^3.3.0"), Some(false));
        assert_eq!(intersects("8.0.0-rc.10", ">=7.0.0"), Some(true));
        assert_eq!(intersects("^2 || ^3.1", "^3.3.0"), Some(true));
        assert_eq!(intersects(">=5 <5.2", "^5.3.0"), Some(false));
        assert_eq!(intersects("^1", "2.0.0"), Some(false));
        assert_eq!(intersects("*", "^1.18.0"), Some(true));
        assert_eq!(intersects("github:a/b", "^1"), None);
        assert_eq!(minimum("^18.2.0"), Some(Version::new(18, 2, 0)));
    }
}
