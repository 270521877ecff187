//! The walk of one function body: what each binding holds (a request
//! read, the session, a literal) as the statements run, and where the
//! identity values end up.

use std::collections::HashMap;

use oxc_ast::ast::{
    ArrowFunctionBody, ArrowFunctionExpression, AssignmentTarget, BindingPattern, CallExpression,
    ChainElement, Expression, ForStatementLeft, FormalParameters, Function, ObjectExpression,
    ObjectPropertyKind, PropertyKey,
};
use oxc_ast_visit::Visit;
use oxc_span::GetSpan;
use oxc_syntax::operator::BinaryOperator;

use super::{
    ARGUMENT_PARTS, Analyzer, BROWSER_METHODS, BROWSER_PARTS, BUILTIN_CLASSES, BUILTIN_OBJECTS,
    CONVERTERS, FunctionRef, IDENTITY_NAMES, MAX_DEPTH, Origin, Returned, Unit, Value,
};
use crate::js::unwrap_expression;

/// One pass over a unit.
pub(super) struct Walker<'w, 'b, 'a, 'i> {
    pub(super) analyzer: &'w mut Analyzer<'b, 'a, 'i>,
    pub(super) state: &'w mut HashMap<String, Value>,
    /// The last pass: evaluate the sinks and the returns.
    pub(super) sinks: bool,
    pub(super) changed: bool,
    /// Functions entered below the unit's own.
    pub(super) depth: usize,
    pub(super) result: Option<Returned>,
    /// The unit function's arguments, until its parameters are bound.
    pub(super) root_args: Option<&'w [Value]>,
}

