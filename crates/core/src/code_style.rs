//! The project's code style (quotes, semicolons, indentation, trailing
//! commas, line width), read once from its formatter config (Prettier,
//! Biome; in the app or, as they search, above it up to the workspace
//! root), `.editorconfig`, or else the majority style of its own source
//! files. Each setting records where it came from, and the formatter's
//! installed version comes from core's one lookup of installed packages.

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{Expression, ObjectPropertyKind, Program, PropertyKey, Statement};
use oxc_ast_visit::Visit;
use serde::Serialize;

use crate::detect::installed::Lookup;
use crate::js;

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

/// Prettier's config files, in the order Prettier searches them.
const PRETTIER_FILES: &[&str] = &[
    ".prettierrc",
    ".prettierrc.json",
    ".prettierrc.yaml",
    ".prettierrc.yml",
    ".prettierrc.json5",
    ".prettierrc.js",
    ".prettierrc.mjs",
    ".prettierrc.cjs",
    ".prettierrc.ts",
    ".prettierrc.mts",
    ".prettierrc.cts",
    "prettier.config.js",
    "prettier.config.mjs",
    "prettier.config.cjs",
    "prettier.config.ts",
    "prettier.config.mts",
    "prettier.config.cts",
    ".prettierrc.toml",
];

/// How many source files the majority rule reads at most.
const SAMPLE_FILES: usize = 24;
/// Bigger files are skipped by the majority rule.
const SAMPLE_MAX_BYTES: u64 = 256 * 1024;

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

/// The first Prettier config in `dir`: its name and settings (`None` when
/// they cannot be read statically).
fn prettier_config(boundary: &Path, dir: &Path) -> Option<(String, Option<Partial>)> {
    for name in PRETTIER_FILES {
        let path = dir.join(name);
        let Ok(text) = crate::links::read_inside(boundary, &path) else {
            continue;
        };
        let partial = if name.ends_with(".toml") {
            Some(prettier_partial(&flat_lines(&text, '=')))
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            Some(prettier_partial(&flat_lines(&text, ':')))
        } else if *name == ".prettierrc" && !text.trim_start().starts_with('{') {
            // `.prettierrc` is JSON or YAML.
            Some(prettier_partial(&flat_lines(&text, ':')))
        } else if name.contains(".json") || *name == ".prettierrc" {
            object_entries(&path, &text, true).map(|e| prettier_partial(&e))
        } else {
            object_entries(&path, &text, false).map(|e| prettier_partial(&e))
        };
        return Some(((*name).to_owned(), partial));
    }
    let package = crate::links::read_inside(boundary, &dir.join("package.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&package).ok()?;
    let config = value.get("prettier")?;
    let partial = config.as_object().map(|map| {
        let entries: Vec<(String, Value)> = map
            .iter()
            .filter_map(|(k, v)| Value::from_json(v).map(|v| (k.clone(), v)))
            .collect();
        prettier_partial(&entries)
    });
    Some(("package.json#prettier".to_owned(), partial))
}

/// Biome's config in `dir`: `biome.json` or `biome.jsonc`.
fn biome_config(boundary: &Path, dir: &Path) -> Option<(String, Option<Partial>)> {
    for name in ["biome.json", "biome.jsonc"] {
        let path = dir.join(name);
        let Ok(text) = crate::links::read_inside(boundary, &path) else {
            continue;
        };
        let partial = object_entries(&path, &text, true).map(|e| biome_partial(&e));
        return Some((name.to_owned(), partial));
    }
    None
}

/// A config value that can be read without running code.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Bool(bool),
    Number(f64),
    String(String),
    Object(Vec<(String, Value)>),
    /// Anything else (arrays, expressions): present but not used.
    Other,
}

impl Value {
    fn from_json(v: &serde_json::Value) -> Option<Self> {
        Some(match v {
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64()?),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Object(map) => Value::Object(
                map.iter()
                    .filter_map(|(k, v)| Value::from_json(v).map(|v| (k.clone(), v)))
                    .collect(),
            ),
            _ => Value::Other,
        })
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    // The guard keeps the cast exact: a whole number in 0..1000.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    fn as_usize(&self) -> Option<usize> {
        match self {
            Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1000.0 => Some(*n as usize),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

fn prettier_partial(entries: &[(String, Value)]) -> Partial {
    let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let quote = |v: &Value| {
        v.as_bool()
            .map(|single| if single { Quote::Single } else { Quote::Double })
    };
    Partial {
        quote: get("singleQuote").and_then(quote),
        jsx_quote: get("jsxSingleQuote").and_then(quote),
        semicolons: get("semi").and_then(Value::as_bool),
        tabs: get("useTabs").and_then(Value::as_bool),
        width: get("tabWidth").and_then(Value::as_usize),
        trailing_comma: get("trailingComma")
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "all" => Some(TrailingComma::All),
                "es5" => Some(TrailingComma::Es5),
                "none" => Some(TrailingComma::None),
                _ => None,
            }),
        print_width: get("printWidth").and_then(Value::as_usize),
    }
}

fn biome_partial(entries: &[(String, Value)]) -> Partial {
    let root = Value::Object(entries.to_vec());
    let general = root.get("formatter");
    let js = root.get("javascript").and_then(|j| j.get("formatter"));
    // `javascript.formatter.*` wins over `formatter.*`.
    let get = |key: &str| {
        js.and_then(|f| f.get(key))
            .or_else(|| general.and_then(|f| f.get(key)))
    };
    let quote = |v: &Value| match v.as_str() {
        Some("single") => Some(Quote::Single),
        Some("double") => Some(Quote::Double),
        _ => None,
    };
    Partial {
        quote: js.and_then(|f| f.get("quoteStyle")).and_then(quote),
        jsx_quote: js.and_then(|f| f.get("jsxQuoteStyle")).and_then(quote),
        semicolons: js
            .and_then(|f| f.get("semicolons"))
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "always" => Some(true),
                "asNeeded" => Some(false),
                _ => None,
            }),
        tabs: get("indentStyle")
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "tab" => Some(true),
                "space" => Some(false),
                _ => None,
            }),
        width: get("indentWidth").and_then(Value::as_usize),
        trailing_comma: js
            .and_then(|f| f.get("trailingCommas").or_else(|| f.get("trailingComma")))
            .and_then(Value::as_str)
            .and_then(|s| match s {
                "all" => Some(TrailingComma::All),
                "es5" => Some(TrailingComma::Es5),
                "none" => Some(TrailingComma::None),
                _ => None,
            }),
        print_width: get("lineWidth").and_then(Value::as_usize),
    }
}

