//! The parser: tokens to trees, following Go's `text/template/parse/parse.go`
//! closely so that the same inputs fail with the same messages.

use std::sync::Arc;

use crate::ast::*;
use crate::error::{Error, Location};
use crate::lex::{self, LexOptions, Pos, Token, TokenKind};
use crate::literal;

/// Maximum nesting of parenthesized expressions (Go's `maxStackDepth`).
const MAX_STACK_DEPTH: usize = 10000;

/// Parses `text` as the template `name`. Returns the trees it defines: the
/// top-level one under `name` and one per `define`/`block`, in source order.
pub fn parse(
    name: &str,
    text: &str,
    has_function: &dyn Fn(&str) -> bool,
) -> Result<Vec<Tree>, Error> {
    let opts = LexOptions {
        emit_comment: false,
        break_ok: !has_function("break"),
        continue_ok: !has_function("continue"),
    };
    let tokens = lex::lex(text, opts);
    let source = text;
    let text: Arc<str> = Arc::from(text);
    let parse_name: Arc<str> = Arc::from(name);
    let mut p = Parser {
        text: source,
        tokens,
        idx: 0,
        furthest: 0,
        parse_name: parse_name.clone(),
        has_function,
        trees: Vec::new(),
        st: TreeState::default(),
        interned: std::collections::HashMap::new(),
    };
    let root = p.parse_top()?;
    p.add(name.to_string(), root)?;
    Ok(p.trees
        .into_iter()
        .map(|(name, root)| Tree {
            name,
            parse_name: parse_name.clone(),
            text: text.clone(),
            root,
        })
        .collect())
}

/// Per-tree parsing state (Go keeps it on each `Tree` being parsed).
struct TreeState {
    vars: Vec<String>,
    range_depth: usize,
    action_line: usize,
    stack_depth: usize,
}

impl Default for TreeState {
    fn default() -> Self {
        TreeState {
            vars: vec!["$".to_string()],
            range_depth: 0,
            action_line: 0,
            stack_depth: 0,
        }
    }
}

/// What ended an item list.
enum ListEnd {
    End,
    Else(Pos),
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    idx: usize,
    /// The furthest token looked at; Go reports its line in parse errors.
    furthest: usize,
    parse_name: Arc<str>,
    has_function: &'a dyn Fn(&str) -> bool,
    trees: Vec<(String, ListNode)>,
    st: TreeState,
    /// Names and literals seen so far: repeated ones (`.Values`, `include`)
    /// share one allocation.
    interned: std::collections::HashMap<String, crate::value::Str>,
}

type PResult<T> = Result<T, Error>;

impl<'a> Parser<'a> {
    fn intern(&mut self, s: &str) -> crate::value::Str {
        if let Some(v) = self.interned.get(s) {
            return v.clone();
        }
        let v: crate::value::Str = s.into();
        self.interned.insert(s.to_string(), v.clone());
        v
    }

