//! String facts: constant string arrays (`const SCOPES = [...]`),
//! scope-like and secret-like literals, and how a value is classified.

use std::collections::HashMap;

use oxc_ast::ast::{
    ArrayExpression, ArrayExpressionElement, Expression, Program, Statement, StringLiteral,
};

use crate::facts::{Span, StringFact, ValueKind};
use crate::js::unwrap_expression;

/// A top-level `const NAME = [...]` whose elements are all string literals.
pub(super) struct ConstArray {
    pub(super) span: Span,
    pub(super) strings: Vec<StringFact>,
}

pub(super) fn const_arrays(program: &Program<'_>) -> HashMap<String, ConstArray> {
    let mut found = HashMap::new();
    for statement in &program.body {
        let declaration = match statement {
            Statement::VariableDeclaration(d) => &**d,
            Statement::ExportDeclaration(e) => match &e.declaration {
                oxc_ast::ast::Declaration::VariableDeclaration(d) => &**d,
                _ => continue,
            },
            _ => continue,
        };
        for declarator in &declaration.declarations {
            let (Some(name), Some(init)) = (declarator.id.get_identifier_name(), &declarator.init)
            else {
                continue;
            };
            if let Expression::ArrayExpression(array) = unwrap_expression(init)
                && let Some(strings) = literal_strings(array)
            {
                found.insert(
                    name.to_string(),
                    ConstArray {
                        span: array.span.into(),
                        strings,
                    },
                );
            }
        }
    }
    found
}

pub(super) fn literal_strings(array: &ArrayExpression<'_>) -> Option<Vec<StringFact>> {
    array
        .elements
        .iter()
        .map(|element| match element {
            ArrayExpressionElement::StringLiteral(s) => Some(string_fact(s)),
            _ => None,
        })
        .collect()
}

pub(super) fn string_fact(s: &StringLiteral<'_>) -> StringFact {
    StringFact {
        value: s.value.to_string(),
        span: s.span.into(),
    }
}

/// Scope-like (`widgets:...`) or secret-like (`sk_test_...`) strings.
pub(super) fn looks_interesting(value: &str) -> bool {
    looks_like_scope(value) || looks_like_secret(value)
}

/// `widget(s):<name>:<action>`, case and separators as typed.
pub fn looks_like_scope(value: &str) -> bool {
    let parts: Vec<&str> = value.split(':').collect();
    parts.len() == 3
        && (parts[0].eq_ignore_ascii_case("widgets") || parts[0].eq_ignore_ascii_case("widget"))
        && parts[1..].iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// Whether a string holds a WorkOS secret key.
pub fn looks_like_secret(value: &str) -> bool {
    ["sk_test_", "sk_live_"].iter().any(|prefix| {
        value.match_indices(prefix).any(|(at, _)| {
            let boundary = value[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
            boundary
                && value[at + prefix.len()..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .count()
                    >= 8
        })
    })
}

/// Guesses whether an attribute value is a string or a function.
pub(super) fn classify_value(expr: &Expression<'_>) -> ValueKind {
    match unwrap_expression(expr) {
        Expression::StringLiteral(_) | Expression::TemplateLiteral(_) => ValueKind::String,
        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => {
            ValueKind::Function
        }
        Expression::Identifier(id) => classify_name(&id.name),
        Expression::StaticMemberExpression(m) => classify_name(&m.property.name),
        Expression::CallExpression(call) => match unwrap_expression(&call.callee) {
            Expression::Identifier(id) if id.name == "useCallback" => ValueKind::Function,
            _ => ValueKind::Unknown,
        },
        _ => ValueKind::Unknown,
    }
}

/// `getAccessToken`, `fetchWidgetsToken` are functions; `token`,
/// `accessToken` are strings; anything else is unknown.
pub(super) fn classify_name(name: &str) -> ValueKind {
    const VERBS: [&str; 9] = [
        "get", "fetch", "load", "refresh", "resolve", "request", "create", "mint", "issue",
    ];
    let is_verb_call = VERBS.iter().any(|verb| {
        name.strip_prefix(verb)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    });
    if is_verb_call {
        ValueKind::Function
    } else if name.to_ascii_lowercase().ends_with("token") {
        ValueKind::String
    } else {
        ValueKind::Unknown
    }
}
