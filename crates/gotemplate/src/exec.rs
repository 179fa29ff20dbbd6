//! The executor: walks a parse tree with a dot value and writes output, with
//! Go's `text/template/exec.go` semantics (value lookup, argument conversion,
//! variable scoping, error texts and positions).

use std::collections::HashMap;
use std::sync::Arc;

use crate::ast::*;
use crate::builtins::{self, Builtin};
use crate::error::{Error, ExecError, ExecErrorKind, Location};
use crate::func::{CallContext, Extensions, FuncError, FuncMap, Function};
use crate::gofmt;
use crate::lex::Pos;
use crate::parse;
use crate::value::{ElemType, GoType, Signature, Str, Value};

/// Go's `maxExecDepth`: nesting of `{{template}}` calls within one execution.
pub const MAX_EXEC_DEPTH: usize = 100_000;

/// What a missing map key yields (Go's `missingkey` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MissingKey {
    /// `missingkey=default`/`invalid`: the invalid value, printed `<no value>`.
    #[default]
    Default,
    /// `missingkey=zero`: the zero value of the map's element type.
    Zero,
    /// `missingkey=error`: execution stops with an error.
    Error,
}

/// Optional execution budgets for embedders; all off by default.
#[derive(Clone, Copy, Debug, Default)]
pub struct Limits {
    /// Maximum evaluation steps (nodes walked plus function calls) per execution.
    pub max_steps: Option<u64>,
    /// Maximum bytes of output of one template execution.
    pub max_output: Option<usize>,
}

/// A set of named templates sharing functions and options: Go's `*Template`
/// with its associated templates.
#[derive(Clone)]
pub struct Templates {
    name: String,
    trees: HashMap<String, Arc<Tree>>,
    funcs: Arc<FuncMap>,
    missing_key: MissingKey,
    limits: Limits,
}

impl Templates {
    /// An empty set called `name` (the name Go reports when a lookup fails).
    pub fn new(name: impl Into<String>, funcs: FuncMap) -> Templates {
        Templates {
            name: name.into(),
            trees: HashMap::new(),
            funcs: Arc::new(funcs),
            missing_key: MissingKey::Default,
            limits: Limits::default(),
        }
    }

    /// Sets what a missing map key yields (Go's `Option("missingkey=...")`).
    pub fn set_missing_key(&mut self, mk: MissingKey) {
        self.missing_key = mk;
    }

    /// The current `missingkey` mode.
    pub fn missing_key(&self) -> MissingKey {
        self.missing_key
    }

    /// Sets the execution budgets applied to every later execution.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    /// The host functions the set was created with (builtins not included).
    pub fn funcs(&self) -> &FuncMap {
        &self.funcs
    }

    /// Whether `name` is a function templates can call (host or builtin).
    pub fn has_function(&self, name: &str) -> bool {
        self.funcs.contains(name) || Builtin::from_name(name).is_some()
    }

    /// Parses `text` as the template `name` (Go: `t.New(name).Parse(text)`):
    /// the template and its `define`s join the set, later definitions
    /// replacing earlier ones unless they are empty.
    pub fn parse(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let trees = parse::parse(name, text, &|f| self.has_function(f))?;
        self.add_trees(trees);
        Ok(())
    }

    /// Parses without adding: for hosts that parse many templates in parallel
    /// and add them in a fixed order afterwards.
    pub fn parse_trees(&self, name: &str, text: &str) -> Result<Vec<Tree>, Error> {
        parse::parse(name, text, &|f| self.has_function(f))
    }

    /// Adds parsed trees with Go's `AddParseTree` rules.
    pub fn add_trees(&mut self, trees: Vec<Tree>) {
        for tree in trees {
            add_tree(&mut self.trees, tree, |_| false);
        }
    }

    /// The parsed tree of the template `name` (Go's `Lookup`).
    pub fn lookup(&self, name: &str) -> Option<&Arc<Tree>> {
        self.trees.get(name)
    }

    /// The names of all templates, unordered.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.trees.keys().map(String::as_str)
    }

    /// Executes the named template with `data` as dot.
    pub fn execute(&self, name: &str, data: &Value) -> Result<String, Error> {
        let mut ext = Extensions::default();
        self.execute_with(name, data, &mut ext)
    }

    /// Executes with host state that functions can reach through
    /// [`CallContext::extensions`].
    pub fn execute_with(
        &self,
        name: &str,
        data: &Value,
        ext: &mut Extensions,
    ) -> Result<String, Error> {
        let scope = Scope {
            base: self,
            overlays: Vec::new(),
        };
        let mut shared = Shared { ext, steps: 0 };
        execute_in(&scope, &mut shared, name, data)
    }
}

/// Installs a tree unless it is empty and a template of that name already
/// exists (Go's `associate`). `exists_elsewhere` says whether an outer scope
/// already defines the name.
fn add_tree(
    map: &mut HashMap<String, Arc<Tree>>,
    tree: Tree,
    exists_elsewhere: impl Fn(&str) -> bool,
) {
    if tree.is_empty() && (map.contains_key(&tree.name) || exists_elsewhere(&tree.name)) {
        return;
    }
    map.insert(tree.name.clone(), Arc::new(tree));
}

