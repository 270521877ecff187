//! Where a module's user and organization ids come from: values read from
//! the incoming request (its body, form, query, URL, headers, cookies and
//! route params) are followed through variables, destructuring, property
//! access, casts, `await` and calls of the module's own functions, into the
//! token call's options (`organizationId`, `userId`) and into any object
//! property with an identity name (a session resolver's return value).
//!
//! A value that a session helper returns (`withAuth()`, `getSession(request)`,
//! `authkitLoader(args)`, an SDK method given the session cookie) is the
//! server's own: the flow stops there. Parsers (`JSON.parse`, a cookie
//! `parse`), converters (`String`, `decodeURIComponent`) and builtins
//! (`Object.fromEntries`, `new URL`) keep it going. A call of an imported
//! local function is recorded, so the verifier can ask that module whether
//! the function returns request data (one hop).

use std::collections::{HashMap, HashSet};

use oxc_ast::ast::{
    ArrowFunctionBody, ArrowFunctionExpression, AssignmentTarget, BindingPattern, CallExpression,
    ChainElement, Declaration, ExportDefaultDeclarationKind, Expression, ForStatementLeft,
    FormalParameters, Function, ObjectExpression, ObjectPropertyKind, Program, PropertyKey,
    Statement,
};
use oxc_ast_visit::Visit;
use oxc_span::GetSpan;
use oxc_syntax::operator::BinaryOperator;

use super::{ImportFact, Span};
use crate::js::unwrap_expression;

/// Property names that identify who a widget token is for.
pub const IDENTITY_NAMES: [&str; 6] = [
    "user_id",
    "userId",
    "organization_id",
    "organizationId",
    "org_id",
    "orgId",
];

/// Parts of a request object the browser writes (`req.body`,
/// `request.headers`, ...). Not what the server attaches (`req.session`,
/// `req.user`, `req.auth`, `locals`).
const BROWSER_PARTS: [&str; 11] = [
    "body",
    "query",
    "params",
    "headers",
    "cookies",
    "url",
    "nextUrl",
    "originalUrl",
    "path",
    "search",
    "searchParams",
];

/// Methods of a request object that return what the browser sent.
const BROWSER_METHODS: [&str; 13] = [
    "json",
    "formData",
    "text",
    "arrayBuffer",
    "blob",
    "bytes",
    "get",
    "header",
    "query",
    "param",
    "parseBody",
    "cookie",
    "valid",
];

/// Properties of a handler's argument object that hold the route's params
/// or query (`{ params }`, `context.params`).
const ARGUMENT_PARTS: [&str; 3] = ["params", "searchParams", "query"];

/// Global functions whose result is their argument, converted.
const CONVERTERS: [&str; 10] = [
    "String",
    "Number",
    "BigInt",
    "decodeURIComponent",
    "decodeURI",
    "atob",
    "unescape",
    "structuredClone",
    "parseInt",
    "parseFloat",
];

/// Global objects whose methods return (part of) their arguments.
const BUILTIN_OBJECTS: [&str; 6] = ["JSON", "Object", "Array", "String", "Buffer", "Reflect"];

/// Global classes whose instances hold their arguments.
const BUILTIN_CLASSES: [&str; 6] = ["URL", "URLSearchParams", "Headers", "Map", "Set", "String"];

/// How deep an expression is followed (a guard against deeply nested code).
const MAX_DEPTH: usize = 64;
/// Passes over a function until its bindings stop changing.
const MAX_PASSES: usize = 8;

/// What a module's identity flow found (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct IdentityFlow {
    /// Request data that becomes a user or organization id here.
    pub reads: Vec<RequestRead>,
    /// The module's functions that return request data.
    pub returns: Vec<RequestReturn>,
    /// Calls of imported local functions whose result becomes a user or
    /// organization id here.
    pub imported: Vec<ImportedIdentity>,
}

/// Request data that becomes a user or organization id.
#[derive(Debug, Clone)]
pub struct RequestRead {
    /// What it becomes: `organizationId`, `userId`, `the token options`.
    pub name: String,
    /// The value given to it.
    pub span: Span,
    /// The read of the request it comes from, as written
    /// (`request.formData()`).
    pub origin: String,
}

/// A top-level function of the module that returns request data.
#[derive(Debug, Clone)]
pub struct RequestReturn {
    pub function: String,
    /// The returned expression.
    pub span: Span,
    /// The read of the request it comes from, as written.
    pub origin: String,
}

/// A call of an imported local function whose result becomes a user or
/// organization id.
#[derive(Debug, Clone)]
pub struct ImportedIdentity {
    /// The function's local name (look it up in the imports).
    pub local: String,
    /// What its result becomes (`organizationId`, ...).
    pub name: String,
    /// The value given to it.
    pub span: Span,
}

