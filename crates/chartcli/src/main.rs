fn main() {
    eprintln!("Error: no command implemented yet");
    std::process::exit(1);
}
