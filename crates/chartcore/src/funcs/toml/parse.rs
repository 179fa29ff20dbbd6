//! The TOML parser of BurntSushi/toml v1.6.0 decoding into
//! `map[string]interface{}` (what Helm's `fromToml` does), with its
//! duplicate-key bookkeeping (implicit tables, array types) and its error
//! texts.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use gotemplate::gostr::from_go_bytes;
use gotemplate::strconv::quote;
use gotemplate::{Map, Value};

use super::lex::{Item, ItemType, Lexer, is_hex};
use super::{DecodeError, key_string, maybe_quoted};
use crate::funcs::dates::{GoTime, Location, parse_in_location};

/// A Go `map[string]any` of the parser: shared, because Go maps are
/// references and the parser keeps several handles to one table.
type Table = Rc<RefCell<HashMap<String, Node>>>;

/// A value as the parser builds it (Go's dynamic types).
#[derive(Clone)]
enum Node {
    /// string, int64, float64, bool or time.Time.
    Scalar(Value),
    /// `[]any`
    Array(Vec<Node>),
    /// `map[string]any`
    Table(Table),
    /// `[]map[string]any` (an array of tables, `[[name]]`).
    TableArray(Vec<Table>),
}

/// Deeply nested values are taken apart iteratively, so that dropping them
/// cannot overflow the stack. A table is emptied only by its last owner.
impl Drop for Node {
    fn drop(&mut self) {
        let mut stack = Vec::new();
        detach_children(self, &mut stack);
        while let Some(mut n) = stack.pop() {
            detach_children(&mut n, &mut stack);
        }
    }
}

fn detach_children(n: &mut Node, stack: &mut Vec<Node>) {
    let mut take = |t: &Table| {
        if Rc::strong_count(t) == 1 {
            stack.extend(t.borrow_mut().drain().map(|(_, v)| v));
        }
    };
    match n {
        Node::Scalar(_) => {}
        Node::Array(items) => stack.append(items),
        Node::Table(t) => take(t),
        Node::TableArray(ts) => ts.iter().for_each(&mut take),
    }
}

fn new_table() -> Table {
    Rc::new(RefCell::new(HashMap::new()))
}

/// The parts of TOML's type system the parser consults: whether a key holds
/// an array (an array may be replaced by its finished value).
#[derive(Clone, Copy, PartialEq, Eq)]
enum TomlType {
    Array,
    Other,
}

/// Decodes a TOML document into the map Helm's `fromToml` returns.
pub(super) fn decode(data: &[u8]) -> Result<Map> {
    let mut data = data;
    if data.starts_with(b"\xff\xfe") || data.starts_with(b"\xfe\xff") {
        data = &data[2..];
    } else if data.starts_with(b"\xef\xbb\xbf") {
        data = &data[3..];
    }
    if data[..data.len().min(6)].contains(&0) {
        return Err(DecodeError::Parse {
            line: 1,
            last_key: String::new(),
            message:
                "files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8"
                    .into(),
        });
    }
    let mut p = Parser {
        lx: Lexer::new(data),
        context: Vec::new(),
        current_key: String::new(),
        pos_line: 0,
        mapping: new_table(),
        key_info: HashMap::new(),
        implicits: HashSet::new(),
    };
    loop {
        let item = p.next()?;
        if item.typ == ItemType::Eof {
            break;
        }
        p.top_level(item)?;
    }
    Ok(table_value(&p.mapping))
}

fn table_value(t: &Table) -> Map {
    t.borrow()
        .iter()
        .map(|(k, v)| (k.as_str().into(), node_value(v)))
        .collect()
}

fn node_value(n: &Node) -> Value {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match n {
        Node::Scalar(v) => v.clone(),
        Node::Array(items) => Value::list(items.iter().map(node_value).collect()),
        Node::Table(t) => Value::Map(table_value(t)),
        Node::TableArray(ts) => {
            Value::list(ts.iter().map(|t| Value::Map(table_value(t))).collect())
        }
    })
}

