//! The `--set` line parser, a port of the control flow of Helm's
//! `pkg/strvals` (`parser.go` and `literal_parser.go`). The flow is kept
//! close to Go's because its side effects on early end of input are
//! observable: `a[0].` leaves `a: []` behind and succeeds.

use gotemplate::{List, Map, Value};

use super::json;
use super::{MAX_INDEX, MAX_NESTED_NAME_LEVEL, StrvalsError};

/// Loads `--set-file` values: given the path text, the file's content or an
/// error message (Go's, e.g. `open x: no such file or directory`).
pub type FileReader<'a> = dyn FnMut(&str) -> Result<String, String> + 'a;

/// How values are read.
pub(crate) enum Reader<'r, 'a> {
    /// `--set`: `true`/`false`/`null`, int64, else string.
    Typed,
    /// `--set-string`.
    String,
    /// `--set-file`: the value is a path.
    File(&'r mut FileReader<'a>),
    /// `--set-json`: the value is a JSON document.
    Json,
    /// `--set-literal`: the rest of the line, verbatim.
    Literal,
}

/// Why parsing stopped: the end of input (which `parse` treats as success,
/// as Go's `errors.Is(err, io.EOF)` does, wrapped or not), a real error, or
/// Go's `ErrNotList` signal from `valList`.
enum Stop {
    Eof,
    NotList,
    Error(StrvalsError),
}

impl From<StrvalsError> for Stop {
    fn from(e: StrvalsError) -> Stop {
        Stop::Error(e)
    }
}

type Step<T> = Result<T, Stop>;

pub(crate) struct Parser<'r, 'a> {
    chars: Vec<char>,
    pos: usize,
    reader: Reader<'r, 'a>,
    /// Current recursion depth of `key`/`list_item`.
    depth: usize,
}

/// How deep `key`/`list_item` may recurse. Go's parser has no limit (its
/// stack grows); this one grows its stack on the heap too, but refuses
/// `a[0][0]...` or `a[0].b[0].c...` chains deeper than the values YAML may
/// hold (go-yaml's 10000 levels), which nothing downstream expects.
pub(crate) const MAX_RECURSION: usize = 10_000;

/// Go's `strings.EqualFold` against an ASCII word: simple case folding, under
/// which U+017F (ſ) folds to `s` and U+212A (Kelvin) to `k`.
fn equal_fold(s: &str, word: &str) -> bool {
    let mut chars = s.chars();
    for w in word.chars() {
        let Some(c) = chars.next() else {
            return false;
        };
        let same = c.eq_ignore_ascii_case(&w)
            || (w == 's' && c == '\u{17F}')
            || (w == 'k' && c == '\u{212A}');
        if !same {
            return false;
        }
    }
    chars.next().is_none()
}

/// Helm's `typedVal`.
fn typed_value(s: String) -> Value {
    if equal_fold(&s, "true") {
        return Value::Bool(true);
    }
    if equal_fold(&s, "false") {
        return Value::Bool(false);
    }
    if equal_fold(&s, "null") {
        return Value::Nil;
    }
    if s == "0" {
        return Value::Int64(0);
    }
    if !s.is_empty()
        && !s.starts_with('0')
        && let Ok(i) = s.parse::<i64>()
    {
        return Value::Int64(i);
    }
    Value::String(s.into())
}

/// Go's `strconv.Atoi`.
fn atoi(s: &str) -> Result<i64, StrvalsError> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StrvalsError::Atoi {
            input: s.to_string(),
            out_of_range: false,
        });
    }
    s.parse::<i64>().map_err(|_| StrvalsError::Atoi {
        input: s.to_string(),
        out_of_range: true,
    })
}

/// The panic Go's failed type assertion raises, as `key` recovers it.
fn conversion(found: &Value, wanted: &'static str) -> StrvalsError {
    let found = match found {
        Value::Nil => "nil".to_string(),
        v => v.type_name().to_string(),
    };
    StrvalsError::TypeConversion { found, wanted }
}

const LIST_TYPE: &str = "[]interface {}";
const MAP_TYPE: &str = "map[string]interface {}";

