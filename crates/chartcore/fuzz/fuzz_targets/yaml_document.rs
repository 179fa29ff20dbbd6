//! `yaml::parse_document` (Chart.yaml, `fromYaml`) on arbitrary text: any
//! input loads or fails with an error, never a panic, hang or blow-up.

#![no_main]

use chartcore::yaml;
use gotemplate::Value;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(v) = yaml::parse_document(&text) {
        // Printing what loaded must not panic either (it may refuse, as
        // Helm's toYaml does for some values).
        let _ = yaml::to_yaml(&v);
        let _ = yaml::to_yaml_pretty(&Value::list(vec![v]));
    }
    let _ = yaml::parse_document_map(&text);
    let _ = yaml::parse_document_list(&text);
});
