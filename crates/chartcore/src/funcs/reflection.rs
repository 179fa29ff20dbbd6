//! Sprig's reflection functions: Go type and kind names of values.

use gotemplate::value::deep_equal;
use gotemplate::{FuncMap, GoType, Value};

use super::{def, s};

use GoType::{Any, String as Str};

pub(super) fn register(m: &mut FuncMap) {
    def(m, "typeOf", &[Any], |a| Ok(Value::str(a[0].type_name())));
    def(m, "typeIs", &[Str, Any], |a| {
        Ok(Value::Bool(s(&a[0]) == a[1].type_name()))
    });
    def(m, "typeIsLike", &[Str, Any], |a| {
        let (target, actual) = (s(&a[0]), a[1].type_name());
        Ok(Value::Bool(
            target == actual || actual.strip_prefix('*') == Some(target),
        ))
    });
    def(m, "kindOf", &[Any], |a| Ok(Value::str(a[0].kind().name())));
    def(m, "kindIs", &[Str, Any], |a| {
        Ok(Value::Bool(s(&a[0]) == a[1].kind().name()))
    });
    def(m, "deepEqual", &[Any, Any], |a| {
        Ok(Value::Bool(deep_equal(&a[0], &a[1])))
    });
}
