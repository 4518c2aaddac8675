//! Embeds each line of standard input and prints, per line, the token count
//! and the vector (space-separated), or with `--tokens` the token ids; with
//! `--time` only the time per text, on standard error.
//!
//! `cargo run --release -p herald-encoder --example embed -- [--dir DIR] [--passage] [--tokens] [--time]`

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

use herald_encoder::{Encoder, Prefix};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir = herald_encoder::default_dir();
    let (mut prefix, mut tokens, mut time) = (Prefix::Query, false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dir" => dir = PathBuf::from(args.next().ok_or("--dir needs a directory")?),
            "--passage" => prefix = Prefix::Passage,
            "--bare" => prefix = Prefix::Bare,
            "--tokens" => tokens = true,
            "--time" => time = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let start = Instant::now();
    let encoder = Encoder::load(&dir)?;
    eprintln!(
        "loaded {} in {:.2} s, {:.1} MB held",
        dir.display(),
        start.elapsed().as_secs_f64(),
        encoder.heap_bytes() as f64 / 1e6
    );
    let lines: Vec<String> = std::io::stdin().lock().lines().collect::<Result<_, _>>()?;
    if time {
        let n_tokens: usize = lines
            .iter()
            .map(|l| encoder.tokenize(l, prefix).len())
            .sum();
        let start = Instant::now();
        let mut check = 0.0f32;
        for line in &lines {
            check += encoder.embed_as(line, prefix)[0];
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "{} texts, {:.1} tokens each: {:.2} ms per text, {:.1} texts/s (check {check:.4})",
            lines.len(),
            n_tokens as f64 / lines.len() as f64,
            secs * 1e3 / lines.len() as f64,
            lines.len() as f64 / secs
        );
        return Ok(());
    }
    for line in &lines {
        let ids = encoder.tokenize(line, prefix);
        if tokens {
            let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
            println!("{}", ids.join(" "));
        } else {
            let v = encoder.embed_as(line, prefix);
            let v: Vec<String> = v.iter().map(|x| format!("{x:.9}")).collect();
            println!("{} {}", ids.len(), v.join(" "));
        }
    }
    Ok(())
}
