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

    pub fn set_missing_key(&mut self, mk: MissingKey) {
        self.missing_key = mk;
    }

    pub fn missing_key(&self) -> MissingKey {
        self.missing_key
    }

    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

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
    fn pos(&self) -> usize {
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
}

impl<'s, 'e> State<'s, 'e> {
    fn err_at(&self, at: At<'_>, msg: impl Into<String>) -> Abort {
        self.err_kind(at, ExecErrorKind::Message(msg.into()))
    }

    fn err_kind(&self, at: At<'_>, kind: ExecErrorKind) -> Abort {
        let (line, col) = self.tree.location(at.pos());
        Abort::Err(Box::new(Error::Exec(Box::new(ExecError {
            location: Some(Location {
                name: self.tree.parse_name.to_string(),
                line,
                col,
            }),
            template: self.tree.name.clone(),
            context: at.context(),
            kind,
        }))))
    }

    fn step(&mut self, at: At<'_>) -> R<()> {
        if let Some(max) = self.scope.base.limits.max_steps {
            self.shared.steps += 1;
            if self.shared.steps > max {
                return Err(self.err_at(at, format!("execution step limit ({max}) exceeded")));
            }
        }
        Ok(())
    }

    fn write(&mut self, at: At<'_>, s: &str) -> R<()> {
        self.out.push_str(s);
        if let Some(max) = self.scope.base.limits.max_output
            && self.out.len() > max
        {
            return Err(self.err_at(at, format!("output size limit ({max} bytes) exceeded")));
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

    fn var_value(&self, at: At<'_>, name: &str) -> R<Rv> {
        match self.vars.iter().rev().find(|(n, _)| &**n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(self.err_at(at, format!("undefined variable: {name}"))),
        }
    }

    fn set_var(&mut self, at: At<'_>, name: &str, v: Rv) -> R<()> {
        match self.vars.iter_mut().rev().find(|(n, _)| &**n == name) {
            Some(slot) => {
                slot.1 = v;
                Ok(())
            }
            None => Err(self.err_at(at, format!("undefined variable: {name}"))),
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
        self.step(At::Node(node))?;
        match node {
            Node::Text(t) => self.write(At::Node(node), &t.text),
            Node::Action(a) => {
                let val = self.eval_pipeline(dot, &a.pipe)?;
                if a.pipe.decl.is_empty() {
                    self.print_value(node, &val)?;
                }
                Ok(())
            }
            Node::Comment(_) => Ok(()),
            Node::If(b) => self.walk_if_or_with(false, dot, b),
            Node::With(b) => self.walk_if_or_with(true, dot, b),
            Node::Range(b) => self.walk_range(dot, node, b),
            Node::Template(t) => self.walk_template(dot, node, t),
            Node::Break(_) => Err(Abort::Break),
            Node::Continue(_) => Err(Abort::Continue),
        }
    }

    fn print_value(&mut self, node: &'s Node, v: &Rv) -> R<()> {
        match v {
            Rv::Invalid => self.write(At::Node(node), "<no value>"),
            Rv::Iface(v) | Rv::Val(v) => {
                let mut s = String::new();
                gofmt::write_value(&mut s, v);
                self.write(At::Node(node), &s)
            }
        }
    }

    fn walk_if_or_with(&mut self, is_with: bool, dot: &Rv, b: &'s BranchNode) -> R<()> {
        let mark = self.mark();
        let r = (|| {
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
        })();
        self.pop(mark);
        r
    }

    fn walk_range(&mut self, dot: &Rv, node: &'s Node, r: &'s BranchNode) -> R<()> {
        let mark = self.mark();
        let res = self.walk_range_inner(dot, node, r);
        self.pop(mark);
        match res {
            Err(Abort::Break) => Ok(()),
            other => other,
        }
    }

    fn walk_range_inner(&mut self, dot: &Rv, node: &'s Node, r: &'s BranchNode) -> R<()> {
        let val = self.eval_pipeline(dot, &r.pipe)?.dig();
        let body_mark = self.mark();
        let decl = r.pipe.decl.len();
        let is_assign = r.pipe.is_assign;
        let mut one = |this: &mut Self, index: Rv, elem: Rv| -> R<()> {
            if decl > 0 {
                if is_assign {
                    // With two variables, index comes first; with one, the element.
                    let first = if decl > 1 {
                        index.clone()
                    } else {
                        elem.clone()
                    };
                    this.set_var(At::Var(&r.pipe.decl[0]), &r.pipe.decl[0].idents[0], first)?;
                } else {
                    this.set_top_var(1, elem.clone());
                }
            }
            if decl > 1 {
                if is_assign {
                    this.set_var(
                        At::Var(&r.pipe.decl[1]),
                        &r.pipe.decl[1].idents[0],
                        elem.clone(),
                    )?;
                } else {
                    this.set_top_var(2, index);
                }
            }
            let res = this.walk_list(&elem, &r.list);
            this.pop(body_mark);
            match res {
                Err(Abort::Continue) => Ok(()),
                other => other,
            }
        };
        match val.value() {
            Value::List(l) => {
                if !l.is_empty() {
                    let iface = l.elem() == ElemType::Any;
                    for (i, item) in l.iter().enumerate() {
                        let elem = if iface {
                            Rv::Iface(item.clone())
                        } else {
                            Rv::Val(item.clone())
                        };
                        one(self, Rv::Val(Value::Int(i as i64)), elem)?;
                    }
                    return Ok(());
                }
            }
            Value::Bytes(b) => {
                if !b.is_empty() {
                    for (i, byte) in b.iter().enumerate() {
                        one(
                            self,
                            Rv::Val(Value::Int(i as i64)),
                            Rv::Val(Value::Int(*byte as i64)),
                        )?;
                    }
                    return Ok(());
                }
            }
            Value::Map(m) => {
                if !m.is_empty() {
                    for (k, v) in m.entries() {
                        one(self, Rv::Val(Value::String(k)), Rv::Iface(v))?;
                    }
                    return Ok(());
                }
            }
            Value::Int(n) | Value::Int64(n) => {
                if decl > 1 {
                    return Err(self.err_at(
                        At::Node(node),
                        format!("can't use {} to iterate over more than one variable", n),
                    ));
                }
                let n = *n;
                let ctor = if matches!(val.value(), Value::Int(_)) {
                    Value::Int
                } else {
                    Value::Int64
                };
                if n > 0 {
                    for i in 0..n {
                        one(self, Rv::Invalid, Rv::Val(ctor(i)))?;
                    }
                    return Ok(());
                }
            }
            Value::Object(o) if o.length().is_some() => {
                // Map- or slice-like host objects range over their data view.
                let data = o.to_data();
                return self.range_over_data(dot, node, r, data, &mut one);
            }
            Value::Nil => {}
            other => {
                let mut s = String::new();
                gofmt::write_value(&mut s, other);
                return Err(self.err_at(
                    last_at(&r.pipe, node),
                    format!("range can't iterate over {s}"),
                ));
            }
        }
        if let Some(else_list) = &r.else_list {
            self.walk_list(dot, else_list)?;
        }
        Ok(())
    }

    fn range_over_data(
        &mut self,
        dot: &Rv,
        node: &'s Node,
        r: &'s BranchNode,
        data: Value,
        one: &mut dyn FnMut(&mut Self, Rv, Rv) -> R<()>,
    ) -> R<()> {
        match data {
            Value::Map(m) if !m.is_empty() => {
                for (k, v) in m.entries() {
                    one(self, Rv::Val(Value::String(k)), Rv::from_result(v))?;
                }
                Ok(())
            }
            Value::List(l) if !l.is_empty() => {
                for (i, v) in l.iter().enumerate() {
                    one(
                        self,
                        Rv::Val(Value::Int(i as i64)),
                        Rv::from_result(v.clone()),
                    )?;
                }
                Ok(())
            }
            _ => {
                let _ = node;
                if let Some(else_list) = &r.else_list {
                    self.walk_list(dot, else_list)?;
                }
                Ok(())
            }
        }
    }

    fn walk_template(&mut self, dot: &Rv, node: &'s Node, t: &'s TemplateNode) -> R<()> {
        let Some(tree) = self.scope.lookup(&t.name) else {
            return Err(self.err_at(
                At::Node(node),
                format!("template {} not defined", crate::strconv::quote(&t.name)),
            ));
        };
        if self.depth >= MAX_EXEC_DEPTH {
            return Err(self.err_at(
                At::Node(node),
                format!("exceeded maximum template depth ({MAX_EXEC_DEPTH})"),
            ));
        }
        // Variables declared by the pipeline persist.
        let new_dot = match &t.pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Rv::Invalid,
        };
        let saved_tree = std::mem::replace(&mut self.tree, tree);
        let saved_vars = std::mem::replace(&mut self.vars, vec![("$".into(), new_dot.clone())]);
        self.depth += 1;
        let res = stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || {
            self.walk_list(&new_dot, &tree.root)
        });
        self.depth -= 1;
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
        let mut value: Option<Rv> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.dig());
        }
        let value = value.unwrap_or(Rv::Invalid);
        for var in &pipe.decl {
            if pipe.is_assign {
                self.set_var(At::Var(var), &var.idents[0], value.clone())?;
            } else {
                self.vars.push((var.idents[0].clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, at: At<'_>, args: &[Arg], fin: &Option<Rv>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            return Err(self.err_at(
                at,
                format!("can't give argument to non-function {}", args[0]),
            ));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Rv, cmd: &'s CommandNode, fin: Option<Rv>) -> R<Rv> {
        let first = &cmd.args[0];
        match first {
            Arg::Field { idents, .. } => {
                return self.eval_field_chain(
                    dot,
                    dot.clone(),
                    At::Arg(first),
                    idents,
                    &cmd.args,
                    fin,
                );
            }
            Arg::Chain { .. } => return self.eval_chain(dot, first, &cmd.args, fin),
            Arg::Identifier { name, .. } => {
                return self.eval_function(dot, first, name, At::Cmd(cmd), &cmd.args, fin);
            }
            Arg::Pipe(p) => {
                self.not_a_function(At::Pipe(p), &cmd.args, &fin)?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable(v) => return self.eval_variable(dot, v, &cmd.args, fin),
            _ => {}
        }
        self.not_a_function(At::Arg(first), &cmd.args, &fin)?;
        match first {
            Arg::Bool { val, .. } => Ok(Rv::Val(Value::Bool(*val))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => Err(self.err_at(At::Arg(first), "nil is not a command")),
            Arg::Number(n) => self.ideal_constant(first, n),
            Arg::String { text, .. } => Ok(Rv::Val(Value::String(text.clone()))),
            _ => Err(self.err_at(At::Arg(first), format!("can't evaluate command {first}"))),
        }
    }

    fn ideal_constant(&self, at: &Arg, n: &NumberNode) -> R<Rv> {
        if n.is_complex {
            return Err(self.err_at(At::Arg(at), "not supported: complex number constants"));
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
            return Err(self.err_at(At::Arg(at), format!("{text} overflows int")));
        }
        Ok(Rv::Invalid)
    }

    fn eval_chain(&mut self, dot: &Rv, chain: &'s Arg, args: &'s [Arg], fin: Option<Rv>) -> R<Rv> {
        let Arg::Chain { node, fields, .. } = chain else {
            unreachable!("eval_chain on a chain node")
        };
        if let Arg::Nil(_) = node.as_ref() {
            return Err(self.err_at(
                At::Arg(chain),
                format!("indirection through explicit nil in {chain}"),
            ));
        }
        let pipe = self.eval_arg_untyped(dot, node)?;
        self.eval_field_chain(dot, pipe, At::Arg(chain), fields, args, fin)
    }

    fn eval_variable(
        &mut self,
        dot: &Rv,
        v: &'s VariableNode,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let value = self.var_value(At::Var(v), &v.idents[0])?;
        if v.idents.len() == 1 {
            if !args.is_empty() {
                self.not_a_function(At::Var(v), args, &fin)?;
            }
            return Ok(value);
        }
        self.eval_field_chain(dot, value, At::Var(v), &v.idents[1..], args, fin)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Rv,
        mut receiver: Rv,
        at: At<'s>,
        idents: &'s [Str],
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let n = idents.len();
        for ident in &idents[..n - 1] {
            receiver = self.eval_field(dot, ident, at, &[], None, receiver)?;
        }
        self.eval_field(dot, &idents[n - 1], at, args, fin, receiver)
    }

    fn eval_field(
        &mut self,
        dot: &Rv,
        name: &str,
        at: At<'s>,
        args: &'s [Arg],
        fin: Option<Rv>,
        receiver: Rv,
    ) -> R<Rv> {
        let static_type = receiver.static_type().to_string();
        let value = match receiver {
            Rv::Invalid => {
                if self.scope.base.missing_key == MissingKey::Error {
                    return Err(self.err_at(
                        at,
                        format!("nil data; no entry for key {}", crate::strconv::quote(name)),
                    ));
                }
                return Ok(Rv::Invalid);
            }
            Rv::Iface(Value::Nil) => {
                return Err(self.err_at(at, format!("nil pointer evaluating {static_type}.{name}")));
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
                    return self.eval_call(dot, &sig, &f, at, name, args, fin);
                }
                if let Some(v) = o.field(name) {
                    if has_args {
                        return Err(self.err_at(
                            at,
                            format!("{name} has arguments but cannot be invoked as function"),
                        ));
                    }
                    return Ok(Rv::from_result(v));
                }
            }
            Value::Map(m) => {
                if has_args {
                    return Err(
                        self.err_at(at, format!("{name} is not a method but has arguments"))
                    );
                }
                return match m.get(name) {
                    Some(v) => Ok(Rv::Iface(v)),
                    None => match self.scope.base.missing_key {
                        MissingKey::Default => Ok(Rv::Invalid),
                        MissingKey::Zero => Ok(Rv::Iface(Value::Nil)),
                        MissingKey::Error => Err(self.err_at(
                            at,
                            format!("map has no entry for key {}", crate::strconv::quote(name)),
                        )),
                    },
                };
            }
            _ => {}
        }
        Err(self.err_at(
            at,
            format!("can't evaluate field {name} in type {static_type}"),
        ))
    }

    fn eval_function(
        &mut self,
        dot: &Rv,
        ident: &'s Arg,
        name: &str,
        at: At<'s>,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        self.step(At::Arg(ident))?;
        let scope: &'s Scope<'s> = self.scope;
        if let Some(f) = scope.base.funcs.get(name) {
            let f: &'s Function = f;
            return self.eval_call(dot, &f.sig, &*f.body, at, name, args, fin);
        }
        match Builtin::from_name(name) {
            Some(b) => self.eval_builtin(dot, b, at, name, args, fin),
            None => Err(self.err_at(
                At::Arg(ident),
                format!("{} is not a defined function", crate::strconv::quote(name)),
            )),
        }
    }

    /// Go's `evalCall` for host functions and methods.
    #[allow(clippy::too_many_arguments)]
    fn eval_call(
        &mut self,
        dot: &Rv,
        sig: &Signature,
        body: &CallBody<'_>,
        at: At<'s>,
        name: &str,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let args = if args.is_empty() { args } else { &args[1..] };
        let argv = self.eval_args(dot, sig, name, at, args, fin)?;
        match body(self, argv) {
            Ok(v) => Ok(Rv::from_result(v)),
            Err(cause) => Err(self.err_kind(
                at,
                ExecErrorKind::Call {
                    func: name.to_string(),
                    cause,
                },
            )),
        }
    }

    /// Evaluates and converts the arguments of a call to its signature.
    fn eval_args(
        &mut self,
        dot: &Rv,
        sig: &Signature,
        name: &str,
        at: At<'s>,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Vec<Value>> {
        let num_in = args.len() + usize::from(fin.is_some());
        let num_fixed = sig.params.len();
        match sig.variadic {
            Some(_) => {
                if num_in < num_fixed {
                    return Err(self.err_at(
                        at,
                        format!(
                            "wrong number of args for {name}: want at least {num_fixed} got {}",
                            args.len()
                        ),
                    ));
                }
            }
            None => {
                if num_in != num_fixed {
                    return Err(self.err_at(
                        at,
                        format!("wrong number of args for {name}: want {num_fixed} got {num_in}"),
                    ));
                }
            }
        }
        let mut argv = Vec::with_capacity(num_in);
        for (i, arg) in args.iter().enumerate() {
            let ty = if i < num_fixed {
                sig.params[i]
            } else {
                sig.variadic.expect("checked variadic above")
            };
            argv.push(self.eval_arg(dot, ty, arg)?);
        }
        if let Some(fin) = fin {
            let ty = if num_in - 1 < num_fixed {
                sig.params[num_in - 1]
            } else {
                sig.variadic.unwrap_or(GoType::Any)
            };
            argv.push(self.validate_type(at, fin, ty)?);
        }
        Ok(argv)
    }

    /// Go's `validateType`: converts a value to a parameter type or fails.
    fn validate_type(&self, at: At<'_>, v: Rv, ty: GoType) -> R<Value> {
        match v {
            Rv::Invalid => {
                if ty.can_be_nil() {
                    Ok(ty.zero())
                } else {
                    Err(self.err_at(at, format!("invalid value; expected {}", ty.name())))
                }
            }
            Rv::Iface(Value::Nil) => {
                if ty == GoType::Any {
                    Ok(Value::Nil)
                } else {
                    Err(self.err_at(
                        at,
                        format!(
                            "wrong type for value; expected {}; got interface {{}}",
                            ty.name()
                        ),
                    ))
                }
            }
            Rv::Iface(v) | Rv::Val(v) => {
                if ty.accepts(&v) {
                    Ok(v)
                } else {
                    Err(self.err_at(
                        at,
                        format!(
                            "wrong type for value; expected {}; got {}",
                            ty.name(),
                            v.type_name()
                        ),
                    ))
                }
            }
        }
    }

    /// Go's `evalArg`.
    fn eval_arg(&mut self, dot: &Rv, ty: GoType, arg: &'s Arg) -> R<Value> {
        let at = At::Arg(arg);
        match arg {
            Arg::Dot(_) => return self.validate_type(at, dot.clone(), ty),
            Arg::Nil(_) => {
                if ty.can_be_nil() {
                    return Ok(ty.zero());
                }
                return Err(self.err_at(at, format!("cannot assign nil to {}", ty.name())));
            }
            Arg::Field { idents, .. } => {
                let v = self.eval_field_chain(
                    dot,
                    dot.clone(),
                    at,
                    idents,
                    std::slice::from_ref(arg),
                    None,
                )?;
                return self.validate_type(at, v, ty);
            }
            Arg::Variable(var) => {
                let v = self.eval_variable(dot, var, &[], None)?;
                return self.validate_type(at, v, ty);
            }
            Arg::Pipe(p) => {
                let v = self.eval_pipeline(dot, p)?;
                return self.validate_type(at, v, ty);
            }
            Arg::Identifier { name, .. } => {
                let v = self.eval_function(dot, arg, name, at, &[], None)?;
                return self.validate_type(at, v, ty);
            }
            Arg::Chain { .. } => {
                let v = self.eval_chain(dot, arg, &[], None)?;
                return self.validate_type(at, v, ty);
            }
            _ => {}
        }
        match ty {
            GoType::Bool => match arg {
                Arg::Bool { val, .. } => Ok(Value::Bool(*val)),
                _ => Err(self.err_at(at, format!("expected bool; found {arg}"))),
            },
            GoType::Float64 => match arg {
                Arg::Number(n) if n.is_float => Ok(Value::Float(n.float)),
                _ => Err(self.err_at(at, format!("expected float; found {arg}"))),
            },
            GoType::Int | GoType::Int64 => match arg {
                Arg::Number(n) if n.is_int => Ok(if ty == GoType::Int {
                    Value::Int(n.int)
                } else {
                    Value::Int64(n.int)
                }),
                _ => Err(self.err_at(at, format!("expected integer; found {arg}"))),
            },
            GoType::String => match arg {
                Arg::String { text, .. } => Ok(Value::String(text.clone())),
                _ => Err(self.err_at(at, format!("expected string; found {arg}"))),
            },
            GoType::Any => Ok(self.eval_empty_interface(dot, arg)?.into_value()),
            _ => Err(self.err_at(
                at,
                format!("can't handle {arg} for arg of type {}", ty.name()),
            )),
        }
    }

    /// Go's `evalEmptyInterface` for literal operands.
    fn eval_empty_interface(&mut self, dot: &Rv, arg: &'s Arg) -> R<Rv> {
        match arg {
            Arg::Bool { val, .. } => Ok(Rv::Val(Value::Bool(*val))),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Number(n) => self.ideal_constant(arg, n),
            Arg::String { text, .. } => Ok(Rv::Val(Value::String(text.clone()))),
            _ => Err(self.err_at(
                At::Arg(arg),
                format!("can't handle assignment of {arg} to empty interface argument"),
            )),
        }
    }

    /// An argument for a builtin taking `reflect.Value` (no conversion).
    pub(crate) fn eval_arg_untyped(&mut self, dot: &Rv, arg: &'s Arg) -> R<Rv> {
        match arg {
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => Ok(Rv::Invalid),
            Arg::Field { idents, .. } => self.eval_field_chain(
                dot,
                dot.clone(),
                At::Arg(arg),
                idents,
                std::slice::from_ref(arg),
                None,
            ),
            Arg::Variable(var) => self.eval_variable(dot, var, &[], None),
            Arg::Pipe(p) => self.eval_pipeline(dot, p),
            Arg::Identifier { name, .. } => {
                self.eval_function(dot, arg, name, At::Arg(arg), &[], None)
            }
            Arg::Chain { .. } => self.eval_chain(dot, arg, &[], None),
            _ => self.eval_empty_interface(dot, arg),
        }
    }

    fn eval_builtin(
        &mut self,
        dot: &Rv,
        b: Builtin,
        at: At<'s>,
        name: &str,
        args: &'s [Arg],
        fin: Option<Rv>,
    ) -> R<Rv> {
        let args = if args.is_empty() { args } else { &args[1..] };
        let (min, variadic) = b.arity();
        let num_in = args.len() + usize::from(fin.is_some());
        if variadic {
            if num_in < min {
                return Err(self.err_at(
                    at,
                    format!(
                        "wrong number of args for {name}: want at least {min} got {}",
                        args.len()
                    ),
                ));
            }
        } else if num_in != min {
            return Err(self.err_at(
                at,
                format!("wrong number of args for {name}: want {min} got {num_in}"),
            ));
        }
        // and/or short-circuit and return the deciding operand.
        if matches!(b, Builtin::And | Builtin::Or) {
            let want = b == Builtin::Or;
            let mut last = Rv::Invalid;
            for arg in args {
                let v = self.eval_arg_untyped(dot, arg)?;
                if is_true(&v) == want {
                    return Ok(v);
                }
                last = v;
            }
            if let Some(f) = fin {
                last = f;
            }
            return Ok(last);
        }
        if b == Builtin::Call {
            // There are no function values in this value model, so `call` can only fail.
            let callee = match args.first() {
                Some(a) => a.to_string(),
                None => String::new(),
            };
            let f = match args.first() {
                Some(a) => self.eval_arg_untyped(dot, a)?,
                None => fin.unwrap_or(Rv::Invalid),
            };
            let cause = match builtins_concrete_type(&f) {
                None => "call of nil".to_string(),
                Some(t) => format!("non-function {callee} of type {t}"),
            };
            return Err(self.err_kind(
                at,
                ExecErrorKind::Call {
                    func: name.to_string(),
                    cause: FuncError::Message(cause),
                },
            ));
        }
        let mut argv = Vec::with_capacity(num_in);
        for (i, arg) in args.iter().enumerate() {
            let v = match b.param_type(i) {
                Some(ty) => Rv::Val(self.eval_arg(dot, ty, arg)?),
                None => self.eval_arg_untyped(dot, arg)?,
            };
            argv.push(v);
        }
        if let Some(f) = fin {
            let v = match b.param_type(num_in - 1) {
                Some(ty) => Rv::Val(self.validate_type(at, f, ty)?),
                None => f,
            };
            argv.push(v);
        }
        match builtins::call(b, argv) {
            Ok(v) => Ok(v),
            Err(cause) => Err(self.err_kind(
                at,
                ExecErrorKind::Call {
                    func: name.to_string(),
                    cause: FuncError::Message(cause),
                },
            )),
        }
    }
}

/// The node Go's stateful `s.at` points to after evaluating a pipeline: the
/// last operand of its last command.
fn last_at<'n>(pipe: &'n PipeNode, fallback: &'n Node) -> At<'n> {
    match pipe.cmds.last().and_then(|c| c.args.last()) {
        Some(a) => At::Arg(a),
        None => At::Node(fallback),
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
