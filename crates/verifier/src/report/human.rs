//! Human output: findings grouped by file (a blank line between files),
//! each as `path:line:col severity CODE message` with a code frame, its
//! `= help:` line and its `= fix (--fix):` line, then a summary. Colours are ANSI codes; the caller strips them under `NO_COLOR`
//! or when the output is not a terminal.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use owo_colors::OwoColorize;

use super::Report;
use crate::finding::{Finding, Severity, display_path};
use crate::redact::redact_secrets;

/// The human rendering of `report`; `elapsed` is shown in the summary.
pub fn render(report: &Report, elapsed: Duration) -> String {
    let mut out = String::new();
    if let Some(fixes) = &report.fixes {
        for applied in &fixes.applied {
            for change in &applied.changes {
                let _ = writeln!(out, "{} {change}", "fixed:".green().bold());
            }
        }
        for failed in &fixes.not_applied {
            let _ = writeln!(
                out,
                "{} {}: {}",
                "not fixed:".yellow().bold(),
                display_path(&failed.file),
                failed.reason
            );
        }
        if !fixes.applied.is_empty() || !fixes.not_applied.is_empty() {
            out.push('\n');
        }
    }
    let mut by_file: BTreeMap<&Path, Vec<&Finding>> = BTreeMap::new();
    for finding in &report.findings {
        by_file
            .entry(&finding.location.file)
            .or_default()
            .push(finding);
    }
    for (file, findings) in by_file {
        let text = read_frame_source(&report.root, file);
        for finding in findings {
            write_finding(&mut out, finding, text.as_deref());
        }
        out.push('\n');
    }
    if let Some(online) = &report.online {
        let _ = writeln!(
            out,
            "{} minted a widget token ({} characters) at {} for scopes [{}]\n",
            "online:".green().bold(),
            online.token_length,
            online.base_url,
            online.scopes.join(", ")
        );
    }
    out.push_str(&summary(report, elapsed));
    out
}

fn write_finding(out: &mut String, finding: &Finding, text: Option<&str>) {
    let location = &finding.location;
    let severity = match finding.severity {
        Severity::Error => finding.severity.as_str().red().bold().to_string(),
        Severity::Warning => finding.severity.as_str().yellow().bold().to_string(),
    };
    let mut lines = finding.message.lines();
    let _ = writeln!(
        out,
        "{}:{}:{} {severity} {} {}",
        display_path(&location.file),
        location.line,
        location.column,
        finding.code.bold(),
        lines.next().unwrap_or_default()
    );
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
    if let Some(source_line) = text.and_then(|t| t.lines().nth(location.line.saturating_sub(1))) {
        let number = location.line.to_string();
        let gutter = " ".repeat(number.len());
        let (source_line, column) = window(&redact_secrets(source_line), location.column);
        let width = if location.end_line == location.line && location.end_column > location.column {
            (location.end_column - location.column).min(FRAME_WIDTH)
        } else {
            1
        };
        let pad: String = source_line
            .chars()
            .take(column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(out, "    {gutter} {}", "|".blue());
        let _ = writeln!(out, "    {} {} {source_line}", number.blue(), "|".blue());
        let _ = writeln!(
            out,
            "    {gutter} {} {pad}{}",
            "|".blue(),
            "^".repeat(width).red()
        );
    }
    if let Some(help) = &finding.help {
        let _ = writeln!(out, "    {} {help}", "= help:".cyan().bold());
    }
    if let Some(fix) = &finding.fix {
        let _ = writeln!(out, "    {} {}", "= fix (--fix):".cyan(), fix.description);
    }
}

/// Widest code frame line, in characters.
const FRAME_WIDTH: usize = 100;

/// A long line cut to [`FRAME_WIDTH`] characters around `column`, and the
/// column within the cut.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= FRAME_WIDTH {
        return (line.to_owned(), column);
    }
    let start = column
        .saturating_sub(FRAME_WIDTH / 2)
        .min(chars.len() - FRAME_WIDTH);
    let cut: String = chars[start..start + FRAME_WIDTH].iter().collect();
    (format!("…{cut}…"), column - start + 1)
}

/// The file's text for code frames; never for env files (secrets).
fn read_frame_source(root: &Path, file: &Path) -> Option<String> {
    let name = file.file_name()?.to_str()?;
    if name.starts_with(".env") {
        return None;
    }
    if workos_widgets_core::links::outside_target(root, file).is_some() {
        return None;
    }
    std::fs::read_to_string(root.join(file)).ok()
}

fn summary(report: &Report, elapsed: Duration) -> String {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let scope = if report.staged {
        format!("{} staged and root files", report.files_parsed)
    } else {
        format!("{} source files", report.files_scanned)
    };
    let time = format!("{} ms", elapsed.as_millis());
    if errors == 0 && warnings == 0 {
        return format!("{} no problems in {scope} ({time})\n", "ok:".green().bold());
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {} in {scope} ({time})",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    let fixable = report.fixable();
    if fixable > 0 && report.fixes.is_none() {
        let _ = write!(line, "; {fixable} fixable with --fix");
    }
    if report.staged {
        line.push_str("; --staged skips the checks that need every file (run verify without it)");
    }
    let line = if errors > 0 {
        line.red().bold().to_string()
    } else {
        line.yellow().bold().to_string()
    };
    let mut out = line;
    out.push_str(
        "\nrun `workos-widgets explain CODE` for what a finding means and how to fix it\n",
    );
    out
}
