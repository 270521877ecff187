//! How deeply a JS/TS text nests, estimated from its characters before
//! it is parsed (the parser recurses once per level of it).
//!
//! A level is an open bracket (`(`, `[`, `{`, a template's `${`), an open
//! JSX element, an operator following another one (`!!!x`), or an operator
//! or keyword that nests to its right since the statement or list item
//! began (`=`, `=>`, `?`, `:`, `<`, `if`, `else`, `while`, `for`: `a = b =
//! c`, `a ? b : c ? d : e`, `A<B<C>>`, `if (a) if (b) ...`). Strings,
//! comments, regular expressions and JSX text are skipped. It is an
//! estimate: it never needs to be exact, only close for real code (which
//! nests a few dozen levels) and never far below the parser's real depth.

use super::{MAX_NESTING, Nesting};

/// How deeply `text` nests (see [`Nesting`]). `jsx`: whether the language
/// has JSX (a `<` in operand position opens an element).
pub fn measure(text: &str, jsx: bool) -> Nesting {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        jsx,
        i: 0,
        stack: Vec::new(),
        operand: false,
        run: 0,
        chain: 0,
        saved: Vec::new(),
        outer: 0,
        line_break: false,
        max: 0,
        control: false,
        statement_end: false,
    };
    let too_deep_at = scanner.run();
    Nesting {
        depth: scanner.max,
        too_deep_at,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Paren,
    /// The parenthesised head of `if`/`while`/`for`/`with`: a statement
    /// follows its `)`.
    Header,
    Bracket,
    Brace,
    /// A template literal's `${ ... }`: its `}` goes back into the template.
    Template,
    /// A JSX opening tag, before its `>`.
    Tag,
    /// A JSX element's children, before its closing tag.
    Children,
}

struct Scanner<'t> {
    bytes: &'t [u8],
    jsx: bool,
    i: usize,
    stack: Vec<Frame>,
    /// Whether the last token ends an operand (an identifier, a literal,
    /// a closing bracket): then `/` divides and `<` compares.
    operand: bool,
    /// Operators in a row since the last operand (`!!!x` nests 3 deep).
    run: usize,
    /// Right-nesting operators (`=`, `=>`, `?`) since the current frame's
    /// statement or list item began.
    chain: usize,
    /// The `chain` of each open frame's parent, saved when it opened.
    saved: Vec<usize>,
    /// The sum of `saved`.
    outer: usize,
    /// A line ended after an operand: the statement may have ended there
    /// (a new one starts unless the next line begins with an operator).
    line_break: bool,
    /// The deepest level seen.
    max: usize,
    /// A control keyword was read: the next `(` opens its head.
    control: bool,
    /// A `;` was read: the statement ended, unless an `else` follows.
    statement_end: bool,
}

/// Words after which an expression starts (a `/` there opens a regular
/// expression, a `<` a JSX element).
const EXPRESSION_KEYWORDS: [&[u8]; 19] = [
    b"return",
    b"yield",
    b"await",
    b"typeof",
    b"void",
    b"delete",
    b"new",
    b"in",
    b"of",
    b"case",
    b"do",
    b"else",
    b"throw",
    b"default",
    b"keyof",
    b"readonly",
    b"unique",
    b"infer",
    b"extends",
];

/// Statements whose body is a statement (`if (a) if (b) ...` nests).
const CONTROL_KEYWORDS: [&[u8]; 4] = [b"if", b"while", b"for", b"with"];

