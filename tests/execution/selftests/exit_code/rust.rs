use std::io::Read;

fn main() {
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).expect("stdin");
    println!("out");
    eprintln!("err");
    std::process::exit(42);
}
