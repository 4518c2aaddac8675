//! Timex harness: reads TempEval-style articles (JSON Lines with `id`,
//! `published`, `text`), runs `find_times(text, "en", published)` and prints
//! one `{"id", "dates": [{text, value, start, end}]}` line per article for
//! `score_timex.py`.
//!
//! usage: harness ARTICLES.jsonl [--durations] [--sets] [--no-anchor] > OUT.jsonl
//!
//! Built in the scratch crate `timex-dev` (lib = the `time/` module, plus
//! serde_json for this binary only); inside Herald the import would be
//! `herald_text::time`. Measured with:
//! `harness ../shared/eval/timex-dev/articles.jsonl > t.jsonl && python3
//! ../shared/eval/tools/score_timex.py ../shared/eval/timex-dev/timex.json t.jsonl`
use std::io::{BufRead, Write};

use timex_dev::time::{Anchor, TimeKind, find_times};

fn parse_anchor(s: &str) -> Option<Anchor> {
    let mut it = s.get(..10)?.split('-');
    let year = it.next()?.parse().ok()?;
    let month = it.next()?.parse().ok()?;
    let day = it.next()?.parse().ok()?;
    Some(Anchor { year, month, day })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: harness ARTICLES.jsonl [--durations] [--sets]");
        std::process::exit(2);
    };
    let durations = args.iter().any(|a| a == "--durations");
    let sets = args.iter().any(|a| a == "--sets");
    let no_anchor = args.iter().any(|a| a == "--no-anchor");
    let file = std::fs::File::open(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { continue };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let id = v["id"].as_str().unwrap_or_default();
        let text = v["text"].as_str().unwrap_or_default();
        let anchor = if no_anchor {
            None
        } else {
            v["published"].as_str().and_then(parse_anchor)
        };
        let dates: Vec<serde_json::Value> = find_times(text, "en", anchor)
            .into_iter()
            .filter(|m| match m.kind {
                TimeKind::Date | TimeKind::Time => true,
                TimeKind::Duration => durations,
                TimeKind::Set => sets,
            })
            .map(|m| serde_json::json!({"text": m.text, "value": m.value, "start": m.start, "end": m.end}))
            .collect();
        let o = serde_json::json!({"id": id, "dates": dates});
        let _ = writeln!(out, "{o}");
    }
}
