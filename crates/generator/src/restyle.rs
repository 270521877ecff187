//! Rewrites rendered template output into the project's code style: string
//! quotes (with their escaping), semicolons at statement ends and
//! indentation. The templates are written with single quotes, no
//! semicolons and two-space indentation; edits are spliced at syntax-tree
//! spans, and the result must parse again.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrayExpression, ArrayExpressionElement, ArrayPattern, CallExpression, Declaration, Directive,
    ExportDefaultDeclarationKind, FormalParameters, ImportDeclaration, JSXAttribute,
    JSXAttributeValue, NewExpression, ObjectExpression, ObjectPattern, Program, PropertyDefinition,
    Statement, StringLiteral, TSSignature, TemplateLiteral,
};
use oxc_ast_visit::Visit;
use oxc_span::{GetSpan, Span};
use workos_widgets_core::code_style::{CodeStyle, Indent, Quote, TrailingComma};
use workos_widgets_core::edit::{EditError, TextEdit, apply_edits};
use workos_widgets_core::js;

use crate::GenerateError;

/// The templates' own indentation width.
const TEMPLATE_INDENT: usize = 2;

/// `text` (the contents of `path`) in `style`.
pub fn restyle(path: &Path, text: &str, style: &CodeStyle) -> Result<String, GenerateError> {
    let allocator = Allocator::default();
    let program = js::parse(&allocator, path, text)?;
    let mut collector = Collector {
        text,
        quote: style.quote.value,
        jsx_quote: style.jsx_quote.value,
        semicolons: style.semicolons.value,
        trailing_comma: style.trailing_comma.value,
        edits: Vec::new(),
        in_jsx_attribute: false,
    };
    collector.visit_program(&program);
    let mut out = apply_edits(text, &collector.edits);
    if style.indent.value != Indent::Spaces(TEMPLATE_INDENT) {
        out = reindent(path, &out, style.indent.value)?;
    }
    if out != text {
        js::check_parses(path, &out).map_err(|source| EditError::EditBrokeSyntax {
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(out)
}

struct Collector<'t> {
    text: &'t str,
    quote: Quote,
    jsx_quote: Quote,
    semicolons: bool,
    trailing_comma: TrailingComma,
    edits: Vec<TextEdit>,
    in_jsx_attribute: bool,
}

impl Collector<'_> {
    /// A statement-like construct ending at `span`, which Prettier ends with
    /// a semicolon (or none, without semicolons).
    fn terminated(&mut self, span: Span) {
        let end = span.end as usize;
        let source = &self.text[span.start as usize..end];
        let has = source.ends_with(';');
        if self.semicolons && !has {
            self.edits.push(TextEdit::insert(end, ";"));
        } else if !self.semicolons && has && !asi_hazard(&self.text[end..]) {
            self.edits.push(TextEdit::replace(end - 1, end, ""));
        }
    }

    /// A member of an interface or type literal: on a line of its own it
    /// ends with `;` with semicolons and with nothing without; inline
    /// members keep their separators.
    fn member(&mut self, span: Span) {
        let end = span.end as usize;
        let source = &self.text[span.start as usize..end];
        let rest = &self.text[end..];
        let (has, after) = match rest.strip_prefix([';', ',']) {
            Some(after) => (true, after),
            None if source.ends_with([';', ',']) => (true, rest),
            None => (false, rest),
        };
        let own_line = after
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r'])
            || after.trim_start().starts_with('}') && after.contains('\n') && {
                let before_close = after.split('}').next().unwrap_or_default();
                before_close.contains('\n')
            };
        if !own_line {
            return;
        }
        if self.semicolons && !has {
            self.edits.push(TextEdit::insert(end, ";"));
        }
    }
}

impl Collector<'_> {
    /// Removes the trailing comma after the last item of a multi-line list
    /// (ending at `last_end`, closed by `closer`) unless the style keeps
    /// it: `function_like` lists (arguments, parameters) keep it only with
    /// `all`, the others (arrays, objects, imports) with `all` and `es5`.
    fn trailing(&mut self, last_end: Option<u32>, closer: char, function_like: bool) {
        let keep = match self.trailing_comma {
            TrailingComma::All => true,
            TrailingComma::Es5 => !function_like,
            TrailingComma::None => false,
        };
        let Some(last_end) = last_end.map(|e| e as usize) else {
            return;
        };
        if keep {
            return;
        }
        let rest = &self.text[last_end..];
        let Some(after_comma) = rest.trim_start().strip_prefix(',') else {
            return;
        };
        if !after_comma.trim_start().starts_with(closer) {
            return;
        }
        let comma = last_end + (rest.len() - rest.trim_start().len());
        self.edits.push(TextEdit::replace(comma, comma + 1, ""));
    }
}