/// `key: value` (YAML) or `key = value` (TOML) lines of a flat config.
fn flat_lines(text: &str, separator: char) -> Vec<(String, Value)> {
    text.lines()
        .filter_map(|line| {
            let line = line.split(" #").next().unwrap_or_default();
            if line.starts_with([' ', '\t', '#', '[', '-']) {
                return None;
            }
            let (key, value) = line.split_once(separator)?;
            let key = key.trim().trim_matches(['"', '\'']).to_owned();
            let value = value.trim();
            let value = match value {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                v if v.starts_with(['"', '\'']) => {
                    Value::String(v.trim_matches(['"', '\'']).to_owned())
                }
                v => v.parse().map_or(Value::Other, Value::Number),
            };
            Some((key, value))
        })
        .collect()
}

/// The entries of the object a config file holds: a JSON/JSON5/JSONC
/// document (`json`), or a JS/TS module that exports an object literal
/// (`export default {...}`, `module.exports = {...}`, or a `const` holding
/// one). `None` when the object is computed.
fn object_entries(path: &Path, text: &str, json: bool) -> Option<Vec<(String, Value)>> {
    let allocator = Allocator::default();
    let (source, parse_path): (String, PathBuf) = if json {
        (format!("({text}\n)"), PathBuf::from("config.js"))
    } else {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("js");
        let ext = match ext {
            "cjs" | "mjs" => "js",
            "cts" | "mts" => "ts",
            other => other,
        };
        (text.to_owned(), PathBuf::from(format!("config.{ext}")))
    };
    let program = js::parse(&allocator, &parse_path, &source).ok()?;
    let object = exported_object(&program, json)?;
    object_value(object).and_then(|v| match v {
        Value::Object(entries) => Some(entries),
        _ => None,
    })
}