struct Parser<'a> {
    lx: Lexer<'a>,
    /// The full key of the table in scope.
    context: Vec<String>,
    /// The last part of the key being assigned.
    current_key: String,
    /// The line of the last item read with `next_pos`.
    pos_line: usize,
    mapping: Table,
    key_info: HashMap<String, TomlType>,
    implicits: HashSet<String>,
}

type Result<T> = std::result::Result<T, DecodeError>;

impl Parser<'_> {
    fn next(&mut self) -> Result<Item> {
        let it = self.lx.next_item();
        if it.typ == ItemType::Error {
            return Err(DecodeError::Parse {
                line: it.line,
                last_key: self.current(),
                message: from_go_bytes(&it.val).into_owned(),
            });
        }
        Ok(it)
    }

    fn next_pos(&mut self) -> Result<Item> {
        let it = self.next()?;
        self.pos_line = it.line;
        Ok(it)
    }

    fn expect(&mut self, typ: ItemType) -> Result<Item> {
        let it = self.next()?;
        self.assert_equal(typ, it.typ)?;
        Ok(it)
    }

    fn assert_equal(&self, expected: ItemType, got: ItemType) -> Result<()> {
        if expected != got {
            return Err(bug(format!(
                "Expected '{}' but got '{}'.",
                expected.name(),
                got.name()
            )));
        }
        Ok(())
    }

    /// An error at the position of the last `next_pos` item.
    fn fail(&self, message: String) -> DecodeError {
        DecodeError::Parse {
            line: self.pos_line,
            last_key: self.current(),
            message,
        }
    }

    /// An error at an item's position.
    fn fail_item(&self, it: &Item, message: String) -> DecodeError {
        DecodeError::Parse {
            line: it.line,
            last_key: self.current(),
            message,
        }
    }

    /// The full name of the key being parsed (`LastKey` of errors).
    fn current(&self) -> String {
        if self.current_key.is_empty() {
            return key_string(&self.context);
        }
        if self.context.is_empty() {
            return self.current_key.clone();
        }
        format!("{}.{}", key_string(&self.context), self.current_key)
    }

    /// Reads key parts up to `end` (a table header's or a key's end).
    fn read_key(&mut self, first: Item, end: ItemType) -> Result<Vec<String>> {
        let mut key = Vec::new();
        let mut name = first;
        while name.typ != end && name.typ != ItemType::Eof {
            key.push(self.key_string(&name)?);
            name = self.next()?;
        }
        self.assert_equal(end, name.typ)?;
        Ok(key)
    }

    fn top_level(&mut self, item: Item) -> Result<()> {
        match item.typ {
            ItemType::CommentStart => {
                self.expect(ItemType::Text)?;
            }
            ItemType::TableStart | ItemType::ArrayTableStart => {
                let array = item.typ == ItemType::ArrayTableStart;
                let end = if array {
                    ItemType::ArrayTableEnd
                } else {
                    ItemType::TableEnd
                };
                let first = self.next_pos()?;
                let key = self.read_key(first, end)?;
                self.add_context(&key, array)?;
                self.set_type("", TomlType::Other);
            }
            ItemType::KeyStart => {
                // Dotted keys only extend the context; restoring is truncating.
                let outer_len = self.context.len();
                let first = self.next_pos()?;
                let key = self.read_key(first, ItemType::KeyEnd)?;
                self.set_key_context(&key)?;
                let v_item = self.next()?;
                let (val, typ) = self.value(v_item, false)?;
                let current = self.current_key.clone();
                self.set_value(&current, val)?;
                self.set_type(&current, typ);
                self.context.truncate(outer_len);
                self.current_key.clear();
            }
            other => {
                return Err(bug(format!(
                    "Unexpected type at top level: {}",
                    other.name()
                )));
            }
        }
        Ok(())
    }

    /// Makes the last part of a dotted key current and every other part an
    /// implicit table of the context.
    fn set_key_context(&mut self, key: &[String]) -> Result<()> {
        let Some((last, parents)) = key.split_last() else {
            return Err(bug("Unexpected empty key.".into()));
        };
        self.current_key = last.clone();
        for part in parents {
            self.context.push(part.clone());
            let name = key_string(&self.context);
            self.implicits.insert(name);
            self.add_context_in_place(false, true)?;
        }
        Ok(())
    }

    fn key_string(&mut self, it: &Item) -> Result<String> {
        match it.typ {
            ItemType::Text => Ok(from_go_bytes(&it.val).into_owned()),
            ItemType::String
            | ItemType::MultilineString
            | ItemType::RawString
            | ItemType::RawMultilineString => match self.value(it.clone(), false)?.0 {
                Node::Scalar(Value::String(ref s)) => Ok(s.to_string()),
                _ => Err(bug("Unexpected key value.".into())),
            },
            other => Err(bug(format!("Unexpected key type: {}", other.name()))),
        }
    }

    fn value(&mut self, it: Item, parent_is_array: bool) -> Result<(Node, TomlType)> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            let text = || from_go_bytes(&it.val).into_owned();
            let string = |s: String| Ok((Node::Scalar(Value::str(s)), TomlType::Other));
            match it.typ {
                ItemType::String => string(self.replace_escapes(&it, &text())?),
                ItemType::MultilineString => {
                    let s = strip_escaped_newlines(strip_first_newline(&text()));
                    string(self.replace_escapes(&it, &s)?)
                }
                ItemType::RawString => string(text()),
                ItemType::RawMultilineString => string(strip_first_newline(&text()).to_string()),
                ItemType::Integer => self.value_integer(&it),
                ItemType::Float => self.value_float(&it),
                ItemType::Bool => match it.val.as_slice() {
                    b"true" => Ok((Node::Scalar(Value::Bool(true)), TomlType::Other)),
                    b"false" => Ok((Node::Scalar(Value::Bool(false)), TomlType::Other)),
                    _ => Err(bug(format!(
                        "Expected boolean value, but got '{}'.",
                        text()
                    ))),
                },
                ItemType::Datetime => self.value_datetime(&it),
                ItemType::Array => self.value_array(),
                ItemType::InlineTableStart => self.value_inline_table(parent_is_array),
                other => Err(bug(format!("Unexpected value type: {}", other.name()))),
            }
        })
    }

    fn value_integer(&self, it: &Item) -> Result<(Node, TomlType)> {
        let val = from_go_bytes(&it.val).into_owned();
        if !num_underscores_ok(&val) {
            return Err(self.fail_item(
                it,
                format!(
                    "Invalid integer {}: underscores must be surrounded by digits",
                    quote(&val)
                ),
            ));
        }
        if num_has_leading_zero(&val) {
            return Err(self.fail_item(
                it,
                format!(
                    "Invalid integer {}: cannot have leading zeroes",
                    quote(&val)
                ),
            ));
        }
        match parse_go_int(&val) {
            Ok(n) => Ok((Node::Scalar(Value::Int64(n)), TomlType::Other)),
            Err(NumError::Range) => {
                Err(self.fail_item(it, format!("{val} is out of range for int64")))
            }
            Err(NumError::Syntax) => Err(bug(format!("Expected integer value, but got '{val}'."))),
        }
    }

    fn value_float(&self, it: &Item) -> Result<(Node, TomlType)> {
        let val = from_go_bytes(&it.val).into_owned();
        let parts: Vec<&str> = val
            .split(['.', 'e', 'E'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.iter().any(|p| !num_underscores_ok(p)) {
            return Err(self.fail_item(
                it,
                format!(
                    "Invalid float {}: underscores must be surrounded by digits",
                    quote(&val)
                ),
            ));
        }
        if parts.first().is_some_and(|p| num_has_leading_zero(p)) {
            return Err(self.fail_item(
                it,
                format!("Invalid float {}: cannot have leading zeroes", quote(&val)),
            ));
        }
        if !num_periods_ok(&val) {
            return Err(self.fail_item(
                it,
                format!(
                    "Invalid float {}: '.' must be followed by one or more digits",
                    quote(&val)
                ),
            ));
        }
        let mut digits = val.replace('_', "");
        let mut negative_nan = false;
        if digits == "+nan" || digits == "-nan" {
            negative_nan = digits == "-nan";
            digits = "nan".into();
        }
        match parse_go_float(&digits) {
            Ok(f) => {
                let f = if negative_nan { -f.abs() } else { f };
                Ok((Node::Scalar(Value::Float(f)), TomlType::Other))
            }
            Err(NumError::Range) => {
                Err(self.fail_item(it, format!("{val} is out of range for float64")))
            }
            Err(NumError::Syntax) => {
                Err(self.fail_item(it, format!("Invalid float value: {}", quote(&val))))
            }
        }
    }

    fn value_datetime(&self, it: &Item) -> Result<(Node, TomlType)> {
        let val: String = from_go_bytes(&it.val)
            .chars()
            .map(|c| match c {
                'z' => 'Z',
                't' | ' ' => 'T',
                c => c,
            })
            .collect();
        let invalid = || self.fail_item(it, format!("invalid datetime: {}", quote(&val)));
        for (layout, zone) in datetime_layouts() {
            if let Ok(t) = parse_in_location(layout, &val, zone) {
                if missing_leading_zero(&val, layout) {
                    return Err(invalid());
                }
                return Ok((Node::Scalar(t.value()), TomlType::Other));
            }
        }
        Err(invalid())
    }

    fn value_array(&mut self) -> Result<(Node, TomlType)> {
        let current = self.current_key.clone();
        self.set_type(&current, TomlType::Array);
        let mut array = Vec::new();
        loop {
            let it = self.next()?;
            match it.typ {
                ItemType::ArrayEnd => break,
                ItemType::CommentStart => {
                    self.expect(ItemType::Text)?;
                }
                _ => array.push(self.value(it, true)?.0),
            }
        }
        Ok((Node::Array(array), TomlType::Array))
    }

    fn value_inline_table(&mut self, parent_is_array: bool) -> Result<(Node, TomlType)> {
        let top_hash = new_table();
        let outer_len = self.context.len();
        let outer_key = std::mem::take(&mut self.current_key);
        self.context.push(outer_key.clone());
        let prev_len = self.context.len();
        let name = key_string(&self.context);
        self.implicits.insert(name);
        self.add_context_in_place(parent_is_array, false)?;
        loop {
            let it = self.next()?;
            match it.typ {
                ItemType::InlineTableEnd => break,
                ItemType::CommentStart => {
                    self.expect(ItemType::Text)?;
                    continue;
                }
                _ => {}
            }
            let first = self.next_pos()?;
            let key = self.read_key(first, ItemType::KeyEnd)?;
            self.set_key_context(&key)?;
            let v_item = self.next()?;
            let (val, typ) = self.value(v_item, false)?;
            let current = self.current_key.clone();
            self.set_value(&current, val.clone())?;
            self.set_type(&current, typ);
            let mut hash = top_hash.clone();
            for part in &key[..key.len() - 1] {
                let existing = hash.borrow().get(part).cloned();
                let h = match existing {
                    Some(h) => h,
                    None => {
                        let t = Node::Table(new_table());
                        hash.borrow_mut().insert(part.clone(), t.clone());
                        t
                    }
                };
                match h {
                    Node::Table(ref t) => hash = t.clone(),
                    _ => {
                        // Go formats the context with `%q`, which uses its `String()`.
                        let ctx = quote(&key_string(&self.context));
                        return Err(self.fail(format!("{ctx} is not a table")));
                    }
                }
            }
            hash.borrow_mut().insert(current, val);
            self.context.truncate(prev_len);
        }
        self.context.truncate(outer_len);
        self.current_key = outer_key;
        Ok((Node::Table(top_hash), TomlType::Other))
    }

    /// Makes `key` the context, creating implicit parent tables; a table
    /// header (`array == false`) also defines the table itself.
    fn add_context(&mut self, key: &[String], array: bool) -> Result<()> {
        let Some((last, parents)) = key.split_last() else {
            return Err(bug("Unexpected empty key.".into()));
        };
        let hash = match walk_parents(&self.mapping, &mut self.implicits, key) {
            Ok(hash) => hash,
            Err(message) => return Err(self.fail(message)),
        };
        self.context = parents.to_vec();
        self.define(hash, last, array)?;
        self.context.push(last.clone());
        Ok(())
    }

    /// [`Parser::add_context`] with the context itself as the key, without
    /// copying it. Go's context at a failed walk excludes the last part for a
    /// dotted key (`dotted_part`) and includes it for an inline table.
    fn add_context_in_place(&mut self, array: bool, dotted_part: bool) -> Result<()> {
        let walked = walk_parents(&self.mapping, &mut self.implicits, &self.context);
        let Some(last) = self.context.pop() else {
            return Err(bug("Unexpected empty key.".into()));
        };
        let hash = match walked {
            Ok(hash) => hash,
            Err(message) => {
                if !dotted_part {
                    self.context.push(last);
                }
                return Err(self.fail(message));
            }
        };
        let defined = self.define(hash, &last, array);
        self.context.push(last);
        defined
    }

    /// Defines the last part of a key in `hash` (the context holds the
    /// parents): a new table, or a new element of an array of tables.
    fn define(&mut self, hash: Table, last: &str, array: bool) -> Result<()> {
        if !array {
            return self.set_value(last, Node::Table(new_table()));
        }
        let pushed = match hash
            .borrow_mut()
            .entry(last.to_string())
            .or_insert_with(|| Node::TableArray(Vec::new()))
        {
            Node::TableArray(ts) => {
                ts.push(new_table());
                true
            }
            _ => false,
        };
        if !pushed {
            let name = self.context_key(last);
            return Err(self.fail(format!(
                "Key '{name}' was already created and cannot be used as an array."
            )));
        }
        Ok(())
    }

    /// `Key.String` of the context plus one more part.
    fn context_key(&self, last: &str) -> String {
        let mut name = key_string(&self.context);
        if !self.context.is_empty() {
            name.push('.');
        }
        name.push_str(&maybe_quoted(last));
        name
    }

    /// Sets `key` in the current context, rejecting redefinitions (an
    /// implicit table may be defined once; an array replaced by its value).
    fn set_value(&mut self, key: &str, value: Node) -> Result<()> {
        let mut hash = self.mapping.clone();
        for (i, k) in self.context.iter().enumerate() {
            let next = match hash.borrow().get(k) {
                None => None,
                Some(Node::TableArray(ts)) => Some(ts.last().cloned()),
                Some(Node::Table(t)) => Some(Some(t.clone())),
                Some(_) => Some(None),
            };
            match next {
                Some(Some(t)) => hash = t,
                None => {
                    return Err(bug(format!(
                        "Context for key '{}' has not been established.",
                        key_string(&self.context[..=i])
                    )));
                }
                Some(None) => {
                    return Err(self.fail(format!(
                        "Key '{}' has already been defined.",
                        key_string(&self.context[..=i])
                    )));
                }
            }
        }
        let exists = hash.borrow().contains_key(key);
        if exists {
            // An implicitly created table may be defined once; an array whose
            // inline tables created it is replaced by the finished array.
            let name = self.context_key(key);
            if self.implicits.remove(&name) {
                if self.key_info.get(&name) == Some(&TomlType::Array) {
                    hash.borrow_mut().insert(key.to_string(), value);
                }
                return Ok(());
            }
            return Err(self.fail(format!("Key '{name}' has already been defined.")));
        }
        hash.borrow_mut().insert(key.to_string(), value);
        Ok(())
    }

    fn set_type(&mut self, key: &str, typ: TomlType) {
        // An empty key names the context (`Key{""}` when that is empty too).
        let name = if !key.is_empty() || self.context.is_empty() {
            self.context_key(key)
        } else {
            key_string(&self.context)
        };
        self.key_info.insert(name, typ);
    }

    /// Resolves the escapes of a basic string.
    fn replace_escapes(&self, it: &Item, s: &str) -> Result<String> {
        let b = s.as_bytes();
        let mut out = String::with_capacity(s.len());
        let mut chars = s.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let Some(&e) = b.get(i + 1) else {
                return Err(bug("Escape sequence at end of string.".into()));
            };
            let mut skip = 1;
            match e {
                b' ' | b'\t' => {
                    return Err(self.fail_item(it, format!("invalid escape: '\\{}'", e as char)));
                }
                b'b' => out.push('\u{8}'),
                b't' => out.push('\t'),
                b'n' => out.push('\n'),
                b'f' => out.push('\u{c}'),
                b'r' => out.push('\r'),
                b'e' => out.push('\u{1b}'),
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'x' | b'u' | b'U' => {
                    let n = match e {
                        b'x' => 2,
                        b'u' => 4,
                        _ => 8,
                    };
                    let hex = s.get(i + 2..i + 2 + n).unwrap_or_default();
                    out.push(self.escaped_rune(it, hex)?);
                    skip = n + 1;
                }
                other => {
                    return Err(bug(format!(
                        "Expected valid escape code after \\, but got {}.",
                        gotemplate::gofmt::sprintf("%q", &[Value::Int(i64::from(other))])
                    )));
                }
            }
            for _ in 0..skip {
                chars.next();
            }
        }
        Ok(out)
    }

    fn escaped_rune(&self, it: &Item, hex: &str) -> Result<char> {
        let code = u32::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.chars().all(|c| is_hex(c as u32)));
        let Some(code) = code else {
            return Err(bug(format!(
                "Could not parse '{hex}' as a hexadecimal number, but the lexer claims it's OK"
            )));
        };
        char::from_u32(code).ok_or_else(|| {
            self.fail_item(
                it,
                format!("Escaped character '\\u{hex}' is not valid UTF-8."),
            )
        })
    }
}