impl<'a> Walker<'_, '_, 'a, '_> {
    pub(super) fn walk_unit(&mut self, unit: Unit<'_, 'a>) {
        match unit {
            Unit::Statement(statement) => {
                self.root_args = None;
                self.visit_statement(statement);
            }
            Unit::Function(FunctionRef::Function(f)) => {
                self.bind_root_params(&f.params);
                if let Some(body) = &f.body {
                    self.visit_function_body(body);
                }
            }
            Unit::Function(FunctionRef::Arrow(a)) => {
                self.bind_root_params(&a.params);
                match &a.body {
                    ArrowFunctionBody::FunctionBody(body) => self.visit_function_body(body),
                    body => {
                        if let Some(expr) = body.as_expression() {
                            self.visit_expression(expr);
                            self.returned(expr);
                        }
                    }
                }
            }
        }
    }

    fn bind_root_params(&mut self, params: &FormalParameters<'a>) {
        let args = self.root_args.take().unwrap_or(&[]);
        for (index, param) in params.items.iter().enumerate() {
            let value = args.get(index).cloned().unwrap_or(Value::Clean);
            self.bind_param(&param.pattern, value);
        }
    }

    /// A parameter: `request`/`req` is the request; another name is an
    /// argument object; `{ request }` and `{ params }` are what they say.
    fn bind_param(&mut self, pattern: &BindingPattern<'a>, given: Value) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                let value = if is_request_name(&id.name) {
                    Value::Request
                } else {
                    given
                };
                self.set(&id.name, value);
            }
            BindingPattern::AssignmentPattern(p) => self.bind_param(&p.left, given),
            _ => {
                let value = if given == Value::Clean {
                    Value::Arguments
                } else {
                    given
                };
                self.bind(pattern, &value);
            }
        }
    }

    fn set(&mut self, name: &str, value: Value) {
        let current = self.state.get(name).map_or(0, Value::rank);
        if value.rank() > current {
            self.state.insert(name.to_owned(), value);
            self.changed = true;
        }
    }

    /// Binds the names of `pattern` to the parts of `value`.
    fn bind(&mut self, pattern: &BindingPattern<'a>, value: &Value) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => self.set(&id.name, value.clone()),
            BindingPattern::AssignmentPattern(p) => self.bind(&p.left, value),
            BindingPattern::ArrayPattern(p) => {
                let part = if value.tainted() {
                    value.clone()
                } else {
                    Value::Clean
                };
                for element in p.elements.iter().flatten() {
                    self.bind(element, &part);
                }
                if let Some(rest) = &p.rest {
                    self.bind(&rest.argument, &part);
                }
            }
            BindingPattern::ObjectPattern(p) => {
                for property in &p.properties {
                    let part = match property.key.static_name() {
                        Some(key) => member(value, &key),
                        None if value.tainted() => value.clone(),
                        None => Value::Clean,
                    };
                    self.bind(&property.value, &part);
                }
                if let Some(rest) = &p.rest {
                    let part = if value.tainted() {
                        value.clone()
                    } else {
                        Value::Clean
                    };
                    self.bind(&rest.argument, &part);
                }
            }
        }
    }

    fn source(&self, span: oxc_span::Span) -> String {
        let text = span.source_text(self.analyzer.text);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > 60 {
            format!("{}...", text.chars().take(57).collect::<String>())
        } else {
            text
        }
    }

    fn request_read(&self, span: oxc_span::Span) -> Value {
        Value::Tainted(Origin::Request(self.source(span)))
    }

    fn eval(&mut self, expr: &Expression<'a>, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Clean;
        }
        let depth = depth + 1;
        match unwrap_expression(expr) {
            Expression::Identifier(id) => self
                .state
                .get(id.name.as_str())
                .cloned()
                .unwrap_or(Value::Clean),
            Expression::StaticMemberExpression(m) => {
                let object = self.eval(&m.object, depth);
                self.member_value(object, m.object.span(), &m.property.name, m.span)
            }
            Expression::ComputedMemberExpression(m) => {
                let object = self.eval(&m.object, depth);
                match &m.expression {
                    Expression::StringLiteral(key) => {
                        self.member_value(object, m.object.span(), &key.value, m.span)
                    }
                    _ if object.tainted() => object,
                    _ if object == Value::Request => self.request_read(m.span),
                    _ => Value::Clean,
                }
            }
            Expression::CallExpression(call) => self.call_value(call, depth),
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::CallExpression(call) => self.call_value(call, depth),
                ChainElement::TSNonNullExpression(e) => self.eval(&e.expression, depth),
                ChainElement::StaticMemberExpression(m) => {
                    let object = self.eval(&m.object, depth);
                    self.member_value(object, m.object.span(), &m.property.name, m.span)
                }
                ChainElement::ComputedMemberExpression(m) => {
                    let object = self.eval(&m.object, depth);
                    if object.tainted() {
                        object
                    } else {
                        Value::Clean
                    }
                }
                ChainElement::PrivateFieldExpression(_) => Value::Clean,
            },
            Expression::NewExpression(new) => match unwrap_expression(&new.callee) {
                Expression::Identifier(id) if BUILTIN_CLASSES.contains(&id.name.as_str()) => self
                    .first_tainted(
                        new.arguments.iter().filter_map(|a| a.as_expression()),
                        depth,
                    ),
                _ => Value::Clean,
            },
            Expression::AwaitExpression(e) => self.eval(&e.argument, depth),
            Expression::TSTypeAssertion(e) => self.eval(&e.expression, depth),
            Expression::TSInstantiationExpression(e) => self.eval(&e.expression, depth),
            Expression::LogicalExpression(e) => {
                let left = self.eval(&e.left, depth);
                let right = self.eval(&e.right, depth);
                if right.rank() > left.rank() {
                    right
                } else {
                    left
                }
            }
            Expression::BinaryExpression(e) if e.operator == BinaryOperator::Addition => {
                self.first_tainted([&e.left, &e.right].into_iter(), depth)
            }
            Expression::ConditionalExpression(e) => {
                let consequent = self.eval(&e.consequent, depth);
                let alternate = self.eval(&e.alternate, depth);
                if alternate.rank() > consequent.rank() {
                    alternate
                } else {
                    consequent
                }
            }
            Expression::TemplateLiteral(t) => self.first_tainted(t.expressions.iter(), depth),
            Expression::ObjectExpression(object) => {
                let values = object.properties.iter().map(|p| match p {
                    ObjectPropertyKind::ObjectProperty(p) => &p.value,
                    ObjectPropertyKind::SpreadProperty(s) => &s.argument,
                });
                self.first_tainted(values, depth)
            }
            Expression::ArrayExpression(array) => self.first_tainted(
                array.elements.iter().filter_map(|e| match e {
                    oxc_ast::ast::ArrayExpressionElement::SpreadElement(s) => Some(&s.argument),
                    other => other.as_expression(),
                }),
                depth,
            ),
            Expression::SequenceExpression(e) => e
                .expressions
                .last()
                .map_or(Value::Clean, |last| self.eval(last, depth)),
            Expression::AssignmentExpression(e) => self.eval(&e.right, depth),
            _ => Value::Clean,
        }
    }

    fn first_tainted<'e>(
        &mut self,
        exprs: impl Iterator<Item = &'e Expression<'a>>,
        depth: usize,
    ) -> Value
    where
        'a: 'e,
    {
        let mut found = Value::Clean;
        for expr in exprs {
            let value = self.eval(expr, depth);
            if value.tainted() && value.rank() > found.rank() {
                found = value;
            }
        }
        found
    }

    /// `request.headers` read further (`request.headers.get('x')`): the
    /// origin is the whole read.
    fn extended(&self, value: Value, object: oxc_span::Span, whole: oxc_span::Span) -> Value {
        match &value {
            Value::Tainted(Origin::Request(origin)) if *origin == self.source(object) => {
                self.request_read(whole)
            }
            _ => value,
        }
    }

    fn member_value(
        &self,
        object: Value,
        object_span: oxc_span::Span,
        property: &str,
        span: oxc_span::Span,
    ) -> Value {
        match object {
            Value::Tainted(_) => self.extended(object, object_span, span),
            Value::Request if BROWSER_PARTS.contains(&property) => self.request_read(span),
            Value::Arguments if ARGUMENT_PARTS.contains(&property) => self.request_read(span),
            _ if is_request_name(property) => Value::Request,
            _ => Value::Clean,
        }
    }

    fn call_value(&mut self, call: &CallExpression<'a>, depth: usize) -> Value {
        let args: Vec<&Expression<'a>> = call
            .arguments
            .iter()
            .filter_map(|a| a.as_expression())
            .collect();
        match unwrap_expression(&call.callee) {
            Expression::StaticMemberExpression(m) => {
                let object = self.eval(&m.object, depth);
                let method = m.property.name.as_str();
                match object {
                    Value::Tainted(_) => self.extended(object, m.object.span(), call.span),
                    Value::Request if BROWSER_METHODS.contains(&method) => {
                        self.request_read(call.span)
                    }
                    Value::Request | Value::Arguments => Value::Clean,
                    Value::Clean => {
                        let builtin = matches!(unwrap_expression(&m.object), Expression::Identifier(id) if BUILTIN_OBJECTS.contains(&id.name.as_str()));
                        if builtin || is_parser(method) {
                            self.first_tainted(args.into_iter(), depth)
                        } else {
                            // A method of the app's auth or an SDK: the
                            // server's own answer.
                            Value::Clean
                        }
                    }
                }
            }
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                if self.analyzer.functions.contains_key(name) {
                    let values: Vec<Value> = args.iter().map(|a| self.eval(a, depth)).collect();
                    return self
                        .analyzer
                        .function_result(name, &values)
                        .map_or(Value::Clean, |(origin, _)| Value::Tainted(origin));
                }
                if let Some((source, imported)) = self.analyzer.import_of(name) {
                    if source == "next/headers" && matches!(imported, "cookies" | "headers") {
                        return self.request_read(call.span);
                    }
                    if crate::specifier::is_local(source) {
                        return Value::Tainted(Origin::Import(name.to_owned()));
                    }
                    if is_parser(imported) {
                        return self.first_tainted(args.into_iter(), depth);
                    }
                    // A session helper of an auth package.
                    return Value::Clean;
                }
                if CONVERTERS.contains(&name) || is_parser(name) {
                    self.first_tainted(args.into_iter(), depth)
                } else {
                    Value::Clean
                }
            }
            _ => Value::Clean,
        }
    }

    fn returned(&mut self, expr: &Expression<'a>) {
        if let Value::Tainted(origin) = self.eval(expr, 0)
            && self
                .result
                .as_ref()
                .is_none_or(|(r, _)| matches!(r, Origin::Import(_)))
        {
            self.result = Some((origin, expr.span()));
        }
    }

    fn sink(&mut self, name: &str, value: &Expression<'a>) {
        let found = self.eval(value, 0);
        self.analyzer.record(name, value.span(), &found);
    }

    fn token_call_sinks(&mut self, call: &CallExpression<'a>) {
        let Expression::StaticMemberExpression(member) = unwrap_expression(&call.callee) else {
            return;
        };
        let on_widgets = match unwrap_expression(&member.object) {
            Expression::StaticMemberExpression(m) => m.property.name == "widgets",
            Expression::Identifier(id) => id.name == "widgets",
            _ => false,
        };
        if !on_widgets || !matches!(member.property.name.as_str(), "getToken" | "createToken") {
            return;
        }
        let Some(options) = call.arguments.first().and_then(|a| a.as_expression()) else {
            return;
        };
        if let Expression::ObjectExpression(object) = unwrap_expression(options) {
            for property in &object.properties {
                match property {
                    ObjectPropertyKind::ObjectProperty(p) => {
                        if let Some(key) = p.key.static_name()
                            && IDENTITY_NAMES.contains(&key.as_ref())
                        {
                            self.sink(&key, &p.value);
                        }
                    }
                    ObjectPropertyKind::SpreadProperty(s) => {
                        self.sink("the token options", &s.argument);
                    }
                }
            }
        } else {
            self.sink("the token options", options);
        }
    }

    fn identity_property_sinks(&mut self, object: &ObjectExpression<'a>) {
        for property in &object.properties {
            if let ObjectPropertyKind::ObjectProperty(p) = property
                && !p.computed
                && let PropertyKey::StaticIdentifier(_) | PropertyKey::StringLiteral(_) = &p.key
                && let Some(key) = p.key.static_name()
                && IDENTITY_NAMES.contains(&key.as_ref())
            {
                self.sink(&key, &p.value);
            }
        }
    }
}