/// Follows the request's values through `program` (see the module docs).
pub fn identity_flow(program: &Program<'_>, imports: &[ImportFact]) -> IdentityFlow {
    let functions = local_functions(program);
    let mut analyzer = Analyzer {
        text: program.source_text,
        imports,
        functions: functions.iter().map(|(n, f)| (n.clone(), *f)).collect(),
        memo: HashMap::new(),
        active: HashSet::new(),
        flow: IdentityFlow::default(),
        recorded: HashSet::new(),
    };
    for (name, function) in &functions {
        let arity = function.params().items.len();
        if let Some((Origin::Request(origin), span)) =
            analyzer.function_result(name, &vec![Value::Arguments; arity])
        {
            analyzer.flow.returns.push(RequestReturn {
                function: name.clone(),
                span: span.into(),
                origin,
            });
        }
    }
    for statement in &program.body {
        if !defines_function(statement) {
            analyzer.unit(Unit::Statement(statement), &[]);
        }
    }
    analyzer.flow
}

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    /// Read from the request; the read as written.
    Request(String),
    /// Returned by this imported local function (the verifier looks inside).
    Import(String),
}

/// What a function returns from the request, and the returned expression.
type Returned = (Origin, oxc_span::Span);

/// What an expression holds, as far as the request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    /// Nothing the browser controls.
    Clean,
    /// A handler's argument object (`args`, `event`, `context`): its
    /// `request` and `params` are the request's.
    Arguments,
    /// The request object itself: its body, query, headers, ... are the
    /// browser's; what the server attached to it is not.
    Request,
    /// Data from `Origin`.
    Tainted(Origin),
}

impl Value {
    fn rank(&self) -> u8 {
        match self {
            Self::Clean => 0,
            Self::Arguments => 1,
            Self::Request => 2,
            Self::Tainted(Origin::Import(_)) => 3,
            Self::Tainted(Origin::Request(_)) => 4,
        }
    }

    fn tainted(&self) -> bool {
        matches!(self, Self::Tainted(_))
    }
}

#[derive(Clone, Copy)]
enum FunctionRef<'b, 'a> {
    Function(&'b Function<'a>),
    Arrow(&'b ArrowFunctionExpression<'a>),
}

impl<'b, 'a> FunctionRef<'b, 'a> {
    fn params(self) -> &'b FormalParameters<'a> {
        match self {
            Self::Function(f) => &f.params,
            Self::Arrow(a) => &a.params,
        }
    }
}

#[derive(Clone, Copy)]
enum Unit<'b, 'a> {
    Function(FunctionRef<'b, 'a>),
    Statement(&'b Statement<'a>),
}

