//! Sprig's default and emptiness functions, and its `fail`.

use gotemplate::{FuncError, FuncMap, GoType, Value};

use super::conv::empty;
use super::{def, def_variadic, s};

use GoType::{Any, Bool, String as Str};

pub(super) fn register(m: &mut FuncMap) {
    def_variadic(m, "default", &[Any], Any, |a| {
        // Only the first given value counts; no given value means unset.
        Ok(match a.get(1) {
            Some(given) if !empty(given) => given.clone(),
            _ => a[0].clone(),
        })
    });
    def(m, "empty", &[Any], |a| Ok(Value::Bool(empty(&a[0]))));
    def_variadic(m, "coalesce", &[], Any, |a| {
        Ok(a.into_iter().find(|v| !empty(v)).unwrap_or_default())
    });
    def_variadic(m, "all", &[], Any, |a| {
        Ok(Value::Bool(a.iter().all(|v| !empty(v))))
    });
    def_variadic(m, "any", &[], Any, |a| {
        Ok(Value::Bool(a.iter().any(|v| !empty(v))))
    });
    def(m, "ternary", &[Any, Any, Bool], |a| {
        let chosen = if a[2].as_bool().unwrap_or_default() {
            &a[0]
        } else {
            &a[1]
        };
        Ok(chosen.clone())
    });
    // Helm replaces this with its own `fail` at render time.
    def(m, "fail", &[Str], |a| Err(FuncError::msg(s(&a[0]))));
}

#[cfg(test)]
mod tests {
    use gotemplate::{Map, Templates, Value};

    #[test]
    fn sprig_fail_returns_its_message_as_the_error() {
        let mut t = Templates::new("gotpl", crate::funcs::sprig_functions());
        t.parse("t", "a{{ fail \"boom\" }}b").unwrap();
        let err = t.execute("t", &Value::Map(Map::new())).unwrap_err();
        match err {
            gotemplate::Error::Exec(e) => assert_eq!(e.message(), "error calling fail: boom"),
            other => panic!("unexpected error {other}"),
        }
    }
}
