//! The project's code style (quotes, semicolons, indentation, trailing
//! commas, line width), read once from its formatter config (Prettier,
//! Biome; in the app or, as they search, above it up to the workspace
//! root), `.editorconfig`, or else the majority style of its own source
//! files. Each setting records where it came from, and the formatter's
//! installed version comes from core's one lookup of installed packages.

mod biome;
mod config;
mod editorconfig;
mod prettier;
mod sample;

use std::path::Path;

use serde::Serialize;

use crate::detect::installed::Lookup;
use biome::biome_config;
use editorconfig::editorconfig_indent;
use prettier::prettier_config;
use sample::sample_sources;

/// Quote character for string literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quote {
    Single,
    Double,
}

impl Quote {
    pub fn char(self) -> char {
        match self {
            Quote::Single => '\'',
            Quote::Double => '"',
        }
    }
}

/// One indentation level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "style", content = "width")]
pub enum Indent {
    Spaces(usize),
    Tabs,
}

impl Indent {
    /// The text of one level.
    pub fn unit(self) -> String {
        match self {
            Indent::Spaces(n) => " ".repeat(n),
            Indent::Tabs => "\t".to_owned(),
        }
    }
}

/// Where trailing commas go in multi-line lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TrailingComma {
    /// Everywhere, function arguments included (Prettier 3, Biome).
    All,
    /// Where ES5 allows them: arrays and objects, not arguments.
    Es5,
    None,
}

/// A setting and where it came from (`.prettierrc`, `Prettier default`,
/// `majority of 12 files`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting<T> {
    pub value: T,
    pub source: String,
}

impl<T> Setting<T> {
    fn new(value: T, source: impl Into<String>) -> Self {
        Self {
            value,
            source: source.into(),
        }
    }
}

/// A formatter the project configures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatterKind {
    Prettier,
    Biome,
}

/// The formatter the project configures, and whether it is installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormatterInfo {
    pub kind: FormatterKind,
    /// The config file (relative to the root), or `package.json#prettier`.
    pub config: String,
    /// Whether its settings could be read without running code (a JS
    /// config that computes them, or a shared config, cannot).
    pub readable: bool,
    /// The installed version in `node_modules`, when installed.
    pub installed: Option<String>,
}

/// The project's code style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeStyle {
    pub quote: Setting<Quote>,
    /// Quotes of JSX attribute strings.
    pub jsx_quote: Setting<Quote>,
    pub semicolons: Setting<bool>,
    pub indent: Setting<Indent>,
    pub trailing_comma: Setting<TrailingComma>,
    pub print_width: Setting<usize>,
    pub formatter: Option<FormatterInfo>,
}

/// The style of the generator's templates: what a project without any
/// config or source files gets.
impl Default for CodeStyle {
    fn default() -> Self {
        let source = "template default";
        Self {
            quote: Setting::new(Quote::Single, source),
            jsx_quote: Setting::new(Quote::Double, source),
            semicolons: Setting::new(false, source),
            indent: Setting::new(Indent::Spaces(2), source),
            trailing_comma: Setting::new(TrailingComma::All, source),
            print_width: Setting::new(80, source),
            formatter: None,
        }
    }
}

/// Settings a formatter config states (unset ones are `None`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Partial {
    quote: Option<Quote>,
    jsx_quote: Option<Quote>,
    semicolons: Option<bool>,
    tabs: Option<bool>,
    width: Option<usize>,
    trailing_comma: Option<TrailingComma>,
    print_width: Option<usize>,
}

impl CodeStyle {
    /// Reads the style of the project at `root`.
    pub fn detect(root: &Path) -> Self {
        let installed = Lookup::new(root);
        if let Some((config, partial)) = config_above(&installed, prettier_config) {
            let readable = partial.is_some();
            let info = FormatterInfo {
                kind: FormatterKind::Prettier,
                config: config.clone(),
                readable,
                installed: installed.version("prettier"),
            };
            let v3 = info
                .installed
                .as_deref()
                .is_none_or(|v| !v.starts_with("2.") && !v.starts_with("1."));
            return match partial {
                Some(partial) => Self::from_partial(
                    root,
                    &partial,
                    &config,
                    "Prettier default",
                    Defaults {
                        tabs: false,
                        trailing_comma: if v3 {
                            TrailingComma::All
                        } else {
                            TrailingComma::Es5
                        },
                    },
                    Some(info),
                ),
                None => Self {
                    formatter: Some(info),
                    ..Self::from_sources(root)
                },
            };
        }
        if let Some((config, partial)) = config_above(&installed, biome_config) {
            let info = FormatterInfo {
                kind: FormatterKind::Biome,
                config: config.clone(),
                readable: partial.is_some(),
                installed: installed.version("@biomejs/biome"),
            };
            return match partial {
                Some(partial) => Self::from_partial(
                    root,
                    &partial,
                    &config,
                    "Biome default",
                    Defaults {
                        tabs: true,
                        trailing_comma: TrailingComma::All,
                    },
                    Some(info),
                ),
                None => Self {
                    formatter: Some(info),
                    ..Self::from_sources(root)
                },
            };
        }
        Self::from_sources(root)
    }