impl<'a> Visit<'a> for Walker<'_, '_, 'a, '_> {
    fn visit_function(&mut self, it: &Function<'a>, flags: oxc_syntax::scope::ScopeFlags) {
        for param in &it.params.items {
            self.bind_param(&param.pattern, Value::Clean);
        }
        self.depth += 1;
        oxc_ast_visit::walk::walk_function(self, it, flags);
        self.depth -= 1;
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        for param in &it.params.items {
            self.bind_param(&param.pattern, Value::Clean);
        }
        self.depth += 1;
        oxc_ast_visit::walk::walk_arrow_function_expression(self, it);
        self.depth -= 1;
    }

    fn visit_variable_declarator(&mut self, it: &oxc_ast::ast::VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
            let value = self.eval(init, 0);
            self.bind(&it.id, &value);
        }
        oxc_ast_visit::walk::walk_variable_declarator(self, it);
    }

    fn visit_for_of_statement(&mut self, it: &oxc_ast::ast::ForOfStatement<'a>) {
        if let ForStatementLeft::VariableDeclaration(declaration) = &it.left {
            let value = self.eval(&it.right, 0);
            if value.tainted() {
                for declarator in &declaration.declarations {
                    self.bind(&declarator.id, &value);
                }
            }
        }
        oxc_ast_visit::walk::walk_for_of_statement(self, it);
    }

    fn visit_assignment_expression(&mut self, it: &oxc_ast::ast::AssignmentExpression<'a>) {
        if let AssignmentTarget::AssignmentTargetIdentifier(id) = &it.left {
            let value = self.eval(&it.right, 0);
            self.set(&id.name, value);
        }
        oxc_ast_visit::walk::walk_assignment_expression(self, it);
    }

    fn visit_return_statement(&mut self, it: &oxc_ast::ast::ReturnStatement<'a>) {
        if self.sinks
            && self.depth == 0
            && let Some(argument) = &it.argument
        {
            self.returned(argument);
        }
        oxc_ast_visit::walk::walk_return_statement(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if self.sinks {
            self.token_call_sinks(it);
        }
        oxc_ast_visit::walk::walk_call_expression(self, it);
    }

    fn visit_object_expression(&mut self, it: &ObjectExpression<'a>) {
        if self.sinks {
            self.identity_property_sinks(it);
        }
        oxc_ast_visit::walk::walk_object_expression(self, it);
    }
}

fn member(value: &Value, key: &str) -> Value {
    match value {
        Value::Tainted(_) => value.clone(),
        Value::Request if BROWSER_PARTS.contains(&key) => {
            Value::Tainted(Origin::Request(format!("request.{key}")))
        }
        Value::Arguments if ARGUMENT_PARTS.contains(&key) => {
            Value::Tainted(Origin::Request(format!("the route's {key}")))
        }
        _ if is_request_name(key) => Value::Request,
        _ => Value::Clean,
    }
}

fn is_request_name(name: &str) -> bool {
    matches!(name, "request" | "req")
}

/// `JSON.parse`, a cookie library's `parse`, `parseCookies`: they decode,
/// they do not verify.
fn is_parser(name: &str) -> bool {
    name.to_ascii_lowercase().contains("parse")
}