impl Scanner<'_> {
    fn run(&mut self) -> Option<usize> {
        while self.i < self.bytes.len() {
            let at = self.i;
            let deep = match self.stack.last() {
                Some(Frame::Children) => self.children(),
                Some(Frame::Tag) => self.tag(),
                _ => self.code(),
            };
            if deep {
                return Some(at);
            }
        }
        None
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.i + ahead).copied().unwrap_or(0)
    }

    /// Records the current level; whether it is past the limit.
    fn deeper(&mut self) -> bool {
        let depth = self.stack.len() + self.outer + self.chain + self.run;
        self.max = self.max.max(depth);
        depth > MAX_NESTING
    }

    fn push(&mut self, frame: Frame) -> bool {
        self.stack.push(frame);
        self.saved.push(self.chain);
        self.outer += self.chain;
        self.chain = 0;
        self.run = 0;
        self.deeper()
    }

    fn pop(&mut self) -> Option<Frame> {
        let frame = self.stack.pop()?;
        self.chain = self.saved.pop().unwrap_or(0);
        self.outer -= self.chain;
        Some(frame)
    }

    /// Pops up to and including the nearest of `frames` (dropping the JSX
    /// frames a stray `<` opened); nothing when none is open. The frame
    /// closed.
    fn close(&mut self, frames: &[Frame]) -> Option<Frame> {
        let at = self.stack.iter().rposition(|f| frames.contains(f))?;
        let mut closed = None;
        while self.stack.len() > at {
            closed = self.pop();
        }
        closed
    }

    /// One token of JavaScript. Returns whether it nests too deep.
    fn code(&mut self) -> bool {
        let byte = self.peek(0);
        match byte {
            b'\n' => {
                self.i += 1;
                self.line_break |= self.operand;
                return false;
            }
            b' ' | b'\t' | b'\r' => {
                self.i += 1;
                return false;
            }
            b'/' if self.peek(1) == b'/' => {
                self.skip_line();
                return false;
            }
            b'/' if self.peek(1) == b'*' => {
                self.skip_block_comment();
                return false;
            }
            _ => {}
        }
        // A statement ended (`;`, or a line after an operand): a new one
        // starts, unless the next token continues it (an operator, or the
        // `else` of an `if`, whose chain nests: `if (a) x; else if ...`).
        let ended = std::mem::take(&mut self.statement_end)
            || (std::mem::take(&mut self.line_break) && !is_operator(byte));
        if ended && !self.at_else() {
            self.chain = 0;
        }
        match byte {
            b'\'' | b'"' => {
                self.skip_string(byte);
                self.operand_end();
            }
            b'`' => {
                self.i += 1;
                return self.template();
            }
            b'/' if !self.operand => {
                self.skip_regex();
                self.operand_end();
            }
            b'(' | b'[' | b'{' => {
                self.i += 1;
                let header = byte == b'(' && std::mem::take(&mut self.control);
                self.operand = false;
                return self.push(match byte {
                    b'(' if header => Frame::Header,
                    b'(' => Frame::Paren,
                    b'[' => Frame::Bracket,
                    _ => Frame::Brace,
                });
            }
            b')' | b']' => {
                self.i += 1;
                let closed = if byte == b')' {
                    self.close(&[Frame::Paren, Frame::Header])
                } else {
                    self.close(&[Frame::Bracket])
                };
                self.operand_end();
                // A statement follows the head of `if (...)`: the line
                // does not end it.
                self.operand = closed != Some(Frame::Header);
            }
            b'}' => {
                self.i += 1;
                let template = self
                    .stack
                    .iter()
                    .rev()
                    .find(|f| matches!(f, Frame::Brace | Frame::Template))
                    == Some(&Frame::Template);
                if template {
                    self.close(&[Frame::Template]);
                    return self.template();
                }
                self.close(&[Frame::Brace]);
                self.operand_end();
            }
            b'<' if self.jsx && !self.operand && self.opens_element() => {
                self.i += 1;
                return self.push(Frame::Tag);
            }
            _ if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80 => {
                let start = self.i;
                while self.i < self.bytes.len() && is_word(self.bytes[self.i]) {
                    self.i += 1;
                }
                let word = &self.bytes[start..self.i];
                if CONTROL_KEYWORDS.contains(&word) {
                    self.control = true;
                    self.chain += 1;
                    return self.operator();
                }
                if EXPRESSION_KEYWORDS.contains(&word) {
                    self.chain += usize::from(matches!(word, b"else" | b"do" | b"extends"));
                    return self.operator();
                }
                self.operand_end();
            }
            b';' => {
                self.i += 1;
                self.statement_end = true;
                self.operand = false;
                self.run = 0;
            }
            b',' => {
                self.i += 1;
                self.chain = 0;
                self.operand = false;
                self.run = 0;
            }
            _ => {
                let previous = self.i.checked_sub(1).map_or(0, |p| self.bytes[p]);
                let next = self.peek(1);
                let nests = match byte {
                    b'=' => next != b'=' && !matches!(previous, b'=' | b'!' | b'<' | b'>'),
                    b'?' => !matches!(next, b'?' | b'.') && previous != b'?',
                    // Type arguments (`A<B<C>>`) and labels nest too.
                    b'<' => !matches!(next, b'=' | b'<') && previous != b'<',
                    b':' => true,
                    _ => false,
                };
                self.i += 1;
                self.chain += usize::from(nests);
                return self.operator();
            }
        }
        false
    }

    /// Whether the cursor is at the word `else`.
    fn at_else(&self) -> bool {
        self.bytes[self.i..].starts_with(b"else")
            && !self.bytes.get(self.i + 4).copied().is_some_and(is_word)
    }

    fn operand_end(&mut self) {
        self.operand = true;
        self.run = 0;
    }

    fn operator(&mut self) -> bool {
        self.operand = false;
        self.run += 1;
        self.deeper()
    }

    /// Whether the `<` at the cursor opens a JSX element (`<div`, `<>`)
    /// rather than a type parameter list (`<T,>`, `<T extends U>`).
    fn opens_element(&self) -> bool {
        let next = self.peek(1);
        if next == b'>' {
            return true;
        }
        if !(next.is_ascii_alphabetic() || next == b'_' || next == b'$') {
            return false;
        }
        let mut j = self.i + 1;
        while j < self.bytes.len() && is_word(self.bytes[j]) {
            j += 1;
        }
        while j < self.bytes.len() && self.bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let rest = &self.bytes[j.min(self.bytes.len())..];
        !(rest.starts_with(b",") || rest.starts_with(b"extends "))
    }

    /// Inside a JSX opening tag: attributes until `>` or `/>`.
    fn tag(&mut self) -> bool {
        match self.peek(0) {
            b'"' | b'\'' => {
                let quote = self.peek(0);
                self.i += 1;
                while self.i < self.bytes.len() && self.bytes[self.i] != quote {
                    self.i += 1;
                }
                self.i += 1;
            }
            b'{' => {
                self.i += 1;
                self.operand = false;
                return self.push(Frame::Brace);
            }
            b'/' if self.peek(1) == b'>' => {
                self.i += 2;
                let _ = self.pop();
                self.operand_end();
            }
            b'>' => {
                self.i += 1;
                if let Some(top) = self.stack.last_mut() {
                    *top = Frame::Children;
                }
            }
            _ => self.i += 1,
        }
        false
    }

    /// Inside a JSX element's children: text until `{`, a child element or
    /// the closing tag.
    fn children(&mut self) -> bool {
        match self.peek(0) {
            b'{' => {
                self.i += 1;
                self.operand = false;
                return self.push(Frame::Brace);
            }
            b'<' if self.peek(1) == b'/' => {
                self.i += 2;
                let _ = self.pop();
                // The closing tag's name and `>`.
                while self.i < self.bytes.len() && self.bytes[self.i] != b'>' {
                    self.i += 1;
                }
                self.i += 1;
                self.operand_end();
            }
            b'<' if self.opens_element() => {
                self.i += 1;
                return self.push(Frame::Tag);
            }
            _ => self.i += 1,
        }
        false
    }

    /// Template text from the cursor to its closing backquote or its next
    /// `${` (which opens a level).
    fn template(&mut self) -> bool {
        while self.i < self.bytes.len() {
            match self.bytes[self.i] {
                b'\\' => self.i += 2,
                b'`' => {
                    self.i += 1;
                    self.operand_end();
                    return false;
                }
                b'$' if self.peek(1) == b'{' => {
                    self.i += 2;
                    self.operand = false;
                    return self.push(Frame::Template);
                }
                _ => self.i += 1,
            }
        }
        false
    }

    fn skip_line(&mut self) {
        while self.i < self.bytes.len() && self.bytes[self.i] != b'\n' {
            self.i += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.i += 2;
        while self.i < self.bytes.len() && !(self.bytes[self.i] == b'*' && self.peek(1) == b'/') {
            self.i += 1;
        }
        self.i += 2;
    }

    /// A quoted string (ends at its quote, or at the line's end when it is
    /// not closed).
    fn skip_string(&mut self, quote: u8) {
        self.i += 1;
        while self.i < self.bytes.len() {
            match self.bytes[self.i] {
                b'\\' => self.i += 2,
                b'\n' => return,
                b if b == quote => {
                    self.i += 1;
                    return;
                }
                _ => self.i += 1,
            }
        }
    }

    /// A regular expression literal and its flags.
    fn skip_regex(&mut self) {
        self.i += 1;
        let mut class = false;
        while self.i < self.bytes.len() {
            match self.bytes[self.i] {
                b'\\' => self.i += 1,
                b'\n' => return,
                b'[' => class = true,
                b']' => class = false,
                b'/' if !class => {
                    self.i += 1;
                    break;
                }
                _ => {}
            }
            self.i += 1;
        }
        while self.i < self.bytes.len() && is_word(self.bytes[self.i]) {
            self.i += 1;
        }
    }
}

