//! Prints the events (or the error) go-yaml v2 would produce for a file.
use goyaml::{EventKind, Parser};

fn main() {
    let path = std::env::args().nth(1).expect("usage: events FILE");
    let text = std::fs::read_to_string(path).expect("read");
    for e in Parser::new(&text) {
        match e {
            Ok(e) => match e.kind {
                EventKind::Scalar {
                    value,
                    style,
                    tag,
                    anchor,
                    ..
                } => println!(
                    "{:?} SCALAR {value:?} {style:?} tag={tag:?} anchor={anchor:?}",
                    (e.start.line, e.start.column)
                ),
                k => println!("{:?} {k:?}", (e.start.line, e.start.column)),
            },
            Err(e) => println!("ERROR {e} ({:?})", e),
        }
    }
}