    /// A formatter's settings over its defaults (double quotes, semicolons,
    /// 2 wide, width 80); indentation it leaves unset comes from
    /// `.editorconfig` (as Prettier's CLI does).
    fn from_partial(
        root: &Path,
        partial: &Partial,
        config: &str,
        default: &str,
        defaults: Defaults,
        formatter: Option<FormatterInfo>,
    ) -> Self {
        fn pick<T>(value: Option<T>, fallback: T, config: &str, default: &str) -> Setting<T> {
            match value {
                Some(v) => Setting::new(v, config),
                None => Setting::new(fallback, default),
            }
        }
        let indent = match (partial.tabs, partial.width) {
            (Some(true), _) => Setting::new(Indent::Tabs, config),
            (Some(false), Some(w)) => Setting::new(Indent::Spaces(w), config),
            (Some(false), None) => Setting::new(Indent::Spaces(2), config),
            (None, width) => match (width, editorconfig_indent(root)) {
                (None, Some(indent)) => indent,
                _ if defaults.tabs => Setting::new(Indent::Tabs, default),
                (Some(w), _) => Setting::new(Indent::Spaces(w), config),
                (None, None) => Setting::new(Indent::Spaces(2), default),
            },
        };
        Self {
            quote: pick(partial.quote, Quote::Double, config, default),
            jsx_quote: pick(partial.jsx_quote, Quote::Double, config, default),
            semicolons: pick(partial.semicolons, true, config, default),
            indent,
            trailing_comma: pick(
                partial.trailing_comma,
                defaults.trailing_comma,
                config,
                default,
            ),
            print_width: pick(partial.print_width, 80, config, default),
            formatter,
        }
    }

    /// No formatter config: `.editorconfig` for indentation, the majority
    /// of the project's source files for the rest, the templates' style
    /// when there are none.
    fn from_sources(root: &Path) -> Self {
        let mut style = Self::default();
        let tally = sample_sources(root);
        let source = format!("majority of {} source files", tally.files);
        if tally.single + tally.double > 0 {
            let quote = if tally.double > tally.single {
                Quote::Double
            } else {
                Quote::Single
            };
            style.quote = Setting::new(quote, source.clone());
        }
        if tally.with_semi + tally.without_semi > 0 {
            style.semicolons = Setting::new(tally.with_semi > tally.without_semi, source.clone());
        }
        if let Some(indent) = tally.indent() {
            style.indent = Setting::new(indent, source);
        }
        if let Some(indent) = editorconfig_indent(root) {
            style.indent = indent;
        }
        style
    }
}

#[derive(Clone, Copy)]
struct Defaults {
    tabs: bool,
    trailing_comma: TrailingComma,
}

/// Finds a formatter's config in a folder (`(boundary, folder)`): its name
/// and settings (`None` when they cannot be read statically).
type ReadConfig = fn(&Path, &Path) -> Option<(String, Option<Partial>)>;

/// The config a formatter finds for the app, as it searches: in
/// the app's folder, else the nearest folder above it up to the workspace
/// root (a monorepo's shared config). `read` finds one in a folder (read
/// inside the boundary); the name is shown relative to the app
/// (`../../.prettierrc`).
fn config_above(installed: &Lookup, read: ReadConfig) -> Option<(String, Option<Partial>)> {
    // `folders` goes up one folder at a time from the app.
    installed.folders().enumerate().find_map(|(up, folder)| {
        let (name, partial) = read(installed.boundary(), folder)?;
        Some((format!("{}{name}", "../".repeat(up)), partial))
    })
}

/// What the tests of each concern share: a project made of files, and the
/// check of a table of cases.
#[cfg(test)]
mod test_support {
    use super::*;

    /// The style of a project holding `files` (relative path, text).
    pub(super) fn style_of(files: &[(&str, &str)]) -> CodeStyle {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        CodeStyle::detect(dir.path())
    }

    /// Quote, semicolons, indentation, and the quote's source.
    pub(super) type Expect = (Quote, bool, Indent, &'static str);
    /// A case's name, its files, and what it detects.
    pub(super) type Case = (&'static str, Vec<(&'static str, &'static str)>, Expect);

    /// A source file in double quotes with semicolons, indented by 4.
    pub(super) const DOUBLE_SEMI_SRC: (&str, &str) = (
        "src/a.ts",
        "import a from \"a\";\nconst b = \"x\";\nif (a) {\n    b();\n}\n",
    );

    /// Checks every case.
    pub(super) fn check(cases: Vec<Case>) {
        for (name, files, (quote, semi, indent, source)) in cases {
            let style = style_of(&files);
            assert_eq!(style.quote.value, quote, "{name}: quote {style:?}");
            assert_eq!(style.semicolons.value, semi, "{name}: semicolons {style:?}");
            assert_eq!(style.indent.value, indent, "{name}: indent {style:?}");
            assert_eq!(style.quote.source, source, "{name}: quote source {style:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{check, style_of};
    use super::*;

    #[test]
    fn a_project_without_config_or_sources_gets_the_templates_style() {
        check(vec![(
            "nothing: template style",
            vec![("package.json", "{}")],
            (Quote::Single, false, Indent::Spaces(2), "template default"),
        )]);
        assert_eq!(style_of(&[("package.json", "{}")]), CodeStyle::default());
    }

    #[test]
    fn records_the_formatter() {
        let style = style_of(&[
            (
                ".prettierrc",
                "{\"printWidth\": 100, \"trailingComma\": \"es5\"}",
            ),
            (
                "node_modules/prettier/package.json",
                "{\"version\": \"3.6.2\"}",
            ),
        ]);
        assert_eq!(style.print_width.value, 100);
        assert_eq!(style.trailing_comma.value, TrailingComma::Es5);
        let formatter = style.formatter.unwrap();
        assert_eq!(formatter.kind, FormatterKind::Prettier);
        assert_eq!(formatter.installed.as_deref(), Some("3.6.2"));
        assert!(formatter.readable);
        let v2 = style_of(&[
            (".prettierrc", "{}"),
            (
                "node_modules/prettier/package.json",
                "{\"version\": \"2.8.8\"}",
            ),
        ]);
        assert_eq!(v2.trailing_comma.value, TrailingComma::Es5);
    }
}
