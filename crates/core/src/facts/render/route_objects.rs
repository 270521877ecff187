//! The route objects of a React Router route table
//! (`createBrowserRouter([{ element, Component, children }])`).

use oxc_ast::ast::{ArrayExpressionElement, Expression, ObjectPropertyKind};

use super::RouteObject;
use crate::js::unwrap_expression;

/// The route objects of a route table's array, depth first.
pub(super) fn route_objects(
    elements: &[ArrayExpressionElement<'_>],
    parent: Option<usize>,
    out: &mut Vec<RouteObject>,
) {
    for element in elements {
        let Some(Expression::ObjectExpression(object)) =
            element.as_expression().map(unwrap_expression)
        else {
            continue;
        };
        let index = out.len();
        out.push(RouteObject {
            element_start: None,
            component: None,
            parent,
        });
        let mut children = None;
        for property in &object.properties {
            let ObjectPropertyKind::ObjectProperty(p) = property else {
                continue;
            };
            match (p.key.static_name().as_deref(), unwrap_expression(&p.value)) {
                (Some("element"), Expression::JSXElement(jsx)) => {
                    out[index].element_start = Some(jsx.span.start as usize);
                }
                (Some("Component"), Expression::Identifier(id)) => {
                    out[index].component = Some(id.name.to_string());
                }
                // `Component: RootRoute.default` (a namespace import).
                (Some("Component"), Expression::StaticMemberExpression(member)) => {
                    if let Expression::Identifier(object) = &member.object {
                        out[index].component =
                            Some(format!("{}.{}", object.name, member.property.name));
                    }
                }
                (Some("children"), Expression::ArrayExpression(array)) => {
                    children = Some(&array.elements);
                }
                _ => {}
            }
        }
        if let Some(children) = children {
            route_objects(children, Some(index), out);
        }
    }
}
