//! The parser: tokens to trees, following Go's `text/template/parse/parse.go`
//! closely so that the same inputs fail with the same messages.

use std::sync::Arc;

use crate::ast::*;
use crate::error::{Error, Location};
use crate::fxhash::FxHashMap;
use crate::lex::{self, LexOptions, Pos, RawToken, Token, TokenKind};
use crate::literal;
use crate::value::Str;

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
    let lexed = lex::lex_raw(text, opts);
    let source = text;
    let text: Arc<str> = Arc::from(text);
    let parse_name: Arc<str> = Arc::from(name);
    // The interning tables are sized from the token count up front: grown
    // one rehash at a time they cost a tenth of parsing.
    fn table<'a, V>(tokens: usize, per: usize) -> FxHashMap<&'a str, V> {
        FxHashMap::with_capacity_and_hasher(tokens / per, Default::default())
    }
    let n = lexed.tokens.len();
    let (names, funcs, strings, texts) = (table(n, 24), table(n, 48), table(n, 48), table(n, 48));
    let mut p = Parser {
        text: source,
        tokens: lexed.tokens,
        lex_error: lexed.error,
        idx: 0,
        furthest: 0,
        parse_name: parse_name.clone(),
        has_function,
        trees: Vec::new(),
        st: TreeState::default(),
        names,
        funcs,
        strings,
        texts,
        nodes: Vec::new(),
        cmds: Vec::new(),
        args: Vec::new(),
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
struct TreeState<'a> {
    vars: Vec<&'a str>,
    range_depth: usize,
    action_line: usize,
    stack_depth: usize,
}