/// The templates visible to an execution: the set plus templates defined by
/// `tpl`-style sources, innermost last.
struct Scope<'a> {
    base: &'a Templates,
    overlays: Vec<Arc<HashMap<String, Arc<Tree>>>>,
}

impl Scope<'_> {
    fn lookup(&self, name: &str) -> Option<&Arc<Tree>> {
        self.overlays
            .iter()
            .rev()
            .find_map(|o| o.get(name))
            .or_else(|| self.base.trees.get(name))
    }
}

/// State shared by an execution and every nested execution it starts.
struct Shared<'e> {
    ext: &'e mut Extensions,
    steps: u64,
}

fn execute_in(
    scope: &Scope<'_>,
    shared: &mut Shared<'_>,
    name: &str,
    data: &Value,
) -> Result<String, Error> {
    let Some(tree) = scope.lookup(name) else {
        return Err(Error::NoTemplate {
            name: name.to_string(),
            set: scope.base.name.clone(),
        });
    };
    let dot = if data.is_nil() {
        Rv::Invalid
    } else {
        Rv::Val(data.clone())
    };
    let mut state = State {
        scope,
        shared,
        tree,
        vars: vec![("$".into(), dot.clone())],
        depth: 0,
        out: String::new(),
        node: None,
    };
    match stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || {
        state.walk_list(&dot, &tree.root)
    }) {
        Ok(()) => Ok(state.out),
        Err(Abort::Err(e)) => Err(*e),
        // The parser rejects break/continue outside range.
        Err(Abort::Break | Abort::Continue) => Ok(state.out),
    }
}

/// A value during evaluation, with the distinctions Go's `reflect.Value`
/// makes that templates can observe.
#[derive(Clone, Debug)]
pub(crate) enum Rv {
    /// No value at all (a nil that went through a pipeline, a nil root).
    Invalid,
    /// A value whose static type is `interface {}` (a map element), maybe nil.
    Iface(Value),
    /// A value of a concrete type (never nil).
    Val(Value),
}

impl Rv {
    pub(crate) fn from_result(v: Value) -> Rv {
        if v.is_nil() { Rv::Iface(v) } else { Rv::Val(v) }
    }

    /// The contained value (nil for invalid).
    pub(crate) fn value(&self) -> &Value {
        static NIL: Value = Value::Nil;
        match self {
            Rv::Invalid => &NIL,
            Rv::Iface(v) | Rv::Val(v) => v,
        }
    }

    pub(crate) fn into_value(self) -> Value {
        match self {
            Rv::Invalid => Value::Nil,
            Rv::Iface(v) | Rv::Val(v) => v,
        }
    }

    /// Go's pipeline step "if the object has type interface{}, dig down one level".
    fn dig(self) -> Rv {
        match self {
            Rv::Iface(Value::Nil) => Rv::Invalid,
            Rv::Iface(v) => Rv::Val(v),
            other => other,
        }
    }

    /// The static type name, as Go's error messages show it.
    fn static_type(&self) -> &str {
        match self {
            Rv::Invalid => "<nil>",
            Rv::Iface(_) => "interface {}",
            Rv::Val(v) => v.type_name(),
        }
    }
}

/// Why a walk stopped early.
pub(crate) enum Abort {
    Break,
    Continue,
    Err(Box<Error>),
}

impl From<Error> for Abort {
    fn from(e: Error) -> Abort {
        Abort::Err(Box::new(e))
    }
}

type R<T> = Result<T, Abort>;