/// Walks from the root to the table that holds the last part of `key`,
/// creating (implicit) tables for missing parents; the error message names
/// the part that is not a table.
fn walk_parents(
    mapping: &Table,
    implicits: &mut HashSet<String>,
    key: &[String],
) -> std::result::Result<Table, String> {
    let mut hash = mapping.clone();
    for i in 0..key.len().saturating_sub(1) {
        let k = &key[i];
        let exists = hash.borrow().contains_key(k);
        if !exists {
            implicits.insert(key_string(&key[..=i]));
            hash.borrow_mut()
                .insert(k.clone(), Node::Table(new_table()));
        }
        let next = match hash.borrow().get(k) {
            Some(Node::TableArray(ts)) => ts.last().cloned(),
            Some(Node::Table(t)) => Some(t.clone()),
            _ => None,
        };
        match next {
            Some(t) => hash = t,
            None => {
                return Err(format!(
                    "Key '{}' was already created as a hash.",
                    key_string(&key[..=i])
                ));
            }
        }
    }
    Ok(hash)
}

fn bug(message: String) -> DecodeError {
    DecodeError::Bug(format!("BUG: {message}\n\n"))
}

fn strip_first_newline(s: &str) -> &str {
    s.strip_prefix('\n')
        .or_else(|| s.strip_prefix("\r\n"))
        .unwrap_or(s)
}

