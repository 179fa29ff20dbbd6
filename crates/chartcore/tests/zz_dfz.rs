use chartcore::{json, yaml};
use gotemplate::Value;

fn jt(v: &Value) -> String {
    json::to_json(v, true, None).unwrap_or_default()
}

#[test]
fn dfz() {
    let path = std::env::var("DFZ").unwrap_or("/tmp/dfz/cases.json".into());
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut bad = 0;
    for c in &cases {
        let input = c["input"].as_str().unwrap();
        let fy = match yaml::parse_document_map(input) {
            Ok(m) => jt(&Value::Map(m)),
            Err(e) => jt(&Value::map([("Error", Value::str(e.message))])),
        };
        let fya = match yaml::parse_document_list(input) {
            Ok(l) => jt(&Value::List(l)),
            Err(e) => jt(&Value::list(vec![Value::str(e.message)])),
        };
        let fj = match json::unmarshal_map(input) {
            (None, None) => "null".to_string(),
            (m, e) => {
                let m = m.unwrap_or_default();
                if let Some(e) = e {
                    m.insert("Error", Value::str(e.message));
                }
                jt(&Value::Map(m))
            }
        };
        for (name, got, want) in [
            ("fromYaml", fy, &c["fromYaml"]),
            ("fromYamlArray", fya, &c["fromYamlArray"]),
            ("fromJson", fj, &c["fromJson"]),
        ] {
            let want = want.as_str().unwrap().replace("<no value>", "");
            if got.replace("<no value>", "") != want {
                bad += 1;
                if bad < 100000 {
                    eprintln!("MISMATCH {name} input={input:?}\n  want={want}\n  got ={got}");
                }
            }
        }
    }
    eprintln!("total {} mismatches {bad}", cases.len());
}