/// The node an error is reported at (Go's `s.at(node)`).
#[derive(Clone, Copy)]
pub(crate) enum At<'n> {
    Arg(&'n Arg),
    Cmd(&'n CommandNode),
    Pipe(&'n PipeNode),
    Node(&'n Node),
    Var(&'n VariableNode),
}

impl At<'_> {
    fn pos(&self) -> Pos {
        match self {
            At::Arg(a) => a.pos(),
            At::Cmd(c) => c.pos,
            At::Pipe(p) => p.pos,
            At::Node(n) => n.pos(),
            At::Var(v) => v.pos,
        }
    }

    fn context(&self) -> String {
        match self {
            At::Arg(a) => a.to_string(),
            At::Cmd(c) => c.to_string(),
            At::Pipe(p) => p.to_string(),
            At::Node(n) => n.to_string(),
            At::Var(v) => v.to_string(),
        }
    }
}

struct State<'s, 'e> {
    scope: &'s Scope<'s>,
    shared: &'s mut Shared<'e>,
    tree: &'s Tree,
    vars: Vec<(Str, Rv)>,
    depth: usize,
    out: String,
    /// The node errors are reported at: Go's `state.node`, moved by `s.at`
    /// at the same places as in Go, so errors point where Go's point.
    node: Option<At<'s>>,
}

/// A parameter of a builtin: a `reflect.Value` (passed as evaluated) or a Go type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Param {
    Reflect,
    Go(GoType),
}

impl<'s, 'e> State<'s, 'e> {
    fn at(&mut self, at: At<'s>) {
        self.node = Some(at);
    }

    /// Go's `s.errorf`: an error at the current node.
    fn errorf(&self, msg: impl Into<String>) -> Abort {
        self.error_kind(ExecErrorKind::Message(msg.into()))
    }

    fn error_kind(&self, kind: ExecErrorKind) -> Abort {
        let error = match self.node {
            Some(at) => {
                let (line, col) = self.tree.location(at.pos());
                ExecError {
                    location: Some(Location::in_text(
                        &self.tree.parse_name,
                        &self.tree.text,
                        line,
                        col,
                    )),
                    template: self.tree.name.clone(),
                    context: at.context(),
                    kind,
                }
            }
            None => ExecError {
                location: None,
                template: self.tree.name.clone(),
                context: String::new(),
                kind,
            },
        };
        Abort::Err(Box::new(Error::Exec(Box::new(error))))
    }

    fn call_error(&self, name: &str, cause: FuncError) -> Abort {
        self.error_kind(ExecErrorKind::Call {
            func: name.to_string(),
            cause,
        })
    }

    fn step(&mut self) -> R<()> {
        if let Some(max) = self.scope.base.limits.max_steps {
            self.shared.steps += 1;
            if self.shared.steps > max {
                return Err(self.errorf(format!("execution step limit ({max}) exceeded")));
            }
        }
        Ok(())
    }

    fn write(&mut self, s: &str) -> R<()> {
        self.out.push_str(s);
        if let Some(max) = self.scope.base.limits.max_output
            && self.out.len() > max
        {
            return Err(self.errorf(format!("output size limit ({max} bytes) exceeded")));
        }
        Ok(())
    }

    // ---- variables ----

    fn mark(&self) -> usize {
        self.vars.len()
    }

    fn pop(&mut self, mark: usize) {
        self.vars.truncate(mark);
    }

    fn var_value(&self, name: &str) -> R<Rv> {
        match self.vars.iter().rev().find(|(n, _)| &**n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(self.errorf(format!("undefined variable: {name}"))),
        }
    }

    fn set_var(&mut self, name: &str, v: Rv) -> R<()> {
        match self.vars.iter_mut().rev().find(|(n, _)| &**n == name) {
            Some(slot) => {
                slot.1 = v;
                Ok(())
            }
            None => Err(self.errorf(format!("undefined variable: {name}"))),
        }
    }

    fn set_top_var(&mut self, n: usize, v: Rv) {
        let len = self.vars.len();
        self.vars[len - n].1 = v;
    }

    // ---- walking ----

    fn walk_list(&mut self, dot: &Rv, list: &'s ListNode) -> R<()> {
        for node in &list.nodes {
            self.walk(dot, node)?;
        }
        Ok(())
    }

    fn walk(&mut self, dot: &Rv, node: &'s Node) -> R<()> {
        self.at(At::Node(node));
        self.step()?;
        match node {
            Node::Text(t) => self.write(&t.text),
            Node::Action(a) => {
                let val = self.eval_pipeline(dot, &a.pipe)?;
                if a.pipe.decl.is_empty() {
                    self.print_value(node, &val)?;
                }
                Ok(())
            }
            Node::Comment(_) => Ok(()),
            // Control clauses may nest without limit, as in Go.
            Node::If(b) => grow(|| self.walk_if_or_with(false, dot, b)),
            Node::With(b) => grow(|| self.walk_if_or_with(true, dot, b)),
            Node::Range(b) => grow(|| self.walk_range(dot, node, b)),
            Node::Template(t) => self.walk_template(dot, node, t),
            Node::Break(_) => Err(Abort::Break),
            Node::Continue(_) => Err(Abort::Continue),
        }
    }

    fn print_value(&mut self, node: &'s Node, v: &Rv) -> R<()> {
        self.at(At::Node(node));
        match v {
            Rv::Invalid => self.write("<no value>"),
            Rv::Iface(Value::Object(o)) | Rv::Val(Value::Object(o)) => {
                match o.to_go_string_addressable() {
                    Some(s) => self.write(&s),
                    None => {
                        let mut s = String::new();
                        gofmt::write_value(&mut s, &Value::Object(o.clone()));
                        self.write(&s)
                    }
                }
            }
            Rv::Iface(v) | Rv::Val(v) => {
                let mut s = String::new();
                gofmt::write_value(&mut s, v);
                self.write(&s)
            }
        }
    }

    fn walk_if_or_with(&mut self, is_with: bool, dot: &Rv, b: &'s BranchNode) -> R<()> {
        let mark = self.mark();
        let r = self.walk_if_or_with_inner(is_with, dot, b);
        self.pop(mark);
        r
    }

    fn walk_if_or_with_inner(&mut self, is_with: bool, dot: &Rv, b: &'s BranchNode) -> R<()> {
        let val = self.eval_pipeline(dot, &b.pipe)?;
        if is_true(&val) {
            if is_with {
                self.walk_list(&val, &b.list)
            } else {
                self.walk_list(dot, &b.list)
            }
        } else if let Some(else_list) = &b.else_list {
            self.walk_list(dot, else_list)
        } else {
            Ok(())
        }
    }

    fn walk_range(&mut self, dot: &Rv, node: &'s Node, r: &'s BranchNode) -> R<()> {
        self.at(At::Node(node));
        let mark = self.mark();
        let res = self.walk_range_inner(dot, r);
        self.pop(mark);
        match res {
            Err(Abort::Break) => Ok(()),
            other => other,
        }
    }

    /// One iteration of a range: binds the variables, walks the body with
    /// the element as dot and consumes a `continue`.
    fn range_iteration(&mut self, r: &'s BranchNode, mark: usize, index: Rv, elem: Rv) -> R<()> {
        let decl = &r.pipe.decl;
        if !decl.is_empty() {
            if r.pipe.is_assign {
                // With two variables, index comes first; with one, the element.
                let first = if decl.len() > 1 {
                    index.clone()
                } else {
                    elem.clone()
                };
                self.set_var(&decl[0].idents[0], first)?;
            } else {
                self.set_top_var(1, elem.clone());
            }
        }
        if decl.len() > 1 {
            if r.pipe.is_assign {
                self.set_var(&decl[1].idents[0], elem.clone())?;
            } else {
                self.set_top_var(2, index);
            }
        }
        let res = self.walk_list(&elem, &r.list);
        self.pop(mark);
        match res {
            Err(Abort::Continue) => Ok(()),
            other => other,
        }
    }

    fn walk_range_inner(&mut self, dot: &Rv, r: &'s BranchNode) -> R<()> {
        let val = self.eval_pipeline(dot, &r.pipe)?.dig();
        let mark = self.mark();
        match val.value() {
            Value::Int(n) | Value::Int64(n) => {
                if r.pipe.decl.len() > 1 {
                    let mut s = String::new();
                    gofmt::write_value(&mut s, val.value());
                    return Err(self.errorf(format!(
                        "can't use {s} to iterate over more than one variable"
                    )));
                }
                let n = *n;
                let typed = if matches!(val.value(), Value::Int(_)) {
                    Value::Int
                } else {
                    Value::Int64
                };
                if n > 0 {
                    for i in 0..n {
                        self.range_iteration(r, mark, Rv::Invalid, Rv::Val(typed(i)))?;
                    }
                    return Ok(());
                }
            }
            Value::List(l) if !l.is_empty() => {
                let iface = l.elem() == ElemType::Any;
                for (i, item) in l.iter().enumerate() {
                    let elem = if iface {
                        Rv::Iface(item.clone())
                    } else {
                        Rv::Val(item.clone())
                    };
                    self.range_iteration(r, mark, Rv::Val(Value::Int(i as i64)), elem)?;
                }
                return Ok(());
            }
            Value::Bytes(b) if !b.is_empty() => {
                for (i, byte) in b.iter().enumerate() {
                    let (index, elem) = (Value::Int(i as i64), Value::Int(*byte as i64));
                    self.range_iteration(r, mark, Rv::Val(index), Rv::Val(elem))?;
                }
                return Ok(());
            }
            Value::Map(m) if !m.is_empty() => {
                for (k, v) in m.entries() {
                    self.range_iteration(r, mark, Rv::Val(Value::String(k)), Rv::Iface(v))?;
                }
                return Ok(());
            }
            Value::List(_) | Value::Bytes(_) | Value::Map(_) | Value::Nil => {}
            Value::Object(o) if o.length().is_some() => {
                // Map- and slice-like host objects range over their data view.
                match o.to_data() {
                    Value::Map(m) if !m.is_empty() => {
                        for (k, v) in m.entries() {
                            let elem = Rv::from_result(v);
                            self.range_iteration(r, mark, Rv::Val(Value::String(k)), elem)?;
                        }
                        return Ok(());
                    }
                    Value::List(l) if !l.is_empty() => {
                        for (i, v) in l.iter().enumerate() {
                            let (index, elem) = (Value::Int(i as i64), Rv::from_result(v.clone()));
                            self.range_iteration(r, mark, Rv::Val(index), elem)?;
                        }
                        return Ok(());
                    }
                    _ => {}
                }
            }
            other => {
                let mut s = String::new();
                gofmt::write_value(&mut s, other);
                return Err(self.errorf(format!("range can't iterate over {s}")));
            }
        }
        if let Some(else_list) = &r.else_list {
            self.walk_list(dot, else_list)?;
        }
        Ok(())
    }

    fn walk_template(&mut self, dot: &Rv, node: &'s Node, t: &'s TemplateNode) -> R<()> {
        self.at(At::Node(node));
        let Some(tree) = self.scope.lookup(&t.name) else {
            return Err(self.errorf(format!(
                "template {} not defined",
                crate::strconv::quote(&t.name)
            )));
        };
        if self.depth >= MAX_EXEC_DEPTH {
            return Err(self.errorf(format!(
                "exceeded maximum template depth ({MAX_EXEC_DEPTH})"
            )));
        }
        // Variables declared by the pipeline persist.
        let new_dot = match &t.pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Rv::Invalid,
        };
        // Go runs the template on a copy of the state: the callee's variables,
        // tree and error node do not leak back.
        let saved_tree = std::mem::replace(&mut self.tree, tree);
        let saved_vars = std::mem::replace(&mut self.vars, vec![("$".into(), new_dot.clone())]);
        let saved_node = self.node;
        self.depth += 1;
        let res = stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || {
            self.walk_list(&new_dot, &tree.root)
        });
        self.depth -= 1;
        self.node = saved_node;
        self.vars = saved_vars;
        self.tree = saved_tree;
        match res {
            // break/continue cannot cross a template boundary (the parser checks).
            Err(Abort::Break | Abort::Continue) => Ok(()),
            other => other,
        }
    }

    // ---- evaluation ----

    fn eval_pipeline(&mut self, dot: &Rv, pipe: &'s PipeNode) -> R<Rv> {
        // Parenthesized pipelines nest up to the parser's limit (10000).
        grow(|| self.eval_pipeline_inner(dot, pipe))
    }

    fn eval_pipeline_inner(&mut self, dot: &Rv, pipe: &'s PipeNode) -> R<Rv> {
        self.at(At::Pipe(pipe));
        let mut value: Option<Rv> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.dig());
        }
        let value = value.unwrap_or(Rv::Invalid);
        for var in &pipe.decl {
            if pipe.is_assign {
                self.set_var(&var.idents[0], value.clone())?;
            } else {
                self.vars.push((var.idents[0].clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Arg], fin: &Option<Rv>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            return Err(self.errorf(format!("can't give argument to non-function {}", args[0])));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Rv, cmd: &'s CommandNode, fin: Option<Rv>) -> R<Rv> {
        let first = &cmd.args[0];
        match first {
            Arg::Field { .. } => return self.eval_field_node(dot, first, &cmd.args, fin),
            Arg::Chain { .. } => return self.eval_chain_node(dot, first, &cmd.args, fin),
            Arg::Identifier { name, .. } => {
                return self.eval_function(dot, first, name, At::Cmd(cmd), &cmd.args, fin);
            }
            Arg::Pipe(p) => {
                // The arguments are all inside the pipeline; a piped value cannot be.
                self.not_a_function(&cmd.args, &fin)?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable(v) => return self.eval_variable_node(dot, v, &cmd.args, fin),
            _ => {}
        }
        self.at(At::Arg(first));
        self.not_a_function(&cmd.args, &fin)?;
        match first {
            Arg::Bool { val, .. } => Ok(Rv::Val(Value::Bool(*val))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => Err(self.errorf("nil is not a command")),
            Arg::Number(n) => self.ideal_constant(first, n),
            Arg::String { text, .. } => Ok(Rv::Val(Value::String(text.clone()))),
            _ => Err(self.errorf(format!("can't evaluate command {first}"))),
        }
    }

    /// Go's `idealConstant`: a number whose type only its syntax tells.
    fn ideal_constant(&mut self, at: &'s Arg, n: &NumberNode) -> R<Rv> {
        self.at(At::Arg(at));
        if n.is_complex {
            return Err(self.errorf("not supported: complex number constants"));
        }
        let text = &n.text;
        let is_hex_int = text.len() > 2
            && text.starts_with('0')
            && matches!(text.as_bytes()[1], b'x' | b'X')
            && !text.contains(['p', 'P']);
        let is_rune = text.starts_with('\'');
        if n.is_float && !is_hex_int && !is_rune && text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Ok(Rv::Val(Value::Float(n.float)));
        }
        if n.is_int {
            return Ok(Rv::Val(Value::Int(n.int)));
        }
        if n.is_uint {
            return Err(self.errorf(format!("{text} overflows int")));
        }
        Ok(Rv::Invalid)
    }

    fn eval_field_node(
        &mut self,
        dot: &Rv,
        field: &'s Arg,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let Arg::Field { idents, .. } = field else {
            unreachable!("eval_field_node on a field node")
        };
        self.at(At::Arg(field));
        self.eval_field_chain(dot, dot.clone(), At::Arg(field), idents, args, fin)
    }

    fn eval_chain_node(
        &mut self,
        dot: &Rv,
        chain: &'s Arg,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let Arg::Chain { node, fields, .. } = chain else {
            unreachable!("eval_chain_node on a chain node")
        };
        self.at(At::Arg(chain));
        if let Arg::Nil(_) = node.as_ref() {
            return Err(self.errorf(format!("indirection through explicit nil in {chain}")));
        }
        // (pipe).Field1.Field2: evaluate the pipeline, then the fields.
        let pipe = self.eval_arg(dot, Param::Reflect, node)?;
        self.eval_field_chain(dot, pipe, At::Arg(chain), fields, args, fin)
    }

    fn eval_variable_node(
        &mut self,
        dot: &Rv,
        v: &'s VariableNode,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        self.at(At::Var(v));
        let value = self.var_value(&v.idents[0])?;
        if v.idents.len() == 1 {
            if !args.is_empty() {
                self.not_a_function(args, &fin)?;
            }
            return Ok(value);
        }
        self.eval_field_chain(dot, value, At::Var(v), &v.idents[1..], args, fin)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Rv,
        mut receiver: Rv,
        node: At<'s>,
        idents: &'s [Str],
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let n = idents.len();
        for ident in &idents[..n - 1] {
            receiver = self.eval_field(dot, ident, node, &[], None, receiver)?;
        }
        // Now if it's a method, it gets the arguments.
        self.eval_field(dot, &idents[n - 1], node, args, fin, receiver)
    }

    fn eval_field(
        &mut self,
        dot: &Rv,
        name: &str,
        node: At<'s>,
        args: &'s [Arg],
        fin: Option<Rv>,
        receiver: Rv,
    ) -> R<Rv> {
        let static_type = receiver.static_type().to_string();
        let value = match receiver {
            Rv::Invalid => {
                if self.scope.base.missing_key == MissingKey::Error {
                    return Err(self.errorf(format!(
                        "nil data; no entry for key {}",
                        crate::strconv::quote(name)
                    )));
                }
                return Ok(Rv::Invalid);
            }
            Rv::Iface(Value::Nil) => {
                return Err(self.errorf(format!("nil pointer evaluating {static_type}.{name}")));
            }
            Rv::Iface(v) | Rv::Val(v) => v,
        };
        let has_args = args.len() > 1 || fin.is_some();
        match &value {
            Value::Object(o) => {
                if let Some(sig) = o.method(name) {
                    let obj = o.clone();
                    let f = |_: &mut dyn CallContext, argv: Vec<Value>| {
                        obj.call_method(name, argv).map_err(FuncError::Message)
                    };
                    return self.eval_call(dot, &sig, &f, node, name, args, fin);
                }
                if let Some(v) = o.field(name) {
                    if has_args {
                        return Err(self.errorf(format!(
                            "{name} has arguments but cannot be invoked as function"
                        )));
                    }
                    return Ok(Rv::from_result(v));
                }
            }
            Value::Map(m) => {
                if has_args {
                    return Err(self.errorf(format!("{name} is not a method but has arguments")));
                }
                return match m.get(name) {
                    Some(v) => Ok(Rv::Iface(v)),
                    None => match self.scope.base.missing_key {
                        MissingKey::Default => Ok(Rv::Invalid),
                        MissingKey::Zero => Ok(Rv::Iface(Value::Nil)),
                        MissingKey::Error => Err(self.errorf(format!(
                            "map has no entry for key {}",
                            crate::strconv::quote(name)
                        ))),
                    },
                };
            }
            _ => {}
        }
        Err(self.errorf(format!("can't evaluate field {name} in type {static_type}")))
    }

    fn eval_function(
        &mut self,
        dot: &Rv,
        ident: &'s Arg,
        name: &str,
        node: At<'s>,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        self.at(At::Arg(ident));
        self.step()?;
        let scope: &'s Scope<'s> = self.scope;
        if let Some(f) = scope.base.funcs.get(name) {
            let f: &'s Function = f;
            return self.eval_call(dot, &f.sig, &*f.body, node, name, args, fin);
        }
        match Builtin::from_name(name) {
            Some(b) => self.eval_builtin(dot, b, node, name, args, fin),
            None => Err(self.errorf(format!(
                "{} is not a defined function",
                crate::strconv::quote(name)
            ))),
        }
    }

    /// Go's `evalCall` for host functions and methods.
    #[allow(clippy::too_many_arguments)]
    fn eval_call(
        &mut self,
        dot: &Rv,
        sig: &Signature,
        body: &CallBody<'_>,
        node: At<'s>,
        name: &str,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let args = if args.is_empty() { args } else { &args[1..] };
        let params: Vec<Param> = sig.params.iter().map(|&t| Param::Go(t)).collect();
        let variadic = sig.variadic.map(Param::Go);
        let argv = self.eval_args(dot, &params, variadic, name, args, fin)?;
        let argv = argv.into_iter().map(Rv::into_value).collect();
        match body(self, argv) {
            Ok(v) => Ok(Rv::from_result(v)),
            Err(cause) => {
                self.at(node);
                Err(self.call_error(name, cause))
            }
        }
    }

    /// Checks the argument count and evaluates and converts the arguments
    /// of a call (the first half of Go's `evalCall`).
    fn eval_args(
        &mut self,
        dot: &Rv,
        params: &[Param],
        variadic: Option<Param>,
        name: &str,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Vec<Rv>> {
        let num_in = args.len() + usize::from(fin.is_some());
        let num_fixed = params.len();
        match variadic {
            Some(_) => {
                if num_in < num_fixed {
                    return Err(self.errorf(format!(
                        "wrong number of args for {name}: want at least {num_fixed} got {}",
                        args.len()
                    )));
                }
            }
            None => {
                if num_in != num_fixed {
                    return Err(self.errorf(format!(
                        "wrong number of args for {name}: want {num_fixed} got {num_in}"
                    )));
                }
            }
        }
        let mut argv = Vec::with_capacity(num_in);
        for (i, arg) in args.iter().enumerate() {
            let ty = params
                .get(i)
                .copied()
                .unwrap_or_else(|| variadic.expect("counted above"));
            argv.push(self.eval_arg(dot, ty, arg)?);
        }
        if let Some(fin) = fin {
            let ty = if num_in - 1 < num_fixed {
                params[num_in - 1]
            } else {
                variadic.expect("counted above")
            };
            argv.push(self.validate_param(fin, ty)?);
        }
        Ok(argv)
    }

    fn validate_param(&self, v: Rv, ty: Param) -> R<Rv> {
        match ty {
            // A reflect.Value parameter takes the value as it is.
            Param::Reflect => Ok(v),
            Param::Go(ty) => self.validate_type(v, ty),
        }
    }

    /// Go's `validateType`: converts a value to a parameter type or fails.
    fn validate_type(&self, v: Rv, ty: GoType) -> R<Rv> {
        match v {
            Rv::Invalid => {
                if ty.can_be_nil() {
                    Ok(Rv::Val(ty.zero()))
                } else {
                    Err(self.errorf(format!("invalid value; expected {}", ty.name())))
                }
            }
            Rv::Iface(Value::Nil) => {
                if ty == GoType::Any {
                    Ok(Rv::Iface(Value::Nil))
                } else {
                    Err(self.errorf(format!(
                        "wrong type for value; expected {}; got interface {{}}",
                        ty.name()
                    )))
                }
            }
            Rv::Iface(v) | Rv::Val(v) => {
                if ty.accepts(&v) {
                    Ok(Rv::Val(v))
                } else {
                    Err(self.errorf(format!(
                        "wrong type for value; expected {}; got {}",
                        ty.name(),
                        v.type_name()
                    )))
                }
            }
        }
    }

    /// Go's `evalArg`.
    fn eval_arg(&mut self, dot: &Rv, ty: Param, arg: &'s Arg) -> R<Rv> {
        self.at(At::Arg(arg));
        let v = match arg {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) => {
                return match ty {
                    Param::Reflect => Ok(Rv::Invalid),
                    Param::Go(t) if t.can_be_nil() => Ok(Rv::Val(t.zero())),
                    Param::Go(t) => Err(self.errorf(format!("cannot assign nil to {}", t.name()))),
                };
            }
            Arg::Field { .. } => self.eval_field_node(dot, arg, std::slice::from_ref(arg), None)?,
            Arg::Variable(var) => self.eval_variable_node(dot, var, &[], None)?,
            Arg::Pipe(p) => self.eval_pipeline(dot, p)?,
            Arg::Identifier { name, .. } => {
                self.eval_function(dot, arg, name, At::Arg(arg), &[], None)?
            }
            Arg::Chain { .. } => self.eval_chain_node(dot, arg, &[], None)?,
            _ => return self.eval_literal_arg(dot, ty, arg),
        };
        self.validate_param(v, ty)
    }

    /// The literal half of Go's `evalArg`: a constant converted to the parameter type.
    fn eval_literal_arg(&mut self, dot: &Rv, ty: Param, arg: &'s Arg) -> R<Rv> {
        let ty = match ty {
            Param::Reflect | Param::Go(GoType::Any) => return self.eval_empty_interface(dot, arg),
            Param::Go(t) => t,
        };
        let v = match (ty, arg) {
            (GoType::Bool, Arg::Bool { val, .. }) => Value::Bool(*val),
            (GoType::Bool, _) => return Err(self.errorf(format!("expected bool; found {arg}"))),
            (GoType::Float64, Arg::Number(n)) if n.is_float => Value::Float(n.float),
            (GoType::Float64, _) => return Err(self.errorf(format!("expected float; found {arg}"))),
            (GoType::Int, Arg::Number(n)) if n.is_int => Value::Int(n.int),
            (GoType::Int64, Arg::Number(n)) if n.is_int => Value::Int64(n.int),
            (GoType::Int | GoType::Int64, _) => {
                return Err(self.errorf(format!("expected integer; found {arg}")));
            }
            (GoType::String, Arg::String { text, .. }) => Value::String(text.clone()),
            (GoType::String, _) => return Err(self.errorf(format!("expected string; found {arg}"))),
            _ => {
                return Err(
                    self.errorf(format!("can't handle {arg} for arg of type {}", ty.name()))
                );
            }
        };
        Ok(Rv::Val(v))
    }

    /// Go's `evalEmptyInterface` for literal operands.
    fn eval_empty_interface(&mut self, dot: &Rv, arg: &'s Arg) -> R<Rv> {
        self.at(At::Arg(arg));
        match arg {
            Arg::Bool { val, .. } => Ok(Rv::Val(Value::Bool(*val))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Number(n) => self.ideal_constant(arg, n),
            Arg::String { text, .. } => Ok(Rv::Val(Value::String(text.clone()))),
            _ => Err(self.errorf(format!(
                "can't handle assignment of {arg} to empty interface argument"
            ))),
        }
    }

    fn eval_builtin(
        &mut self,
        dot: &Rv,
        b: Builtin,
        node: At<'s>,
        name: &str,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let (params, variadic) = b.signature();
        if matches!(b, Builtin::And | Builtin::Or) {
            let args = if args.is_empty() { args } else { &args[1..] };
            let num_in = args.len() + usize::from(fin.is_some());
            if num_in < params.len() {
                return Err(self.errorf(format!(
                    "wrong number of args for {name}: want at least {} got {}",
                    params.len(),
                    args.len()
                )));
            }
            // and/or short-circuit and return the deciding operand; a piped
            // final operand is returned as it is when nothing decided earlier.
            let want = b == Builtin::Or;
            let mut last = Rv::Invalid;
            for arg in args {
                let v = self.eval_arg(dot, Param::Reflect, arg)?;
                if is_true(&v) == want {
                    return Ok(v);
                }
                last = v;
            }
            return Ok(fin.unwrap_or(last));
        }
        let call_args = if args.is_empty() { args } else { &args[1..] };
        let argv = self.eval_args(dot, params, variadic, name, call_args, fin.clone())?;
        if b == Builtin::Call {
            // There are no function values in this value model, so `call` can only fail.
            let callee = match call_args.first() {
                Some(a) => a.to_string(),
                None => reflect_string(fin.as_ref().unwrap_or(&Rv::Invalid)),
            };
            let cause = match builtins_concrete_type(&argv[0]) {
                None => "call of nil".to_string(),
                Some(t) => format!("non-function {callee} of type {t}"),
            };
            self.at(node);
            return Err(self.call_error(name, FuncError::Message(cause)));
        }
        match builtins::call(b, argv) {
            Ok(v) => Ok(v),
            Err(cause) => {
                self.at(node);
                Err(self.call_error(name, FuncError::Message(cause)))
            }
        }
    }
}

/// Runs `f` with enough stack for another level of nesting.
fn grow<T>(f: impl FnOnce() -> T) -> T {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, f)
}

