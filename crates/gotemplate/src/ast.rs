//! Parse tree node types, as in Go's `text/template/parse/node.go`. Every node
//! carries its byte position; `Display` prints a node the way Go's `String`
//! does, which is what error messages show as context.

use std::fmt::{self, Display, Formatter, Write};
use std::sync::Arc;

use crate::lex::Pos;
use crate::value::Str;

/// A parsed template: a name, the text it came from and its root list.
#[derive(Debug)]
pub struct Tree {
    /// The template's name (`define` name, or the name given to `parse`).
    pub name: String,
    /// The name of the top-level template the text was parsed as (file name).
    pub parse_name: Arc<str>,
    /// The whole source text, positions index into it.
    pub text: Arc<str>,
    /// The top-level node list.
    pub root: ListNode,
}

impl Tree {
    /// Go's `ErrorContext`: `NAME:LINE:COL` of a position (column is a 0-based byte count).
    pub fn location(&self, pos: Pos) -> (usize, usize) {
        let pos = (pos as usize).min(self.text.len());
        let before = &self.text[..pos];
        let line = 1 + before.matches('\n').count();
        let col = match before.rfind('\n') {
            Some(i) => pos - (i + 1),
            None => pos,
        };
        (line, col)
    }

    /// Whether the tree holds nothing but space and comments (Go's `IsEmptyTree`).
    pub fn is_empty(&self) -> bool {
        self.root.is_empty_tree()
    }
}

/// A sequence of nodes: a template body or the body of a control clause
/// (Go's `ListNode`).
#[derive(Debug, Clone)]
pub struct ListNode {
    /// Byte offset where the list starts.
    pub pos: Pos,
    /// The nodes in source order.
    pub nodes: Vec<Node>,
}

/// Nested control clauses may be arbitrarily deep; dropping them must not
/// recurse once per level.
impl Drop for ListNode {
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.nodes);
        while let Some(node) = pending.pop() {
            if let Node::If(mut b) | Node::Range(mut b) | Node::With(mut b) = node {
                pending.append(&mut b.list.nodes);
                if let Some(e) = b.else_list.as_mut() {
                    pending.append(&mut e.nodes);
                }
            }
        }
    }
}

impl ListNode {
    /// Whether the list holds nothing but space and comments (Go's `IsEmptyTree`).
    pub fn is_empty_tree(&self) -> bool {
        self.nodes.iter().all(|n| match n {
            Node::Text(t) => t.text.trim_ascii().is_empty(),
            Node::Comment(_) => true,
            _ => false,
        })
    }
}

/// A statement-level node.
#[derive(Debug, Clone)]
pub enum Node {
    /// Plain text outside actions.
    Text(TextNode),
    /// `{{pipeline}}`: evaluates and prints unless it declares variables.
    Action(ActionNode),
    /// `{{/* ... */}}`, kept only when the lexer emits comments.
    Comment(CommentNode),
    /// `{{if}} ... {{else}} ... {{end}}` (boxed: branches are large and
    /// rarer than text and actions).
    If(Box<BranchNode>),
    /// `{{range}} ... {{else}} ... {{end}}`.
    Range(Box<BranchNode>),
    /// `{{with}} ... {{else}} ... {{end}}`.
    With(Box<BranchNode>),
    /// `{{template "name" pipeline}}`, also what a `{{block}}` leaves in place
    /// (boxed: the largest node, and a rare one).
    Template(Box<TemplateNode>),
    /// `{{break}}` inside a `range`, at this offset.
    Break(Pos),
    /// `{{continue}}` inside a `range`, at this offset.
    Continue(Pos),
}

/// Text between actions, already trimmed by `{{-`/`-}}` markers.
#[derive(Debug, Clone)]
pub struct TextNode {
    /// Byte offset of the text.
    pub pos: Pos,
    /// The text, written to the output as is.
    pub text: Str,
}

/// A template comment.
#[derive(Debug, Clone)]
pub struct CommentNode {
    /// Byte offset of the comment.
    pub pos: Pos,
    /// The comment with its `/*` and `*/`.
    pub text: String,
}

/// A non-control action, `{{pipeline}}`.
#[derive(Debug, Clone)]
pub struct ActionNode {
    /// Byte offset of the pipeline's first token.
    pub pos: Pos,
    /// 1-based line of the pipeline's first token (Go's `Line` field).
    pub line: u32,
    /// The pipeline to evaluate.
    pub pipe: PipeNode,
}

/// `if`, `range` and `with`.
#[derive(Debug, Clone)]
pub struct BranchNode {
    /// Byte offset of the condition pipeline.
    pub pos: Pos,
    /// 1-based line of the condition pipeline.
    pub line: u32,
    /// The condition (or, for `range`, the collection).
    pub pipe: PipeNode,
    /// The body run when the condition is true (or per element).
    pub list: ListNode,
    /// The `{{else}}` body; `{{else if}}`/`{{else with}}` become a nested
    /// branch inside it, as in Go.
    pub else_list: Option<ListNode>,
}

