// Prints OK and the Unicode line of its own source only if Rust reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
use std::io::Read;
use std::process::exit;

const EXPECTED: &str = "héllo wörld ✓ 世界 🎉";

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin is UTF-8");
    let lines: Vec<&str> = input.split('\n').collect();
    let count: u64 = lines[0].parse().expect("a count");
    let total: u64 = lines[1..=count as usize]
        .iter()
        .map(|line| line.parse::<u64>().expect("a number"))
        .sum();
    if total != count * (count + 1) / 2 {
        println!("FAIL sum {total}");
        exit(1);
    }
    let word = lines[count as usize + 1];
    if word != EXPECTED || word.chars().count() != 18 {
        println!("FAIL unicode {word}");
        exit(1);
    }
    println!("OK {EXPECTED}");
}
