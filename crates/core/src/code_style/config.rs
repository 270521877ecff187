//! Formatter configs read without running them: flat YAML/TOML lines, and
//! the object a JSON/JSON5/JSONC document or a JS/TS module exports, as
//! [`Value`]s.

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{Expression, ObjectPropertyKind, Program, PropertyKey, Statement};

use crate::js;

/// A config value that can be read without running code.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Bool(bool),
    Number(f64),
    String(String),
    Object(Vec<(String, Value)>),
    /// Anything else (arrays, expressions): present but not used.
    Other,
}

impl Value {
    pub(super) fn from_json(v: &serde_json::Value) -> Option<Self> {
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

    pub(super) fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    // The guard keeps the cast exact: a whole number in 0..1000.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    pub(super) fn as_usize(&self) -> Option<usize> {
        match self {
            Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1000.0 => Some(*n as usize),
            _ => None,
        }
    }

    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// `key: value` (YAML) or `key = value` (TOML) lines of a flat config.
pub(super) fn flat_lines(text: &str, separator: char) -> Vec<(String, Value)> {
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
pub(super) fn object_entries(path: &Path, text: &str, json: bool) -> Option<Vec<(String, Value)>> {
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