/// `{{template "name" pipeline}}`: runs another template of the set.
#[derive(Debug, Clone)]
pub struct TemplateNode {
    /// Byte offset of the name literal.
    pub pos: Pos,
    /// 1-based line of the name literal.
    pub line: u32,
    /// The invoked template's name, unquoted.
    pub name: String,
    /// The value for dot in the invoked template; without one dot is nil.
    pub pipe: Option<PipeNode>,
}

/// A pipeline with optional variable declarations.
#[derive(Debug, Clone)]
pub struct PipeNode {
    /// Byte offset of the pipeline's first token.
    pub pos: Pos,
    /// 1-based line of the pipeline's first token.
    pub line: u32,
    /// `$x = ...` rather than `$x := ...`.
    pub is_assign: bool,
    /// The variables declared or assigned (`$x` or `$i, $e` in `range`).
    pub decl: Box<[VariableNode]>,
    /// The commands separated by `|`; each result is the last argument of the next.
    pub cmds: Box<[CommandNode]>,
}

/// Parenthesized pipelines nest up to 10000 deep; dropping them must not
/// recurse once per level.
impl Drop for PipeNode {
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.cmds).into_vec();
        while let Some(mut cmd) = pending.pop() {
            for arg in std::mem::take(&mut cmd.args) {
                let inner = match arg {
                    Arg::Pipe(p) => Some(p),
                    Arg::Chain { node, .. } => match *node {
                        Arg::Pipe(p) => Some(p),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(mut p) = inner {
                    pending.extend(std::mem::take(&mut p.cmds));
                }
            }
        }
    }
}

/// One command of a pipeline: an operand, or a function or method followed
/// by its arguments.
#[derive(Debug, Clone)]
pub struct CommandNode {
    /// Byte offset of the first operand.
    pub pos: Pos,
    /// The operands; the first one is what gets called, if callable.
    pub args: Box<[Arg]>,
}

/// `$x` or `$x.Field.Chain`; `idents[0]` is the variable name with its `$`.
#[derive(Debug, Clone)]
pub struct VariableNode {
    /// Byte offset of the `$`; for `$x.A` that of `.A`, as in Go.
    pub pos: Pos,
    /// The variable name, then any field names.
    pub idents: Box<[Str]>,
}

/// An operand of a command.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A function name.
    Identifier {
        /// Byte offset of the name.
        pos: Pos,
        /// The function name.
        name: Str,
    },
    /// `.`, the current dot value.
    Dot(Pos),
    /// The untyped `nil` constant (only valid as a function argument).
    Nil(Pos),
    /// `.A.B.C`
    Field {
        /// Byte offset of the field; for `.A.B` that of `.B`, where Go's
        /// chain folding leaves it.
        pos: Pos,
        /// The field (or key, or method) names without their dots.
        idents: Box<[Str]>,
    },
    /// `$x` or `$x.A.B`.
    Variable(VariableNode),
    /// `(pipeline).A.B` or `term.A`.
    Chain {
        /// Byte offset of the first chained field.
        pos: Pos,
        /// The term the fields are looked up on.
        node: Box<Arg>,
        /// The field names without their dots.
        fields: Box<[Str]>,
    },
    /// `true` or `false`.
    Bool {
        /// Byte offset of the constant.
        pos: Pos,
        /// The constant's value.
        val: bool,
    },
    /// A numeric or character constant.
    Number(Box<NumberNode>),
    /// A string literal: its source form and its value.
    String {
        /// Byte offset of the opening quote.
        pos: Pos,
        /// The literal as written, quotes included (for error contexts).
        quoted: Str,
        /// The unquoted value.
        text: Str,
    },
    /// A parenthesized pipeline.
    Pipe(Box<PipeNode>),
}

impl Arg {
    /// Byte offset of the operand in the template text.
    pub fn pos(&self) -> Pos {
        match self {
            Arg::Identifier { pos, .. }
            | Arg::Dot(pos)
            | Arg::Nil(pos)
            | Arg::Field { pos, .. }
            | Arg::Chain { pos, .. }
            | Arg::Bool { pos, .. }
            | Arg::String { pos, .. } => *pos,
            Arg::Variable(v) => v.pos,
            Arg::Number(n) => n.pos,
            Arg::Pipe(p) => p.pos,
        }
    }
}

