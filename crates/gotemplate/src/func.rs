//! Functions callable from templates, and the context they run in.
//!
//! A function declares Go parameter types; the engine converts and checks the
//! arguments the way `text/template` does before calling it, so a function body
//! only sees values of the declared types (`GoType::Any` accepts anything).

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::error::Error;
use crate::fxhash::FxHashMap;
use crate::value::{GoType, Signature, Value};

/// An error returned by a function. The engine reports it as
/// `error calling NAME: <error>`.
#[derive(Debug, Clone)]
pub enum FuncError {
    /// A plain message.
    Message(String),
    /// A template error from a nested execution (`include`, `tpl`), kept whole
    /// so the caller can show the chain.
    Template(Box<Error>),
}

impl FuncError {
    /// A plain-message error.
    pub fn msg(m: impl Into<String>) -> FuncError {
        FuncError::Message(m.into())
    }
}

impl fmt::Display for FuncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FuncError::Message(m) => f.write_str(m),
            FuncError::Template(e) => write!(f, "{e}"),
        }
    }
}

impl From<Error> for FuncError {
    fn from(e: Error) -> FuncError {
        FuncError::Template(Box::new(e))
    }
}

impl From<String> for FuncError {
    fn from(m: String) -> FuncError {
        FuncError::Message(m)
    }
}

impl From<&str> for FuncError {
    fn from(m: &str) -> FuncError {
        FuncError::Message(m.to_string())
    }
}

/// What a function may ask of the running template engine.
pub trait CallContext {
    /// Executes the named template of the current set with `data` as dot and
    /// returns its output (`include`).
    fn execute_template(&mut self, name: &str, data: Value) -> Result<String, Error>;

    /// Parses `source` as a new template called `name` in a copy of the current
    /// set (its `define`s are visible only within this call) and executes it
    /// with `data` (`tpl`).
    fn execute_source(&mut self, name: &str, source: &str, data: Value) -> Result<String, Error>;

    /// The name of the template being executed (the innermost one).
    fn template_name(&self) -> &str;

    /// State that host functions keep for the duration of one execution.
    fn extensions(&mut self) -> &mut Extensions;
}

/// The body of a function.
pub type FuncBody =
    dyn Fn(&mut dyn CallContext, Vec<Value>) -> Result<Value, FuncError> + Send + Sync;

/// A function with its Go signature.
#[derive(Clone)]
pub struct Function {
    /// The declared parameter types the engine checks arguments against.
    pub sig: Signature,
    /// The code to run with the converted arguments.
    pub body: Arc<FuncBody>,
}

impl Function {
    /// A function with fixed parameters.
    pub fn new<F>(params: &[GoType], body: F) -> Function
    where
        F: Fn(&mut dyn CallContext, Vec<Value>) -> Result<Value, FuncError> + Send + Sync + 'static,
    {
        Function {
            sig: Signature::new(params),
            body: Arc::new(body),
        }
    }

    /// A function whose last parameter is `...rest`.
    pub fn variadic<F>(params: &[GoType], rest: GoType, body: F) -> Function
    where
        F: Fn(&mut dyn CallContext, Vec<Value>) -> Result<Value, FuncError> + Send + Sync + 'static,
    {
        Function {
            sig: Signature::variadic(params, rest),
            body: Arc::new(body),
        }
    }
}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Function({:?})", self.sig)
    }
}

/// Named functions. User functions shadow the builtins of the same name, as in Go.
#[derive(Clone, Default, Debug)]
pub struct FuncMap {
    // Looked up once per function call while executing.
    funcs: FxHashMap<String, Function>,
}

impl FuncMap {
    /// An empty map.
    pub fn new() -> FuncMap {
        FuncMap::default()
    }

    /// Adds `f` under `name`, replacing any function of that name.
    pub fn insert(&mut self, name: impl Into<String>, f: Function) {
        self.funcs.insert(name.into(), f);
    }

    /// Removes and hands back the function called `name`.
    pub fn remove(&mut self, name: &str) -> Option<Function> {
        self.funcs.remove(name)
    }

    /// The function called `name`.
    pub fn get(&self, name: &str) -> Option<&Function> {
        self.funcs.get(name)
    }

    /// Whether a function called `name` is registered.
    pub fn contains(&self, name: &str) -> bool {
        self.funcs.contains_key(name)
    }

    /// The registered names, unordered.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.funcs.keys().map(String::as_str)
    }

    /// Adds every function of `other`, replacing same-named ones.
    pub fn extend(&mut self, other: FuncMap) {
        self.funcs.extend(other.funcs);
    }
}

/// A type map for host state kept during one execution (e.g. Helm's include depth).
#[derive(Default)]
pub struct Extensions {
    map: HashMap<TypeId, Box<dyn Any + Send>>,
}

impl Extensions {
    /// The state of type `T`, created with `Default` on first use.
    pub fn get_or_default<T: Any + Send + Default>(&mut self) -> &mut T {
        self.map
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()))
            .downcast_mut::<T>()
            .expect("extension stored under its own TypeId")
    }

    /// Stores `value` as the state of type `T`, replacing any earlier one.
    pub fn insert<T: Any + Send>(&mut self, value: T) {
        self.map.insert(TypeId::of::<T>(), Box::new(value));
    }

    /// The state of type `T`, if any was stored.
    pub fn get<T: Any + Send>(&self) -> Option<&T> {
        self.map.get(&TypeId::of::<T>())?.downcast_ref::<T>()
    }
}