fn exported_object<'b, 'a>(program: &'b Program<'a>, json: bool) -> Option<&'b Expression<'a>> {
    let mut exported: Option<&'b Expression<'a>> = None;
    let mut consts: Vec<(&str, &'b Expression<'a>)> = Vec::new();
    for statement in &program.body {
        match statement {
            Statement::ExpressionStatement(e) if json => exported = Some(&e.expression),
            Statement::ExpressionStatement(e) => {
                if let Expression::AssignmentExpression(assign) =
                    js::unwrap_expression(&e.expression)
                {
                    let target = &assign.left;
                    let is_module_exports = matches!(
                        target,
                        oxc_ast::ast::AssignmentTarget::StaticMemberExpression(m)
                            if m.property.name == "exports"
                                && matches!(&m.object, Expression::Identifier(id) if id.name == "module")
                    );
                    if is_module_exports {
                        exported = Some(&assign.right);
                    }
                }
            }
            Statement::VariableDeclaration(decl) => {
                for d in &decl.declarations {
                    if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
                        (&d.id, &d.init)
                    {
                        consts.push((id.name.as_str(), init));
                    }
                }
            }
            Statement::ExportDefaultDeclaration(decl) => {
                exported = decl.declaration.as_expression();
            }
            _ => {}
        }
    }
    let exported = js::unwrap_expression(exported?);
    match exported {
        Expression::Identifier(id) => consts
            .iter()
            .rev()
            .find(|(name, _)| *name == id.name.as_str())
            .map(|(_, e)| js::unwrap_expression(e)),
        other => Some(other),
    }
}

/// A literal value, or `None` when it is computed (a spread, a call).
fn object_value(expr: &Expression<'_>) -> Option<Value> {
    Some(match js::unwrap_expression(expr) {
        Expression::BooleanLiteral(b) => Value::Bool(b.value),
        Expression::NumericLiteral(n) => Value::Number(n.value),
        Expression::StringLiteral(s) => Value::String(s.value.to_string()),
        Expression::ObjectExpression(object) => {
            let mut entries = Vec::new();
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(p) = property else {
                    return None;
                };
                let key = match &p.key {
                    PropertyKey::StaticIdentifier(id) => id.name.to_string(),
                    PropertyKey::StringLiteral(s) => s.value.to_string(),
                    _ => return None,
                };
                let value = object_value(&p.value).unwrap_or(Value::Other);
                entries.push((key, value));
            }
            Value::Object(entries)
        }
        _ => Value::Other,
    })
}

/// `indent_style`/`indent_size` of the `.editorconfig` section that covers
/// JS/TS files (`[*]`, `[*.{js,ts}]`, ...), the last one winning.
fn editorconfig_indent(root: &Path) -> Option<Setting<Indent>> {
    let text = crate::links::read_inside(root, &root.join(".editorconfig")).ok()?;
    let mut applies = false;
    let mut style: Option<String> = None;
    let mut size: Option<usize> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with(['#', ';']) || line.is_empty() {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            applies = section == "*"
                || ["js", "jsx", "ts", "tsx"]
                    .iter()
                    .any(|ext| section.contains(ext));
            continue;
        }
        if !applies {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match key.trim().to_ascii_lowercase().as_str() {
            "indent_style" => style = Some(value),
            "indent_size" => size = value.parse().ok(),
            _ => {}
        }
    }
    let indent = match (style.as_deref(), size) {
        (Some("tab"), _) => Indent::Tabs,
        (Some("space"), size) => Indent::Spaces(size.unwrap_or(2)),
        (None, Some(size)) => Indent::Spaces(size),
        _ => return None,
    };
    Some(Setting::new(indent, ".editorconfig"))
}

/// Counts from the sampled source files.
#[derive(Debug, Default)]
struct Tally {
    files: usize,
    single: usize,
    double: usize,
    with_semi: usize,
    without_semi: usize,
    tabs: usize,
    /// Indentation steps by width (index = width).
    steps: [usize; 9],
}

impl Tally {
    fn indent(&self) -> Option<Indent> {
        let (width, count) = self
            .steps
            .iter()
            .enumerate()
            .skip(1)
            .max_by_key(|(w, c)| (**c, std::cmp::Reverse(*w)))?;
        if self.tabs > *count {
            return Some(Indent::Tabs);
        }
        (*count > 0).then_some(Indent::Spaces(width))
    }