/// Removes a line-ending backslash and all whitespace after it.
fn strip_escaped_newlines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut s = s;
    let mut i = 0;
    loop {
        let Some(ix) = s[i..].find('\\') else {
            out.push_str(s);
            return out;
        };
        i += ix;
        let b = s.as_bytes();
        if b.get(i + 1) == Some(&b'\\') {
            i += 2;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r' | b'\n') {
            j += 1;
        }
        if j == i + 1 || !s[i..j].contains('\n') {
            i += 1;
            continue;
        }
        out.push_str(&s[..i]);
        s = &s[j..];
        i = 0;
    }
}

/// Whether each underscore sits between two (hex) digits.
fn num_underscores_ok(s: &str) -> bool {
    if matches!(s, "nan" | "+nan" | "-nan" | "inf" | "-inf" | "+inf") {
        return true;
    }
    let mut accept = false;
    for c in s.chars() {
        if c == '_' && !accept {
            return false;
        }
        accept = is_hex(c as u32);
    }
    accept
}

fn num_has_leading_zero(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() > 1 && b[0] == b'0' && !matches!(b[1], b'b' | b'o' | b'x') {
        return true;
    }
    b.len() > 2 && matches!(b[0], b'-' | b'+') && b[1] == b'0'
}

/// Whether every '.' is followed by a digit.
fn num_periods_ok(s: &str) -> bool {
    let mut period = false;
    for c in s.chars() {
        if period && !c.is_ascii_digit() {
            return false;
        }
        period = c == '.';
    }
    !period
}