/// Helm's `set`: an empty key is silently dropped.
fn set(data: &Map, key: &str, value: Value) {
    if !key.is_empty() {
        data.insert(key, value);
    }
}

/// Helm's `setIndex`: pads with nulls.
fn set_index(mut list: Vec<Value>, index: i64, value: Value) -> (Vec<Value>, Step<()>) {
    if index < 0 {
        return (list, Err(StrvalsError::NegativeIndex(index).into()));
    }
    if index > MAX_INDEX {
        return (list, Err(StrvalsError::IndexTooLarge(index).into()));
    }
    let i = index as usize;
    if list.len() <= i {
        list.resize(i + 1, Value::Nil);
    }
    list[i] = value;
    (list, Ok(()))
}

fn list_value(items: Vec<Value>) -> Value {
    Value::List(List::new(items))
}

impl<'r, 'a> Parser<'r, 'a> {
    pub(crate) fn new(input: &str, reader: Reader<'r, 'a>) -> Parser<'r, 'a> {
        Parser {
            chars: input.chars().collect(),
            pos: 0,
            reader,
            depth: 0,
        }
    }

    fn literal(&self) -> bool {
        matches!(self.reader, Reader::Literal)
    }

    /// Helm's `parse`: keys until the input ends.
    pub(crate) fn parse(&mut self, data: &Map) -> Result<(), StrvalsError> {
        loop {
            match self.key(data, 0) {
                Ok(()) => {}
                Err(Stop::Eof) => return Ok(()),
                Err(Stop::Error(e)) => return Err(e),
                Err(Stop::NotList) => unreachable!("ErrNotList is handled where raised"),
            }
        }
    }

    fn read(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn unread(&mut self) {
        self.pos -= 1;
    }

    /// Helm's `runesUntil`: text up to one of `stop` (consumed and returned),
    /// with `\` escaping the next character (not in literal mode). `None`
    /// as the stop means the input ended.
    fn until(&mut self, stop: &[char]) -> (String, Option<char>) {
        let mut text = String::new();
        loop {
            let Some(c) = self.read() else {
                return (text, None);
            };
            if stop.contains(&c) {
                return (text, Some(c));
            }
            if c == '\\' && !self.literal() {
                match self.read() {
                    Some(next) => text.push(next),
                    None => return (text, None),
                }
                continue;
            }
            text.push(c);
        }
    }

    /// The value reader for `--set`, `--set-string` and `--set-file`.
    fn convert(&mut self, text: String) -> Step<Value> {
        match &mut self.reader {
            Reader::Typed => Ok(typed_value(text)),
            Reader::File(read) => read(&text)
                .map(Value::from)
                .map_err(|e| StrvalsError::File(e).into()),
            _ => Ok(Value::String(text.into())),
        }
    }

    /// Helm's `key`, including its recovery of type-assertion panics.
    fn key(&mut self, data: &Map, level: usize) -> Step<()> {
        if self.depth >= MAX_RECURSION {
            return Err(StrvalsError::RecursionTooDeep.into());
        }
        self.depth += 1;
        let result = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.key_inner(data, level));
        self.depth -= 1;
        result
    }

    fn key_inner(&mut self, data: &Map, level: usize) -> Step<()> {
        let stop: &[char] = if self.literal() {
            &['=', '[', '.']
        } else {
            &['=', '[', ',', '.']
        };
        let (key, last) = self.until(stop);
        match last {
            None => {
                if key.is_empty() {
                    Err(Stop::Eof)
                } else {
                    Err(StrvalsError::NoValue(key).into())
                }
            }
            Some('[') => {
                let index = self.key_index()?;
                let list = match data.get(&key) {
                    None => Vec::new(),
                    Some(Value::List(l)) if l.elem() == gotemplate::ElemType::Any => l.into_vec(),
                    Some(other) => return Err(conversion(&other, LIST_TYPE).into()),
                };
                let (list, result) = self.list_item(list, index, level)?;
                set(data, &key, list_value(list));
                result
            }
            Some('=') => self.key_value(data, &key),
            Some(',') => {
                set(data, &key, Value::from(""));
                Err(StrvalsError::NoValueTrailingComma(key).into())
            }
            Some(_) => {
                let level = level + 1;
                if level > MAX_NESTED_NAME_LEVEL {
                    return Err(StrvalsError::NestedTooDeep.into());
                }
                let inner = match data.get(&key) {
                    None => Map::new(),
                    Some(Value::Map(m)) => m,
                    Some(other) => return Err(conversion(&other, MAP_TYPE).into()),
                };
                let result = self.key(&inner, level);
                if result.is_ok() && inner.is_empty() {
                    return Err(StrvalsError::KeyMapNoValue(key).into());
                }
                if !inner.is_empty() {
                    set(data, &key, Value::Map(inner));
                }
                result
            }
        }
    }