    fn add(&mut self, text: &str, program: &Program<'_>) {
        self.files += 1;
        let mut counter = Counter { text, tally: self };
        counter.visit_program(program);
        let mut previous = 0usize;
        for line in text.lines() {
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with('\t') {
                self.tabs += 1;
                continue;
            }
            let spaces = line.len() - line.trim_start_matches(' ').len();
            let trimmed = line.trim_start();
            if trimmed.starts_with('*') {
                continue;
            }
            if spaces > previous && spaces - previous < self.steps.len() {
                self.steps[spaces - previous] += 1;
            }
            previous = spaces;
        }
    }
}

struct Counter<'t> {
    text: &'t str,
    tally: &'t mut Tally,
}

impl Counter<'_> {
    fn statement_end(&mut self, span: oxc_span::Span) {
        let source = span.source_text(self.text);
        if source.ends_with(';') {
            self.tally.with_semi += 1;
        } else if source.ends_with(['}', ')', ']'])
            || source
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '"' || c == '`')
        {
            self.tally.without_semi += 1;
        }
    }
}

impl<'a> Visit<'a> for Counter<'_> {
    fn visit_string_literal(&mut self, it: &oxc_ast::ast::StringLiteral<'a>) {
        let raw = it.span.source_text(self.text);
        match raw.chars().next() {
            Some('\'') if !it.value.contains('\'') => self.tally.single += 1,
            Some('"') if !it.value.contains('"') => self.tally.double += 1,
            _ => {}
        }
    }

    fn visit_jsx_attribute(&mut self, it: &oxc_ast::ast::JSXAttribute<'a>) {
        // JSX attribute strings follow their own rule (jsxSingleQuote).
        if let Some(oxc_ast::ast::JSXAttributeValue::ExpressionContainer(c)) = &it.value {
            self.visit_jsx_expression_container(c);
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        match it {
            Statement::ExpressionStatement(_)
            | Statement::VariableDeclaration(_)
            | Statement::ReturnStatement(_)
            | Statement::ThrowStatement(_)
            | Statement::ImportDeclaration(_) => self.statement_end(oxc_span::GetSpan::span(it)),
            _ => {}
        }
        oxc_ast_visit::walk::walk_statement(self, it);
    }
}