/// The module's top-level functions by name (`function f`, `const f = () =>`,
/// exported or not; `default` for an anonymous default export).
fn local_functions<'b, 'a>(program: &'b Program<'a>) -> Vec<(String, FunctionRef<'b, 'a>)> {
    let mut found = Vec::new();
    let mut declaration = |declaration: &'b Declaration<'a>| match declaration {
        Declaration::FunctionDeclaration(f) if f.body.is_some() => {
            if let Some(id) = &f.id {
                found.push((id.name.to_string(), FunctionRef::Function(f)));
            }
        }
        Declaration::VariableDeclaration(d) => {
            for declarator in &d.declarations {
                let (Some(name), Some(init)) =
                    (declarator.id.get_identifier_name(), &declarator.init)
                else {
                    continue;
                };
                match unwrap_expression(init) {
                    Expression::ArrowFunctionExpression(a) => {
                        found.push((name.to_string(), FunctionRef::Arrow(a)));
                    }
                    Expression::FunctionExpression(f) => {
                        found.push((name.to_string(), FunctionRef::Function(f)));
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    };
    let mut defaults = Vec::new();
    for statement in &program.body {
        match statement {
            Statement::ExportDeclaration(e) => declaration(&e.declaration),
            Statement::ExportDefaultDeclaration(e) => match &e.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) if f.body.is_some() => {
                    let name = f.id.as_ref().map_or("default", |id| id.name.as_str());
                    defaults.push((name.to_owned(), FunctionRef::Function(f)));
                }
                ExportDefaultDeclarationKind::ArrowFunctionExpression(a) => {
                    defaults.push(("default".to_owned(), FunctionRef::Arrow(a)));
                }
                _ => {}
            },
            other => {
                if let Some(d) = other.as_declaration() {
                    declaration(d);
                }
            }
        }
    }
    found.extend(defaults);
    found
}

fn defines_function(statement: &Statement<'_>) -> bool {
    let declaration = match statement {
        Statement::ExportDeclaration(e) => Some(&e.declaration),
        Statement::ExportDefaultDeclaration(e) => {
            return matches!(
                e.declaration,
                ExportDefaultDeclarationKind::FunctionDeclaration(_)
                    | ExportDefaultDeclarationKind::ArrowFunctionExpression(_)
            );
        }
        other => other.as_declaration(),
    };
    match declaration {
        Some(Declaration::FunctionDeclaration(_)) => true,
        Some(Declaration::VariableDeclaration(d)) => d.declarations.iter().all(|d| {
            d.init.as_ref().is_some_and(|init| {
                matches!(
                    unwrap_expression(init),
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                )
            })
        }),
        _ => false,
    }
}

struct Analyzer<'b, 'a, 'i> {
    text: &'a str,
    imports: &'i [ImportFact],
    functions: HashMap<String, FunctionRef<'b, 'a>>,
    /// Results of the module's functions per kind of arguments.
    memo: HashMap<(String, Vec<u8>), Option<Returned>>,
    /// Functions being analysed (recursion stops there).
    active: HashSet<String>,
    flow: IdentityFlow,
    /// Sinks already recorded (a function is analysed once per kind of
    /// arguments).
    recorded: HashSet<(usize, usize)>,
}

impl<'b, 'a> Analyzer<'b, 'a, '_> {
    /// What the module's function `name` returns when called with `args`.
    fn function_result(&mut self, name: &str, args: &[Value]) -> Option<Returned> {
        let function = *self.functions.get(name)?;
        let key = (name.to_owned(), args.iter().map(Value::rank).collect());
        if let Some(known) = self.memo.get(&key) {
            return known.clone();
        }
        if !self.active.insert(name.to_owned()) {
            return None;
        }
        let result = self.unit(Unit::Function(function), args);
        self.active.remove(name);
        self.memo.insert(key, result.clone());
        result
    }

    /// Binds the unit's names until they settle, then records its sinks;
    /// returns what a function unit returns.
    fn unit(&mut self, unit: Unit<'b, 'a>, args: &[Value]) -> Option<Returned> {
        let mut state = HashMap::new();
        let mut pass = |analyzer: &mut Self, sinks: bool| {
            let mut walker = Walker {
                analyzer,
                state: &mut state,
                sinks,
                changed: false,
                depth: 0,
                result: None,
                root_args: Some(args),
            };
            walker.walk_unit(unit);
            (walker.changed, walker.result)
        };
        for _ in 0..MAX_PASSES {
            if !pass(self, false).0 {
                break;
            }
        }
        pass(self, true).1
    }

    fn record(&mut self, name: &str, span: oxc_span::Span, value: &Value) {
        let Value::Tainted(origin) = value else {
            return;
        };
        let key = (span.start as usize, span.end as usize);
        if !self.recorded.insert(key) {
            return;
        }
        match origin {
            Origin::Request(origin) => self.flow.reads.push(RequestRead {
                name: name.to_owned(),
                span: span.into(),
                origin: origin.clone(),
            }),
            Origin::Import(local) => self.flow.imported.push(ImportedIdentity {
                local: local.clone(),
                name: name.to_owned(),
                span: span.into(),
            }),
        }
    }

    fn import_of(&self, local: &str) -> Option<(&str, &str)> {
        self.imports.iter().find_map(|import| {
            import
                .bindings
                .iter()
                .find(|b| b.local == local)
                .map(|b| (import.source.as_str(), b.imported.as_str()))
        })
    }
}

/// One pass over a unit.
struct Walker<'w, 'b, 'a, 'i> {
    analyzer: &'w mut Analyzer<'b, 'a, 'i>,
    state: &'w mut HashMap<String, Value>,
    /// The last pass: evaluate the sinks and the returns.
    sinks: bool,
    changed: bool,
    /// Functions entered below the unit's own.
    depth: usize,
    result: Option<Returned>,
    /// The unit function's arguments, until its parameters are bound.
    root_args: Option<&'w [Value]>,
}

