//! TanStack Router keeps the app's `QueryClient` outside the JSX: in the
//! root route's context (`createRootRouteWithContext<{ queryClient:
//! QueryClient }>()`, filled by `createRouter({ context: { queryClient }
//! })`) and, with the query integration (`setupRouterSsrQueryIntegration`,
//! `routerWithQueryClient`), in a `QueryClientProvider` the router is
//! wrapped in. This module reads both from the syntax tree.

use oxc_ast::ast::{
    Declaration, Expression, Program, PropertyKey, Statement, TSSignature, TSType, TSTypeName,
};
use oxc_ast_visit::Visit;

use crate::js::unwrap_expression;

/// Functions of the TanStack query integration that wrap the router in a
/// `QueryClientProvider` of the client they are given.
const INTEGRATIONS: [&str; 2] = ["setupRouterSsrQueryIntegration", "routerWithQueryClient"];

/// The binding of the root route (`export const Route =
/// createRootRouteWithContext<Ctx>()({...})`) when its context type
/// declares `queryClient` (a type literal, or an interface / type alias of
/// the same file), with where the call starts.
pub fn root_route_with_query_client(program: &Program<'_>) -> Option<(String, usize)> {
    program.body.iter().find_map(|statement| {
        let declaration = match statement {
            Statement::VariableDeclaration(d) => &**d,
            Statement::ExportDeclaration(e) => match &e.declaration {
                Declaration::VariableDeclaration(d) => &**d,
                _ => return None,
            },
            _ => return None,
        };
        declaration.declarations.iter().find_map(|declarator| {
            let name = declarator.id.get_identifier_name()?;
            let Expression::CallExpression(outer) = unwrap_expression(declarator.init.as_ref()?)
            else {
                return None;
            };
            let Expression::CallExpression(inner) = unwrap_expression(&outer.callee) else {
                return None;
            };
            let Expression::Identifier(callee) = unwrap_expression(&inner.callee) else {
                return None;
            };
            if callee.name != "createRootRouteWithContext" {
                return None;
            }
            let context = inner.type_arguments.as_ref()?.params.first()?;
            declares_query_client(program, context, 0)
                .then(|| (name.to_string(), inner.span.start as usize))
        })
    })
}

/// Whether the type `ty` has a `queryClient` member.
fn declares_query_client(program: &Program<'_>, ty: &TSType<'_>, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    match ty {
        TSType::TSTypeLiteral(literal) => has_member(&literal.members),
        TSType::TSIntersectionType(both) => both
            .types
            .iter()
            .any(|t| declares_query_client(program, t, depth + 1)),
        TSType::TSTypeReference(reference) => {
            let TSTypeName::IdentifierReference(id) = &reference.type_name else {
                return false;
            };
            program.body.iter().any(|statement| {
                let declaration = match statement {
                    Statement::ExportDeclaration(e) => Some(&e.declaration),
                    other => other.as_declaration(),
                };
                match declaration {
                    Some(Declaration::TSInterfaceDeclaration(i)) if i.id.name == id.name => {
                        has_member(&i.body.body)
                    }
                    Some(Declaration::TSTypeAliasDeclaration(a)) if a.id.name == id.name => {
                        declares_query_client(program, &a.type_annotation, depth + 1)
                    }
                    _ => false,
                }
            })
        }
        _ => false,
    }
}

fn has_member(members: &[TSSignature<'_>]) -> bool {
    members.iter().any(|member| {
        let TSSignature::TSPropertySignature(property) = member else {
            return false;
        };
        match &property.key {
            PropertyKey::StaticIdentifier(id) => id.name == "queryClient",
            PropertyKey::StringLiteral(s) => s.value == "queryClient",
            _ => false,
        }
    })
}

/// Where the file calls the query integration, if it does.
pub fn query_integration(program: &Program<'_>) -> Option<usize> {
    struct Calls(Option<usize>);
    impl<'a> Visit<'a> for Calls {
        fn visit_call_expression(&mut self, call: &oxc_ast::ast::CallExpression<'a>) {
            if self.0.is_none()
                && let Expression::Identifier(id) = unwrap_expression(&call.callee)
                && INTEGRATIONS.contains(&id.name.as_str())
            {
                self.0 = Some(call.span.start as usize);
            }
            oxc_ast_visit::walk::walk_call_expression(self, call);
        }
    }
    let mut calls = Calls(None);
    calls.visit_program(program);
    calls.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use std::path::Path;

    fn route(text: &str) -> Option<String> {
        let allocator = Allocator::default();
        let program = crate::js::parse(&allocator, Path::new("__root.tsx"), text).unwrap();
        root_route_with_query_client(&program).map(|(name, _)| name)
    }

    #[test]
    fn reads_the_query_client_from_the_root_route_context_type() {
        assert_eq!(
            route(
                "export const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({ component: Root })\n"
            )
            .as_deref(),
            Some("Route")
        );
        assert_eq!(
            route(
                "interface MyRouterContext {\n  queryClient: QueryClient\n  user?: User\n}\nexport const rootRoute = createRootRouteWithContext<MyRouterContext>()({})\n"
            )
            .as_deref(),
            Some("rootRoute")
        );
        assert_eq!(
            route(
                "type Ctx = { auth: Auth } & { queryClient: QueryClient }\nexport const Route = createRootRouteWithContext<Ctx>()({})\n"
            )
            .as_deref(),
            Some("Route")
        );
        assert_eq!(
            route("export const Route = createRootRouteWithContext<{ auth: Auth }>()({})\n"),
            None
        );
        assert_eq!(route("export const Route = createRootRoute({})\n"), None);
    }

    #[test]
    fn finds_the_query_integration() {
        let allocator = Allocator::default();
        let text = "export function getRouter() {\n  const queryClient = new QueryClient()\n  const router = createRouter({ routeTree, context: { queryClient } })\n  setupRouterSsrQueryIntegration({ router, queryClient })\n  return router\n}\n";
        let program = crate::js::parse(&allocator, Path::new("router.tsx"), text).unwrap();
        assert!(query_integration(&program).is_some());
        let plain = "export const router = createRouter({ routeTree })\n";
        let program = crate::js::parse(&allocator, Path::new("router.tsx"), plain).unwrap();
        assert!(query_integration(&program).is_none());
    }
}