    /// The `=` branch of `key`.
    fn key_value(&mut self, data: &Map, key: &str) -> Step<()> {
        match self.reader {
            Reader::Literal => {
                let (value, _) = self.until(&[]);
                set(data, key, Value::from(value));
                Ok(())
            }
            Reader::Json => {
                if self.empty_value() {
                    set(data, key, Value::Nil);
                    return Ok(());
                }
                let value = self.json_value()?;
                set(data, key, value);
                self.empty_value();
                Ok(())
            }
            _ => match self.value_list() {
                Ok(items) => {
                    set(data, key, list_value(items));
                    Ok(())
                }
                Err(Stop::Eof) => {
                    set(data, key, Value::from(""));
                    Err(Stop::Eof)
                }
                Err(Stop::NotList) => {
                    let (text, _) = self.until(&[',']);
                    match self.convert(text) {
                        Ok(v) => {
                            set(data, key, v);
                            Ok(())
                        }
                        Err(e) => {
                            // Go sets the reader's nil result before failing.
                            set(data, key, Value::Nil);
                            Err(e)
                        }
                    }
                }
                Err(e) => Err(e),
            },
        }
    }

    /// Helm's `keyIndex`: the text up to `]` as an int (an end of input
    /// counts as end of input even when wrapped in "error parsing index").
    fn key_index(&mut self) -> Step<i64> {
        let (text, last) = self.until(&[']']);
        if last.is_none() {
            return Err(Stop::Eof);
        }
        atoi(&text).map_err(|e| StrvalsError::Index(Box::new(e)).into())
    }

