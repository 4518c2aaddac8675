//! Evaluation harness for the entities module: reads every file of a
//! directory in sorted order, runs `find_entities` on each (year from an
//! obvious date in the text), `link` over all of them, and prints one JSON
//! line per file: `{"source", "entities"}` (the shape `score_persons.py`
//! reads). `--seeds` prints a readable listing instead; `--time` reports the
//! time per article on stderr.
//!
//! usage: entities_harness [--kb-dir DIR] [--seeds] [--time] [--batch N] DIR > OUT.jsonl
//!
//! The knowledge base is every `*.tsv` of `--kb-dir` (default
//! `crates/extract/data/kb`); the registry of `link` is seeded from it
//! (`NameRegistry::with_kb`). Built in the scratch crate `entities-dev` (lib =
//! the `entities/` module, plus serde_json for this binary only); inside
//! Herald the import would be `herald_text::entities`. Measured with:
//! `entities_harness ../shared/eval/ecbplus-dev/docs > e.jsonl && python3
//! ../shared/eval/tools/score_persons.py ../shared/eval/ecbplus-dev/persons.json e.jsonl`
//! and `entities_harness --time DIR` (20 passes, one thread, best and median
//! time per article on stderr). `--batch N` links in batches of N files in
//! order, sharing the registry as the CLI does; `NO_KB_REGISTRY=1` links
//! with an empty registry instead of one seeded from the KB.

use std::time::Instant;

use entities_dev::entities::{Kb, NameRegistry, find_entities, link};

fn year_of(text: &str) -> Option<i32> {
    // "April 9, 2024", "Apr 09, 2024", "9 April 2024", "2024-04-09" in the first 600 chars.
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let head: String = text.chars().take(600).collect();
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        let is_month = MONTHS.iter().any(|m| lw.starts_with(m)) && lw.len() >= 3 && lw.len() <= 9;
        if is_month {
            for n in words.iter().skip(i + 1).take(2) {
                if n.len() == 4
                    && let Ok(y) = n.parse::<i32>()
                    && (1950..=2030).contains(&y)
                {
                    return Some(y);
                }
            }
        }
        if w.len() == 10
            && w.as_bytes().get(4) == Some(&b'-')
            && w.as_bytes().get(7) == Some(&b'-')
            && let Ok(y) = w[..4].parse::<i32>()
        {
            return Some(y);
        }
    }
    None
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut kb_dir = "crates/extract/data/kb".to_string();
    let mut seeds = false;
    let mut batch = usize::MAX;
    let mut time = false;
    let mut dir = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--kb-dir" => kb_dir = it.next().unwrap_or_default(),
            "--seeds" => seeds = true,
            "--time" => time = true,
            "--batch" => batch = it.next().and_then(|b| b.parse().ok()).unwrap_or(usize::MAX),
            _ => dir = Some(a),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: harness [--kb-dir DIR] [--seeds] [--time] DIR");
        std::process::exit(2);
    };
    let mut kb = Kb::default();
    let mut kb_files: Vec<_> = std::fs::read_dir(&kb_dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect()
        })
        .unwrap_or_default();
    kb_files.sort();
    for p in &kb_files {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        match Kb::parse_tsv(&text) {
            Ok(k) => kb.extend(k),
            Err(e) => eprintln!("{}: {e}", p.display()),
        }
    }
    eprintln!(
        "kb: {} entries from {} files",
        kb.entries().len(),
        kb_files.len()
    );
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            (
                p.file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::fs::read_to_string(p).unwrap_or_default(),
            )
        })
        .collect();
    let years: Vec<Option<i32>> = texts.iter().map(|(_, t)| year_of(t)).collect();
    let reps = if time { 20 } else { 1 };
    let mut passes = Vec::with_capacity(reps);
    let mut all = Vec::new();
    for _ in 0..reps {
        let t0 = Instant::now();
        all = texts
            .iter()
            .zip(&years)
            .map(|((_, t), y)| find_entities(t, "en", &kb, *y))
            .collect::<Vec<_>>();
        passes.push(t0.elapsed().as_secs_f64());
    }
    passes.sort_by(f64::total_cmp);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let t1 = Instant::now();
    let mut reg = if std::env::var_os("NO_KB_REGISTRY").is_some() {
        NameRegistry::default()
    } else {
        NameRegistry::with_kb(&kb)
    };
    // Batches in input order share the registry, as the CLI does.
    for chunk in all.chunks_mut(batch.max(1)) {
        link(chunk, &mut reg);
    }
    let lt = t1.elapsed();
    if time {
        let n = texts.len().max(1) as f64;
        let mean_bytes = bytes as f64 / n;
        let best = passes.first().copied().unwrap_or(0.0) / n;
        let median = passes.get(passes.len() / 2).copied().unwrap_or(0.0) / n;
        eprintln!(
            "find_entities: best {:.3} ms/article, median {:.3} ms/article ({} articles, mean {:.0} bytes; best {:.3} ms per 5 KB); link: {:.3} ms total",
            best * 1e3,
            median * 1e3,
            texts.len(),
            mean_bytes,
            best * 1e3 * 5000.0 / mean_bytes.max(1.0),
            lt.as_secs_f64() * 1e3
        );
    }
    for ((name, _), ents) in texts.iter().zip(&all) {
        if seeds {
            println!("=== {name}");
            for e in ents {
                let ms: Vec<String> = e
                    .mentions
                    .iter()
                    .map(|m| format!("{}@{}", m.text, m.start))
                    .collect();
                println!(
                    "  {:?} {} {} | {}",
                    e.kind,
                    e.name,
                    e.role
                        .as_deref()
                        .map(|r| format!("[{r}]"))
                        .unwrap_or_default(),
                    ms.join("; ")
                );
            }
        } else {
            let v = serde_json::json!({"source": name, "entities": ents.iter().map(|e| serde_json::json!({
                "name": e.name, "kind": format!("{:?}", e.kind).to_lowercase(),
                "mentions": e.mentions.iter().map(|m| serde_json::json!({"text": m.text, "start": m.start, "end": m.end})).collect::<Vec<_>>()
            })).collect::<Vec<_>>()});
            println!("{v}");
        }
    }
}