impl Default for TreeState<'_> {
    fn default() -> Self {
        TreeState {
            vars: vec!["$"],
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
    tokens: Vec<RawToken>,
    /// The message of the final `Error` token, if the lexer failed.
    lex_error: String,
    idx: usize,
    /// The furthest token looked at; Go reports its line in parse errors.
    furthest: usize,
    parse_name: Arc<str>,
    has_function: &'a dyn Fn(&str) -> bool,
    trees: Vec<(String, ListNode)>,
    st: TreeState<'a>,
    // Names and literals seen so far, keyed by their source text: repeated
    // ones (`.Values`, `include`, `"common.labels"`) share one allocation
    // and are checked or unquoted once.
    /// Field and variable names.
    names: FxHashMap<&'a str, Str>,
    /// Function names already found defined.
    funcs: FxHashMap<&'a str, Str>,
    /// Short text chunks (`"\n"`, `"\n  "`, `": "`), which repeat a lot.
    texts: FxHashMap<&'a str, Str>,
    /// String literals as written, with their unquoted values.
    strings: FxHashMap<&'a str, (Str, Str)>,
    // Scratch stacks: list items, commands and arguments are gathered here
    // and moved into exactly sized vectors when their node is complete.
    nodes: Vec<Node>,
    cmds: Vec<CommandNode>,
    args: Vec<Arg>,
}

type PResult<T> = Result<T, Error>;

impl<'a> Parser<'a> {
    fn intern(&mut self, s: &'a str) -> Str {
        self.names.entry(s).or_insert_with(|| s.into()).clone()
    }

    /// The text of a token: its slice of the input, or a lexing error's message.
    fn val(&self, t: RawToken) -> &str {
        if t.kind == TokenKind::Error {
            &self.lex_error
        } else {
            self.src(t)
        }
    }

    /// The slice of the input a (non-error) token covers.
    fn src(&self, t: RawToken) -> &'a str {
        &self.text[t.start()..t.end()]
    }

    /// The public form of a token, for error messages.
    fn token(&self, t: RawToken) -> Token<'_> {
        Token {
            kind: t.kind,
            pos: t.start(),
            val: std::borrow::Cow::Borrowed(self.val(t)),
            line: t.line as usize,
        }
    }

    /// Moves the items gathered on a scratch stack since `start` into an
    /// exactly sized vector.
    fn take_from<T>(stack: &mut Vec<T>, start: usize) -> Vec<T> {
        stack.drain(start..).collect()
    }

    /// Moves the items gathered on a scratch stack since `start` into an
    /// exactly sized slice.
    fn take_boxed<T>(stack: &mut Vec<T>, start: usize) -> Box<[T]> {
        Self::take_from(stack, start).into_boxed_slice()
    }

    fn token_at(&mut self, i: usize) -> RawToken {
        let i = i.min(self.tokens.len() - 1);
        self.furthest = self.furthest.max(i);
        self.tokens[i]
    }

    fn next(&mut self) -> RawToken {
        let t = self.token_at(self.idx);
        self.idx += 1;
        t
    }

    fn backup(&mut self) {
        self.idx -= 1;
    }

    fn peek(&mut self) -> RawToken {
        self.token_at(self.idx)
    }

    fn next_non_space(&mut self) -> RawToken {
        loop {
            let t = self.next();
            if t.kind != TokenKind::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> RawToken {
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
        let token = self.tokens[idx.min(self.tokens.len() - 1)];
        let line = token.line as usize;
        let line_start = self
            .text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum::<usize>();
        let col = token.start().saturating_sub(line_start);
        Error::Parse {
            location: Location::in_text(&self.parse_name, self.text, line, col),
            message,
        }
    }

    fn expect(&mut self, kind: TokenKind, context: &str) -> PResult<RawToken> {
        let t = self.next_non_space();
        if t.kind != kind {
            return Err(self.unexpected(t, context));
        }
        Ok(t)
    }

    fn unexpected(&mut self, t: RawToken, context: &str) -> Error {
        if t.kind == TokenKind::Error {
            let mut extra = String::new();
            if self.st.action_line != 0 && self.st.action_line != t.line as usize {
                extra = format!(
                    " in action started at {}:{}",
                    self.parse_name, self.st.action_line
                );
                if self.val(t).ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            let msg = format!("{}{extra}", self.token(t));
            return self.errorf(msg);
        }
        let msg = format!("unexpected {} in {context}", self.token(t));
        self.errorf(msg)
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
        let start = self.nodes.len();
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
                Item::Node(n) => self.nodes.push(n),
                Item::End => return Err(self.errorf("unexpected {{end}}".into())),
                Item::Else(_) => return Err(self.errorf("unexpected {{else}}".into())),
            }
        }
        Ok(ListNode {
            pos,
            nodes: Self::take_from(&mut self.nodes, start),
        })
    }

    fn parse_definition(&mut self) -> PResult<()> {
        const CONTEXT: &str = "define clause";
        let t = self.next_non_space();
        if t.kind != TokenKind::String && t.kind != TokenKind::RawString {
            return Err(self.unexpected(t, CONTEXT));
        }
        let name = match literal::unquote(self.src(t)) {
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
        let start = self.nodes.len();
        while self.peek_non_space().kind != TokenKind::Eof {
            let end = match self.text_or_action()? {
                Item::Node(n) => {
                    self.nodes.push(n);
                    continue;
                }
                Item::End => ListEnd::End,
                Item::Else(p) => ListEnd::Else(p),
            };
            let nodes = Self::take_from(&mut self.nodes, start);
            return Ok((ListNode { pos, nodes }, end));
        }
        Err(self.errorf("unexpected EOF".into()))
    }

    fn text_or_action(&mut self) -> PResult<Item> {
        let t = self.next_non_space();
        match t.kind {
            TokenKind::Text => Ok(Item::Node(Node::Text(TextNode {
                pos: t.pos,
                text: self.text_chunk(self.src(t)),
            }))),
            TokenKind::LeftDelim => {
                self.st.action_line = t.line as usize;
                let r = self.action();
                self.st.action_line = 0;
                r
            }
            TokenKind::Comment => Ok(Item::Node(Node::Comment(CommentNode {
                pos: t.pos,
                text: self.src(t).to_string(),
            }))),
            _ => Err(self.unexpected(t, "input")),
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
                    return Err(self.unexpected(next, what));
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

    fn control(&mut self, context: &str) -> PResult<Box<BranchNode>> {
        let vars_len = self.st.vars.len();
        // Go does not limit how deeply control clauses nest (goroutine stacks
        // grow); neither do we.
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.control_inner(context));
        self.st.vars.truncate(vars_len);
        r
    }

    fn control_inner(&mut self, context: &str) -> PResult<Box<BranchNode>> {
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
        Ok(Box::new(BranchNode {
            pos: pipe.pos,
            line: pipe.line,
            pipe,
            list,
            else_list,
        }))
    }

    fn template_name(&mut self, t: RawToken, context: &str) -> PResult<String> {
        match t.kind {
            TokenKind::String | TokenKind::RawString => match literal::unquote(self.src(t)) {
                Ok(s) => Ok(s),
                Err(e) => Err(self.errorf(e.to_string())),
            },
            _ => Err(self.unexpected(t, context)),
        }
    }

    fn block_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "block clause";
        let t = self.next_non_space();
        let name = self.template_name(t, CONTEXT)?;
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
        Ok(Node::Template(Box::new(TemplateNode {
            pos: t.pos,
            line: t.line,
            name,
            pipe: Some(pipe),
        })))
    }

    fn template_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "template clause";
        let t = self.next_non_space();
        let name = self.template_name(t, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().kind != TokenKind::RightDelim {
            self.backup();
            // Variables declared here persist until "end".
            pipe = Some(self.pipeline(CONTEXT, TokenKind::RightDelim)?);
        }
        Ok(Node::Template(Box::new(TemplateNode {
            pos: t.pos,
            line: t.line,
            name,
            pipe,
        })))
    }

    fn pipeline(&mut self, context: &str, end: TokenKind) -> PResult<PipeNode> {
        let t = self.peek_non_space();
        let mut pipe = PipeNode {
            pos: t.pos,
            line: t.line,
            is_assign: false,
            decl: Box::default(),
            cmds: Box::default(),
        };
        let mut decl = Vec::new();
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
                self.declare(&mut decl, v);
                break;
            } else if next.kind == TokenKind::Char && self.src(next) == "," {
                self.next_non_space();
                self.declare(&mut decl, v);
                if context == "range" && decl.len() < 2 {
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
        pipe.decl = decl.into_boxed_slice();
        let cmds_start = self.cmds.len();
        loop {
            let t = self.next_non_space();
            if t.kind == end {
                pipe.cmds = Self::take_boxed(&mut self.cmds, cmds_start);
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
                    self.cmds.push(cmd);
                }
                _ => return Err(self.unexpected(t, context)),
            }
        }
    }

    /// Adds the variable token `v` to the pipeline's declarations and to
    /// the variables in scope.
    fn declare(&mut self, decl: &mut Vec<VariableNode>, v: RawToken) {
        let name = self.src(v);
        // At most two declarations: keep the vector exact.
        decl.reserve_exact(1);
        decl.push(VariableNode {
            pos: v.pos,
            idents: Box::new([self.intern(name)]),
        });
        self.st.vars.push(name);
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
        let start = self.args.len();
        loop {
            self.peek_non_space();
            if let Some(operand) = self.operand()? {
                self.args.push(operand);
            }
            let t = self.next();
            match t.kind {
                TokenKind::Space => continue,
                TokenKind::RightDelim | TokenKind::RightParen => self.backup(),
                TokenKind::Pipe => {}
                _ => return Err(self.unexpected(t, "operand")),
            }
            break;
        }
        if self.args.len() == start {
            return Err(self.errorf("empty command".into()));
        }
        Ok(CommandNode {
            pos,
            args: Self::take_boxed(&mut self.args, start),
        })
    }

    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().kind != TokenKind::Field {
            return Ok(Some(node));
        }
        let chain_pos = self.peek().pos;
        // Count the chained fields first so each vector is allocated once,
        // at its final size.
        let count = self.tokens[self.idx..]
            .iter()
            .take_while(|t| t.kind == TokenKind::Field)
            .count();
        Ok(Some(match node {
            Arg::Field { idents, .. } => Arg::Field {
                pos: chain_pos,
                idents: self.chain_fields(idents, count),
            },
            Arg::Variable(mut v) => {
                v.idents = self.chain_fields(std::mem::take(&mut v.idents), count);
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
                fields: self.chain_fields(Box::default(), count),
            },
        }))
    }

    /// Consumes the `count` field tokens that follow a term and appends
    /// their names to `head`, allocating the result once.
    fn chain_fields(&mut self, head: Box<[Str]>, count: usize) -> Box<[Str]> {
        let mut out = Vec::with_capacity(head.len() + count);
        out.extend(head.into_vec());
        for _ in 0..count {
            let t = self.next();
            let name = self.intern(&self.src(t)[1..]);
            out.push(name);
        }
        out.into_boxed_slice()
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let t = self.next_non_space();
        Ok(Some(match t.kind {
            TokenKind::Identifier => Arg::Identifier {
                pos: t.pos,
                name: self.function_name(self.src(t))?,
            },
            TokenKind::Dot => Arg::Dot(t.pos),
            TokenKind::Nil => Arg::Nil(t.pos),
            TokenKind::Variable => {
                let name = self.src(t);
                if !self.st.vars.contains(&name) {
                    return Err(self.errorf(format!(
                        "undefined variable {}",
                        crate::strconv::quote(name)
                    )));
                }
                Arg::Variable(VariableNode {
                    pos: t.pos,
                    idents: Box::new([self.intern(name)]),
                })
            }
            TokenKind::Field => Arg::Field {
                pos: t.pos,
                idents: Box::new([self.intern(&self.src(t)[1..])]),
            },
            TokenKind::Bool => Arg::Bool {
                pos: t.pos,
                val: self.src(t) == "true",
            },
            TokenKind::CharConstant | TokenKind::Complex | TokenKind::Number => {
                match literal::number(t.pos, self.src(t), t.kind) {
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
            TokenKind::String | TokenKind::RawString => {
                let (quoted, text) = self.string_literal(self.src(t))?;
                Arg::String {
                    pos: t.pos,
                    quoted,
                    text,
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

impl<'a> Parser<'a> {
    /// The interned name of the function `name`, or Go's error if no such
    /// function exists.
    fn function_name(&mut self, name: &'a str) -> PResult<Str> {
        if let Some(v) = self.funcs.get(name) {
            return Ok(v.clone());
        }
        if !(self.has_function)(name) {
            return Err(self.errorf(format!(
                "function {} not defined",
                crate::strconv::quote(name)
            )));
        }
        let v = self.intern(name);
        self.funcs.insert(name, v.clone());
        Ok(v)
    }

    /// A text node's text; short ones are interned.
    fn text_chunk(&mut self, text: &'a str) -> Str {
        const SHORT: usize = 32;
        if text.len() > SHORT {
            return text.into();
        }
        self.texts
            .entry(text)
            .or_insert_with(|| text.into())
            .clone()
    }

    /// A string literal's source form and value, both interned.
    fn string_literal(&mut self, quoted: &'a str) -> PResult<(Str, Str)> {
        if let Some(v) = self.strings.get(quoted) {
            return Ok(v.clone());
        }
        let text = match literal::unquote(quoted) {
            Ok(s) => s,
            Err(e) => return Err(self.errorf(e.to_string())),
        };
        let v: (Str, Str) = (quoted.into(), text.into());
        self.strings.insert(quoted, v.clone());
        Ok(v)
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
