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
    ArrowFunctionExpression, Declaration, ExportDefaultDeclarationKind, Expression,
    FormalParameters, Function, Program, Statement,
};

mod walker;

use walker::Walker;

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
