//! `yaml::parse_values` (values.yaml and `-f` files) on arbitrary text, and
//! the `toYaml` round trip of whatever loads: when printing succeeds and
//! the printed text loads again, it prints the same. (Helm's printing is not
//! always possible, reloadable or the identity: C1 control characters make
//! it fail; a `"<<"` key prints bare and reloads as a merge key; `-0`
//! prints as `0`; a NEL in a plain scalar as a space.)

#![no_main]

use chartcore::yaml;
use gotemplate::{Map, Value};
use libfuzzer_sys::fuzz_target;

/// Whether some map has a `<<` key: printed bare, it reloads as a merge.
fn has_merge_key(m: &Map) -> bool {
    m.entries().iter().any(|(k, v)| &**k == "<<" || holds_merge_key(v))
}

fn holds_merge_key(v: &Value) -> bool {
    match v {
        Value::Map(m) => has_merge_key(m),
        Value::List(l) => l.iter().any(holds_merge_key),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(values) = yaml::parse_values(&text) else {
        return;
    };
    let unstable = has_merge_key(&values);
    let Ok(printed) = yaml::to_yaml(&Value::Map(values)) else {
        return;
    };
    let Ok(reread) = yaml::parse_values(&printed) else {
        return;
    };
    if unstable {
        return;
    }
    let reprinted = yaml::to_yaml(&Value::Map(reread)).expect("reread values print");
    assert_eq!(
        printed, reprinted,
        "printing is not stable:\n{text}\n---\n{printed}"
    );
});
