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

#[cfg(test)]
mod tests {
    use gotemplate::{Kind, Object, Templates, Value};

    /// A stand-in for Helm's `*common.Capabilities`.
    struct Capabilities;

    impl Object for Capabilities {
        fn type_name(&self) -> &str {
            "*common.Capabilities"
        }
        fn kind(&self) -> Kind {
            Kind::Ptr
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    fn render(src: &str) -> String {
        let mut t = Templates::new("gotpl", crate::funcs::function_map());
        t.parse("t", src).unwrap();
        t.execute("t", &Value::object(Capabilities)).unwrap()
    }

    #[test]
    fn pointer_types_match_their_element_type_only_in_type_is_like() {
        assert_eq!(render("{{ typeOf . }}"), "*common.Capabilities");
        assert_eq!(render("{{ kindOf . }}"), "ptr");
        assert_eq!(render("{{ kindIs \"ptr\" . }}"), "true");
        assert_eq!(render("{{ typeIs \"common.Capabilities\" . }}"), "false");
        assert_eq!(render("{{ typeIs \"*common.Capabilities\" . }}"), "true");
        assert_eq!(render("{{ typeIsLike \"common.Capabilities\" . }}"), "true");
        assert_eq!(
            render("{{ typeIsLike \"*common.Capabilities\" . }}"),
            "true"
        );
        assert_eq!(render("{{ typeIsLike \"Capabilities\" . }}"), "false");
        assert_eq!(render("{{ deepEqual . . }}"), "true");
    }
}