/// Whether a line starting with `rest` would continue the previous
/// statement without a semicolon between them.
fn asi_hazard(rest: &str) -> bool {
    rest.trim_start()
        .starts_with(['(', '[', '`', '+', '-', '/', '*'])
}

impl<'a> Visit<'a> for Collector<'_> {
    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        let span = it.span;
        let raw = &self.text[span.start as usize..span.end as usize];
        let target = if self.in_jsx_attribute {
            self.jsx_quote
        } else {
            self.quote
        };
        let requoted = if self.in_jsx_attribute {
            requote_jsx(raw, target.char())
        } else {
            requote(raw, target.char())
        };
        if let Some(requoted) = requoted {
            self.edits.push(TextEdit::replace(
                span.start as usize,
                span.end as usize,
                requoted,
            ));
        }
    }

    fn visit_jsx_attribute(&mut self, it: &JSXAttribute<'a>) {
        match &it.value {
            Some(JSXAttributeValue::StringLiteral(s)) => {
                self.in_jsx_attribute = true;
                self.visit_string_literal(s);
                self.in_jsx_attribute = false;
            }
            Some(other) => self.visit_jsx_attribute_value(other),
            None => {}
        }
    }

    fn visit_directive(&mut self, it: &Directive<'a>) {
        self.visit_string_literal(&it.expression);
        self.terminated(it.span);
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        let needs = match it {
            Statement::ExpressionStatement(_)
            | Statement::VariableDeclaration(_)
            | Statement::ReturnStatement(_)
            | Statement::ThrowStatement(_)
            | Statement::BreakStatement(_)
            | Statement::ContinueStatement(_)
            | Statement::DebuggerStatement(_)
            | Statement::ImportDeclaration(_)
            | Statement::ExportAllDeclaration(_)
            | Statement::TSTypeAliasDeclaration(_)
            | Statement::TSExportAssignment(_) => true,
            Statement::ExportNamedDeclaration(_) | Statement::ExportFromDeclaration(_) => true,
            Statement::ExportDeclaration(e) => matches!(
                &e.declaration,
                Declaration::VariableDeclaration(_)
                    | Declaration::TSTypeAliasDeclaration(_)
                    | Declaration::TSImportEqualsDeclaration(_)
            ),
            Statement::ExportDefaultDeclaration(e) => !matches!(
                &e.declaration,
                ExportDefaultDeclarationKind::FunctionDeclaration(_)
                    | ExportDefaultDeclarationKind::ClassDeclaration(_)
                    | ExportDefaultDeclarationKind::TSInterfaceDeclaration(_)
            ),
            _ => false,
        };
        oxc_ast_visit::walk::walk_statement(self, it);
        if needs {
            self.terminated(it.span());
        }
    }

    fn visit_property_definition(&mut self, it: &PropertyDefinition<'a>) {
        oxc_ast_visit::walk::walk_property_definition(self, it);
        self.terminated(it.span);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        oxc_ast_visit::walk::walk_call_expression(self, it);
        self.trailing(it.arguments.last().map(|a| a.span().end), ')', true);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        oxc_ast_visit::walk::walk_new_expression(self, it);
        self.trailing(it.arguments.last().map(|a| a.span().end), ')', true);
    }

    fn visit_formal_parameters(&mut self, it: &FormalParameters<'a>) {
        oxc_ast_visit::walk::walk_formal_parameters(self, it);
        if it.rest.is_none() {
            self.trailing(it.items.last().map(|p| p.span.end), ')', true);
        }
    }

    fn visit_array_expression(&mut self, it: &ArrayExpression<'a>) {
        oxc_ast_visit::walk::walk_array_expression(self, it);
        let last = it
            .elements
            .last()
            .filter(|e| !matches!(e, ArrayExpressionElement::Elision(_)));
        self.trailing(last.map(|e| e.span().end), ']', false);
    }

    fn visit_object_expression(&mut self, it: &ObjectExpression<'a>) {
        oxc_ast_visit::walk::walk_object_expression(self, it);
        self.trailing(it.properties.last().map(|p| p.span().end), '}', false);
    }

    fn visit_object_pattern(&mut self, it: &ObjectPattern<'a>) {
        oxc_ast_visit::walk::walk_object_pattern(self, it);
        if it.rest.is_none() {
            self.trailing(it.properties.last().map(|p| p.span.end), '}', false);
        }
    }

    fn visit_array_pattern(&mut self, it: &ArrayPattern<'a>) {
        oxc_ast_visit::walk::walk_array_pattern(self, it);
        if it.rest.is_none() {
            let last = it.elements.last().and_then(|e| e.as_ref());
            self.trailing(last.map(|e| e.span().end), ']', false);
        }
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        oxc_ast_visit::walk::walk_import_declaration(self, it);
        let last = it.specifiers.as_ref().and_then(|s| s.last());
        self.trailing(last.map(|s| s.span().end), '}', false);
    }

    fn visit_ts_signature(&mut self, it: &TSSignature<'a>) {
        oxc_ast_visit::walk::walk_ts_signature(self, it);
        self.member(it.span());
    }
}