impl<'a> Walker<'_, '_, 'a, '_> {
    fn walk_unit(&mut self, unit: Unit<'_, 'a>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use std::path::Path;

    fn flow(src: &str) -> IdentityFlow {
        let allocator = Allocator::default();
        let program = crate::js::parse(&allocator, Path::new("t.ts"), src).expect("parses");
        let mut file = super::super::SourceFile::new("t.ts".into(), src.to_owned());
        super::super::read::extract(&mut file, &program);
        identity_flow(&program, &file.imports)
    }

    fn reads(src: &str) -> Vec<(String, String)> {
        flow(src)
            .reads
            .into_iter()
            .map(|r| (r.name, r.origin))
            .collect()
    }

    const TOKEN: &str =
        "import { WorkOS } from '@workos-inc/node'\nconst workos = new WorkOS('k')\n";

    #[test]
    fn follows_a_form_field_into_the_token_call() {
        let found = reads(&format!(
            "{TOKEN}export async function POST(request: Request) {{\n  const form = await request.formData()\n  const org = form.get('org')\n  return workos.widgets.getToken({{ organizationId: String(org), userId: 'u' }})\n}}\n"
        ));
        assert_eq!(
            found,
            [("organizationId".to_owned(), "request.formData()".to_owned())]
        );
    }

    #[test]
    fn follows_a_body_cast_as_the_session_and_other_names() {
        let found = reads(&format!(
            "{TOKEN}type S = {{ userId: string; organizationId: string }}\n\
             export async function POST(request: Request) {{\n\
               const session = (await request.json()) as S\n\
               const {{ searchParams }} = new URL(request.url)\n\
               const org = searchParams.get('org')!\n\
               const tenant = request.headers.get('organization-id') ?? org\n\
               await workos.widgets.createToken({{ organizationId: tenant, userId: session.userId satisfies string }})\n\
             }}\n"
        ));
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["organizationId", "userId"], "{found:?}");
        assert_eq!(found[1].1, "request.json()");
    }

    #[test]
    fn follows_arguments_into_the_files_own_functions_and_back() {
        let found = reads(&format!(
            "{TOKEN}function mint(org: string, user: string) {{\n  return workos.widgets.getToken({{ organizationId: org, userId: user }})\n}}\n\
             async function readSession(r: Request) {{ return (await r.json()) as {{ userId: string }} }}\n\
             export const action = async ({{ request, params }}: {{ request: Request, params: Record<string, string> }}) => {{\n\
               const s = await readSession(request)\n\
               return mint(params.org, s.userId)\n\
             }}\n"
        ));
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["organizationId", "userId"], "{found:?}");
    }

    #[test]
    fn stays_quiet_on_ids_from_a_session_helper() {
        let src = format!(
            "{TOKEN}import {{ withAuth }} from '@workos-inc/authkit-nextjs'\n\
             declare function getSession(r: Request): Promise<{{ userId: string; organizationId: string }}>\n\
             export async function POST(request: Request, {{ params }}: {{ params: {{ id: string }} }}) {{\n\
               const {{ organizationId: requested }} = await request.json()\n\
               const session = await getSession(request)\n\
               const {{ user, organizationId }} = await withAuth()\n\
               const sealed = await workos.userManagement.authenticateWithSessionCookie({{ sessionData: request.headers.get('cookie') }})\n\
               if (requested !== session.organizationId || params.id !== organizationId) return null\n\
               const userId = req2(request.session)\n\
               return workos.widgets.getToken({{ organizationId: session.organizationId ?? sealed.organizationId, userId: user.id }})\n\
             }}\n\
             function req2(s: unknown) {{ return String(s) }}\n"
        );
        assert_eq!(reads(&src), []);
    }

    #[test]
    fn a_function_returning_request_data_is_recorded_and_imported_calls_too() {
        let found = flow(
            "import { getSession } from './session'\n\
             export async function resolve(req: { body: { org: string } }) { return { organizationId: 'o', extra: req.body } }\n\
             export async function POST(request: Request) {\n\
               const s = await getSession(request)\n\
               return workos.widgets.getToken({ organizationId: s.organizationId })\n\
             }\n",
        );
        assert_eq!(found.returns.len(), 1, "{found:?}");
        assert_eq!(found.returns[0].function, "resolve");
        assert_eq!(found.imported.len(), 1, "{found:?}");
        assert_eq!(found.imported[0].local, "getSession");
        assert_eq!(found.imported[0].name, "organizationId");
    }

    #[test]
    fn cookies_are_the_requests_unless_a_helper_decodes_them() {
        let found = reads(
            "import { cookies } from 'next/headers'\n\
             import { parse } from 'cookie'\n\
             export async function POST(request: Request) {\n\
               const jar = await cookies()\n\
               const a = parse(request.headers.get('cookie') ?? '').org\n\
               const b = jar.get('org')?.value\n\
               const c = await unsealSession(jar.get('session'))\n\
               return [{ organizationId: a }, { organizationId: b }, { organizationId: c.org }]\n\
             }\n\
             declare function unsealSession(v: unknown): Promise<{ org: string }>\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
    }
}