/// A numeric constant with every interpretation Go's `parse.NewNumber` found
/// valid: `1` is an int, a uint and a float at once, and the executor picks the
/// one the context needs.
#[derive(Debug, Clone, Default)]
pub struct NumberNode {
    /// Byte offset of the constant.
    pub pos: Pos,
    /// The constant as written (`0x1F`, `1e3`, `'a'`).
    pub text: String,
    /// The constant has an exact `int64` value; `int` holds it.
    pub is_int: bool,
    /// The constant has an exact `uint64` value; `uint` holds it.
    pub is_uint: bool,
    /// The value is representable as a float (also set along with `is_int`
    /// or `is_uint`); `float` holds it.
    pub is_float: bool,
    /// The constant is complex (`1i`, `1+2i`); `complex` holds it.
    pub is_complex: bool,
    /// The `int64` interpretation, valid when `is_int`.
    pub int: i64,
    /// The `uint64` interpretation, valid when `is_uint`.
    pub uint: u64,
    /// The `float64` interpretation, valid when `is_float`.
    pub float: f64,
    /// Real and imaginary parts of a complex constant.
    pub complex: (f64, f64),
}

fn write_idents(f: &mut Formatter<'_>, idents: &[Str]) -> fmt::Result {
    for (i, id) in idents.iter().enumerate() {
        if i > 0 {
            f.write_char('.')?;
        }
        f.write_str(id)?;
    }
    Ok(())
}

impl Display for Arg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Identifier { name, .. } => f.write_str(name),
            Arg::Dot(_) => f.write_char('.'),
            Arg::Nil(_) => f.write_str("nil"),
            Arg::Field { idents, .. } => {
                for id in idents {
                    write!(f, ".{id}")?;
                }
                Ok(())
            }
            Arg::Variable(v) => v.fmt(f),
            Arg::Chain { node, fields, .. } => {
                if let Arg::Pipe(p) = node.as_ref() {
                    write!(f, "({p})")?;
                } else {
                    node.fmt(f)?;
                }
                for field in fields {
                    write!(f, ".{field}")?;
                }
                Ok(())
            }
            Arg::Bool { val, .. } => write!(f, "{val}"),
            Arg::Number(n) => f.write_str(&n.text),
            Arg::String { quoted, .. } => f.write_str(quoted),
            Arg::Pipe(p) => p.fmt(f),
        }
    }
}

impl Display for VariableNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_idents(f, &self.idents)
    }
}

impl Display for CommandNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_char(' ')?;
            }
            if let Arg::Pipe(p) = arg {
                write!(f, "({p})")?;
            } else {
                arg.fmt(f)?;
            }
        }
        Ok(())
    }
}

impl Display for PipeNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // Parenthesized pipelines nest up to the parser's limit (10000).
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.fmt_inner(f))
    }
}

impl PipeNode {
    fn fmt_inner(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            for (i, v) in self.decl.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                v.fmt(f)?;
            }
            f.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            c.fmt(f)?;
        }
        Ok(())
    }
}

impl Display for ListNode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for n in &self.nodes {
            n.fmt(f)?;
        }
        Ok(())
    }
}

impl Node {
    /// Byte offset of the node in the template text.
    pub fn pos(&self) -> Pos {
        match self {
            Node::Text(t) => t.pos,
            Node::Action(a) => a.pos,
            Node::Comment(c) => c.pos,
            Node::If(b) | Node::Range(b) | Node::With(b) => b.pos,
            Node::Template(t) => t.pos,
            Node::Break(p) | Node::Continue(p) => *p,
        }
    }
}

fn fmt_branch(f: &mut Formatter<'_>, name: &str, b: &BranchNode) -> fmt::Result {
    // Control clauses may nest without limit.
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || fmt_branch_inner(f, name, b))
}

fn fmt_branch_inner(f: &mut Formatter<'_>, name: &str, b: &BranchNode) -> fmt::Result {
    write!(f, "{{{{{name} {}}}}}{}", b.pipe, b.list)?;
    if let Some(e) = &b.else_list {
        write!(f, "{{{{else}}}}{e}")?;
    }
    f.write_str("{{end}}")
}

impl Display for Node {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Node::Text(t) => f.write_str(&t.text),
            Node::Action(a) => write!(f, "{{{{{}}}}}", a.pipe),
            Node::Comment(c) => write!(f, "{{{{{}}}}}", c.text),
            Node::If(b) => fmt_branch(f, "if", b),
            Node::Range(b) => fmt_branch(f, "range", b),
            Node::With(b) => fmt_branch(f, "with", b),
            Node::Template(t) => {
                let name = crate::strconv::quote(&t.name);
                match &t.pipe {
                    Some(p) => write!(f, "{{{{template {name} {p}}}}}"),
                    None => write!(f, "{{{{template {name}}}}}"),
                }
            }
            Node::Break(_) => f.write_str("{{break}}"),
            Node::Continue(_) => f.write_str("{{continue}}"),
        }
    }
}