/// Reads up to [`SAMPLE_FILES`] source files under the usual folders.
fn sample_sources(root: &Path) -> Tally {
    let mut tally = Tally::default();
    let mut files = Vec::new();
    for dir in ["src", "app", "pages", "components", "lib"] {
        let dir = root.join(dir);
        if !dir.is_dir() {
            continue;
        }
        let walker = ignore::WalkBuilder::new(&dir)
            .hidden(true)
            .max_depth(Some(6))
            .build();
        for entry in walker.flatten() {
            if files.len() >= SAMPLE_FILES {
                break;
            }
            let path = entry.path();
            let is_source = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs"));
            let small = entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= SAMPLE_MAX_BYTES);
            if is_source && small && !path.to_string_lossy().contains("/workos/") {
                files.push(path.to_path_buf());
            }
        }
    }
    files.sort();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let allocator = Allocator::default();
        if let Ok(program) = js::parse(&allocator, &path, &text) {
            tally.add(&text, &program);
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_of(files: &[(&str, &str)]) -> CodeStyle {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        CodeStyle::detect(dir.path())
    }

    type Expect = (Quote, bool, Indent, &'static str);
    type Case = (&'static str, Vec<(&'static str, &'static str)>, Expect);

    #[test]
    fn detects_the_style_of_each_config_kind() {
        let double_semi_src = (
            "src/a.ts",
            "import a from \"a\";\nconst b = \"x\";\nif (a) {\n    b();\n}\n",
        );
        let cases: Vec<Case> = vec![
            (
                ".prettierrc json",
                vec![(".prettierrc", "{\"semi\": false, \"singleQuote\": true}")],
                (Quote::Single, false, Indent::Spaces(2), ".prettierrc"),
            ),
            (
                ".prettierrc yaml",
                vec![(
                    ".prettierrc",
                    "semi: false\nsingleQuote: true\ntabWidth: 4\n",
                )],
                (Quote::Single, false, Indent::Spaces(4), ".prettierrc"),
            ),
            (
                ".prettierrc.json defaults",
                vec![
                    (".prettierrc.json", "{}"),
                    ("src/a.ts", "import a from 'a'\n"),
                ],
                (Quote::Double, true, Indent::Spaces(2), "Prettier default"),
            ),
            (
                ".prettierrc.json5",
                vec![(
                    ".prettierrc.json5",
                    "// c\n{singleQuote: true, useTabs: true,}\n",
                )],
                (Quote::Single, true, Indent::Tabs, ".prettierrc.json5"),
            ),
            (
                ".prettierrc.yml",
                vec![(".prettierrc.yml", "# x\nsemi: false\n")],
                (Quote::Double, false, Indent::Spaces(2), "Prettier default"),
            ),
            (
                ".prettierrc.toml",
                vec![(".prettierrc.toml", "semi = false\nsingleQuote = true\n")],
                (Quote::Single, false, Indent::Spaces(2), ".prettierrc.toml"),
            ),
            (
                "prettier.config.mjs",
                vec![(
                    "prettier.config.mjs",
                    "/** @type {import('prettier').Config} */\nconst config = { singleQuote: true, semi: false };\nexport default config;\n",
                )],
                (
                    Quote::Single,
                    false,
                    Indent::Spaces(2),
                    "prettier.config.mjs",
                ),
            ),
            (
                ".prettierrc.cjs",
                vec![(".prettierrc.cjs", "module.exports = { tabWidth: 4 }\n")],
                (Quote::Double, true, Indent::Spaces(4), "Prettier default"),
            ),
            (
                "computed js config falls back to sources",
                vec![
                    (
                        "prettier.config.js",
                        "module.exports = { ...require('x') }\n",
                    ),
                    double_semi_src,
                ],
                (
                    Quote::Double,
                    true,
                    Indent::Spaces(4),
                    "majority of 1 source files",
                ),
            ),
            (
                "package.json prettier key",
                vec![("package.json", "{\"prettier\": {\"singleQuote\": true}}")],
                (
                    Quote::Single,
                    true,
                    Indent::Spaces(2),
                    "package.json#prettier",
                ),
            ),
            (
                "editorconfig under prettier",
                vec![
                    (".prettierrc", "{}"),
                    (".editorconfig", "root = true\n[*]\nindent_style = tab\n"),
                ],
                (Quote::Double, true, Indent::Tabs, "Prettier default"),
            ),
            (
                "biome defaults",
                vec![("biome.json", "{}")],
                (Quote::Double, true, Indent::Tabs, "Biome default"),
            ),
            (
                "biome.jsonc settings",
                vec![(
                    "biome.jsonc",
                    "{\n  // comment\n  \"formatter\": {\"indentStyle\": \"space\", \"indentWidth\": 2},\n  \"javascript\": {\"formatter\": {\"quoteStyle\": \"single\", \"semicolons\": \"asNeeded\"}},\n}\n",
                )],
                (Quote::Single, false, Indent::Spaces(2), "biome.jsonc"),
            ),
            (
                "majority of sources",
                vec![double_semi_src],
                (
                    Quote::Double,
                    true,
                    Indent::Spaces(4),
                    "majority of 1 source files",
                ),
            ),
            (
                "editorconfig and sources",
                vec![
                    double_semi_src,
                    (".editorconfig", "[*.{js,ts}]\nindent_size = 2\n"),
                ],
                (
                    Quote::Double,
                    true,
                    Indent::Spaces(2),
                    "majority of 1 source files",
                ),
            ),
            (
                "nothing: template style",
                vec![("package.json", "{}")],
                (Quote::Single, false, Indent::Spaces(2), "template default"),
            ),
        ];
        for (name, files, (quote, semi, indent, source)) in cases {
            let style = style_of(&files);
            assert_eq!(style.quote.value, quote, "{name}: quote {style:?}");
            assert_eq!(style.semicolons.value, semi, "{name}: semicolons {style:?}");
            assert_eq!(style.indent.value, indent, "{name}: indent {style:?}");
            assert_eq!(style.quote.source, source, "{name}: quote source {style:?}");
        }
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
