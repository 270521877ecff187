//! What a file says about React contexts, for following a widget token
//! handed on through one: the contexts it creates (`createContext`), where
//! it reads one (`useContext(X)`, React 19's `use(X)`) or calls a hook
//! without arguments (`useWidgetToken()`), and what becomes of the value
//! read (bound to a variable, returned by a hook, or used in place).

use oxc_ast::ast::{
    ArrowFunctionExpression, BindingPattern, Expression, Function, Program, ReturnStatement,
    VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::GetSpan;
use oxc_syntax::scope::ScopeFlags;

use super::Span;
use crate::js::unwrap_expression;

/// The context facts of one file.
#[derive(Debug, Clone, Default)]
pub struct ContextFacts {
    /// `const X = createContext(...)`: the name and the span of its binding.
    pub created: Vec<(String, Span)>,
    /// Context reads and argument-less hook calls, in source order of their
    /// enclosing statement.
    pub reads: Vec<ContextRead>,
}

/// `useContext(X)`, `use(X)`, `React.useContext(X)`, `React.use(X)`, or a
/// hook called without arguments (`useWidgetToken()`), with the member
/// picked from it (`useContext(X).token`).
#[derive(Debug, Clone)]
pub struct ContextRead {
    /// The callee as written.
    pub callee: String,
    /// The context read (an identifier); `None` for a hook call.
    pub context: Option<String>,
    /// The read expression: the call and the member picked from it.
    pub span: Span,
    /// The member picked (`.token`).
    pub key: Option<String>,
    pub target: ReadTarget,
}

/// What becomes of the value read.
#[derive(Debug, Clone)]
pub enum ReadTarget {
    /// `const t = read`, `const { token, authToken: t } = read`: each
    /// (destructured key, local), and the span of the binding pattern.
    Bound {
        names: Vec<(Option<String>, String)>,
        pattern: Span,
    },
    /// Returned by the hook `hook` (`function useX() { return read }`,
    /// `const useX = () => read`); `name` is the span of its name.
    Returned { hook: String, name: Span },
    /// Used in place (an attribute value, an argument) or bound in a way
    /// not told here (a rest pattern).
    Other,
}

/// Callees that read the context passed to them.
const CONTEXT_READERS: [&str; 4] = ["useContext", "React.useContext", "use", "React.use"];

/// Reads the context facts of `program`.
pub(super) fn contexts(program: &Program<'_>) -> ContextFacts {
    let mut walker = Walker {
        text: program.source_text,
        facts: ContextFacts::default(),
        hooks: Vec::new(),
        recorded: std::collections::HashSet::new(),
        pending: None,
    };
    walker.visit_program(program);
    walker.facts
}

struct Walker<'t> {
    text: &'t str,
    facts: ContextFacts,
    /// The functions around the current node: a hook's name and name span,
    /// `None` for any other function.
    hooks: Vec<Option<(String, Span)>>,
    /// Starts of the calls already recorded with their target.
    recorded: std::collections::HashSet<usize>,
    /// A hook bound to a variable (`const useX = () => ...`): its name,
    /// name span and where its function starts.
    pending: Option<(String, Span, u32)>,
}

/// A read expression: (callee, context, key, call start).
type Read = (String, Option<String>, Option<String>, usize);

impl Walker<'_> {
    /// `expr` as a read: a reader call or an argument-less hook call,
    /// possibly with a member picked from it.
    fn read(&self, expr: &Expression<'_>) -> Option<Read> {
        let (call, key) = match unwrap_expression(expr) {
            Expression::StaticMemberExpression(member) => match unwrap_expression(&member.object) {
                Expression::CallExpression(call) => (call, Some(member.property.name.to_string())),
                _ => return None,
            },
            Expression::CallExpression(call) => (call, None),
            _ => return None,
        };
        let callee = call.callee.span().source_text(self.text).to_owned();
        let start = call.span.start as usize;
        if CONTEXT_READERS.contains(&callee.as_str()) {
            let [argument] = call.arguments.as_slice() else {
                return None;
            };
            let Some(Expression::Identifier(id)) = argument.as_expression().map(unwrap_expression)
            else {
                return None;
            };
            return Some((callee, Some(id.name.to_string()), key, start));
        }
        (is_hook_name(&callee) && call.arguments.is_empty()).then_some((callee, None, key, start))
    }

    fn record(&mut self, expr: &Expression<'_>, target: ReadTarget) {
        if let Some((callee, context, key, start)) = self.read(expr) {
            self.recorded.insert(start);
            self.facts.reads.push(ContextRead {
                callee,
                context,
                span: expr.span().into(),
                key,
                target,
            });
        }
    }

    /// The hook whose function starts at `start`, if a declarator bound
    /// one there.
    fn pending_for(&mut self, start: u32) -> Option<(String, Span)> {
        match self.pending.take() {
            Some((name, span, at)) if at == start => Some((name, span)),
            other => {
                self.pending = other;
                None
            }
        }
    }

    fn returned(&mut self, expr: &Expression<'_>) {
        if let Some(Some((hook, name))) = self.hooks.last().cloned() {
            self.record(expr, ReadTarget::Returned { hook, name });
        }
    }
}