/// Go's `time.Parse` accepts single-digit fields; TOML does not. The
/// separators of a valid value sit where the layout has them.
fn missing_leading_zero(d: &str, layout: &str) -> bool {
    let d = d.as_bytes();
    for (i, c) in layout.bytes().enumerate() {
        if c == b'.' || c == b'Z' {
            return false;
        }
        if !c.is_ascii_digit() && d.get(i) != Some(&c) {
            return true;
        }
    }
    false
}

/// The datetime layouts BurntSushi/toml tries, in order, with the zone each
/// yields (TOML 1.1 adds the forms without seconds).
fn datetime_layouts() -> &'static [(&'static str, Arc<Location>); 7] {
    static LAYOUTS: OnceLock<[(&'static str, Arc<Location>); 7]> = OnceLock::new();
    LAYOUTS.get_or_init(|| {
        let local = Location::local();
        let zones = local_zones();
        [
            ("2006-01-02T15:04:05.999999999Z07:00", local.clone()),
            ("2006-01-02T15:04:05.999999999", zones.datetime.clone()),
            ("2006-01-02", zones.date.clone()),
            ("15:04:05.999999999", zones.time.clone()),
            ("2006-01-02T15:04Z07:00", local),
            ("2006-01-02T15:04", zones.datetime.clone()),
            ("15:04", zones.time.clone()),
        ]
    })
}

/// BurntSushi's zones for TOML's local date-times: fixed zones named
/// `datetime-local`, `date-local`, `time-local` at the local offset.
pub(super) struct LocalZones {
    pub datetime: Arc<Location>,
    pub date: Arc<Location>,
    pub time: Arc<Location>,
}

pub(super) fn local_zones() -> &'static LocalZones {
    static ZONES: OnceLock<LocalZones> = OnceLock::new();
    ZONES.get_or_init(|| {
        let (_, offset) = Location::local().lookup(GoTime::now().unix());
        LocalZones {
            datetime: Location::fixed("datetime-local", offset),
            date: Location::fixed("date-local", offset),
            time: Location::fixed("time-local", offset),
        }
    })
}

/// Why a number did not parse (Go's `strconv.ErrRange` / `ErrSyntax`).
enum NumError {
    Range,
    Syntax,
}

/// Go's `strconv.ParseInt(s, 0, 64)`.
fn parse_go_int(s0: &str) -> std::result::Result<i64, NumError> {
    let (neg, s) = match s0.as_bytes().first() {
        Some(b'-') => (true, &s0[1..]),
        Some(b'+') => (false, &s0[1..]),
        _ => (false, s0),
    };
    if s.is_empty() {
        return Err(NumError::Syntax);
    }
    let b = s.as_bytes();
    let (base, digits) = if b[0] == b'0' {
        match b.get(1).map(u8::to_ascii_lowercase) {
            Some(b'b') if b.len() >= 3 => (2, &s[2..]),
            Some(b'o') if b.len() >= 3 => (8, &s[2..]),
            Some(b'x') if b.len() >= 3 => (16, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    let mut n: u64 = 0;
    let mut underscores = false;
    for c in digits.chars() {
        if c == '_' {
            underscores = true;
            continue;
        }
        let d = c
            .to_digit(16)
            .filter(|d| *d < base)
            .ok_or(NumError::Syntax)?;
        n = n
            .checked_mul(u64::from(base))
            .and_then(|n| n.checked_add(u64::from(d)))
            .ok_or(NumError::Range)?;
    }
    if underscores && !gotemplate::strconv::underscore_ok(s0) {
        return Err(NumError::Syntax);
    }
    const LIMIT: u64 = 1 << 63;
    if (!neg && n >= LIMIT) || (neg && n > LIMIT) {
        return Err(NumError::Range);
    }
    Ok(if neg {
        (n as i64).wrapping_neg()
    } else {
        n as i64
    })
}

/// Go's `strconv.ParseFloat(s, 64)` for the forms the lexer lets through:
/// `inf`/`nan` words and decimal numbers.
fn parse_go_float(s: &str) -> std::result::Result<f64, NumError> {
    let unsigned = s.trim_start_matches(['+', '-']);
    let negative = s.starts_with('-');
    if s.len() - unsigned.len() <= 1 {
        let lower = unsigned.to_ascii_lowercase();
        if lower == "inf" || lower == "infinity" {
            return Ok(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        if lower == "nan" && unsigned.len() == s.len() {
            return Ok(f64::NAN);
        }
    }
    if !is_go_decimal_float(s) {
        return Err(NumError::Syntax);
    }
    let f: f64 = s.parse().map_err(|_| NumError::Syntax)?;
    if f.is_infinite() {
        return Err(NumError::Range);
    }
    Ok(f)
}

/// `[+-] digits [. digits] [(e|E) [+-] digits]` with at least one mantissa
/// digit (Go's `readFloat` grammar without hex and underscores).
fn is_go_decimal_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if let Some(b'+' | b'-') = b.first() {
        i += 1;
    }
    let mut mantissa_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        mantissa_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_int_parsing() {
        assert!(matches!(parse_go_int("0x1F"), Ok(31)));
        assert!(matches!(parse_go_int("-9223372036854775808"), Ok(i64::MIN)));
        assert!(matches!(
            parse_go_int("9223372036854775808"),
            Err(NumError::Range)
        ));
        assert!(matches!(parse_go_int("1_000"), Ok(1000)));
        assert!(matches!(parse_go_int("1__0"), Err(NumError::Syntax)));
        assert!(matches!(parse_go_int("0"), Ok(0)));
    }

    #[test]
    fn go_float_parsing() {
        assert!(matches!(parse_go_float("1e1000"), Err(NumError::Range)));
        assert!(matches!(parse_go_float("1e-1000"), Ok(f) if f == 0.0));
        assert!(matches!(parse_go_float("1.2.3"), Err(NumError::Syntax)));
        assert!(matches!(parse_go_float("-inf"), Ok(f) if f == f64::NEG_INFINITY));
        assert!(matches!(parse_go_float("+nan"), Err(NumError::Syntax)));
    }

    #[test]
    fn escaped_newlines() {
        assert_eq!(strip_escaped_newlines("a\\\n   b"), "ab");
        assert_eq!(strip_escaped_newlines("a\\\\\nb"), "a\\\\\nb");
        assert_eq!(strip_escaped_newlines("a\\ b"), "a\\ b");
    }
}