/// `raw` (a JS string literal with its quotes) quoted with `quote`, the
/// way Prettier does: the other quote is used when the content holds more
/// of `quote` than of it; escapes are adjusted. `None` when unchanged.
pub fn requote(raw: &str, quote: char) -> Option<String> {
    let mut chars = raw.chars();
    let current = chars.next()?;
    if current == quote || !matches!(current, '\'' | '"') || raw.len() < 2 {
        return None;
    }
    let content = &raw[1..raw.len() - 1];
    let wanted = content.matches(quote).count();
    let other = content.matches(current).count();
    if wanted > other {
        return None;
    }
    let mut out = String::with_capacity(raw.len() + 2);
    out.push(quote);
    let mut iter = content.chars();
    while let Some(c) = iter.next() {
        match c {
            '\\' => match iter.next() {
                // `\'` inside "..." needs no backslash.
                Some(e) if e == current => out.push(e),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    Some(out)
}

/// A JSX attribute string (no escapes in JSX) in `quote`, unless its
/// content holds that quote. `None` when unchanged.
fn requote_jsx(raw: &str, quote: char) -> Option<String> {
    let current = raw.chars().next()?;
    if current == quote || raw.len() < 2 {
        return None;
    }
    let content = &raw[1..raw.len() - 1];
    (!content.contains(quote)).then(|| format!("{quote}{content}{quote}"))
}

/// Re-indents lines from the templates' two spaces to `indent`, leaving
/// lines inside multi-line template literals alone.
fn reindent(path: &Path, text: &str, indent: Indent) -> Result<String, GenerateError> {
    let allocator = Allocator::default();
    let program = js::parse(&allocator, path, text)?;
    let literals = template_literal_spans(&program);
    let unit = indent.unit();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let inside = literals
            .iter()
            .any(|s| (s.start as usize) < offset && offset < s.end as usize);
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if inside || spaces == 0 || line.trim().is_empty() {
            out.push_str(line);
        } else {
            let levels = spaces / TEMPLATE_INDENT;
            let rest = spaces % TEMPLATE_INDENT;
            out.push_str(&unit.repeat(levels));
            out.push_str(&" ".repeat(rest));
            out.push_str(&line[spaces..]);
        }
        offset += line.len();
    }
    Ok(out)
}

fn template_literal_spans(program: &Program<'_>) -> Vec<Span> {
    struct Finder(Vec<Span>);
    impl<'a> Visit<'a> for Finder {
        fn visit_template_literal(&mut self, it: &TemplateLiteral<'a>) {
            self.0.push(it.span);
            oxc_ast_visit::walk::walk_template_literal(self, it);
        }
    }
    let mut finder = Finder(Vec::new());
    finder.visit_program(program);
    finder.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use workos_widgets_core::code_style::Setting;

    fn style(quote: Quote, semicolons: bool, indent: Indent) -> CodeStyle {
        let from = || "test".to_owned();
        CodeStyle {
            quote: Setting {
                value: quote,
                source: from(),
            },
            semicolons: Setting {
                value: semicolons,
                source: from(),
            },
            indent: Setting {
                value: indent,
                source: from(),
            },
            ..CodeStyle::default()
        }
    }

    fn run(text: &str, style: &CodeStyle) -> String {
        restyle(Path::new("x.tsx"), text, style).unwrap()
    }

    #[test]
    fn requotes_keeping_escapes_right() {
        assert_eq!(requote("'a'", '"').as_deref(), Some("\"a\""));
        assert_eq!(
            requote("'a\"b'", '"'),
            None,
            "fewer escapes in single quotes"
        );
        assert_eq!(requote("'a\"b\\'c'", '"').as_deref(), Some("\"a\\\"b'c\""));
        assert_eq!(requote("'it\\'s'", '"').as_deref(), Some("\"it's\""));
        assert_eq!(requote("'a\\nb'", '"').as_deref(), Some("\"a\\nb\""));
        // More double quotes than single ones inside: keep single quotes.
        assert_eq!(requote("'say \"hi\"'", '"'), None);
        assert_eq!(requote("\"x\"", '"'), None);
        assert_eq!(requote("\"it's\"", '\''), None);
        assert_eq!(requote("\"a\"", '\'').as_deref(), Some("'a'"));
    }

    #[test]
    fn adds_double_quotes_and_semicolons() {
        let src = "'use client'\n\nimport { a } from 'a'\nimport type { B } from 'b'\n\nexport const x = ['a', \"b\"]\ntype T = { a: string; b: number }\ninterface I {\n  a: string\n  b?: number\n}\nclass E extends Error {\n  readonly s: number\n  constructor() {\n    super('m')\n    this.s = 1\n  }\n}\nexport function f({\n  s,\n}: {\n  s: (x: { id: string }) => void\n}) {\n  if (!a) return null\n  for (const [k, v] of Object.entries({})) {\n    if (v) continue\n  }\n  const el = <div className=\"c\" title='t'>{`x ${'y'}`}</div>\n  return s\n}\nexport default f\n";
        let out = run(src, &style(Quote::Double, true, Indent::Spaces(2)));
        assert_eq!(
            out,
            "\"use client\";\n\nimport { a } from \"a\";\nimport type { B } from \"b\";\n\nexport const x = [\"a\", \"b\"];\ntype T = { a: string; b: number };\ninterface I {\n  a: string;\n  b?: number;\n}\nclass E extends Error {\n  readonly s: number;\n  constructor() {\n    super(\"m\");\n    this.s = 1;\n  }\n}\nexport function f({\n  s,\n}: {\n  s: (x: { id: string }) => void;\n}) {\n  if (!a) return null;\n  for (const [k, v] of Object.entries({})) {\n    if (v) continue;\n  }\n  const el = <div className=\"c\" title=\"t\">{`x ${\"y\"}`}</div>;\n  return s;\n}\nexport default f;\n"
        );
        assert_eq!(
            run(&out, &style(Quote::Double, true, Indent::Spaces(2))),
            out,
            "idempotent"
        );
    }

    #[test]
    fn removes_semicolons_except_before_asi_hazards() {
        let src = "const a = 1;\nconst b = a;\n[a, b].forEach(f);\nlet c = 2;\n(c as number).toFixed();\n";
        let out = run(src, &style(Quote::Single, false, Indent::Spaces(2)));
        assert_eq!(
            out,
            "const a = 1\nconst b = a;\n[a, b].forEach(f)\nlet c = 2;\n(c as number).toFixed()\n"
        );
    }

    #[test]
    fn reindents_outside_template_literals() {
        let src = "function f() {\n  const t = `a\n  b`\n  /**\n   * doc\n   */\n  if (t) {\n    return t\n  }\n}\n";
        let tabs = run(src, &style(Quote::Single, false, Indent::Tabs));
        assert_eq!(
            tabs,
            "function f() {\n\tconst t = `a\n  b`\n\t/**\n\t * doc\n\t */\n\tif (t) {\n\t\treturn t\n\t}\n}\n"
        );
        let four = run(src, &style(Quote::Single, false, Indent::Spaces(4)));
        assert!(four.contains("\n        return t\n"), "{four}");
    }

    #[test]
    fn removes_trailing_commas_the_style_does_not_want() {
        let src = "import {\n  a,\n  b,\n} from 'x'\n\nf(\n  a,\n  { b: 1, c: [1, 2,], },\n)\nfunction g(\n  a: string,\n): void {}\nconst { d, } = a\n";
        let mut es5 = CodeStyle::default();
        es5.trailing_comma.value = TrailingComma::Es5;
        assert_eq!(
            run(src, &es5),
            "import {\n  a,\n  b,\n} from 'x'\n\nf(\n  a,\n  { b: 1, c: [1, 2,], }\n)\nfunction g(\n  a: string\n): void {}\nconst { d, } = a\n"
        );
        let mut none = CodeStyle::default();
        none.trailing_comma.value = TrailingComma::None;
        assert_eq!(
            run(src, &none),
            "import {\n  a,\n  b\n} from 'x'\n\nf(\n  a,\n  { b: 1, c: [1, 2] }\n)\nfunction g(\n  a: string\n): void {}\nconst { d } = a\n"
        );
        assert_eq!(run(src, &CodeStyle::default()), src, "all keeps them");
    }

    #[test]
    fn leaves_the_template_style_alone() {
        let src = "import { a } from 'a'\n\nexport const b = a('x')\n";
        assert_eq!(run(src, &CodeStyle::default()), src);
    }
}