/// Whether a line starting with `byte` continues the previous statement.
fn is_operator(byte: u8) -> bool {
    matches!(
        byte,
        b'=' | b'?' | b':' | b'.' | b'+' | b'-' | b'*' | b'%' | b'&' | b'|' | b'^' | b'<' | b'>'
    )
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str) -> bool {
        measure(text, true).too_deep_at.is_none()
    }

    #[test]
    fn real_code_is_not_too_deep() {
        let app = r#"
import { useState } from "react";
const re = /[/(]+/g, half = 1 / 2;
export function App<T,>(props: Array<Array<T>>) {
  const [n, setN] = useState<number>(0);
  if (n < 3 && n > 1) setN(n => n + 1);
  return (
    <main className="a" onClick={() => setN((x) => x + 1)}>
      <p>Don't {`${n} (of ${"}"})`} / 2 < 3</p>
      <>{n > 1 ? <br /> : null}</>
    </main>
  );
}
"#;
        let many: String = std::iter::repeat_n(app, 2_000).collect();
        assert!(depth_ok(&many));
        let statements: String = std::iter::repeat_n("if (a < b) { c = !d }\n", 5_000).collect();
        assert!(depth_ok(&statements));
        let no_semicolons: String =
            std::iter::repeat_n("const a = b ? c : d\nfoo.bar = (x) => x\n", 5_000).collect();
        assert!(depth_ok(&no_semicolons));
        let types: String = std::iter::repeat_n("  a?: string\n  b?: number;\n", 5_000).collect();
        assert!(depth_ok(&format!("interface A {{\n{types}}}")));
    }

    #[test]
    fn deep_jsx_brackets_and_operator_runs_are_too_deep() {
        let n = MAX_NESTING + 1;
        let jsx = format!("x = {}{}", "<div>".repeat(n), "</div>".repeat(n));
        assert!(!depth_ok(&jsx));
        assert!(!depth_ok(&format!(
            "x = {}1{}",
            "(".repeat(n),
            ")".repeat(n)
        )));
        assert!(!depth_ok(&format!(
            "x = {}1{}",
            "[".repeat(n),
            "]".repeat(n)
        )));
        assert!(!depth_ok(&format!("x = {}1", "!".repeat(n))));
        assert!(!depth_ok(&format!(
            "x = {}1{}",
            "`${".repeat(n),
            "}`".repeat(n)
        )));
        assert!(!depth_ok(&format!("{}1", "a = ".repeat(n))));
        assert!(!depth_ok(&format!("{}1", "a =\n".repeat(n))));
        assert!(!depth_ok(&format!("x = {}1", "a => ".repeat(n))));
        assert!(!depth_ok(&format!("x = {}1", "a\n ? b\n : ".repeat(n))));
        assert!(!depth_ok(&format!("{}x", "if (a)\n".repeat(n))));
        assert!(!depth_ok(&format!(
            "if (a) x;{}",
            " else if (a) x;".repeat(n)
        )));
        assert!(!depth_ok(&format!(
            "if (a) x\n{}",
            "else if (a) x\n".repeat(n)
        )));
        assert!(!depth_ok(&format!("x = {}B", "class extends ".repeat(n))));
        assert!(!depth_ok(&format!("type T = {}B", "A<".repeat(n))));
        assert!(!depth_ok(&format!("type T = {}B", "keyof ".repeat(n))));
        let fine = MAX_NESTING - 10;
        let jsx = format!("x = {}{}", "<div>".repeat(fine), "</div>".repeat(fine));
        assert!(depth_ok(&jsx));
        // Siblings do not add up.
        let wide = format!("x = <ul>{}</ul>", "<li><b>a</b></li>".repeat(10_000));
        assert!(depth_ok(&wide));
    }

    #[test]
    fn points_at_the_level_past_the_limit() {
        let text = format!("f{}", "(".repeat(MAX_NESTING + 5));
        assert_eq!(measure(&text, false).too_deep_at, Some(1 + MAX_NESTING));
    }
}
