fn main() {
    let path = std::env::args().nth(1).unwrap();
    let data = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let r = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || {
            let text = String::from_utf8_lossy(&data).into_owned();
            chartcore::yaml::parse_values(&text)
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
        .unwrap()
        .join()
        .unwrap();
    println!(
        "{:?} in {:?}",
        r.err().map(|e| e.chars().take(150).collect::<String>()),
        t.elapsed()
    );
}
