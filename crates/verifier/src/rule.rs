//! A rule: the stable code, name, severity and documentation of one check,
//! and how it runs.

use crate::facts::Facts;
use crate::finding::{Finding, Fix, Location, Severity};

/// How a rule produces findings.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// From the scanned facts (every run).
    Facts(fn(&Facts) -> Vec<Finding>),
    /// From `--build`.
    Build,
    /// From `--online`.
    Online,
}

/// One check.
#[derive(Debug)]
pub struct Rule {
    /// e.g. `WW302`.
    pub code: &'static str,
    /// e.g. `access-token-prop`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what is wrong when it fires.
    pub summary: &'static str,
    /// What it checks, why it matters, a bad and a good example (Markdown),
    /// printed by `workos-widgets explain CODE`.
    pub doc: &'static str,
    /// Whether `--fix` can fix (some of) its findings.
    pub fixable: bool,
    pub check: Check,
}

impl Rule {
    /// A finding of this rule.
    pub fn finding(&self, location: Location, message: impl Into<String>) -> Finding {
        Finding {
            code: self.code,
            name: self.name,
            severity: self.severity,
            message: message.into(),
            help: None,
            location,
            fix: None,
        }
    }

    /// A finding of this rule with a fix.
    pub fn fixable_finding(
        &self,
        location: Location,
        message: impl Into<String>,
        fix: Option<Fix>,
    ) -> Finding {
        Finding {
            fix,
            ..self.finding(location, message)
        }
    }

    /// The group the code belongs to, from its hundreds digit.
    pub fn group(&self) -> &'static str {
        match self.code.as_bytes().get(2) {
            Some(b'0') => "general",
            Some(b'1') => "dependencies",
            Some(b'2') => "root and styles",
            Some(b'3') => "widget props",
            Some(b'4') => "tokens and scopes",
            Some(b'5') => "security",
            Some(b'6') => "environment",
            Some(b'7') => "build",
            Some(b'8') => "online",
            _ => "other",
        }
    }
}
