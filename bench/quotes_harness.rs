//! Quotes harness: runs `find_quotes(body, lang)` over a directory of
//! plain-text articles (line 1 is the headline, the rest the body) and
//! prints one `{"source", "quotes": [{text, speaker, cue, via, start, end}]}`
//! line per file, the form `score_quotes.py` reads. `--bench N` instead
//! times N passes over the texts on one thread and prints articles per
//! second.
//!
//! usage: quotes_harness DIR [--lang xx] [--bench N] > OUT.jsonl
//!
//! Built in the scratch crate `quotes-dev` (lib = the `quotes/` module, plus
//! serde_json for this binary only); inside Herald the import would be
//! `herald_text::quotes`. Measured with:
//! `quotes_harness ../shared/eval/quotes-dev/text > q.jsonl && python3
//! ../shared/eval/tools/score_quotes.py ../shared/eval/quotes-dev/quotes.json q.jsonl`
//! and `quotes_harness ../shared/eval/quotes-dev/text --bench 50`.
use std::{env, fs, time::Instant};

use quotes_dev::quotes::find_quotes;

fn main() {
    let args: Vec<String> = env::args().collect();
    let dir = args.get(1).cloned().unwrap_or_else(|| ".".into());
    let lang = args
        .iter()
        .position(|a| a == "--lang")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "en".into());
    let bench = args
        .iter()
        .position(|a| a == "--bench")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse::<usize>().ok());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("readable dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let docs: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| {
            let t = fs::read_to_string(p).ok()?;
            let body = match t.find('\n') {
                Some(i) => t[i + 1..].to_string(),
                None => t,
            };
            Some((p.file_name()?.to_string_lossy().into_owned(), body))
        })
        .collect();
    if let Some(n) = bench {
        let t0 = Instant::now();
        let mut count = 0usize;
        for _ in 0..n {
            for (_, body) in &docs {
                count += find_quotes(body, &lang).len();
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        let arts = (n * docs.len()) as f64;
        let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
        println!(
            "{} articles x {n} passes in {secs:.3} s: {:.0} articles/s, {:.3} ms/article, {:.1} MB/s ({count} quotes)",
            docs.len(),
            arts / secs,
            secs * 1000.0 / arts,
            (bytes * n) as f64 / secs / 1e6
        );
        return;
    }
    for (name, body) in &docs {
        let qs: Vec<serde_json::Value> = find_quotes(body, &lang)
            .into_iter()
            .map(|q| {
                serde_json::json!({"text": q.text, "speaker": q.speaker, "cue": q.cue, "via": q.via, "start": q.start, "end": q.end})
            })
            .collect();
        println!("{}", serde_json::json!({"source": name, "quotes": qs}));
    }
}