    fn token_at(&mut self, i: usize) -> Token<'a> {
        let i = i.min(self.tokens.len() - 1);
        self.furthest = self.furthest.max(i);
        self.tokens[i].clone()
    }

    fn next(&mut self) -> Token<'a> {
        let t = self.token_at(self.idx);
        self.idx += 1;
        t
    }

    fn backup(&mut self) {
        self.idx -= 1;
    }

    fn peek(&mut self) -> Token<'a> {
        self.token_at(self.idx)
    }

    fn next_non_space(&mut self) -> Token<'a> {
        loop {
            let t = self.next();
            if t.kind != TokenKind::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Token<'a> {
        let t = self.next_non_space();
        self.backup();
        t
    }

    fn errorf(&mut self, message: String) -> Error {
        self.errorf_at(self.furthest, message)
    }

    /// A parse error at the line of token `idx` (Go reports the line of the
    /// last token read).
    fn errorf_at(&self, idx: usize, message: String) -> Error {
        let token = &self.tokens[idx.min(self.tokens.len() - 1)];
        let line = token.line;
        let line_start = self
            .text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum::<usize>();
        let col = token.pos.saturating_sub(line_start);
        Error::Parse {
            location: Location::in_text(&self.parse_name, self.text, line, col),
            message,
        }
    }

    fn expect(&mut self, kind: TokenKind, context: &str) -> PResult<Token<'a>> {
        let t = self.next_non_space();
        if t.kind != kind {
            return Err(self.unexpected(&t, context));
        }
        Ok(t)
    }

    fn unexpected(&mut self, t: &Token, context: &str) -> Error {
        if t.kind == TokenKind::Error {
            let mut extra = String::new();
            if self.st.action_line != 0 && self.st.action_line != t.line {
                extra = format!(
                    " in action started at {}:{}",
                    self.parse_name, self.st.action_line
                );
                if t.val.ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            return self.errorf(format!("{t}{extra}"));
        }
        self.errorf(format!("unexpected {t} in {context}"))
    }

    /// Adds a finished tree; Go's `Tree.add`.
    fn add(&mut self, name: String, root: ListNode) -> PResult<()> {
        if let Some(i) = self.trees.iter().position(|(n, _)| *n == name) {
            let existing_empty = is_empty_list(&self.trees[i].1);
            if existing_empty {
                self.trees[i].1 = root;
                return Ok(());
            }
            if !is_empty_list(&root) {
                return Err(self.errorf(format!(
                    "template: multiple definition of template {}",
                    crate::strconv::quote(&name)
                )));
            }
            return Ok(());
        }
        self.trees.push((name, root));
        Ok(())
    }

    fn parse_top(&mut self) -> PResult<ListNode> {
        let pos = self.peek().pos;
        let mut root = ListNode {
            pos,
            nodes: Vec::new(),
        };
        while self.peek().kind != TokenKind::Eof {
            if self.peek().kind == TokenKind::LeftDelim {
                let delim_idx = self.idx;
                self.next();
                if self.next_non_space().kind == TokenKind::Define {
                    let saved = std::mem::take(&mut self.st);
                    let r = self.parse_definition();
                    self.st = saved;
                    r?;
                    continue;
                }
                self.idx = delim_idx;
            }
            match self.text_or_action()? {
                Item::Node(n) => root.nodes.push(n),
                Item::End => return Err(self.errorf("unexpected {{end}}".into())),
                Item::Else(_) => return Err(self.errorf("unexpected {{else}}".into())),
            }
        }
        Ok(root)
    }

    fn parse_definition(&mut self) -> PResult<()> {
        const CONTEXT: &str = "define clause";
        let t = self.next_non_space();
        if t.kind != TokenKind::String && t.kind != TokenKind::RawString {
            return Err(self.unexpected(&t, CONTEXT));
        }
        let name = match literal::unquote(&t.val) {
            Ok(s) => s,
            Err(e) => return Err(self.errorf(e.to_string())),
        };
        self.expect(TokenKind::RightDelim, CONTEXT)?;
        let (list, end) = self.item_list()?;
        if let ListEnd::Else(_) = end {
            return Err(self.errorf(format!("unexpected {{{{else}}}} in {CONTEXT}")));
        }
        self.add(name, list)
    }

    fn item_list(&mut self) -> PResult<(ListNode, ListEnd)> {
        let pos = self.peek_non_space().pos;
        let mut list = ListNode {
            pos,
            nodes: Vec::new(),
        };
        while self.peek_non_space().kind != TokenKind::Eof {
            match self.text_or_action()? {
                Item::Node(n) => list.nodes.push(n),
                Item::End => return Ok((list, ListEnd::End)),
                Item::Else(p) => return Ok((list, ListEnd::Else(p))),
            }
        }
        Err(self.errorf("unexpected EOF".into()))
    }

    fn text_or_action(&mut self) -> PResult<Item> {
        let t = self.next_non_space();
        match t.kind {
            TokenKind::Text => Ok(Item::Node(Node::Text(TextNode {
                pos: t.pos,
                text: t.val.into(),
            }))),
            TokenKind::LeftDelim => {
                self.st.action_line = t.line;
                let r = self.action();
                self.st.action_line = 0;
                r
            }
            TokenKind::Comment => Ok(Item::Node(Node::Comment(CommentNode {
                pos: t.pos,
                text: t.val.into_owned(),
            }))),
            _ => Err(self.unexpected(&t, "input")),
        }
    }

    fn action(&mut self) -> PResult<Item> {
        let t = self.next_non_space();
        match t.kind {
            TokenKind::Block => return self.block_control().map(Item::Node),
            TokenKind::Break | TokenKind::Continue => {
                let what = if t.kind == TokenKind::Break {
                    "{{break}}"
                } else {
                    "{{continue}}"
                };
                let next = self.next_non_space();
                if next.kind != TokenKind::RightDelim {
                    return Err(self.unexpected(&next, what));
                }
                if self.st.range_depth == 0 {
                    return Err(self.errorf(format!("{what} outside {{{{range}}}}")));
                }
                return Ok(Item::Node(if t.kind == TokenKind::Break {
                    Node::Break(t.pos)
                } else {
                    Node::Continue(t.pos)
                }));
            }
            TokenKind::Else => return self.else_control(),
            TokenKind::End => {
                self.expect(TokenKind::RightDelim, "end")?;
                return Ok(Item::End);
            }
            TokenKind::If => return self.control("if").map(|b| Item::Node(Node::If(b))),
            TokenKind::Range => return self.control("range").map(|b| Item::Node(Node::Range(b))),
            TokenKind::Template => return self.template_control().map(Item::Node),
            TokenKind::With => return self.control("with").map(|b| Item::Node(Node::With(b))),
            _ => {}
        }
        self.backup();
        let t = self.peek();
        let pipe = self.pipeline("command", TokenKind::RightDelim)?;
        Ok(Item::Node(Node::Action(ActionNode {
            pos: t.pos,
            line: t.line,
            pipe,
        })))
    }

    fn else_control(&mut self) -> PResult<Item> {
        let peek = self.peek_non_space();
        // `{{else if ...` and `{{else with ...` are treated as `{{else}}{{if ...`.
        if peek.kind == TokenKind::If || peek.kind == TokenKind::With {
            return Ok(Item::Else(peek.pos));
        }
        let t = self.expect(TokenKind::RightDelim, "else")?;
        Ok(Item::Else(t.pos))
    }

    fn control(&mut self, context: &str) -> PResult<BranchNode> {
        let vars_len = self.st.vars.len();
        // Go does not limit how deeply control clauses nest (goroutine stacks
        // grow); neither do we.
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.control_inner(context));
        self.st.vars.truncate(vars_len);
        r
    }

    fn control_inner(&mut self, context: &str) -> PResult<BranchNode> {
        let pipe = self.pipeline(context, TokenKind::RightDelim)?;
        if context == "range" {
            self.st.range_depth += 1;
        }
        let r = self.item_list();
        if context == "range" {
            self.st.range_depth -= 1;
        }
        let (list, end) = r?;
        let mut else_list = None;
        if let ListEnd::Else(else_pos) = end {
            let peek = self.peek();
            if context == "if" && peek.kind == TokenKind::If {
                self.next();
                let inner = self.control("if")?;
                else_list = Some(ListNode {
                    pos: else_pos,
                    nodes: vec![Node::If(inner)],
                });
            } else if context == "with" && peek.kind == TokenKind::With {
                self.next();
                let inner = self.control("with")?;
                else_list = Some(ListNode {
                    pos: else_pos,
                    nodes: vec![Node::With(inner)],
                });
            } else {
                let (list, end) = self.item_list()?;
                if let ListEnd::Else(_) = end {
                    return Err(self.errorf("expected end; found {{else}}".into()));
                }
                else_list = Some(list);
            }
        }
        Ok(BranchNode {
            pos: pipe.pos,
            line: pipe.line,
            pipe,
            list,
            else_list,
        })
    }

    fn template_name(&mut self, t: &Token, context: &str) -> PResult<String> {
        match t.kind {
            TokenKind::String | TokenKind::RawString => match literal::unquote(&t.val) {
                Ok(s) => Ok(s),
                Err(e) => Err(self.errorf(e.to_string())),
            },
            _ => Err(self.unexpected(t, context)),
        }
    }

    fn block_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "block clause";
        let t = self.next_non_space();
        let name = self.template_name(&t, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, TokenKind::RightDelim)?;
        // Go parses the body as a separate tree on the shared lexer; an error
        // about how the body ended is reported by the outer tree, at the line
        // of the last token the outer tree read.
        let outer_token = self.furthest;
        let saved = std::mem::take(&mut self.st);
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.item_list());
        self.st = saved;
        let (list, end) = r?;
        if let ListEnd::Else(_) = end {
            return Err(
                self.errorf_at(outer_token, format!("unexpected {{{{else}}}} in {CONTEXT}"))
            );
        }
        self.add(name.clone(), list)?;
        Ok(Node::Template(TemplateNode {
            pos: t.pos,
            line: t.line,
            name,
            pipe: Some(pipe),
        }))
    }

    fn template_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "template clause";
        let t = self.next_non_space();
        let name = self.template_name(&t, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().kind != TokenKind::RightDelim {
            self.backup();
            // Variables declared here persist until "end".
            pipe = Some(self.pipeline(CONTEXT, TokenKind::RightDelim)?);
        }
        Ok(Node::Template(TemplateNode {
            pos: t.pos,
            line: t.line,
            name,
            pipe,
        }))
    }

    fn pipeline(&mut self, context: &str, end: TokenKind) -> PResult<PipeNode> {
        let t = self.peek_non_space();
        let mut pipe = PipeNode {
            pos: t.pos,
            line: t.line,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        // Declarations or assignments?
        loop {
            let v = self.peek_non_space();
            if v.kind != TokenKind::Variable {
                break;
            }
            let v_idx = self.idx_of_next_non_space();
            self.idx = v_idx + 1;
            self.furthest = self.furthest.max(v_idx);
            let after = self.peek();
            let next = self.peek_non_space();
            if next.kind == TokenKind::Assign || next.kind == TokenKind::Declare {
                pipe.is_assign = next.kind == TokenKind::Assign;
                self.next_non_space();
                pipe.decl.push(VariableNode {
                    pos: v.pos,
                    idents: vec![self.intern(&v.val)],
                });
                self.st.vars.push(v.val.into_owned());
                break;
            } else if next.kind == TokenKind::Char && next.val == "," {
                self.next_non_space();
                pipe.decl.push(VariableNode {
                    pos: v.pos,
                    idents: vec![self.intern(&v.val)],
                });
                self.st.vars.push(v.val.into_owned());
                if context == "range" && pipe.decl.len() < 2 {
                    match self.peek_non_space().kind {
                        TokenKind::Variable | TokenKind::RightDelim | TokenKind::RightParen => {
                            continue;
                        }
                        _ => return Err(self.errorf("range can only initialize variables".into())),
                    }
                }
                return Err(self.errorf(format!("too many declarations in {context}")));
            } else {
                // Not a declaration: put the variable (and what follows) back.
                let _ = after;
                self.idx = v_idx;
                break;
            }
        }
        loop {
            let t = self.next_non_space();
            if t.kind == end {
                self.check_pipeline(&pipe, context)?;
                return Ok(pipe);
            }
            match t.kind {
                TokenKind::Bool
                | TokenKind::CharConstant
                | TokenKind::Complex
                | TokenKind::Dot
                | TokenKind::Field
                | TokenKind::Identifier
                | TokenKind::Number
                | TokenKind::Nil
                | TokenKind::RawString
                | TokenKind::String
                | TokenKind::Variable
                | TokenKind::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return Err(self.unexpected(&t, context)),
            }
        }
    }

    /// The index of the next non-space token, without consuming.
    fn idx_of_next_non_space(&self) -> usize {
        let mut i = self.idx;
        while i < self.tokens.len() - 1 && self.tokens[i].kind == TokenKind::Space {
            i += 1;
        }
        i
    }

    fn check_pipeline(&mut self, pipe: &PipeNode, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return Err(self.errorf(format!("missing value for {context}")));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args[0],
                Arg::Bool { .. } | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(_) | Arg::String { .. }
            ) {
                return Err(self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                )));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<CommandNode> {
        let pos = self.peek_non_space().pos;
        let mut cmd = CommandNode {
            pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(operand) = self.operand()? {
                cmd.args.push(operand);
            }
            let t = self.next();
            match t.kind {
                TokenKind::Space => continue,
                TokenKind::RightDelim | TokenKind::RightParen => self.backup(),
                TokenKind::Pipe => {}
                _ => return Err(self.unexpected(&t, "operand")),
            }
            break;
        }
        if cmd.args.is_empty() {
            return Err(self.errorf("empty command".into()));
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().kind != TokenKind::Field {
            return Ok(Some(node));
        }
        let chain_pos = self.peek().pos;
        let mut fields: Vec<crate::value::Str> = Vec::new();
        while self.peek().kind == TokenKind::Field {
            let t = self.next();
            fields.push(self.intern(&t.val[1..]));
        }
        Ok(Some(match node {
            Arg::Field { mut idents, .. } => {
                idents.extend(fields);
                Arg::Field {
                    pos: chain_pos,
                    idents,
                }
            }
            Arg::Variable(mut v) => {
                v.idents.extend(fields);
                v.pos = chain_pos;
                Arg::Variable(v)
            }
            Arg::Bool { .. } | Arg::String { .. } | Arg::Number(_) | Arg::Nil(_) | Arg::Dot(_) => {
                let s = crate::strconv::quote(&node.to_string());
                return Err(self.errorf(format!("unexpected . after term {s}")));
            }
            other => Arg::Chain {
                pos: chain_pos,
                node: Box::new(other),
                fields,
            },
        }))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let t = self.next_non_space();
        Ok(Some(match t.kind {
            TokenKind::Identifier => {
                if !(self.has_function)(&t.val) {
                    return Err(self.errorf(format!(
                        "function {} not defined",
                        crate::strconv::quote(&t.val)
                    )));
                }
                Arg::Identifier {
                    pos: t.pos,
                    name: self.intern(&t.val),
                }
            }
            TokenKind::Dot => Arg::Dot(t.pos),
            TokenKind::Nil => Arg::Nil(t.pos),
            TokenKind::Variable => {
                if !self.st.vars.iter().any(|v| *v == t.val) {
                    return Err(self.errorf(format!(
                        "undefined variable {}",
                        crate::strconv::quote(&t.val)
                    )));
                }
                Arg::Variable(VariableNode {
                    pos: t.pos,
                    idents: vec![self.intern(&t.val)],
                })
            }
            TokenKind::Field => Arg::Field {
                pos: t.pos,
                idents: vec![self.intern(&t.val[1..])],
            },
            TokenKind::Bool => Arg::Bool {
                pos: t.pos,
                val: t.val == "true",
            },
            TokenKind::CharConstant | TokenKind::Complex | TokenKind::Number => {
                match literal::number(t.pos, &t.val, t.kind) {
                    Ok(n) => Arg::Number(Box::new(n)),
                    Err(e) => return Err(self.errorf(e)),
                }
            }
            TokenKind::LeftParen => {
                if self.st.stack_depth >= MAX_STACK_DEPTH {
                    return Err(self.errorf("max expression depth exceeded".into()));
                }
                self.st.stack_depth += 1;
                let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                    self.pipeline("parenthesized pipeline", TokenKind::RightParen)
                });
                self.st.stack_depth -= 1;
                Arg::Pipe(Box::new(r?))
            }
            TokenKind::String | TokenKind::RawString => match literal::unquote(&t.val) {
                Ok(s) => Arg::String {
                    pos: t.pos,
                    quoted: t.val.into_owned(),
                    text: self.intern(&s),
                },
                Err(e) => return Err(self.errorf(e.to_string())),
            },
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

enum Item {
    Node(Node),
    End,
    Else(Pos),
}

fn is_empty_list(l: &ListNode) -> bool {
    l.is_empty_tree()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn funcs(name: &str) -> bool {
        matches!(name, "printf" | "eq" | "include" | "not")
    }

    fn roundtrip(src: &str) -> String {
        let trees = parse("t", src, &funcs).unwrap_or_else(|e| panic!("{src}: {e}"));
        trees
            .iter()
            .map(|t| format!("{}={}", t.name, t.root))
            .collect::<Vec<_>>()
            .join(";")
    }

    fn err(src: &str) -> String {
        parse("t", src, &funcs).unwrap_err().to_string()
    }

    #[test]
    fn parses_like_go() {
        let cases = [
            ("{{.X}}", "t={{.X}}"),
            ("{{ $x := 1 }}{{ $x }}", "t={{$x := 1}}{{$x}}"),
            (
                "{{if .A}}a{{else if .B}}b{{else}}c{{end}}",
                "t={{if .A}}a{{else}}{{if .B}}b{{else}}c{{end}}{{end}}",
            ),
            (
                "{{range $i, $v := .L}}{{$i}}{{end}}",
                "t={{range $i, $v := .L}}{{$i}}{{end}}",
            ),
            ("{{ (printf \"%d\" 1).X }}", "t={{(printf \"%d\" 1).X}}"),
            ("{{define \"a\"}}A{{end}}x", "a=A;t=x"),
            ("{{ .A | printf \"%s\" }}", "t={{.A | printf \"%s\"}}"),
            ("{{/* c */}}x", "t=x"),
            ("{{template \"a\" .}}", "t={{template \"a\" .}}"),
        ];
        for (src, want) in cases {
            assert_eq!(roundtrip(src), want, "{src}");
        }
    }

    #[test]
    fn errors_like_go() {
        let cases = [
            ("{{ if }}", "template: t:1: missing value for if"),
            (
                "{{ nosuch }}",
                "template: t:1: function \"nosuch\" not defined",
            ),
            ("{{ $x }}", "template: t:1: undefined variable \"$x\""),
            ("{{ if .A }}", "template: t:1: unexpected EOF"),
            ("{{ end }}", "template: t:1: unexpected {{end}}"),
            ("{{ break }}", "template: t:1: {{break}} outside {{range}}"),
            (
                "{{ 1 | 2 }}",
                "template: t:1: non executable command in pipeline stage 2",
            ),
            ("a\n{{ .X", "template: t:2: unclosed action"),
            (
                "{{ \"x\".Y }}",
                "template: t:1: unexpected . after term \"\\\"x\\\"\"",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(err(src), want, "{src}");
        }
    }
}