/// Go's `reflect.Value.String` for a value that is not a string: `<T Value>`.
fn reflect_string(v: &Rv) -> String {
    match v {
        Rv::Invalid => "<invalid Value>".to_string(),
        Rv::Iface(Value::String(s)) | Rv::Val(Value::String(s)) => s.to_string(),
        Rv::Iface(_) => "<interface {} Value>".to_string(),
        Rv::Val(v) => format!("<{} Value>", v.type_name()),
    }
}

/// A function or method body as the executor calls it.
type CallBody<'f> = dyn Fn(&mut dyn CallContext, Vec<Value>) -> Result<Value, FuncError> + 'f;

/// The dynamic type of a non-nil value.
fn builtins_concrete_type(v: &Rv) -> Option<String> {
    match v {
        Rv::Invalid | Rv::Iface(Value::Nil) => None,
        Rv::Iface(v) | Rv::Val(v) => Some(v.type_name().to_string()),
    }
}

/// Go's `isTrue` on an evaluated value.
pub(crate) fn is_true(v: &Rv) -> bool {
    match v {
        Rv::Invalid => false,
        Rv::Iface(v) | Rv::Val(v) => v.is_true(),
    }
}

impl CallContext for State<'_, '_> {
    fn execute_template(&mut self, name: &str, data: Value) -> Result<String, Error> {
        let scope = self.scope;
        let mut shared = Shared {
            ext: &mut *self.shared.ext,
            steps: self.shared.steps,
        };
        let r = stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || {
            execute_in(scope, &mut shared, name, &data)
        });
        self.shared.steps = shared.steps;
        r
    }

    fn execute_source(&mut self, name: &str, source: &str, data: Value) -> Result<String, Error> {
        let base = self.scope.base;
        let trees = parse::parse(name, source, &|f| base.has_function(f))?;
        let mut overlay = HashMap::new();
        for tree in trees {
            add_tree(&mut overlay, tree, |n| self.scope.lookup(n).is_some());
        }
        let mut overlays = self.scope.overlays.clone();
        overlays.push(Arc::new(overlay));
        let scope = Scope { base, overlays };
        let mut shared = Shared {
            ext: &mut *self.shared.ext,
            steps: self.shared.steps,
        };
        let r = stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || {
            execute_in(&scope, &mut shared, name, &data)
        });
        self.shared.steps = shared.steps;
        r
    }

    fn template_name(&self) -> &str {
        &self.tree.name
    }

    fn extensions(&mut self) -> &mut Extensions {
        self.shared.ext
    }
}