    /// Helm's `listItem`. On failure Go returns the list it was given, with
    /// any in-place element changes, so that comes back alongside the error.
    fn list_item(
        &mut self,
        list: Vec<Value>,
        index: i64,
        level: usize,
    ) -> Step<(Vec<Value>, Step<()>)> {
        if self.depth >= MAX_RECURSION {
            return Ok((list, Err(StrvalsError::RecursionTooDeep.into())));
        }
        self.depth += 1;
        let result = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.list_item_inner(list, index, level)
        });
        self.depth -= 1;
        result
    }

    fn list_item_inner(
        &mut self,
        mut list: Vec<Value>,
        index: i64,
        level: usize,
    ) -> Step<(Vec<Value>, Step<()>)> {
        if index < 0 {
            return Ok((list, Err(StrvalsError::NegativeIndex(index).into())));
        }
        let (text, last) = self.until(&['[', '.', '=']);
        if !text.is_empty() {
            return Ok((list, Err(StrvalsError::DataAfterIndex(text).into())));
        }
        match last {
            None => Ok((list, Err(Stop::Eof))),
            Some('=') => Ok(self.list_value(list, index)),
            Some('[') => {
                let next = match self.key_index() {
                    Ok(n) => n,
                    Err(e) => return Ok((list, Err(e))),
                };
                let i = index as usize;
                // An existing inner list is shared with `list` in Go, so its
                // in-place changes survive a failure below.
                let (current, shared) = match list.get(i) {
                    None | Some(Value::Nil) => (Vec::new(), false),
                    Some(Value::List(l)) if l.elem() == gotemplate::ElemType::Any => {
                        (l.clone().into_vec(), true)
                    }
                    Some(other) => return Err(conversion(other, LIST_TYPE).into()),
                };
                let (inner, result) = self.list_item(current, next, level)?;
                if let Err(e) = result {
                    if shared {
                        list[i] = list_value(inner);
                    }
                    return Ok((list, Err(e)));
                }
                Ok(set_index(list, index, list_value(inner)))
            }
            Some(_) => {
                let i = index as usize;
                let inner = match list.get(i) {
                    None => Map::new(),
                    Some(Value::Map(m)) => m.clone(),
                    Some(_) => {
                        // Indices out of order: Go replaces the element in place.
                        let m = Map::new();
                        list[i] = Value::Map(m.clone());
                        m
                    }
                };
                if let Err(e) = self.key(&inner, level) {
                    return Ok((list, Err(e)));
                }
                Ok(set_index(list, index, Value::Map(inner)))
            }
        }
    }

    /// The `=` branch of `listItem`.
    fn list_value(&mut self, list: Vec<Value>, index: i64) -> (Vec<Value>, Step<()>) {
        match self.reader {
            Reader::Literal => {
                let (value, _) = self.until(&[]);
                set_index(list, index, Value::from(value))
            }
            Reader::Json => {
                if self.empty_value() {
                    return set_index(list, index, Value::Nil);
                }
                let value = match self.json_value() {
                    Ok(v) => v,
                    Err(e) => return (list, Err(e)),
                };
                let (list, result) = set_index(list, index, value);
                if result.is_err() {
                    return (list, result);
                }
                self.empty_value();
                (list, Ok(()))
            }
            _ => match self.value_list() {
                Ok(items) => set_index(list, index, list_value(items)),
                Err(Stop::Eof) => set_index(list, index, Value::from("")),
                Err(Stop::NotList) => {
                    let (text, _) = self.until(&[',']);
                    match self.convert(text) {
                        Ok(v) => set_index(list, index, v),
                        Err(e) => (list, Err(e)),
                    }
                }
                Err(e) => (list, Err(e)),
            },
        }
    }

    /// Helm's `valList`: a `{a,b}` list, `NotList` if the value does not start
    /// with `{`.
    fn value_list(&mut self) -> Step<Vec<Value>> {
        match self.read() {
            None => return Err(Stop::Eof),
            Some('{') => {}
            Some(_) => {
                self.unread();
                return Err(Stop::NotList);
            }
        }
        let mut items = Vec::new();
        loop {
            let (text, last) = self.until(&[',', '}']);
            match last {
                None => return Err(StrvalsError::UnterminatedList.into()),
                Some('}') => {
                    if let Some(c) = self.read()
                        && c != ','
                    {
                        self.unread();
                    }
                    items.push(self.convert(text)?);
                    return Ok(items);
                }
                Some(_) => items.push(self.convert(text)?),
            }
        }
    }

    /// Helm's `emptyVal`: skips spaces; true at the end of input or a comma
    /// (consumed), false before anything else (not consumed).
    fn empty_value(&mut self) -> bool {
        loop {
            match self.read() {
                None | Some(',') => return true,
                Some(c) if c.is_whitespace() => {}
                Some(_) => {
                    self.unread();
                    return false;
                }
            }
        }
    }

    /// Decodes one JSON value from the rest of the input and consumes it.
    fn json_value(&mut self) -> Step<Value> {
        let rest: String = self.chars[self.pos..].iter().collect();
        let (value, consumed) = json::decode_prefix(&rest).map_err(|e| StrvalsError::Json(e.0))?;
        self.pos += rest[..consumed].chars().count();
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_fold_uses_unicode_simple_folding() {
        assert!(equal_fold("FaLsE", "false"));
        assert!(equal_fold("fal\u{17F}e", "false"));
        assert!(!equal_fold("fals", "false"));
        assert!(!equal_fold("falsee", "false"));
    }

    #[test]
    fn atoi_messages() {
        assert_eq!(atoi("+12").unwrap(), 12);
        assert_eq!(
            atoi("1_0").unwrap_err().to_string(),
            "strconv.Atoi: parsing \"1_0\": invalid syntax"
        );
        assert_eq!(
            atoi("99999999999999999999").unwrap_err().to_string(),
            "strconv.Atoi: parsing \"99999999999999999999\": value out of range"
        );
    }
}