/// `useX`: `use` and a capital letter.
fn is_hook_name(name: &str) -> bool {
    name.strip_prefix("use")
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c.is_ascii_uppercase())
}

/// The (key, local) pairs a binding pattern binds; `None` for a pattern
/// that binds in another way (a rest element, nested patterns).
fn bound_names(pattern: &BindingPattern<'_>) -> Option<Vec<(Option<String>, String)>> {
    match pattern {
        BindingPattern::BindingIdentifier(id) => Some(vec![(None, id.name.to_string())]),
        BindingPattern::ObjectPattern(object) if object.rest.is_none() => object
            .properties
            .iter()
            .map(|p| {
                let key = p.key.static_name()?.to_string();
                let BindingPattern::BindingIdentifier(id) = &p.value else {
                    return None;
                };
                Some((Some(key), id.name.to_string()))
            })
            .collect(),
        _ => None,
    }
}

impl<'a> Visit<'a> for Walker<'_> {
    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let Some(init) = &it.init {
            if let Expression::CallExpression(call) = unwrap_expression(init)
                && matches!(
                    call.callee.span().source_text(self.text),
                    "createContext" | "React.createContext"
                )
                && let BindingPattern::BindingIdentifier(id) = &it.id
            {
                self.facts
                    .created
                    .push((id.name.to_string(), id.span.into()));
            }
            let target = match bound_names(&it.id) {
                Some(names) => ReadTarget::Bound {
                    names,
                    pattern: it.id.span().into(),
                },
                None => ReadTarget::Other,
            };
            self.record(init, target);
            // `const useX = () => read`: the function is the hook.
            if let BindingPattern::BindingIdentifier(id) = &it.id
                && is_hook_name(&id.name)
                && let Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) =
                    unwrap_expression(init)
            {
                self.pending = Some((
                    id.name.to_string(),
                    id.span.into(),
                    unwrap_expression(init).span().start,
                ));
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        let declared = it
            .id
            .as_ref()
            .filter(|id| is_hook_name(&id.name))
            .map(|id| (id.name.to_string(), Span::from(id.span)));
        let hook = declared.or_else(|| self.pending_for(it.span.start));
        self.hooks.push(hook);
        walk::walk_function(self, it, flags);
        self.hooks.pop();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let hook = self.pending_for(it.span.start);
        self.hooks.push(hook);
        if let Some(body) = it.get_expression() {
            self.returned(body);
        }
        walk::walk_arrow_function_expression(self, it);
        self.hooks.pop();
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if let Some(argument) = &it.argument {
            self.returned(argument);
        }
        walk::walk_return_statement(self, it);
    }

    fn visit_expression(&mut self, it: &Expression<'a>) {
        let start = match unwrap_expression(it) {
            Expression::StaticMemberExpression(m) => m.object.span().start,
            other => other.span().start,
        };
        if !self.recorded.contains(&(start as usize)) {
            self.record(it, ReadTarget::Other);
        }
        walk::walk_expression(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use std::path::Path;

    fn facts(src: &str) -> ContextFacts {
        let allocator = Allocator::default();
        let program = crate::js::parse(&allocator, Path::new("a.tsx"), src).expect("parses");
        contexts(&program)
    }

    fn shown(read: &ContextRead) -> String {
        let target = match &read.target {
            ReadTarget::Bound { names, .. } => names
                .iter()
                .map(|(key, local)| format!("{}:{local}", key.as_deref().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(","),
            ReadTarget::Returned { hook, .. } => format!("return {hook}"),
            ReadTarget::Other => "other".into(),
        };
        format!(
            "{}({}).{} {target}",
            read.callee,
            read.context.as_deref().unwrap_or(""),
            read.key.as_deref().unwrap_or("")
        )
    }

    #[test]
    fn reads_created_contexts_and_how_each_read_is_used() {
        let src = "export const TokenCtx = React.createContext<string | null>(null)\n\
            const Other = createContext({ token: '' })\n\
            function Panel() {\n  const token = useContext(TokenCtx)\n  const { token: t, user } = use(Other)\n  const { ...rest } = useContext(Other)\n  return <><UsersManagement authToken={useContext(TokenCtx)} /><ApiKeys authToken={useWidgetToken()} /></>\n}\n\
            export function useWidgetToken() {\n  if (!ready) return null\n  return useContext(Other).token\n}\n\
            export const useTeamToken = () => React.useContext(TokenCtx)\n\
            const useLater = () => { const f = () => useContext(TokenCtx); return f }\n\
            const x = useMemo(() => 1, [])\n";
        let f = facts(src);
        let created: Vec<&str> = f.created.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(created, ["TokenCtx", "Other"]);
        let reads: Vec<String> = f.reads.iter().map(shown).collect();
        assert_eq!(
            reads,
            [
                "useContext(TokenCtx). :token",
                "use(Other). token:t,user:user",
                "useContext(Other). other",
                "useContext(TokenCtx). other",
                "useWidgetToken(). other",
                "useContext(Other).token return useWidgetToken",
                "React.useContext(TokenCtx). return useTeamToken",
                "useContext(TokenCtx). other",
            ]
        );
        let read = &f.reads[5];
        assert_eq!(
            &src[read.span.start..read.span.end],
            "useContext(Other).token"
        );
    }
}
